/**
 * One customer, read through a CustomerScope (scope.server.ts): its contact
 * card (F4), its details page (F5, F10, F11) and the facts the customer
 * policy (domain/customer-policy.ts) judges. Undefined means outside the
 * scope: a 404 for the caller. These are hot reads (every card and details
 * page, and every change reads the facts): fixed SQL, compiled once per
 * connection (`prepared`; docs/decisions/0017-prepared-queries.md).
 */
import { eq } from "drizzle-orm";
import { getDb, prepared, schema } from "~/db.server";
import type { BillingType, LicenseCategory, LicenseType } from "../../lib/enums";
import { shownName } from "../../lib/text";
import type { CustomerFacts } from "~/domain/customer-policy";
import { customerScopeSql, type CustomerScope } from "./scope.server";
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
  const scoped = customerScopeSql(scope);
  const row = prepared(
    "select id, display_name as displayName, legal_name as legalName, version, managed_order as managedOrder," +
      " contact_first_name as firstName, contact_last_name as lastName, contact_email as email, contact_phone as phone," +
      " address_line1 as line1, address_line2 as line2, city, region, postal_code as postalCode, country" +
      ` from customers where customers.id = ? and ${scoped.text}`,
  ).get(customerId, ...scoped.params) as
    | (Omit<CustomerCard, "name" | "contact"> & Record<"firstName" | "lastName" | "email" | "phone" | "line1" | "line2" | "city" | "region" | "postalCode" | "country", string>)
    | undefined;
  if (!row) return undefined;
  const cityLine = [row.postalCode, row.city].filter(Boolean).join(" ");
  return {
    id: row.id,
    name: shownName(row),
    displayName: row.displayName,
    legalName: row.legalName,
    version: row.version,
    managedOrder: Boolean(row.managedOrder),
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
  // Every reader is the one connection (a transaction of it included), so
  // the compiled statements serve inside the caller's transaction as well.
  _reader: Reader = getDb(),
): CustomerFacts | undefined {
  const scoped = customerScopeSql(scope);
  const row = prepared(
    "select id, billing_type as billingType, managed_order as managedOrder, status, link_state as linkState," +
      " unlink_scheduled_for as unlinkScheduledFor, partner_assistance as partnerAssistance" +
      ` from customers where customers.id = ? and ${scoped.text}`,
  ).get(customerId, ...scoped.params) as Omit<CustomerFacts, "licenses" | "latestRequest"> | undefined;
  if (!row) return undefined;
  row.managedOrder = Boolean(row.managedOrder);
  row.partnerAssistance = Boolean(row.partnerAssistance);
  const licenses = (
    prepared("select type, ends_at as endsAt, revoked from licenses where customer_id = ?").all(customerId) as CustomerFacts["licenses"]
  ).map((license) => ({ ...license, revoked: Boolean(license.revoked) }));
  const latestRequest =
    (prepared(
      "select status, created_at as createdAt, expires_at as expiresAt, answered_at as answeredAt from approval_requests" +
        " where customer_id = ? order by created_at desc, id desc limit 1",
    ).get(customerId) as CustomerFacts["latestRequest"] | undefined) ?? null;
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
  const scoped = customerScopeSql(scope);
  const rows = prepared(
    "select l.id as id, l.product as product, l.category as category, l.type as type, l.quantity as quantity," +
      " l.usage as usage, l.starts_at as startsAt, l.ends_at as endsAt, l.revoked as revoked" +
      ` from licenses l join customers on customers.id = l.customer_id where l.customer_id = ? and ${scoped.text}` +
      " order by l.category, l.ends_at, l.id",
  ).all(customerId, ...scoped.params) as LicenseRow[];
  for (const row of rows) row.revoked = Boolean(row.revoked);
  return rows;
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
  const facts = getCustomerFacts({ scope, customerId });
  if (!facts) return undefined;
  const row = prepared(
    "select legal_name as legalName, display_name as displayName, data_geography as dataGeography," +
      " partner_assistance_reason as partnerAssistanceReason, partner_assistance_since as partnerAssistanceSince" +
      " from customers where id = ?",
  ).get(customerId) as Pick<
    CustomerDetails,
    "legalName" | "dataGeography" | "partnerAssistanceReason" | "partnerAssistanceSince"
  > & { displayName: string };
  const groups = prepared(
    "select g.id as id, g.name as name from customer_groups cg join groups g on g.id = cg.group_id" +
      " where cg.customer_id = ? order by g.name",
  ).all(customerId) as CustomerDetails["groups"];
  const programs = (
    prepared(
      "select p.id as id, p.name as name, p.description as description, p.accepts_flex as acceptsFlex, e.enrolled_at as enrolledAt" +
        " from early_access_programs p left join program_enrolments e on e.program_id = p.id and e.customer_id = ?" +
        " order by p.name",
    ).all(customerId) as (Omit<CustomerDetails["programs"][number], "enrolled"> & { enrolledAt: number | null })[]
  ).map((program) => ({ ...program, acceptsFlex: Boolean(program.acceptsFlex), enrolled: program.enrolledAt !== null }));
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
