/**
 * The Customers list page's data (F1-F3, F8, F9, F12, F13), for the route's
 * loader (app/routes/customers.tsx) once its guard has let the user in: the
 * page of customers for the address's search and filters, the group filter's
 * options, what the user may do, and what each row offers.
 *
 * It lives here, not in the route, so that the route module names one server
 * module besides the guard: each server module a route names stays in the
 * browser's bundle as an empty stub (docs/performance.md, "JavaScript").
 */
import type { AppLoadContext } from "@remix-run/node";
import type { PartnerActor } from "~/domain/actor";
import { decide, type CustomerFacts } from "~/domain/customer-policy";
import { permits } from "~/domain/permissions";
import { listCustomers, type CustomerListRow } from "~/models/customer-list.server";
import { listGroupOptions } from "~/models/groups.server";
import { parseCustomerListQuery } from "~/schemas/customer-list-query";
import { keepOutOfHydration } from "~/services/document-only.server";
import { now } from "~/utils/clock";
import { DOCUMENT_ONLY } from "~/utils/document-only";

/** What a row's Actions cell offers besides "Customer details" (F12, F13). */
export type RowOffer = {
  /** "Request approval" (Super Admin, Admin; Partner Assistance off; nothing pending). */
  request: boolean;
  /** "Launch customer" (every role; Partner Assistance on, or a managed customer order). */
  launch: boolean;
  /** No launch until the customer's admin turns Partner Assistance on: the row says so. */
  launchOff: boolean;
};

export function customerListPage(actor: PartnerActor, searchParams: URLSearchParams, context: AppLoadContext | undefined) {
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
    // details" (F12, F13). A document carries them once, as its HTML: not
    // again as hydration data (document-only.server.ts, CustomerRows).
    rows: keepOutOfHydration(context, DOCUMENT_ONLY.customerRows, rows),
    offers: keepOutOfHydration(context, DOCUMENT_ONLY.customerOffers, rowOffers(actor, rows, facts)),
  };
}

/** Each row's offers, by customer id, as the customer policy decides them on the row's facts. */
function rowOffers(
  actor: PartnerActor,
  rows: CustomerListRow[],
  factsOf: Map<number, CustomerFacts>,
): Record<number, RowOffer> {
  const at = now();
  const offers: Record<number, RowOffer> = {};
  for (const row of rows) {
    const facts = factsOf.get(row.id);
    if (!facts) continue;
    const launch = decide(actor, { kind: "launch" }, facts, at);
    offers[row.id] = {
      request: decide(actor, { kind: "requestApproval" }, facts, at).allowed,
      launch: launch.allowed,
      launchOff: !launch.allowed && launch.reason === "assistance.off",
    };
  }
  return offers;
}
