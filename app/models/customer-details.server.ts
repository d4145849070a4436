/**
 * One customer, read through a CustomerScope (scope.server.ts): its contact
 * card (F4), its details page (F5, F10, F11) and the facts the customer
 * policy (domain/customer-policy.ts) judges. Undefined means outside the
 * scope: a 404 for the caller.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import type { BillingType, LicenseCategory, LicenseType } from "../../lib/enums";
import { shownName } from "../../lib/text";
import type { CustomerFacts } from "~/domain/customer-policy";
import { customerScopeCondition, type CustomerScope } from "./scope.server";
import type { Tx } from "./activities.server";

const c = schema.customers;

type Reader = Tx | ReturnType<typeof getDb>;

export type CustomerCard = {
  id: number;
  name: string;
  displayName: string;
  legalName: string;
  version: number;
  managedOrder: boolean;
  contact: {
    firstName: string;
    lastName: string;
    email: string;
    phone: string;
    addressLines: string[];
  };
};

/** A customer's contact card, or undefined when outside the scope (a 404 for the caller). */
export function getCustomerCard({
  scope,
  customerId,
}: {
  scope: CustomerScope;
  customerId: number;
}): CustomerCard | undefined {
  const row = getDb()
    .select({
      id: c.id,
      displayName: c.displayName,
      legalName: c.legalName,
      version: c.version,
      managedOrder: c.managedOrder,
      firstName: c.contactFirstName,
      lastName: c.contactLastName,
      email: c.contactEmail,
      phone: c.contactPhone,
      line1: c.addressLine1,
      line2: c.addressLine2,
      city: c.city,
      region: c.region,
      postalCode: c.postalCode,
      country: c.country,
    })
    .from(c)
    .where(and(eq(c.id, customerId), customerScopeCondition(scope)))
    .get();
  if (!row) return undefined;
  const cityLine = [row.postalCode, row.city].filter(Boolean).join(" ");
  return {
    id: row.id,
    name: shownName(row),
    displayName: row.displayName,
    legalName: row.legalName,
    version: row.version,
    managedOrder: row.managedOrder,
    contact: {
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      phone: row.phone,
      addressLines: [row.line1, row.line2, cityLine, row.region, row.country].filter(
        (line) => line.trim() !== "",
      ),
    },
  };
}

/**
 * What the customer policy needs to know about one customer, read in the
 * caller's transaction when it is about to change the customer, so the
 * decision and the change see the same facts. Undefined outside the scope.
 */
export function getCustomerFacts(
  { scope, customerId }: { scope: CustomerScope; customerId: number },
  reader: Reader = getDb(),
): CustomerFacts | undefined {
  const row = reader
    .select({
      id: c.id,
      billingType: c.billingType,
      managedOrder: c.managedOrder,
      status: c.status,
      linkState: c.linkState,
      unlinkScheduledFor: c.unlinkScheduledFor,
      partnerAssistance: c.partnerAssistance,
    })
    .from(c)
    .where(and(eq(c.id, customerId), customerScopeCondition(scope)))
    .get();
  if (!row) return undefined;
  const l = schema.licenses;
  const licenses = reader
    .select({ type: l.type, endsAt: l.endsAt, revoked: l.revoked })
    .from(l)
    .where(eq(l.customerId, customerId))
    .all();
  const r = schema.approvalRequests;
  const latestRequest =
    reader
      .select({ status: r.status, createdAt: r.createdAt, expiresAt: r.expiresAt, answeredAt: r.answeredAt })
      .from(r)
      .where(eq(r.customerId, customerId))
      .orderBy(desc(r.createdAt), desc(r.id))
      .limit(1)
      .get() ?? null;
  return { ...row, licenses, latestRequest };
}

/** A customer's shown name, read by id (the caller found it through the scope). */
export function shownCustomerName(reader: Reader, customerId: number): string {
  const row = reader.select({ displayName: c.displayName, legalName: c.legalName }).from(c).where(eq(c.id, customerId)).get();
  return row ? shownName(row) : "";
}

export type LicenseRow = {
  id: number;
  product: string;
  category: LicenseCategory;
  type: LicenseType;
  quantity: number;
  usage: number;
  startsAt: number;
  endsAt: number;
  revoked: boolean;
};

/**
 * The licenses of one customer in the scope (none outside it), by category,
 * then soonest end first: its details page and its Central Admin.
 */
export function listLicenses({ scope, customerId }: { scope: CustomerScope; customerId: number }): LicenseRow[] {
  const l = schema.licenses;
  return getDb()
    .select({
      id: l.id,
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
    .innerJoin(c, eq(c.id, l.customerId))
    .where(and(eq(l.customerId, customerId), customerScopeCondition(scope)))
    .orderBy(asc(l.category), asc(l.endsAt), asc(l.id))
    .all();
}

export type CustomerDetails = {
  id: number;
  name: string;
  legalName: string;
  billingType: BillingType;
  managedOrder: boolean;
  dataGeography: string;
  partnerAssistanceReason: string | null;
  partnerAssistanceSince: number | null;
  unlinkScheduledFor: number | null;
  groups: { id: number; name: string }[];
  licenses: LicenseRow[];
  programs: { id: number; name: string; description: string; acceptsFlex: boolean; enrolled: boolean; enrolledAt: number | null }[];
  facts: CustomerFacts;
};

/**
 * Everything the customer details page shows (F5): the customer, its groups,
 * its licenses, every early access program with the customer's enrolment, and
 * the facts for the policy's flags. Undefined outside the scope.
 */
export function getCustomerDetails({
  scope,
  customerId,
}: {
  scope: CustomerScope;
  customerId: number;
}): CustomerDetails | undefined {
  const db = getDb();
  const facts = getCustomerFacts({ scope, customerId }, db);
  if (!facts) return undefined;
  const row = db
    .select({
      legalName: c.legalName,
      displayName: c.displayName,
      dataGeography: c.dataGeography,
      partnerAssistanceReason: c.partnerAssistanceReason,
      partnerAssistanceSince: c.partnerAssistanceSince,
    })
    .from(c)
    .where(eq(c.id, customerId))
    .get()!;
  const g = schema.groups;
  const groups = db
    .select({ id: g.id, name: g.name })
    .from(schema.customerGroups)
    .innerJoin(g, eq(g.id, schema.customerGroups.groupId))
    .where(eq(schema.customerGroups.customerId, customerId))
    .orderBy(asc(g.name))
    .all();
  const p = schema.earlyAccessPrograms;
  const e = schema.programEnrolments;
  const programs = db
    .select({
      id: p.id,
      name: p.name,
      description: p.description,
      acceptsFlex: p.acceptsFlex,
      enrolledAt: e.enrolledAt,
    })
    .from(p)
    .leftJoin(e, and(eq(e.programId, p.id), eq(e.customerId, customerId)))
    .orderBy(asc(p.name))
    .all()
    .map((program) => ({ ...program, enrolled: program.enrolledAt !== null }));
  return {
    id: customerId,
    name: shownName(row),
    legalName: row.legalName,
    billingType: facts.billingType,
    managedOrder: facts.managedOrder,
    dataGeography: row.dataGeography,
    partnerAssistanceReason: row.partnerAssistanceReason,
    partnerAssistanceSince: row.partnerAssistanceSince,
    unlinkScheduledFor: facts.unlinkScheduledFor,
    groups,
    licenses: listLicenses({ scope, customerId }),
    programs,
    facts,
  };
}
