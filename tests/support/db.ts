/**
 * The integration tests' view of the worker's database (the same connection
 * the app uses, through getDb) and a few helpers to read and shape it.
 */
import { and, eq } from "drizzle-orm";
import { forgetKeptValues, forgetPreparedStatements, getDb, schema } from "~/db.server";
import { partnerActor, type PartnerActor } from "~/services/authz.server";
import { getUserForSession } from "~/models/users.server";
import { customerSearchText, customerSortName } from "../../lib/text";

/** The actor the guard would return for a partner user of the test database. */
export function partnerActorFor(email: string): PartnerActor {
  const user = getUserForSession(userIdByEmail(email));
  if (user?.kind !== "partner") throw new Error(`${email} is not a partner user`);
  return partnerActor(user);
}

export function db() {
  return getDb();
}

export function userIdByEmail(email: string): number {
  const row = getDb().select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get();
  if (!row) throw new Error(`No user ${email} in the test database`);
  return row.id;
}

export function partnerIdByName(name: string): number {
  const row = getDb().select({ id: schema.partners.id }).from(schema.partners).where(eq(schema.partners.name, name)).get();
  if (!row) throw new Error(`No partner ${name} in the test database`);
  return row.id;
}

/** A customer's id by its legal name (seeded names are unique). */
export function customerIdByLegalName(legalName: string): number {
  const row = getDb()
    .select({ id: schema.customers.id })
    .from(schema.customers)
    .where(eq(schema.customers.legalName, legalName))
    .get();
  if (!row) throw new Error(`No customer ${legalName} in the test database`);
  return row.id;
}

export function groupIdByName(partnerId: number, name: string): number {
  const row = getDb()
    .select({ id: schema.groups.id })
    .from(schema.groups)
    .where(and(eq(schema.groups.partnerId, partnerId), eq(schema.groups.name, name)))
    .get();
  if (!row) throw new Error(`No group ${name} in the test database`);
  return row.id;
}

let created = 0;

/**
 * Inserts a customer of a partner, with its sort and search text written as
 * the models write them. Returns its id; delete it with deleteCustomer.
 */
export function createCustomer(
  partnerId: number,
  values: Partial<typeof schema.customers.$inferInsert> = {},
): number {
  created += 1;
  const legalName = values.legalName ?? `Test Customer ${process.pid}-${created}-${Date.now()}`;
  const displayName = values.displayName ?? "";
  const contactEmail = values.contactEmail ?? `it@test-${created}.test`;
  const names = { legalName, displayName, contactEmail };
  const now = Date.now();
  return getDb()
    .insert(schema.customers)
    .values({
      partnerId,
      billingType: "term",
      dataGeography: "US",
      createdAt: now,
      updatedAt: now,
      ...values,
      legalName,
      displayName,
      contactEmail,
      sortName: customerSortName(names),
      searchText: customerSearchText(names),
    })
    .returning({ id: schema.customers.id })
    .get().id;
}

export function deleteCustomer(id: number): void {
  const d = getDb();
  d.transaction((tx) => {
    tx.delete(schema.crmOutbox).where(eq(schema.crmOutbox.customerId, id)).run();
    tx.delete(schema.activities).where(eq(schema.activities.customerId, id)).run();
    tx.delete(schema.approvalRequests).where(eq(schema.approvalRequests.customerId, id)).run();
    tx.delete(schema.programEnrolments).where(eq(schema.programEnrolments.customerId, id)).run();
    tx.delete(schema.licenses).where(eq(schema.licenses.customerId, id)).run();
    tx.delete(schema.customerGroups).where(eq(schema.customerGroups.customerId, id)).run();
    tx.delete(schema.userDesignatedCustomers).where(eq(schema.userDesignatedCustomers.customerId, id)).run();
    tx.delete(schema.customers).where(eq(schema.customers.id, id)).run();
  });
}

/**
 * Counts the SQL statements prepared (= run: drizzle prepares each query
 * it runs) on the app's connection while `run` runs.
 */
export async function countQueries<T>(
  run: () => Promise<T> | T,
  { warm = false }: { warm?: boolean } = {},
): Promise<{ result: T; count: number; sql: string[] }> {
  const client = getDb().$client;
  // Hot queries keep their compiled statements (db.server.ts): forget them,
  // so that every statement this run needs is prepared, and counted, again;
  // and, unless `warm`, the values kept while the database is unchanged, so
  // that the reads they spare run too.
  forgetPreparedStatements();
  if (!warm) forgetKeptValues();
  const original = client.prepare;
  const sql: string[] = [];
  client.prepare = function (this: typeof client, source: string) {
    sql.push(source);
    return original.call(this, source);
  } as typeof client.prepare;
  try {
    const result = await run();
    return { result, count: sql.length, sql };
  } finally {
    client.prepare = original;
  }
}

/**
 * Adds a partner user of its own to a test (so throttling or deleting it
 * touches no demo account). Returns its id; delete it with deleteUser.
 */
export async function createPartnerUser(values: {
  email: string;
  password: string;
  partnerId: number;
  role?: "super_admin" | "admin" | "help_desk" | "read_only";
}): Promise<number> {
  const { hashPassword } = await import("~/services/auth.server");
  const passwordHash = await hashPassword(values.password);
  return getDb()
    .insert(schema.users)
    .values({
      email: values.email.toLowerCase(),
      name: "Test User",
      passwordHash,
      kind: "partner",
      partnerId: values.partnerId,
      role: values.role ?? "read_only",
      designatedAll: true,
    })
    .returning({ id: schema.users.id })
    .get().id;
}

export function deleteUser(id: number): void {
  getDb().delete(schema.users).where(eq(schema.users.id, id)).run();
}
