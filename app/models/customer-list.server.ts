/**
 * The Customers list (F1-F3) and its CSV export (F17): windows of the list
 * for a search and filters, always read through a CustomerScope
 * (scope.server.ts), so a customer of another partner, outside the user's
 * designation, or unlinked, is simply not there.
 */
import { keptWhileUnchanged, prepared } from "~/db.server";
import { LICENSE_CATEGORIES, type BillingType, type LicenseCategory, type LicenseType } from "../../lib/enums";
import { customerScopeSql, type CustomerScope, type RawCondition } from "./scope.server";
import { customerIdsMatching, likePattern, usesSearchIndex } from "./customer-search.server";
import { assistanceState, type AssistanceState } from "~/domain/assistance";
import type { CustomerFacts } from "~/domain/customer-policy";
import { now as clockNow } from "~/utils/clock";
import {
  PAGE_SIZE,
  narrowsCustomers,
  type CustomerListQuery,
  type LicenseStatusFilter,
  type SortKey,
} from "~/schemas/customer-list-query";
import { foldText, shownName } from "../../lib/text";
import {
  DAY_MS,
  EXPIRING_WITHIN_DAYS,
  trialDaysLeft,
  isProtecting,
  summariseByCategory,
  type CategoryStatus,
} from "~/domain/license-status";

export type { AssistanceState };

/**
 * A row of the list page: only what the page shows, since every field of it
 * also goes into the page's hydration data (docs/performance.md).
 */
export type CustomerListRow = {
  id: number;
  name: string;
  billingType: BillingType;
  /** For a trial: whole days left on its trial licenses (0 once ended). */
  trialDaysLeft: number | null;
  managedOrder: boolean;
  groups: string[];
  /** Each category's status; `daysLeft` is 0 unless the status is "expiring" (the only one that says it). */
  licenses: CategoryStatus[];
  nextLicenseEndAt: number | null;
  assistance: AssistanceState;
  unlinkScheduledFor: number | null;
};

/** A row of the CSV export: the page's, and the legal name and contact email the file has columns for. */
export type CustomerExportRow = CustomerListRow & { legalName: string; contactEmail: string };

export type CustomerListPage = {
  rows: CustomerListRow[];
  total: number;
  page: number;
  pageCount: number;
  /** Each row's facts for the customer policy, by id: for the loader's flags, never for the page. */
  facts: Map<number, CustomerFacts>;
};

/**
 * A WHERE clause as fixed SQL text and its parameters. The text depends only
 * on the query's shape (which filters are set, the kind of scope), never on
 * a value, so each shape is compiled once (`prepared`, db.server.ts;
 * docs/decisions/0017-prepared-queries.md).
 */
type Where = RawCondition;

/** The WHERE of the list for a scope and its search and filters. */
function listWhere(scope: CustomerScope, query: CustomerListQuery, now: number, { forCount = false } = {}): Where {
  // forCount: for a read in no particular order (the ids of a short result,
  // a count).
  const folded = foldText(query.q).trim();
  // The trigram index answers any search of three characters or more;
  // shorter ones are rare and scan the folded column instead.
  const fullText = usesSearchIndex(folded);
  // Counting a full-text search's customers starts from its matches, and a
  // group's from the group's members, rather than from a partner index that
  // SQLite would otherwise choose and that walks every customer of the
  // partner (docs/performance.md, "Figures from the code's comments"). The
  // page itself keeps the index: it reads the customers in its order and
  // stops after one page.
  const narrowWayIn = fullText || query.groupId !== null;
  const where = customerScopeSql(scope, { partnerIndex: !(narrowWayIn && forCount) });
  const add = (text: string, ...params: (string | number)[]) => {
    where.text += ` and ${text}`;
    where.params.push(...params);
  };
  if (folded !== "") {
    if (fullText) {
      // The partner's matching customers, read from its own range of the index.
      add("customers.id in (select value from json_each(?))", JSON.stringify(customerIdsMatching(scope.partnerId, folded)));
    } else {
      add("customers.search_text like ? escape '\\'", likePattern(folded));
    }
  }
  if (query.billing) add("customers.billing_type = ?", query.billing);
  if (query.groupId) add("customers.id in (select customer_id from customer_groups where group_id = ?)", query.groupId);
  if (query.assistance) add("customers.partner_assistance = ?", query.assistance === "on" ? 1 : 0);
  if (query.licenseStatus) {
    const license = licenseCondition(query.licenseStatus, now, { endIndex: forCount });
    add(license.text, ...license.params);
  }
  return where;
}

/**
 * Whether the customer whose id is `id` has a license in a status, asked of
 * its licenses that are not revoked: a seek in `licenses_customer_live_end_idx`,
 * answered by the index alone (partial on the literal `revoked = 0`). It
 * depends on the time as well as the data.
 */
function licenseProbe(status: LicenseStatusFilter, now: number, id: string): Where {
  const license = `exists (select 1 from licenses l where l.customer_id = ${id} and l.revoked = 0 and`;
  if (status === "active") return { text: `${license} l.ends_at > ?)`, params: [now] };
  if (status === "expiring") return { text: `${license} l.ends_at > ? and l.ends_at <= ?)`, params: [now, now + EXPIRING_WITHIN_DAYS * DAY_MS] };
  return { text: `${license} l.ends_at <= ?)`, params: [now] };
}

/**
 * A license status filter's condition on `customers`: the probe, asked only
 * where the customer's `next_license_end_at` does not settle it. That column
 * is the earliest end of its licenses that are not revoked (kept by triggers,
 * migration 0001), so: expired is that end in the past, with no probe;
 * expiring needs it within the 30 days, and is settled when it is still
 * ahead; active is settled when it is ahead. Only customers with a license
 * ended are probed. `endIndex`: for a count, the end may be read from the
 * partner's index of ends (a range of it); a page in list order keeps its
 * own index (the term written `+`, docs/performance.md).
 */
function licenseCondition(status: LicenseStatusFilter, now: number, { endIndex = false } = {}): Where {
  const end = `${endIndex ? "" : "+"}customers.next_license_end_at`;
  if (status === "expired") return { text: `${end} <= ?`, params: [now] };
  const probe = licenseProbe(status, now, "customers.id");
  if (status === "active") return { text: `(${end} > ? or ${probe.text})`, params: [now, ...probe.params] };
  return {
    text: `${end} <= ? and (customers.next_license_end_at > ? or ${probe.text})`,
    params: [now + EXPIRING_WITHIN_DAYS * DAY_MS, now, ...probe.params],
  };
}

function listOrder(sort: SortKey, dir: "asc" | "desc"): string {
  switch (sort) {
    case "billing":
      return `customers.billing_type ${dir}, customers.sort_name ${dir}, customers.id ${dir}`;
    case "licenseEnd":
      // Customers with no license end go last in both directions.
      return `customers.next_license_end_at is null, customers.next_license_end_at ${dir}, customers.sort_name ${dir}, customers.id ${dir}`;
    case "name":
      return `customers.sort_name ${dir}, customers.id ${dir}`;
  }
}

/**
 * A search or filter with at most this many customers is counted and paged
 * from their ids, read in one pass over its conditions; a longer one is
 * counted, and its page read in list order, with two.
 */
const SHORT_RESULT = 1_000;

/**
 * One page of the Customers list. Costs a fixed number of queries whatever
 * the page holds: which customers match (for a search or filter, the ids of
 * a short result, up to `shortResult` + 1, and for a longer one its count;
 * for the unfiltered list its count), kept while the database is unchanged
 * unless a license status filter makes it depend on the time; the page, a
 * slice of a short result's ids in list order (or read by id), in list
 * order from the table otherwise; then the groups,
 * licenses and approval requests of the page's customers, each in one query;
 * each a statement compiled once.
 *
 * A search and filters evaluate their conditions customer by customer, so a
 * short result is read once instead of twice (count, then page). A long
 * result stops the first read early, and its page still walks an index in
 * list order and stops after one page.
 */
export function listCustomers({
  scope,
  query,
  now = clockNow(),
  shortResult = SHORT_RESULT,
}: {
  scope: CustomerScope;
  query: CustomerListQuery;
  now?: number;
  /** Tests lower it to take the long result's path with the demo data. */
  shortResult?: number;
}): CustomerListPage {
  const order = listOrder(query.sort, query.dir);
  const { matches, ordered } = findMatches(scope, query, order, now, shortResult);
  const { ids, total } = matches;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const offset = (page - 1) * PAGE_SIZE;
  const base = !ids
    ? selectListRows(listWhere(scope, query, now), order, PAGE_SIZE, offset)
    : ordered
      ? selectKeptWindow(matches, order, offset)
      : selectRowsById(ids, order, PAGE_SIZE, offset);
  const { rows, facts } = decorateRows(base, query.onlyProtection, now);
  // The export's two extra fields stay off the page (and its hydration data);
  // so do the days left of a license that is not expiring, which the page
  // never shows: all such licenses carry the same 0, sent once.
  const pageRows = rows.map(
    ({ legalName: _legal, contactEmail: _email, ...row }): CustomerListRow => ({
      ...row,
      licenses: row.licenses.map((license) => (license.status === "expiring" ? license : { ...license, daysLeft: 0 })),
    }),
  );
  return { rows: pageRows, facts, total, page, pageCount };
}

/** The customers columns a list row is built from. */
const LIST_COLUMNS =
  "customers.id as id, display_name as displayName, legal_name as legalName, contact_email as contactEmail," +
  " billing_type as billingType, managed_order as managedOrder, partner_assistance as partnerAssistance," +
  " next_license_end_at as nextLicenseEndAt, unlink_scheduled_for as unlinkScheduledFor, status, link_state as linkState";

type BaseRow = {
  id: number;
  displayName: string;
  legalName: string;
  contactEmail: string;
  billingType: BillingType;
  managedOrder: boolean;
  partnerAssistance: boolean;
  nextLicenseEndAt: number | null;
  unlinkScheduledFor: number | null;
  status: CustomerFacts["status"];
  linkState: CustomerFacts["linkState"];
};

/** SQLite's 0/1 to the booleans the rows carry. */
function baseRow(row: BaseRow): BaseRow {
  row.managedOrder = Boolean(row.managedOrder);
  row.partnerAssistance = Boolean(row.partnerAssistance);
  return row;
}

/**
 * Which customers a list's search and filters match, kept until the database
 * changes (keptWhileUnchanged, db.server.ts): the same on every page and in
 * every order, so paging, sorting, or coming back from a card reads only the
 * page. A license status filter moves with the time: for it, the customers
 * that match everything else are kept (when there are at most `shortResult`
 * of them) with their list order, and the licenses of those alone are
 * checked each time. `ordered`: the page is a slice of `matches.inOrder`
 * (`selectKeptWindow`), rather than read by id and sorted.
 */
function findMatches(
  scope: CustomerScope,
  query: CustomerListQuery,
  order: string,
  now: number,
  shortResult: number,
): { matches: Matches; ordered: boolean } {
  if (query.licenseStatus) {
    const { matches: others } = findMatches(scope, { ...query, licenseStatus: null }, order, now, shortResult);
    if (others.ids !== null) {
      // The others in list order (kept with them), narrowed to those with a
      // license in the status: their licenses probed, not the customers read,
      // and the order kept, so the page is a slice of the result.
      const probe = licenseProbe(query.licenseStatus, now, "value");
      const inOrder = prepared(`select value from json_each(?) where ${probe.text} order by key`)
        .pluck()
        .all(JSON.stringify(idsInOrder(others, order)), ...probe.params) as number[];
      const matches: Matches = { ids: JSON.stringify(inOrder), total: inOrder.length, inOrder: new Map([[order, inOrder]]) };
      return { matches, ordered: true };
    }
    return { matches: readMatches(listWhere(scope, query, now, { forCount: true }), query, shortResult), ordered: false };
  }
  const kept = keptWhileUnchanged<Matches>(matchesKey(scope, query, shortResult));
  let matches = kept.get();
  if (!matches) {
    // No order: a full-text search may start from its matches (forCount).
    matches = readMatches(listWhere(scope, query, now, { forCount: true }), query, shortResult);
    kept.set(matches);
  }
  return { matches, ordered: true };
}

/**
 * What decides which customers match: the scope's condition and the search
 * and filters, not the page or the order. Written without reading anything,
 * so that a kept search does not read the index to find its key.
 */
function matchesKey(scope: CustomerScope, query: CustomerListQuery, shortResult: number): string {
  const { text, params } = customerScopeSql(scope);
  const filters = [foldText(query.q).trim(), query.billing, query.groupId, query.assistance, query.licenseStatus];
  return `customers ${text} ${JSON.stringify(params)} ${JSON.stringify(filters)} ${shortResult}`;
}

/**
 * Which customers a list's search and filters match: a short result's ids
 * (a JSON array, for `selectRowsById`), or for a long one (and for the
 * unfiltered list, whatever its size) only its count: its page is read in
 * list order.
 */
type Matches = {
  ids: string | null;
  total: number;
  /** A short result's ids in each list order asked for so far (`idsInOrder`). */
  inOrder?: Map<string, number[]>;
};

function readMatches(anyOrder: Where, query: CustomerListQuery, shortResult: number): Matches {
  if (!narrowsCustomers(query)) return { ids: null, total: countCustomers(anyOrder) };
  // The ids as plain numbers (`pluck`): up to 1,001 of them, no object each.
  const ids = prepared(`select customers.id as id from customers where ${anyOrder.text} limit ?`)
    .pluck()
    .all(...anyOrder.params, shortResult + 1) as number[];
  return ids.length <= shortResult ? { ids: JSON.stringify(ids), total: ids.length } : { ids: null, total: countCustomers(anyOrder) };
}

function countCustomers(where: Where): number {
  const counted = prepared(`select count(*) as n from customers where ${where.text}`).get(...where.params) as
    | { n: number }
    | undefined;
  return counted?.n ?? 0;
}

/** One window of a short result, by its ids (a JSON array), in list order. */
function selectRowsById(ids: string, order: string, limit: number, offset: number): BaseRow[] {
  const rows = prepared(
    `select ${LIST_COLUMNS} from customers where customers.id in (select value from json_each(?)) order by ${order} limit ? offset ?`,
  ).all(ids, limit, offset) as BaseRow[];
  return rows.map(baseRow);
}

/**
 * A short result's ids in list order: put in that order once for each order,
 * kept with them, so that another page or coming back reads only the page's
 * rows.
 */
function idsInOrder(matches: Matches, order: string): number[] {
  matches.inOrder ??= new Map();
  let ordered = matches.inOrder.get(order);
  if (!ordered) {
    ordered = prepared(`select customers.id from customers where customers.id in (select value from json_each(?)) order by ${order}`)
      .pluck()
      .all(matches.ids) as number[];
    matches.inOrder.set(order, ordered);
  }
  return ordered;
}

/** One window of a short result whose ids are (or will be kept) in list order. */
function selectKeptWindow(matches: Matches, order: string, offset: number): BaseRow[] {
  const ordered = idsInOrder(matches, order);
  const rows = prepared(
    `select ${LIST_COLUMNS} from json_each(?) as page join customers on customers.id = page.value order by page.key`,
  ).all(JSON.stringify(ordered.slice(offset, offset + PAGE_SIZE))) as BaseRow[];
  return rows.map(baseRow);
}

/** One window of the list, in list order. */
function selectListRows(where: Where, order: string, limit: number, offset: number): BaseRow[] {
  const rows = prepared(`select ${LIST_COLUMNS} from customers where ${where.text} order by ${order} limit ? offset ?`).all(
    ...where.params,
    limit,
    offset,
  ) as BaseRow[];
  return rows.map(baseRow);
}

/** The decorations of a set of customers, each one fixed statement: the ids go as one JSON array. */
const GROUPS_OF =
  "select cg.customer_id as customerId, g.name as name from customer_groups cg join groups g on g.id = cg.group_id" +
  " where cg.customer_id in (select value from json_each(?)) order by g.name";
const LICENSES_OF =
  "select customer_id as customerId, category, type, ends_at as endsAt, revoked from licenses" +
  " where customer_id in (select value from json_each(?))";
const REQUESTS_OF =
  "select customer_id as customerId, status, created_at as createdAt, expires_at as expiresAt, answered_at as answeredAt" +
  " from approval_requests where customer_id in (select value from json_each(?)) order by created_at, id";

type LicenseFacts = { customerId: number; category: LicenseCategory; type: LicenseType; endsAt: number; revoked: boolean };
type RequestFacts = NonNullable<CustomerFacts["latestRequest"]> & { customerId: number };

/**
 * Adds groups, license summary and Partner Assistance state: three queries
 * for any number of rows. Also gives each row's facts for the customer
 * policy (the same licenses and latest request), so that what a row offers
 * is decided on the real facts at no extra query; they stay on the server.
 */
function decorateRows(
  base: BaseRow[],
  onlyProtection: boolean,
  now: number,
): { rows: CustomerExportRow[]; facts: Map<number, CustomerFacts> } {
  if (base.length === 0) return { rows: [], facts: new Map() };
  const ids = JSON.stringify(base.map((row) => row.id));
  const groupRows = prepared(GROUPS_OF).all(ids) as { customerId: number; name: string }[];
  const licenseRows = (prepared(LICENSES_OF).all(ids) as LicenseFacts[]).map((row) => {
    row.revoked = Boolean(row.revoked);
    return row;
  });
  const requestRows = prepared(REQUESTS_OF).all(ids) as RequestFacts[];

  const groupsOf = groupBy(groupRows, (row) => row.customerId);
  const licensesOf = groupBy(licenseRows, (row) => row.customerId);
  const latestRequestOf = new Map(requestRows.map((row) => [row.customerId, row]));

  const facts = new Map<number, CustomerFacts>();
  const rows = base.map((row) => {
    const licenses = licensesOf.get(row.id) ?? [];
    facts.set(row.id, {
      id: row.id,
      billingType: row.billingType,
      managedOrder: row.managedOrder,
      status: row.status,
      linkState: row.linkState,
      unlinkScheduledFor: row.unlinkScheduledFor,
      partnerAssistance: row.partnerAssistance,
      licenses: licenses.map(({ type, endsAt, revoked }) => ({ type, endsAt, revoked })),
      latestRequest: latestRequestOf.get(row.id) ?? null,
    });
    let summary = summariseByCategory(licenses, now, LICENSE_CATEGORIES);
    if (onlyProtection) summary = summary.filter((entry) => isProtecting(entry.status));
    return {
      id: row.id,
      name: shownName(row),
      legalName: row.legalName,
      contactEmail: row.contactEmail,
      billingType: row.billingType,
      trialDaysLeft: trialDaysLeft({ billingType: row.billingType, licenses }, now),
      managedOrder: row.managedOrder,
      groups: (groupsOf.get(row.id) ?? []).map((g) => g.name),
      licenses: summary,
      nextLicenseEndAt: row.nextLicenseEndAt,
      assistance: assistanceState(row.partnerAssistance, latestRequestOf.get(row.id), now),
      unlinkScheduledFor: row.unlinkScheduledFor,
    };
  });
  return { rows, facts };
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Every row of the list for a search and filters, all pages, in list order,
 * read in batches so memory stays flat however many there are (CSV export).
 * The list as it was when the iteration began: the ids are read first, in
 * one query, and the rows then fetched by id, a batch at a time.
 */
export function* iterateCustomers({
  scope,
  query,
  now = clockNow(),
  batchSize = 500,
}: {
  scope: CustomerScope;
  query: CustomerListQuery;
  now?: number;
  batchSize?: number;
}): Generator<CustomerExportRow[]> {
  // Why ids first rather than LIMIT/OFFSET windows: the export lets other
  // requests run between batches, and a customer renamed meanwhile would
  // move in the order, so a window could skip or repeat it; and each OFFSET
  // re-walks every row before its window (docs/performance.md). The ids are
  // a few bytes a customer; the rows themselves stay batched.
  const where = listWhere(scope, query, now);
  const ids = (
    prepared(`select customers.id as id from customers where ${where.text} order by ${listOrder(query.sort, query.dir)}`).all(
      ...where.params,
    ) as { id: number }[]
  ).map((row) => row.id);
  for (let start = 0; start < ids.length; start += batchSize) {
    const batchIds = ids.slice(start, start + batchSize);
    // By id alone: every id was read within the scope above. (Repeating the
    // scope here made SQLite walk the partner's whole index for each batch.)
    const rows = (
      prepared(`select ${LIST_COLUMNS} from customers where customers.id in (select value from json_each(?))`).all(
        JSON.stringify(batchIds),
      ) as BaseRow[]
    ).map(baseRow);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // In list order; a customer deleted since is left out.
    const base = batchIds.flatMap((id) => byId.get(id) ?? []);
    if (base.length > 0) yield decorateRows(base, query.onlyProtection, now).rows;
  }
}

