import { useRouteLoaderData } from "react-router";
import { useMemo } from "react";
import type { Locale } from "~/i18n/locales";
import { createI18n, type I18n } from "~/i18n/translate";
import { useRequestLocale } from "~/utils/request-locale";

type RootLocaleData = { locale: Locale } | undefined;

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootLocaleData;
  // Without the root's data (an error page after an action), the request's own language.
  const requestLocale = useRequestLocale();
  return data?.locale ?? requestLocale;
}

/** The page's translate function, with plural forms, for the locale the root loader chose. */
export function useT(): I18n {
  const locale = useLocale();
  return useMemo(() => createI18n(locale), [locale]);
}
