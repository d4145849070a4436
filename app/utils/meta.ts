import type { MetaDescriptor } from "react-router";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import type { MessageKey } from "~/i18n/messages";
import { createTranslator, type MessageVars } from "~/i18n/translate";

/** A route match as `meta` gets it (undefined for a route of the page whose data is not there). */
type Match = { id: string; loaderData: unknown; pathname?: string } | undefined;

export function localeFromMatches(matches: readonly Match[]): Locale {
  const root = matches.find((match) => match?.id === "root")?.loaderData as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/**
 * Whether the page is a form sent back with its errors: the root's data
 * names this page's path (`formErrorsAt`, set by entry.server.tsx for a 400
 * or 409 answer to a form). Compared with the page's path, so a page opened
 * in the browser afterwards (the root's data stays) is not an error page.
 */
function showsFormErrors(matches: readonly Match[]): boolean {
  const root = matches.find((match) => match?.id === "root")?.loaderData as { formErrorsAt?: unknown } | undefined;
  if (typeof root?.formErrorsAt !== "string") return false;
  return matches.at(-1)?.pathname === root.formErrorsAt;
}

/**
 * A page title in the page's language: "Customers – Partner Console" (in
 * Central Admin "Licenses – Central Admin"), and
 * "Error: …" first when the page shows a form error (GOV.UK pattern:
 * `options.error`, or a form sent back with errors, `showsFormErrors`); with
 * the page's meta description, in the same language: its own (`description`,
 * filled with the same `vars`) or "meta.page", its title and what the
 * console is for. Every route's meta (and the root's, for error pages) goes
 * through here, so every page has both. A page's description key is in
 * its route's `handle` (app/i18n/catalog-url.ts), so that the browser loads
 * those words with that page only.
 */
export function pageTitle(
  matches: readonly Match[],
  key: MessageKey,
  vars?: MessageVars,
  options: { error?: boolean; description?: MessageKey } = {},
): MetaDescriptor[] {
  const t = createTranslator(localeFromMatches(matches));
  const page = t(key, vars);
  // Central Admin is the customer's console, with its own name (issue 11).
  const central = matches.some((match) => match?.id.startsWith("routes/central"));
  const title = t(central ? "title.suffixCentral" : "title.suffix", { title: page });
  const description = options.description ? t(options.description, vars) : t("meta.page", { title: page });
  const error = options.error || showsFormErrors(matches);
  return [{ title: error ? t("title.error", { title }) : title }, { name: "description", content: description }];
}
