/**
 * The scheduled unlinks (F9) that complete on their day with nobody acting.
 */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction } from "~/db.server";
import { now as clockNow } from "~/utils/clock";
import { recordActivity } from "./activities.server";

const c = schema.customers;

/**
 * Completes every scheduled unlink whose day has come (F9), with nobody
 * acting: run by the server's background work and by `npm run unlinks:run`.
 * One transaction per customer, each checking again that the unlink is
 * still scheduled and due, so running it twice, or at the same time as a
 * "Cancel unlink", completes each unlink once or not at all. `unlinkedAt`
 * is the scheduled day (the day the unlink takes effect, even when the job
 * runs late); the activity record "customer.unlinkCompleted" (no actor)
 * carries the moment it ran.
 *
 * @returns the ids of the customers it unlinked.
 */
export function completeDueUnlinks(now: number = clockNow()): { completed: number[] } {
  const db = getDb();
  const due = db
    .select({ id: c.id, partnerId: c.partnerId, unlinkScheduledFor: c.unlinkScheduledFor })
    .from(c)
    // customers_unlink_scheduled_idx (link_state, unlink_scheduled_for)
    .where(and(eq(c.linkState, "unlink_scheduled"), lte(c.unlinkScheduledFor, now)))
    .orderBy(asc(c.unlinkScheduledFor), asc(c.id))
    .all();
  const completed: number[] = [];
  for (const customer of due) {
    const day = customer.unlinkScheduledFor!;
    const done = writeTransaction((tx) => {
      const updated = tx
        .update(c)
        .set({
          linkState: "unlinked",
          unlinkScheduledFor: null,
          unlinkedAt: day,
          version: sql`${c.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(c.id, customer.id), eq(c.linkState, "unlink_scheduled"), eq(c.unlinkScheduledFor, day)))
        .run();
      if (updated.changes !== 1) return false;
      recordActivity(tx, {
        partnerId: customer.partnerId,
        customerId: customer.id,
        actorUserId: null,
        kind: "customer.unlinkCompleted",
        before: { linkState: "unlink_scheduled", unlinkScheduledFor: day },
        after: { linkState: "unlinked", unlinkedAt: day },
        at: now,
      });
      return true;
    });
    if (done) completed.push(customer.id);
  }
  return { completed };
}
