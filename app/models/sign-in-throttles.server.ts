import { eq, inArray } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { now as clockNow } from "~/utils/clock";

/**
 * Sign-in throttling (SPEC §6). Failures are counted per key ("email:…" and,
 * behind a trusted proxy, "ip:…") inside a 15-minute window. Once the free
 * attempts are used up (5 failures for an email), sign-in waits, even with
 * the right password: 30 seconds, doubling with each further failure, up to
 * 15 minutes at most. Guessing stays slow, and an attacker can keep a real
 * user out for no more than a quarter of an hour at a time.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const FREE_FAILURES: Record<string, number> = { email: 5, ip: 20 };
const FIRST_WAIT_MS = 30 * 1000;
const MAX_WAIT_MS = 15 * 60 * 1000;

function freeFailures(key: string): number {
  return FREE_FAILURES[key.split(":")[0] ?? "email"] ?? 5;
}

/** How long (ms) sign-in must wait for any of these keys; 0 when it may go ahead. */
export function checkSignInThrottle(keys: string[], now = clockNow()): number {
  const rows = getDb()
    .select()
    .from(schema.signInThrottles)
    .where(inArray(schema.signInThrottles.key, keys))
    .all();
  return Math.max(0, ...rows.map((row) => (row.blockedUntil ?? 0) - now));
}

/** Counts a failed sign-in against every key, in one transaction. */
export function recordSignInFailure(keys: string[], now = clockNow()): void {
  const db = getDb();
  db.transaction((tx) => {
    for (const key of keys) {
      const row = tx
        .select()
        .from(schema.signInThrottles)
        .where(eq(schema.signInThrottles.key, key))
        .get();
      const fresh = !row || now - row.windowStartedAt > THROTTLE_WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      // 0 on the failure that uses up the last free attempt: the wait starts there.
      const over = failures - freeFailures(key);
      const blockedUntil =
        over >= 0 ? now + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over) : null;
      const values = {
        key,
        failures,
        windowStartedAt: fresh ? now : row.windowStartedAt,
        blockedUntil,
      };
      tx.insert(schema.signInThrottles)
        .values(values)
        .onConflictDoUpdate({ target: schema.signInThrottles.key, set: values })
        .run();
    }
  });
}

export function clearSignInFailures(keys: string[]): void {
  getDb().delete(schema.signInThrottles).where(inArray(schema.signInThrottles.key, keys)).run();
}
