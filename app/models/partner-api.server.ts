/**
 * What the Partner API reads (issue 21): the customers a credential may see,
 * as the vendor's tenants, and the partner's users as admins. Every customer
 * query goes through the credential's scope (customerScopeCondition), so
 * another partner's customer, or one outside the credential's access, is not
 * found. Read-only: changes go through the console's own models.
 */
import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import type { CustomerScope } from "~/domain/actor";
import { licenseStatus } from "~/domain/license-status";
import { PRODUCTS } from "~/domain/products";
import type { Role } from "../../lib/enums";
import { now as clockNow } from "~/utils/clock";
import { customerScopeCondition } from "./scope.server";

const c = schema.customers;
const l = schema.licenses;
const u = schema.users;

export type TenantRecord = {
  id: number;
  legalName: string;
  displayName: string;
  dataGeography: string;
  billingType: "trial" | "term" | "usage";
  partnerId: number;
  status: "active" | "inactive";
  managedOrder: boolean;
  partnerAssistance: boolean;
  contact: {
    firstName: string;
    lastName: string;
    email: string;
    phone: string;
    address: { address1: string; address2: string; city: string; state: string; postalCode: string; country: string };
  };
  licenses: {
    product: string;
    productCode: string;
    category: string;
    type: string;
    quantity: number;
    usage: number;
    startDate: string;
    endDate: string;
    status: string;
  }[];
  groups: { id: string; name: string }[];
};

const tenantColumns = {
  id: c.id,
  legalName: c.legalName,
  displayName: c.displayName,
  dataGeography: c.dataGeography,
  billingType: c.billingType,
  partnerId: c.partnerId,
  status: c.status,
  managedOrder: c.managedOrder,
  partnerAssistance: c.partnerAssistance,
  firstName: c.contactFirstName,
  lastName: c.contactLastName,
  email: c.contactEmail,
  phone: c.contactPhone,
  address1: c.addressLine1,
  address2: c.addressLine2,
  city: c.city,
  state: c.region,
  postalCode: c.postalCode,
  country: c.country,
};

type TenantBase = { [K in keyof typeof tenantColumns]: (typeof tenantColumns)[K]["_"]["data"] };

/** A product's short code (the catalogue's id), or the name made into one for licenses from elsewhere. */
function productCode(name: string): string {
  return PRODUCTS.find((product) => product.name === name)?.id ?? name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** A LIKE pattern's wildcards taken literally (with `escape '\\'`). */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The tenants of these base rows, each with its licenses and groups (two queries for the page). */
function withDetails(rows: TenantBase[], now: number): TenantRecord[] {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const licenses = getDb()
    .select({
      customerId: l.customerId,
      product: l.product,
      category: l.category,
      type: l.type,
      quantity: l.quantity,
      usage: l.usage,
      startsAt: l.startsAt,
      endsAt: l.endsAt,
      revoked: l.revoked,
    })
    .from(l)
    .where(inArray(l.customerId, ids))
    .orderBy(asc(l.id))
    .all();
  const groups = getDb()
    .select({ customerId: schema.customerGroups.customerId, id: schema.groups.id, name: schema.groups.name })
    .from(schema.customerGroups)
    .innerJoin(schema.groups, eq(schema.groups.id, schema.customerGroups.groupId))
    .where(inArray(schema.customerGroups.customerId, ids))
    .orderBy(asc(schema.groups.name))
    .all();
  return rows.map((row) => ({
    id: row.id,
    legalName: row.legalName,
    displayName: row.displayName,
    dataGeography: row.dataGeography,
    billingType: row.billingType,
    partnerId: row.partnerId,
    status: row.status,
    managedOrder: row.managedOrder,
    partnerAssistance: row.partnerAssistance,
    contact: {
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      phone: row.phone,
      address: {
        address1: row.address1,
        address2: row.address2,
        city: row.city,
        state: row.state,
        postalCode: row.postalCode,
        country: row.country,
      },
    },
    licenses: licenses
      .filter((license) => license.customerId === row.id)
      .map((license) => ({
        product: license.product,
        productCode: productCode(license.product),
        category: license.category,
        type: license.type,
        quantity: license.quantity,
        usage: license.usage,
        startDate: isoDate(license.startsAt),
        endDate: isoDate(license.endsAt),
        status: licenseStatus(license, now),
      })),
    groups: groups.filter((group) => group.customerId === row.id).map((group) => ({ id: String(group.id), name: group.name })),
  }));
}

/**
 * A page of the tenants the scope may see, by id (stable while customers are
 * added), and their number when asked for.
 */
export function listTenants({
  scope,
  page,
  size,
  withTotal,
  now = clockNow(),
}: {
  scope: CustomerScope;
  page: number;
  size: number;
  withTotal: boolean;
  now?: number;
}): { tenants: TenantRecord[]; total: number | null } {
  const where = customerScopeCondition(scope);
  const rows = getDb()
    .select(tenantColumns)
    .from(c)
    .where(where)
    .orderBy(asc(c.id))
    .limit(size)
    .offset((page - 1) * size)
    .all();
  const total = withTotal ? getDb().select({ n: sql<number>`count(*)` }).from(c).where(where).get()!.n : null;
  return { tenants: withDetails(rows, now), total };
}

/** One tenant the scope may see; undefined for another partner's or one outside the access. */
export function getTenant({ scope, tenantId, now = clockNow() }: { scope: CustomerScope; tenantId: number; now?: number }): TenantRecord | undefined {
  const row = getDb()
    .select(tenantColumns)
    .from(c)
    .where(and(eq(c.id, tenantId), customerScopeCondition(scope)))
    .get();
  return row ? withDetails([row], now)[0] : undefined;
}

export type AdminRecord = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  name: string;
  role: Role;
  status: "invited" | "active" | "deactivated";
  designatedAll: boolean;
  /** The partner's first Super Admin: the account the partner was opened with. */
  primary: boolean;
};

const adminColumns = {
  id: u.id,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  name: u.name,
  role: u.role,
  status: u.status,
  designatedAll: u.designatedAll,
  primary: sql<number>`${u.id} = (select min(p.id) from users p where p.partner_id = ${u.partnerId} and p.role = 'super_admin')`,
};

type AdminRow = Omit<AdminRecord, "role" | "primary"> & { role: Role | null; primary: number };

function toAdmin(row: AdminRow): AdminRecord {
  return { ...row, role: row.role!, primary: Boolean(row.primary) };
}

/**
 * A page of the partner's users (never customer admins, never another
 * partner's), by id; `search` matches any part of the name or email,
 * `email` the exact address, `role` one role.
 */
export function listAdmins({
  partnerId,
  page,
  size,
  withTotal,
  search,
  email,
  role,
}: {
  partnerId: number;
  page: number;
  size: number;
  withTotal: boolean;
  search?: string;
  email?: string;
  role?: Role;
}): { admins: AdminRecord[]; total: number | null } {
  const pattern = search ? `%${escapeLike(search.toLowerCase())}%` : null;
  const where = and(
    eq(u.partnerId, partnerId),
    eq(u.kind, "partner"),
    pattern ? or(like(sql`lower(${u.name})`, sql`${pattern} escape '\\'`), like(u.email, sql`${pattern} escape '\\'`)) : undefined,
    email ? eq(u.email, email.trim().toLowerCase()) : undefined,
    role ? eq(u.role, role) : undefined,
  );
  const rows = getDb()
    .select(adminColumns)
    .from(u)
    .where(where)
    .orderBy(asc(u.id))
    .limit(size)
    .offset((page - 1) * size)
    .all();
  const total = withTotal ? getDb().select({ n: sql<number>`count(*)` }).from(u).where(where).get()!.n : null;
  return { admins: rows.map(toAdmin), total };
}

/** One of the partner's users; undefined for anyone else. */
export function getAdmin({ partnerId, adminId }: { partnerId: number; adminId: number }): AdminRecord | undefined {
  const row = getDb()
    .select(adminColumns)
    .from(u)
    .where(and(eq(u.id, adminId), eq(u.partnerId, partnerId), eq(u.kind, "partner")))
    .get();
  return row ? toAdmin(row) : undefined;
}
