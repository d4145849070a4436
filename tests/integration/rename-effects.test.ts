/**
 * What a rename (F4) changes beyond the customer row, next to rename.test.ts:
 * the customer's own Central Admin shows the new name at once, the old name
 * no longer finds it, and saving the same name is no change at all.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { ACCOUNTS, signIn } from "../support/accounts";
import { createCustomer, customerIdByLegalName, db, deleteCustomer, groupIdByName, partnerIdByName } from "../support/db";
import { CookieJar, get, post } from "../support/http";
import { loadPage, submitForm } from "../support/routes";

const northwindId = partnerIdByName("Northwind Security");
let adminJar: CookieJar;
let superJar: CookieJar;
const created: number[] = [];

beforeAll(async () => {
  adminJar = await signIn(ACCOUNTS.northwindAdmin);
  superJar = await signIn(ACCOUNTS.northwindSuper);
});

afterEach(() => {
  for (const id of created.splice(0)) deleteCustomer(id);
});

/** A customer of group EMEA (so admin@northwind.test may rename it), removed after the test. */
function emeaCustomer(displayName: string): number {
  const id = createCustomer(northwindId, { legalName: `Effects Legal ${Date.now()}-${created.length}`, displayName });
  db().insert(schema.customerGroups).values({ customerId: id, groupId: groupIdByName(northwindId, "EMEA") }).run();
  created.push(id);
  return id;
}

const customer = (id: number) => db().select().from(schema.customers).where(eq(schema.customers.id, id)).get()!;
const outboxOf = (id: number) => db().select().from(schema.crmOutbox).where(eq(schema.crmOutbox.customerId, id)).all();

function rename(id: number, displayName: string, version: number, jar: CookieJar) {
  return submitForm(post(`/customers/${id}/name`, { displayName, version: String(version) }, { cookie: jar }));
}

async function listIds(jar: CookieJar, q: string): Promise<number[]> {
  const page = await loadPage(get(`/customers?q=${encodeURIComponent(q)}`, { cookie: jar }));
  return (page.data["routes/customers"] as { list: { rows: { id: number }[] } }).list.rows.map((row) => row.id);
}

describe("after a rename", () => {
  it("the customer's Central Admin shows the new name at once", async () => {
    const acmeId = customerIdByLegalName("Acme Corp");
    const original = customer(acmeId);
    try {
      expect((await rename(acmeId, "Acme Renamed For Central", original.version, superJar)).status).toBe(302);
      const customerAdmin = await signIn(ACCOUNTS.acmeCustomerAdmin);
      const page = await loadPage(get("/central", { cookie: customerAdmin }));
      expect(page.status).toBe(200);
      expect((page.data["routes/central"] as { name: string }).name).toBe("Acme Renamed For Central");
      expect((page.data.root as { viewer: { organisation: string } }).viewer.organisation).toBe("Acme Renamed For Central");
    } finally {
      db()
        .update(schema.customers)
        .set({ displayName: original.displayName, sortName: original.sortName, searchText: original.searchText })
        .where(eq(schema.customers.id, acmeId))
        .run();
      db().delete(schema.crmOutbox).where(eq(schema.crmOutbox.customerId, acmeId)).run();
      db().delete(schema.activities).where(eq(schema.activities.customerId, acmeId)).run();
    }
  });

  it("the old display name no longer finds the customer, and the new one does", async () => {
    const id = emeaCustomer("Wombat Before Rename");
    expect(await listIds(adminJar, "wombat")).toEqual([id]);
    expect((await rename(id, "Quokka After Rename", customer(id).version, adminJar)).status).toBe(302);
    expect(await listIds(adminJar, "wombat")).toEqual([]);
    expect(await listIds(adminJar, "quokka")).toEqual([id]);
  });

  it("saving the same name changes nothing and queues nothing for Salesforce", async () => {
    const id = emeaCustomer("Same Name Co");
    const before = customer(id);
    const outcome = await rename(id, "Same Name Co", before.version, adminJar);
    expect(outcome.status).toBe(302);
    expect(customer(id)).toEqual(before);
    expect(outboxOf(id)).toEqual([]);
  });
});
