/**
 * The key that seals secrets kept in the database (issue 20: TOTP secrets),
 * separate from the session secret, so rotating that one loses nothing
 * (docs/decisions/0023-users-and-second-factor.md).
 *
 * DATA_KEY: 32 bytes, as base64, base64url or 64 hex digits. Without it, a
 * random key is generated once and kept beside the database (`data-key`,
 * readable only by its owner), like the session secret's stand-in
 * (env.server.ts): `npm start` needs no set-up. A backup of the database
 * without that file (or the environment) opens no second factor.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabasePath } from "~/db.server";

let cachedKey: Buffer | undefined;

/** The key from a DATA_KEY value. @throws when it is not 32 bytes in one of the accepted forms. */
export function parseDataKey(value: string): Buffer {
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error("DATA_KEY must be 32 bytes: 64 hex digits or base64");
  return key;
}

/** @throws when DATA_KEY is set but malformed (better a clear failure at start than secrets sealed wrongly). */
export function getDataKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.DATA_KEY?.trim();
  if (fromEnv) return (cachedKey = parseDataKey(fromEnv));
  const file = path.join(path.dirname(resolveDatabasePath()), "data-key");
  try {
    cachedKey = parseDataKey(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = crypto.randomBytes(32).toString("base64");
    try {
      // "wx": if another process (a second worker) wrote it first, read theirs instead.
      fs.writeFileSync(file, key, { mode: 0o600, flag: "wx" });
    } catch {
      // written by another process meanwhile
    }
    cachedKey = parseDataKey(fs.readFileSync(file, "utf8"));
  }
  return cachedKey;
}

/** Forgets the kept key (tests that change DATA_KEY). */
export function forgetDataKey(): void {
  cachedKey = undefined;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals text with AES-256-GCM: a fresh 96-bit nonce each time, and `context`
 * (e.g. "second-factor:42") as associated data, so a sealed value copied to
 * another row does not open there. Returns "v1.<base64url of nonce|tag|ciphertext>".
 */
export function seal(plaintext: string, context: string, key = getDataKey()): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** Opens what `seal` sealed under the same context. @throws when the key, the context or the value is wrong. */
export function unseal(sealed: string, context: string, key = getDataKey()): string {
  const [version, data] = sealed.split(".");
  if (version !== VERSION || !data) throw new Error("Not a sealed value");
  const raw = Buffer.from(data, "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("Not a sealed value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
