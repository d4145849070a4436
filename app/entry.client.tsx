import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locales";
import { provideCatalog } from "~/i18n/translate";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

/**
 * The page's language's message catalogue, and only it, is loaded before
 * hydrating (app/routes/i18n.$file.ts; docs/performance.md, "JavaScript"):
 * the page was rendered in <html lang>, and the first render here must say
 * the same. Without it (a failed request) the page stays as the server sent
 * it, which works without JavaScript.
 */
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const version = (window as { __remixManifest?: { version?: string } }).__remixManifest?.version ?? "";
const catalogUrl = `/i18n/${locale}.js?v=${encodeURIComponent(version)}`;
import(/* @vite-ignore */ catalogUrl).then(
  (module: { default: Parameters<typeof provideCatalog>[1] }) => {
    provideCatalog(locale, module.default);
    hydrate();
  },
  (error: unknown) => console.error("The message catalogue did not load; the page stays without scripts.", error),
);
