import { describe, expect, it } from "vitest";
import { LOCALES, localeFromAcceptLanguage } from "~/i18n/locales";
import { catalog, type MessageKey } from "~/i18n/messages";
import { createI18n, createTranslator, formatDate, plural } from "~/i18n/translate";

describe("choosing the language from Accept-Language", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["es", "es"],
    ["ES", "es"],
    ["es-ES", "es"],
    ["es-419,es;q=0.9", "es"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-FR,fr;q=0.9", "en"],
    ["fr-FR, es;q=0.5", "es"],
    ["en;q=0.5, es;q=0.9", "es"],
    ["es;q=0.8, en;q=0.9", "en"],
    ["es;q=0, en;q=0.1", "en"],
    ["es;q=0", "en"],
    ["de, es;q=0.3, en;q=0.2", "es"],
    ["*", "en"],
    [" es-MX ; q=1 , en ; q=0.9", "es"],
  ] as const)("chooses %j as %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it("keeps the header's order between equal q values", () => {
    expect(localeFromAcceptLanguage("es, en")).toBe("es");
    expect(localeFromAcceptLanguage("en, es")).toBe("en");
  });
});

describe("translating", () => {
  it("fills in placeholders", () => {
    const t = createTranslator("en");
    expect(t("header.signedInAs", { name: "Nadia Super", role: "Super Admin" })).toBe(
      "Signed in as Nadia Super, Super Admin",
    );
  });

  it("formats numbers for the locale", () => {
    expect(createTranslator("en")("pagination.summary", { page: 1, pages: 12345 })).toBe("Page 1 of 12,345");
    expect(createTranslator("es")("pagination.summary", { page: 1, pages: 12345 })).toContain("12.345");
  });

  it("leaves a placeholder with no value as it is rather than writing undefined", () => {
    const text = createTranslator("en")("header.signedInAs", { name: "Nadia" });
    expect(text).toBe("Signed in as Nadia, {role}");
    expect(text).not.toContain("undefined");
  });

  it("returns a message with placeholders untouched when given no values", () => {
    expect(createTranslator("en")("pagination.page")).toBe("Page {page}");
  });

  it("picks the one and other plural forms for each language", () => {
    const en = createTranslator("en");
    expect(plural(en, "en", "customers.count", 1)).toBe("1 customer");
    expect(plural(en, "en", "customers.count", 0)).toBe("0 customers");
    expect(plural(en, "en", "customers.count", 2)).toBe("2 customers");
    expect(plural(en, "en", "customers.count", 1234)).toBe("1,234 customers");
    const es = createTranslator("es");
    expect(plural(es, "es", "customers.count", 1)).toBe("1 cliente");
    expect(plural(es, "es", "customers.count", 2)).toBe("2 clientes");
  });

  it("passes other values through a plural", () => {
    const t = createI18n("en");
    expect(t.plural("license.expiring", 1, { category: "Email" })).toBe("Email: expiring in 1 day");
    expect(t.plural("license.expiring", 12, { category: "Email" })).toBe("Email: expiring in 12 days");
  });
});

describe("the message catalogue", () => {
  const englishKeys = Object.keys(catalog.en) as MessageKey[];
  const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every English message in Spanish, not empty", () => {
    const missing = englishKeys.filter((key) => typeof catalog.es[key] !== "string" || catalog.es[key].trim() === "");
    expect(missing).toEqual([]);
  });

  it("has no Spanish message that English lacks", () => {
    const extra = Object.keys(catalog.es).filter((key) => !(key in catalog.en));
    expect(extra).toEqual([]);
  });

  it.each(LOCALES)("has no empty message in %s", (locale) => {
    const empty = Object.entries(catalog[locale]).filter(([, message]) => message.trim() === "");
    expect(empty).toEqual([]);
  });

  it.each(LOCALES)("has no broken placeholder in %s", (locale) => {
    const broken = Object.entries(catalog[locale]).filter(
      ([, message]) =>
        message.includes("{{") ||
        message.includes("}}") ||
        message.includes("undefined") ||
        // Every brace must belong to a {name} placeholder.
        message.replace(/\{\w+\}/g, "").match(/[{}]/) !== null,
    );
    expect(broken).toEqual([]);
  });

  it("uses the same placeholders in Spanish as in English", () => {
    const different = englishKeys.filter(
      (key) => placeholders(catalog.en[key]).join(",") !== placeholders(catalog.es[key]).join(","),
    );
    expect(different).toEqual([]);
  });

  it("has both plural forms of every plural message", () => {
    const bases = new Set(
      englishKeys.filter((key) => /\.(one|other)$/.test(key)).map((key) => key.replace(/\.(one|other)$/, "")),
    );
    for (const base of bases) {
      expect(englishKeys, base).toContain(`${base}.one`);
      expect(englishKeys, base).toContain(`${base}.other`);
    }
  });
});

describe("writing a date", () => {
  it("writes each UTC day as Intl does, whatever the time of day, in each language, written again from what it kept", () => {
    const intl = (locale: string, ms: number) =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(ms));
    const day = 86_400_000;
    const moments = [0, 1, day - 1, day, Date.UTC(2026, 10, 27, 23, 59, 59, 999), Date.UTC(2026, 11, 31), -1, -day, -day - 1, Date.UTC(1969, 11, 31, 12)];
    for (let i = 0; i < 200; i++) moments.push(Math.floor(Date.UTC(2020, 0, 1) + i * 7_654_321_987) + (i % 3) * 0.5);
    for (const locale of LOCALES) {
      for (const round of [1, 2]) {
        for (const ms of moments) expect(formatDate(locale, ms), `${locale} ${ms} (round ${round})`).toBe(intl(locale, ms));
      }
    }
  });

  it("still refuses a time that is no date", () => {
    expect(() => formatDate("en", Number.NaN)).toThrow(RangeError);
    expect(() => formatDate("en", 9e15)).toThrow(RangeError);
  });
});
