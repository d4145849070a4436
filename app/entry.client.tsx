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
 * The page's language's messages, and only the namespaces its routes name
 * (their `handle`), are loaded before hydrating: the module the root
 * preloads (app/i18n/CatalogPreloads.tsx, app/routes/i18n.$file.ts). The
 * page was rendered in <html lang>, and the first render here must say the
 * same. Without that link, every message of the language. Without the
 * messages (a failed request) the page stays as the server sent it, which
 * works without JavaScript.
 */
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const preload = document.querySelector<HTMLLinkElement>("link[rel=modulepreload][data-messages]");
const version = (window as { __reactRouterManifest?: { version?: string } }).__reactRouterManifest?.version ?? "";
const url = preload?.getAttribute("href") ?? catalogUrl(locale, version, null);
const namespaces = new URL(url, window.location.href).searchParams.get("ns");
import(/* @vite-ignore */ url)
  .then((module: { default: Parameters<typeof provideCatalog>[1] }) =>
    provideCatalog(locale, module.default, namespaces === null ? null : namespaces.split(",").filter(Boolean)),
  )
  .then(hydrate, (error: unknown) => console.error("The message catalogue did not load; the page stays without scripts.", error));
