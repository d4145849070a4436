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
 * A page title in the page's language: "Customers – Partner Console", and
 * "Error: …" first when the page shows a form error (GOV.UK pattern).
 */
export function pageTitle(
  matches: Match[],
  key: MessageKey,
  vars?: MessageVars,
  options: { error?: boolean } = {},
): MetaDescriptor[] {
  const t = createTranslator(localeFromMatches(matches));
  const title = t("title.suffix", { title: t(key, vars) });
  return [{ title: options.error ? t("title.error", { title }) : title }];
}
