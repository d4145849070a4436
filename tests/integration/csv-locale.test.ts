/**
 * Issue 11: the CSV exports follow the user's language where spreadsheets
 * expect it (docs/decisions/0007-csv-export.md): "," in English, ";" in
 * Spanish, where Excel and LibreOffice split on ";" because "," is the
 * decimal mark. Each file is read back with a CSV reader (tests/support/csv.ts)
 * using the separator a spreadsheet of that language would use.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { recordActivity } from "~/models/activities.server";
import { csvDialect } from "~/utils/csv-dialect";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { customerIdByLegalName, partnerIdByName, userIdByEmail } from "../support/db";
import { readCsv } from "../support/csv";
import { get } from "../support/http";
import { callLoader, importRoute } from "../support/routes";

async function download(route: string, path: string, language: "en" | "es"): Promise<string> {
  const module = await importRoute(route);
  const cookie = await sessionFor(ACCOUNTS.northwindSuper);
  const outcome = await callLoader(module, get(path, { cookie, headers: { "Accept-Language": language } }));
  expect(outcome.status).toBe(200);
  return new TextDecoder().decode(await outcome.response!.arrayBuffer());
}

function firstLine(text: string): string {
  return text.replace(/^\uFEFF/, "").split(/\r?\n/)[0]!;
}

describe("the customers export", () => {
  it("is separated by commas in English and by semicolons in Spanish, with the same rows", async () => {
    const en = await download("routes/customers_.export", "/customers/export", "en");
    const es = await download("routes/customers_.export", "/customers/export", "es");
    expect(firstLine(en)).toBe(
      "Customer,Legal name,Billing type,Managed order,Groups,Licenses,Next license end,Partner Assistance,Contact email",
    );
    expect(firstLine(es).split(";")).toHaveLength(9);
    expect(firstLine(es)).toMatch(/^Cliente;Nombre legal;/);
    expect(firstLine(es)).not.toContain(",");

    const enRows = readCsv(en, ",");
    const esRows = readCsv(es, ";");
    expect(esRows.length).toBe(enRows.length);
    expect(enRows.length).toBeGreaterThan(50);
    // Every row has every column when read with its language's separator.
    expect(enRows.every((row) => row.length === 9)).toBe(true);
    expect(esRows.every((row) => row.length === 9)).toBe(true);
    // The same customers in the same order; cells holding "; " (several
    // licenses) are quoted, so they stay one cell.
    expect(esRows.slice(1).map((row) => row[0])).toEqual(enRows.slice(1).map((row) => row[0]));
    const several = esRows.slice(1).find((row) => row[5]!.includes("; "));
    expect(several, "a customer with more than one license category").toBeDefined();
    expect(es).toContain(`"${several![5]}"`);
    // Read with the other language's separator, the Spanish file falls apart:
    // the check above can fail.
    expect(readCsv(es, ",").every((row) => row.length === 9)).toBe(false);
  });
});

describe("the activity log export", () => {
  // Two renames of their own, on days no other test writes, with both
  // separators inside a value.
  beforeAll(() => {
    const partnerId = partnerIdByName("Northwind Security");
    const customerId = customerIdByLegalName("Initech");
    const actorUserId = userIdByEmail(ACCOUNTS.northwindSuper);
    for (const [day, before, after] of [
      ["2032-02-01", "Initech", "Initech; Software, Inc"],
      ["2032-02-02", "Initech; Software, Inc", "Initech"],
    ] as const) {
      getDb().transaction((tx) =>
        recordActivity(tx, {
          partnerId,
          customerId,
          actorUserId,
          kind: "customer.rename",
          before: { displayName: before },
          after: { displayName: after },
          at: Date.parse(`${day}T10:00:00Z`),
        }),
      );
    }
  });

  it("is separated by commas in English and by semicolons in Spanish, with the same entries", async () => {
    const path = "/activity/export?from=2032-02-01&to=2032-02-02";
    const en = await download("routes/activity_.export", path, "en");
    const es = await download("routes/activity_.export", path, "es");
    expect(firstLine(en)).toBe("When (UTC),Who,What,Kind code,Customer,Before,After");
    expect(firstLine(es)).toBe("Cuándo (UTC);Quién;Qué;Código del tipo;Cliente;Antes;Después");
    const enRows = readCsv(en, ",");
    const esRows = readCsv(es, ";");
    expect(esRows.length).toBe(enRows.length);
    expect(enRows).toHaveLength(3);
    expect(enRows.every((row) => row.length === 7)).toBe(true);
    expect(esRows.every((row) => row.length === 7)).toBe(true);
    // Newest first: the second rename, from the name holding both separators.
    expect(esRows[1]?.[5]).toBe("Nombre mostrado: Initech; Software, Inc");
    expect(enRows[1]?.[5]).toBe("Name shown as: Initech; Software, Inc");
    expect(esRows.slice(1).map((row) => row[0])).toEqual(enRows.slice(1).map((row) => row[0]));
  });
});

describe("numbers in an export", () => {
  it("have a decimal comma in Spanish and a decimal point in English, never grouped", () => {
    expect(csvDialect("es").formatNumber(1234.5)).toBe("1234,5");
    expect(csvDialect("en").formatNumber(1234.5)).toBe("1234.5");
    expect(csvDialect("es").formatNumber(20)).toBe("20");
    expect(csvDialect("es").delimiter).toBe(";");
    expect(csvDialect("en").delimiter).toBe(",");
  });
});
