/**
 * The second factor's rules (issue 20), pure: TOTP as RFC 6238 sets it
 * (SHA-1, 6 digits, 30-second steps), what comes after the password at
 * sign-in, and how a secret is shown.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Codes of one step either side of now are accepted: phones' clocks drift. */
export const TOTP_TOLERANCE_STEPS = 1;

/** What sign-in asks after a right password. */
export type SecondStep = "verify" | "setUp" | "none";

/**
 * A user with a second factor is asked for a code; one without is sent to
 * set one up when its partner requires it or a Super Admin reset it, and can
 * do nothing else until done; otherwise sign-in is complete.
 */
export function secondStepAfterPassword(facts: {
  hasSecondFactor: boolean;
  partnerRequires: boolean;
  setupRequired: boolean;
}): SecondStep {
  if (facts.hasSecondFactor) return "verify";
  return facts.partnerRequires || facts.setupRequired ? "setUp" : "none";
}

/** A base32 secret in groups of four for typing into an app: "ABCD EFGH IJKL …". */
export function groupInFours(secret: string): string {
  return secret.replace(/\s+/g, "").match(/.{1,4}/g)?.join(" ") ?? "";
}

/** What was typed as a code: six digits (spaces allowed), or a recovery code; null when it is neither. */
export function readCodeKind(typed: string): "totp" | "recovery" | null {
  const compact = typed.replace(/[\s-]+/g, "");
  if (/^\d{6}$/.test(compact)) return "totp";
  return compact.length >= 20 ? "recovery" : null;
}

/**
 * The recovery codes as the text file offered for download: a heading line
 * (in the user's language), then one code a line, CRLF so every system's
 * text editor shows the lines.
 */
export function recoveryCodesFile(heading: string, codes: readonly string[]): string {
  return [heading, "", ...codes].join("\r\n") + "\r\n";
}
