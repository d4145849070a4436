/**
 * One-time link tokens and recovery codes (issue 20;
 * docs/decisions/0023-users-and-second-factor.md). Pure crypto, no database.
 *
 * A link token is `selector.verifier`: the selector (128 random bits) finds
 * the row and is stored as it is; the verifier (256 random bits from the
 * CSPRNG) is stored only as its SHA-256 and compared with timingSafeEqual.
 * A fast hash is enough: the verifier is random, there is nothing to guess,
 * and a copy of the database gives no usable link.
 */
import crypto from "node:crypto";

export type MintedToken = { token: string; selector: string; verifierHash: string };

const SELECTOR_BYTES = 16;
const VERIFIER_BYTES = 32;
/** base64url of 16 and 32 bytes: 22 and 43 characters. */
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** A fresh link token, with what the database keeps of it. */
export function mintLinkToken(): MintedToken {
  const selector = crypto.randomBytes(SELECTOR_BYTES).toString("base64url");
  const verifier = crypto.randomBytes(VERIFIER_BYTES).toString("base64url");
  return { token: `${selector}.${verifier}`, selector, verifierHash: sha256Hex(verifier) };
}

/** A token's two halves, or null when it is not shaped like one (a forged or cut link). */
export function splitLinkToken(token: string): { selector: string; verifier: string } | null {
  const match = TOKEN_SHAPE.exec(token.trim());
  return match ? { selector: match[1]!, verifier: match[2]! } : null;
}

/** Whether a verifier is the one whose hash was stored, in constant time. */
export function verifierMatches(verifier: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const expected = Buffer.from(storedHash, "hex");
  const actual = crypto.createHash("sha256").update(verifier).digest();
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/**
 * Recovery codes' alphabet: lower-case letters and digits without the ones
 * people confuse (0/o, 1/l), 32 of them, so each character is 5 bits.
 */
const CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
/** 26 characters of 5 bits: 130 random bits, beyond guessing, so SHA-256 stores them safely. */
const CODE_LENGTH = 26;
export const RECOVERY_CODE_COUNT = 10;

/** Ten fresh recovery codes, shown to the user once, grouped for reading ("abcde-fghjk-…"). */
export function mintRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(CODE_LENGTH);
    let code = "";
    for (const byte of bytes) code += CODE_ALPHABET[byte % 32];
    return code.match(/.{1,5}/g)!.join("-");
  });
}

/** A typed recovery code as stored: spaces and hyphens dropped, lower-cased; null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.toLowerCase().replace(/[\s-]+/g, "");
  if (code.length !== CODE_LENGTH) return null;
  for (const char of code) if (!CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** What the database keeps of a recovery code. */
export function recoveryCodeHash(typed: string): string | null {
  const code = normalizeRecoveryCode(typed);
  return code === null ? null : sha256Hex(`recovery:${code}`);
}
