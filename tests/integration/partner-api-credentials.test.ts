/**
 * Issue 21, deliverable 1: the "API credentials" page through its real
 * loaders and actions. Super Admins only (every other role and a customer
 * admin get a 403); "Add credential" with a role, customer access and an
 * expiry date; the client id and secret shown once and the secret kept only
 * as a hash; messages at the fields; "Delete credential" with its
 * confirmation page, ending the credential's tokens at once.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { customerIdByLegalName, groupIdByName, partnerIdByName } from "../support/db";
import { get, post, type CookieJar } from "../support/http";
import { callAction, callLoader, importRoute } from "../support/routes";
import { apiCall, tokenFor } from "../support/partner-api";

const LIST = "routes/api-credentials";
const DELETE = "routes/api-credentials_.$credentialId.delete";

let superJar: CookieJar;
let contosoJar: CookieJar;

beforeAll(async () => {
  superJar = await sessionFor(ACCOUNTS.northwindSuper);
  contosoJar = await sessionFor(ACCOUNTS.contosoSuper);
});

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
type AddResult = { reply: Reply; created: { name: string; clientId: string; secret: string } | null };

async function addCredential(form: Record<string, string | string[]>, jar: CookieJar = superJar) {
  return callAction(await importRoute(LIST), post("/api-credentials", form, { cookie: jar }));
}

describe("who may open the API credentials page", () => {
  it("a Super Admin sees the page", async () => {
    const outcome = await callLoader(await importRoute(LIST), get("/api-credentials", { cookie: superJar }));
    expect(outcome.status).toBe(200);
    expect(outcome.data).toMatchObject({ credentials: expect.any(Array), picker: { access: null, chosenCustomers: [] } });
  });

  it("the customer-access picker's buttons bring the page back with what was typed, through the Super Admin's scope", async () => {
    const hooli = customerIdByLegalName("Hooli");
    const tyrell = customerIdByLegalName("Tyrell Systems");
    const query = new URLSearchParams([
      ["name", "RMM"],
      ["role", "help_desk"],
      ["expiresOn", "2099-01-31"],
      ["draft", "1"],
      ["customerIds", String(tyrell)],
      ["addCustomer", String(hooli)],
      ["customerSearch", "glob"],
    ]);
    const outcome = await callLoader(await importRoute(LIST), get(`/api-credentials?${query}`, { cookie: superJar }));
    expect(outcome.status).toBe(200);
    const data = outcome.data as { values: unknown; picker: { access: string; chosenCustomers: { name: string }[]; results: { name: string }[] } };
    expect(data.values).toEqual({ name: "RMM", role: "help_desk", expiresOn: "2099-01-31" });
    expect(data.picker.access).toBe("chosen");
    // Another partner's customer in the address is simply not there.
    expect(data.picker.chosenCustomers.map((customer) => customer.name)).toEqual(["Hooli"]);
    expect(data.picker.results.map((customer) => customer.name)).toContain("Globex");
  });

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly, ACCOUNTS.acmeCustomerAdmin])(
    "%s gets a 403 for the page, adding and deleting",
    async (email) => {
      const jar = await sessionFor(email);
      expect((await callLoader(await importRoute(LIST), get("/api-credentials", { cookie: jar }))).status).toBe(403);
      expect((await addCredential({ name: "Sneaky", role: "super_admin" }, jar)).status).toBe(403);
      expect((await callAction(await importRoute(DELETE), post("/api-credentials/1/delete", {}, { cookie: jar }), { credentialId: "1" })).status).toBe(403);
    },
  );

  it("a visitor who is not signed in goes to sign-in", async () => {
    const outcome = await callLoader(await importRoute(LIST), get("/api-credentials"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/sign-in/);
  });
});

describe("Add credential", () => {
  it("shows the client id and secret once; keeps only a hash; records who added it; the secret gets a token", async () => {
    const emea = groupIdByName(partnerIdByName("Northwind Security"), "EMEA");
    const hooli = customerIdByLegalName("Hooli");
    const outcome = await addCredential({
      name: "Autotask PSA",
      role: "admin",
      access: "chosen",
      groupIds: [String(emea)],
      customerIds: [String(hooli)],
      expiresOn: "",
      draft: "1",
      customerSearch: "",
    });
    expect(outcome.status).toBe(200);
    const { created } = outcome.data as AddResult;
    expect(created).toMatchObject({ name: "Autotask PSA", clientId: expect.any(String), secret: expect.any(String) });
    expect(outcome.headers.get("Cache-Control")).toBe("no-store");
    const row = getDb().select().from(schema.apiCredentials).where(eq(schema.apiCredentials.clientId, created!.clientId)).get()!;
    expect(row).toMatchObject({ name: "Autotask PSA", role: "admin", designatedAll: false, expiresAt: null, deletedAt: null });
    expect(row.secretHash).toMatch(/^\$argon2id\$/);
    expect(getDb().select().from(schema.apiCredentialGroups).where(eq(schema.apiCredentialGroups.credentialId, row.id)).all()).toEqual([
      { credentialId: row.id, groupId: emea },
    ]);
    expect(getDb().select().from(schema.apiCredentialCustomers).where(eq(schema.apiCredentialCustomers.credentialId, row.id)).all()).toEqual([
      { credentialId: row.id, customerId: hooli },
    ]);
    // The list never carries the secret again.
    const page = await callLoader(await importRoute(LIST), get("/api-credentials", { cookie: superJar }));
    expect(JSON.stringify(page.data)).not.toContain(created!.secret);
    expect(JSON.stringify(page.data)).toContain("Autotask PSA");
    const activity = getDb()
      .select()
      .from(schema.activities)
      .where(and(eq(schema.activities.kind, "apiCredential.created"), eq(schema.activities.partnerId, row.partnerId)))
      .all()
      .at(-1)!;
    expect(JSON.parse(activity.after!)).toMatchObject({
      credential: "Autotask PSA",
      role: "admin",
      customerAccess: "chosen",
      groups: "EMEA",
      customers: "Hooli",
    });
    const { access } = await tokenFor({ credentialId: row.id, clientId: created!.clientId, secret: created!.secret });
    const tenants = await apiCall("GET", "/partner/v1/tenants?pageSize=100&fields=name", { token: access, partnerId: row.partnerId });
    expect(tenants.body.items.map((tenant: { name: string }) => tenant.name)).toContain("Globex Corporation");
    expect(tenants.body.items.map((tenant: { name: string }) => tenant.name)).toContain("Hooli");
    expect(tenants.body.items.map((tenant: { name: string }) => tenant.name)).not.toContain("Acme Corp");
  });

  it("a Super Admin credential always has all customers; an expiry date is kept as the end of that day", async () => {
    setClock(Date.UTC(2027, 2, 1, 9));
    try {
      // A session of that day: the suite's own would have ended long before it.
      const jar = await sessionFor(ACCOUNTS.northwindSuper);
      const outcome = await addCredential({ name: "Billing", role: "super_admin", expiresOn: "2027-03-31" }, jar);
      expect(outcome.status).toBe(200);
      const { created } = outcome.data as AddResult;
      const row = getDb().select().from(schema.apiCredentials).where(eq(schema.apiCredentials.clientId, created!.clientId)).get()!;
      expect(row).toMatchObject({ designatedAll: true, expiresAt: Date.UTC(2027, 3, 1) });
    } finally {
      setClock(null);
    }
  });

  it.each([
    [{ name: "", role: "admin", access: "all" }, "name"],
    [{ name: "   ", role: "admin", access: "all" }, "name"],
    [{ name: "x".repeat(61), role: "admin", access: "all" }, "name"],
    [{ name: "Tool", role: "owner", access: "all" }, "role"],
    [{ name: "Tool", access: "all" }, "role"],
    [{ name: "Tool", role: "help_desk" }, "access"],
    [{ name: "Tool", role: "help_desk", access: "chosen" }, "access"],
    [{ name: "Tool", role: "admin", access: "all", expiresOn: "2020-01-01" }, "expiresOn"],
    [{ name: "Tool", role: "admin", access: "all", expiresOn: "2027-02-30" }, "expiresOn"],
    [{ name: "Tool", role: "admin", access: "all", expiresOn: "tomorrow" }, "expiresOn"],
  ])("%j is refused at the field %s, with what was typed kept, and nothing written", async (form, field) => {
    const before = getDb().select().from(schema.apiCredentials).all().length;
    const outcome = await addCredential(form as Record<string, string>);
    expect(outcome.status).toBe(400);
    const { reply, created } = outcome.data as AddResult;
    expect(created).toBeNull();
    expect(reply.error?.[field]?.length).toBeGreaterThan(0);
    expect(reply.initialValue?.name ?? "").toBe(form.name);
    expect(getDb().select().from(schema.apiCredentials).all().length).toBe(before);
  });

  it("another partner's group or customer is refused at the access field, the picker showing neither", async () => {
    const vip = groupIdByName(partnerIdByName("Northwind Security"), "VIP");
    const hooli = customerIdByLegalName("Hooli");
    const forms: Record<string, string | string[]>[] = [
      { name: "Cross partner", role: "admin", access: "chosen", groupIds: [String(vip)] },
      { name: "Cross partner", role: "admin", access: "chosen", customerIds: [String(hooli)] },
    ];
    for (const form of forms) {
      const outcome = await addCredential(form, contosoJar);
      expect(outcome.status).toBe(400);
      const result = outcome.data as AddResult & { picker: { chosenCustomers: unknown[]; groups: { name: string }[] } };
      expect(result.reply.error?.access?.length).toBeGreaterThan(0);
      expect(result.picker.chosenCustomers).toEqual([]);
      expect(result.picker.groups.map((group) => group.name)).not.toContain("VIP");
    }
  });
});

describe("Delete credential", () => {
  async function added(name: string): Promise<{ id: number; clientId: string; secret: string }> {
    const { created } = (await addCredential({ name, role: "read_only", access: "all" })).data as AddResult;
    const row = getDb().select().from(schema.apiCredentials).where(eq(schema.apiCredentials.clientId, created!.clientId)).get()!;
    return { id: row.id, clientId: created!.clientId, secret: created!.secret };
  }

  it("asks first, then deletes: its token stops working at once, the list no longer shows it, the log keeps it", async () => {
    const credential = await added("To be deleted");
    const { access } = await tokenFor({ credentialId: credential.id, clientId: credential.clientId, secret: credential.secret });
    const confirm = await callLoader(await importRoute(DELETE), get(`/api-credentials/${credential.id}/delete`, { cookie: superJar }), {
      credentialId: String(credential.id),
    });
    expect(confirm.status).toBe(200);
    expect(confirm.data).toEqual({ credential: { id: credential.id, name: "To be deleted" } });
    const done = await callAction(await importRoute(DELETE), post(`/api-credentials/${credential.id}/delete`, {}, { cookie: superJar }), {
      credentialId: String(credential.id),
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/api-credentials");
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(401);
    const page = await callLoader(await importRoute(LIST), get("/api-credentials", { cookie: superJar }));
    expect(JSON.stringify(page.data)).not.toContain("To be deleted");
    const again = await callAction(await importRoute(DELETE), post(`/api-credentials/${credential.id}/delete`, {}, { cookie: superJar }), {
      credentialId: String(credential.id),
    });
    expect(again.status).toBe(404);
  });

  it("another partner's credential, or an id that names none, is a 404", async () => {
    const credential = await added("Northwind only");
    for (const [jar, id] of [
      [contosoJar, String(credential.id)],
      [superJar, "abc"],
      [superJar, "99999999"],
    ] as const) {
      const page = await callLoader(await importRoute(DELETE), get(`/api-credentials/${id}/delete`, { cookie: jar }), { credentialId: id });
      expect(page.status).toBe(404);
      const action = await callAction(await importRoute(DELETE), post(`/api-credentials/${id}/delete`, {}, { cookie: jar }), { credentialId: id });
      expect(action.status).toBe(404);
    }
    expect(getDb().select().from(schema.apiCredentials).where(eq(schema.apiCredentials.id, credential.id)).get()!.deletedAt).toBeNull();
  });
});
