import type { MessageKey } from "./messages";
import { catalog as serverCatalog } from "./messages/catalog.server";
import type { Locale } from "./locales";

type Messages = Record<MessageKey, string>;

/**
 * The browser's catalogue: only the page's language, loaded before hydration
 * (entry.client.tsx). The server has both (catalog.server.ts, empty in the
 * browser's bundle).
 */
const browserCatalog: Partial<Record<Locale, Messages>> = {};

/** Called by entry.client.tsx with the page's language's catalogue, before hydrating. */
export function provideCatalog(locale: Locale, messages: Messages): void {
  browserCatalog[locale] = messages;
}

function messagesFor(locale: Locale): Messages {
  const messages = serverCatalog?.[locale] ?? browserCatalog[locale];
  if (messages) return messages;
  // The browser has another language's catalogue only: the language changed
  // without a page load. Load the page again, which brings the right one;
  // until then, say what we can in the language we have.
  if (typeof window !== "undefined") window.location.reload();
  const loaded = Object.values(browserCatalog)[0];
  if (!loaded) throw new Error(`No message catalogue for "${locale}"`);
  return loaded;
}

export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

// Intl objects are costly to build (tens of microseconds each) and
// immutable: one per locale, built on first use. A list page or a CSV export
// otherwise builds one per row (docs/performance.md).
const numberFormats = new Map<Locale, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

function numberFormatFor(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

function pluralRulesFor(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/**
 * A translate function for a locale. `{name}` placeholders take `vars`;
 * numbers are formatted for the locale. A key ending in ".one"/".other" is
 * picked by `plural` below.
 */
export function createTranslator(locale: Locale): Translate {
  const messages = messagesFor(locale);
  const numbers = numberFormatFor(locale);
  return (key, vars) => {
    const template: string = messages[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? numbers.format(value) : value;
    });
  };
}

type PluralBase<K> = K extends `${infer Base}.one` ? Base : never;
export type PluralKey = PluralBase<MessageKey>;

/** The ".one" or ".other" form of a message for a count, with `{count}` filled in. */
export function plural(
  t: Translate,
  locale: Locale,
  key: PluralKey,
  count: number,
  vars: MessageVars = {},
): string {
  const form = pluralRulesFor(locale).select(count) === "one" ? "one" : "other";
  return t(`${key}.${form}` as MessageKey, { ...vars, count });
}

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A date (no time) in the locale's own order, in UTC so server and browser agree. */
export function formatDate(locale: Locale, epochMs: number): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(epochMs));
}

export function formatNumber(locale: Locale, value: number): string {
  return numberFormatFor(locale).format(value);
}

export type I18n = Translate & {
  locale: Locale;
  plural: (key: PluralKey, count: number, vars?: MessageVars) => string;
};

/** A translate function that also knows its locale and plural forms (pages and server code alike). */
export function createI18n(locale: Locale): I18n {
  const t = createTranslator(locale);
  return Object.assign(t, {
    locale,
    plural: (key: PluralKey, count: number, vars?: MessageVars) => plural(t, locale, key, count, vars),
  });
}
