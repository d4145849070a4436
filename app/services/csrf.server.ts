import { trustProxy } from "./env.server";
import { isHttps } from "./request.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Where server.js puts the browser's `Origin` header before React Router sees
 * the request. React Router's own check (before a page's action; not for
 * resource routes) answers a bare "Bad Request" (400) and logs an error;
 * with the header moved, this check is the one that decides, and the refusal
 * is the app's 403 page (docs/decisions/0003-authorization.md). server.js
 * always overwrites or removes it, so a client cannot set it.
 */
export const MOVED_ORIGIN_HEADER = "x-partner-console-origin";

/**
 * Refuses a state-changing request that a browser sent from another site
 * (docs/decisions/0003-authorization.md). Browsers send Sec-Fetch-Site and
 * Origin on every POST; a request with neither is not from a browser, so no
 * cookie was sent on a user's behalf by someone else's page.
 *
 * The Origin must be this site's origin exactly: scheme, host and port, as
 * the site sees the request (X-Forwarded-Proto and X-Forwarded-Host count
 * only with TRUST_PROXY=1). `null`, another port, https sent to an http site
 * and anything that is not a URL are refused.
 *
 * @throws a 403 Response (the 403 page, saying the form came from another site).
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw forbiddenCrossSite();
  const origins = [request.headers.get("origin"), request.headers.get(MOVED_ORIGIN_HEADER)].filter(
    (value): value is string => value !== null,
  );
  if (origins.length === 0) return;
  const own = siteOrigin(request);
  if (own === null || origins.some((origin) => originOf(origin) !== own)) throw forbiddenCrossSite();
}

/** This site's origin as the browser sees it ("https://console.example"), or null when the Host is not a host. */
function siteOrigin(request: Request): string | null {
  const forwardedHost = trustProxy() ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || request.headers.get("host") || new URL(request.url).host;
  return originOf(`${isHttps(request) ? "https" : "http"}://${host}`);
}

/** The serialised origin of a URL (default ports dropped), or null when it is none ("null", garbage, a path). */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    // An Origin header is only scheme://host[:port]; anything more is not one a browser sends.
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The body the 403 page reads to say why (ErrorPage). */
export type CrossSiteRefusal = { crossSite: true };

function forbiddenCrossSite(): Response {
  const body: CrossSiteRefusal = { crossSite: true };
  return Response.json(body, { status: 403 });
}
