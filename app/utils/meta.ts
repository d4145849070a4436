import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import type { MessageKey } from "~/i18n/messages";
import { createTranslator, type MessageVars } from "~/i18n/translate";

type Match = { id: string; data: unknown };

export function localeFromMatches(matches: Match[]): Locale {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/**
 * The pages with a description of their own, by their title's key (the same
 * `vars` fill both). Every other page gets "meta.page": its title and what
 * the console is for.
 */
const DESCRIPTIONS: Partial<Record<MessageKey, MessageKey>> = {
  "signIn.title": "meta.signIn",
  "customers.title": "meta.customers",
  "groups.title": "meta.groups",
  "activity.title": "meta.activity",
  "integrations.title": "meta.integrations",
  "central.title": "meta.central",
  "details.title": "meta.details",
};

/**
 * A page title in the page's language: "Customers – Partner Console" (in
 * Central Admin "Licenses – Central Admin"), and
 * "Error: …" first when the page shows a form error (GOV.UK pattern); with
 * the page's meta description, in the same language. Every route's meta (and
 * the root's, for error pages) goes through here, so every page has both.
 */
export function pageTitle(
  matches: Match[],
  key: MessageKey,
  vars?: MessageVars,
  options: { error?: boolean } = {},
): MetaDescriptor[] {
  const t = createTranslator(localeFromMatches(matches));
  const page = t(key, vars);
  // Central Admin is the customer's console, with its own name (issue 11).
  const central = matches.some((match) => match.id.startsWith("routes/central"));
  const title = t(central ? "title.suffixCentral" : "title.suffix", { title: page });
  const own = DESCRIPTIONS[key];
  const description = own ? t(own, vars) : t("meta.page", { title: page });
  return [{ title: options.error ? t("title.error", { title }) : title }, { name: "description", content: description }];
}
