/** The 403 page says why: a form sent from another site is not a matter of role. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { createI18n } from "~/i18n/translate";
import type { Locale } from "~/i18n/locales";

let locale: Locale = "en";
vi.mock("~/utils/i18n-hooks", () => ({ useT: () => createI18n(locale) }));
const { ErrorPage } = await import("~/components/layout/ErrorPage");

function page(status: number, data: unknown, as: Locale = "en"): string {
  locale = as;
  return renderToStaticMarkup(createElement(ErrorPage, { status, data }));
}

describe("the 403 page", () => {
  it("says the form came from another site, in the page's language", () => {
    expect(page(403, { crossSite: true })).toContain(createI18n("en")("error.403.crossSite"));
    expect(page(403, { crossSite: true }, "es")).toContain(createI18n("es")("error.403.crossSite"));
    expect(page(403, { crossSite: true })).not.toContain(createI18n("en")("error.403.body"));
  });

  it("keeps the role wording for any other refusal", () => {
    expect(page(403, null)).toContain(createI18n("en")("error.403.body"));
    expect(page(403, { crossSite: "yes" })).toContain(createI18n("en")("error.403.body"));
  });
});

describe("the 413 page", () => {
  it("says the form sent too much, in the page's language", () => {
    expect(page(413, null)).toContain(createI18n("en")("error.413.title"));
    expect(page(413, null, "es")).toContain(createI18n("es")("error.413.body"));
  });
});
