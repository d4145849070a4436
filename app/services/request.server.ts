import { trustProxy } from "./env.server";

/**
 * Whether the browser reached us over HTTPS, directly or through a trusted
 * proxy. X-Forwarded-Proto is believed only with TRUST_PROXY=1, as the client
 * address is: otherwise anyone could claim HTTPS.
 */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  if (!trustProxy()) return false;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https";
}

/** The client's address when a trusted proxy tells it; otherwise unknown. */
export function clientAddress(request: Request): string | null {
  if (!trustProxy()) return null;
  const first = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first || null;
}
