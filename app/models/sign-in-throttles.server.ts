import { eq, inArray, lt } from "drizzle-orm";
import { getDb, schema, writeTransaction, type Tx } from "~/db.server";
import { now as clockNow } from "~/utils/clock";

/**
 * Sign-in throttling (SPEC §6, docs/decisions/0002-sessions-and-sign-in.md).
 * Failed sign-ins are counted inside a 15-minute window under three keys:
 *
 * - the account at one client address (`account-address:`): 5 free
 *   failures, then sign-in from that address to that account waits, even
 *   with the right password: 30 seconds, doubling with each further
 *   failure, up to 15 minutes. Someone failing for an account at one address
 *   holds back only that address: the real user at another one signs in.
 * - the address across accounts (`address:`): 20 free failures, then the
 *   same waits for every account. One address trying many accounts is slowed.
 * - the account across addresses (`account:`), the safety net against a
 *   distributed attack: it never makes anyone wait by itself. Once an account
 *   has had 30 failures in the window (many addresses at it), each address
 *   gets 1 free failure for that account instead of 5. The wait stays per
 *   account and address, so an attacker cannot make the real user wait: only
 *   the real user's own mistakes do, as always.
 *
 * Without a known address (a route called without the server) every request
 * counts as one address, "unknown".
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const FIRST_WAIT_MS = 30 * 1000;
const MAX_WAIT_MS = 15 * 60 * 1000;
const FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
const FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS_UNDER_ATTACK = 1;
const FREE_FAILURES_PER_ADDRESS = 20;
/** Failures of an account, from all addresses, after which its safety net holds. */
export const ACCOUNT_UNDER_ATTACK_FAILURES = 30;

/** One sign-in attempt: the account (the email as typed, lower-cased) and the client address, when known. */
export type SignInAttempt = { email: string; address: string | null };

export function throttleKeys({ email, address }: SignInAttempt) {
  return {
    accountAtAddress: `account-address:${email}|${address ?? "unknown"}`,
    address: address ? `address:${address}` : null,
    account: `account:${email}`,
  };
}

/** The keys whose wait an attempt must honour (the account key never makes anyone wait). */
function blockingKeys(attempt: SignInAttempt): string[] {
  const keys = throttleKeys(attempt);
  return keys.address ? [keys.accountAtAddress, keys.address] : [keys.accountAtAddress];
}

/** How long (ms) this attempt must wait; 0 when it may go ahead. */
export function checkSignInThrottle(attempt: SignInAttempt, now = clockNow()): number {
  const rows = getDb()
    .select({ blockedUntil: schema.signInThrottles.blockedUntil })
    .from(schema.signInThrottles)
    .where(inArray(schema.signInThrottles.key, blockingKeys(attempt)))
    .all();
  return Math.max(0, ...rows.map((row) => (row.blockedUntil ?? 0) - now));
}

/**
 * One more failure under `key`; `free` failures are allowed in a window
 * before the wait starts (Infinity: never). Returns the failures counted.
 */
function countFailure(tx: Tx, key: string, free: number, now: number): number {
  const row = tx.select().from(schema.signInThrottles).where(eq(schema.signInThrottles.key, key)).get();
  const fresh = !row || now - row.windowStartedAt > THROTTLE_WINDOW_MS;
  const failures = fresh ? 1 : row.failures + 1;
  // 0 on the failure that uses up the last free attempt: the wait starts there.
  const over = failures - free;
  const blockedUntil = over >= 0 ? now + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over) : null;
  const values = { key, failures, windowStartedAt: fresh ? now : row.windowStartedAt, blockedUntil };
  tx.insert(schema.signInThrottles)
    .values(values)
    .onConflictDoUpdate({ target: schema.signInThrottles.key, set: values })
    .run();
  return failures;
}

/** Counts a failed sign-in under every key of the attempt, in one transaction. */
export function recordSignInFailure(attempt: SignInAttempt, now = clockNow()): void {
  const keys = throttleKeys(attempt);
  // The lock first: these read then write, and two workers may count the
  // same key at once (a deferred transaction would fail with SQLITE_BUSY).
  writeTransaction((tx) => {
    const accountFailures = countFailure(tx, keys.account, Infinity, now);
    const underAttack = accountFailures >= ACCOUNT_UNDER_ATTACK_FAILURES;
    const free = underAttack
      ? FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS_UNDER_ATTACK
      : FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS;
    countFailure(tx, keys.accountAtAddress, free, now);
    if (keys.address) countFailure(tx, keys.address, FREE_FAILURES_PER_ADDRESS, now);
  });
}

/**
 * Forgives an attempt that turned out right (it was counted as a failure
 * before the password was verified): the account's failures at this address
 * are forgotten; the address's and the account's counts lose this one
 * attempt, and the address's wait ends when it is back under its free
 * failures. (Not forgotten whole: signing in to one's own account must not
 * wipe the count of an address trying others, nor end an attack's net.)
 */
export function forgiveSignInAttempt(attempt: SignInAttempt): void {
  const keys = throttleKeys(attempt);
  writeTransaction((tx) => {
    tx.delete(schema.signInThrottles).where(eq(schema.signInThrottles.key, keys.accountAtAddress)).run();
    const counted: [string | null, number][] = [
      [keys.address, FREE_FAILURES_PER_ADDRESS],
      [keys.account, Infinity],
    ];
    for (const [key, free] of counted) {
      if (!key) continue;
      const row = tx.select().from(schema.signInThrottles).where(eq(schema.signInThrottles.key, key)).get();
      if (!row) continue;
      const failures = Math.max(0, row.failures - 1);
      tx.update(schema.signInThrottles)
        .set({ failures, blockedUntil: failures < free ? null : row.blockedUntil })
        .where(eq(schema.signInThrottles.key, key))
        .run();
    }
  });
}

/**
 * Deletes the rows whose window and wait are both over (a row's last failure
 * is at most a window after its start, its wait at most MAX_WAIT_MS after
 * that): known accounts and unknown emails alike, so guessed emails do not
 * pile up. Called with the session sweep (background.server.ts).
 */
export function sweepSignInThrottles(now = clockNow()): number {
  return getDb()
    .delete(schema.signInThrottles)
    .where(lt(schema.signInThrottles.windowStartedAt, now - THROTTLE_WINDOW_MS - MAX_WAIT_MS))
    .run().changes;
}

/*
 * The same counting for the other guesses issue 20 adds (second-factor
 * codes, "Forgot your password?" requests, the current password on "Change
 * password"), under keys of their own. Each key has its free attempts in a
 * window, then waits from 30 seconds doubling to 15 minutes, as sign-in does.
 */

/** One key of a throttled attempt and its free attempts per window. */
export type ThrottleKey = { key: string; free: number };

/** How long (ms) an attempt under these keys must wait; 0 when it may go ahead. */
export function checkThrottle(keys: readonly ThrottleKey[], now = clockNow()): number {
  if (keys.length === 0) return 0;
  const rows = getDb()
    .select({ blockedUntil: schema.signInThrottles.blockedUntil })
    .from(schema.signInThrottles)
    .where(inArray(schema.signInThrottles.key, keys.map((entry) => entry.key)))
    .all();
  return Math.max(0, ...rows.map((row) => (row.blockedUntil ?? 0) - now));
}

/**
 * Checks and counts an attempt in one write transaction (so parallel
 * attempts cannot all pass the check first): returns the wait when one is
 * due (nothing counted then), else counts the attempt under every key and
 * returns 0.
 */
export function takeThrottledAttempt(keys: readonly ThrottleKey[], now = clockNow()): number {
  return writeTransaction((tx) => {
    const rows = tx
      .select({ blockedUntil: schema.signInThrottles.blockedUntil })
      .from(schema.signInThrottles)
      .where(inArray(schema.signInThrottles.key, keys.map((entry) => entry.key)))
      .all();
    const waitMs = Math.max(0, ...rows.map((row) => (row.blockedUntil ?? 0) - now));
    if (waitMs > 0) return waitMs;
    for (const { key, free } of keys) countFailure(tx, key, free, now);
    return 0;
  });
}

/** Forgets the attempts counted under a key (a right code: its earlier mistakes no longer count). */
export function forgiveThrottle(key: string): void {
  getDb().delete(schema.signInThrottles).where(eq(schema.signInThrottles.key, key)).run();
}
