/**
 * The Customers list (F1-F3) and its CSV export (F17): windows of the list
 * for a search and filters, always read through a CustomerScope
 * (scope.server.ts), so a customer of another partner, outside the user's
 * designation, or unlinked, is simply not there.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { LICENSE_CATEGORIES, type BillingType } from "../../lib/enums";
import { customerScopeCondition, type CustomerScope } from "./scope.server";
import { assistanceState, type AssistanceState } from "~/domain/assistance";
import type { CustomerFacts } from "~/domain/customer-policy";
import { now as clockNow } from "~/utils/clock";
import {
  PAGE_SIZE,
  type CustomerListQuery,
  type SortKey,
} from "~/schemas/customer-list-query";
import { foldText, shownName } from "../../lib/text";
import {
  DAY_MS,
  EXPIRING_WITHIN_DAYS,
  daysLeft,
  isProtecting,
  summariseByCategory,
  type CategoryStatus,
} from "~/domain/license-status";

const c = schema.customers;

export type { AssistanceState };

export type CustomerListRow = {
  id: number;
  name: string;
  legalName: string;
  contactEmail: string;
  billingType: BillingType;
  /** For a trial: whole days left on its trial licenses (0 once ended). */
  trialDaysLeft: number | null;
  managedOrder: boolean;
  groups: string[];
  licenses: CategoryStatus[];
  nextLicenseEndAt: number | null;
  assistance: AssistanceState;
  unlinkScheduledFor: number | null;
};

export type CustomerListPage = {
  rows: CustomerListRow[];
  total: number;
  page: number;
  pageCount: number;
  /** Each row's facts for the customer policy, by id: for the loader's flags, never for the page. */
  facts: Map<number, CustomerFacts>;
};

/**
 * The FTS5 phrase for a search: the whole text as one quoted string, so
 * operators typed by a user (OR, NEAR, *, quotes) are only text.
 */
function ftsPhrase(folded: string): string {
  return `"${folded.replace(/"/g, '""')}"`;
}

function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The WHERE of the list for a scope and its search and filters. */
function listCondition(scope: CustomerScope, query: CustomerListQuery, now: number): SQL {
  const conditions: SQL[] = [customerScopeCondition(scope)];
  const folded = foldText(query.q).trim();
  if (folded !== "") {
    // The trigram index answers any search of three characters or more;
    // shorter ones are rare and scan the folded column instead.
    conditions.push(
      [...folded].length >= 3
        ? sql`${c.id} in (select rowid from customer_search where customer_search match ${ftsPhrase(folded)})`
        : sql`${c.searchText} like ${likePattern(folded)} escape '\\'`,
    );
  }
  if (query.billing) conditions.push(eq(c.billingType, query.billing));
  if (query.groupId) {
    conditions.push(
      sql`${c.id} in (select customer_id from customer_groups where group_id = ${query.groupId})`,
    );
  }
  if (query.assistance) conditions.push(eq(c.partnerAssistance, query.assistance === "on"));
  if (query.licenseStatus) {
    const soon = now + EXPIRING_WITHIN_DAYS * DAY_MS;
    const licenseCondition = {
      active: sql`l.ends_at > ${now}`,
      expiring: sql`l.ends_at > ${now} and l.ends_at <= ${soon}`,
      expired: sql`l.ends_at <= ${now}`,
    }[query.licenseStatus];
    conditions.push(
      sql`exists (select 1 from licenses l where l.customer_id = ${c.id} and l.revoked = 0 and ${licenseCondition})`,
    );
  }
  return and(...conditions)!;
}

function listOrder(sort: SortKey, dir: "asc" | "desc"): SQL[] {
  const by = dir === "asc" ? asc : desc;
  switch (sort) {
    case "billing":
      return [by(c.billingType), by(c.sortName), by(c.id)];
    case "licenseEnd":
      // Customers with no license end go last in both directions.
      return [sql`${c.nextLicenseEndAt} is null`, by(c.nextLicenseEndAt), by(c.sortName), by(c.id)];
    case "name":
      return [by(c.sortName), by(c.id)];
  }
}

/**
 * One page of the Customers list. Costs a fixed number of queries whatever
 * the page holds: the count, the page, then the groups, licenses and approval
 * requests of the page's customers, each in one query.
 */
export function listCustomers({
  scope,
  query,
  now = clockNow(),
}: {
  scope: CustomerScope;
  query: CustomerListQuery;
  now?: number;
}): CustomerListPage {
  const db = getDb();
  const where = listCondition(scope, query, now);
  const total = db.select({ n: sql<number>`count(*)` }).from(c).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const base = selectListRows(where, listOrder(query.sort, query.dir), PAGE_SIZE, (page - 1) * PAGE_SIZE);
  return { ...decorateRows(base, query.onlyProtection, now), total, page, pageCount };
}

/** The customers columns a list row is built from. */
const listColumns = {
  id: c.id,
  displayName: c.displayName,
  legalName: c.legalName,
  contactEmail: c.contactEmail,
  billingType: c.billingType,
  managedOrder: c.managedOrder,
  partnerAssistance: c.partnerAssistance,
  nextLicenseEndAt: c.nextLicenseEndAt,
  unlinkScheduledFor: c.unlinkScheduledFor,
  status: c.status,
  linkState: c.linkState,
};

/** One window of the list, in list order. */
function selectListRows(where: SQL, order: SQL[], limit: number, offset: number) {
  return getDb().select(listColumns).from(c).where(where).orderBy(...order).limit(limit).offset(offset).all();
}

type BaseRow = ReturnType<typeof selectListRows>[number];

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
): { rows: CustomerListRow[]; facts: Map<number, CustomerFacts> } {
  if (base.length === 0) return { rows: [], facts: new Map() };
  const db = getDb();
  const ids = base.map((row) => row.id);
  const groupRows = db
    .select({ customerId: schema.customerGroups.customerId, name: schema.groups.name })
    .from(schema.customerGroups)
    .innerJoin(schema.groups, eq(schema.groups.id, schema.customerGroups.groupId))
    .where(inArray(schema.customerGroups.customerId, ids))
    .orderBy(asc(schema.groups.name))
    .all();
  const licenseRows = db
    .select({
      customerId: schema.licenses.customerId,
      category: schema.licenses.category,
      type: schema.licenses.type,
      endsAt: schema.licenses.endsAt,
      revoked: schema.licenses.revoked,
    })
    .from(schema.licenses)
    .where(inArray(schema.licenses.customerId, ids))
    .all();
  const requestRows = db
    .select({
      customerId: schema.approvalRequests.customerId,
      status: schema.approvalRequests.status,
      createdAt: schema.approvalRequests.createdAt,
      expiresAt: schema.approvalRequests.expiresAt,
      answeredAt: schema.approvalRequests.answeredAt,
    })
    .from(schema.approvalRequests)
    .where(inArray(schema.approvalRequests.customerId, ids))
    .orderBy(asc(schema.approvalRequests.createdAt), asc(schema.approvalRequests.id))
    .all();

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
    const trialEnds = licenses.filter((l) => l.type === "trial" && !l.revoked).map((l) => l.endsAt);
    let summary = summariseByCategory(licenses, now, LICENSE_CATEGORIES);
    if (onlyProtection) summary = summary.filter((entry) => isProtecting(entry.status));
    return {
      id: row.id,
      name: shownName(row),
      legalName: row.legalName,
      contactEmail: row.contactEmail,
      billingType: row.billingType,
      trialDaysLeft:
        row.billingType === "trial" && trialEnds.length > 0
          ? daysLeft(Math.max(...trialEnds), now)
          : row.billingType === "trial"
            ? 0
            : null,
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
}): Generator<CustomerListRow[]> {
  const db = getDb();
  // Why ids first rather than LIMIT/OFFSET windows: the export lets other
  // requests run between batches, and a customer renamed meanwhile would
  // move in the order, so a window could skip or repeat it; and each OFFSET
  // re-walks every row before its window (docs/performance.md). The ids are
  // a few bytes a customer; the rows themselves stay batched.
  const ids = db
    .select({ id: c.id })
    .from(c)
    .where(listCondition(scope, query, now))
    .orderBy(...listOrder(query.sort, query.dir))
    .all()
    .map((row) => row.id);
  for (let start = 0; start < ids.length; start += batchSize) {
    const batchIds = ids.slice(start, start + batchSize);
    // By id alone: every id was read within the scope above. (Repeating the
    // scope here made SQLite walk the partner's whole index for each batch.)
    const rows = db.select(listColumns).from(c).where(inArray(c.id, batchIds)).all();
    const byId = new Map(rows.map((row) => [row.id, row]));
    // In list order; a customer deleted since is left out.
    const base = batchIds.flatMap((id) => byId.get(id) ?? []);
    if (base.length > 0) yield decorateRows(base, query.onlyProtection, now).rows;
  }
}

