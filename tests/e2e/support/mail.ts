import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The mail the e2e server writes (issue 20): playwright.config.ts gives it
 * MAIL_DIR and no SMTP_URL, so each mail is an .eml file there; its
 * background work is off, so tests send the waiting mail themselves.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
// As playwright.config.ts sets them for the server.
const DATABASE_FILE = `tests/.tmp/e2e-${PORT}.db`;
const MAIL_DIR = `tests/.tmp/e2e-mail-${PORT}`;

/** Sends the waiting mail once, as the server's worker would (`npm run mail:run`). */
export function runMailWorker(): void {
  execFileSync("./node_modules/.bin/tsx", ["scripts/mail-once.ts"], {
    env: { ...process.env, DATABASE_URL: DATABASE_FILE, MAIL_DIR, PORT: String(PORT), NODE_ENV: "production" },
    stdio: "ignore",
  });
}

/** The invitation link in the .eml written for an address, as a path of the site. */
export function invitationLinkFor(email: string): string {
  const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((file) => file.endsWith(".eml")) : [];
  for (const file of files) {
    const raw = fs.readFileSync(path.join(MAIL_DIR, file), "utf8");
    if (!raw.includes(`To: ${email}`)) continue;
    // Quoted-printable undone: a long link is folded there.
    const body = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const link = /https?:\/\/[^/\s]+(\/invitation\/[A-Za-z0-9_.-]+)/.exec(body);
    if (link) return link[1]!;
  }
  throw new Error(`No invitation for ${email} in ${MAIL_DIR}`);
}
