/**
 * Mail and the links it carries (issue 20): an invitation queued with the
 * change, delivered through a real SMTP server started here (smtp-server),
 * its link followed from the received mail to set a password; password
 * resets through .eml files; expired, used, replaced and forged links.
 */
import fs from "node:fs";
import path from "node:path";
import { verify } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { acceptInvitation, findInvitation, findPasswordReset } from "~/models/account-links.server";
import { getMailOutboxStatus, MAX_MAIL_ATTEMPTS, retryFailedMail } from "~/models/mail-outbox.server";
import { inviteUser, resendInvitation } from "~/models/team.server";
import { findUserForSignIn, getUserForSession } from "~/models/users.server";
import { acceptInvitationWithPassword, changeOwnPassword, requestPasswordReset, resetPasswordWithToken } from "~/services/account.server";
import { createMailTransport, deliverDueMail, mailSettingsFromEnv, type MailSettings } from "~/services/mail.server";
import { getSession, sessionIdHash } from "~/services/session.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createPartnerUser, db, partnerActorFor } from "../support/db";
import { get } from "../support/http";
import { TMP_DIR } from "../support/paths";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((to) => to.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => setClock(null));

const smtpSettings = (): MailSettings => ({
  smtpUrl: `smtp://127.0.0.1:${port}`,
  from: "Partner Console <console@northwind.test>",
  mailDir: path.join(TMP_DIR, "unused"),
  publicUrl: "https://console.example.test",
});

/** The body as sent, quoted-printable undone (a long link is folded there). */
function decoded(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function linkIn(raw: string, kind: "invitation" | "reset-password"): string {
  const match = new RegExp(`https?://[^\\s"<>]+/${kind}/([A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})`).exec(decoded(raw));
  if (!match) throw new Error(`No ${kind} link in the mail:\n${raw}`);
  return match[0];
}
const tokenOf = (link: string) => decodeURIComponent(link.split("/").pop()!);

let serial = 0;
const freshEmail = (prefix: string) => `${prefix}-${process.pid}-${++serial}@example.test`;

describe("an invitation", () => {
  it("is sent through SMTP, and its link sets the password and activates the user", async () => {
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    const email = freshEmail("invitee");
    const { userId } = inviteUser({ actor, firstName: "Ivy", lastName: "Invitee", email, role: "read_only", access: { all: true }, locale: "en" }) as { userId: number };
    // Nothing usable is stored before the mail goes: no selector yet.
    expect(db().select().from(schema.invitations).where(eq(schema.invitations.userId, userId)).get()).toMatchObject({ selector: null, verifierHash: null });

    const run = await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings());
    expect(run).toMatchObject({ delivered: 1, failed: 0 });
    const mail = received.find((entry) => entry.to.includes(email))!;
    expect(mail.from).toBe("console@northwind.test");
    expect(mail.raw).toContain("Subject: Nadia Super invited you to Northwind Security on Partner Console");
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    const link = linkIn(mail.raw, "invitation");
    expect(link.startsWith("https://console.example.test/invitation/")).toBe(true);
    const token = tokenOf(link);
    // The database keeps the selector and a hash, never the token.
    const stored = db().select().from(schema.invitations).where(eq(schema.invitations.userId, userId)).get()!;
    expect(JSON.stringify(stored)).not.toContain(token.split(".")[1]);

    expect(findInvitation({ token })).toMatchObject({ status: "valid", email, partnerName: "Northwind Security", inviterName: "Nadia Super" });
    const accepted = await acceptInvitationWithPassword({ token, password: "a long and unusual passphrase", locale: "en" });
    expect(accepted).toEqual({ status: "accepted", userId });
    expect(getUserForSession(userId)).toMatchObject({ kind: "partner", role: "read_only" });
    const hash = findUserForSignIn(email)!.passwordHash;
    expect(await verify(hash, "a long and unusual passphrase")).toBe(true);
    // Good once.
    expect(await acceptInvitationWithPassword({ token, password: "another long passphrase" })).toEqual({ status: "used" });
    expect(findInvitation({ token })).toEqual({ status: "used" });
    // Sent once: a second run finds nothing.
    expect(await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings())).toMatchObject({ delivered: 0 });
    expect(getMailOutboxStatus({ partnerId: actor.partner.id })).toMatchObject({ delivered: 1, waiting: 0, failed: 0 });
  });

  it("is written in the inviter's language when it is Spanish", async () => {
    const email = freshEmail("es");
    inviteUser({ actor: partnerActorFor(ACCOUNTS.northwindSuper), firstName: "Eva", lastName: "Española", email, role: "admin", access: { all: true }, locale: "es" });
    await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings());
    const mail = received.find((entry) => entry.to.includes(email))!;
    // Non-ASCII words go quoted-printable in UTF-8: undone, they read as sent.
    const text = Buffer.from(decoded(mail.raw), "latin1").toString("utf8");
    expect(text).toContain("Aceptar la invitación");
    expect(text).toContain("Nadia Super le ha invitado a unirse a Northwind Security");
    expect(text).not.toContain("Accept the invitation");
  });

  it("expires after 7 days by the one clock, and a resent one replaces the old link", async () => {
    const start = Date.UTC(2030, 0, 1);
    setClock(start);
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    const email = freshEmail("expire");
    const { userId } = inviteUser({ actor, firstName: "Ex", lastName: "Pired", email, role: "read_only", access: { all: true }, locale: "en" }) as { userId: number };
    await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings(), { now: () => start });
    const first = tokenOf(linkIn(received.find((entry) => entry.to.includes(email))!.raw, "invitation"));
    setClock(start + 7 * 24 * 3600_000 - 1);
    expect(findInvitation({ token: first }).status).toBe("valid");
    setClock(start + 7 * 24 * 3600_000);
    expect(findInvitation({ token: first })).toEqual({ status: "expired" });
    expect(acceptInvitation({ token: first, passwordHash: "x" })).toEqual({ status: "expired" });

    expect(resendInvitation({ actor, userId, locale: "en" })).toEqual({ status: "done" });
    await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings(), { now: () => start + 7 * 24 * 3600_000 });
    const mails = received.filter((entry) => entry.to.includes(email));
    expect(mails).toHaveLength(2);
    const second = tokenOf(linkIn(mails[1]!.raw, "invitation"));
    expect(findInvitation({ token: first })).toEqual({ status: "revoked" });
    expect(findInvitation({ token: second }).status).toBe("valid");
  });

  it.each(["", "nonsense", "AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "../../etc/passwd"])(
    "a forged or cut link %j is not found, never an error",
    (token) => {
      expect(findInvitation({ token })).toEqual({ status: "not_found" });
      expect(acceptInvitation({ token, passwordHash: "x" })).toEqual({ status: "not_found" });
      expect(findPasswordReset({ token })).toEqual({ status: "not_found" });
    },
  );

  it("a right selector with a wrong verifier is not found", async () => {
    const email = freshEmail("forge");
    inviteUser({ actor: partnerActorFor(ACCOUNTS.northwindSuper), firstName: "Fo", lastName: "Rge", email, role: "read_only", access: { all: true }, locale: "en" });
    await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings());
    const token = tokenOf(linkIn(received.find((entry) => entry.to.includes(email))!.raw, "invitation"));
    const [selector, verifier] = token.split(".");
    const flipped = `${selector}.${verifier!.slice(0, -1)}${verifier!.endsWith("A") ? "B" : "A"}`;
    expect(findInvitation({ token: flipped })).toEqual({ status: "not_found" });
  });
});

describe("mail delivery", () => {
  it("retries with back-off when the server is down, and marks the mail failed after its attempts", async () => {
    let now = Date.UTC(2031, 0, 1);
    setClock(now);
    const actor = partnerActorFor(ACCOUNTS.contosoSuper);
    inviteUser({ actor, firstName: "Re", lastName: "Try", email: freshEmail("retry"), role: "read_only", access: { all: true }, locale: "en" });
    const down = async () => {
      throw new Error("connection refused");
    };
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      const run = await deliverDueMail(down, smtpSettings(), { now: () => now, random: () => 0 });
      expect(run[attempt < MAX_MAIL_ATTEMPTS ? "retrying" : "failed"]).toBe(1);
      // Not due again until its back-off has passed.
      expect((await deliverDueMail(down, smtpSettings(), { now: () => now })).retrying).toBe(0);
      now += 16 * 60_000;
    }
    expect(getMailOutboxStatus({ partnerId: actor.partner.id })).toMatchObject({ failed: 1, lastError: "connection refused" });
    expect(retryFailedMail({ partnerId: actor.partner.id, now })).toBe(1);
    expect(await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings(), { now: () => now })).toMatchObject({ delivered: 1 });
  });

  it("without SMTP_URL writes an .eml file to MAIL_DIR and logs the link", async () => {
    const mailDir = path.join(TMP_DIR, `mail-${process.pid}`);
    fs.rmSync(mailDir, { recursive: true, force: true });
    const settings = mailSettingsFromEnv({ MAIL_DIR: mailDir, PORT: "4321" });
    expect(settings).toMatchObject({ smtpUrl: null, publicUrl: "http://localhost:4321" });
    const email = freshEmail("eml");
    inviteUser({ actor: partnerActorFor(ACCOUNTS.northwindSuper), firstName: "El", lastName: "Em", email, role: "read_only", access: { all: true }, locale: "en" });
    const logged: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void logged.push(args.join(" "));
    try {
      await deliverDueMail(createMailTransport(settings), settings);
    } finally {
      console.log = original;
    }
    const files = fs.readdirSync(mailDir).filter((name) => name.endsWith(".eml"));
    expect(files).toHaveLength(1);
    const raw = fs.readFileSync(path.join(mailDir, files[0]!), "utf8");
    const link = linkIn(raw, "invitation");
    expect(link.startsWith("http://localhost:4321/invitation/")).toBe(true);
    expect(logged.some((line) => line.includes(link))).toBe(true);
    fs.rmSync(mailDir, { recursive: true, force: true });
  });
});

describe("Forgot your password?", () => {
  async function resetLink(email: string): Promise<string> {
    await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings());
    const mails = received.filter((entry) => entry.to.includes(email));
    return tokenOf(linkIn(mails[mails.length - 1]!.raw, "reset-password"));
  }

  it("answers the same for an unknown address, and queues nothing for it", () => {
    const before = db().select().from(schema.mailOutbox).all().length;
    expect(requestPasswordReset({ email: "nobody@nowhere.test", clientAddress: "10.0.0.1", locale: "en" })).toEqual({ status: "accepted" });
    expect(requestPasswordReset({ email: "pending@northwind.test", clientAddress: "10.0.0.1", locale: "en" })).toEqual({ status: "accepted" });
    expect(db().select().from(schema.mailOutbox).all().length).toBe(before);
  });

  it("sets a new password once, ends every session of the user, and expires after 30 minutes", async () => {
    const email = freshEmail("forgot");
    const userId = await createPartnerUser({ email, password: "old password here", partnerId: partnerActorFor(ACCOUNTS.northwindSuper).partner.id });
    await sessionFor(email);
    expect(requestPasswordReset({ email: email.toUpperCase(), clientAddress: "10.0.0.2", locale: "en" })).toEqual({ status: "accepted" });
    const token = await resetLink(email);
    expect(findPasswordReset({ token })).toEqual({ status: "valid", email });
    expect(await resetPasswordWithToken({ token, password: "brand new pass phrase" })).toEqual({ status: "reset", userId });
    expect(await verify(findUserForSignIn(email)!.passwordHash, "brand new pass phrase")).toBe(true);
    expect(db().select().from(schema.sessions).all().filter((row) => row.data.includes(`"userId":${userId}`))).toHaveLength(0);
    expect(await resetPasswordWithToken({ token, password: "yet another phrase" })).toEqual({ status: "used" });
    expect(db().select().from(schema.activities).where(eq(schema.activities.subjectUserId, userId)).all().map((row) => row.kind)).toContain("user.passwordReset");

    const start = Date.UTC(2032, 0, 1);
    setClock(start);
    requestPasswordReset({ email, clientAddress: "10.0.0.2", locale: "en" });
    await deliverDueMail(createMailTransport(smtpSettings()), smtpSettings(), { now: () => start });
    const later = tokenOf(linkIn(received.filter((entry) => entry.to.includes(email)).pop()!.raw, "reset-password"));
    setClock(start + 30 * 60_000);
    expect(findPasswordReset({ token: later })).toEqual({ status: "expired" });
  });

  it("is throttled per address typed and per client address", () => {
    const email = freshEmail("throttle");
    const results = Array.from({ length: 4 }, () => requestPasswordReset({ email, clientAddress: "10.0.0.3", locale: "en" }).status);
    expect(results).toEqual(["accepted", "accepted", "accepted", "throttled"]);
    const spray = Array.from({ length: 11 }, (_, i) => requestPasswordReset({ email: `spray-${i}-${email}`, clientAddress: "10.0.0.4", locale: "en" }).status);
    expect(spray.slice(0, 10).every((status) => status === "accepted")).toBe(true);
    expect(spray[10]).toBe("throttled");
  });
});

describe("Change password", () => {
  it("needs the current password, and ends every other session but this one", async () => {
    const email = freshEmail("change");
    const userId = await createPartnerUser({ email, password: "current pass phrase", partnerId: partnerActorFor(ACCOUNTS.northwindSuper).partner.id });
    const here = await sessionFor(email);
    await sessionFor(email);
    const request = get("/account", { cookie: here });
    expect(await changeOwnPassword({ request, userId, currentPassword: "wrong", newPassword: "fresh pass phrase 2" })).toEqual({ status: "wrongPassword" });
    expect(await changeOwnPassword({ request, userId, currentPassword: "current pass phrase", newPassword: "fresh pass phrase 2" })).toEqual({ status: "changed" });
    const remaining = db().select().from(schema.sessions).all().filter((row) => row.data.includes(`"userId":${userId}`));
    expect(remaining).toHaveLength(1);
    const kept = await getSession(request);
    expect(remaining[0]!.idHash).toBe(sessionIdHash(kept.id));
  });
});
