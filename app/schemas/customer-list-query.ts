/**
 * The Customers list's URL: search, filters, sort and page, read from the
 * query string. Unknown or malformed values are dropped (never a 500), and the
 * caller is told so it can say a value was ignored.
 */
import { BILLING_TYPES, type BillingType } from "../../lib/enums";
import { typedText } from "../../lib/text";

export const PAGE_SIZE = 50;
/** Longer searches are cut here, and the page says so. */
export const SEARCH_MAX_LENGTH = 100;

export const SORT_KEYS = ["name", "billing", "licenseEnd"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const LICENSE_STATUS_FILTERS = ["active", "expiring", "expired"] as const;
export type LicenseStatusFilter = (typeof LICENSE_STATUS_FILTERS)[number];
export const ASSISTANCE_FILTERS = ["on", "off"] as const;
export type AssistanceFilter = (typeof ASSISTANCE_FILTERS)[number];

export type CustomerListQuery = {
  /** The search as typed (trimmed, control characters removed, cut to the maximum). */
  q: string;
  billing: BillingType | null;
  groupId: number | null;
  assistance: AssistanceFilter | null;
  licenseStatus: LicenseStatusFilter | null;
  /** "Show only my protection" (F3). */
  onlyProtection: boolean;
  sort: SortKey;
  dir: "asc" | "desc";
  page: number;
};

export type ParsedCustomerListQuery = {
  query: CustomerListQuery;
  /** The search was longer than SEARCH_MAX_LENGTH and was cut. */
  searchTruncated: boolean;
  /** A filter, sort or page value was not recognised and was ignored. */
  ignoredValues: boolean;
};

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | null {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}

function positiveInt(raw: string | null): number | null {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return null;
  const value = Number(raw);
  return value >= 1 ? value : null;
}

export function parseCustomerListQuery(params: URLSearchParams): ParsedCustomerListQuery {
  let ignoredValues = false;
  const pick = <T>(name: string, parse: (raw: string) => T | null): T | null => {
    const raw = params.get(name);
    if (raw === null || raw === "") return null;
    const value = parse(raw);
    if (value === null) ignoredValues = true;
    return value;
  };

  const { text: q, cut: searchTruncated } = typedText(params.get("q"), SEARCH_MAX_LENGTH);

  const query: CustomerListQuery = {
    q,
    billing: pick("billing", (raw) => oneOf(BILLING_TYPES, raw)),
    groupId: pick("group", positiveInt),
    assistance: pick("assistance", (raw) => oneOf(ASSISTANCE_FILTERS, raw)),
    licenseStatus: pick("status", (raw) => oneOf(LICENSE_STATUS_FILTERS, raw)),
    onlyProtection: params.get("protection") === "on",
    sort: pick("sort", (raw) => oneOf(SORT_KEYS, raw)) ?? "name",
    dir: pick("dir", (raw) => oneOf(["asc", "desc"] as const, raw)) ?? "asc",
    page: pick("page", positiveInt) ?? 1,
  };
  return { query, searchTruncated, ignoredValues };
}

/** Whether a list state narrows the customers (a search or a filter): sort, page and "Show only my protection" do not. */
export function narrowsCustomers(query: CustomerListQuery): boolean {
  return query.q !== "" || query.billing !== null || query.groupId !== null || query.assistance !== null || query.licenseStatus !== null;
}

/**
 * The query string for a list state: only what differs from the defaults, in
 * a fixed order, so equal states have equal URLs.
 */
export function customerListSearch(query: Partial<CustomerListQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.billing) params.set("billing", query.billing);
  if (query.groupId) params.set("group", String(query.groupId));
  if (query.assistance) params.set("assistance", query.assistance);
  if (query.licenseStatus) params.set("status", query.licenseStatus);
  if (query.onlyProtection) params.set("protection", "on");
  if (query.sort && query.sort !== "name") params.set("sort", query.sort);
  if (query.dir && query.dir !== "asc") params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}
