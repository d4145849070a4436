import { and, eq, sql } from "drizzle-orm";
import { getDb, prepared, schema, type Tx } from "~/db.server";
import { now as clockNow } from "~/utils/clock";
import type { Role } from "../../lib/enums";
import { shownName } from "../../lib/text";

/**
 * The fields sign-in needs, for an active user only: an invited user has no
 * password yet and a deactivated one may not sign in (issue 20); both are
 * answered as an unknown email is. One of the two functions that return a
 * password hash (with findPasswordHash).
 */
export function findUserForSignIn(email: string) {
  return getDb()
    .select({
      id: schema.users.id,
      kind: schema.users.kind,
      passwordHash: schema.users.passwordHash,
    })
    .from(schema.users)
    .where(and(eq(schema.users.email, email.trim().toLowerCase()), eq(schema.users.status, "active")))
    .get();
}

/** An active user's password hash, to check the current password ("Change password", "Turn off second factor"). */
export function findPasswordHash(userId: number): string | undefined {
  return getDb()
    .select({ passwordHash: schema.users.passwordHash })
    .from(schema.users)
    .where(and(eq(schema.users.id, userId), eq(schema.users.status, "active")))
    .get()?.passwordHash;
}

/** Whether any user (partner user or customer admin, in any state) has this email. */
export function emailInUse(email: string, tx: Tx | ReturnType<typeof getDb> = getDb()): boolean {
  return (
    tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, email.trim().toLowerCase()))
      .get() !== undefined
  );
}

/** "Your account": a user's own first and last name (and the full name every page shows). */
export function updateOwnName({ userId, firstName, lastName }: { userId: number; firstName: string; lastName: string }): void {
  const first = firstName.trim();
  const last = lastName.trim();
  getDb()
    .update(schema.users)
    .set({ firstName: first, lastName: last, name: [first, last].filter(Boolean).join(" ") })
    .where(eq(schema.users.id, userId))
    .run();
}

/**
 * A user signed in (called when the session starts): the Users page's "Last
 * sign-in", and the language mail to this user is written in from now on.
 */
export function recordSignIn({ userId, locale, now = clockNow() }: { userId: number; locale?: "en" | "es"; now?: number }): void {
  getDb()
    .update(schema.users)
    .set(locale ? { lastSignInAt: now, locale } : { lastSignInAt: now })
    .where(eq(schema.users.id, userId))
    .run();
}

/**
 * Ends every session of a user at once (deactivation, a password changed or
 * reset, a second factor reset), inside the caller's transaction; all but
 * the session whose id hash is `except` (the one changing its own password).
 * Sessions keep the user id only inside their JSON data: a scan of the
 * sessions table, which holds only live sessions (swept every 10 minutes).
 */
export function endSessionsOfUser(tx: Tx, userId: number, except?: string): number {
  // A sign-in waiting for its verification code ends too (session.server.ts, pendingSignIn).
  const ofUser = sql`(json_extract(${schema.sessions.data}, '$.userId') = ${userId} or json_extract(${schema.sessions.data}, '$.pendingSignIn.userId') = ${userId})`;
  return tx
    .delete(schema.sessions)
    .where(except ? and(ofUser, sql`${schema.sessions.idHash} != ${except}`) : ofUser)
    .run().changes;
}

export type PartnerUserRecord = {
  kind: "partner";
  id: number;
  email: string;
  name: string;
  role: Role;
  designatedAll: boolean;
  partner: { id: number; name: string; flexMsp: boolean; flexConnect: boolean };
  /**
   * The user has no second factor but must have one (its partner requires
   * it, or a Super Admin reset it): the guard sends it to set one up before
   * anything else (issue 20).
   */
  secondFactorSetupDue: boolean;
};

export type CustomerAdminRecord = {
  kind: "customer";
  id: number;
  email: string;
  name: string;
  customer: { id: number; partnerId: number; name: string };
};

const USER_FOR_SESSION =
  "select users.id as id, users.email as email, users.name as name, users.kind as kind, users.role as role," +
  " users.designated_all as designatedAll, users.customer_id as customerId," +
  " customers.partner_id as customerPartnerId, customers.display_name as customerDisplayName," +
  " customers.legal_name as customerLegalName, partners.id as partnerId, partners.name as partnerName," +
  " partners.flex_msp as flexMsp, partners.flex_connect as flexConnect," +
  " (partners.require_second_factor or users.second_factor_setup_required) and not exists" +
  " (select 1 from second_factors sf where sf.user_id = users.id and sf.enabled_at is not null) as secondFactorSetupDue" +
  " from users left join partners on partners.id = users.partner_id" +
  " left join customers on customers.id = users.customer_id" +
  // Only an active user has a session: a deactivated user's sessions end at their next request (issue 20).
  " where users.id = ? and users.status = 'active'";

/** A row of USER_FOR_SESSION: SQLite's 0/1 for the booleans, null for the other kind's columns. */
type SessionUserRow = {
  id: number;
  email: string;
  name: string;
  kind: "partner" | "customer";
  role: Role | null;
  designatedAll: number;
  customerId: number | null;
  customerPartnerId: number | null;
  customerDisplayName: string | null;
  customerLegalName: string | null;
  partnerId: number | null;
  partnerName: string | null;
  flexMsp: number | null;
  flexConnect: number | null;
  secondFactorSetupDue: number | null;
};

/**
 * A signed-in user with what the guard needs: a partner user with its partner
 * and role, or a customer admin with its customer. Undefined when the user no
 * longer exists or is not active (deactivated: every session of it ends at
 * its next request).
 */
export function getUserForSession(
  userId: number,
): PartnerUserRecord | CustomerAdminRecord | undefined {
  // Every signed-in request asks: fixed SQL compiled once (db.server.ts, `prepared`).
  const row = prepared(USER_FOR_SESSION).get(userId) as SessionUserRow | undefined;
  if (!row) return undefined;
  if (row.kind === "partner" && row.role && row.partnerId !== null) {
    return {
      kind: "partner",
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      designatedAll: Boolean(row.designatedAll),
      partner: {
        id: row.partnerId,
        name: row.partnerName ?? "",
        flexMsp: Boolean(row.flexMsp),
        flexConnect: Boolean(row.flexConnect),
      },
      secondFactorSetupDue: Boolean(row.secondFactorSetupDue),
    };
  }
  if (row.kind === "customer" && row.customerId !== null && row.customerPartnerId !== null) {
    return {
      kind: "customer",
      id: row.id,
      email: row.email,
      name: row.name,
      customer: {
        id: row.customerId,
        partnerId: row.customerPartnerId,
        name: shownName({
          displayName: row.customerDisplayName ?? "",
          legalName: row.customerLegalName ?? "",
        }),
      },
    };
  }
  return undefined;
}

/** What "Your account" shows of the signed-in user (issue 20): its own names and email. */
export function getOwnAccount(userId: number): { email: string; firstName: string; lastName: string; name: string } | undefined {
  return getDb()
    .select({ email: schema.users.email, firstName: schema.users.firstName, lastName: schema.users.lastName, name: schema.users.name })
    .from(schema.users)
    .where(and(eq(schema.users.id, userId), eq(schema.users.status, "active")))
    .get();
}
