/**
 * The activity log (F16): a partner's recorded changes and launches, newest
 * first, with who did each, the customer it was about, and what changed.
 * Every function takes the partner: an entry of another partner is simply
 * not there, and neither is the name of another partner's customer.
 *
 * Entries are written by recordActivity (activities.server.ts) in the same
 * transaction as the change. A customer admin's actions (approvals, Partner
 * Assistance) are entries of the customer's partner, so they are here too.
 */
import { keptWhileUnchanged, prepared } from "~/db.server";
import type { RawCondition } from "./scope.server";
import { foldText, shownName } from "../../lib/text";
import { readChanges, type ActivityActor, type ChangeEntry } from "~/domain/activity-kinds";
import { PAGE_SIZE, endOfUtcDay, startOfUtcDay, type ActivityQuery } from "~/schemas/activity-query";
import { customerIdsMatching, likePattern, usesSearchIndex } from "./customer-search.server";

export type ActivityRow = {
  id: number;
  /** When it happened, milliseconds since the epoch. */
  at: number;
  /** The recorded kind, e.g. "customer.rename"; possibly one the catalogue does not know. */
  kind: string;
  actor: ActivityActor;
  /** The customer it was about, by its name shown now; null for a group's entries. */
  customer: { id: number; name: string; linked: boolean } | null;
  /** The partner user a team change was about, while it exists (a cancelled invitation's is gone: its before says who). */
  subject: { id: number; name: string } | null;
  before: ChangeEntry[] | null;
  after: ChangeEntry[] | null;
};

export type ActivityPage = {
  rows: ActivityRow[];
  total: number;
  /** The page shown: the one asked for, or the last one when it asked past the end. */
  page: number;
  pageCount: number;
};

/**
 * The entries a query reads, as fixed SQL (`prepared`, db.server.ts): the
 * FROM and WHERE on `activities`, whose text depends only on which filters
 * are set, never on a value.
 */
type Selection = { from: string; where: RawCondition };

/** A search's matches are kept while the database is unchanged only up to this many customers (memory). */
const KEPT_MATCHES_MAX = 1_000;

/**
 * The partner's customers whose name or contact email contains the search,
 * as the Customers list searches (customer-list.server.ts), unlinked ones
 * included: their entries stay in the log. A JSON array of their ids, kept
 * until the database changes (keptWhileUnchanged, db.server.ts), so that
 * paging through a search or coming back to it does not match it again.
 */
function customersMatching(partnerId: number, folded: string): string {
  const kept = keptWhileUnchanged<string>(`activity-log customers ${partnerId} ${folded}`);
  const keptIds = kept.get();
  if (keptIds !== undefined) return keptIds;
  let ids: number[];
  if (!usesSearchIndex(folded)) {
    // The trigram index needs three characters; shorter searches are rare
    // and scan the partner's folded names.
    ids = prepared("select customers.id from customers where customers.partner_id = ? and customers.search_text like ? escape '\\'")
      .pluck()
      .all(partnerId, likePattern(folded)) as number[];
  } else {
    // The partner's matches alone, from its own range of the index, not from
    // the partner's 20,000 customers to the matches (customer-search.server.ts).
    ids = customerIdsMatching(partnerId, folded);
  }
  const json = JSON.stringify(ids);
  if (ids.length <= KEPT_MATCHES_MAX) kept.set(json);
  return json;
}

/** The log of a partner for its filters. */
function logSelection(partnerId: number, query: ActivityQuery): Selection {
  const where: RawCondition = { text: "activities.partner_id = ?", params: [partnerId] };
  const add = (text: string, ...params: (string | number)[]) => {
    where.text += ` and ${text}`;
    where.params.push(...params);
  };
  if (query.from) add("activities.created_at >= ?", startOfUtcDay(query.from) ?? 0);
  if (query.to) add("activities.created_at < ?", endOfUtcDay(query.to) ?? Number.MAX_SAFE_INTEGER);
  if (query.kind) add("activities.kind = ?", query.kind);
  if (query.actor?.kind === "user") add("activities.actor_user_id = ?", query.actor.userId);
  if (query.actor?.kind === "scheduled") add("activities.actor_user_id is null and activities.actor_credential_id is null");
  if (query.actor?.kind === "customerAdmins") {
    add(
      `activities.actor_user_id in (select cu.id from users cu join customers cc on cc.id = cu.customer_id
                                     where cu.kind = 'customer' and cc.partner_id = ?)`,
      partnerId,
    );
  }
  const folded = foldText(query.customer).trim();
  if (folded === "") return { from: "activities", where };
  add("activities.customer_id in (select value from json_each(?))", customersMatching(partnerId, folded));
  // A customer search reads the matching customers' entries through the
  // customer index: one seek a customer (with its partner and kind), the
  // index alone. Without statistics SQLite would prefer the partner's
  // indexes, and then test every entry of the partner against the search,
  // which grows with the log (docs/performance.md).
  return { from: "activities indexed by activities_customer_partner_kind_created_idx", where };
}

/** No filter at all: the partner's whole log, counted by `activity_counts`. */
function unfiltered(query: ActivityQuery): boolean {
  return !query.from && !query.to && !query.kind && !query.actor && foldText(query.customer).trim() === "";
}

const NEWEST_FIRST = "activities.created_at desc, activities.id desc";

function countEntries(partnerId: number, query: ActivityQuery, { from, where }: Selection): number {
  if (unfiltered(query)) {
    // Kept by triggers on `activities` (migration 0009): one row, not every entry.
    const entries = prepared("select entries from activity_counts where partner_id = ?").pluck().get(partnerId);
    return (entries as number | undefined) ?? 0;
  }
  return prepared(`select count(*) from ${from} where ${where.text}`).pluck().get(...where.params) as number;
}

function pageIds({ from, where }: Selection, offset: number): number[] {
  return prepared(`select activities.id from ${from} where ${where.text} order by ${NEWEST_FIRST} limit ? offset ?`)
    .pluck()
    .all(...where.params, PAGE_SIZE, offset) as number[];
}

type EntryRow = {
  id: number;
  at: number;
  kind: string;
  before: string | null;
  after: string | null;
  actorUserId: number | null;
  actorName: string | null;
  actorKind: string | null;
  actorCredentialName: string | null;
  customerId: number | null;
  displayName: string | null;
  legalName: string | null;
  linkState: string | null;
  subjectId: number | null;
  subjectName: string | null;
};

/**
 * The entries' columns with their user and customer, by id. Only the
 * entry's own partner's customer and partner users are joined: a wrong id in
 * an entry must never show another partner's customer or user. The + keeps
 * the partner check off the partner's indexes, so the entries are read by
 * primary key (docs/performance.md).
 */
const ROWS_BY_IDS = `
  select activities.id as id, activities.created_at as at, activities.kind as kind,
         activities.before as before, activities.after as after,
         activities.actor_user_id as actorUserId, actor.name as actorName, actor.kind as actorKind,
         api_credentials.name as actorCredentialName,
         customers.id as customerId, customers.display_name as displayName, customers.legal_name as legalName,
         customers.link_state as linkState,
         subject.id as subjectId, subject.name as subjectName
  from activities
  left join users actor on actor.id = activities.actor_user_id
  left join users subject on subject.id = activities.subject_user_id
       and subject.partner_id = activities.partner_id and subject.kind = 'partner'
  left join api_credentials on api_credentials.id = activities.actor_credential_id
  left join customers on customers.id = activities.customer_id and customers.partner_id = activities.partner_id
  where activities.id in (select value from json_each(?)) and +activities.partner_id = ?`;

/** The entries with these ids, in the order of `ids`. */
function rowsByIds(partnerId: number, ids: number[]): ActivityRow[] {
  if (ids.length === 0) return [];
  const rows = prepared(ROWS_BY_IDS).all(JSON.stringify(ids), partnerId) as EntryRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [activityRow(row)] : [];
  });
}

function activityRow(row: EntryRow): ActivityRow {
  const actor: ActivityActor =
    row.actorCredentialName !== null
      ? { kind: "apiCredential", name: row.actorCredentialName }
      : row.actorUserId === null
        ? { kind: "scheduled" }
        : row.actorKind === "customer"
          ? { kind: "customerAdmin", name: row.actorName ?? "" }
          : row.actorKind === "partner"
            ? { kind: "partnerUser", name: row.actorName ?? "" }
            : { kind: "unknown" };
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    actor,
    customer:
      row.customerId === null
        ? null
        : {
            id: row.customerId,
            name: shownName({ displayName: row.displayName ?? "", legalName: row.legalName ?? "" }),
            linked: row.linkState !== "unlinked",
          },
    subject: row.subjectId === null ? null : { id: row.subjectId, name: row.subjectName ?? "" },
    before: readChanges(row.before),
    after: readChanges(row.after),
  };
}

/**
 * One page of a partner's activity log for the filters, newest first.
 * The unfiltered log is counted by its kept count; a customer search is
 * counted and paged by one statement (its matches read once); other filters
 * are counted from their index. Then the page's ids (from an index alone)
 * and their rows.
 */
export function listActivities({ partnerId, query }: { partnerId: number; query: ActivityQuery }): ActivityPage {
  const selection = logSelection(partnerId, query);
  let total: number;
  let page = query.page;
  let ids: number[] = [];
  if (selection.from !== "activities") {
    // The count beside each row of the page (a window over every match):
    // the matching entries are read once, not for the count and again for
    // the page.
    const { from, where } = selection;
    const rows = prepared(
      `select activities.id as id, count(*) over () as total from ${from} where ${where.text} order by ${NEWEST_FIRST} limit ? offset ?`,
    ).all(...where.params, PAGE_SIZE, (page - 1) * PAGE_SIZE) as { id: number; total: number }[];
    ids = rows.map((row) => row.id);
    // No row: nothing matches, or the page is past the last one.
    total = rows[0]?.total ?? (page === 1 ? 0 : countEntries(partnerId, query, selection));
  } else {
    total = countEntries(partnerId, query, selection);
  }
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total === 0) return { rows: [], total, page: Math.min(page, pageCount), pageCount };
  if (ids.length === 0 || page > pageCount) {
    page = Math.min(page, pageCount);
    ids = pageIds(selection, (page - 1) * PAGE_SIZE);
  }
  return { rows: rowsByIds(partnerId, ids), total, page, pageCount };
}

/**
 * Every entry of the log for the filters, all pages, newest first, in
 * batches so memory stays flat (the CSV export). The log as it was when the
 * iteration began: the ids are read first, then the rows a batch at a time,
 * so entries recorded meanwhile neither shift nor repeat a batch
 * (docs/decisions/0007-csv-export.md).
 */
export function* iterateActivities({
  partnerId,
  query,
  batchSize = 500,
}: {
  partnerId: number;
  query: ActivityQuery;
  batchSize?: number;
}): Generator<ActivityRow[]> {
  const { from, where } = logSelection(partnerId, query);
  const ids = prepared(`select activities.id from ${from} where ${where.text} order by ${NEWEST_FIRST}`)
    .pluck()
    .all(...where.params) as number[];
  for (let start = 0; start < ids.length; start += batchSize) {
    const rows = rowsByIds(partnerId, ids.slice(start, start + batchSize));
    if (rows.length > 0) yield rows;
  }
}

export type ActivityUserOption = { id: number; name: string };

/** The partner's own users, by name: the "User" filter's choices (on every view of the log). */
export function listActivityUserOptions({ partnerId }: { partnerId: number }): ActivityUserOption[] {
  return prepared(
    `select users.id as id, users.name as name from users where users.partner_id = ? and users.kind = 'partner'
     order by users.name collate nocase, users.id`,
  ).all(partnerId) as ActivityUserOption[];
}
