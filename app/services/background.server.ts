import { sweepExpiredSessions } from "./session.server";
import { startOutboxWorker } from "./outbox.server";
import { startMailWorker } from "./mail.server";
import { completeDueUnlinks } from "~/models/scheduled-unlinks.server";
import { sweepSignInThrottles } from "~/models/sign-in-throttles.server";

const SWEEP_EVERY_MS = 10 * 60 * 1000;
/**
 * How often scheduled unlinks are looked for (F9). An unlink falls due at
 * midnight UTC of the first of a month, so it completes within this long of
 * its day starting; completing is idempotent, so a restart or a second
 * server changes nothing.
 */
const UNLINKS_EVERY_MS = 5 * 60 * 1000;
const globalForWork = globalThis as typeof globalThis & { __partnerConsoleWork?: boolean };

/** Runs one round of a background job, logging (not throwing) a failure so the next round still comes. */
function guarded(name: string, job: () => void): () => void {
  return () => {
    try {
      job();
    } catch (error) {
      console.error(`${name} failed`, error);
    }
  };
}

/**
 * Starts the server's background work once per process: the sweeps of expired
 * sessions and of spent sign-in throttle rows, the CRM outbox worker, the mail
 * worker (invitations and password resets: SMTP, or .eml files), and the
 * completion of scheduled unlinks whose day has come (at start, then every few minutes). BACKGROUND_WORK=off
 * leaves it out (the tests drive these by hand).
 */
export function startBackgroundWork(): void {
  if (globalForWork.__partnerConsoleWork || process.env.BACKGROUND_WORK === "off") return;
  globalForWork.__partnerConsoleWork = true;
  setInterval(guarded("Session sweep", sweepExpiredSessions), SWEEP_EVERY_MS).unref();
  setInterval(guarded("Sign-in throttle sweep", sweepSignInThrottles), SWEEP_EVERY_MS).unref();
  startOutboxWorker();
  startMailWorker();
  const unlinks = guarded("Completing scheduled unlinks", () => {
    const { completed } = completeDueUnlinks();
    if (completed.length > 0) console.log(`Completed ${completed.length} scheduled unlink(s).`);
  });
  setTimeout(unlinks, 0).unref();
  setInterval(unlinks, UNLINKS_EVERY_MS).unref();
}
