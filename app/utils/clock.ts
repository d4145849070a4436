/**
 * The one clock (STYLE.md §6). Every rule that depends on today (license
 * status, trial days left, the 60-day unlink limit, request expiry, session
 * lifetimes) reads the time here, so a test can fix it to a date with
 * `setClock` and the whole app agrees on that date.
 */
let fixedAt: number | null = null;

/** Milliseconds since the epoch: the fixed time in tests, else the real one. */
export function now(): number {
  return fixedAt ?? Date.now();
}

/** Fixes the clock at a moment (tests only); `null` gives back the real time. */
export function setClock(at: number | null): void {
  fixedAt = at;
}
