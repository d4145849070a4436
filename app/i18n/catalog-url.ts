import type { Locale } from "./locales";

/**
 * What a route module says about the messages its page needs, in its
 * `handle` (React Router's place for a route's own facts): the namespaces of
 * the catalogue its code names, each a key's prefix at a dot ("groups" is
 * every `groups.…` key) or a whole key ("approval.request"). The root names
 * the ones the frame needs (header, errors, banners). A route that renders
 * nothing names none. message-catalogues.test.ts holds each route's list to
 * the keys its code names.
 */
export type MessagesHandle = { messages: readonly string[] };

/** The namespaces a page needs: those its routes' handles name, each once, in order. */
export function pageNamespaces(handles: readonly unknown[]): string[] {
  const namespaces = new Set<string>();
  for (const handle of handles) {
    const messages = (handle as Partial<MessagesHandle> | undefined)?.messages;
    if (Array.isArray(messages)) for (const namespace of messages) namespaces.add(namespace);
  }
  return [...namespaces].sort();
}

/**
 * The address of a message catalogue module (app/routes/i18n.$file.ts): the
 * messages of these namespaces, or (`null`) every message of the language.
 * The build's version makes it cacheable for good. The root's
 * `<link rel="modulepreload">` names the page's; entry.client.tsx imports
 * that very address, so the browser fetches it once.
 */
export function catalogUrl(locale: Locale, version: string, namespaces: readonly string[] | null): string {
  const url = `/i18n/${locale}.js?v=${encodeURIComponent(version)}`;
  return namespaces === null ? url : `${url}&ns=${namespaces.map(encodeURIComponent).join(",")}`;
}
