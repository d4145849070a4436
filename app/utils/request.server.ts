import { trustProxy } from "~/services/env.server";

/** Whether the browser reached us over HTTPS, directly or through a trusted proxy. */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https";
}

/** The client's address when a trusted proxy tells it; otherwise unknown. */
export function clientAddress(request: Request): string | null {
  if (!trustProxy) return null;
  const first = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first || null;
}
