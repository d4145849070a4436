/**
 * The Customers list's URL: search, filters, sort and page, read from the
 * query string with Zod (url-query.ts). Unknown or malformed values are
 * dropped (never a 500), and the caller is told so it can say a value was ignored.
 */
import { z } from "zod";
import { BILLING_TYPES, type BillingType } from "../../lib/enums";
import { typedText } from "../../lib/text";
import { positiveIntParam, readUrlQuery } from "./url-query";

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

/**
 * The list's filter, sort and page values, by their names in the address.
 * Made at the first parse, not on import: the list page's browser code
 * imports this module for `customerListSearch` and needs no Zod.
 */
let customerListParams: ReturnType<typeof makeCustomerListParams> | undefined;
function makeCustomerListParams() {
  return {
    billing: z.enum(BILLING_TYPES),
    group: positiveIntParam(),
    assistance: z.enum(ASSISTANCE_FILTERS),
    status: z.enum(LICENSE_STATUS_FILTERS),
    sort: z.enum(SORT_KEYS),
    dir: z.enum(["asc", "desc"]),
    page: positiveIntParam(),
  };
}

export function parseCustomerListQuery(params: URLSearchParams): ParsedCustomerListQuery {
  const { values, ignoredValues } = readUrlQuery(params, (customerListParams ??= makeCustomerListParams()));
  const { text: q, cut: searchTruncated } = typedText(params.get("q"), SEARCH_MAX_LENGTH);
  const query: CustomerListQuery = {
    q,
    billing: values.billing,
    groupId: values.group,
    assistance: values.assistance,
    licenseStatus: values.status,
    onlyProtection: params.get("protection") === "on",
    sort: values.sort ?? "name",
    dir: values.dir ?? "asc",
    page: values.page ?? 1,
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
