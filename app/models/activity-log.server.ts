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
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, schema } from "~/db.server";
import { foldText, shownName } from "../../lib/text";
import { readChanges, type ActivityActor, type ChangeEntry } from "~/domain/activity-kinds";
import { PAGE_SIZE, endOfUtcDay, startOfUtcDay, type ActivityQuery } from "~/schemas/activity-query";
import { customerIdsMatching, likePattern, usesSearchIndex } from "./customer-search.server";

const a = schema.activities;
const c = schema.customers;
const u = schema.users;
/** The user an entry is about (issue 20: "to whom"), beside the one who acted. */
const subject = alias(schema.users, "subject");

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
 * The partner's customers whose name or contact email contains the search,
 * as the Customers list searches (customer-list.server.ts), unlinked ones
 * included: their entries stay in the log.
 */
function customersMatching(partnerId: number, folded: string): SQL {
  if (!usesSearchIndex(folded)) {
    // The trigram index needs three characters; shorter searches are rare
    // and scan the partner's folded names.
    return sql`select ${c.id} from ${c} where ${c.partnerId} = ${partnerId}
               and ${c.searchText} like ${likePattern(folded)} escape '\\'`;
  }
  // The partner's matches alone, from its own range of the index, not from
  // the partner's 20,000 customers to the matches (docs/performance.md).
  return sql`select value from json_each(${customerIdsMatching(partnerId, folded)})`;
}

/** The WHERE of the log for a partner and its filters. */
function logCondition(partnerId: number, query: ActivityQuery): SQL {
  const conditions: SQL[] = [];
  let partnerTerm: SQL = eq(a.partnerId, partnerId);
  if (query.from) conditions.push(gte(a.createdAt, startOfUtcDay(query.from) ?? 0));
  if (query.to) conditions.push(lt(a.createdAt, endOfUtcDay(query.to) ?? Number.MAX_SAFE_INTEGER));
  if (query.kind) conditions.push(eq(a.kind, query.kind));
  if (query.actor?.kind === "user") conditions.push(eq(a.actorUserId, query.actor.userId));
  if (query.actor?.kind === "scheduled") conditions.push(isNull(a.actorUserId), isNull(a.actorCredentialId));
  if (query.actor?.kind === "customerAdmins") {
    conditions.push(
      sql`${a.actorUserId} in (select cu.id from users cu join customers cc on cc.id = cu.customer_id
                               where cu.kind = 'customer' and cc.partner_id = ${partnerId})`,
    );
  }
  const folded = foldText(query.customer).trim();
  if (folded !== "") {
    conditions.push(sql`${a.customerId} in (${customersMatching(partnerId, folded)})`);
    // Read the matching customers' entries through the customer index.
    // Without statistics SQLite prefers the partner's indexes, and then
    // tests every entry of the partner against the search, which grows with
    // the log (docs/performance.md). The unary + keeps the partner term but
    // takes those indexes out of the planner's choice.
    partnerTerm = sql`+${a.partnerId} = ${partnerId}`;
  }
  return and(partnerTerm, ...conditions)!;
}

const newestFirst = [desc(a.createdAt), desc(a.id)];

/** The entries' columns with their user and customer, by id, in the order of `ids`. */
function rowsByIds(partnerId: number, ids: number[]): ActivityRow[] {
  if (ids.length === 0) return [];
  const rows = getDb()
    .select({
      id: a.id,
      at: a.createdAt,
      kind: a.kind,
      before: a.before,
      after: a.after,
      actorUserId: a.actorUserId,
      actorName: u.name,
      actorKind: u.kind,
      actorCredentialName: schema.apiCredentials.name,
      customerId: c.id,
      displayName: c.displayName,
      legalName: c.legalName,
      linkState: c.linkState,
      subjectId: subject.id,
      subjectName: subject.name,
    })
    .from(a)
    .leftJoin(u, eq(u.id, a.actorUserId))
    // Only a partner user of the entry's own partner.
    .leftJoin(subject, and(eq(subject.id, a.subjectUserId), eq(subject.partnerId, a.partnerId), eq(subject.kind, "partner")))
    .leftJoin(schema.apiCredentials, eq(schema.apiCredentials.id, a.actorCredentialId))
    // Only the entry's own partner's customer: a wrong customer id in an
    // entry must never show another partner's customer name.
    .leftJoin(c, and(eq(c.id, a.customerId), eq(c.partnerId, a.partnerId)))
    // By id, through the primary key. The + keeps the partner check off the
    // partner's indexes: as a plain term SQLite walked all 100,000 of the
    // partner's entries to find these 50.
    .where(and(sql`+${a.partnerId} = ${partnerId}`, inArray(a.id, ids)))
    .all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
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
    return [
      {
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
      },
    ];
  });
}

/**
 * One page of a partner's activity log for the filters, newest first.
 * Costs three queries: the count, the page's ids (from an index alone
 * unless a customer search filters, however deep the page), then their rows.
 */
export function listActivities({ partnerId, query }: { partnerId: number; query: ActivityQuery }): ActivityPage {
  const db = getDb();
  const where = logCondition(partnerId, query);
  const total = db.select({ n: sql<number>`count(*)` }).from(a).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  if (total === 0) return { rows: [], total, page, pageCount };
  const ids = db
    .select({ id: a.id })
    .from(a)
    .where(where)
    .orderBy(...newestFirst)
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all()
    .map((row) => row.id);
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
  const where = logCondition(partnerId, query);
  const ids = getDb()
    .select({ id: a.id })
    .from(a)
    .where(where)
    .orderBy(...newestFirst)
    .all()
    .map((row) => row.id);
  for (let start = 0; start < ids.length; start += batchSize) {
    const rows = rowsByIds(partnerId, ids.slice(start, start + batchSize));
    if (rows.length > 0) yield rows;
  }
}

export type ActivityUserOption = { id: number; name: string };

/** The partner's own users, by name: the "User" filter's choices. */
export function listActivityUserOptions({ partnerId }: { partnerId: number }): ActivityUserOption[] {
  return getDb()
    .select({ id: u.id, name: u.name })
    .from(u)
    .where(and(eq(u.partnerId, partnerId), eq(u.kind, "partner")))
    .orderBy(sql`${u.name} collate nocase`, asc(u.id))
    .all();
}
