/**
 * Changing what a customer account is (F8, F9): converting a trial to a
 * monthly account, unlinking a customer (at once, or scheduled for the first
 * day of next month), cancelling a scheduled unlink, and completing the
 * scheduled unlinks whose day has come.
 *
 * As in customer-changes.server.ts, each change to one customer runs in one
 * transaction that reads the customer's facts through the actor's scope,
 * asks the customer policy (domain/customer-policy.ts) and writes the change
 * with its activity record, or nothing. A refusal is an outcome. A page that
 * acts on several customers calls these once per customer, so one
 * customer's refusal never undoes another's change.
 */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction } from "~/db.server";
import { shownName } from "../../lib/text";
import type { PartnerActor } from "~/domain/actor";
import { assistanceFromStart } from "~/domain/assistance";
import { decide, type CustomerAction, type CustomerFacts, type Decision, type RefusalReason } from "~/domain/customer-policy";
import { monthlyLicenseDates } from "~/domain/products";
import { now as clockNow } from "~/utils/clock";
import { customerScopeCondition, type CustomerScope } from "./scope.server";
import { getCustomerFacts } from "./customer-details.server";
import { recordActivity, type Tx } from "./activities.server";

const c = schema.customers;
const l = schema.licenses;

type Reader = Tx | ReturnType<typeof getDb>;


/** SQLite takes at most 32,766 parameters in one statement: ids are read in slices of this many. */
const IDS_PER_QUERY = 500;

function slices<T>(items: readonly T[], size = IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type ChosenCustomer = { id: number; name: string; facts: CustomerFacts };

/**
 * The facts of several chosen customers at once (the confirmation pages of
 * F8 and F9): three queries per 500 ids, whatever their number. Ids outside
 * the scope (another partner, outside the designation, unlinked) are left
 * out, so the caller cannot tell them from ids that never existed. In the
 * order of `ids`.
 */
export function listChosenCustomers(
  { scope, ids }: { scope: CustomerScope; ids: readonly number[] },
  reader: Reader = getDb(),
): ChosenCustomer[] {
  const found = new Map<number, ChosenCustomer>();
  for (const slice of slices(ids)) {
    const rows = reader
      .select({
        id: c.id,
        displayName: c.displayName,
        legalName: c.legalName,
        billingType: c.billingType,
        managedOrder: c.managedOrder,
        status: c.status,
        linkState: c.linkState,
        unlinkScheduledFor: c.unlinkScheduledFor,
        partnerAssistance: c.partnerAssistance,
      })
      .from(c)
      .where(and(inArray(c.id, slice), customerScopeCondition(scope)))
      .all();
    if (rows.length === 0) continue;
    const inScope = rows.map((row) => row.id);
    const licenses = reader
      .select({ customerId: l.customerId, type: l.type, endsAt: l.endsAt, revoked: l.revoked })
      .from(l)
      .where(inArray(l.customerId, inScope))
      .all();
    const r = schema.approvalRequests;
    const requests = reader
      .select({
        customerId: r.customerId,
        status: r.status,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
        answeredAt: r.answeredAt,
      })
      .from(r)
      .where(inArray(r.customerId, inScope))
      // The first of each customer is its latest, as getCustomerFacts reads it.
      .orderBy(asc(r.customerId), desc(r.createdAt), desc(r.id))
      .all();
    const licensesOf = new Map<number, CustomerFacts["licenses"][number][]>(inScope.map((id) => [id, []]));
    for (const { customerId, ...license } of licenses) licensesOf.get(customerId)!.push(license);
    const latestRequestOf = new Map<number, CustomerFacts["latestRequest"]>();
    for (const { customerId, ...request } of requests) {
      if (!latestRequestOf.has(customerId)) latestRequestOf.set(customerId, request);
    }
    for (const { displayName, legalName, ...row } of rows) {
      found.set(row.id, {
        id: row.id,
        name: shownName({ displayName, legalName }),
        facts: { ...row, licenses: licensesOf.get(row.id)!, latestRequest: latestRequestOf.get(row.id) ?? null },
      });
    }
  }
  return ids.flatMap((id) => {
    const customer = found.get(id);
    return customer ? [customer] : [];
  });
}

export type PlannedCustomer = { id: number; name: string; decision: Decision };

/**
 * What the policy says, now, of an action on each chosen customer: the
 * confirmation page's plan (who would be converted or unlinked, who not and
 * why). Ids outside the scope are left out. The change itself asks again.
 */
export function planForCustomers({
  actor,
  ids,
  action,
  now = clockNow(),
}: {
  actor: PartnerActor;
  ids: readonly number[];
  action: Extract<CustomerAction, { kind: "convertBilling" | "unlink" }>;
  now?: number;
}): PlannedCustomer[] {
  return listChosenCustomers({ scope: actor.scope, ids }).map(({ id, name, facts }) => ({
    id,
    name,
    decision: decide(actor, action, facts, now),
  }));
}

/**
 * The names of customers on a result page, unlinked ones included: a
 * customer unlinked a moment ago (by this user, or before by someone else)
 * is out of every scope, but the page must still name it. Only a user who
 * sees all of the partner's customers (every user who may unlink does) gets
 * unlinked ones; ids of other partners are left out, as everywhere.
 */
export function listResultNames({
  scope,
  ids,
}: {
  scope: CustomerScope;
  ids: readonly number[];
}): Map<number, { name: string; unlinked: boolean }> {
  const names = new Map<number, { name: string; unlinked: boolean }>();
  // The scope's own condition (with its designation), or, for a user who
  // sees everything, also the partner's unlinked customers.
  const unlinkedOfPartner =
    scope.all && scope.customerId === undefined
      ? sql`(${c.partnerId} = ${scope.partnerId} and ${c.linkState} = 'unlinked')`
      : sql`0`;
  for (const slice of slices(ids)) {
    const rows = getDb()
      .select({ id: c.id, displayName: c.displayName, legalName: c.legalName, linkState: c.linkState })
      .from(c)
      .where(and(inArray(c.id, slice), sql`(${customerScopeCondition(scope)} or ${unlinkedOfPartner})`))
      .all();
    for (const row of rows) names.set(row.id, { name: shownName(row), unlinked: row.linkState === "unlinked" });
  }
  return names;
}

export type Refused = { status: "refused"; name: string; reason: RefusalReason; from?: number };
type NotFound = { status: "not_found" };

function refused(name: string, decision: { reason: RefusalReason; from?: number }): Refused {
  return decision.from === undefined
    ? { status: "refused", name, reason: decision.reason }
    : { status: "refused", name, reason: decision.reason, from: decision.from };
}

function currentRow(tx: Tx, customerId: number) {
  return tx
    .select({
      displayName: c.displayName,
      legalName: c.legalName,
      version: c.version,
      trialStartedBy: c.trialStartedBy,
      partnerAssistanceReason: c.partnerAssistanceReason,
    })
    .from(c)
    .where(eq(c.id, customerId))
    .get()!;
}

export type ConvertOutcome = { status: "converted"; name: string } | Refused | NotFound;

/**
 * Makes a trial customer a monthly account (F8), if the policy allows it (a
 * trial, not a managed customer order, a Super Admin of a Flex MSP
 * partner). In one transaction:
 *
 * - every product trial ends now: each trial license that has not ended yet
 *   gets `endsAt` = now. They are ended, not revoked: "revoked" means taken
 *   away, and the license table should say the trial expired the day the
 *   account became monthly. (A trial license that had not started yet ends
 *   on its start, so its dates stay in order.) Revoked trial licenses stay
 *   as they are;
 * - one monthly (usage) license from now for each product of the trial
 *   (same product and category), so the customer keeps what it tried,
 *   billed from now on. Like a new monthly account's, it has no seat count
 *   (quantity 0: charged for what is installed); its usage is what the
 *   trial had installed, which stays installed;
 * - billing type "usage", Partner Assistance on because monthly accounts
 *   have it (reason "monthly", since now), a version bump;
 * - the activity record "customer.billingConverted", before and after.
 */
export function convertToMonthly({
  actor,
  customerId,
  now = clockNow(),
}: {
  actor: PartnerActor;
  customerId: number;
  now?: number;
}): ConvertOutcome {
  return writeTransaction((tx): ConvertOutcome => {
    const facts = getCustomerFacts({ scope: actor.scope, customerId }, tx);
    if (!facts) return { status: "not_found" };
    const current = currentRow(tx, customerId);
    const name = shownName(current);
    const decision = decide(actor, { kind: "convertBilling" }, facts, now);
    if (!decision.allowed) return refused(name, decision);

    const trials = tx
      .select({
        id: l.id,
        product: l.product,
        category: l.category,
        usage: l.usage,
        startsAt: l.startsAt,
        endsAt: l.endsAt,
      })
      .from(l)
      .where(and(eq(l.customerId, customerId), eq(l.type, "trial"), eq(l.revoked, false)))
      .orderBy(asc(l.category), asc(l.id))
      .all();
    // One monthly license per product, whatever number of trial licenses it had.
    const products = new Map<string, { product: string; category: (typeof trials)[number]["category"]; usage: number }>();
    for (const trial of trials) {
      const end = Math.max(trial.startsAt, now);
      if (trial.endsAt > end) tx.update(l).set({ endsAt: end }).where(eq(l.id, trial.id)).run();
      const key = `${trial.category}\u0000${trial.product}`;
      const product = products.get(key);
      if (product) product.usage += trial.usage;
      else products.set(key, { product: trial.product, category: trial.category, usage: trial.usage });
    }
    const monthly = [...products.values()].map((product) => ({
      customerId,
      product: product.product,
      category: product.category,
      type: "usage" as const,
      quantity: 0,
      usage: product.usage,
      // As a new monthly account's (F7): billed for what is installed, to the yearly renewal.
      ...monthlyLicenseDates(now),
    }));
    if (monthly.length > 0) tx.insert(l).values(monthly).run();

    const reason = assistanceFromStart({ billingType: "usage", managedOrder: false, trialStartedBy: null });
    const updated = tx
      .update(c)
      .set({
        billingType: "usage",
        // Who started the trial says nothing once there is no trial.
        trialStartedBy: null,
        partnerAssistance: true,
        partnerAssistanceReason: reason,
        partnerAssistanceSince: now,
        version: sql`${c.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(c.id, customerId), eq(c.version, current.version)))
      .run();
    if (updated.changes !== 1) tx.rollback();
    // Monthly accounts have Partner Assistance: a request still waiting for
    // the customer's answer has nothing left to ask, and would otherwise come
    // back as "Requested on …" if the customer turned assistance off later.
    tx.update(schema.approvalRequests)
      .set({ status: "expired" })
      .where(and(eq(schema.approvalRequests.customerId, customerId), eq(schema.approvalRequests.status, "pending")))
      .run();
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId,
      actorUserId: actor.user.id,
      kind: "customer.billingConverted",
      // Flat fields, as the activity log shows them (domain/activity-kinds.ts).
      before: {
        billingType: facts.billingType,
        partnerAssistance: facts.partnerAssistance,
        partnerAssistanceReason: current.partnerAssistanceReason,
        trialStartedBy: current.trialStartedBy,
      },
      after: {
        billingType: "usage",
        partnerAssistance: true,
        partnerAssistanceReason: reason,
        trialStartedBy: null,
        trialsEnded: trials.map((trial) => trial.product),
        monthlyLicenses: monthly.map((license) => license.product),
      },
      at: now,
    });
    return { status: "converted", name };
  });
}

export type UnlinkOutcome =
  | { status: "unlinked"; name: string }
  | { status: "scheduled"; name: string; on: number }
  /** It would be unlinked at once, which the user did not confirm (its state changed since the page was shown). */
  | { status: "unconfirmed"; name: string }
  | Refused
  | NotFound;

/**
 * Unlinks a customer (F9) as the policy decides, in one transaction:
 *
 * - at once (a trial, an inactive account, every license revoked or ended 60
 *   or more days ago), only when `confirmedImmediate`: link state
 *   "unlinked", `unlinkedAt` now. It leaves every list (the scope leaves
 *   unlinked customers out) but its record stays. Activity "customer.unlinked";
 * - scheduled (a monthly account): link state "unlink_scheduled" for the
 *   first day of next month, when completeDueUnlinks finishes it. Activity
 *   "customer.unlinkScheduled";
 * - or refused, with the reason and the day from which it could be.
 *
 * A customer unlinked already is out of the scope: "not_found", nothing
 * written twice. One scheduled already is refused ("unlink.alreadyScheduled").
 */
export function unlinkCustomer({
  actor,
  customerId,
  confirmedImmediate,
  now = clockNow(),
}: {
  actor: PartnerActor;
  customerId: number;
  confirmedImmediate: boolean;
  now?: number;
}): UnlinkOutcome {
  return writeTransaction((tx): UnlinkOutcome => {
    const facts = getCustomerFacts({ scope: actor.scope, customerId }, tx);
    if (!facts) return { status: "not_found" };
    const current = currentRow(tx, customerId);
    const name = shownName(current);
    const decision = decide(actor, { kind: "unlink" }, facts, now);
    if (!decision.allowed) return refused(name, decision);
    const scheduled = decision.unlinkOn !== undefined;
    if (!scheduled && !confirmedImmediate) return { status: "unconfirmed", name };
    const change = scheduled
      ? { linkState: "unlink_scheduled" as const, unlinkScheduledFor: decision.unlinkOn! }
      : { linkState: "unlinked" as const, unlinkScheduledFor: null, unlinkedAt: now };
    const updated = tx
      .update(c)
      .set({ ...change, version: sql`${c.version} + 1`, updatedAt: now })
      .where(and(eq(c.id, customerId), eq(c.version, current.version), eq(c.linkState, "linked")))
      .run();
    if (updated.changes !== 1) tx.rollback();
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId,
      actorUserId: actor.user.id,
      kind: scheduled ? "customer.unlinkScheduled" : "customer.unlinked",
      before: { linkState: facts.linkState },
      after: change,
      at: now,
    });
    return scheduled ? { status: "scheduled", name, on: decision.unlinkOn! } : { status: "unlinked", name };
  });
}

export type CancelUnlinkOutcome =
  | { status: "cancelled"; name: string; was: number | null }
  /** Nothing is scheduled (never was, or cancelled already: a second click). */
  | { status: "not_scheduled"; name: string }
  | Refused
  | NotFound;

/**
 * Takes back a scheduled unlink (F9): the customer is linked again, as if
 * nothing had been asked. Possible while the unlink is still scheduled, that
 * is until completeDueUnlinks completes it on its day. Activity
 * "customer.unlinkCancelled".
 */
export function cancelScheduledUnlink({
  actor,
  customerId,
  now = clockNow(),
}: {
  actor: PartnerActor;
  customerId: number;
  now?: number;
}): CancelUnlinkOutcome {
  return writeTransaction((tx): CancelUnlinkOutcome => {
    const facts = getCustomerFacts({ scope: actor.scope, customerId }, tx);
    if (!facts) return { status: "not_found" };
    const current = currentRow(tx, customerId);
    const name = shownName(current);
    const decision = decide(actor, { kind: "cancelUnlink" }, facts, now);
    if (!decision.allowed) return refused(name, decision);
    if (facts.linkState !== "unlink_scheduled") return { status: "not_scheduled", name };
    const updated = tx
      .update(c)
      .set({ linkState: "linked", unlinkScheduledFor: null, version: sql`${c.version} + 1`, updatedAt: now })
      .where(and(eq(c.id, customerId), eq(c.version, current.version), eq(c.linkState, "unlink_scheduled")))
      .run();
    if (updated.changes !== 1) tx.rollback();
    recordActivity(tx, {
      partnerId: actor.partner.id,
      customerId,
      actorUserId: actor.user.id,
      kind: "customer.unlinkCancelled",
      before: { linkState: "unlink_scheduled", unlinkScheduledFor: facts.unlinkScheduledFor },
      after: { linkState: "linked", unlinkScheduledFor: null },
      at: now,
    });
    return { status: "cancelled", name, was: facts.unlinkScheduledFor };
  });
}

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
