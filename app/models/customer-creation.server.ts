/**
 * New customers (F7): a trial the partner starts, and a monthly account
 * made from the user's finished draft (drafts.server.ts). Each is one
 * transaction: the customer with its search and sort keys, its licenses,
 * Partner Assistance as `assistanceFromStart` says, and the activity record,
 * or nothing at all.
 */
import { and, desc, eq, gte, ne } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { customerSearchText, customerSortName, shownName } from "../../lib/text";
import { activityActorOf, roleOf, type PartnerActor, type PartnerSideActor } from "~/domain/actor";
import { assistanceFromStart } from "~/domain/assistance";
import { whyNot, type Permission } from "~/domain/permissions";
import {
  TRIAL_SEATS,
  monthlyLicenseDates,
  productsInOrder,
  trialLicenseDates,
  type Product,
} from "~/domain/products";
import type { NewCustomerValues } from "~/schemas/new-customer";
import { createTranslator } from "~/i18n/translate";
import { now as clockNow } from "~/utils/clock";
import { recordActivity, type Tx } from "./activities.server";
import { firstUnfinishedStep, takeMonthlyDraft, type MonthlyStep } from "./drafts.server";

const c = schema.customers;
const a = schema.activities;

export type Refused = { status: "refused"; reason: NonNullable<ReturnType<typeof whyNot>> };
type Created = { status: "created"; customerId: number; name: string };
/** The same thing was created moments ago (a form sent twice): that customer. */
type AlreadyCreated = { status: "already_created"; customerId: number; name: string };

/**
 * How long a second, identical "Start trial" counts as the first one sent
 * twice (a double click without JavaScript sends the form twice).
 */
const RESUBMIT_WINDOW_MS = 2 * 60 * 1000;
/** How long after creating a monthly account a stray submit of its last step is sent to it. */
const RECENT_MONTHLY_MS = 30 * 60 * 1000;

// The address is written in English, like every address the product holds.
const english = createTranslator("en");

function refusal(actor: PartnerSideActor, permission: Permission): Refused | null {
  const missing = whyNot(roleOf(actor), actor.partner, permission);
  return missing ? { status: "refused", reason: missing } : null;
}

/** Why Partner Assistance is on from the start for a customer the partner creates (F12). */
function assistanceReason(billingType: "trial" | "usage") {
  return assistanceFromStart({ billingType, managedOrder: false, trialStartedBy: billingType === "trial" ? "partner" : null });
}

/** What the activity log keeps of a new customer: its main fields, and the products it got. */
function creationRecord(values: NewCustomerValues, billingType: "trial" | "usage", products: Product[]) {
  return {
    legalName: values.companyName,
    billingType,
    dataGeography: values.dataGeography,
    country: values.country,
    contactFirstName: values.firstName,
    contactLastName: values.lastName,
    contactEmail: values.email,
    contactPhone: values.phone,
    partnerAssistance: assistanceReason(billingType) !== null,
    products: products.map((product) => product.name),
  };
}

/** Inserts the customer (no licenses yet) and returns its id. */
function insertCustomer(
  tx: Tx,
  {
    actor,
    values,
    billingType,
    now,
  }: { actor: PartnerSideActor; values: NewCustomerValues; billingType: "trial" | "usage"; now: number },
): number {
  const reason = assistanceReason(billingType);
  const names = { displayName: "", legalName: values.companyName, contactEmail: values.email };
  return tx
    .insert(c)
    .values({
      partnerId: actor.partner.id,
      legalName: values.companyName,
      displayName: "",
      sortName: customerSortName(names),
      searchText: customerSearchText(names),
      billingType,
      managedOrder: false,
      trialStartedBy: billingType === "trial" ? "partner" : null,
      dataGeography: values.dataGeography,
      partnerAssistance: reason !== null,
      partnerAssistanceReason: reason,
      partnerAssistanceSince: reason !== null ? now : null,
      contactFirstName: values.firstName,
      contactLastName: values.lastName,
      contactEmail: values.email,
      contactPhone: values.phone,
      country: english(`lifecycle.country.${values.country}`),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: c.id })
    .get().id;
}

/**
 * The customer this user created last with this kind of activity since
 * `since`, when it is still one of the partner's; with `after`, only when
 * its record is exactly that (the same form sent again).
 */
function recentCreation(
  tx: Tx,
  actor: PartnerSideActor,
  { kind, since, after }: { kind: string; since: number; after?: string },
): { customerId: number; name: string } | undefined {
  const row = tx
    .select({ customerId: c.id, displayName: c.displayName, legalName: c.legalName })
    .from(a)
    .innerJoin(c, eq(c.id, a.customerId))
    .where(
      and(
        eq(a.partnerId, actor.partner.id),
        gte(a.createdAt, since),
        eq(a.kind, kind),
        actor.kind === "apiClient" ? eq(a.actorCredentialId, actor.credential.id) : eq(a.actorUserId, actor.user.id),
        after === undefined ? undefined : eq(a.after, after),
        eq(c.partnerId, actor.partner.id),
        ne(c.linkState, "unlinked"),
      ),
    )
    .orderBy(desc(a.createdAt), desc(a.id))
    .get();
  return row ? { customerId: row.customerId, name: shownName(row) } : undefined;
}

export type StartTrialOutcome = Created | AlreadyCreated | Refused;

/**
 * Starts a trial (F7) for a new customer of the actor's partner: the
 * customer (billing "trial", started by the partner, so Partner Assistance is
 * on with the reason "partner_trial"), a trial license of each product for
 * TRIAL_SEATS seats ending TRIAL_DAYS from now, and the activity record
 * "customer.trialStarted", in one transaction. The same form sent again by
 * the same user within two minutes creates nothing and names the first
 * customer. Refused when the actor's role may not start trials.
 */
export function startTrial({
  actor,
  values,
  productIds,
  now = clockNow(),
}: {
  actor: PartnerSideActor;
  values: NewCustomerValues;
  productIds: readonly string[];
  now?: number;
}): StartTrialOutcome {
  const refused = refusal(actor, "customer.startTrial");
  if (refused) return refused;
  const products = productsInOrder(productIds);
  if (products.length === 0) throw new Error("startTrial needs at least one product of the catalogue");
  const record = creationRecord(values, "trial", products);
  const after = JSON.stringify(record);
  return getDb().transaction(
    (tx): StartTrialOutcome => {
      const earlier = recentCreation(tx, actor, { kind: "customer.trialStarted", since: now - RESUBMIT_WINDOW_MS, after });
      if (earlier) return { status: "already_created", ...earlier };
      const customerId = insertCustomer(tx, { actor, values, billingType: "trial", now });
      const dates = trialLicenseDates(now);
      for (const product of products) {
        tx.insert(schema.licenses)
          .values({
            customerId,
            product: product.name,
            category: product.category,
            type: "trial",
            quantity: TRIAL_SEATS,
            usage: 0,
            ...dates,
          })
          .run();
      }
      recordActivity(tx, {
        partnerId: actor.partner.id,
        customerId,
        ...activityActorOf(actor),
        kind: "customer.trialStarted",
        before: null,
        after: record,
        at: now,
      });
      return { status: "created", customerId, name: values.companyName };
    },
    { behavior: "immediate" },
  );
}

export type CreateMonthlyOutcome =
  | Created
  | Refused
  /** A step of the draft is not done: the user goes back to it. */
  | { status: "incomplete"; step: MonthlyStep }
  /**
   * The user has no draft: the last step sent twice, or after "Cancel".
   * `recent` is the monthly account this user created in the last half hour, if any.
   */
  | { status: "no_draft"; recent: { customerId: number; name: string } | null };

/**
 * Creates a monthly account (F7) from the user's finished draft: the
 * customer (billing "usage", Partner Assistance on with the reason
 * "monthly"), a usage license of each chosen product (quantity and usage 0:
 * charged by what gets installed; ending MONTHLY_LICENSE_DAYS from now), and
 * the activity record "customer.monthlyCreated". The draft is consumed in the
 * same transaction, so a second submit finds no draft and creates nothing.
 * Refused when the actor's role, or its partner's programs, do not allow
 * monthly accounts (Partner Flex MSP).
 */
export function createMonthlyAccount({
  actor,
  now = clockNow(),
}: {
  actor: PartnerActor;
  now?: number;
}): CreateMonthlyOutcome {
  const refused = refusal(actor, "customer.createMonthly");
  if (refused) return refused;
  return getDb().transaction(
    (tx): CreateMonthlyOutcome => {
      const draft = takeMonthlyDraft(tx, actor);
      if (!draft) {
        const recent = recentCreation(tx, actor, { kind: "customer.monthlyCreated", since: now - RECENT_MONTHLY_MS });
        return { status: "no_draft", recent: recent ?? null };
      }
      const step = firstUnfinishedStep(draft);
      if (step !== "confirm" || !draft.customer) return { status: "incomplete", step };
      return insertMonthlyAccount(tx, { actor, values: draft.customer, productIds: draft.products, now });
    },
    { behavior: "immediate" },
  );
}

/**
 * The monthly account itself, inside the caller's transaction: the customer
 * (billing "usage", Partner Assistance on with the reason "monthly"), a usage
 * license of each product and the activity record "customer.monthlyCreated".
 */
function insertMonthlyAccount(
  tx: Tx,
  { actor, values, productIds, now }: { actor: PartnerSideActor; values: NewCustomerValues; productIds: readonly string[]; now: number },
): Created {
  const products = productsInOrder(productIds);
  if (products.length === 0) throw new Error("a monthly account needs at least one product of the catalogue");
  const customerId = insertCustomer(tx, { actor, values, billingType: "usage", now });
  const dates = monthlyLicenseDates(now);
  for (const product of products) {
    tx.insert(schema.licenses)
      .values({ customerId, product: product.name, category: product.category, type: "usage", quantity: 0, usage: 0, ...dates })
      .run();
  }
  recordActivity(tx, {
    partnerId: actor.partner.id,
    customerId,
    ...activityActorOf(actor),
    kind: "customer.monthlyCreated",
    before: null,
    after: creationRecord(values, "usage", products),
    at: now,
  });
  return { status: "created", customerId, name: values.companyName };
}

export type CreateMonthlyNowOutcome = Created | Refused;

/**
 * Creates a monthly account (F7) in one call, for the Partner API (issue
 * 21): the same customer, licenses and activity record as the console's last
 * step ("Create monthly customer"), from values and products given at once
 * instead of a draft. Refused when the actor's role, or its partner's
 * programs, do not allow monthly accounts (Partner Flex MSP).
 */
export function createMonthlyAccountNow({
  actor,
  values,
  productIds,
  now = clockNow(),
}: {
  actor: PartnerSideActor;
  values: NewCustomerValues;
  productIds: readonly string[];
  now?: number;
}): CreateMonthlyNowOutcome {
  const refused = refusal(actor, "customer.createMonthly");
  if (refused) return refused;
  return getDb().transaction((tx) => insertMonthlyAccount(tx, { actor, values, productIds, now }), { behavior: "immediate" });
}
