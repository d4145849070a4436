/**
 * The benchmark's baseline: the Customers list page rendered from a fixed
 * in-memory page of 50 rows, with no database read and no session (the
 * benchmark requests it without a cookie, so the root loader reads no
 * session either).
 *
 * It re-exports the real page component, so the markup is exactly the
 * Customers list's: the gap between this route's throughput and the real
 * list's is the cost of our data access (session, user, count, page and
 * decoration queries), not of React Router and React rendering.
 *
 * This file is registered only in the benchmark's own build
 * (BENCH_BASELINE=1, see app/routes.ts), never in `npm run build`.
 */
import type { LoaderFunctionArgs } from "react-router";
import type { loader as customersLoader } from "~/routes/customers";
import type { CustomerListRow } from "~/models/customer-list.server";
import type { CustomerListQuery } from "~/schemas/customer-list-query";
import type { LicenseStatus } from "../app/domain/license-status";
import { LICENSE_CATEGORIES } from "../lib/enums";

export { default, meta } from "~/routes/customers";

const DAY_MS = 24 * 60 * 60 * 1000;

const FIRST = ["Blue", "North", "Silver", "Summit", "Harbor", "Oak", "Pioneer", "Cedar", "Granite", "Bright"];
const SECOND = ["Dental", "Logistics", "Bakery", "Law Partners", "Clinics", "Engineering", "Foods", "Motors"];
const SUFFIX = ["Ltd", "Inc", "LLC", "GmbH", "S.A.", "Pty", "Co"];
const GROUPS = ["APAC", "Americas", "EMEA", "Education", "Healthcare", "VIP"];
const STATUSES: LicenseStatus[] = ["active", "active", "active", "expiring", "expired", "revoked"];

/** A page of rows shaped like the seeded benchmark partner's (db/seed.ts): same mix of billing, licenses and groups. */
function baselineRows(now: number): CustomerListRow[] {
  return Array.from({ length: 50 }, (_, i): CustomerListRow => {
    const billingType = i % 5 === 0 ? "trial" : i % 5 === 1 ? "usage" : "term";
    const categories = [LICENSE_CATEGORIES[i % 10]!, "Endpoint" as const, LICENSE_CATEGORIES[(i * 3 + 1) % 10]!];
    const name = `${FIRST[i % FIRST.length]} ${SECOND[(i * 3) % SECOND.length]} ${1000 + i} ${SUFFIX[i % SUFFIX.length]}`;
    return {
      id: 100_000 + i,
      name,
      billingType,
      trialDaysLeft: billingType === "trial" ? (i % 29) + 1 : null,
      managedOrder: i % 7 === 0,
      groups: i % 3 === 0 ? [GROUPS[i % GROUPS.length]!] : [],
      licenses: [...new Set(categories)].map((category, k) => ({
        category,
        status: STATUSES[(i + k) % STATUSES.length]!,
        daysLeft: (i * 7) % 30,
      })),
      nextLicenseEndAt: now + ((i * 11) % 400) * DAY_MS,
      assistance: i % 4 === 0 ? { state: "on" } : i % 9 === 0 ? { state: "requested", at: now - DAY_MS } : { state: "off" },
      unlinkScheduledFor: i === 17 ? now + 20 * DAY_MS : null,
    };
  });
}

/** A Super Admin's offers in each row's Actions cell (F12, F13), as the real loader decides them. */
function baselineOffers(rows: CustomerListRow[]) {
  return Object.fromEntries(
    rows.map((row) => {
      const on = row.managedOrder || row.assistance.state === "on";
      return [row.id, { request: !on && row.assistance.state !== "requested", launch: on, launchOff: !on }];
    }),
  );
}

const QUERY: CustomerListQuery = {
  q: "",
  billing: null,
  groupId: null,
  assistance: null,
  licenseStatus: null,
  onlyProtection: false,
  sort: "name",
  dir: "asc",
  page: 1,
};

type PageData = Awaited<ReturnType<typeof customersLoader>>;

type List = NonNullable<PageData["list"]>;

// Built on the first request and kept: the baseline does no work per request
// beyond what React Router and React do. (Built in the loader, not at module level,
// so none of it reaches the browser bundle.)
let data: { list: Omit<List, "rows" | "offers">; rows: List["rows"]; offers: List["offers"] } | undefined;

// Public by design: a benchmark-only route with no data behind it, never
// part of the application build.
export async function loader(_args: LoaderFunctionArgs): Promise<PageData> {
  data ??= {
    rows: baselineRows(Date.now()),
    offers: baselineOffers(baselineRows(Date.now())),
    list: {
      total: 20_000,
      page: 1,
      pageCount: 400,
      query: QUERY,
      groups: GROUPS.map((name, i) => ({ id: i + 1, name })),
      searchTruncated: false,
      ignoredValues: false,
      canExport: true,
      canStartTrial: true,
      canCreateMonthly: true,
      canSelect: true,
      canUpdateBilling: true,
    },
  };
  return {
    list: {
      ...data.list,
      rows: data.rows,
      offers: data.offers,
    },
  };
}
