import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabasePath } from "~/db.server";

export const isProduction = process.env.NODE_ENV === "production";

/**
 * Whether to believe X-Forwarded-* headers (set TRUST_PROXY=1 behind a reverse
 * proxy that sets them). Without it, a client could claim any address.
 */
export function trustProxy(): boolean {
  return process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";
}

let cachedSecret: string | undefined;

/**
 * The secret that signs the session cookie: SESSION_SECRET, or else a random
 * secret generated once and kept beside the database (`session-secret` in the
 * database's folder, readable only by its owner), so `npm start` needs no
 * set-up and no secret is ever written in the code.
 */
export function getSessionSecret(): string {
  if (cachedSecret) return cachedSecret;
  const fromEnv = process.env.SESSION_SECRET?.trim();
  if (fromEnv) return (cachedSecret = fromEnv);
  const file = path.join(path.dirname(resolveDatabasePath()), "session-secret");
  try {
    cachedSecret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      // "wx": if another process wrote it first, read theirs instead.
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      cachedSecret = secret;
    } catch {
      cachedSecret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cachedSecret;
}
