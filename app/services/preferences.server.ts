import { createCookie } from "react-router";
import { isLocale, localeFromAcceptLanguage, type Locale } from "~/i18n/locales";
import { catalog, type MessageKey } from "~/i18n/messages";
import type { MessageVars } from "~/i18n/translate";
import { isHttps } from "./request.server";

/**
 * The language and data-saver choices, remembered in a cookie (not the
 * session) so they hold on the sign-in page and after sign-out too. Like
 * every cookie of the app, it is Secure whenever the request came over HTTPS
 * (`secureOn` below; the session cookie: session.server.ts).
 */
const preferencesCookie = createCookie("pc_prefs", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
});

/** The options every Set-Cookie of this file adds: Secure whenever the request came over HTTPS. */
function secureOn(request: Request): { secure: boolean } {
  return { secure: isHttps(request) };
}

type StoredPreferences = { locale?: Locale; dataSaver?: boolean };

export type Preferences = {
  locale: Locale;
  /** Whether pages go out with no script at all (F19). */
  dataSaver: boolean;
  /** The browser itself asks to save data (Save-Data: on). */
  browserSavesData: boolean;
};

async function readStored(request: Request): Promise<StoredPreferences> {
  const value: unknown = await preferencesCookie.parse(request.headers.get("cookie"));
  if (!value || typeof value !== "object") return {};
  const raw = value as Record<string, unknown>;
  return {
    locale: isLocale(raw.locale) ? raw.locale : undefined,
    dataSaver: typeof raw.dataSaver === "boolean" ? raw.dataSaver : undefined,
  };
}

export function browserSavesData(request: Request): boolean {
  return request.headers.get("save-data")?.trim().toLowerCase() === "on";
}

/** The locale (remembered choice, else Accept-Language) and data-saver state of a request. */
export async function getPreferences(request: Request): Promise<Preferences> {
  const stored = await readStored(request);
  const browser = browserSavesData(request);
  return {
    locale: stored.locale ?? localeFromAcceptLanguage(request.headers.get("accept-language")),
    dataSaver: browser || stored.dataSaver === true,
    browserSavesData: browser,
  };
}

export async function getLocale(request: Request): Promise<Locale> {
  return (await getPreferences(request)).locale;
}

/** The Set-Cookie that remembers a changed choice. */
export async function savePreferences(
  request: Request,
  change: StoredPreferences,
): Promise<string> {
  const stored = await readStored(request);
  return preferencesCookie.serialize({ ...stored, ...change }, secureOn(request));
}

/* Flash messages: one message carried across a redirect (post/redirect/get). */

export type Flash = { key: MessageKey; vars?: MessageVars };

const flashCookie = createCookie("pc_flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
});

/** The Set-Cookie that carries a message to the next page. */
export async function setFlash(request: Request, flash: Flash): Promise<string> {
  return flashCookie.serialize(flash, secureOn(request));
}

/** The waiting flash message, if any, and the Set-Cookie that clears it. */
export async function takeFlash(
  request: Request,
): Promise<{ flash: Flash | null; clear: string | null }> {
  const value: unknown = await flashCookie.parse(request.headers.get("cookie"));
  if (value === null || value === undefined) return { flash: null, clear: null };
  const clear = await flashCookie.serialize("", { maxAge: 0, ...secureOn(request) });
  return { flash: validFlash(value), clear };
}

/**
 * A flash read back from the browser is only trusted as far as it names a
 * message of the catalogue with plain values: the cookie is the browser's to
 * change, and an unknown key must not break the page.
 */
function validFlash(value: unknown): Flash | null {
  if (!value || typeof value !== "object") return null;
  const { key, vars } = value as { key?: unknown; vars?: unknown };
  if (typeof key !== "string" || !Object.hasOwn(catalog.en, key)) return null;
  if (vars === undefined) return { key: key as MessageKey };
  if (!vars || typeof vars !== "object") return null;
  const entries = Object.entries(vars as Record<string, unknown>);
  if (!entries.every(([, v]) => (typeof v === "string" && v.length <= 200) || typeof v === "number")) return null;
  return { key: key as MessageKey, vars: Object.fromEntries(entries) as MessageVars };
}
