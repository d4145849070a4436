/**
 * `npm run unlinks:run`: completes every scheduled unlink whose day has come
 * (F9), once, then exits; the server does the same every few minutes
 * (app/services/background.server.ts). Safe to run at any time and as often
 * as you like: an unlink completes once. Uses DATABASE_URL as the server does.
 */
import { completeDueUnlinks } from "../app/models/scheduled-unlinks.server";

const { completed } = completeDueUnlinks();
console.log(
  completed.length === 0
    ? "No scheduled unlink is due."
    : `Completed ${completed.length} scheduled unlink(s): customer id(s) ${completed.join(", ")}.`,
);
