/**
 * Partner Assistance (F12, F14): a partner asks a customer for approval, and
 * the customer's admin answers it, or turns Partner Assistance on or off, in
 * its own Central Admin.
 *
 * Each change is a guarded write (guarded-write.server.ts): one transaction
 * that reads the customer through the actor's scope, asks the customer
 * policy with the facts it just read, and writes the change with its
 * activity row (in the partner's log: the customer's partner), or nothing.
 * A refusal is an outcome; so is a second click that finds the work done already.
 *
 * A request is pending until it is answered or until its `expiresAt`, 14 days
 * after it was made (domain/assistance.ts): an expired request keeps its
 * "pending" status in the table until a new request takes its place, and is
 * read as expired everywhere, so no job is needed.
 */
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "~/db.server";
import type { CustomerAdminActor } from "~/domain/actor";
import { REQUEST_LIFETIME_MS, isPending } from "~/domain/assistance";
import { now as clockNow } from "~/utils/clock";
import { customerScopeCondition } from "./scope.server";
import { shownCustomerName } from "./customer-details.server";
import { guardedCustomerWrite, type CustomerCommand } from "./guarded-write.server";
import type { NotFound, Refused } from "./outcomes.server";

const c = schema.customers;
const r = schema.approvalRequests;

export type RequestOutcome = { status: "requested"; name: string; expiresAt: number } | NotFound | Refused;

/**
 * Asks a customer to turn on Partner Assistance (F12), if the policy allows
 * it: Partner Assistance off, not a managed customer order, and no request
 * pending (refused with "request.pending" and the pending one's expiry).
 * Writes the request, pending for 14 days, and its "approval.requested"
 * activity row.
 */
export function requestApproval({
  actor,
  customerId,
  now = clockNow(),
}: CustomerCommand): RequestOutcome {
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "requestApproval" } }, ({ tx, record }): RequestOutcome => {
    // An expired request still marked "pending" holds the customer's one
    // pending place (the unique index): it is closed as expired first.
    tx.update(r)
      .set({ status: "expired" })
      .where(and(eq(r.customerId, customerId), eq(r.status, "pending"), lte(r.expiresAt, now)))
      .run();
    const expiresAt = now + REQUEST_LIFETIME_MS;
    tx.insert(r)
      .values({ customerId, requestedByUserId: actor.user.id, status: "pending", createdAt: now, expiresAt })
      .run();
    record({ kind: "approval.requested" });
    return { status: "requested", name: shownCustomerName(tx, customerId), expiresAt };
  });
}

export type AssistanceSetting = {
  on: boolean;
  reason: string | null;
  since: number | null;
  managedOrder: boolean;
  partnerName: string;
};

/** The customer's Partner Assistance as its Central Admin shows it; undefined outside the scope. */
export function getAssistanceSetting({ actor }: { actor: CustomerAdminActor }): AssistanceSetting | undefined {
  const row = getDb()
    .select({
      on: c.partnerAssistance,
      reason: c.partnerAssistanceReason,
      since: c.partnerAssistanceSince,
      managedOrder: c.managedOrder,
      partnerName: schema.partners.name,
    })
    .from(c)
    .innerJoin(schema.partners, eq(schema.partners.id, c.partnerId))
    .where(and(eq(c.id, actor.customer.id), customerScopeCondition(actor.scope)))
    .get();
  if (!row) return undefined;
  // F10: a managed customer order always has it, whatever the row says.
  return row.managedOrder ? { ...row, on: true, reason: "managed_order" } : row;
}

export type PendingRequest = { id: number; requestedBy: string; createdAt: number; expiresAt: number };

/** The partner's requests that wait for the customer's answer (at most one), oldest first. */
export function listPendingRequests({
  actor,
  now = clockNow(),
}: {
  actor: CustomerAdminActor;
  now?: number;
}): PendingRequest[] {
  return getDb()
    .select({ id: r.id, requestedBy: schema.users.name, createdAt: r.createdAt, expiresAt: r.expiresAt })
    .from(r)
    .innerJoin(c, eq(c.id, r.customerId))
    .innerJoin(schema.users, eq(schema.users.id, r.requestedByUserId))
    .where(
      and(
        eq(r.customerId, actor.customer.id),
        customerScopeCondition(actor.scope),
        eq(r.status, "pending"),
        gt(r.expiresAt, now),
      ),
    )
    .orderBy(asc(r.createdAt), asc(r.id))
    .all();
}

export type AnswerOutcome =
  | { status: "answered"; answer: "approve" | "refuse"; partnerName: string }
  | { status: "not_pending"; partnerName: string }
  | NotFound
  | Refused;

/**
 * The customer admin's answer to a request of its partner (F12, F14).
 * Approving turns Partner Assistance on ("turned on by the customer");
 * refusing records the refusal. A request of another customer is not found;
 * one that expired or was answered already is "not_pending" and nothing is
 * written.
 */
export function answerRequest({
  actor,
  requestId,
  answer,
  now = clockNow(),
}: {
  actor: CustomerAdminActor;
  requestId: number;
  answer: "approve" | "refuse";
  now?: number;
}): AnswerOutcome {
  const customerId = actor.customer.id;
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "answerRequest" } }, ({ tx, facts, record }): AnswerOutcome => {
    const request = tx
      .select({ status: r.status, createdAt: r.createdAt, expiresAt: r.expiresAt, answeredAt: r.answeredAt })
      .from(r)
      .where(and(eq(r.id, requestId), eq(r.customerId, customerId)))
      .get();
    if (!request) return { status: "not_found" };
    const partnerName = partnerNameOf(tx, actor.customer.partnerId);
    if (!isPending(request, now)) return { status: "not_pending", partnerName };
    tx.update(r)
      .set({ status: answer === "approve" ? "approved" : "refused", answeredByUserId: actor.user.id, answeredAt: now })
      .where(and(eq(r.id, requestId), eq(r.status, "pending")))
      .run();
    const turnsOn = answer === "approve" && !facts.partnerAssistance;
    if (turnsOn) writeAssistance(tx, customerId, true, now);
    record({
      kind: answer === "approve" ? "approval.approved" : "approval.refused",
      before: turnsOn ? { partnerAssistance: false } : null,
      after: turnsOn ? { partnerAssistance: true } : null,
    });
    return { status: "answered", answer, partnerName };
  });
}

export type SetAssistanceOutcome =
  | { status: "turned_on" | "turned_off" | "unchanged"; on: boolean; partnerName: string }
  | NotFound
  | Refused;

/**
 * Turns Partner Assistance on or off for the customer admin's own customer
 * (F14). Off takes launching away at once: the guard checks the policy at
 * every request of a launched console, so a partner user launched into it
 * now is sent back at its next request. Turning it on answers a request
 * waiting for an answer (the customer gave what was asked), so it does not
 * come back as "requested" once it is turned off again. Turning it to the
 * state it is in writes nothing.
 */
export function setPartnerAssistance({
  actor,
  on,
  now = clockNow(),
}: {
  actor: CustomerAdminActor;
  on: boolean;
  now?: number;
}): SetAssistanceOutcome {
  const customerId = actor.customer.id;
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "setAssistance", on } }, ({ tx, facts, record }): SetAssistanceOutcome => {
    const partnerName = partnerNameOf(tx, actor.customer.partnerId);
    if (facts.partnerAssistance === on || (facts.managedOrder && on)) return { status: "unchanged", on, partnerName };
    writeAssistance(tx, customerId, on, now);
    if (on) {
      tx.update(r)
        .set({ status: "approved", answeredByUserId: actor.user.id, answeredAt: now })
        .where(and(eq(r.customerId, customerId), eq(r.status, "pending"), gt(r.expiresAt, now)))
        .run();
    }
    record({
      kind: on ? "assistance.on" : "assistance.off",
      before: { partnerAssistance: !on },
      after: { partnerAssistance: on },
    });
    return { status: on ? "turned_on" : "turned_off", on, partnerName };
  });
}

/** Partner Assistance on ("turned on by the customer", from now) or off, as one change of the customer. */
function writeAssistance(tx: Tx, customerId: number, on: boolean, now: number): void {
  tx.update(c)
    .set({
      partnerAssistance: on,
      partnerAssistanceReason: on ? "customer" : null,
      partnerAssistanceSince: on ? now : null,
      version: sql`${c.version} + 1`,
      updatedAt: now,
    })
    .where(eq(c.id, customerId))
    .run();
}

function partnerNameOf(tx: Tx, partnerId: number): string {
  const p = schema.partners;
  return tx.select({ name: p.name }).from(p).where(eq(p.id, partnerId)).get()?.name ?? "";
}
