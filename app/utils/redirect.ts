const BASE = "http://redirect.invalid";

/**
 * A path of this site to go to after sign-in, or the fallback, so that
 * `redirectTo` can never send a user to another site nor break the answer:
 *
 * - only a path: it starts with one "/" (not "//", not "/\");
 * - only printable ASCII: the site's own addresses are percent-encoded, so a
 *   raw "中", a NUL, a tab or a space is not one of ours, and could not be
 *   sent in a Location header anyway (it would be a 500, after the session
 *   was made);
 * - still a path of this site once resolved as a browser resolves it:
 *   "/..//evil.test" is "//evil.test", another site.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  if (!/^\/[\x21-\x7e]*$/.test(value)) return fallback;
  if (value.startsWith("//") || value.startsWith("/\\")) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (resolved.origin !== BASE || resolved.pathname.startsWith("//")) return fallback;
  return value;
}
