import { UNSAFE_FrameworkContext, useMatches } from "react-router";
import { useContext } from "react";
import { catalogUrl } from "./catalog-url";
import type { Locale } from "./locales";

/**
 * `<link rel="modulepreload">` for the messages of the page's routes beyond
 * the root's (app/routes/i18n.$file.ts): entry.client.tsx imports them before
 * hydrating, and the browser can fetch them while the page's scripts load.
 * Only where the page has scripts (not with data saver).
 */
export function CatalogPreloads({ locale }: { locale: Locale }) {
  const version = useContext(UNSAFE_FrameworkContext)?.manifest.version ?? "";
  const routeIds = useMatches()
    .map((match) => match.id)
    .filter((id) => id !== "root");
  return (
    <>
      {routeIds.map((id) => (
        <link key={id} rel="modulepreload" href={catalogUrl(locale, version, id)} />
      ))}
    </>
  );
}
