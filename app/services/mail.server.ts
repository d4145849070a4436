/**
 * The mail worker (issue 20; docs/decisions/0023): sends the mail outbox's
 * rows (models/mail-outbox.server.ts) through SMTP with nodemailer
 * (`SMTP_URL`, e.g. smtp://user:pass@host:587, from `MAIL_FROM`), or, without
 * SMTP_URL, writes each mail as an .eml file to `MAIL_DIR` (default
 * data/mail/) and prints its link to the server log, so a demo needs no mail
 * server. Retries with back-off like the CRM outbox (decision 0008); a mail
 * delivered is never sent again.
 *
 * Each mail's link is minted here, as it is sent (attachLinkToken): the
 * database keeps only the token's hash, never a usable link.
 */
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import {
  attachLinkToken,
  claimNextMail,
  markMailAttemptFailed,
  markMailDelivered,
  type ClaimedMail,
} from "~/models/mail-outbox.server";
import { now as clockNow } from "~/utils/clock";
import { mintLinkToken } from "~/utils/tokens.server";
import { renderMail } from "./mail-templates.server";
import { DeliveryError, deliverDue, pollOutbox, type DeliveryRun } from "./outbox-worker.server";

/** Where the links in mail lead (the routes that answer them). */
export const INVITATION_PATH = "/invitation";
export const PASSWORD_RESET_PATH = "/reset-password";

export type MailSettings = {
  /** null: write .eml files to mailDir instead of sending. */
  smtpUrl: string | null;
  from: string;
  mailDir: string;
  /** The site's address as users reach it, for absolute links: no trailing slash. */
  publicUrl: string;
};

/** The settings from the environment (PUBLIC_URL defaults to http://localhost:PORT). */
export function mailSettingsFromEnv(env: Record<string, string | undefined> = process.env): MailSettings {
  const port = env.PORT?.trim() || "3000";
  return {
    smtpUrl: env.SMTP_URL?.trim() || null,
    from: env.MAIL_FROM?.trim() || "Partner Console <no-reply@localhost>",
    mailDir: path.resolve(env.MAIL_DIR?.trim() || "data/mail"),
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, ""),
  };
}

/** The absolute link a mail carries for a token. */
export function mailLink(settings: Pick<MailSettings, "publicUrl">, kind: ClaimedMail["kind"], token: string): string {
  return `${settings.publicUrl}${kind === "invitation" ? INVITATION_PATH : PASSWORD_RESET_PATH}/${encodeURIComponent(token)}`;
}

export type OutgoingMail = { id: number; to: string; subject: string; text: string; html: string; link: string; kind: ClaimedMail["kind"] };

/** Sends one mail. @throws MailError (or any error: then retried) */
export type MailTransport = (mail: OutgoingMail) => Promise<void>;

/** The mail server's refusal of a mail. */
export class MailError extends DeliveryError {}

/** The transport for the settings: SMTP, or .eml files in mailDir with the link logged. */
export function createMailTransport(settings: MailSettings): MailTransport {
  if (settings.smtpUrl) {
    const smtp = nodemailer.createTransport(settings.smtpUrl);
    return async (mail) => {
      try {
        await smtp.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      } catch (error) {
        // A 5xx answer is the server refusing this mail for good (an unknown
        // address); anything else (4xx, a connection lost) may pass later.
        const code = (error as { responseCode?: number }).responseCode;
        throw new MailError(`SMTP ${code ?? "error"}: ${error instanceof Error ? error.message : String(error)}`, !(code && code >= 500));
      }
    };
  }
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return async (mail) => {
    const info = (await files.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html })) as { message: Buffer };
    fs.mkdirSync(settings.mailDir, { recursive: true });
    const file = path.join(settings.mailDir, `${new Date(clockNow()).toISOString().replace(/[:.]/g, "-")}-${mail.id}-${mail.kind}.eml`);
    fs.writeFileSync(file, info.message, { mode: 0o600 });
    // No SMTP server: the link is in the server log, so a demo can follow it.
    console.log(`Mail ${mail.kind} to ${mail.to} written to ${file}; its link: ${mail.link}`);
  };
}

export type MailRunResult = DeliveryRun;

/** Sends every due mail once, one at a time (outbox-worker.server.ts); `now` and `random` are injectable for tests. */
export async function deliverDueMail(
  transport: MailTransport,
  settings: Pick<MailSettings, "publicUrl">,
  { now = clockNow, random = Math.random, limit = 100 } = {},
): Promise<MailRunResult> {
  return deliverDue<ClaimedMail>(
    {
      claim: claimNextMail,
      send: async (mail) => {
        const minted = mintLinkToken();
        if (!attachLinkToken(mail, { selector: minted.selector, verifierHash: minted.verifierHash, now: now() })) {
          // Its link was spent, revoked or expired meanwhile: nothing worth sending.
          return "superseded";
        }
        const link = mailLink(settings, mail.kind, minted.token);
        await transport({ id: mail.id, to: mail.to, kind: mail.kind, link, ...renderMail(mail, link) });
        return "sent";
      },
      markDelivered: markMailDelivered,
      markFailed: markMailAttemptFailed,
      onFailure: (mail, message) => console.error(`Mail ${mail.id} (${mail.kind}) not sent: ${message}`),
    },
    { now, random, limit },
  );
}

/** Starts polling the mail outbox in this process (background.server.ts). Returns a stop function. */
export function startMailWorker(settings = mailSettingsFromEnv()): () => void {
  const transport = createMailTransport(settings);
  return pollOutbox("Mail outbox", () => deliverDueMail(transport, settings));
}
