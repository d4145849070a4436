/**
 * F7, "Start trial": through the real loader and action, against the real
 * database. Who may (Super Admins, of any partner), every bad input as a
 * message at its field (never a 500), and what a trial writes: the customer,
 * a 30-day trial license per product, Partner Assistance on because the
 * partner started it, and the activity record, all found by the list at once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { setClock } from "~/utils/clock";
import { DAY_MS } from "~/domain/license-status";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { partnerIdByName, userIdByEmail } from "../support/db";
import { get, post, type FormBody } from "../support/http";
import { callAction, callLoader, importRoute } from "../support/routes";

const ROUTE = "routes/customers_.trial";
const NOW = Date.UTC(2026, 2, 2, 9, 30);

beforeEach(() => setClock(NOW));
afterEach(() => setClock(null));

let made = 0;
/** A company name no other test uses. */
function uniqueName(base = "Trial Company"): string {
  made += 1;
  return `${base} ${made}-${process.pid}`;
}

/** A complete, valid form, with `change` applied (an `undefined` value leaves the field out). */
function trialForm(change: Record<string, string | string[] | undefined> = {}): FormBody {
  const form: Record<string, string | string[] | undefined> = {
    companyName: uniqueName(),
    country: "DE",
    dataGeography: "DE",
    firstName: "Greta",
    lastName: "Keller",
    email: "greta.keller@example.com",
    phone: "+49 30 555 0199",
    products: ["endpoint", "email"],
    ...change,
  };
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
}

async function startTrialAs(email: string, form: FormBody, headers: Record<string, string> = {}) {
  const route = await importRoute(ROUTE);
  const cookie = await sessionFor(email);
  return callAction(route, post("/customers/trial", form, { cookie, headers }));
}

async function openFormAs(email: string) {
  const route = await importRoute(ROUTE);
  const cookie = await sessionFor(email);
  return callLoader(route, get("/customers/trial", { cookie }));
}

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
function replyOf(data: unknown): Reply {
  return (data as { reply: Reply }).reply;
}

function customersNamed(legalName: string) {
  return getDb().select().from(schema.customers).where(eq(schema.customers.legalName, legalName)).all();
}

function licensesOf(customerId: number) {
  return getDb()
    .select()
    .from(schema.licenses)
    .where(eq(schema.licenses.customerId, customerId))
    .orderBy(schema.licenses.id)
    .all();
}

function activitiesOf(customerId: number) {
  return getDb()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.customerId, customerId), eq(schema.activities.kind, "customer.trialStarted")))
    .all();
}

function customerIdFrom(location: string | null): number {
  const match = /^\/customers\/(\d+)$/.exec(location ?? "");
  if (!match) throw new Error(`Not a customer's details address: ${location}`);
  return Number(match[1]);
}

describe("starting a trial", () => {
  it("a super admin's trial creates the customer, a 30-day trial license per product, Partner Assistance and the activity record, then shows its details with a flash", async () => {
    const form = trialForm({ companyName: "  Kestrel Optics GmbH  " });
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, form);

    expect(outcome.status).toBe(302);
    const id = customerIdFrom(outcome.location);
    expect(outcome.headers.get("Set-Cookie")).toContain("pc_flash=");

    const [customer, ...others] = customersNamed("Kestrel Optics GmbH");
    expect(others).toHaveLength(0);
    expect(customer).toMatchObject({
      id,
      partnerId: partnerIdByName("Northwind Security"),
      legalName: "Kestrel Optics GmbH",
      displayName: "",
      sortName: "kestrel optics gmbh",
      billingType: "trial",
      trialStartedBy: "partner",
      managedOrder: false,
      dataGeography: "DE",
      status: "active",
      linkState: "linked",
      partnerAssistance: true,
      partnerAssistanceReason: "partner_trial",
      partnerAssistanceSince: NOW,
      contactFirstName: "Greta",
      contactLastName: "Keller",
      contactEmail: "greta.keller@example.com",
      contactPhone: "+49 30 555 0199",
      country: "Germany",
      createdAt: NOW,
      nextLicenseEndAt: NOW + 30 * DAY_MS,
    });
    expect(customer!.searchText).toContain("kestrel optics gmbh");
    expect(customer!.searchText).toContain("greta.keller@example.com");

    expect(licensesOf(id).map(({ product, category, type, quantity, usage, startsAt, endsAt, revoked }) => ({
      product, category, type, quantity, usage, startsAt, endsAt, revoked,
    }))).toEqual([
      { product: "Endpoint Protection", category: "Endpoint", type: "trial", quantity: 10, usage: 0, startsAt: NOW, endsAt: NOW + 30 * DAY_MS, revoked: false },
      { product: "Email Protection", category: "Email", type: "trial", quantity: 10, usage: 0, startsAt: NOW, endsAt: NOW + 30 * DAY_MS, revoked: false },
    ]);

    const [activity, ...moreActivities] = activitiesOf(id);
    expect(moreActivities).toHaveLength(0);
    expect(activity).toMatchObject({
      partnerId: partnerIdByName("Northwind Security"),
      actorUserId: userIdByEmail(ACCOUNTS.northwindSuper),
      before: null,
      createdAt: NOW,
    });
    expect(JSON.parse(activity!.after!)).toEqual({
      legalName: "Kestrel Optics GmbH",
      billingType: "trial",
      dataGeography: "DE",
      country: "DE",
      contactFirstName: "Greta",
      contactLastName: "Keller",
      contactEmail: "greta.keller@example.com",
      contactPhone: "+49 30 555 0199",
      partnerAssistance: true,
      products: ["Endpoint Protection", "Email Protection"],
    });
  });

  it("the new customer is found by a search for its name at once, as a trial with 30 days left and Partner Assistance on", async () => {
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ companyName: "Quillfeather Analytics" }));
    const id = customerIdFrom(outcome.location);
    const list = await importRoute("routes/customers");
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const loaded = await callLoader(list, get("/customers?q=quillfeather", { cookie }));
    const rows = (loaded.data as { list: { rows: { id: number; name: string; billingType: string; trialDaysLeft: number; assistance: { state: string } }[] } }).list.rows;
    expect(rows.map((row) => row.id)).toEqual([id]);
    expect(rows[0]).toMatchObject({ name: "Quillfeather Analytics", billingType: "trial", trialDaysLeft: 30, assistance: { state: "on" } });
  });

  it("its details page shows the trial with 30 days left and why Partner Assistance is on", async () => {
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm());
    const id = customerIdFrom(outcome.location);
    const details = await importRoute("routes/customers_.$customerId");
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const loaded = await callLoader(details, get(`/customers/${id}`, { cookie }), { customerId: String(id) });
    expect(loaded.status).toBe(200);
    expect((loaded.data as { customer: unknown }).customer).toMatchObject({
      billingType: "trial",
      trialDaysLeft: 30,
      dataGeography: "DE",
      assistance: { state: "on" },
      assistanceReason: "partner_trial",
    });
  });

  it("an optional phone left empty is saved as empty", async () => {
    const name = uniqueName();
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ companyName: name, phone: "" }));
    expect(outcome.status).toBe(302);
    expect(customersNamed(name)[0]!.contactPhone).toBe("");
  });

  it("every product of the catalogue can be tried at once, each with its own license category", async () => {
    const products = ["endpoint", "uem", "server", "email", "mobile", "encryption"];
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ products }));
    const id = customerIdFrom(outcome.location);
    expect(licensesOf(id).map((license) => [license.product, license.category])).toEqual([
      ["Endpoint Protection", "Endpoint"],
      ["Unified Endpoint Management", "Mobile"],
      ["Server Protection", "Server"],
      ["Email Protection", "Email"],
      ["Mobile", "Mobile"],
      ["Encryption", "Encryption"],
    ]);
  });

  it("the same product sent twice gives one license", async () => {
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ products: ["server", "server"] }));
    expect(licensesOf(customerIdFrom(outcome.location))).toHaveLength(1);
  });
});

describe("who may start a trial", () => {
  it("a super admin gets the form", async () => {
    expect((await openFormAs(ACCOUNTS.northwindSuper)).status).toBe(200);
  });

  it("a super admin of a partner without programs (Contoso) may start a trial too, for its own partner", async () => {
    expect((await openFormAs(ACCOUNTS.contosoSuper)).status).toBe(200);
    const name = uniqueName("Contoso Trial");
    const outcome = await startTrialAs(ACCOUNTS.contosoSuper, trialForm({ companyName: name }));
    expect(outcome.status).toBe(302);
    expect(customersNamed(name)[0]!.partnerId).toBe(partnerIdByName("Contoso IT"));
  });

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s may not: the form and the submit are 403 pages naming the role, and nothing is created",
    async (email) => {
      const opened = await openFormAs(email);
      expect(opened.status).toBe(403);
      expect(await opened.response!.json()).toEqual({ reason: "role", from: null });
      const name = uniqueName();
      const outcome = await startTrialAs(email, trialForm({ companyName: name }));
      expect(outcome.status).toBe(403);
      expect(await outcome.response!.json()).toEqual({ reason: "role", from: null });
      expect(customersNamed(name)).toHaveLength(0);
    },
  );

  it("a customer admin may not: 403, and nothing is created", async () => {
    expect((await openFormAs(ACCOUNTS.acmeCustomerAdmin)).status).toBe(403);
    const name = uniqueName();
    const outcome = await startTrialAs(ACCOUNTS.acmeCustomerAdmin, trialForm({ companyName: name }));
    expect(outcome.status).toBe(403);
    expect(customersNamed(name)).toHaveLength(0);
  });

  it("a signed-out visitor is sent to sign-in, and nothing is created", async () => {
    const route = await importRoute(ROUTE);
    const name = uniqueName();
    const outcome = await callAction(route, post("/customers/trial", trialForm({ companyName: name })));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/sign-in?redirectTo=%2Fcustomers%2Ftrial");
    expect(customersNamed(name)).toHaveLength(0);
  });

  it("a post from another site is refused, and nothing is created", async () => {
    const name = uniqueName();
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ companyName: name }), { Origin: "https://evil.example" });
    expect(outcome.status).toBe(403);
    expect(customersNamed(name)).toHaveLength(0);
  });
});

describe("a trial form with mistakes", () => {
  /** Sends the form as a super admin, expects it back (400) with nothing written, and returns the reply. */
  async function refused(form: FormBody, headers: Record<string, string> = {}): Promise<Reply> {
    const before = getDb().select({ id: schema.customers.id }).from(schema.customers).all().length;
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, form, headers);
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe(400);
    expect(getDb().select({ id: schema.customers.id }).from(schema.customers).all()).toHaveLength(before);
    return replyOf(outcome.data);
  }

  it("an empty form names every required field, in the words at the field, and asks for nothing optional", async () => {
    const reply = await refused({});
    expect(reply.error).toEqual({
      companyName: ["Enter the company name"],
      country: ["Select the country from the list"],
      dataGeography: ["Select the data geography from the list"],
      firstName: ["Enter the contact's first name"],
      lastName: ["Enter the contact's last name"],
      email: ["Enter the contact's email address"],
      products: ["Select at least one product"],
    });
  });

  it("a company name of spaces only is empty; of invisible characters only, it is said so", async () => {
    expect((await refused(trialForm({ companyName: "    " }))).error?.companyName).toEqual(["Enter the company name"]);
    expect((await refused(trialForm({ companyName: "\u200b\u200b" }))).error?.companyName).toEqual([
      "Enter a company name that shows: this one has only invisible or blank characters",
    ]);
  });

  it("a company name of 101 characters is too long, and every value typed comes back, products included", async () => {
    const form = trialForm({ companyName: "x".repeat(101), products: ["endpoint", "mobile"] });
    const reply = await refused(form);
    expect(reply.error).toEqual({ companyName: ["Company name must be 100 characters or fewer"] });
    expect(reply.initialValue).toMatchObject({
      companyName: "x".repeat(101),
      country: "DE",
      dataGeography: "DE",
      firstName: "Greta",
      lastName: "Keller",
      email: "greta.keller@example.com",
      phone: "+49 30 555 0199",
      products: ["endpoint", "mobile"],
    });
  });

  it("a company name of exactly 100 characters, accents included, is accepted", async () => {
    const name = `${"É".repeat(96)}${String(made).padStart(4, "0")}`;
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ companyName: name }));
    expect(outcome.status).toBe(302);
    expect(customersNamed(name)).toHaveLength(1);
  });

  it("first and last names of 101 characters are too long", async () => {
    const reply = await refused(trialForm({ firstName: "a".repeat(101), lastName: "b".repeat(101) }));
    expect(reply.error).toEqual({
      firstName: ["First name must be 100 characters or fewer"],
      lastName: ["Last name must be 100 characters or fewer"],
    });
  });

  it.each(["greta", "greta@", "@example.com", "greta keller@example.com", "greta@example", "greta@@example.com"])(
    "the email %j is not an email address",
    async (email) => {
      expect((await refused(trialForm({ email }))).error).toEqual({
        email: ["Enter an email address in the correct format, like name@example.com"],
      });
    },
  );

  it("an email of 255 characters is too long", async () => {
    const email = `${"a".repeat(243)}@example.com`;
    expect(email).toHaveLength(255);
    expect((await refused(trialForm({ email }))).error).toEqual({ email: ["Email address must be 254 characters or fewer"] });
  });

  it.each(["call me", "+", "555-0100 ext. 2", "0800 <script>"])("the phone %j is refused", async (phone) => {
    expect((await refused(trialForm({ phone }))).error).toEqual({
      phone: ["Enter a phone number using only digits, spaces and + - ( ), like +1 555 0100"],
    });
  });

  it("a phone of 41 characters is too long", async () => {
    expect((await refused(trialForm({ phone: "1".repeat(41) }))).error).toEqual({
      phone: ["Phone number must be 40 characters or fewer"],
    });
  });

  it("no product chosen, or an empty value, asks for one", async () => {
    expect((await refused(trialForm({ products: undefined }))).error).toEqual({ products: ["Select at least one product"] });
    expect((await refused(trialForm({ products: [""] }))).error).toEqual({ products: ["Select at least one product"] });
  });

  it.each([[["firewall"]], [["endpoint", "nope"]], [["__proto__"]]])(
    "an unknown product %j is a message at the products, not a 500",
    async (products) => {
      expect((await refused(trialForm({ products }))).error).toEqual({ products: ["Select only products from the list"] });
    },
  );

  it.each(["XX", "us", "", "United States"])("an unknown country %j is a message at the country", async (country) => {
    expect((await refused(trialForm({ country }))).error).toEqual({ country: ["Select the country from the list"] });
  });

  it.each(["FR", "us", "EU", "<b>"])("an unknown data geography %j is a message at the data geography", async (dataGeography) => {
    expect((await refused(trialForm({ dataGeography }))).error).toEqual({
      dataGeography: ["Select the data geography from the list"],
    });
  });

  it("fields sent in shapes no form has (nested, repeated, very long) are messages, never a 500", async () => {
    const body = new URLSearchParams();
    body.append("companyName[0]", "Nested");
    body.append("companyName.x", "1");
    body.append("country", "DE");
    body.append("country", "FR");
    body.append("dataGeography.y", "US");
    // Within the limits of a form (decision 0021), far over the name's: refused before it is cleaned.
    body.append("firstName", "x".repeat(5_000));
    body.append("lastName", "\u0000");
    body.append("email", "a@b.c\u0000");
    body.append("products[0].id", "endpoint");
    body.append("products.key", "server");
    body.append("__proto__", "polluted");
    const reply = await refused(body);
    expect(Object.keys(reply.error ?? {}).sort()).toEqual(
      ["companyName", "country", "dataGeography", "email", "firstName", "lastName", "products"].sort(),
    );
  });

  it("a form over the limits of every form (decision 0021) is refused whole as 413, and nothing is saved", async () => {
    const before = getDb().select({ id: schema.customers.id }).from(schema.customers).all().length;
    const outcome = await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ firstName: "x".repeat(100_000) }));
    expect(outcome.status).toBe(413);
    expect(getDb().select({ id: schema.customers.id }).from(schema.customers).all()).toHaveLength(before);
  });

  it("the messages are in Spanish for a Spanish browser", async () => {
    const reply = await refused(trialForm({ companyName: "", products: undefined }), { "Accept-Language": "es" });
    expect(reply.error).toEqual({
      companyName: ["Introduzca el nombre de la empresa"],
      products: ["Seleccione al menos un producto"],
    });
  });
});

describe("a trial sent twice", () => {
  it("the same form sent twice (a double click without JavaScript) creates one customer, and both lead to it", async () => {
    const form = trialForm();
    const first = await startTrialAs(ACCOUNTS.northwindSuper, form);
    const second = await startTrialAs(ACCOUNTS.northwindSuper, form);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    const name = (form as Record<string, string>).companyName!;
    expect(customersNamed(name)).toHaveLength(1);
    expect(licensesOf(customerIdFrom(first.location))).toHaveLength(2);
  });

  it("the same form sent again after two minutes is a new trial", async () => {
    const form = trialForm();
    await startTrialAs(ACCOUNTS.northwindSuper, form);
    setClock(NOW + 2 * 60 * 1000 + 1);
    await startTrialAs(ACCOUNTS.northwindSuper, form);
    expect(customersNamed((form as Record<string, string>).companyName!)).toHaveLength(2);
  });

  it("a different trial for the same company moments later is a new trial", async () => {
    const name = uniqueName();
    await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ companyName: name, products: ["endpoint"] }));
    await startTrialAs(ACCOUNTS.northwindSuper, trialForm({ companyName: name, products: ["server"] }));
    expect(customersNamed(name)).toHaveLength(2);
  });
});
