import { HydratedRouter } from "react-router/dom";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locales";
import { catalogUrl } from "~/i18n/catalog-url";
import { provideCatalog } from "~/i18n/translate";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
}

/**
 * The page's language's messages, and only those its routes name, are
 * loaded before hydrating (app/routes/i18n.$file.ts; docs/performance.md,
 * "JavaScript"): the root's module, and one per route of the page (which
 * the root preloads, app/i18n/CatalogPreloads.tsx). The page was rendered
 * in <html lang>, and the first render here must say the same. Without
 * them (a failed request) the page stays as the server sent it, which
 * works without JavaScript.
 */
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const globals = window as {
  __reactRouterManifest?: { version?: string };
  __reactRouterRouteModules?: Record<string, unknown>;
};
const version = globals.__reactRouterManifest?.version ?? "";
const routeIds = [null, ...Object.keys(globals.__reactRouterRouteModules ?? {}).filter((id) => id !== "root")];
Promise.all(
  routeIds.map((id) =>
    import(/* @vite-ignore */ catalogUrl(locale, version, id)).then(
      (module: { default: Parameters<typeof provideCatalog>[1] }) => provideCatalog(locale, module.default, id),
    ),
  ),
).then(hydrate, (error: unknown) =>
  console.error("The message catalogue did not load; the page stays without scripts.", error),
);
