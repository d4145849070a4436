/**
 * Issue 21, "How it will be checked": a client of the vendor's Partner API
 * v1 against ours. Token (form and JSON, refresh), who am I, tenants paged
 * with pageTotal and fields, one tenant, a trial created with its activity
 * and outbox rows, a monthly account for a Flex MSP partner, admins and
 * roles; then isolation, hostile JSON, 405 and 415, and the rate limit.
 * Every answer is checked against the OpenAPI document and for Set-Cookie
 * (tests/support/partner-api.ts).
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { and, count, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "~/services/openapi.server";
import { deleteCredential } from "~/models/api-credentials.server";
import { listActivities } from "~/models/activity-log.server";
import { describeActor } from "~/domain/activity-kinds";
import { createI18n } from "~/i18n/translate";
import { RATE_LIMIT_PER_MINUTE } from "~/domain/partner-api";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { customerIdByLegalName, db, groupIdByName, partnerActorFor, partnerIdByName } from "../support/db";
import { addCredential, apiCall, tokenFor, type TestCredential } from "../support/partner-api";
import { schema } from "~/db.server";

let northwindId: number;
let contosoId: number;
let superCredential: TestCredential;
let superToken: string;
let readOnlyToken: string;
let emeaToken: string;
let contosoToken: string;

beforeAll(async () => {
  northwindId = partnerIdByName("Northwind Security");
  contosoId = partnerIdByName("Contoso IT");
  superCredential = await addCredential({ by: ACCOUNTS.northwindSuper, name: "ConnectWise PSA", role: "super_admin" });
  superToken = (await tokenFor(superCredential)).access;
  const readOnly = await addCredential({ by: ACCOUNTS.northwindSuper, name: "Billing export", role: "read_only" });
  readOnlyToken = (await tokenFor(readOnly)).access;
  const emea = await addCredential({
    by: ACCOUNTS.northwindSuper,
    name: "EMEA RMM",
    role: "help_desk",
    access: { all: false, groupIds: [groupIdByName(northwindId, "EMEA")], customerIds: [] },
  });
  emeaToken = (await tokenFor(emea)).access;
  const contoso = await addCredential({ by: ACCOUNTS.contosoSuper, name: "Contoso tool", role: "super_admin" });
  contosoToken = (await tokenFor(contoso)).access;
});

afterEach(() => setClock(null));

const northwind = () => ({ token: superToken, partnerId: northwindId });

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(openApiDocument())));
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openApiDocument().openapi).toBe("3.1.0");
  });

  it("is served at /partner/v1/openapi.json without a token", async () => {
    const answer = await apiCall("GET", "/partner/v1/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.body.paths["/partner/v1/tenants"]).toBeDefined();
  });
});

describe("token", () => {
  it("a form-encoded client_credentials request gets a bearer token for an hour", async () => {
    const answer = await apiCall("POST", "/api/v2/oauth2/token", {
      form: { grant_type: "client_credentials", client_id: superCredential.clientId, client_secret: superCredential.secret, scope: "token" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: "bearer", expires_in: 3600, errorCode: "success" });
    expect(answer.body.access_token).not.toBe(answer.body.refresh_token);
  });

  it("a JSON request gets one too, and the token works", async () => {
    const answer = await apiCall("POST", "/api/v2/oauth2/token", {
      json: { grant_type: "client_credentials", client_id: superCredential.clientId, client_secret: superCredential.secret, scope: "token" },
    });
    expect(answer.status).toBe(200);
    const whoami = await apiCall("GET", "/whoami/v1", { token: answer.body.access_token });
    expect(whoami.status).toBe(200);
  });

  it("a refresh token gives a new pair once; used again it is refused", async () => {
    const { refresh } = await tokenFor(superCredential);
    const form = { grant_type: "refresh_token", client_id: superCredential.clientId, client_secret: superCredential.secret, refresh_token: refresh };
    const renewed = await apiCall("POST", "/api/v2/oauth2/token", { form });
    expect(renewed.status).toBe(200);
    expect((await apiCall("GET", "/whoami/v1", { token: renewed.body.access_token })).status).toBe(200);
    const again = await apiCall("POST", "/api/v2/oauth2/token", { form });
    expect(again.status).toBe(401);
    expect(again.body.errorCode).toBe("invalid_grant");
  });

  it("the database keeps no secret and no token as sent", async () => {
    const { access, refresh } = await tokenFor(superCredential);
    const credential = db().select().from(schema.apiCredentials).where(eq(schema.apiCredentials.id, superCredential.credentialId)).get()!;
    expect(credential.secretHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(credential)).not.toContain(superCredential.secret);
    const tokens = JSON.stringify(db().select().from(schema.apiTokens).all());
    expect(tokens).not.toContain(access.split(".")[1]);
    expect(tokens).not.toContain(refresh.split(".")[1]);
  });

  it("a wrong secret or an unknown client id is a 401 with errorCode and message", async () => {
    for (const form of [
      { grant_type: "client_credentials", client_id: superCredential.clientId, client_secret: "wrong" },
      { grant_type: "client_credentials", client_id: "no-such-client", client_secret: "wrong" },
    ]) {
      const answer = await apiCall("POST", "/api/v2/oauth2/token", { form, context: { clientAddress: "203.0.113.1" } });
      expect(answer.status).toBe(401);
      expect(answer.body.errorCode).toBe("invalid_client");
      expect(answer.body.message).toMatch(/client id or secret/);
    }
  });

  it("failures are throttled like sign-in: after 5 for a client at an address, even the right secret waits (429)", async () => {
    const context = { clientAddress: "203.0.113.9" };
    const wrong = { grant_type: "client_credentials", client_id: superCredential.clientId, client_secret: "wrong" };
    for (let i = 0; i < 5; i += 1) {
      expect((await apiCall("POST", "/api/v2/oauth2/token", { form: wrong, context })).status).toBe(401);
    }
    const right = await apiCall("POST", "/api/v2/oauth2/token", {
      form: { ...wrong, client_secret: superCredential.secret },
      context,
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not held back.
    const elsewhere = await apiCall("POST", "/api/v2/oauth2/token", {
      form: { ...wrong, client_secret: superCredential.secret },
      context: { clientAddress: "198.51.100.7" },
    });
    expect(elsewhere.status).toBe(200);
  });

  it("a missing field or another grant type is a 400 naming it", async () => {
    const answer = await apiCall("POST", "/api/v2/oauth2/token", { form: { grant_type: "password" } });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain("grant_type");
    const noSecret = await apiCall("POST", "/api/v2/oauth2/token", { json: { grant_type: "client_credentials", client_id: "x" } });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.message).toContain("client_secret");
  });

  it("GET on the token endpoint is a 405", async () => {
    const answer = await apiCall("GET", "/api/v2/oauth2/token");
    expect(answer.status).toBe(405);
    expect(answer.headers.get("Allow")).toBe("POST");
  });
});

describe("who am I", () => {
  it("names the partner and the API's host", async () => {
    const answer = await apiCall("GET", "/whoami/v1", { token: superToken });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: String(northwindId), idType: "partner", apiHosts: { global: expect.stringMatching(/^https?:\/\//) } });
  });

  it("without a token, or with a forged one, is a 401", async () => {
    expect((await apiCall("GET", "/whoami/v1")).status).toBe(401);
    expect((await apiCall("GET", "/whoami/v1", { token: "forged.token" })).status).toBe(401);
    expect((await apiCall("GET", "/whoami/v1", { token: `${superToken.split(".")[0]}.${"A".repeat(43)}` })).status).toBe(401);
  });

  it("a session cookie alone never authorizes a call", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const answer = await apiCall("GET", "/whoami/v1", { headers: { Cookie: jar.header() } });
    expect(answer.status).toBe(401);
    const tenants = await apiCall("GET", "/partner/v1/tenants", { partnerId: northwindId, headers: { Cookie: jar.header() } });
    expect(tenants.status).toBe(401);
  });

  it("POST is a 405", async () => {
    const answer = await apiCall("POST", "/whoami/v1", { token: superToken, json: {} });
    expect(answer.status).toBe(405);
  });
});

describe("tenants", () => {
  it("are paged, 50 by default, with pages.total and pages.items only when pageTotal=true", async () => {
    const first = await apiCall("GET", "/partner/v1/tenants", northwind());
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.pages).toEqual({ current: 1, size: 50, maxSize: 100 });
    const counted = await apiCall("GET", "/partner/v1/tenants?page=2&pageSize=20&pageTotal=true", northwind());
    expect(counted.body.items).toHaveLength(20);
    const linked = db()
      .select({ n: count() })
      .from(schema.customers)
      .where(and(eq(schema.customers.partnerId, northwindId)))
      .all()[0]!.n;
    expect(counted.body.pages.current).toBe(2);
    expect(counted.body.pages.items).toBeGreaterThan(50);
    expect(counted.body.pages.items).toBeLessThanOrEqual(linked);
    expect(counted.body.pages.total).toBe(Math.ceil(counted.body.pages.items / 20));
    const ids = new Set(first.body.items.map((tenant: { id: string }) => tenant.id));
    expect(counted.body.items.some((tenant: { id: string }) => ids.has(tenant.id))).toBe(true);
  });

  it("a tenant has the vendor's fields and ours", async () => {
    const hooli = await apiCall("GET", `/partner/v1/tenants/${customerIdByLegalName("Hooli")}`, northwind());
    expect(hooli.status).toBe(200);
    expect(hooli.body).toMatchObject({
      id: String(customerIdByLegalName("Hooli")),
      name: "Hooli",
      showAs: "Hooli",
      billingType: "trial",
      partner: { id: String(northwindId) },
      status: "active",
      contact: {
        firstName: "Gavin",
        lastName: "Belson",
        email: "it@hooli.test",
        address: { city: "Palo Alto", state: "CA", country: "United States", countryCode: "US" },
      },
      partnerAssistance: true,
      managedOrder: false,
    });
    expect(hooli.body.products.length).toBeGreaterThan(0);
    expect(hooli.body.licenses[0]).toHaveProperty("status");
    const globex = await apiCall("GET", `/partner/v1/tenants/${customerIdByLegalName("Globex Corporation")}`, northwind());
    expect(globex.body).toMatchObject({ showAs: "Globex", name: "Globex Corporation", billingType: "usage" });
    expect(globex.body.groups.map((group: { name: string }) => group.name)).toContain("EMEA");
  });

  it("fields= limits the answer to the named fields, with id", async () => {
    const answer = await apiCall("GET", "/partner/v1/tenants?fields=name,billingType&pageSize=5", northwind());
    expect(answer.status).toBe(200);
    for (const tenant of answer.body.items) expect(Object.keys(tenant).sort()).toEqual(["billingType", "id", "name"]);
  });

  it.each([
    ["pageSize=101", "pageSize"],
    ["pageSize=0", "pageSize"],
    ["page=-1", "page"],
    ["page=abc", "page"],
    ["pageTotal=yes", "pageTotal"],
    ["fields=name,password", "fields"],
  ])("?%s is a 400 naming %s", async (query, parameter) => {
    const answer = await apiCall("GET", `/partner/v1/tenants?${query}`, northwind());
    expect(answer.status).toBe(400);
    expect(answer.body.message.startsWith(`${parameter}:`)).toBe(true);
  });

  it("a credential with chosen groups sees only their customers", async () => {
    const answer = await apiCall("GET", "/partner/v1/tenants?pageSize=100&pageTotal=true", { token: emeaToken, partnerId: northwindId });
    expect(answer.status).toBe(200);
    const names = answer.body.items.map((tenant: { name: string }) => tenant.name);
    expect(names).toContain("Globex Corporation");
    expect(names).not.toContain("Hooli");
    const acme = await apiCall("GET", `/partner/v1/tenants/${customerIdByLegalName("Acme Corp")}`, { token: emeaToken, partnerId: northwindId });
    expect(acme.status).toBe(404);
  });

  it("another partner's tenant is a 404, as is an id that names none", async () => {
    const tyrell = await apiCall("GET", `/partner/v1/tenants/${customerIdByLegalName("Tyrell Systems")}`, northwind());
    expect(tyrell.status).toBe(404);
    for (const id of ["abc", "0", "99999999", "1e3", "%00"]) {
      expect((await apiCall("GET", `/partner/v1/tenants/${id}`, northwind())).status).toBe(404);
    }
    const list = await apiCall("GET", "/partner/v1/tenants?pageSize=100&fields=name", { token: contosoToken, partnerId: contosoId });
    expect(list.body.items.map((tenant: { name: string }) => tenant.name)).toContain("Tyrell Systems");
    expect(list.body.items.map((tenant: { name: string }) => tenant.name)).not.toContain("Hooli");
  });

  it("X-Partner-ID of another partner, or none, is a 403", async () => {
    expect((await apiCall("GET", "/partner/v1/tenants", { token: superToken, partnerId: contosoId })).status).toBe(403);
    expect((await apiCall("GET", "/partner/v1/tenants", { token: superToken })).status).toBe(403);
    expect((await apiCall("GET", "/partner/v1/roles", { token: contosoToken, partnerId: northwindId })).status).toBe(403);
  });
});

const newTrial = (name: string) => ({
  name,
  dataGeography: "DE",
  billingType: "trial",
  contact: {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@analytical.test",
    phone: "+44 20 7946 0000",
    address: { address1: "1 Engine Street", city: "London", postalCode: "N1", countryCode: "GB" },
  },
});

describe("creating a tenant", () => {
  it("a trial: 201 with the tenant, its licenses, Partner Assistance on, the activity row naming the credential, no outbox row", async () => {
    const outboxBefore = db().select({ n: count() }).from(schema.crmOutbox).get()!.n;
    const answer = await apiCall("POST", "/partner/v1/tenants", { ...northwind(), json: newTrial("Analytical Engines") });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      name: "Analytical Engines",
      billingType: "trial",
      dataGeography: "DE",
      partnerAssistance: true,
      contact: { email: "ada@analytical.test", address: { country: "United Kingdom", countryCode: "GB" } },
    });
    expect(answer.headers.get("Location")).toBe(`/partner/v1/tenants/${answer.body.id}`);
    expect(answer.body.licenses.every((license: { type: string; quantity: number }) => license.type === "trial" && license.quantity === 10)).toBe(true);
    expect(answer.body.products.map((product: { code: string }) => product.code)).toEqual([
      "endpoint",
      "uem",
      "server",
      "email",
      "mobile",
      "encryption",
    ]);
    const activity = db().select().from(schema.activities).where(eq(schema.activities.customerId, Number(answer.body.id))).all();
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({
      kind: "customer.trialStarted",
      actorUserId: null,
      actorCredentialId: superCredential.credentialId,
      partnerId: northwindId,
    });
    expect(JSON.parse(activity[0]!.after!)).toMatchObject({ legalName: "Analytical Engines", billingType: "trial", partnerAssistance: true });
    // The console's "Start trial" writes no Salesforce row either (only renames do, F15).
    expect(db().select({ n: count() }).from(schema.crmOutbox).get()!.n).toBe(outboxBefore);
  });

  it("the activity log shows the change with the credential's name", async () => {
    const created = await apiCall("POST", "/partner/v1/tenants", { ...northwind(), json: newTrial("Difference Engines") });
    const page = listActivities({ partnerId: northwindId, query: { from: null, to: null, customer: "Difference Engines", actor: null, kind: null, page: 1 } });
    const row = page.rows.find((entry) => entry.customer?.id === Number(created.body.id))!;
    expect(row.actor).toEqual({ kind: "apiCredential", name: "ConnectWise PSA" });
    expect(describeActor(createI18n("en"), row.actor)).toBe("API credential (ConnectWise PSA)");
  });

  it("the same request sent twice makes one tenant", async () => {
    const first = await apiCall("POST", "/partner/v1/tenants", { ...northwind(), json: newTrial("Twice Sent Ltd") });
    const second = await apiCall("POST", "/partner/v1/tenants", { ...northwind(), json: newTrial("Twice Sent Ltd") });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
  });

  it("a monthly account for a Flex MSP partner: usage licenses of the monthly products", async () => {
    const answer = await apiCall("POST", "/partner/v1/tenants", {
      ...northwind(),
      json: { ...newTrial("Monthly Machines"), billingType: "usage", products: [{ code: "endpoint" }, { code: "server" }] },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ billingType: "usage", partnerAssistance: true });
    expect(answer.body.licenses.map((license: { productCode: string; type: string }) => [license.productCode, license.type])).toEqual([
      ["endpoint", "usage"],
      ["server", "usage"],
    ]);
    const activity = db().select().from(schema.activities).where(eq(schema.activities.customerId, Number(answer.body.id))).get()!;
    expect(activity).toMatchObject({ kind: "customer.monthlyCreated", actorCredentialId: superCredential.credentialId });
  });

  it("a monthly account for a partner without Flex MSP is a 403", async () => {
    const answer = await apiCall("POST", "/partner/v1/tenants", {
      token: contosoToken,
      partnerId: contosoId,
      json: { ...newTrial("Not Flex Ltd"), billingType: "usage" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/Flex MSP/);
  });

  it("a Read-only credential creating a tenant is a 403, and nothing is written", async () => {
    const answer = await apiCall("POST", "/partner/v1/tenants", { token: readOnlyToken, partnerId: northwindId, json: newTrial("Read Only Ltd") });
    expect(answer.status).toBe(403);
    expect(db().select().from(schema.customers).where(eq(schema.customers.legalName, "Read Only Ltd")).all()).toEqual([]);
  });

  it.each([
    [{ ...newTrial("X"), contact: { ...newTrial("X").contact, email: "not an email" } }, "contact.email"],
    [{ ...newTrial("X"), contact: undefined }, "contact.firstName"],
    [{ ...newTrial(""), name: "" }, "name"],
    [{ ...newTrial("X"), name: 42 }, "name"],
    [{ ...newTrial("X"), dataGeography: "MARS" }, "dataGeography"],
    [{ ...newTrial("X"), billingType: "term" }, "billingType"],
    [{ ...newTrial("X"), products: [{ code: "nope" }] }, "products"],
    [{ ...newTrial("X"), products: "endpoint" }, "products"],
    [{ ...newTrial("X"), showAs: "Another name" }, "showAs"],
    [{ ...newTrial("X"), contact: { ...newTrial("X").contact, address: { countryCode: "XX" } } }, "contact.address.countryCode"],
  ])("bad input is a 400 naming the field (%#)", async (body, field) => {
    const answer = await apiCall("POST", "/partner/v1/tenants", { ...northwind(), json: body });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain(`${field}:`);
  });

  it.each([
    ["cut JSON", "{", "application/json", 400],
    ["an array", "[1,2,3]", "application/json", 400],
    ["null", "null", "application/json", 400],
    ["a string", '"a string"', "application/json", 400],
    ["prototype keys", '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}', "application/json", 400],
    ["5,000 nested arrays", "[".repeat(5000) + "]".repeat(5000), "application/json", 400],
    ["70 KB", JSON.stringify({ name: "x".repeat(70_000) }), "application/json", 413],
    ["text", "name=Hooli", "text/plain", 415],
    ["a form", "name=Hooli", "application/x-www-form-urlencoded", 415],
    ["control characters", "\u0000\u0001", "application/json", 400],
  ])("a hostile body (%s) is a 4xx in the API's shape, never a 500", async (_label, raw, type, status) => {
    const answer = await apiCall("POST", "/partner/v1/tenants", { ...northwind(), raw: { body: raw, type } });
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBeTruthy();
  });

  it("DELETE on tenants is a 405", async () => {
    const answer = await apiCall("DELETE", "/partner/v1/tenants", northwind());
    expect(answer.status).toBe(405);
    expect(answer.headers.get("Allow")).toBe("GET, POST");
  });
});

describe("admins and roles", () => {
  it("admins are the partner's users, paged", async () => {
    const answer = await apiCall("GET", "/partner/v1/admins?pageTotal=true", northwind());
    expect(answer.status).toBe(200);
    const usernames = answer.body.items.map((admin: { username: string }) => admin.username);
    expect(usernames).toContain("super@northwind.test");
    expect(usernames).not.toContain("super@contoso.test");
    expect(usernames).not.toContain("admin@acme.test");
    expect(answer.body.pages.items).toBe(answer.body.items.length);
    const primary = answer.body.items.filter((admin: { primary: boolean }) => admin.primary);
    expect(primary.map((admin: { username: string }) => admin.username)).toEqual(["super@northwind.test"]);
    const former = answer.body.items.find((admin: { username: string }) => admin.username === "former@northwind.test");
    expect(former.active).toBe(false);
  });

  it("search, email and roleId narrow them", async () => {
    const search = await apiCall("GET", "/partner/v1/admins?search=HELPDESK", northwind());
    expect(search.body.items.map((admin: { username: string }) => admin.username)).toEqual(["helpdesk@northwind.test"]);
    const email = await apiCall("GET", "/partner/v1/admins?email=Admin@Northwind.test", northwind());
    expect(email.body.items).toHaveLength(1);
    expect(email.body.items[0]).toMatchObject({
      username: "admin@northwind.test",
      roleAssignments: [{ roleId: "admin", scope: { type: "customers" } }],
    });
    const readOnly = await apiCall("GET", "/partner/v1/admins?roleId=read-only", northwind());
    expect(readOnly.body.items.map((admin: { username: string }) => admin.username)).toContain("readonly@northwind.test");
    for (const admin of readOnly.body.items) expect(admin.roleAssignments[0].roleId).toBe("read-only");
    expect(readOnly.body.items.map((admin: { username: string }) => admin.username)).not.toContain("helpdesk@northwind.test");
    const wildcard = await apiCall("GET", "/partner/v1/admins?search=%25", northwind());
    expect(wildcard.body.items).toEqual([]);
    expect((await apiCall("GET", "/partner/v1/admins?roleId=owner", northwind())).status).toBe(400);
  });

  it("one admin; another partner's is a 404", async () => {
    const list = await apiCall("GET", "/partner/v1/admins?email=super@northwind.test", northwind());
    const one = await apiCall("GET", `/partner/v1/admins/${list.body.items[0].id}`, northwind());
    expect(one.status).toBe(200);
    expect(one.body.profile).toMatchObject({ email: "super@northwind.test" });
    const contoso = await apiCall("GET", "/partner/v1/admins?email=super@contoso.test", { token: contosoToken, partnerId: contosoId });
    expect((await apiCall("GET", `/partner/v1/admins/${contoso.body.items[0].id}`, northwind())).status).toBe(404);
  });

  it("admins need a Super Admin credential", async () => {
    expect((await apiCall("GET", "/partner/v1/admins", { token: readOnlyToken, partnerId: northwindId })).status).toBe(403);
  });

  it("roles are the four predefined ones, for users", async () => {
    const answer = await apiCall("GET", "/partner/v1/roles", { token: readOnlyToken, partnerId: northwindId });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((role: { id: string; name: string }) => [role.id, role.name])).toEqual([
      ["super-admin", "Super Admin"],
      ["admin", "Admin"],
      ["help-desk", "Help Desk"],
      ["read-only", "Read-only"],
    ]);
    for (const role of answer.body.items) expect(role).toMatchObject({ type: "predefined", principalType: "user" });
  });

  it("an address the API does not have is a JSON 404", async () => {
    const answer = await apiCall("GET", "/partner/v1/nothing/here", northwind());
    expect(answer.status).toBe(404);
    // The vendor's other hosts' addresses too, with or without a token: JSON, not the console's page.
    for (const path of ["/api/v2/nothing", "/api/v1/oauth2/token", "/whoami/v2"]) {
      for (const token of [superToken, undefined]) {
        const other = await apiCall("GET", path, { token });
        expect(other.status, path).toBe(404);
        expect(other.body, path).toMatchObject({ error: "notFound" });
      }
    }
  });
});

describe("credentials that no longer work", () => {
  it("a deleted credential's tokens stop working at once", async () => {
    const credential = await addCredential({ by: ACCOUNTS.northwindSuper, name: "Short lived", role: "admin" });
    const { access, refresh } = await tokenFor(credential);
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(200);
    expect(deleteCredential({ actor: partnerActorFor(ACCOUNTS.northwindSuper), credentialId: credential.credentialId })).toBe(true);
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(401);
    const renewed = await apiCall("POST", "/api/v2/oauth2/token", {
      form: { grant_type: "refresh_token", client_id: credential.clientId, client_secret: credential.secret, refresh_token: refresh },
    });
    expect(renewed.status).toBe(401);
    const fresh = await apiCall("POST", "/api/v2/oauth2/token", {
      form: { grant_type: "client_credentials", client_id: credential.clientId, client_secret: credential.secret },
    });
    expect(fresh.status).toBe(401);
  });

  it("an expired credential gets no token, and its tokens stop working", async () => {
    const start = Date.UTC(2030, 0, 10, 12);
    setClock(start);
    const credential = await addCredential({ by: ACCOUNTS.northwindSuper, name: "Until the 11th", role: "admin", expiresAt: Date.UTC(2030, 0, 12) });
    setClock(Date.UTC(2030, 0, 11, 23, 30));
    const { access } = await tokenFor(credential);
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(200);
    setClock(Date.UTC(2030, 0, 12, 0, 1));
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(401);
    const refused = await apiCall("POST", "/api/v2/oauth2/token", {
      form: { grant_type: "client_credentials", client_id: credential.clientId, client_secret: credential.secret },
    });
    expect(refused.status).toBe(401);
  });

  it("an access token expires after an hour", async () => {
    const start = Date.UTC(2031, 5, 1, 8);
    setClock(start);
    const { access } = await tokenFor(superCredential);
    setClock(start + 3599_000);
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(200);
    setClock(start + 3600_000);
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(401);
  });
});

describe("rate limit", () => {
  it(`${RATE_LIMIT_PER_MINUTE} calls a minute per credential, then 429 with Retry-After until the minute ends`, async () => {
    const credential = await addCredential({ by: ACCOUNTS.northwindSuper, name: "Busy tool", role: "read_only" });
    const start = Date.UTC(2032, 2, 3, 10, 0, 0);
    setClock(start);
    const { access } = await tokenFor(credential);
    const other = (await tokenFor(await addCredential({ by: ACCOUNTS.northwindSuper, name: "Quiet tool", role: "read_only" }))).access;
    for (let i = 0; i < RATE_LIMIT_PER_MINUTE; i += 1) {
      expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(200);
    }
    setClock(start + 20_000);
    const over = await apiCall("GET", "/whoami/v1", { token: access });
    expect(over.status).toBe(429);
    expect(over.headers.get("Retry-After")).toBe("40");
    // Other credentials are not held back.
    expect((await apiCall("GET", "/whoami/v1", { token: other })).status).toBe(200);
    setClock(start + 60_000);
    expect((await apiCall("GET", "/whoami/v1", { token: access })).status).toBe(200);
    const lastUsed = db().select().from(schema.apiCredentials).where(eq(schema.apiCredentials.id, credential.credentialId)).get()!.lastUsedAt;
    expect(lastUsed).toBe(start + 60_000);
  });
});
