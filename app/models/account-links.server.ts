/**
 * Following a link from a mail (issue 20): an invitation (set a password,
 * become active) or a password reset (set a new one). A link is
 * `selector.verifier` (utils/tokens.server.ts): the selector finds the row,
 * the verifier's hash is compared in constant time, the expiry is read from
 * the one clock, and the link is spent in the same transaction as its use.
 * A forged, cut or unknown link is `not_found`; the pages say what happened
 * and what to do for each outcome, never a 500.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb, schema, writeTransaction, type Tx } from "~/db.server";
import { PASSWORD_RESET_LIFETIME_MS, linkState, type LinkState } from "~/domain/user-policy";
import { now as clockNow } from "~/utils/clock";
import { splitLinkToken, verifierMatches } from "~/utils/tokens.server";
import { recordActivity } from "./activities.server";
import { enqueueMail, type MailLocale } from "./mail-outbox.server";
import { endSessionsOfUser } from "./users.server";

/** A link that cannot be used, and why. */
export type ClosedLink = { status: Exclude<LinkState, "valid"> | "not_found" };

type LinkRow = { id: number; userId: number; verifierHash: string | null; expiresAt: number; spentAt: number | null; revokedAt?: number | null };

/** The row a token names, when its verifier matches; the outcome otherwise. */
function openLink<T extends LinkRow>(row: T | undefined, verifier: string, now: number): T | ClosedLink {
  // Compared even when no row was found, so a miss costs the same as a wrong verifier.
  const matches = verifierMatches(verifier, row?.verifierHash ?? "0".repeat(64));
  if (!row || !matches) return { status: "not_found" };
  const state = linkState(row, now);
  return state === "valid" ? row : { status: state };
}

const isClosed = <T extends object>(value: T | ClosedLink): value is ClosedLink => "status" in value;

/* ---------------------------------------------------------------- invitations */

const inv = schema.invitations;

function findInvitationRow(db: Tx | ReturnType<typeof getDb>, selector: string) {
  return db
    .select({
      id: inv.id,
      userId: inv.userId,
      partnerId: inv.partnerId,
      invitedByUserId: inv.invitedByUserId,
      verifierHash: inv.verifierHash,
      expiresAt: inv.expiresAt,
      spentAt: inv.spentAt,
      revokedAt: inv.revokedAt,
    })
    .from(inv)
    .where(eq(inv.selector, selector))
    .get();
}

export type InvitationView = {
  status: "valid";
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  partnerName: string;
  inviterName: string | null;
  expiresAt: number;
};

/** What the invitation page shows: who invited whom to which partner; or why the link cannot be used. */
export function findInvitation({ token, now = clockNow() }: { token: string; now?: number }): InvitationView | ClosedLink {
  const parts = splitLinkToken(token);
  if (!parts) return { status: "not_found" };
  const db = getDb();
  const row = openLink(findInvitationRow(db, parts.selector), parts.verifier, now);
  if (isClosed(row)) return row;
  const user = db
    .select({ email: schema.users.email, firstName: schema.users.firstName, lastName: schema.users.lastName, status: schema.users.status })
    .from(schema.users)
    .where(eq(schema.users.id, row.userId))
    .get();
  if (!user || user.status !== "invited") return { status: "used" };
  const partner = db.select({ name: schema.partners.name }).from(schema.partners).where(eq(schema.partners.id, row.partnerId)).get();
  const inviter = row.invitedByUserId
    ? db.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, row.invitedByUserId)).get()
    : undefined;
  return {
    status: "valid",
    userId: row.userId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    partnerName: partner?.name ?? "",
    inviterName: inviter?.name ?? null,
    expiresAt: row.expiresAt,
  };
}

export type AcceptInvitationOutcome = { status: "accepted"; userId: number } | ClosedLink;

/**
 * Accepts an invitation: the user gets its password (hashed by the caller,
 * before the transaction) and becomes active, the link is spent, and the
 * activity row written, in one transaction. Returns the user id to sign in.
 */
export function acceptInvitation({
  token,
  passwordHash,
  locale,
  now = clockNow(),
}: {
  token: string;
  passwordHash: string;
  locale?: MailLocale;
  now?: number;
}): AcceptInvitationOutcome {
  const parts = splitLinkToken(token);
  if (!parts) return { status: "not_found" };
  return writeTransaction((tx): AcceptInvitationOutcome => {
    const row = openLink(findInvitationRow(tx, parts.selector), parts.verifier, now);
    if (isClosed(row)) return row;
    const activated = tx
      .update(schema.users)
      .set({ passwordHash, status: "active", ...(locale ? { locale } : {}) })
      .where(and(eq(schema.users.id, row.userId), eq(schema.users.status, "invited")))
      .run().changes;
    if (activated === 0) return { status: "used" };
    tx.update(inv).set({ spentAt: now }).where(eq(inv.id, row.id)).run();
    recordActivity(tx, {
      partnerId: row.partnerId,
      customerId: null,
      actorUserId: row.userId,
      subjectUserId: row.userId,
      kind: "user.invitationAccepted",
      at: now,
    });
    return { status: "accepted", userId: row.userId };
  });
}

/* ------------------------------------------------------------ password resets */

const pr = schema.passwordResets;

/**
 * "Forgot your password?" for an address: when it is an active user's, a
 * link valid 30 minutes is written and its mail queued, in one transaction
 * (any earlier open link of the user is spent: only the newest works). An
 * unknown address writes nothing. Either way the caller answers the same
 * (and throttles before calling: services/account.server.ts).
 * Returns whether a mail was queued (for tests and the log, never the page).
 */
export function createPasswordReset({
  email,
  locale,
  now = clockNow(),
}: {
  email: string;
  locale: MailLocale;
  now?: number;
}): boolean {
  const address = email.trim().toLowerCase();
  return writeTransaction((tx) => {
    const user = tx
      .select({
        id: schema.users.id,
        name: schema.users.name,
        locale: schema.users.locale,
        partnerId: sql<number | null>`coalesce(${schema.users.partnerId}, (select partner_id from customers where customers.id = ${schema.users.customerId}))`,
      })
      .from(schema.users)
      .where(and(eq(schema.users.email, address), eq(schema.users.status, "active")))
      .get();
    if (!user || user.partnerId === null) return false;
    spendOpenResets(tx, user.id, now);
    const expiresAt = now + PASSWORD_RESET_LIFETIME_MS;
    const resetId = tx.insert(pr).values({ userId: user.id, createdAt: now, expiresAt }).returning({ id: pr.id }).get().id;
    enqueueMail(tx, {
      kind: "passwordReset",
      payload: { resetId, name: user.name, expiresAt },
      partnerId: user.partnerId,
      userId: user.id,
      to: address,
      // The recipient's own language when known, else the language the request was made in.
      locale: user.locale ?? locale,
      at: now,
    });
    return true;
  });
}

function spendOpenResets(tx: Tx, userId: number, now: number): void {
  tx.update(pr).set({ spentAt: now }).where(and(eq(pr.userId, userId), sql`${pr.spentAt} is null`)).run();
}

function findResetRow(db: Tx | ReturnType<typeof getDb>, selector: string) {
  return db
    .select({ id: pr.id, userId: pr.userId, verifierHash: pr.verifierHash, expiresAt: pr.expiresAt, spentAt: pr.spentAt })
    .from(pr)
    .where(eq(pr.selector, selector))
    .get();
}

/** Whether a reset link can be used (the page shows the form), or why not. */
export function findPasswordReset({ token, now = clockNow() }: { token: string; now?: number }): { status: "valid"; email: string } | ClosedLink {
  const parts = splitLinkToken(token);
  if (!parts) return { status: "not_found" };
  const row = openLink(findResetRow(getDb(), parts.selector), parts.verifier, now);
  if (isClosed(row)) return row;
  const user = getDb()
    .select({ email: schema.users.email, status: schema.users.status })
    .from(schema.users)
    .where(eq(schema.users.id, row.userId))
    .get();
  return user?.status === "active" ? { status: "valid", email: user.email } : { status: "not_found" };
}

export type CompleteResetOutcome = { status: "reset"; userId: number } | ClosedLink;

/**
 * Sets a new password from a reset link (hashed by the caller): the link and
 * every other open link of the user are spent, every session of the user
 * ends, and the activity row is written, in one transaction.
 */
export function completePasswordReset({
  token,
  passwordHash,
  now = clockNow(),
}: {
  token: string;
  passwordHash: string;
  now?: number;
}): CompleteResetOutcome {
  const parts = splitLinkToken(token);
  if (!parts) return { status: "not_found" };
  return writeTransaction((tx): CompleteResetOutcome => {
    const row = openLink(findResetRow(tx, parts.selector), parts.verifier, now);
    if (isClosed(row)) return row;
    const user = tx
      .select({
        id: schema.users.id,
        partnerId: sql<number | null>`coalesce(${schema.users.partnerId}, (select partner_id from customers where customers.id = ${schema.users.customerId}))`,
      })
      .from(schema.users)
      .where(and(eq(schema.users.id, row.userId), eq(schema.users.status, "active")))
      .get();
    if (!user || user.partnerId === null) return { status: "not_found" };
    tx.update(schema.users).set({ passwordHash }).where(eq(schema.users.id, user.id)).run();
    spendOpenResets(tx, user.id, now);
    endSessionsOfUser(tx, user.id);
    recordActivity(tx, {
      partnerId: user.partnerId,
      customerId: null,
      actorUserId: user.id,
      subjectUserId: user.id,
      kind: "user.passwordReset",
      at: now,
    });
    return { status: "reset", userId: user.id };
  });
}

/**
 * "Change password" (the current one checked by the caller): the new hash,
 * every other session of the user ended (`keepSessionIdHash`: the one making
 * the change), open reset links spent, and the activity row, in one
 * transaction. False when the user is no longer active.
 */
export function changePassword({
  userId,
  passwordHash,
  keepSessionIdHash,
  now = clockNow(),
}: {
  userId: number;
  passwordHash: string;
  keepSessionIdHash?: string;
  now?: number;
}): boolean {
  return writeTransaction((tx) => {
    const user = tx
      .select({
        id: schema.users.id,
        partnerId: sql<number | null>`coalesce(${schema.users.partnerId}, (select partner_id from customers where customers.id = ${schema.users.customerId}))`,
      })
      .from(schema.users)
      .where(and(eq(schema.users.id, userId), eq(schema.users.status, "active")))
      .get();
    if (!user || user.partnerId === null) return false;
    tx.update(schema.users).set({ passwordHash }).where(eq(schema.users.id, userId)).run();
    spendOpenResets(tx, userId, now);
    endSessionsOfUser(tx, userId, keepSessionIdHash);
    recordActivity(tx, { partnerId: user.partnerId, customerId: null, actorUserId: userId, subjectUserId: userId, kind: "user.passwordChanged", at: now });
    return true;
  });
}
