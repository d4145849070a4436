/**
 * The Customers list (F1, F2) through its real loader: who sees which
 * customers, paging, search (accents, case, emails, and input that looks like
 * SQL or FTS syntax), filters, and the fixed number of queries a page costs.
 */
import { and, eq, ne } from "drizzle-orm";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveDatabasePath, schema } from "~/db.server";
import { listCustomers } from "~/models/customer-list.server";
import { parseCustomerListQuery } from "~/schemas/customer-list-query";
import { foldText } from "../../lib/text";
import { ACCOUNTS, signIn } from "../support/accounts";
import {
  countQueries,
  createCustomer,
  customerIdByLegalName,
  db,
  deleteCustomer,
  groupIdByName,
  partnerIdByName,
  userIdByEmail,
} from "../support/db";
import { CookieJar, get } from "../support/http";
import { loadPage } from "../support/routes";
import type { CustomerListRow } from "~/models/customer-list.server";
import * as customersRoute from "~/routes/customers";
import { runInRequestScope } from "~/services/request-scope.server";

type ListData = {
  rows: CustomerListRow[];
  total: number;
  page: number;
  pageCount: number;
  searchTruncated: boolean;
  ignoredValues: boolean;
  query: { q: string; page: number; billing: string | null; groupId: number | null };
};

const northwindId = partnerIdByName("Northwind Security");
const emeaId = groupIdByName(northwindId, "EMEA");
const jars = new Map<string, CookieJar>();

beforeAll(async () => {
  for (const email of [
    ACCOUNTS.northwindSuper,
    ACCOUNTS.northwindAdmin,
    ACCOUNTS.northwindHelpdesk,
    ACCOUNTS.northwindReadonly,
    ACCOUNTS.contosoSuper,
  ]) {
    jars.set(email, await signIn(email));
  }
});

/** One page of the list as `email` sees it for a query string. */
async function listPage(email: string, search = ""): Promise<ListData> {
  const page = await loadPage(get(`/customers${search}`, { cookie: jars.get(email)! }));
  expect(page.status, `GET /customers${search} as ${email}`).toBe(200);
  const data = page.data["routes/customers"] as { list: ListData | null };
  expect(data.list).not.toBeNull();
  return data.list!;
}

/** Every row of every page of the list as `email` sees it. */
async function listAll(email: string, search: Record<string, string> = {}): Promise<CustomerListRow[]> {
  const rows: CustomerListRow[] = [];
  for (let page = 1; ; page++) {
    const params = new URLSearchParams({ ...search, page: String(page) });
    const list = await listPage(email, `?${params}`);
    rows.push(...list.rows);
    if (page >= list.pageCount) break;
  }
  return rows;
}

const ids = (rows: { id: number }[]) => rows.map((row) => row.id).sort((a, b) => a - b);

/** Northwind's customers as the database holds them (not unlinked). */
function northwindCustomers() {
  return db()
    .select({ id: schema.customers.id, searchText: schema.customers.searchText, billingType: schema.customers.billingType })
    .from(schema.customers)
    .where(and(eq(schema.customers.partnerId, northwindId), ne(schema.customers.linkState, "unlinked")))
    .all();
}

describe("who sees which customers", () => {
  it("admin@northwind.test sees exactly the customers of group EMEA plus Hooli", async () => {
    const inEmea = db()
      .select({ id: schema.customerGroups.customerId })
      .from(schema.customerGroups)
      .where(eq(schema.customerGroups.groupId, emeaId))
      .all()
      .map((row) => row.id);
    const expected = [...new Set([...inEmea, customerIdByLegalName("Hooli")])].sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(2);
    const rows = await listAll(ACCOUNTS.northwindAdmin);
    expect(ids(rows)).toEqual(expected);
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(["Globex", "Initech", "Hooli"]));
    expect(rows.map((row) => row.name)).not.toContain("Acme Corp");
  });

  it("a help desk or read-only user designated all customers sees every Northwind customer", async () => {
    const expected = ids(northwindCustomers());
    expect(ids(await listAll(ACCOUNTS.northwindHelpdesk))).toEqual(expected);
    expect(ids(await listAll(ACCOUNTS.northwindReadonly))).toEqual(expected);
  });

  it("no Northwind listing ever includes Tyrell Systems, even when searched for", async () => {
    const tyrell = customerIdByLegalName("Tyrell Systems");
    for (const email of [ACCOUNTS.northwindSuper, ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly]) {
      expect(ids(await listAll(email))).not.toContain(tyrell);
      for (const q of ["tyrell", "Tyrell Systems", "tyrell.test", "eldon"]) {
        const list = await listPage(email, `?q=${encodeURIComponent(q)}`);
        expect(list.total, `${email} searching ${q}`).toBe(0);
      }
    }
  });

  it("the Northwind export never includes Tyrell Systems either", async () => {
    for (const email of [ACCOUNTS.northwindSuper, ACCOUNTS.northwindAdmin]) {
      const page = await loadPage(get("/customers/export?q=tyrell", { cookie: jars.get(email)! }));
      const csv = await page.outcomes[page.leaf]!.response!.text();
      expect(csv).not.toMatch(/tyrell/i);
      const everything = await (await loadPage(get("/customers/export", { cookie: jars.get(email)! }))).outcomes[
        "routes/customers_.export"
      ]!.response!.text();
      expect(everything).not.toMatch(/tyrell/i);
    }
  });

  it("Contoso's Super Admin sees Contoso's customers and none of Northwind's", async () => {
    const rows = await listAll(ACCOUNTS.contosoSuper);
    expect(rows.map((row) => row.name).sort()).toEqual(["Cyberdyne Labs", "Tyrell Systems"]);
  });
});

describe("paging", () => {
  it("a Super Admin sees at least 58 customers, 50 a page", async () => {
    const first = await listPage(ACCOUNTS.northwindSuper);
    expect(first.total).toBeGreaterThanOrEqual(58);
    expect(first.total).toBe(northwindCustomers().length);
    expect(first.rows).toHaveLength(50);
    expect(first.page).toBe(1);
    expect(first.pageCount).toBe(Math.ceil(first.total / 50));
    const second = await listPage(ACCOUNTS.northwindSuper, "?page=2");
    expect(second.page).toBe(2);
    expect(second.rows).toHaveLength(Math.min(50, first.total - 50));
    const overlap = ids(first.rows).filter((id) => ids(second.rows).includes(id));
    expect(overlap).toEqual([]);
  });

  it("a page past the last shows the last page", async () => {
    const list = await listPage(ACCOUNTS.northwindSuper, "?page=999");
    expect(list.page).toBe(list.pageCount);
    expect(list.rows.length).toBeGreaterThan(0);
  });

  it("every sort order pages through every customer exactly once", async () => {
    const expected = ids(northwindCustomers());
    for (const sort of ["name", "billing", "licenseEnd"]) {
      for (const dir of ["asc", "desc"]) {
        const rows = await listAll(ACCOUNTS.northwindSuper, { sort, dir });
        expect(rows.map((row) => row.id).length, `${sort} ${dir}`).toBe(expected.length);
        expect(ids(rows), `${sort} ${dir}`).toEqual(expected);
      }
    }
  });

  it("sorting by name follows the shown name, accents folded", async () => {
    const rows = await listAll(ACCOUNTS.northwindSuper);
    const keys = rows.map((row) => foldText(row.name));
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe("unlinked customers", () => {
  it("an unlinked customer is not listed and its contact card is a 404", async () => {
    const customerId = createCustomer(northwindId, { legalName: "Zanzibar Unlink Probe" });
    try {
      const cookie = jars.get(ACCOUNTS.northwindSuper)!;
      expect(ids((await listPage(ACCOUNTS.northwindSuper, "?q=zanzibar")).rows)).toEqual([customerId]);
      expect((await loadPage(get(`/customers/${customerId}/contact`, { cookie }))).status).toBe(200);

      db()
        .update(schema.customers)
        .set({ linkState: "unlinked", unlinkedAt: Date.now() })
        .where(eq(schema.customers.id, customerId))
        .run();

      expect((await listPage(ACCOUNTS.northwindSuper, "?q=zanzibar")).total).toBe(0);
      expect(ids(await listAll(ACCOUNTS.northwindSuper))).not.toContain(customerId);
      expect(ids(await listAll(ACCOUNTS.northwindHelpdesk))).not.toContain(customerId);
      expect((await loadPage(get(`/customers/${customerId}/contact`, { cookie }))).status).toBe(404);
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("a customer whose unlink is scheduled is still listed", async () => {
    const customerId = createCustomer(northwindId, {
      legalName: "Zanzibar Scheduled Probe",
      billingType: "usage",
      linkState: "unlink_scheduled",
      unlinkScheduledFor: Date.now() + 10 * 24 * 60 * 60 * 1000,
    });
    try {
      const rows = (await listPage(ACCOUNTS.northwindSuper, "?q=zanzibar")).rows;
      expect(ids(rows)).toEqual([customerId]);
      expect(rows[0]!.unlinkScheduledFor).not.toBeNull();
    } finally {
      deleteCustomer(customerId);
    }
  });
});

describe("search", () => {
  it.each(["equipo", "EQUIPO", "Équipo", "médico", "MEDICO", "andaluz", "equipo-medico.test", "maria.nunez@equipo-medico.test", "Médico Andaluz S.L."])(
    "%j finds Équipo Médico Andaluz",
    async (q) => {
      const list = await listPage(ACCOUNTS.northwindSuper, `?q=${encodeURIComponent(q)}`);
      expect(list.rows.map((row) => row.name)).toContain("Équipo Médico Andaluz");
    },
  );

  it("a search matches any part of the legal name as well as the display name", async () => {
    const list = await listPage(ACCOUNTS.northwindSuper, "?q=globex%20corporation");
    expect(list.rows.map((row) => row.name)).toEqual(["Globex"]);
  });

  it("a search of one or two characters matches too", async () => {
    const list = await listPage(ACCOUNTS.northwindSuper, "?q=%C3%A9q");
    expect(list.rows.map((row) => row.name)).toContain("Équipo Médico Andaluz");
  });

  it("a search stays inside the user's designation", async () => {
    expect((await listPage(ACCOUNTS.northwindAdmin, "?q=acme")).total).toBe(0);
    expect((await listPage(ACCOUNTS.northwindAdmin, "?q=equipo")).total).toBe(0);
    expect((await listPage(ACCOUNTS.northwindAdmin, "?q=globex")).rows.map((row) => row.name)).toEqual(["Globex"]);
  });

  it("clearing the search shows every customer again", async () => {
    const all = await listPage(ACCOUNTS.northwindSuper);
    const cleared = await listPage(ACCOUNTS.northwindSuper, "?q=");
    const spaces = await listPage(ACCOUNTS.northwindSuper, "?q=%20%20%20");
    expect(cleared.total).toBe(all.total);
    expect(spaces.total).toBe(all.total);
  });

  const awkward: [string, string][] = [
    ['"', "a double quote"],
    ['""', "two double quotes"],
    ['equipo" OR "acme', "an FTS OR between phrases"],
    ["*", "an FTS prefix star"],
    ["equi*", "an FTS prefix query"],
    ["NEAR", "the FTS NEAR keyword"],
    ["NEAR(equipo acme)", "an FTS NEAR group"],
    ["OR", "the FTS OR keyword"],
    ["AND NOT", "FTS AND NOT"],
    ["acme OR globex", "an FTS OR between words"],
    ["search_text:acme", "an FTS column filter"],
    ["^acme", "an FTS start anchor"],
    ["(", "an open bracket"],
    ["' OR 1=1 --", "SQL injection"],
    ["'; DROP TABLE customers; --", "SQL injection that drops a table"],
    ["%", "a LIKE wildcard"],
    ["_", "a LIKE single-character wildcard"],
    ["a%c", "a LIKE wildcard inside text"],
    ["\\", "a backslash"],
    ["x".repeat(10_000), "10,000 characters"],
    ["\u0000\u0001equipo\u0007\u001f", "control characters"],
    ["\u0000", "only a NUL character"],
    ["😀", "an emoji"],
  ];

  it.each(awkward)("searching %j (%s) never fails and finds exactly the customers whose names or email contain it", async (q) => {
    const list = await listPage(ACCOUNTS.northwindSuper, `?q=${encodeURIComponent(q)}`);
    const folded = foldText(list.query.q).trim();
    expect(list.query.q.length).toBeLessThanOrEqual(100);
    const expected = folded === "" ? northwindCustomers() : northwindCustomers().filter((c) => c.searchText.includes(folded));
    expect(list.total).toBe(expected.length);
    const rows = await listAll(ACCOUNTS.northwindSuper, { q });
    expect(ids(rows)).toEqual(ids(expected));
  });

  it.each(["%ED%A0%80", "%FF%FE", "%", "%zz", "%00"])(
    "a search sent as the malformed or invalid UTF-8 %s never fails",
    async (encoded) => {
      const list = await listPage(ACCOUNTS.northwindSuper, `?q=${encoded}`);
      expect(list.total).toBeGreaterThanOrEqual(0);
      expect(list.total).toBeLessThanOrEqual(northwindCustomers().length);
    },
  );

  it("the tables are still there after searching for SQL", async () => {
    await listPage(ACCOUNTS.northwindSuper, `?q=${encodeURIComponent("'; DROP TABLE customers; --")}`);
    expect(northwindCustomers().length).toBeGreaterThanOrEqual(58);
  });

  it("a search of 10,000 characters is cut to 100 and the page says so", async () => {
    const list = await listPage(ACCOUNTS.northwindSuper, `?q=${"equipo".repeat(2000)}`);
    expect(list.searchTruncated).toBe(true);
    expect(list.query.q).toHaveLength(100);
    expect(list.total).toBe(0);
  });

  it("control characters are dropped from a search, not searched for", async () => {
    const list = await listPage(ACCOUNTS.northwindSuper, `?q=${encodeURIComponent("\u0000equipo\u0007")}`);
    expect(list.query.q).toBe("equipo");
    expect(list.rows.map((row) => row.name)).toContain("Équipo Médico Andaluz");
  });
});

describe("filters", () => {
  it("unknown filter, sort and page values are ignored, and the page says so", async () => {
    const all = await listPage(ACCOUNTS.northwindSuper);
    const list = await listPage(
      ACCOUNTS.northwindSuper,
      "?billing=bogus&status=nope&assistance=maybe&group=abc&sort=password&dir=sideways&page=-3",
    );
    expect(list.ignoredValues).toBe(true);
    expect(list.total).toBe(all.total);
    expect(ids(list.rows)).toEqual(ids(all.rows));
  });

  it("a group that is not the partner's is ignored, not used", async () => {
    const list = await listPage(ACCOUNTS.northwindSuper, "?group=999999");
    expect(list.ignoredValues).toBe(true);
    expect(list.query.groupId).toBeNull();
    expect(list.total).toBe(northwindCustomers().length);
    // Another partner's group id does not work across tenants either.
    const contosoView = await listPage(ACCOUNTS.contosoSuper, `?group=${emeaId}`);
    expect(contosoView.ignoredValues).toBe(true);
    expect(contosoView.rows.map((row) => row.name).sort()).toEqual(["Cyberdyne Labs", "Tyrell Systems"]);
  });

  it("the billing type filter shows only that billing type", async () => {
    const rows = await listAll(ACCOUNTS.northwindSuper, { billing: "trial" });
    const expected = northwindCustomers().filter((c) => c.billingType === "trial");
    expect(ids(rows)).toEqual(ids(expected));
    expect(rows.every((row) => row.billingType === "trial")).toBe(true);
  });

  it("the group filter shows only the group's customers", async () => {
    const rows = await listAll(ACCOUNTS.northwindSuper, { group: String(emeaId) });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.groups.includes("EMEA"))).toBe(true);
  });

  it("the Partner Assistance filter shows only customers in that state", async () => {
    const on = await listAll(ACCOUNTS.northwindSuper, { assistance: "on" });
    const off = await listAll(ACCOUNTS.northwindSuper, { assistance: "off" });
    expect(on.every((row) => row.assistance.state === "on")).toBe(true);
    expect(off.every((row) => row.assistance.state !== "on")).toBe(true);
    expect(on.length + off.length).toBe(northwindCustomers().length);
  });

  it("show only my protection leaves only active and expiring categories", async () => {
    const rows = await listAll(ACCOUNTS.northwindSuper, { protection: "on" });
    const statuses = new Set(rows.flatMap((row) => row.licenses.map((license) => license.status)));
    expect([...statuses].every((status) => status === "active" || status === "expiring")).toBe(true);
    const stark = rows.find((row) => row.name === "Stark Retail");
    expect(stark?.licenses).toEqual([]);
  });
});

describe("the cost of a page", () => {
  it("a list page costs the same number of queries however many rows it holds", async () => {
    const cookie = jars.get(ACCOUNTS.northwindSuper)!;
    const run = (search: string) => countQueries(() => loadPage(get(`/customers${search}`, { cookie })));
    const full = await run("");
    const partial = await run("?page=2");
    const single = await run("?q=equipo");
    const rowsOf = (outcome: Awaited<ReturnType<typeof run>>) =>
      (outcome.result.data["routes/customers"] as { list: ListData }).list.rows.length;
    const several = await run("?q=corp");
    expect(rowsOf(full)).toBe(50);
    expect(rowsOf(partial)).toBeLessThan(50);
    expect(rowsOf(single)).toBe(1);
    expect(rowsOf(several)).toBeGreaterThan(1);
    // The unfiltered list's pages alike; a search's alike, whatever it finds.
    expect(partial.count).toBe(full.count);
    expect(single.count).toBe(several.count);
    expect(full.count, full.sql.join("\n")).toBeLessThanOrEqual(12);
    expect(single.count, single.sql.join("\n")).toBeLessThanOrEqual(12);
  });

  it("listCustomers reads a page in a fixed number of queries, whatever it holds", async () => {
    const scope = { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindSuper), all: true };
    // Each page reads the groups, licenses and approval requests of its rows (3), and, for what it
    // keeps, checks twice that the database is unchanged (2). Then, from cold:
    // - a search or filter, short: its ids, their order, the page's rows (3); long: its ids (the
    //   first one past the short limit), its count, the page in list order (3); a search also
    //   reads the partner's range of the full-text index (1: customer-search.server.ts);
    // - a license status filter alone: the unfiltered count (kept), then as a search or filter
    //   that keeps nothing: ids and page by id (2) when short, ids, count and page when long (3);
    // - a license status with other filters: their ids and their list order (both kept), the
    //   licenses checked on those in that order, the page's rows (4) when the others are short;
    //   when long, their ids and count, then the whole filter's ids, count and page (5).
    const cases = [
      ["q=equipo", 9, 9],
      ["q=corp&page=2", 9, 9],
      ["billing=trial&sort=licenseEnd&dir=desc", 8, 8],
      ["status=active&sort=billing", 8, 9],
      ["billing=term&status=active", 9, 10],
    ] as const;
    for (const [search, short, long] of cases) {
      const { query } = parseCustomerListQuery(new URLSearchParams(search));
      const page = await countQueries(() => listCustomers({ scope, query }));
      expect(page.result.rows.length, search).toBeGreaterThan(0);
      expect(page.count, `${search}\n${page.sql.join("\n")}`).toBe(short);
      const longPage = await countQueries(() => listCustomers({ scope, query, shortResult: 0 }));
      expect(longPage.count, `${search}\n${longPage.sql.join("\n")}`).toBe(long);
      expect(longPage.result.rows.map((row) => row.id), search).toEqual(page.result.rows.map((row) => row.id));
    }
  });

  it("which customers match is kept until the database changes: a page then reads the page alone, and two statements that check for changes", async () => {
    const scope = { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindSuper), all: true };
    const page = (search: string, warm = true) =>
      countQueries(() => listCustomers({ scope, query: parseCustomerListQuery(new URLSearchParams(search)).query }), { warm });
    const isCount = (sql: string) => sql.startsWith("select count(*)");
    const isIds = (sql: string) => sql.startsWith("select customers.id as id from customers where");
    const changeChecks = (sqls: string[]) => sqls.filter((sql) => sql === "pragma data_version" || sql === "select total_changes() as n");
    const added = createCustomer(northwindId, { legalName: `Kept Count ${Date.now()}` });
    try {
      // The unfiltered list: its count, once.
      const first = await page("", false);
      expect(first.sql.filter(isCount)).toHaveLength(1);
      const again = await page("sort=billing&page=2");
      expect(again.sql.filter(isCount), again.sql.join("\n")).toEqual([]);
      expect(changeChecks(again.sql)).toHaveLength(2);
      expect(again.count, again.sql.join("\n")).toBe(6);
      expect(again.result.total).toBe(first.result.total);
      // A search: its ids, once, whatever the page and the order.
      const search = await page("q=corp");
      expect(search.sql.filter(isIds)).toHaveLength(1);
      const searchAgain = await page("q=corp&sort=licenseEnd&dir=desc");
      expect(searchAgain.sql.filter(isIds), searchAgain.sql.join("\n")).toEqual([]);
      expect(searchAgain.result.total).toBe(search.result.total);
      // Its order, once too: the same page again reads the page's rows alone.
      const isOrder = (sql: string) => sql.startsWith("select customers.id from customers where customers.id in");
      expect(searchAgain.sql.filter(isOrder)).toHaveLength(1);
      const thirdTime = await page("q=corp&sort=licenseEnd&dir=desc");
      expect(thirdTime.sql.filter(isOrder), thirdTime.sql.join("\n")).toEqual([]);
      expect(thirdTime.result.rows).toEqual(searchAgain.result.rows);
      // A license status filter depends on the time: read every time.
      await page("status=active");
      expect((await page("status=active")).sql.filter(isIds)).toHaveLength(1);
      // With other filters, those are kept with their order: only the licenses are read again.
      const isProbe = (sql: string) => sql.startsWith("select value from json_each(?) where exists");
      const licensed = await page("q=corp&status=active&sort=licenseEnd");
      const licensedAgain = await page("q=corp&status=active&sort=licenseEnd");
      expect(licensedAgain.sql.filter((sql) => isIds(sql) || isOrder(sql)), licensedAgain.sql.join("\n")).toEqual([]);
      expect(licensedAgain.sql.filter(isProbe)).toHaveLength(1);
      expect(licensedAgain.count, licensedAgain.sql.join("\n")).toBe(7);
      expect(licensedAgain.result.rows).toEqual(licensed.result.rows);
      // A change made through this connection: read again, with the new customer.
      const another = createCustomer(northwindId, { legalName: `Kept Count ${Date.now()} corp` });
      try {
        const after = await page("");
        expect(after.sql.filter(isCount)).toHaveLength(1);
        expect(after.result.total).toBe(first.result.total + 1);
        expect((await page("q=corp")).result.total).toBe(search.result.total + 1);
      } finally {
        deleteCustomer(another);
      }
      expect((await page("")).result.total).toBe(first.result.total);
      // Another scope has its own: an admin sees only the designated customers.
      const admin = { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindAdmin), all: false };
      const designated = listCustomers({ scope: admin, query: parseCustomerListQuery(new URLSearchParams("")).query });
      expect(designated.total).toBeLessThan(first.result.total);
    } finally {
      deleteCustomer(added);
    }
  });

  it("a license status filter follows the time, with nothing written, though the customers matching its other filters are kept", () => {
    const scope = { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindSuper), all: true };
    const day = 86_400_000;
    const start = Date.now();
    const legalName = `Kept Licenses ${start}`;
    const id = createCustomer(northwindId, { legalName, billingType: "term" });
    try {
      db()
        .insert(schema.licenses)
        .values({ customerId: id, product: "Intercept X", category: "Endpoint", type: "term", quantity: 5, startsAt: start - day, endsAt: start + 10 * day })
        .run();
      const found = (status: string, at: number) =>
        listCustomers({ scope, now: at, query: parseCustomerListQuery(new URLSearchParams(`q=${legalName}&billing=term&status=${status}`)).query })
          .rows.map((row) => row.id);
      expect(found("expiring", start)).toEqual([id]);
      expect(found("expired", start)).toEqual([]);
      // Eleven days on: the same customers match the search and billing type (kept), the licenses do not.
      expect(found("expiring", start + 11 * day)).toEqual([]);
      expect(found("expired", start + 11 * day)).toEqual([id]);
      expect(found("active", start + 11 * day)).toEqual([]);
    } finally {
      deleteCustomer(id);
    }
  });

  it("a change committed by another connection drops what was kept", async () => {
    const scope = { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindSuper), all: true };
    const query = parseCustomerListQuery(new URLSearchParams("")).query;
    const before = listCustomers({ scope, query }).total;
    const other = new Database(resolveDatabasePath());
    try {
      const row = other.prepare("select id from customers where partner_id = ? and link_state = 'linked' order by id limit 1").get(northwindId) as { id: number };
      other.prepare("update customers set link_state = 'unlinked' where id = ?").run(row.id);
      try {
        expect(listCustomers({ scope, query }).total).toBe(before - 1);
      } finally {
        other.prepare("update customers set link_state = 'linked' where id = ?").run(row.id);
      }
      expect(listCustomers({ scope, query }).total).toBe(before);
    } finally {
      other.close();
    }
  });

  it("a short result (paged from its ids) and a long one (counted, paged in list order) give the same pages", () => {
    const emeaAdmin = { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindAdmin), all: false };
    const everyone = { partnerId: northwindId, userId: userIdByEmail(ACCOUNTS.northwindSuper), all: true };
    const searches = [
      "",
      "page=2",
      "page=99",
      "dir=desc",
      "sort=billing&page=2",
      "sort=licenseEnd&dir=desc",
      "q=equipo",
      "q=an",
      "q=acme corp",
      "billing=term&status=expiring&sort=licenseEnd",
      `group=${emeaId}&assistance=off`,
      "status=expired&protection=on",
    ];
    for (const scope of [everyone, emeaAdmin]) {
      for (const search of searches) {
        const { query } = parseCustomerListQuery(new URLSearchParams(search));
        const now = Date.now();
        const short = listCustomers({ scope, query, now });
        // Below the result's size, down to none: the long path.
        for (const shortResult of [0, Math.max(0, short.total - 1)]) {
          const long = listCustomers({ scope, query, now, shortResult });
          const label = `${search} (${scope.all ? "all" : "designated"}, shortResult ${shortResult})`;
          expect({ ...long, facts: null }, label).toEqual({ ...short, facts: null });
        }
      }
    }
  });
});

describe("the rows are the loader's data, for documents and data requests alike", () => {
  /** The list's loader with what React Router passes it for GET /customers. */
  const load = (email: string) => {
    const request = get("/customers", { cookie: jars.get(email)! });
    return customersRoute.loader({ request, url: new URL(request.url), pattern: "/customers", params: {}, context: {} }) as Promise<{
      list: { rows: CustomerListRow[]; offers: Record<number, unknown>; total: number };
    }>;
  };

  it("the loader returns the page's rows and what each row offers, whatever the request scope", async () => {
    const inScope = await runInRequestScope(() => load(ACCOUNTS.northwindSuper));
    const outside = await load(ACCOUNTS.northwindSuper);
    for (const { list } of [inScope, outside]) {
      expect(list.rows.map((row) => row.name)).toContain("Acme Corp");
      expect(Object.keys(list.offers)).toHaveLength(list.rows.length);
    }
  });

  it("equal parts of the rows are one object, so the hydration data sends each once", async () => {
    const { list } = await load(ACCOUNTS.northwindSuper);
    const licenses = list.rows.flatMap((row) => row.licenses);
    const distinct = new Set(licenses.map((l) => `${l.category} ${l.status} ${l.daysLeft}`));
    expect(new Set(licenses).size).toBe(distinct.size);
    expect(licenses.length).toBeGreaterThan(distinct.size);
    const offStates = list.rows.map((row) => row.assistance).filter((state) => state.state === "off");
    expect(offStates.length).toBeGreaterThan(1);
    expect(new Set(offStates).size).toBe(1);
    const offers = Object.values(list.offers);
    expect(new Set(offers).size).toBe(new Set(offers.map((offer) => JSON.stringify(offer))).size);
  });

  it("two requests get their own rows", async () => {
    const [first, second] = await Promise.all(
      [ACCOUNTS.northwindSuper, ACCOUNTS.contosoSuper].map((email) =>
        runInRequestScope(async () => (await load(email)).list.rows.map((row) => row.name)),
      ),
    );
    expect(first).toContain("Acme Corp");
    expect(second).not.toContain("Acme Corp");
    expect(second).toEqual(expect.arrayContaining(["Cyberdyne Labs", "Tyrell Systems"]));
  });
});
