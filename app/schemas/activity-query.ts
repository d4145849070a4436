/**
 * The activity log's URL (F16): the date range, customer search, user, kind
 * and page, read from the query string. Like the Customers list
 * (customer-list-query.ts) it never fails: a value that cannot be used is
 * left out of the query, and the caller is told why, so the page can say so.
 *
 * Dates are whole UTC days ("2026-03-31"), both included: the log is one
 * record for everyone, whatever their time zone, and the page says so.
 */
import { z } from "zod";
import { isActivityKind, type ActivityKind } from "~/domain/activity-kinds";
import { typedText } from "../../lib/text";
import { positiveIntParam, readUrlQuery } from "./url-query";

export const PAGE_SIZE = 50;
/** Longer customer searches are cut here, and the page says so. */
export const CUSTOMER_SEARCH_MAX_LENGTH = 100;
/** A typed date longer than this is no date; it is kept only to show it back. */
const RAW_DATE_MAX_LENGTH = 32;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whose actions: one partner user, any customer admin, or the scheduled jobs (no user). */
export type ActorFilter = { kind: "user"; userId: number } | { kind: "customerAdmins" } | { kind: "scheduled" };

/** The "User" filter's values for the two choices that are not one user. */
export const ACTOR_CUSTOMER_ADMINS = "customer-admins";
export const ACTOR_SCHEDULED = "scheduled";

export type ActivityQuery = {
  /** First day included, "YYYY-MM-DD" (a real date), or null. */
  from: string | null;
  /** Last day included, "YYYY-MM-DD", never before `from`, or null. */
  to: string | null;
  /** Part of a customer's name or contact email, as typed (trimmed, control characters removed). */
  customer: string;
  actor: ActorFilter | null;
  kind: ActivityKind | null;
  page: number;
};

export type DateError = "invalid" | "beforeFrom";

export type ParsedActivityQuery = {
  /** The query to run: only the values that could be used. */
  query: ActivityQuery;
  /** The dates as they were sent, to show them back in the form. */
  typed: { from: string; to: string };
  /** Problems with the dates, each shown at its field and in the error summary. */
  dateErrors: { from?: "invalid"; to?: DateError };
  /** The customer search was longer than CUSTOMER_SEARCH_MAX_LENGTH and was cut. */
  customerTruncated: boolean;
  /** A user, kind or page value was not recognised and was ignored. */
  ignoredValues: boolean;
};

/**
 * Milliseconds at the start (00:00 UTC) of a "YYYY-MM-DD" day, or null when
 * it is not a real date (2026-02-30, 2026-13-01, 20260301).
 */
export function startOfUtcDay(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date.getTime() : null;
}

/** The moment a "YYYY-MM-DD" day ends (00:00 UTC the next day), or null when it is not a real date. */
export function endOfUtcDay(value: string): number | null {
  const start = startOfUtcDay(value);
  return start === null ? null : start + DAY_MS;
}

/**
 * The log's user, kind and page values, by their names in the address (the
 * dates and the search have messages of their own). Made at the first parse,
 * not on import: the page's browser code imports this module and needs no Zod.
 */
let activityParams: ReturnType<typeof makeActivityParams> | undefined;
function makeActivityParams() {
  return {
    user: z.union([
      z.literal(ACTOR_CUSTOMER_ADMINS).transform((): ActorFilter => ({ kind: "customerAdmins" })),
      z.literal(ACTOR_SCHEDULED).transform((): ActorFilter => ({ kind: "scheduled" })),
      positiveIntParam().transform((userId): ActorFilter => ({ kind: "user", userId })),
    ]),
    kind: z.string().refine(isActivityKind).transform((kind) => kind as ActivityKind),
    page: positiveIntParam(),
  };
}

export function parseActivityQuery(params: URLSearchParams): ParsedActivityQuery {
  const { values, ignoredValues } = readUrlQuery(params, (activityParams ??= makeActivityParams()));

  const typed = {
    from: typedText(params.get("from"), RAW_DATE_MAX_LENGTH).text,
    to: typedText(params.get("to"), RAW_DATE_MAX_LENGTH).text,
  };
  const dateErrors: ParsedActivityQuery["dateErrors"] = {};
  let from: string | null = null;
  let to: string | null = null;
  if (typed.from !== "") {
    if (startOfUtcDay(typed.from) === null) dateErrors.from = "invalid";
    else from = typed.from;
  }
  if (typed.to !== "") {
    if (startOfUtcDay(typed.to) === null) dateErrors.to = "invalid";
    else to = typed.to;
  }
  // A range that ends before it starts: which end is wrong is the user's to
  // say, so neither is used (the results are not filtered by a bad value).
  if (from !== null && to !== null && to < from) {
    dateErrors.to = "beforeFrom";
    from = null;
    to = null;
  }

  const { text: customer, cut: customerTruncated } = typedText(params.get("customer"), CUSTOMER_SEARCH_MAX_LENGTH);

  const query: ActivityQuery = {
    from,
    to,
    customer,
    actor: values.user,
    kind: values.kind,
    page: values.page ?? 1,
  };
  return { query, typed, dateErrors, customerTruncated, ignoredValues };
}

/** The "User" filter's value for an actor filter ("12", "customer-admins", "scheduled"). */
export function actorValue(actor: ActorFilter | null): string {
  if (actor === null) return "";
  if (actor.kind === "user") return String(actor.userId);
  return actor.kind === "customerAdmins" ? ACTOR_CUSTOMER_ADMINS : ACTOR_SCHEDULED;
}

/**
 * The query string for a log state: only what is set, in a fixed order, so
 * equal states have equal URLs.
 */
export function activitySearch(query: Partial<ActivityQuery>): string {
  const params = new URLSearchParams();
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.customer) params.set("customer", query.customer);
  if (query.actor) params.set("user", actorValue(query.actor));
  if (query.kind) params.set("kind", query.kind);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}
