/**
 * Calendar arithmetic shared by app/ (the unlink rule) and db/ (the demo
 * data's scheduled unlink), below both (docs/decisions/0011).
 */

/** Midnight UTC of the first day of the month after `now`. */
export function firstDayOfNextMonth(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
