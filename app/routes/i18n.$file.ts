import type { Route } from "./+types/i18n.$file";
import { allowAnyone } from "~/services/authz.server";
import { notFound } from "~/services/http.server";
import { catalog } from "~/i18n/messages/catalog.server";
import { isLocale } from "~/i18n/locales";

/** Each module's text, built on first request: the catalogue does not change while the server runs. */
const modules = new Map<string, string>();
/** Enough for every page of the app in both languages; the addresses are anyone's, so the cache is bounded. */
const MAX_MODULES = 500;

/** Every namespace the catalogue has: each key, and each of its prefixes at a dot. */
const namespaces: ReadonlySet<string> = new Set(
  Object.keys(catalog.en).flatMap((key) => key.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."))),
);

/**
 * `/i18n/<locale>.js?v=<build version>[&ns=<namespace>,…]`: messages of one
 * language as a JavaScript module, which the browser imports before
 * hydrating (entry.client.tsx). The browser's bundle carries no catalogue:
 * a page's scripts bring their own language only, and only the namespaces
 * its routes name in their `handle` (app/i18n/catalog-url.ts): a namespace
 * is every key it prefixes at a dot ("groups": `groups.…`), or a whole key.
 * Without `ns`, every message of the language (what translate.ts falls back
 * to when a key is missing: never a wrong text). A namespace the catalogue
 * does not have is a 404.
 *
 * The build's version in the address makes it cacheable for good (a new
 * build may bring new messages, and asks for a new address).
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  await allowAnyone(request);
  const locale = /^([a-z]{2})\.js$/.exec(params.file ?? "")?.[1];
  if (!isLocale(locale)) throw notFound();
  const search = new URL(request.url).searchParams;
  const version = search.get("v");
  const ns = search.get("ns");
  const wanted = ns === null ? null : [...new Set(ns.split(",").filter(Boolean))].sort();
  if (wanted?.some((namespace) => !namespaces.has(namespace))) throw notFound();
  const cacheKey = `${locale}\n${wanted?.join(",") ?? "*"}`;
  let body = modules.get(cacheKey);
  if (body === undefined) {
    const messages = catalog[locale];
    const selected = wanted
      ? Object.fromEntries(
          Object.entries(messages).filter(([key]) => wanted.some((namespace) => key === namespace || key.startsWith(`${namespace}.`))),
        )
      : messages;
    body = `export default ${JSON.stringify(selected)};\n`;
    if (modules.size >= MAX_MODULES) modules.clear();
    modules.set(cacheKey, body);
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": version !== null ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
