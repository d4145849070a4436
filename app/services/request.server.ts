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

/**
 * The client's address: what server.js puts in the load context (the
 * socket's, or X-Forwarded-For's first with TRUST_PROXY=1). Without the
 * server (a test calling a route, `react-router dev`) only a trusted proxy's
 * X-Forwarded-For is believed; otherwise it is unknown (null).
 */
export function requestClientAddress(request: Request, context: { clientAddress?: string | null }): string | null {
  if (context.clientAddress !== undefined) return context.clientAddress;
  if (!trustProxy()) return null;
  const first = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first || null;
}
