/**
 * Changing what a customer account is (F8, F9): converting a trial to a
 * monthly account, unlinking a customer (at once, or scheduled for the first
 * day of next month), cancelling a scheduled unlink. The chosen customers'
 * facts are read by customer-selection.server.ts; the scheduled unlinks
 * complete in scheduled-unlinks.server.ts.
 *
 * Each change to one customer is a guarded write (guarded-write.server.ts):
 * one transaction that reads the customer's facts through the actor's scope,
 * asks the customer policy and writes the change with its activity record,
 * or nothing. A refusal is an outcome. A page that
 * acts on several customers calls these once per customer, so one
 * customer's refusal never undoes another's change.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { schema, type Tx } from "~/db.server";
import { shownName } from "../../lib/text";
import { assistanceFromStart } from "~/domain/assistance";
import { monthlyLicenseDates } from "~/domain/products";
import { now as clockNow } from "~/utils/clock";
import { guardedCustomerWrite, type CustomerCommand } from "./guarded-write.server";
import type { NotFound, Refused } from "./outcomes.server";

const c = schema.customers;
const l = schema.licenses;

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
}: CustomerCommand): ConvertOutcome {
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "convertBilling" } }, ({ tx, facts, record }) => {
    const current = currentRow(tx, customerId);
    const name = shownName(current);

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
    record({
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
    });
    return { status: "converted" as const, name };
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
}: CustomerCommand & {
  confirmedImmediate: boolean;
}): UnlinkOutcome {
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "unlink" } }, ({ tx, facts, decision, record }): UnlinkOutcome => {
    const current = currentRow(tx, customerId);
    const name = shownName(current);
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
    record({
      kind: scheduled ? "customer.unlinkScheduled" : "customer.unlinked",
      before: { linkState: facts.linkState },
      after: change,
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
}: CustomerCommand): CancelUnlinkOutcome {
  return guardedCustomerWrite({ actor, customerId, now, action: { kind: "cancelUnlink" } }, ({ tx, facts, record }): CancelUnlinkOutcome => {
    const current = currentRow(tx, customerId);
    const name = shownName(current);
    if (facts.linkState !== "unlink_scheduled") return { status: "not_scheduled", name };
    const updated = tx
      .update(c)
      .set({ linkState: "linked", unlinkScheduledFor: null, version: sql`${c.version} + 1`, updatedAt: now })
      .where(and(eq(c.id, customerId), eq(c.version, current.version), eq(c.linkState, "unlink_scheduled")))
      .run();
    if (updated.changes !== 1) tx.rollback();
    record({
      kind: "customer.unlinkCancelled",
      before: { linkState: "unlink_scheduled", unlinkScheduledFor: facts.unlinkScheduledFor },
      after: { linkState: "linked", unlinkScheduledFor: null },
    });
    return { status: "cancelled", name, was: facts.unlinkScheduledFor };
  });
}
