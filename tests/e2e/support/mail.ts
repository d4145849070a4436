/**
 * The mail the e2e server queued (invitations, password resets), sent once the
 * way `npm run mail:run` does (the server's own worker is off with the rest of
 * its background work), and read back from the .eml files in its MAIL_DIR.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { BASE_URL, DATABASE_FILE, MAIL_DIR } from "./server-files";

const run = promisify(execFile);

/** Sends every due mail of the e2e server's outbox: each becomes an .eml file in MAIL_DIR. */
export async function sendWaitingMail(): Promise<void> {
  await run(path.resolve("node_modules/.bin/tsx"), ["scripts/mail-once.ts"], {
    env: { ...process.env, DATABASE_URL: DATABASE_FILE, MAIL_DIR, PUBLIC_URL: BASE_URL, SMTP_URL: "" },
  });
}

/** A mail's text as written, quoted-printable undone (long lines and links are folded there). */
function decoded(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The newest mail to this address in MAIL_DIR, decoded; null when there is none. */
export function latestMailTo(address: string): string | null {
  if (!fs.existsSync(MAIL_DIR)) return null;
  const mails = fs
    .readdirSync(MAIL_DIR)
    .filter((file) => file.endsWith(".eml"))
    .sort()
    .map((file) => decoded(fs.readFileSync(path.join(MAIL_DIR, file), "utf8")))
    .filter((text) => new RegExp(`^To: ${address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`, "mi").test(text));
  return mails.at(-1) ?? null;
}

/** The path on the e2e server of the first link matching `pattern` in the newest mail to this address. */
async function linkPathFor(address: string, pattern: RegExp): Promise<string> {
  await sendWaitingMail();
  const mail = latestMailTo(address);
  if (!mail) throw new Error(`No mail to ${address} in ${MAIL_DIR}`);
  const match = pattern.exec(mail);
  if (!match) throw new Error(`No such link (${pattern}) in the mail to ${address}:\n${mail}`);
  if (!match[0].startsWith(`${BASE_URL}/`)) throw new Error(`The link ${match[0]} does not lead to the e2e server at ${BASE_URL}`);
  return new URL(match[0]).pathname;
}

/** The password reset link in the newest mail to this address. */
export function passwordResetPathFor(address: string): Promise<string> {
  return linkPathFor(address, /https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/);
}

/** The invitation link in the newest mail to this address. */
export function invitationPathFor(address: string): Promise<string> {
  return linkPathFor(address, /https?:\/\/[^\s"<>]+\/invitation\/[A-Za-z0-9_.-]+/);
}
