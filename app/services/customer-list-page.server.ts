/**
 * The Customers list page's data (F1-F3, F8, F9, F12, F13), for the route's
 * loader (app/routes/customers.tsx) once its guard has let the user in: the
 * page of customers for the address's search and filters, the group filter's
 * options, what the user may do, and what each row offers; and the answer to
 * a row's button, for the route's action.
 *
 * It lives here, not in the route, so that the route module names one server
 * module besides the guard: each server module a route names stays in the
 * browser's bundle as an empty stub (docs/performance.md, "JavaScript").
 */
import type { PartnerActor } from "~/domain/actor";
import { decide, type CustomerFacts } from "~/domain/customer-policy";
import { permits } from "~/domain/permissions";
import { listCustomers, type CustomerListRow } from "~/models/customer-list.server";
import { listGroupOptions } from "~/models/groups.server";
import { customerListSearch, parseCustomerListQuery } from "~/schemas/customer-list-query";
import { answerApprovalRequest, answerLaunch } from "~/services/assistance-answers.server";
import { badRequest, notFound } from "~/services/http.server";
import { readForm } from "~/services/request-body.server";
import { now } from "~/utils/clock";
import { parseId } from "~/utils/params";

/** What a row's Actions cell offers besides "Customer details" (F12, F13). */
export type RowOffer = {
  /** "Request approval" (Super Admin, Admin; Partner Assistance off; nothing pending). */
  request: boolean;
  /** "Launch customer" (every role; Partner Assistance on, or a managed customer order). */
  launch: boolean;
  /** No launch until the customer's admin turns Partner Assistance on: the row says so. */
  launchOff: boolean;
};

export function customerListPage(actor: PartnerActor, searchParams: URLSearchParams) {
  const { scope } = actor;
  const { query, searchTruncated, ignoredValues } = parseCustomerListQuery(searchParams);
  const groups = listGroupOptions({ scope });
  const groupKnown = query.groupId === null || groups.some((g) => g.id === query.groupId);
  const effectiveQuery = groupKnown ? query : { ...query, groupId: null };
  const { facts, rows, ...result } = listCustomers({ scope, query: effectiveQuery });
  return {
    ...result,
    query: { ...effectiveQuery, page: result.page },
    groups,
    searchTruncated,
    ignoredValues: ignoredValues || !groupKnown,
    canExport: permits(actor, "customers.export"),
    canStartTrial: permits(actor, "customer.startTrial"),
    canCreateMonthly: permits(actor, "customer.createMonthly"),
    // F9, F8: rows can be chosen to "Unlink" (whoever may update billing
    // may unlink too) and, at a Flex MSP partner, to "Update billing type".
    canSelect: permits(actor, "customer.unlink"),
    canUpdateBilling: permits(actor, "customer.updateBilling"),
    // The rows, and what each row's Actions cell offers besides "Customer
    // details" (F12, F13).
    rows: withEqualPartsShared(rows),
    offers: rowOffers(actor, rows, facts),
  };
}

/**
 * The rows with each of their equal parts (a license's status, a list of
 * groups, a Partner Assistance state) as one object. The page's hydration
 * data (turbo-stream) writes an object once and then refers to it, so 50
 * rows' parts, mostly alike, go out a few dozen times instead of some 300:
 * a third fewer bytes and about half the CPU to encode (docs/performance.md).
 */
function withEqualPartsShared(rows: CustomerListRow[]): CustomerListRow[] {
  const shared = new Map<string, unknown>();
  const one = <T>(key: string, value: T): T => {
    const first = shared.get(key) as T | undefined;
    if (first !== undefined) return first;
    shared.set(key, value);
    return value;
  };
  return rows.map((row) => {
    const licenses = row.licenses.map((l) => one(`license ${l.category} ${l.status} ${l.daysLeft}`, l));
    return {
      ...row,
      groups: one(`groups ${row.groups.join("\n")}`, row.groups),
      licenses: one(`licenses ${licenses.map((l) => `${l.category} ${l.status} ${l.daysLeft}`).join("\n")}`, licenses),
      assistance: one(`assistance ${row.assistance.state} ${"at" in row.assistance ? row.assistance.at : ""}`, row.assistance),
    };
  });
}

/**
 * A row's "Request approval" or "Launch customer" (F12, F13). The rows'
 * buttons belong to one form that posts to the list's own address, each
 * button naming what it does and carrying its customer's id
 * (`requestApproval=42`, `launch=42`): a few bytes a row, where a
 * `formaction` and an intent cost fifty. A request comes back to the list as
 * it was (its search, filters, sort and page); a launch goes to the
 * customer's console. Both answer as from the details page
 * (assistance-answers.server.ts): an unknown or unreachable customer is a
 * 404, a refusal a 403 that says why. A form naming neither, or both, is a 400.
 */
export async function answerRowButton(request: Request, actor: PartnerActor): Promise<Response> {
  const form = await readForm(request);
  const approval = form.get("requestApproval");
  const launch = form.get("launch");
  if ((approval === null) === (launch === null)) throw badRequest();
  const customerId = parseId(String(approval ?? launch));
  if (!customerId) throw notFound();
  if (launch !== null) return answerLaunch(request, actor, customerId);
  const { query } = parseCustomerListQuery(new URL(request.url).searchParams);
  return answerApprovalRequest(request, actor, customerId, `/customers${customerListSearch(query)}`);
}

/** Each row's offers, by customer id, as the customer policy decides them on the row's facts. */
function rowOffers(
  actor: PartnerActor,
  rows: CustomerListRow[],
  factsOf: Map<number, CustomerFacts>,
): Record<number, RowOffer> {
  const at = now();
  const offers: Record<number, RowOffer> = {};
  // Equal offers are one object, sent once in the hydration data (as the rows' parts above).
  const shared = new Map<string, RowOffer>();
  for (const row of rows) {
    const facts = factsOf.get(row.id);
    if (!facts) continue;
    const launch = decide(actor, { kind: "launch" }, facts, at);
    const offer = {
      request: decide(actor, { kind: "requestApproval" }, facts, at).allowed,
      launch: launch.allowed,
      launchOff: !launch.allowed && launch.reason === "assistance.off",
    };
    const key = `${offer.request} ${offer.launch} ${offer.launchOff}`;
    if (!shared.has(key)) shared.set(key, offer);
    offers[row.id] = shared.get(key)!;
  }
  return offers;
}
