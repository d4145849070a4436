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
