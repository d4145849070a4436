import { trustProxy } from "./env.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that a browser sent from another site
 * (docs/decisions/0003-authorization.md). Browsers send Sec-Fetch-Site and
 * Origin on every POST; a request with neither is not from a browser, so no
 * cookie was sent on a user's behalf by someone else's page.
 *
 * @throws a 403 Response when the request comes from another origin.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw forbiddenCrossSite();
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host =
    (trustProxy() && request.headers.get("x-forwarded-host")) ||
    request.headers.get("host") ||
    new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbiddenCrossSite();
  }
  if (originHost !== host) throw forbiddenCrossSite();
}

function forbiddenCrossSite() {
  return new Response("This form was sent from another site.", { status: 403 });
}
