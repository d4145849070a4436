import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowAnyone, notFound } from "~/services/authz.server";
import { catalog } from "~/i18n/messages/catalog.server";
import { isLocale } from "~/i18n/locales";

/** Each language's module, built on first request: the catalogue does not change while the server runs. */
const modules = new Map<string, string>();

/**
 * `/i18n/<locale>.js?v=<build version>`: one language's message catalogue as
 * a JavaScript module, which the browser imports before hydrating
 * (entry.client.tsx). The browser's bundle carries no catalogue: a page's
 * scripts then bring its own language only, not every language
 * (docs/performance.md, "JavaScript"). The build's version in the address
 * makes it cacheable for good; a new build asks for a new address.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await allowAnyone(request);
  const locale = /^([a-z]{2})\.js$/.exec(params.file ?? "")?.[1];
  if (!isLocale(locale)) throw notFound();
  let body = modules.get(locale);
  if (!body) modules.set(locale, (body = `export default ${JSON.stringify(catalog[locale])};\n`));
  const versioned = new URL(request.url).searchParams.has("v");
  return new Response(body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
