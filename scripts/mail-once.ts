/**
 * `npm run mail:run`: sends every due mail of the mail outbox once
 * (invitations, password resets), then exits. The same SMTP_URL, MAIL_FROM,
 * MAIL_DIR, PUBLIC_URL and DATABASE_URL as the server; without SMTP_URL
 * each mail is written as an .eml file and its link printed.
 */
import { createMailTransport, deliverDueMail, mailSettingsFromEnv } from "../app/services/mail.server";

const settings = mailSettingsFromEnv();
const result = await deliverDueMail(createMailTransport(settings), settings);
console.log(`Sent ${result.delivered}, retrying ${result.retrying}, failed ${result.failed}, not needed ${result.superseded}.`);
