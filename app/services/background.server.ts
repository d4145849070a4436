import { sweepExpiredSessions } from "./session.server";
import { startOutboxWorker } from "./outbox.server";

const SWEEP_EVERY_MS = 10 * 60 * 1000;
const globalForWork = globalThis as typeof globalThis & { __partnerConsoleWork?: boolean };

/**
 * Starts the server's background work once per process: the sweep of expired
 * sessions and the CRM outbox worker. BACKGROUND_WORK=off leaves it out (the
 * tests drive these by hand).
 */
export function startBackgroundWork(): void {
  if (globalForWork.__partnerConsoleWork || process.env.BACKGROUND_WORK === "off") return;
  globalForWork.__partnerConsoleWork = true;
  const sweep = () => {
    try {
      sweepExpiredSessions();
    } catch (error) {
      console.error("Session sweep failed", error);
    }
  };
  setInterval(sweep, SWEEP_EVERY_MS).unref();
  startOutboxWorker();
}
