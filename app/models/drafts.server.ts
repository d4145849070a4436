/**
 * The draft of a monthly account (F7): what a user has entered in the steps
 * of "Create monthly account" so far, kept on the server per user, so that
 * reloads, the back button and a server restart lose nothing
 * (docs/decisions/0013-monthly-account-draft.md). One open draft per user;
 * it is consumed in the transaction that creates the customer
 * (customer-creation.server.ts), or thrown away with "Cancel".
 */
import { and, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import type { PartnerActor } from "~/domain/actor";
import { productsInOrder } from "~/domain/products";
import { newCustomerSchema, type NewCustomerValues } from "~/schemas/new-customer";
import { createTranslator } from "~/i18n/translate";
import { now as clockNow } from "~/utils/clock";
import type { Tx } from "./activities.server";

const d = schema.drafts;
const KIND = "monthlyAccount" as const;

export type MonthlyDraft = {
  /** Step 1, "Customer and contact", once its values passed validation; else null. */
  customer: NewCustomerValues | null;
  /** Step 2, "Licenses": the chosen monthly product ids in catalogue order; empty until chosen. */
  products: string[];
};

export type MonthlyStep = "customer" | "licenses" | "confirm";

/**
 * The first step the draft has not done: "customer" without step 1's
 * values, "licenses" without a product, else "confirm" (ready to create).
 */
export function firstUnfinishedStep(draft: MonthlyDraft | undefined): MonthlyStep {
  if (!draft?.customer) return "customer";
  if (draft.products.length === 0) return "licenses";
  return "confirm";
}

// A stored draft is checked with the forms' own schema; its messages are never shown.
const storedCustomerSchema = newCustomerSchema(createTranslator("en"));

/**
 * A draft's JSON as the steps can trust it. A draft written by an older
 * version of the app, or altered, is not an error: what no longer passes is
 * simply not filled in, and the user is sent back to that step.
 */
function parseDraftData(json: string): MonthlyDraft {
  let raw: unknown = null;
  try {
    raw = JSON.parse(json);
  } catch {
    // Not JSON: an empty draft.
  }
  const data = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const customer = storedCustomerSchema.safeParse(data.customer);
  const ids = Array.isArray(data.products) ? data.products.filter((id): id is string => typeof id === "string") : [];
  return {
    customer: customer.success ? customer.data : null,
    products: productsInOrder(ids)
      .filter((product) => product.monthly)
      .map((product) => product.id),
  };
}

function ownDraft(actor: PartnerActor) {
  return and(eq(d.userId, actor.user.id), eq(d.partnerId, actor.partner.id), eq(d.kind, KIND));
}

type Reader = Tx | ReturnType<typeof getDb>;

function readDraft(db: Reader, actor: PartnerActor): MonthlyDraft | undefined {
  const row = db.select({ data: d.data }).from(d).where(ownDraft(actor)).get();
  return row ? parseDraftData(row.data) : undefined;
}

/** The user's open monthly account draft, or undefined when it has none. */
export function getMonthlyDraft({ actor }: { actor: PartnerActor }): MonthlyDraft | undefined {
  return readDraft(getDb(), actor);
}

/**
 * Saves what one step gives (`change`) into the user's draft, starting one
 * when there is none; the other steps' values stay as they were.
 */
export function saveMonthlyDraft({
  actor,
  change,
  now = clockNow(),
}: {
  actor: PartnerActor;
  change: Partial<MonthlyDraft>;
  now?: number;
}): MonthlyDraft {
  return getDb().transaction(
    (tx) => {
      const current = readDraft(tx, actor) ?? { customer: null, products: [] };
      const next: MonthlyDraft = { ...current, ...change };
      const data = JSON.stringify(next);
      tx.insert(d)
        .values({ userId: actor.user.id, partnerId: actor.partner.id, kind: KIND, data, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [d.userId, d.kind], set: { data, partnerId: actor.partner.id, updatedAt: now } })
        .run();
      return next;
    },
    { behavior: "immediate" },
  );
}

/** Throws the user's monthly account draft away ("Cancel"); nothing happens when it has none. */
export function discardMonthlyDraft({ actor }: { actor: PartnerActor }): void {
  getDb().delete(d).where(ownDraft(actor)).run();
}

/**
 * The user's draft inside the caller's transaction, deleted there when it is
 * ready to create (every step done), so that it is used once only: a second
 * submit of the last step finds none. A draft not ready stays as it is.
 * Undefined when there is none. The caller's transaction must be
 * `immediate`, so that no other connection reads the draft in between.
 */
export function takeMonthlyDraft(tx: Tx, actor: PartnerActor): MonthlyDraft | undefined {
  const draft = readDraft(tx, actor);
  if (draft && firstUnfinishedStep(draft) === "confirm") tx.delete(d).where(ownDraft(actor)).run();
  return draft;
}
