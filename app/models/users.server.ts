import { eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
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

/**
 * A signed-in user with what the guard needs: a partner user with its partner
 * and role, or a customer admin with its customer. Undefined when the user no
 * longer exists.
 */
export function getUserForSession(
  userId: number,
): PartnerUserRecord | CustomerAdminRecord | undefined {
  const row = getDb()
    .select({
      id: schema.users.id,
      email: schema.users.email,
      name: schema.users.name,
      kind: schema.users.kind,
      role: schema.users.role,
      designatedAll: schema.users.designatedAll,
      customerId: schema.users.customerId,
      customerPartnerId: schema.customers.partnerId,
      customerDisplayName: schema.customers.displayName,
      customerLegalName: schema.customers.legalName,
      partnerId: schema.partners.id,
      partnerName: schema.partners.name,
      flexMsp: schema.partners.flexMsp,
      flexConnect: schema.partners.flexConnect,
    })
    .from(schema.users)
    .leftJoin(schema.partners, eq(schema.partners.id, schema.users.partnerId))
    .leftJoin(schema.customers, eq(schema.customers.id, schema.users.customerId))
    .where(eq(schema.users.id, userId))
    .get();
  if (!row) return undefined;
  if (row.kind === "partner" && row.role && row.partnerId !== null) {
    return {
      kind: "partner",
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      designatedAll: row.designatedAll,
      partner: {
        id: row.partnerId,
        name: row.partnerName ?? "",
        flexMsp: row.flexMsp ?? false,
        flexConnect: row.flexConnect ?? false,
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
