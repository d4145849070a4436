/**
 * The customers a customer-access picker offers and shows (issue 20: "Add
 * user", "User details"; issue 21: API credentials): a search of the
 * actor's customers by name or contact email, a few at a time, and the names
 * of the chosen ones. Always through the actor's scope: an id of another
 * partner, or an unlinked customer, is simply not there.
 */
import { and, asc, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { foldText, shownName } from "../../lib/text";
import { customerScopeCondition, type CustomerScope } from "./scope.server";
import { customerIdsMatching, likePattern, usesSearchIndex } from "./customer-search.server";

const c = schema.customers;

export type CustomerOption = { id: number; name: string };

/** SQLite takes a bounded number of parameters: chosen ids are read in slices of this many. */
const IDS_PER_QUERY = 500;

/** Any part of the name or contact email, accents and case ignored, as the Customers list searches. */
function matching(partnerId: number, folded: string): SQL {
  // The trigram index needs three characters; shorter searches scan the folded column.
  if (usesSearchIndex(folded)) {
    return sql`${c.id} in (select value from json_each(${JSON.stringify(customerIdsMatching(partnerId, folded))}))`;
  }
  return sql`${c.searchText} like ${likePattern(folded)} escape '\\'`;
}

/**
 * Up to `limit` of the scope's customers matching the search, by name,
 * leaving out those already chosen; `more` when others match too (the page
 * asks for a narrower search rather than list thousands).
 */
export function searchCustomerOptions({
  scope,
  search,
  exclude = [],
  limit = 20,
}: {
  scope: CustomerScope;
  search: string;
  exclude?: readonly number[];
  limit?: number;
}): { options: CustomerOption[]; more: boolean } {
  const folded = foldText(search).trim();
  if (folded === "") return { options: [], more: false };
  const rows = getDb()
    .select({ id: c.id, displayName: c.displayName, legalName: c.legalName })
    .from(c)
    .where(
      and(
        customerScopeCondition(scope),
        matching(scope.partnerId, folded),
        // Few are ever chosen at once; beyond the first slice they simply show again.
        exclude.length ? notInArray(c.id, exclude.slice(0, IDS_PER_QUERY)) : undefined,
      ),
    )
    .orderBy(asc(c.sortName), asc(c.id))
    .limit(limit + 1)
    .all();
  return { options: rows.slice(0, limit).map((row) => ({ id: row.id, name: shownName(row) })), more: rows.length > limit };
}

/** The chosen customers the scope holds, by name; ids it does not hold are left out. */
export function listCustomerOptions({ scope, ids }: { scope: CustomerScope; ids: readonly number[] }): CustomerOption[] {
  const out: CustomerOption[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const slice = ids.slice(i, i + IDS_PER_QUERY);
    const rows = getDb()
      .select({ id: c.id, displayName: c.displayName, legalName: c.legalName, sortName: c.sortName })
      .from(c)
      .where(and(customerScopeCondition(scope), inArray(c.id, slice)))
      .all();
    out.push(...rows.map((row) => ({ id: row.id, name: shownName(row), sortName: row.sortName })));
  }
  return (out as (CustomerOption & { sortName?: string })[])
    .sort((a, b) => (a.sortName ?? "").localeCompare(b.sortName ?? "") || a.id - b.id)
    .map(({ id, name }) => ({ id, name }));
}
