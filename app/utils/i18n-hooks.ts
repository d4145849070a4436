import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { createI18n, type I18n } from "~/i18n/translate";

type RootLocaleData = { locale: Locale } | undefined;

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootLocaleData;
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The page's translate function, with plural forms, for the locale the root loader chose. */
export function useT(): I18n {
  const locale = useLocale();
  return useMemo(() => createI18n(locale), [locale]);
}
