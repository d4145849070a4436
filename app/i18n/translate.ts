import { catalog, type MessageKey } from "./messages";
import type { Locale } from "./locales";
import { catalogUrl } from "./catalog-url";

type Messages = Record<MessageKey, string>;

/**
 * Every message of both languages, on the server only. Vite writes
 * `import.meta.env.SSR` as a constant (false in the browser's build), so the
 * browser's bundle drops the catalogue (docs/performance.md, "JavaScript").
 * A `.server` module cannot be named here: React Router's build refuses one
 * that code in the browser imports.
 */
// `?.`: scripts run by tsx (npm run mail:run) have no import.meta.env; Vite still writes the constant.
const serverCatalog = import.meta.env?.SSR !== false ? catalog : undefined;

/**
 * The browser's catalogue: only the page's language, and only the messages
 * its routes name (app/routes/i18n.$file.ts), loaded before hydration
 * (entry.client.tsx); more come as other routes render. The server has
 * every message of both languages (serverCatalog).
 */
const browserCatalog: Partial<Record<Locale, Partial<Messages>>> = {};
/** Route ids whose messages the browser has ("*": all of them). */
const loadedRoutes = new Set<string>();
let loading: Promise<unknown> | null = null;

/** Called by entry.client.tsx with catalogue modules' messages: the root's (routeId null) or a route's. */
export function provideCatalog(locale: Locale, messages: Partial<Messages>, routeId: string | null = null): void {
  Object.assign((browserCatalog[locale] ??= {}), messages);
  if (routeId !== null) loadedRoutes.add(routeId);
}

type BrowserGlobals = {
  __reactRouterManifest?: { version?: string };
  __reactRouterDataRouter?: { state: { matches: { route: { id: string } }[] } };
};

/**
 * A message the browser does not have yet: a route rendered after a client
 * navigation, or a key its code does not name (a flash message). Loads the
 * messages of the routes on screen, and then, if that was not it, all the
 * language's messages; meanwhile the render waits (React keeps what is on
 * screen: navigations are transitions), so nothing is ever shown in the
 * wrong words. If loading fails, the page loads again from the server.
 */
function loadMissing(locale: Locale): Promise<unknown> {
  if (loading) return loading;
  const globals = window as BrowserGlobals;
  const version = globals.__reactRouterManifest?.version ?? "";
  const onScreen = (globals.__reactRouterDataRouter?.state.matches ?? []).map((match) => match.route.id);
  let routeIds = onScreen.filter((id) => id !== "root" && !loadedRoutes.has(id));
  if (routeIds.length === 0) routeIds = ["*"];
  loading = Promise.all(
    routeIds.map((id) =>
      import(/* @vite-ignore */ catalogUrl(locale, version, id)).then((module: { default: Partial<Messages> }) =>
        provideCatalog(locale, module.default, id),
      ),
    ),
  ).then(
    () => {
      loading = null;
    },
    (error: unknown) => {
      console.error("Messages did not load; loading the page again.", error);
      window.location.reload();
      return new Promise(() => {});
    },
  );
  return loading;
}

function messagesFor(locale: Locale): Partial<Messages> {
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

/** A message; in the browser, when it has not come yet, suspends the render until it has (loadMissing). */
function messageFor(messages: Partial<Messages>, locale: Locale, key: MessageKey): string {
  const template = messages[key];
  if (template !== undefined) return template;
  // The server has every message: a key it lacks came from data (an old
  // flash cookie); the key itself is shown rather than a 500.
  if (typeof window === "undefined") return key;
  if (loadedRoutes.has("*")) throw new Error(`No message "${key}" in "${locale}"`);
  throw loadMissing(locale);
}

/**
 * Whether a key built from data names a message: on the server, any of the
 * catalogue's; in the browser, one it has (never loads or suspends).
 */
export function hasMessage(locale: Locale, key: string): key is MessageKey {
  const messages = serverCatalog?.[locale] ?? browserCatalog[locale];
  return messages !== undefined && Object.prototype.hasOwnProperty.call(messages, key);
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
    const template = messageFor(messages, locale, key);
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
/** Dates already written, by locale and UTC day: a list page writes 50 to 100, most of them a few days. */
const writtenDates = new Map<string, string>();
const MAX_WRITTEN_DATES = 5_000;
const DAY_MS = 86_400_000;

/** A date (no time) in the locale's own order, in UTC so server and browser agree. */
export function formatDate(locale: Locale, epochMs: number): string {
  // The text depends on the UTC day alone; a date outside Date's range keeps its own key (and RangeError).
  const key = `${locale}${Math.floor(epochMs / DAY_MS)}`;
  const written = writtenDates.get(key);
  if (written !== undefined) return written;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  const text = format.format(new Date(epochMs));
  if (writtenDates.size >= MAX_WRITTEN_DATES) writtenDates.clear();
  writtenDates.set(key, text);
  return text;
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
