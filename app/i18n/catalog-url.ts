import type { Locale } from "./locales";

/**
 * The address of a message catalogue module (app/routes/i18n.$file.ts):
 * the root's messages (`routeId` null), the messages a route adds to the
 * root's, or (`"*"`) every message of the language. The build's version
 * makes it cacheable for good. The root's `<link rel="modulepreload">`s and
 * entry.client.tsx's imports must build the very same addresses, so that
 * the browser fetches each once.
 */
export function catalogUrl(locale: Locale, version: string, routeId: string | null = null): string {
  const url = `/i18n/${locale}.js?v=${encodeURIComponent(version)}`;
  return routeId === null ? url : `${url}&route=${encodeURIComponent(routeId)}`;
}
