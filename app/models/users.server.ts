import { eq } from "drizzle-orm";
import { getDb, prepared, schema } from "~/db.server";
import type { Role } from "../../lib/enums";
import { shownName } from "../../lib/text";

/** The fields sign-in needs; the only function that returns a password hash. */
export function findUserForSignIn(email: string) {
  return getDb()
    .select({
      id: schema.users.id,
      kind: schema.users.kind,
      passwordHash: schema.users.passwordHash,
    })
    .from(schema.users)
    .where(eq(schema.users.email, email.trim().toLowerCase()))
    .get();
}

export type PartnerUserRecord = {
  kind: "partner";
  id: number;
  email: string;
  name: string;
  role: Role;
  designatedAll: boolean;
  partner: { id: number; name: string; flexMsp: boolean; flexConnect: boolean };
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
  " partners.flex_msp as flexMsp, partners.flex_connect as flexConnect" +
  " from users left join partners on partners.id = users.partner_id" +
  " left join customers on customers.id = users.customer_id where users.id = ?";

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
};

/**
 * A signed-in user with what the guard needs: a partner user with its partner
 * and role, or a customer admin with its customer. Undefined when the user no
 * longer exists.
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
