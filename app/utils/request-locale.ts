import { createContext, useContext } from "react";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";

/**
 * The request's language, for a page drawn without the root loader's data.
 * When an action's error bubbles to the root's ErrorBoundary (a form sent
 * from another site, a 403 or 404 thrown by an action), React Router does not run
 * the root loader, so `useRouteLoaderData("root")` is undefined; the error
 * page must still speak the user's language. The server provides it
 * (entry.server.tsx, from the same preferences the root loader reads); in
 * the browser it is the `lang` the server wrote on <html>, so hydration
 * agrees with the server.
 */
export const RequestLocaleContext = createContext<Locale | undefined>(undefined);

export function useRequestLocale(): Locale {
  const fromServer = useContext(RequestLocaleContext);
  if (fromServer) return fromServer;
  const lang = typeof document === "undefined" ? undefined : document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}
