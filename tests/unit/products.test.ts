/**
 * F7: the product catalogue and the rules of the new-customer forms, without
 * a database (the pages and the database are tests/integration/start-trial
 * and monthly-account).
 */
import { describe, expect, it } from "vitest";
import { LICENSE_CATEGORIES } from "../../lib/enums";
import {
  MONTHLY_PRODUCTS,
  PRODUCTS,
  TRIAL_PRODUCTS,
  monthlyLicenseDates,
  productById,
  productsInOrder,
  trialLicenseDates,
} from "~/domain/products";
import { DAY_MS, daysLeft } from "~/domain/license-status";
import { COUNTRY_CODES, monthlyConfirmSchema, monthlyLicensesSchema, newCustomerSchema, startTrialSchema } from "~/schemas/new-customer";
import { catalog, type MessageKey } from "~/i18n/messages";
import { createTranslator } from "~/i18n/translate";

const t = createTranslator("en");

describe("the product catalogue", () => {
  it("has each product once, under an id of its own", () => {
    const ids = PRODUCTS.map((product) => product.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(PRODUCTS.map((product) => product.name)).size).toBe(PRODUCTS.length);
  });

  it("gives every product a license category the licenses table knows", () => {
    for (const product of PRODUCTS) expect(LICENSE_CATEGORIES).toContain(product.category);
  });

  it("offers at least Endpoint, Server and Email Protection, Mobile and Encryption for a trial", () => {
    const names = TRIAL_PRODUCTS.map((product) => product.name);
    for (const name of ["Endpoint Protection", "Server Protection", "Email Protection", "Mobile", "Encryption"]) {
      expect(names).toContain(name);
    }
  });

  it("offers Endpoint, Unified Endpoint Management and Server products for a monthly account, and nothing else", () => {
    expect(MONTHLY_PRODUCTS.map((product) => product.name)).toEqual([
      "Endpoint Protection",
      "Unified Endpoint Management",
      "Server Protection",
    ]);
  });

  it("finds a product by its id, and nothing for an id it does not have", () => {
    expect(productById("server")?.name).toBe("Server Protection");
    expect(productById("firewall")).toBeUndefined();
    expect(productById("constructor")).toBeUndefined();
  });

  it("puts chosen ids in catalogue order, each once, without the unknown ones", () => {
    expect(productsInOrder(["email", "endpoint", "email", "nope"]).map((product) => product.id)).toEqual(["endpoint", "email"]);
  });

  it("ends a trial license 30 days after it starts, shown as 30 days left on the day", () => {
    const now = Date.UTC(2026, 0, 31, 23, 59);
    const { startsAt, endsAt } = trialLicenseDates(now);
    expect(startsAt).toBe(now);
    expect(endsAt - startsAt).toBe(30 * DAY_MS);
    expect(daysLeft(endsAt, now)).toBe(30);
    expect(daysLeft(endsAt, now + 1)).toBe(30);
  });

  it("ends a monthly license a year after it starts", () => {
    const now = Date.UTC(2026, 5, 1);
    expect(monthlyLicenseDates(now)).toEqual({ startsAt: now, endsAt: now + 365 * DAY_MS });
  });
});

describe("the countries", () => {
  it("are about thirty, each an ISO code once, named in English and Spanish", () => {
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    for (const code of COUNTRY_CODES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      const key = `lifecycle.country.${code}` as MessageKey;
      expect(catalog.en[key], code).toBeTruthy();
      expect(catalog.es[key], code).toBeTruthy();
    }
  });

  it("include every country whose data geography can be chosen", () => {
    for (const code of ["US", "IE", "DE", "CA", "AU", "JP"]) expect(COUNTRY_CODES).toContain(code);
  });
});

describe("the new-customer fields", () => {
  const valid = {
    companyName: "Acme",
    country: "US",
    dataGeography: "US",
    firstName: "Wile",
    lastName: "Coyote",
    email: "wile@example.com",
  };

  it("trims the names and the email, drops control characters, and writes one Unicode form", () => {
    const parsed = newCustomerSchema(t).parse({
      ...valid,
      companyName: "  Cafe\u0301\tLtd \n",
      firstName: " Wile ",
      email: "  wile@example.com ",
    });
    expect(parsed.companyName).toBe("Caf\u00e9 Ltd");
    expect(parsed.firstName).toBe("Wile");
    expect(parsed.email).toBe("wile@example.com");
    expect(parsed.phone).toBe("");
  });

  it("counts characters, not UTF-16 units: 100 emoji are a name of 100", () => {
    expect(newCustomerSchema(t).safeParse({ ...valid, companyName: "🦊".repeat(100) }).success).toBe(true);
    expect(newCustomerSchema(t).safeParse({ ...valid, companyName: "🦊".repeat(101) }).success).toBe(false);
  });

  it.each(["+1 555 0100", "(030) 555-0199", "5550100"])("accepts the phone %j", (phone) => {
    expect(newCustomerSchema(t).safeParse({ ...valid, phone }).success).toBe(true);
  });

  it("gives one message per field, the first problem only", () => {
    const result = newCustomerSchema(t).safeParse({ ...valid, email: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Enter the contact's email address"]);
  });

  it("asks for at least one product, and only products of the catalogue", () => {
    expect(startTrialSchema(t).safeParse({ ...valid, products: [] }).error?.issues[0]?.message).toBe("Select at least one product");
    expect(startTrialSchema(t).safeParse({ ...valid, products: ["mobile", 3] }).error?.issues[0]?.message).toBe(
      "Select only products from the list",
    );
    expect(startTrialSchema(t).parse({ ...valid, products: ["mobile", "endpoint"] }).products).toEqual(["endpoint", "mobile"]);
  });

  it("offers only monthly products in the licenses step", () => {
    expect(monthlyLicensesSchema(t).safeParse({ products: ["uem"] }).success).toBe(true);
    expect(monthlyLicensesSchema(t).safeParse({ products: ["email"] }).success).toBe(false);
  });

  it("takes only the ticked box as the acceptance", () => {
    expect(monthlyConfirmSchema(t).safeParse({ accept: "on" }).success).toBe(true);
    for (const accept of [undefined, "", "yes", true]) {
      expect(monthlyConfirmSchema(t).safeParse({ accept }).success, String(accept)).toBe(false);
    }
  });
});
