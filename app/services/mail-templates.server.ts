/**
 * The mail the app sends (issue 20): an invitation and a password reset, in
 * English or Spanish, each as plain text and HTML. Every value is escaped in
 * the HTML part; the link is absolute (PUBLIC_URL).
 */
import { createTranslator, formatDate } from "~/i18n/translate";
import type { MailLocale, MailPayload } from "~/models/mail-outbox.server";

export type RenderedMail = { subject: string; text: string; html: string };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Paragraphs and one button-like link, in the plain HTML every mail client shows. */
function html(lang: string, subject: string, paragraphs: string[], action: { label: string; href: string }, after: string[]): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  return [
    "<!doctype html>",
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">',
    ...paragraphs.map(p),
    `<p style="margin:0 0 16px"><a href="${escapeHtml(action.href)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p>`,
    // The address itself too, for clients that do not show links as links.
    `<p style="margin:0 0 16px;word-break:break-all"><a href="${escapeHtml(action.href)}">${escapeHtml(action.href)}</a></p>`,
    ...after.map(p),
    "</body></html>",
  ].join("\n");
}

/** Subject, plain text and HTML of a claimed mail, with its link. */
export function renderMail(mail: MailPayload & { locale: MailLocale }, link: string): RenderedMail {
  const t = createTranslator(mail.locale);
  const footer = t("mail.footer");
  if (mail.kind === "invitation") {
    const { inviteeName, inviterName, partnerName, expiresAt } = mail.payload;
    const vars = { name: inviteeName, inviter: inviterName, partner: partnerName };
    const subject = t("mail.invitation.subject", vars);
    const body = [t("mail.invitation.greeting", vars), t(inviterName ? "mail.invitation.body" : "mail.invitation.bodyNoInviter", vars)];
    const after = [t("mail.invitation.expiry", { date: formatDate(mail.locale, expiresAt) }), footer];
    const action = t("mail.invitation.action");
    return {
      subject,
      text: [...body, `${action}: ${link}`, ...after].join("\n\n") + "\n",
      html: html(mail.locale, subject, body, { label: action, href: link }, after),
    };
  }
  const subject = t("mail.reset.subject");
  const body = [t("mail.reset.greeting", { name: mail.payload.name }), t("mail.reset.body")];
  const after = [t("mail.reset.ignore"), footer];
  const action = t("mail.reset.action");
  return {
    subject,
    text: [...body, `${action}: ${link}`, ...after].join("\n\n") + "\n",
    html: html(mail.locale, subject, body, { label: action, href: link }, after),
  };
}
