import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { createTranslator, plural, type PluralKey, type MessageVars, type Translate } from "~/i18n/translate";

type RootLocaleData = { locale: Locale } | undefined;

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootLocaleData;
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The page's translate function, and plural forms, for the locale the root loader chose. */
export function useT(): Translate & {
  locale: Locale;
  plural: (key: PluralKey, count: number, vars?: MessageVars) => string;
} {
  const locale = useLocale();
  return useMemo(() => {
    const t = createTranslator(locale);
    return Object.assign(t, {
      locale,
      plural: (key: PluralKey, count: number, vars?: MessageVars) => plural(t, locale, key, count, vars),
    });
  }, [locale]);
}
