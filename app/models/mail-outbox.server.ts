/**
 * The mail outbox (issue 20): invitations and password resets, written in
 * the same transaction as the change that causes them and sent later by the
 * mail worker (services/mail.server.ts), with retries and back-off like the
 * CRM outbox (decision 0008). A row's payload holds what its template needs,
 * never a link's token: the worker mints the token as it sends
 * (`attachLinkToken`), so the database never holds a usable link.
 */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction, type Tx } from "~/db.server";
import { now as clockNow } from "~/utils/clock";
import type { MailKind } from "../../lib/enums";

const m = schema.mailOutbox;

/** Attempts before a mail is marked failed and waits for "Retry failed". */
export const MAX_MAIL_ATTEMPTS = 6;
/** How long a claimed mail is hidden from other workers while it is sent. */
export const MAIL_CLAIM_LEASE_MS = 60_000;

export type MailLocale = "en" | "es";

/** What an invitation's mail says: who invited whom to which partner, until when. */
export type InvitationMailPayload = {
  invitationId: number;
  inviteeName: string;
  inviterName: string;
  partnerName: string;
  expiresAt: number;
};

/** What a password reset's mail says. */
export type PasswordResetMailPayload = { resetId: number; name: string; expiresAt: number };

export type MailPayload =
  | { kind: "invitation"; payload: InvitationMailPayload }
  | { kind: "passwordReset"; payload: PasswordResetMailPayload };

/** Queues a mail inside the caller's transaction: it exists exactly when the change does. */
export function enqueueMail(
  tx: Tx,
  mail: MailPayload & { partnerId: number; userId: number; to: string; locale: MailLocale; at: number },
): number {
  return tx
    .insert(m)
    .values({
      partnerId: mail.partnerId,
      userId: mail.userId,
      kind: mail.kind,
      toAddress: mail.to,
      locale: mail.locale,
      payload: JSON.stringify(mail.payload),
      status: "pending",
      nextAttemptAt: mail.at,
      createdAt: mail.at,
    })
    .returning({ id: m.id })
    .get().id;
}

/**
 * A user's mail of this kind that has not gone yet will not: its link was
 * replaced (a resent invitation) or withdrawn (a cancelled one). Inside the
 * caller's transaction.
 */
export function supersedeWaitingMail(tx: Tx, { userId, kind }: { userId: number; kind: MailKind }): void {
  tx.update(m)
    .set({ status: "superseded" })
    .where(and(eq(m.userId, userId), eq(m.kind, kind), inArray(m.status, ["pending", "failed"])))
    .run();
}

export type ClaimedMail = MailPayload & {
  id: number;
  partnerId: number;
  to: string;
  locale: MailLocale;
  attempts: number;
};

/**
 * Claims the oldest due mail. The claim pushes its next attempt past a
 * lease, so a second worker does not send it meanwhile.
 */
export function claimNextMail(now = clockNow()): ClaimedMail | null {
  return writeTransaction((tx) => {
    const row = tx
      .select()
      .from(m)
      .where(and(eq(m.status, "pending"), lte(m.nextAttemptAt, now)))
      .orderBy(asc(m.nextAttemptAt), asc(m.id))
      .limit(1)
      .get();
    if (!row) return null;
    tx.update(m).set({ nextAttemptAt: now + MAIL_CLAIM_LEASE_MS }).where(eq(m.id, row.id)).run();
    return {
      id: row.id,
      partnerId: row.partnerId,
      to: row.toAddress,
      locale: row.locale,
      attempts: row.attempts,
      ...({ kind: row.kind, payload: JSON.parse(row.payload) } as MailPayload),
    };
  });
}

/**
 * Mints a link for a claimed mail: stores the token's selector and the hash
 * of its secret half on the invitation or reset the mail is for, when that
 * link is still open (not spent, revoked or expired). A retry mints again,
 * so only the link in the mail that went out works. False: the link is
 * closed, and the mail is superseded instead of sent.
 */
export function attachLinkToken(
  mail: ClaimedMail,
  { selector, verifierHash, now = clockNow() }: { selector: string; verifierHash: string; now?: number },
): boolean {
  return writeTransaction((tx) => {
    const changed =
      mail.kind === "invitation"
        ? tx
            .update(schema.invitations)
            .set({ selector, verifierHash })
            .where(
              and(
                eq(schema.invitations.id, mail.payload.invitationId),
                sql`${schema.invitations.spentAt} is null and ${schema.invitations.revokedAt} is null`,
                sql`${schema.invitations.expiresAt} > ${now}`,
              ),
            )
            .run().changes
        : tx
            .update(schema.passwordResets)
            .set({ selector, verifierHash })
            .where(
              and(
                eq(schema.passwordResets.id, mail.payload.resetId),
                sql`${schema.passwordResets.spentAt} is null`,
                sql`${schema.passwordResets.expiresAt} > ${now}`,
              ),
            )
            .run().changes;
    if (changed === 0) {
      tx.update(m).set({ status: "superseded" }).where(and(eq(m.id, mail.id), eq(m.status, "pending"))).run();
    }
    return changed > 0;
  });
}

/** The mail went out: it is never sent again. */
export function markMailDelivered(mail: ClaimedMail, now = clockNow()): void {
  getDb()
    .update(m)
    .set({ status: "delivered", deliveredAt: now, attempts: mail.attempts + 1, lastError: null })
    .where(and(eq(m.id, mail.id), eq(m.status, "pending")))
    .run();
}

/** A failed attempt: try again after `retryInMs`, or mark it failed at MAX_MAIL_ATTEMPTS. */
export function markMailAttemptFailed(
  mail: ClaimedMail,
  { error, retryInMs, now = clockNow() }: { error: string; retryInMs: number; now?: number },
): "retrying" | "failed" {
  const attempts = mail.attempts + 1;
  const failed = attempts >= MAX_MAIL_ATTEMPTS;
  getDb()
    .update(m)
    .set({ attempts, lastError: error.slice(0, 500), status: failed ? "failed" : "pending", nextAttemptAt: now + retryInMs })
    .where(and(eq(m.id, mail.id), eq(m.status, "pending")))
    .run();
  return failed ? "failed" : "retrying";
}

export type MailOutboxStatus = {
  waiting: number;
  failed: number;
  delivered: number;
  lastError: string | null;
  lastErrorAt: number | null;
};

/** Counts for a partner's Integrations page (Super Admins): waiting, failed and sent mail, and the last error. */
export function getMailOutboxStatus({ partnerId }: { partnerId: number }): MailOutboxStatus {
  const db = getDb();
  const counts = db
    .select({ status: m.status, n: sql<number>`count(*)` })
    .from(m)
    .where(eq(m.partnerId, partnerId))
    .groupBy(m.status)
    .all();
  const count = (status: string) => counts.find((row) => row.status === status)?.n ?? 0;
  const last = db
    .select({ lastError: m.lastError, at: m.nextAttemptAt })
    .from(m)
    .where(and(eq(m.partnerId, partnerId), sql`${m.lastError} is not null`, inArray(m.status, ["pending", "failed"])))
    .orderBy(desc(m.id))
    .limit(1)
    .get();
  return {
    waiting: count("pending"),
    failed: count("failed"),
    delivered: count("delivered"),
    lastError: last?.lastError ?? null,
    lastErrorAt: last?.at ?? null,
  };
}

/** "Retry failed" for mail: a partner's failed mail waits again, with a fresh count of attempts. */
export function retryFailedMail({ partnerId, now = clockNow() }: { partnerId: number; now?: number }): number {
  return getDb()
    .update(m)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now })
    .where(and(eq(m.status, "failed"), eq(m.partnerId, partnerId)))
    .run().changes;
}
