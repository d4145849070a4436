import { isProduction } from "./env.server";
import { isHttps } from "~/services/request.server";

/**
 * The headers every answer carries (SPEC §6; docs/decisions/0006-security-headers.md).
 * Scripts run only with this request's nonce; no inline handlers, no other origin.
 */
export function applySecurityHeaders(request: Request, headers: Headers, nonce?: string): void {
  const scriptSrc = nonce ? `'self' 'nonce-${nonce}'` : "'self'";
  const connectSrc = isProduction ? "'self'" : "'self' ws://localhost:*";
  headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src ${scriptSrc}`,
      // The nonce admits the stylesheet inlined on data-saver pages (root.tsx).
      `style-src ${nonce ? `'self' 'nonce-${nonce}'` : "'self'"}`,
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connectSrc}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
  );
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (isProduction && isHttps(request)) {
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  // Pages differ by language, data saver and who is signed in: never share them.
  headers.append("Vary", "Save-Data, Accept-Language, Cookie");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}
