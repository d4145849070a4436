/**
 * The customers chosen on the list for a change to several (F8, F9): their
 * facts in a few queries however many were chosen, what the customer policy
 * says of each, and the names a result page shows. Always through the
 * actor's scope: an id outside it is simply not found.
 */
import { and, asc, desc, inArray, sql } from "drizzle-orm";
import { getDb, schema, type Tx } from "~/db.server";
import { shownName } from "../../lib/text";
import type { PartnerActor } from "~/domain/actor";
import { decide, type CustomerAction, type CustomerFacts, type Decision } from "~/domain/customer-policy";
import { now as clockNow } from "~/utils/clock";
import { customerScopeCondition, type CustomerScope } from "./scope.server";

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
