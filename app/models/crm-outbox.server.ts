/**
 * The CRM outbox (F15): rows written in the same transaction as the change
 * they describe, delivered later by the worker (services/outbox.server.ts).
 */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction } from "~/db.server";
import { now as clockNow } from "~/utils/clock";
import type { Tx } from "./activities.server";

const o = schema.crmOutbox;

/** Attempts before a row is marked failed and waits for "Retry failed". */
export const MAX_ATTEMPTS = 6;
/** How long a claimed row is hidden from other workers while it is sent. */
export const CLAIM_LEASE_MS = 60_000;

export type AccountUpsertPayload = { externalId: string; name: string };

/** The external id Salesforce knows a customer by. */
export function accountExternalId(customerId: number): string {
  return `pc-customer-${customerId}`;
}

/** Queues "tell Salesforce this account's name", inside the caller's transaction. */
export function enqueueAccountUpsert(
  tx: Tx,
  { customerId, name, at }: { customerId: number; name: string; at: number },
): void {
  const payload: AccountUpsertPayload = { externalId: accountExternalId(customerId), name };
  tx.insert(o)
    .values({
      customerId,
      kind: "account.upsert",
      payload: JSON.stringify(payload),
      status: "pending",
      nextAttemptAt: at,
      createdAt: at,
    })
    .run();
}

export type ClaimedDelivery = {
  /** Every pending row of the customer this delivery settles, oldest first. */
  rowIds: number[];
  customerId: number;
  attempts: number;
  payload: AccountUpsertPayload;
};

/**
 * Claims the next due delivery: the oldest due pending row, together with
 * every other pending row of the same customer, sent as one upsert of the
 * latest payload (several waiting renames send only the latest name). The
 * claim pushes the rows' next attempt past a lease, so a second worker does
 * not take them meanwhile.
 */
export function claimNextDelivery(now = clockNow()): ClaimedDelivery | null {
  // The lock is taken before the read: two processes can never claim the same rows.
  return writeTransaction((tx) => {
    const due = tx
      .select({ customerId: o.customerId })
      .from(o)
      .where(and(eq(o.status, "pending"), lte(o.nextAttemptAt, now)))
      .orderBy(asc(o.nextAttemptAt), asc(o.id))
      .limit(1)
      .get();
    if (!due) return null;
    const rows = tx
      .select({ id: o.id, payload: o.payload, attempts: o.attempts })
      .from(o)
      .where(and(eq(o.status, "pending"), eq(o.customerId, due.customerId)))
      .orderBy(asc(o.id))
      .all();
    const latest = rows[rows.length - 1]!;
    tx.update(o)
      .set({ nextAttemptAt: now + CLAIM_LEASE_MS })
      .where(inArray(o.id, rows.map((row) => row.id)))
      .run();
    return {
      rowIds: rows.map((row) => row.id),
      customerId: due.customerId,
      attempts: Math.max(...rows.map((row) => row.attempts)),
      payload: JSON.parse(latest.payload) as AccountUpsertPayload,
    };
  });
}

/** The latest row was delivered; the older ones it replaced are superseded. */
export function markDelivered(delivery: ClaimedDelivery, now = clockNow()): void {
  const latestId = delivery.rowIds[delivery.rowIds.length - 1]!;
  const older = delivery.rowIds.slice(0, -1);
  const db = getDb();
  db.transaction((tx) => {
    tx.update(o)
      .set({ status: "delivered", deliveredAt: now, attempts: delivery.attempts + 1, lastError: null })
      .where(and(eq(o.id, latestId), eq(o.status, "pending")))
      .run();
    if (older.length > 0) {
      tx.update(o)
        .set({ status: "superseded", deliveredAt: now })
        .where(and(inArray(o.id, older), eq(o.status, "pending")))
        .run();
    }
  });
}

/**
 * A failed attempt: try again after `retryInMs`, or mark the rows failed once
 * they reached MAX_ATTEMPTS.
 */
export function markAttemptFailed(
  delivery: ClaimedDelivery,
  { error, retryInMs, now = clockNow() }: { error: string; retryInMs: number; now?: number },
): "retrying" | "failed" {
  const attempts = delivery.attempts + 1;
  const failed = attempts >= MAX_ATTEMPTS;
  getDb()
    .update(o)
    .set({
      attempts,
      lastError: error.slice(0, 500),
      status: failed ? "failed" : "pending",
      nextAttemptAt: now + retryInMs,
    })
    .where(and(inArray(o.id, delivery.rowIds), eq(o.status, "pending")))
    .run();
  return failed ? "failed" : "retrying";
}

export type OutboxStatus = {
  waiting: number;
  failed: number;
  delivered: number;
  lastError: string | null;
  lastErrorAt: number | null;
};

/** Counts for a partner's Integrations page. */
export function getOutboxStatus({ partnerId }: { partnerId: number }): OutboxStatus {
  const db = getDb();
  const ofPartner = sql`${o.customerId} in (select id from customers where partner_id = ${partnerId})`;
  const counts = db
    .select({ status: o.status, n: sql<number>`count(*)` })
    .from(o)
    .where(ofPartner)
    .groupBy(o.status)
    .all();
  const count = (status: string) => counts.find((row) => row.status === status)?.n ?? 0;
  const lastError = db
    .select({ lastError: o.lastError, at: o.nextAttemptAt })
    .from(o)
    .where(and(ofPartner, sql`${o.lastError} is not null`, inArray(o.status, ["pending", "failed"])))
    .orderBy(desc(o.id))
    .limit(1)
    .get();
  return {
    waiting: count("pending"),
    failed: count("failed"),
    delivered: count("delivered") + count("superseded"),
    lastError: lastError?.lastError ?? null,
    lastErrorAt: lastError?.at ?? null,
  };
}

/** "Retry failed": a partner's failed rows wait again, with a fresh count of attempts. */
export function retryFailedDeliveries({ partnerId, now = clockNow() }: { partnerId: number; now?: number }): number {
  return getDb()
    .update(o)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now })
    .where(
      and(
        eq(o.status, "failed"),
        sql`${o.customerId} in (select id from customers where partner_id = ${partnerId})`,
      ),
    )
    .run().changes;
}
