/**
 * The license status filter (F3) gives the customers with a license, not
 * revoked, in the status: expired (ended), expiring (ends within 30 days) or
 * active (not ended). The model answers it from the customers' earliest
 * license end where that settles it and probes their licenses otherwise
 * (customer-list.server.ts); these tests hold its rows, order and counts to
 * the rule itself, read here from the licenses table, on every path.
 */
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { DAY_MS, EXPIRING_WITHIN_DAYS } from "~/domain/license-status";
import { listCustomers, type CustomerListRow } from "~/models/customer-list.server";
import { LICENSE_STATUS_FILTERS, parseCustomerListQuery, type LicenseStatusFilter } from "~/schemas/customer-list-query";
import { ACCOUNTS } from "../support/accounts";
import { countQueries, createCustomer, db, deleteCustomer, groupIdByName, partnerIdByName, userIdByEmail } from "../support/db";

const northwindId = partnerIdByName("Northwind Security");
const emeaId = groupIdByName(northwindId, "EMEA");
const NOW = Date.now();
const SOON = NOW + EXPIRING_WITHIN_DAYS * DAY_MS;
const PREFIX = `License Probe ${process.pid} ${NOW}`;

type Scope = Parameters<typeof listCustomers>[0]["scope"];
const everyone = (): Scope => ({ partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindSuper), all: true });
const designated = (): Scope => ({ partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindAdmin), all: false });

/** The rule, from the licenses table: has a license that is not revoked in the status at NOW. */
function hasStatus(status: LicenseStatusFilter, customerIds: number[]): Set<number> {
  const licenses = db()
    .select({ customerId: schema.licenses.customerId, endsAt: schema.licenses.endsAt, revoked: schema.licenses.revoked })
    .from(schema.licenses)
    .where(inArray(schema.licenses.customerId, customerIds))
    .all();
  const matches = (endsAt: number) =>
    status === "expired" ? endsAt <= NOW : status === "active" ? endsAt > NOW : endsAt > NOW && endsAt <= SOON;
  return new Set(licenses.filter((license) => !license.revoked && matches(license.endsAt)).map((license) => license.customerId));
}

/** Every row of every page of the list, and the total it gave. */
function listAll(scope: Scope, search: string, shortResult?: number): { rows: CustomerListRow[]; total: number } {
  const rows: CustomerListRow[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const { query } = parseCustomerListQuery(new URLSearchParams(`${search}&page=${page}`));
    const result = listCustomers({ scope, query, now: NOW, shortResult });
    expect(total === -1 || result.total === total, search).toBe(true);
    total = result.total;
    rows.push(...result.rows);
    if (page >= result.pageCount) break;
  }
  return { rows, total };
}

/** Customers named by the test, each with its licenses (days from NOW; `revoked` marks one revoked). */
const CASES: Record<string, { ends: { days: number; revoked?: boolean }[]; expect: LicenseStatusFilter[] }> = {
  "ends in 10 days": { ends: [{ days: 10 }], expect: ["expiring", "active"] },
  "ended, and another ends in 20 days": { ends: [{ days: -5 }, { days: 20 }], expect: ["expired", "expiring", "active"] },
  "ended, and another ends in 60 days": { ends: [{ days: -5 }, { days: 60 }], expect: ["expired", "active"] },
  "only revoked licenses": { ends: [{ days: 10, revoked: true }, { days: -3, revoked: true }], expect: [] },
  "no licenses": { ends: [], expect: [] },
  "ends exactly now": { ends: [{ days: 0 }], expect: ["expired"] },
  "ends exactly in 30 days": { ends: [{ days: EXPIRING_WITHIN_DAYS }], expect: ["expiring", "active"] },
  "a revoked one ended, another ends in 100 days": { ends: [{ days: -1, revoked: true }, { days: 100 }], expect: ["active"] },
  "a revoked one ends in 5 days, another ended": { ends: [{ days: 5, revoked: true }, { days: -40 }], expect: ["expired"] },
};
const created = new Map<string, number>();

beforeAll(() => {
  for (const [name, { ends }] of Object.entries(CASES)) {
    const id = createCustomer(northwindId, { legalName: `${PREFIX} ${name}`, billingType: "term" });
    created.set(name, id);
    for (const { days, revoked = false } of ends) {
      const endsAt = NOW + days * DAY_MS;
      db()
        .insert(schema.licenses)
        .values({ customerId: id, product: "Intercept X", category: "Endpoint", type: "term", quantity: 5, startsAt: endsAt - 365 * DAY_MS, endsAt, revoked })
        .run();
    }
  }
});

afterAll(() => {
  for (const id of created.values()) deleteCustomer(id);
});

describe("the license status filter", () => {
  it("matches the customers with a license not revoked in the status, at its edges too, on every path", () => {
    for (const status of LICENSE_STATUS_FILTERS) {
      const wanted = Object.entries(CASES)
        .filter(([, { expect: statuses }]) => statuses.includes(status))
        .map(([name]) => created.get(name)!)
        .sort((a, b) => a - b);
      // A search (the other filters short), the billing type alone (long), and the status alone.
      for (const search of [`q=${PREFIX}&status=${status}`, `billing=term&status=${status}`, `status=${status}`]) {
        for (const shortResult of [undefined, 0, 3]) {
          const found = listAll(everyone(), search, shortResult)
            .rows.map((row) => row.id)
            .filter((id) => [...created.values()].includes(id))
            .sort((a, b) => a - b);
          expect(found, `${search}, shortResult ${shortResult}`).toEqual(wanted);
        }
      }
    }
  });

  it("gives the list's rows, order and count with the customers not in the status left out, for every filter, sort and scope", () => {
    const others = ["", "billing=term", "billing=trial", `group=${emeaId}`, `billing=term&group=${emeaId}`, "assistance=off", "q=corp", `q=${PREFIX}`];
    const sorts = ["", "dir=desc", "sort=billing", "sort=licenseEnd", "sort=licenseEnd&dir=desc"];
    for (const scope of [everyone(), designated()]) {
      for (const other of others) {
        for (const sort of sorts) {
          const unfiltered = listAll(scope, `${other}&${sort}`).rows;
          for (const status of LICENSE_STATUS_FILTERS) {
            const inStatus = hasStatus(status, unfiltered.map((row) => row.id));
            const wanted = unfiltered.filter((row) => inStatus.has(row.id));
            for (const shortResult of [undefined, 0, Math.max(0, wanted.length - 1)]) {
              const label = `${other}&${sort}&status=${status} (${scope.all ? "all" : "designated"}, shortResult ${shortResult})`;
              const { rows, total } = listAll(scope, `${other}&${sort}&status=${status}`, shortResult);
              expect(rows, label).toEqual(wanted);
              expect(total, label).toBe(wanted.length);
            }
          }
        }
      }
    }
  });
});

describe("what the filter and the license end order cost", () => {
  /** SQLite's plan for each statement a page ran (its parameters bound to 0: the plan is the statement's). */
  async function plans(search: string, shortResult?: number): Promise<{ sql: string; plan: string }[]> {
    const { query } = parseCustomerListQuery(new URLSearchParams(search));
    const { sql } = await countQueries(() => listCustomers({ scope: everyone(), query, now: NOW, shortResult }));
    const client = db().$client;
    return sql
      .filter((text) => text.startsWith("select"))
      .map((text) => {
        const statement = client.prepare(`explain query plan ${text}`);
        const zeros = new Array<number>((text.match(/\?/g) ?? []).length).fill(0);
        const rows = statement.all(...zeros) as { detail: string }[];
        return { sql: text, plan: rows.map((row) => row.detail).join(" | ") };
      });
  }

  it("a page in license end order walks an index in that order and stops after its rows, in both directions, with or without a status", async () => {
    for (const search of ["sort=licenseEnd", "sort=licenseEnd&dir=desc", "status=expired&sort=licenseEnd&dir=desc", "status=expiring&sort=licenseEnd", "billing=term&status=active&sort=licenseEnd&dir=desc"]) {
      const page = (await plans(search, 0)).find(({ sql }) => sql.includes(" order by customers.next_license_end_at is null"));
      expect(page, search).toBeDefined();
      expect(page!.plan, search).toMatch(/customers_partner_end_order_(asc|desc)_idx/);
      expect(page!.plan, search).not.toContain("TEMP B-TREE");
    }
  });

  it("expired is counted from a range of the customers' earliest ends, no license read; the others' probes read an index alone", async () => {
    const expired = (await plans("status=expired", 0)).find(({ sql }) => sql.startsWith("select count(*)") && sql.includes("next_license_end_at"));
    expect(expired!.plan).toContain("customers_partner_next_end_idx (partner_id=? AND next_license_end_at<?)");
    expect(expired!.sql).not.toContain("licenses");
    for (const search of ["status=expiring", "status=active", `q=${PREFIX}&status=expiring`, `group=${emeaId}&status=active`]) {
      for (const { sql, plan } of await plans(search, search.startsWith("status") ? 0 : undefined)) {
        if (sql.includes("from licenses l")) expect(plan, `${search}: ${sql}`).toContain("USING COVERING INDEX licenses_customer_live_end_idx");
      }
    }
  });
});
