import { UNSAFE_FrameworkContext, useMatches } from "react-router";
import { useContext } from "react";
import { catalogUrl, pageNamespaces } from "./catalog-url";
import type { Locale } from "./locales";

/**
 * `<link rel="modulepreload">` for the page's messages (app/routes/i18n.$file.ts):
 * the namespaces its routes name in their `handle`. entry.client.tsx imports
 * this address before hydrating, and the browser can fetch it while the
 * page's scripts load. Only where the page has scripts (not with data saver).
 */
export function CatalogPreloads({ locale }: { locale: Locale }) {
  const version = useContext(UNSAFE_FrameworkContext)?.manifest.version ?? "";
  const namespaces = pageNamespaces(useMatches().map((match) => match.handle));
  return <link rel="modulepreload" href={catalogUrl(locale, version, namespaces)} data-messages="" />;
}
