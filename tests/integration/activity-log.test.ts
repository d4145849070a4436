/**
 * F16: the activity log through its real loaders (the page and its CSV
 * export), against the real database: newest first, who did what to which
 * customer with before and after, each filter, pages, tenant isolation, the
 * roles, the export's rows, and bad input that is explained, never a 500.
 *
 * The entries are written here with recordActivity at fixed times in 2031,
 * after anything the demo data holds, so the newest ones are known.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { recordActivity } from "~/models/activities.server";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, customerIdByLegalName, partnerIdByName, userIdByEmail } from "../support/db";
import { get } from "../support/http";
import { readCsv } from "../support/csv";
import { callLoader, importRoute, type RouteModule } from "../support/routes";

type Row = {
  id: number;
  at: number;
  kind: string;
  actor: { kind: string; name?: string };
  customer: { id: number; name: string; linked: boolean } | null;
  before: { field: string; value: unknown }[] | null;
  after: { field: string; value: unknown }[] | null;
};

type Page = {
  rows: Row[];
  total: number;
  pageCount: number;
  query: { from: string | null; to: string | null; customer: string; actor: unknown; kind: string | null; page: number };
  pageOutOfRange: number | null;
  typed: { from: string; to: string };
  dateErrors: { from?: string; to?: string };
  customerTruncated: boolean;
  ignoredValues: boolean;
  users: { id: number; name: string }[];
};

const HOUR = 60 * 60 * 1000;
const at = (iso: string) => Date.parse(iso);

let page: RouteModule;
let exportRoute: RouteModule;

const ids = {
  globex: 0,
  initech: 0,
  acme: 0,
  hooli: 0,
  tyrell: 0,
  gone: 0,
  formula: 0,
};
const users = { nadia: 0, adam: 0, hana: 0, wile: 0, carla: 0 };

function record(entry: Parameters<typeof recordActivity>[1]): void {
  getDb().transaction((tx) => recordActivity(tx, entry));
}

/** An entry written as another version of the app might: any kind, any text in before and after. */
function insertRaw(values: typeof schema.activities.$inferInsert): void {
  getDb().insert(schema.activities).values(values).run();
}

beforeAll(async () => {
  page = await importRoute("routes/activity");
  exportRoute = await importRoute("routes/activity_.export");
  const northwind = partnerIdByName("Northwind Security");
  const contoso = partnerIdByName("Contoso IT");
  ids.globex = customerIdByLegalName("Globex Corporation");
  ids.initech = customerIdByLegalName("Initech");
  ids.acme = customerIdByLegalName("Acme Corp");
  ids.hooli = customerIdByLegalName("Hooli");
  ids.tyrell = customerIdByLegalName("Tyrell Systems");
  ids.gone = createCustomer(northwind, { legalName: "Gone Away Ltd", linkState: "unlinked", unlinkedAt: at("2031-01-13T00:00:00Z") });
  ids.formula = createCustomer(northwind, { legalName: "Formula Ltd", displayName: "@SUM(1+1)" });
  users.nadia = userIdByEmail(ACCOUNTS.northwindSuper);
  users.adam = userIdByEmail(ACCOUNTS.northwindAdmin);
  users.hana = userIdByEmail(ACCOUNTS.northwindHelpdesk);
  users.wile = userIdByEmail(ACCOUNTS.acmeCustomerAdmin);
  users.carla = userIdByEmail(ACCOUNTS.contosoSuper);

  // 120 launches of Hooli by Help Desk, one an hour from 2030-06-01: enough for three pages.
  for (let i = 0; i < 120; i++) {
    record({ partnerId: northwind, customerId: ids.hooli, actorUserId: users.hana, kind: "customer.launch", at: at("2030-06-01T00:00:00Z") + i * HOUR });
  }
  record({
    partnerId: northwind,
    customerId: ids.globex,
    actorUserId: users.nadia,
    kind: "customer.rename",
    before: { displayName: "Globex Corp" },
    after: { displayName: "Globex" },
    at: at("2031-01-10T09:00:00Z"),
  });
  record({
    partnerId: northwind,
    customerId: ids.initech,
    actorUserId: users.adam,
    kind: "customer.group.add",
    after: { group: "EMEA" },
    at: at("2031-01-11T00:00:00Z"),
  });
  // A customer admin's answer belongs to the customer's partner's log.
  record({ partnerId: northwind, customerId: ids.acme, actorUserId: users.wile, kind: "approval.approved", at: at("2031-01-12T10:00:00Z") });
  record({ partnerId: northwind, customerId: ids.gone, actorUserId: null, kind: "customer.unlinkCompleted", at: at("2031-01-13T00:00:00Z") });
  record({ partnerId: northwind, customerId: null, actorUserId: users.nadia, kind: "group.create", after: { group: "APAC" }, at: at("2031-01-14T12:00:00Z") });
  insertRaw({
    partnerId: northwind,
    customerId: ids.formula,
    actorUserId: users.nadia,
    kind: "=cmd|' /C calc'!A0",
    before: JSON.stringify("-2+3"),
    after: "not JSON at all",
    createdAt: at("2031-01-15T23:59:59.999Z"),
  });
  record({
    partnerId: contoso,
    customerId: ids.tyrell,
    actorUserId: users.carla,
    kind: "customer.rename",
    before: { displayName: "" },
    after: { displayName: "Tyrell Corp" },
    at: at("2031-01-12T08:00:00Z"),
  });
});

async function loadAs(email: string, search = "", headers: Record<string, string> = {}) {
  const cookie = await sessionFor(email);
  return callLoader(page, get(`/activity${search}`, { cookie, headers }));
}

async function logOf(email: string, search = ""): Promise<Page> {
  const outcome = await loadAs(email, search);
  expect(outcome.status, `GET /activity${search}`).toBe(200);
  return outcome.data as Page;
}

const northwindLog = (search = "") => logOf(ACCOUNTS.northwindSuper, search);

/** Every page of the log for a search, one after another. */
async function allPages(search: string): Promise<Row[]> {
  const first = await northwindLog(search);
  const rows = [...first.rows];
  for (let p = 2; p <= first.pageCount; p++) {
    rows.push(...(await northwindLog(`${search}${search ? "&" : "?"}page=${p}`)).rows);
  }
  return rows;
}

async function exportAs(email: string, search = "", headers: Record<string, string> = {}) {
  const cookie = await sessionFor(email);
  const outcome = await callLoader(exportRoute, get(`/activity/export${search}`, { cookie, headers }));
  const bytes = outcome.response ? new Uint8Array(await outcome.response.arrayBuffer()) : new Uint8Array();
  return { outcome, bytes, rows: readCsv(new TextDecoder().decode(bytes), ",") };
}

describe("the activity log", () => {
  it("lists the partner's entries newest first, 50 a page, with the total", async () => {
    const log = await northwindLog();
    expect(log.total).toBe(126);
    expect(log.pageCount).toBe(3);
    expect(log.rows).toHaveLength(50);
    const times = log.rows.map((row) => row.at);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(log.rows[0]!.kind).toBe("=cmd|' /C calc'!A0");
    expect(log.rows[1]!.kind).toBe("group.create");
  });

  it("shows who changed what on which customer, with the fields before and after", async () => {
    const rename = (await northwindLog()).rows.find((row) => row.kind === "customer.rename")!;
    expect(rename.actor).toEqual({ kind: "partnerUser", name: "Nadia Super" });
    expect(rename.customer).toEqual({ id: ids.globex, name: "Globex", linked: true });
    expect(rename.before).toEqual([{ field: "displayName", value: "Globex Corp" }]);
    expect(rename.after).toEqual([{ field: "displayName", value: "Globex" }]);
  });

  it("shows a customer admin's action in the partner's log as the customer admin's", async () => {
    const approval = (await northwindLog()).rows.find((row) => row.kind === "approval.approved")!;
    expect(approval.actor).toEqual({ kind: "customerAdmin", name: "Wile Coyote" });
    expect(approval.customer?.name).toBe("Acme Corp");
  });

  it("shows an entry with no user as a scheduled job's, and keeps an unlinked customer's name without a link", async () => {
    const unlink = (await northwindLog()).rows.find((row) => row.kind === "customer.unlinkCompleted")!;
    expect(unlink.actor).toEqual({ kind: "scheduled" });
    expect(unlink.customer).toEqual({ id: ids.gone, name: "Gone Away Ltd", linked: false });
  });

  it("lists a group's entry with no customer", async () => {
    const created = (await northwindLog()).rows.find((row) => row.kind === "group.create")!;
    expect(created.customer).toBeNull();
    expect(created.before).toBeNull();
    expect(created.after).toEqual([{ field: "group", value: "APAC" }]);
  });

  it("lists a kind the catalogue does not know, and before and after that are not JSON objects, as recorded", async () => {
    const odd = (await northwindLog()).rows[0]!;
    expect(odd.kind).toBe("=cmd|' /C calc'!A0");
    expect(odd.before).toEqual([{ field: "", value: "-2+3" }]);
    expect(odd.after).toEqual([{ field: "", value: "not JSON at all" }]);
  });

  it("offers the partner's own users in the User filter, and no one else", async () => {
    const log = await northwindLog();
    const names = log.users.map((user) => user.name);
    expect(names).toEqual(expect.arrayContaining(["Nadia Super", "Adam Admin", "Hana Helpdesk", "Rui Readonly"]));
    expect(names).not.toContain("Carla Contoso");
    expect(names).not.toContain("Wile Coyote");
  });
});

describe("filters", () => {
  it("From and To take whole UTC days, both included", async () => {
    const log = await northwindLog("?from=2031-01-11&to=2031-01-13");
    expect(log.rows.map((row) => row.kind)).toEqual(["customer.unlinkCompleted", "approval.approved", "customer.group.add"]);
    expect(log.dateErrors).toEqual({});
    const lastMoment = await northwindLog("?from=2031-01-15&to=2031-01-15");
    expect(lastMoment.rows).toHaveLength(1);
    expect((await northwindLog("?to=2030-12-31")).total).toBe(120);
  });

  it("Customer matches part of the customer's name, ignoring case and accents, and never another partner's", async () => {
    const log = await northwindLog("?customer=GLOBEX");
    expect(log.rows.map((row) => row.kind)).toEqual(["customer.rename"]);
    expect((await northwindLog("?customer=gone")).rows.map((row) => row.customer?.name)).toEqual(["Gone Away Ltd"]);
    expect((await northwindLog("?customer=gl")).rows.map((row) => row.customer?.name)).toEqual(["Globex"]);
    expect((await northwindLog("?customer=tyrell")).total).toBe(0);
  });

  it("User picks one user's entries, any customer admin's, or the scheduled jobs'", async () => {
    expect((await northwindLog(`?user=${users.adam}`)).rows.map((row) => row.kind)).toEqual(["customer.group.add"]);
    expect((await northwindLog("?user=customer-admins")).rows.map((row) => row.kind)).toEqual(["approval.approved"]);
    expect((await northwindLog("?user=scheduled")).rows.map((row) => row.kind)).toEqual(["customer.unlinkCompleted"]);
    expect((await northwindLog(`?user=${users.hana}`)).total).toBe(120);
  });

  it("Kind picks the entries of one kind", async () => {
    const log = await northwindLog("?kind=customer.launch");
    expect(log.total).toBe(120);
    expect(log.rows.every((row) => row.kind === "customer.launch")).toBe(true);
    expect((await northwindLog("?kind=group.create")).rows).toHaveLength(1);
  });

  it("filters combine", async () => {
    const log = await northwindLog(`?from=2030-06-02&to=2030-06-02&customer=hooli&user=${users.hana}&kind=customer.launch`);
    expect(log.total).toBe(24);
    expect(log.dateErrors).toEqual({});
    expect(log.ignoredValues).toBe(false);
  });
});

describe("pages", () => {
  it("every entry is on exactly one page, in order", async () => {
    const rows = await allPages("");
    expect(rows).toHaveLength(126);
    expect(new Set(rows.map((row) => row.id)).size).toBe(126);
    const times = rows.map((row) => row.at);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const third = await northwindLog("?page=3");
    expect(third.rows).toHaveLength(26);
    expect(third.query.page).toBe(3);
  });

  it("a page past the last shows the last page and says so", async () => {
    const log = await northwindLog("?page=99");
    expect(log.query.page).toBe(3);
    expect(log.pageOutOfRange).toBe(99);
    expect(log.rows).toHaveLength(26);
  });
});

describe("tenant isolation", () => {
  it("Contoso sees only its own entries", async () => {
    const log = await logOf(ACCOUNTS.contosoSuper);
    expect(log.total).toBe(1);
    expect(log.rows[0]!.customer?.name).toBe("Tyrell Systems");
    expect(log.rows[0]!.actor).toEqual({ kind: "partnerUser", name: "Carla Contoso" });
    expect(log.users.map((user) => user.name)).toEqual(["Carla Contoso"]);
  });

  it("Contoso cannot filter by a Northwind user: the value is ignored and said so", async () => {
    const log = await logOf(ACCOUNTS.contosoSuper, `?user=${users.nadia}`);
    expect(log.ignoredValues).toBe(true);
    expect(log.query.actor).toBeNull();
    expect(log.total).toBe(1);
  });

  it("Northwind never sees a Contoso entry, by any filter", async () => {
    for (const search of ["", "?customer=tyrell", `?user=${users.carla}`, "?kind=customer.rename&from=2031-01-12&to=2031-01-12"]) {
      const rows = await allPages(search);
      expect(rows.some((row) => row.customer?.name === "Tyrell Systems" || row.actor.name === "Carla Contoso"), search).toBe(false);
    }
  });

  it("Contoso's export holds only its own entry", async () => {
    const { rows } = await exportAs(ACCOUNTS.contosoSuper);
    expect(rows).toHaveLength(2);
    expect(rows[1]![4]).toBe("Tyrell Systems");
  });
});

describe("who may see it", () => {
  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly, ACCOUNTS.acmeCustomerAdmin])(
    "%s gets 403 for the page and the export",
    async (email) => {
      expect((await loadAs(email)).status).toBe(403);
      const { outcome } = await exportAs(email);
      expect(outcome.status).toBe(403);
    },
  );

  it("a signed-out visitor is sent to sign-in and back", async () => {
    const outcome = await callLoader(page, get("/activity?kind=group.create"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent("/activity?kind=group.create")}`);
  });
});

describe("CSV export", () => {
  it("downloads every entry of the filters, all pages, newest first, as UTF-8 with a byte-order mark and a header row", async () => {
    const { outcome, bytes, rows } = await exportAs(ACCOUNTS.northwindSuper, "?kind=customer.launch&page=2");
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(outcome.headers.get("Content-Disposition")).toMatch(/^attachment; filename="activity-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual(["When (UTC)", "Who", "What", "Kind code", "Customer", "Before", "After"]);
    const shown = await allPages("?kind=customer.launch");
    expect(rows.slice(1).map((row) => row[0])).toEqual(
      shown.map((row) => new Date(row.at).toISOString().slice(0, 19).replace("T", " ")),
    );
    expect(rows[1]).toEqual(["2030-06-05 23:00:00", "Hana Helpdesk", "Launched", "customer.launch", "Hooli", "", ""]);
  });

  it("says who, what and what changed in words", async () => {
    const { rows } = await exportAs(ACCOUNTS.northwindSuper, "?from=2031-01-10&to=2031-01-14");
    expect(rows.slice(1)).toEqual([
      ["2031-01-14 12:00:00", "Nadia Super", "Group created", "group.create", "", "", "Group: APAC"],
      ["2031-01-13 00:00:00", "Scheduled job", "Unlink completed", "customer.unlinkCompleted", "Gone Away Ltd (unlinked)", "", ""],
      ["2031-01-12 10:00:00", "Customer admin (Wile Coyote)", "Approval given", "approval.approved", "Acme Corp", "", ""],
      ["2031-01-11 00:00:00", "Adam Admin", "Added to group", "customer.group.add", "Initech", "", "Group: EMEA"],
      ["2031-01-10 09:00:00", "Nadia Super", "Name changed", "customer.rename", "Globex", "Name shown as: Globex Corp", "Name shown as: Globex"],
    ]);
  });

  it("neutralises cells that a spreadsheet would run as a formula", async () => {
    const { rows } = await exportAs(ACCOUNTS.northwindSuper, "?customer=formula");
    expect(rows[1]).toEqual([
      "2031-01-15 23:59:59",
      "Nadia Super",
      "'=cmd|' /C calc'!A0",
      "'=cmd|' /C calc'!A0",
      "'@SUM(1+1)",
      "'-2+3",
      "not JSON at all",
    ]);
  });

  it("is in Spanish for a Spanish user", async () => {
    const { outcome, bytes } = await exportAs(ACCOUNTS.northwindSuper, "?kind=customer.rename", { "Accept-Language": "es" });
    // Separated by ";" in Spanish (docs/decisions/0007-csv-export.md).
    const rows = readCsv(new TextDecoder().decode(bytes), ";");
    expect(outcome.headers.get("Content-Disposition")).toMatch(/filename="actividad-/);
    expect(rows[0]?.[0]).toBe("Cuándo (UTC)");
    expect(rows[1]?.[2]).toBe("Nombre cambiado");
    expect(rows[1]?.[5]).toBe("Nombre mostrado: Globex Corp");
  });

  it("carries the security headers of every page", async () => {
    const { outcome } = await exportAs(ACCOUNTS.northwindSuper, "?kind=group.create");
    expect(outcome.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(outcome.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(outcome.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("leaves out the values the page leaves out", async () => {
    const { rows } = await exportAs(ACCOUNTS.northwindSuper, "?from=2026-02-30&kind=nope&user=999999");
    expect(rows.length - 1).toBe(126);
  });
});

describe("bad input", () => {
  it("a date that does not exist is an error at its field, and the results are not filtered by it", async () => {
    const log = await northwindLog("?from=2026-02-30&kind=group.create");
    expect(log.dateErrors).toEqual({ from: "invalid" });
    expect(log.typed.from).toBe("2026-02-30");
    expect(log.query.from).toBeNull();
    expect(log.total).toBe(1);
  });

  it("a To before From is an error at To, and neither date filters", async () => {
    const log = await northwindLog("?from=2031-01-14&to=2031-01-10");
    expect(log.dateErrors).toEqual({ to: "beforeFrom" });
    expect(log.total).toBe(126);
  });

  it("an unknown user or kind, or a page that is no number, is ignored and said so", async () => {
    for (const search of ["?user=999999", "?user=abc", "?kind=customer.teleport", "?page=abc", "?page=0", "?page=-1"]) {
      const log = await northwindLog(search);
      expect(log.ignoredValues, search).toBe(true);
      expect(log.total, search).toBe(126);
      expect(log.query.page, search).toBe(1);
    }
  });

  it("a very long customer search is cut and said so", async () => {
    const log = await northwindLog(`?customer=${"globex".repeat(5000)}`);
    expect(log.customerTruncated).toBe(true);
    expect([...log.query.customer].length).toBeLessThanOrEqual(100);
    expect(log.total).toBe(0);
  });

  it.each([
    "?from=%00%01&to=%FF",
    "?from=2026-13-01&to=0000-00-00",
    "?from=99999-01-01",
    `?from=${"9".repeat(10_000)}`,
    "?customer=%22&kind=%3Cscript%3E",
    "?customer=*",
    "?customer=a%20OR%20b",
    "?customer=NEAR(a%20b)",
    "?customer=%27%20OR%201%3D1%20--",
    "?customer=%25_%5C",
    "?user=1e3&page=1e3",
    `?page=${"9".repeat(400)}`,
    "?from=2031-01-10&from=garbage&kind=group.create&kind=nope",
    "?constructor=1&__proto__=2",
  ])("%s is answered with a page, never a 500", async (search) => {
    const outcome = await loadAs(ACCOUNTS.northwindSuper, search);
    expect(outcome.status).toBe(200);
    const exported = await exportAs(ACCOUNTS.northwindSuper, search);
    expect(exported.outcome.status).toBe(200);
    expect(exported.rows[0]?.[0]).toBe("When (UTC)");
  });
});

describe("an entry that names another partner's customer", () => {
  it("shows no customer: no code writes one, and if one did, its name would not leak", async () => {
    const northwind = partnerIdByName("Northwind Security");
    insertRaw({ partnerId: northwind, customerId: ids.tyrell, actorUserId: users.nadia, kind: "customer.launch", createdAt: at("2029-01-01T00:00:00Z") });
    try {
      const log = await northwindLog("?to=2029-01-01");
      expect(log.rows).toHaveLength(1);
      expect(log.rows[0]!.customer).toBeNull();
    } finally {
      getDb().delete(schema.activities).where(eq(schema.activities.createdAt, at("2029-01-01T00:00:00Z"))).run();
    }
  });
});

/**
 * Issue 19: the unfiltered log is counted from `activity_counts` (kept by
 * triggers), and a customer search is counted and paged by one statement
 * through the customer index. The same rows, order and totals as a plain
 * reading of the table.
 */
describe("the counts and pages read without walking the whole log", () => {
  /** The partner's entries for a WHERE on `activities`, newest first, read the plain way. */
  function plainIds(where: string, ...params: (string | number)[]): number[] {
    return getDb()
      .$client.prepare(
        `select activities.id from activities where ${where} order by activities.created_at desc, activities.id desc`,
      )
      .pluck()
      .all(...params) as number[];
  }

  function countsByPartner(): Record<number, number> {
    const db = getDb().$client;
    const kept = db.prepare("select partner_id as partnerId, entries from activity_counts where entries != 0").all() as {
      partnerId: number;
      entries: number;
    }[];
    expect(kept).toEqual(
      db.prepare("select partner_id as partnerId, count(*) as entries from activities group by partner_id").all(),
    );
    return Object.fromEntries(kept.map((row) => [row.partnerId, row.entries]));
  }

  it("the unfiltered total follows every entry written and deleted, per partner", async () => {
    const northwind = partnerIdByName("Northwind Security");
    const before = countsByPartner();
    expect((await northwindLog()).total).toBe(before[northwind]);
    const when = at("2028-05-05T00:00:00Z");
    record({ partnerId: northwind, customerId: ids.hooli, actorUserId: users.hana, kind: "customer.launch", at: when });
    insertRaw({ partnerId: northwind, customerId: null, actorUserId: null, kind: "group.create", createdAt: when });
    try {
      expect(countsByPartner()[northwind]).toBe(before[northwind]! + 2);
      expect((await northwindLog()).total).toBe(before[northwind]! + 2);
      expect((await northwindLog()).pageCount).toBe(Math.ceil((before[northwind]! + 2) / 50));
    } finally {
      getDb().delete(schema.activities).where(eq(schema.activities.createdAt, when)).run();
    }
    expect(countsByPartner()).toEqual(before);
    expect((await northwindLog()).total).toBe(before[northwind]);
  });

  it("a customer search gives the same entries, order and total as reading every entry", async () => {
    const northwind = partnerIdByName("Northwind Security");
    const ofCustomers = (...customerIds: number[]) =>
      `activities.partner_id = ? and activities.customer_id in (${customerIds.join(", ")})`;
    const cases: [string, number[]][] = [
      ["?customer=hooli", plainIds(ofCustomers(ids.hooli), northwind)],
      ["?customer=hooli&kind=customer.launch", plainIds(`${ofCustomers(ids.hooli)} and kind = 'customer.launch'`, northwind)],
      ["?customer=hooli&kind=customer.rename", []],
      ["?customer=GLOBEX&kind=customer.rename", plainIds(`${ofCustomers(ids.globex)} and kind = 'customer.rename'`, northwind)],
      ["?customer=gl", plainIds(ofCustomers(ids.globex), northwind)],
      [
        `?customer=hooli&user=${users.hana}&from=2030-06-02&to=2030-06-03`,
        plainIds(
          `${ofCustomers(ids.hooli)} and actor_user_id = ? and created_at >= ? and created_at < ?`,
          northwind,
          users.hana,
          at("2030-06-02T00:00:00Z"),
          at("2030-06-04T00:00:00Z"),
        ),
      ],
    ];
    for (const [search, expected] of cases) {
      const first = await northwindLog(search);
      expect(first.total, search).toBe(expected.length);
      expect(first.pageCount, search).toBe(Math.max(1, Math.ceil(expected.length / 50)));
      expect((await allPages(search)).map((row) => row.id), search).toEqual(expected);
    }
    expect(cases[0]![1].length).toBeGreaterThan(100);
  });

  it("a customer search kept while nothing changed still finds a customer and entry written since", async () => {
    const northwind = partnerIdByName("Northwind Security");
    expect((await northwindLog("?customer=zebra crossing")).total).toBe(0);
    const zebra = createCustomer(northwind, { legalName: "Zebra Crossing Ltd" });
    const when = at("2028-06-06T00:00:00Z");
    record({ partnerId: northwind, customerId: zebra, actorUserId: users.nadia, kind: "customer.launch", at: when });
    try {
      const log = await northwindLog("?customer=zebra crossing");
      expect(log.rows.map((row) => row.customer?.name)).toEqual(["Zebra Crossing Ltd"]);
      expect(log.total).toBe(1);
    } finally {
      getDb().delete(schema.activities).where(eq(schema.activities.createdAt, when)).run();
    }
    expect((await northwindLog("?customer=zebra crossing")).total).toBe(0);
  });

  it("a customer search's page past the last shows the last page and says so", async () => {
    const all = await allPages("?customer=hooli");
    const log = await northwindLog("?customer=hooli&page=99");
    expect(log.query.page).toBe(Math.ceil(all.length / 50));
    expect(log.pageOutOfRange).toBe(99);
    expect(log.total).toBe(all.length);
    expect(log.rows.map((row) => row.id)).toEqual(all.slice((log.query.page - 1) * 50).map((row) => row.id));
    const none = await northwindLog("?customer=tyrell&page=2");
    expect([none.total, none.rows.length, none.query.page]).toEqual([0, 0, 1]);
  });
});
