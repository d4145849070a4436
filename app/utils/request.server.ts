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

/**
 * A path of this site to go to after sign-in, or the fallback: only a path
 * that starts with one "/" (not "//", not "/\") is honoured, so `redirectTo`
 * can never send a user to another site.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}
