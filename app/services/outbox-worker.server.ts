/**
 * The outbox pattern, written once (docs/decisions/0008-salesforce-outbox.md,
 * 0023): a row is queued in the same transaction as the change it tells of,
 * and a worker in the background process delivers the due rows one at a
 * time. A claim hides a row from other workers for a lease; a delivery that
 * fails is tried again after a back-off, and after the outbox's most
 * attempts waits, failed, for "Retry failed". The CRM outbox
 * (services/outbox.server.ts) and the mail outbox (services/mail.server.ts)
 * each say only how to claim, send and mark their own rows.
 */

/** Back-off before attempt n+1: 5 s doubling to 15 min at most, with full jitter on the upper half. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(15 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (base / 2) * random());
}

/** A refusal by the receiving end; `retryable: false` when trying again cannot help (an unknown address). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export type DeliveryRun = { delivered: number; retrying: number; failed: number; superseded: number };

/**
 * Delivers every due row once, at most `limit`, one at a time. `send`
 * answers "superseded" for a row that is no longer worth sending.
 */
export async function deliverDue<Row extends { attempts: number }>(
  outbox: {
    claim: (now: number) => Row | null;
    send: (row: Row) => Promise<"sent" | "superseded">;
    markDelivered: (row: Row, now: number) => void;
    markFailed: (row: Row, failure: { error: string; retryInMs: number; now: number }) => "retrying" | "failed";
    /** Called with each failure before it is recorded (the server log). */
    onFailure?: (row: Row, message: string) => void;
  },
  { now, random, limit }: { now: () => number; random: () => number; limit: number },
): Promise<DeliveryRun> {
  const result: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, superseded: 0 };
  for (let i = 0; i < limit; i++) {
    const row = outbox.claim(now());
    if (!row) break;
    try {
      if ((await outbox.send(row)) === "superseded") {
        result.superseded++;
        continue;
      }
      outbox.markDelivered(row, now());
      result.delivered++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      outbox.onFailure?.(row, message);
      const outcome = outbox.markFailed(row, {
        error: message,
        // A permanent refusal waits as long as back-off allows; it still
        // counts towards the most attempts and then waits for "Retry failed".
        retryInMs: retryDelayMs(row.attempts + (retryable ? 1 : 4), random),
        now: now(),
      });
      result[outcome]++;
    }
  }
  return result;
}

const POLL_EVERY_MS = 2_000;

/** Runs `run` every few seconds in this process, never two at once; a failure is logged. Returns a stop function. */
export function pollOutbox(name: string, run: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    run()
      .catch((error) => console.error(`${name} run failed`, error))
      .finally(() => {
        running = false;
      });
  }, POLL_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
