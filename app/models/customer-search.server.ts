/**
 * Which of a partner's customers a search matches: any part of the name,
 * legal name or contact email, accents and case ignored (F2). One place for
 * the Customers list, the customer-access picker and the activity log's
 * customer filter.
 *
 * A search of three characters or more reads the trigram index
 * `customer_search` (db/migrations/0010). Its rowid is the partner's id times
 * 2^32 plus the customer's id, so a partner's customers sit together in
 * every doclist: the read starts at the partner's first rowid and stops
 * after its last, and its work follows the partner's matches, not every
 * partner's (docs/decisions/0032-search-grouped-by-partner.md). Shorter
 * searches, which the index cannot answer, are rare: callers scan the
 * partner's folded column with `likePattern`.
 *
 * The ids are every customer of the partner that matches, unlinked ones
 * included: callers add their scope (designation, link state) themselves.
 */
import { prepared } from "~/db.server";

/** Customer ids stay below this (they count from 1), so that `partner * PARTNER_SPAN + id` is unique. */
const PARTNER_SPAN = 2 ** 32;

/** The trigram index needs three characters (code points) at least. */
export function usesSearchIndex(folded: string): boolean {
  return [...folded].length >= 3;
}

/**
 * The FTS5 phrase for a search: the whole text as one quoted string, so
 * operators typed by a user (OR, NEAR, *, quotes) are only text.
 */
function ftsPhrase(folded: string): string {
  return `"${folded.replace(/"/g, '""')}"`;
}

/** A LIKE pattern that matches the text anywhere, its wildcards escaped (with `escape '\'`). */
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The ids of the partner's customers whose folded search text contains
 * `folded` (already folded and trimmed, three characters or more:
 * `usesSearchIndex`), in id order (a statement takes them as a JSON array
 * for `json_each(?)`).
 *
 * The index is read from the partner's first rowid and the loop stops at
 * the first rowid past its range. Why not `rowid between ? and ?` in the
 * statement: with an upper bound, SQLite's FTS5 (3.53) read a phrase's
 * doclists to their ends, every partner after this one included; stopping
 * the iteration ourselves reads no further than the range
 * (docs/performance.md, "Search among many partners").
 */
export function customerIdsMatching(partnerId: number, folded: string): number[] {
  const first = partnerId * PARTNER_SPAN;
  const end = first + PARTNER_SPAN;
  const ids: number[] = [];
  const rowids = prepared("select rowid from customer_search where customer_search match ? and rowid >= ? order by rowid")
    .pluck()
    .iterate(ftsPhrase(folded), first) as IterableIterator<number>;
  for (const rowid of rowids) {
    // Leaving the loop early resets the statement (better-sqlite3 closes the iterator).
    if (rowid >= end) break;
    ids.push(rowid - first);
  }
  return ids;
}
