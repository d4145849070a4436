import type { Route } from "./+types/i18n.$file";
import { allowAnyone } from "~/services/authz.server";
import { notFound } from "~/services/http.server";
import { catalog } from "~/i18n/messages/catalog.server";
import { catalogKeys } from "~/i18n/catalog-keys.server";
import { isLocale } from "~/i18n/locales";

/** Each module's text, built on first request: the catalogue and the build do not change while the server runs. */
const modules = new Map<string, string>();

/**
 * `/i18n/<locale>.js?v=<build version>[&route=<route id>]`: messages of one
 * language as a JavaScript module, which the browser imports before
 * hydrating (entry.client.tsx). The browser's bundle carries no catalogue:
 * a page's scripts bring their own language only, and only the messages the
 * page's routes name in their code (app/i18n/catalog-keys.server.ts):
 *
 * - without `route`, the root's (header, errors, flash, meta);
 * - with `route`, the ones that route adds (the root preloads one per route
 *   of the page, app/i18n/CatalogPreloads.tsx);
 * - `route=*`, or a version or route this server does not know, every
 *   message of the language (what translate.ts falls back to when a key is
 *   missing: never a wrong text).
 *
 * The build's version in the address makes it cacheable for good; a new
 * build asks for a new address.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  await allowAnyone(request);
  const locale = /^([a-z]{2})\.js$/.exec(params.file ?? "")?.[1];
  if (!isLocale(locale)) throw notFound();
  const search = new URL(request.url).searchParams;
  const version = search.get("v");
  const routeId = search.get("route");
  const messages = catalog[locale];
  const keys = version && routeId !== "*" ? catalogKeys(version, routeId, Object.keys(messages)) : null;
  // Only the build's own routes get a module of their own: a bounded set, whatever the address says.
  const cacheKey = keys ? `${locale}\n${version}\n${routeId ?? ""}` : `${locale}\n*`;
  let body = modules.get(cacheKey);
  if (body === undefined) {
    const selected = keys ? Object.fromEntries([...keys].sort().map((key) => [key, messages[key]])) : messages;
    modules.set(cacheKey, (body = `export default ${JSON.stringify(selected)};\n`));
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": version !== null ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
