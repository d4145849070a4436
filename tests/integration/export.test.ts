/**
 * F17: "Export CSV" through the real loader: the same rows as the list for
 * the same search and filters, every page, UTF-8 with a header row, and
 * formula-looking cells neutralised.
 */
import { describe, expect, it } from "vitest";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, partnerIdByName } from "../support/db";
import { get } from "../support/http";
import { readCsv } from "../support/csv";
import { callLoader, importRoute } from "../support/routes";

async function exportAs(email: string, search = "") {
  const route = await importRoute("routes/customers_.export");
  const cookie = await sessionFor(email);
  const outcome = await callLoader(route, get(`/customers/export${search}`, { cookie }));
  const bytes = outcome.response ? new Uint8Array(await outcome.response.arrayBuffer()) : new Uint8Array();
  return { outcome, bytes, rows: readCsv(new TextDecoder().decode(bytes), ",") };
}

async function listTotal(email: string, search = "") {
  const route = await importRoute("routes/customers");
  const cookie = await sessionFor(email);
  const outcome = await callLoader(route, get(`/customers${search}`, { cookie }));
  return (outcome.data as { list: { total: number } }).list.total;
}

describe("CSV export", () => {
  it("downloads every customer of the list, all pages, as UTF-8 with a byte-order mark and a header row", async () => {
    const { outcome, bytes, rows } = await exportAs(ACCOUNTS.northwindSuper);
    expect(outcome.status).toBe(200);
    expect(outcome.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(outcome.headers.get("Content-Disposition")).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual([
      "Customer",
      "Legal name",
      "Billing type",
      "Managed order",
      "Groups",
      "Licenses",
      "Next license end",
      "Partner Assistance",
      "Contact email",
    ]);
    const total = await listTotal(ACCOUNTS.northwindSuper);
    expect(total).toBeGreaterThan(50);
    expect(rows.length - 1).toBe(total);
    const equipo = rows.find((row) => row[0] === "Équipo Médico Andaluz");
    expect(equipo?.[8]).toBe("maria.nunez@equipo-medico.test");
  });

  it("holds exactly the rows of the current search and filters", async () => {
    const { rows } = await exportAs(ACCOUNTS.northwindSuper, "?billing=usage&sort=name");
    const names = rows.slice(1).map((row) => row[0]);
    expect(names).toContain("Globex");
    expect(names).toContain("Soylent Foods");
    expect(names).not.toContain("Acme Corp");
    expect(rows.slice(1).every((row) => row[2] === "Monthly")).toBe(true);
    expect(rows.length - 1).toBe(await listTotal(ACCOUNTS.northwindSuper, "?billing=usage"));
    const searched = await exportAs(ACCOUNTS.northwindSuper, "?q=equipo");
    expect(searched.rows.slice(1).map((row) => row[0])).toEqual(["Équipo Médico Andaluz"]);
  });

  it("neutralises cells that a spreadsheet would run as a formula", async () => {
    const partnerId = partnerIdByName("Northwind Security");
    createCustomer(partnerId, { legalName: "=HYPERLINK(\"http://evil.example\",\"x\")", displayName: "+Formula Plus", contactEmail: "@at@formula.test" });
    const { rows } = await exportAs(ACCOUNTS.northwindSuper, "?q=formula");
    const row = rows.find((r) => r[0]?.includes("Formula Plus"));
    expect(row?.[0]).toBe("'+Formula Plus");
    expect(row?.[1]).toBe("'=HYPERLINK(\"http://evil.example\",\"x\")");
    expect(row?.[8]).toBe("'@at@formula.test");
  });

  it("is in Spanish for a Spanish user", async () => {
    const route = await importRoute("routes/customers_.export");
    const cookie = await sessionFor(ACCOUNTS.northwindReadonly);
    const outcome = await callLoader(route, get("/customers/export?q=globex", { cookie, headers: { "Accept-Language": "es" } }));
    // Separated by ";" in Spanish (docs/decisions/0007-csv-export.md).
    const rows = readCsv(await outcome.response!.text(), ";");
    expect(rows[0]?.[0]).toBe("Cliente");
    expect(rows[1]?.[2]).toBe("Mensual");
  });

  it("an admin's export holds only its designated customers", async () => {
    const { rows } = await exportAs(ACCOUNTS.northwindAdmin);
    const names = rows.slice(1).map((row) => row[0]);
    expect(names).toContain("Hooli");
    expect(names).toContain("Initech");
    expect(names).not.toContain("Acme Corp");
    expect(rows.length - 1).toBe(await listTotal(ACCOUNTS.northwindAdmin));
  });

  it("no Northwind export ever holds a Contoso customer", async () => {
    const { rows } = await exportAs(ACCOUNTS.northwindSuper, "?q=tyrell");
    expect(rows).toHaveLength(1);
  });

  it("a signed-out visitor is sent to sign-in", async () => {
    const route = await importRoute("routes/customers_.export");
    const outcome = await callLoader(route, get("/customers/export"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("the CSV export carries the security headers of every page", async () => {
    const route = await importRoute("routes/customers_.export");
    const cookie = await sessionFor(ACCOUNTS.northwindReadonly);
    const outcome = await callLoader(route, get("/customers/export?q=hooli", { cookie }));
    expect(outcome.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(outcome.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    await outcome.response?.text();
  });
});
