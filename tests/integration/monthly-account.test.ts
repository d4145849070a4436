/**
 * F7, "Create monthly account": three steps, each a page, through the real
 * loaders and actions against the real database. Who may (Super Admins of
 * Partner Flex MSP partners), the draft kept on the server between steps
 * ("Back", reloads, a restart), skipping ahead, every bad input, the
 * acceptance, a double submit of the last step, and what is written.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCookie } from "react-router";
import { and, eq } from "drizzle-orm";
import { getDb, schema, type Db } from "~/db.server";
import { setClock } from "~/utils/clock";
import { DAY_MS } from "~/domain/license-status";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createPartnerUser, deleteUser, partnerIdByName, userIdByEmail } from "../support/db";
import { get, post, type FormBody } from "../support/http";
import { callAction, callLoader, importRoute, type Outcome } from "../support/routes";

const NOW = Date.UTC(2026, 3, 14, 8, 0);

const STEPS = {
  customer: { route: "routes/customers_.monthly", path: "/customers/monthly" },
  licenses: { route: "routes/customers_.monthly_.licenses", path: "/customers/monthly/licenses" },
  confirm: { route: "routes/customers_.monthly_.confirm", path: "/customers/monthly/confirm" },
} as const;
type Step = keyof typeof STEPS;

beforeEach(() => {
  setClock(NOW);
  // Every test starts without a draft: drafts are per user, and these tests share the demo users.
  getDb().delete(schema.drafts).run();
});
afterEach(() => setClock(null));

let made = 0;
function uniqueName(base = "Monthly Company"): string {
  made += 1;
  return `${base} ${made}-${process.pid}`;
}

function customerForm(change: Record<string, string | undefined> = {}): FormBody {
  const form: Record<string, string | undefined> = {
    companyName: uniqueName(),
    country: "IE",
    dataGeography: "IE",
    firstName: "Aoife",
    lastName: "Byrne",
    email: "aoife@example.ie",
    phone: "+353 1 555 0123",
    ...change,
  };
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function open(step: Step, email: string = ACCOUNTS.northwindSuper): Promise<Outcome> {
  const route = await importRoute(STEPS[step].route);
  return callLoader(route, get(STEPS[step].path, { cookie: await sessionFor(email) }));
}

async function send(step: Step, form: FormBody, email: string = ACCOUNTS.northwindSuper): Promise<Outcome> {
  const route = await importRoute(STEPS[step].route);
  return callAction(route, post(STEPS[step].path, form, { cookie: await sessionFor(email) }));
}

/** Steps 1 and 2 done, as a user would do them; returns the company name. */
async function throughStepTwo(email: string = ACCOUNTS.northwindSuper, products = ["endpoint", "server"]): Promise<string> {
  const form = customerForm();
  expect((await send("customer", form, email)).location).toBe(STEPS.licenses.path);
  expect((await send("licenses", { products }, email)).location).toBe(STEPS.confirm.path);
  return (form as Record<string, string>).companyName!;
}

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
function replyOf(outcome: Outcome): Reply {
  return (outcome.data as { reply: Reply }).reply;
}

async function flashOf(outcome: Outcome): Promise<unknown> {
  const header = outcome.headers.getSetCookie().find((cookie) => cookie.startsWith("pc_flash="));
  return header ? createCookie("pc_flash").parse(header.split(";")[0]!) : null;
}

function customersNamed(legalName: string) {
  return getDb().select().from(schema.customers).where(eq(schema.customers.legalName, legalName)).all();
}

function customerCount(): number {
  return getDb().select({ id: schema.customers.id }).from(schema.customers).all().length;
}

function draftRows() {
  return getDb().select().from(schema.drafts).all();
}

function customerIdFrom(location: string | null): number {
  const match = /^\/customers\/(\d+)$/.exec(location ?? "");
  if (!match) throw new Error(`Not a customer's details address: ${location}`);
  return Number(match[1]);
}

describe("creating a monthly account", () => {
  it("a super admin of a Flex MSP partner goes through the three steps and gets a monthly customer with usage licenses, Partner Assistance and the activity record", async () => {
    const form = customerForm({ companyName: "Brightwater Dental Ltd" });
    const first = await send("customer", form);
    expect(first.status).toBe(302);
    expect(first.location).toBe(STEPS.licenses.path);

    expect((await open("licenses")).status).toBe(200);
    const second = await send("licenses", { products: ["server", "endpoint"] });
    expect(second.location).toBe(STEPS.confirm.path);

    const summary = await open("confirm");
    expect(summary.status).toBe(200);
    expect(summary.data).toEqual({
      customer: {
        companyName: "Brightwater Dental Ltd",
        country: "IE",
        dataGeography: "IE",
        firstName: "Aoife",
        lastName: "Byrne",
        email: "aoife@example.ie",
        phone: "+353 1 555 0123",
      },
      products: [
        { id: "endpoint", name: "Endpoint Protection", category: "Endpoint" },
        { id: "server", name: "Server Protection", category: "Server" },
      ],
    });

    const created = await send("confirm", { accept: "on" });
    expect(created.status).toBe(302);
    const id = customerIdFrom(created.location);
    expect(await flashOf(created)).toEqual({ key: "lifecycle.monthly.created", vars: { name: "Brightwater Dental Ltd" } });

    const [customer, ...others] = customersNamed("Brightwater Dental Ltd");
    expect(others).toHaveLength(0);
    expect(customer).toMatchObject({
      id,
      partnerId: partnerIdByName("Northwind Security"),
      billingType: "usage",
      trialStartedBy: null,
      managedOrder: false,
      dataGeography: "IE",
      partnerAssistance: true,
      partnerAssistanceReason: "monthly",
      partnerAssistanceSince: NOW,
      contactFirstName: "Aoife",
      contactLastName: "Byrne",
      contactEmail: "aoife@example.ie",
      contactPhone: "+353 1 555 0123",
      country: "Ireland",
      sortName: "brightwater dental ltd",
    });

    const licenses = getDb().select().from(schema.licenses).where(eq(schema.licenses.customerId, id)).orderBy(schema.licenses.id).all();
    expect(licenses.map(({ product, category, type, quantity, usage, startsAt, endsAt }) => ({ product, category, type, quantity, usage, startsAt, endsAt }))).toEqual([
      { product: "Endpoint Protection", category: "Endpoint", type: "usage", quantity: 0, usage: 0, startsAt: NOW, endsAt: NOW + 365 * DAY_MS },
      { product: "Server Protection", category: "Server", type: "usage", quantity: 0, usage: 0, startsAt: NOW, endsAt: NOW + 365 * DAY_MS },
    ]);

    const activities = getDb()
      .select()
      .from(schema.activities)
      .where(and(eq(schema.activities.customerId, id), eq(schema.activities.kind, "customer.monthlyCreated")))
      .all();
    expect(activities).toHaveLength(1);
    expect(activities[0]!.actorUserId).toBe(userIdByEmail(ACCOUNTS.northwindSuper));
    expect(JSON.parse(activities[0]!.after!)).toMatchObject({
      legalName: "Brightwater Dental Ltd",
      billingType: "usage",
      partnerAssistance: true,
      products: ["Endpoint Protection", "Server Protection"],
    });

    // The draft is used up.
    expect(draftRows()).toHaveLength(0);
  });

  it("the new monthly customer is found by a search for its name at once, as Monthly", async () => {
    const name = await throughStepTwo();
    const id = customerIdFrom((await send("confirm", { accept: "on" })).location);
    const list = await importRoute("routes/customers");
    const loaded = await callLoader(list, get(`/customers?q=${encodeURIComponent(name)}`, { cookie: await sessionFor(ACCOUNTS.northwindSuper) }));
    const rows = (loaded.data as { list: { rows: { id: number; billingType: string; assistance: { state: string } }[] } }).list.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, billingType: "usage", assistance: { state: "on" } });
  });
});

describe("the draft between the steps", () => {
  it("step 1 shows again what was entered (a reload, or the browser's back button)", async () => {
    const form = customerForm({ companyName: "Draft Kept Ltd", phone: "" });
    await send("customer", form);
    const again = await open("customer");
    expect(again.data).toEqual({
      values: {
        companyName: "Draft Kept Ltd",
        country: "IE",
        dataGeography: "IE",
        firstName: "Aoife",
        lastName: "Byrne",
        email: "aoife@example.ie",
        phone: "",
      },
    });
  });

  it("Back from step 2 keeps the products ticked there and leads to step 1 with its values", async () => {
    await send("customer", customerForm({ companyName: "Back And Forth Ltd" }));
    const back = await send("licenses", { intent: "back", products: ["server"] });
    expect(back.status).toBe(302);
    expect(back.location).toBe(STEPS.customer.path);
    expect((await open("customer")).data).toMatchObject({ values: { companyName: "Back And Forth Ltd" } });
    expect((await open("licenses")).data).toEqual({ products: ["server"] });
  });

  it("Back from step 2 with nothing ticked keeps that too: step 3 is then not reachable until a product is chosen", async () => {
    await throughStepTwo();
    await send("licenses", { intent: "back" });
    expect((await open("licenses")).data).toEqual({ products: [] });
    const skipped = await open("confirm");
    expect(skipped.status).toBe(302);
    expect(skipped.location).toBe(STEPS.licenses.path);
  });

  it("Back from step 3 leads to step 2 with the products still ticked, and creates nothing", async () => {
    await throughStepTwo(ACCOUNTS.northwindSuper, ["uem"]);
    const before = customerCount();
    const back = await send("confirm", { intent: "back", accept: "on" });
    expect(back.location).toBe(STEPS.licenses.path);
    expect((await open("licenses")).data).toEqual({ products: ["uem"] });
    expect(customerCount()).toBe(before);
  });

  it("the draft survives a server restart and a new sign-in: it is kept in the database, per user", async () => {
    await send("customer", customerForm({ companyName: "Survives Restart Ltd" }));
    // A restart: the app's connection is closed, and the next request opens a new one.
    const globalForDb = globalThis as typeof globalThis & { __partnerConsoleDb?: Db };
    globalForDb.__partnerConsoleDb?.$client.close();
    delete globalForDb.__partnerConsoleDb;
    expect((await open("licenses")).status).toBe(200);
    expect((await open("customer")).data).toMatchObject({ values: { companyName: "Survives Restart Ltd" } });
  });

  it("one user's draft is not another's: a second Super Admin of the partner starts from an empty form", async () => {
    const email = `second-super-${process.pid}@northwind.test`;
    const userId = await createPartnerUser({
      email,
      password: "another-pass-2026",
      partnerId: partnerIdByName("Northwind Security"),
      role: "super_admin",
    });
    try {
      await throughStepTwo();
      expect((await open("customer", email)).data).toEqual({ values: null });
      expect((await open("confirm", email)).location).toBe(STEPS.customer.path);
      // The second user's creating nothing leaves the first user's draft alone.
      expect((await send("confirm", { accept: "on" }, email)).location).toBe(STEPS.customer.path);
      expect((await open("confirm")).status).toBe(200);
    } finally {
      getDb().delete(schema.drafts).run();
      deleteUser(userId);
    }
  });

  it("Cancel throws the draft away and goes back to the customers list with a message", async () => {
    await throughStepTwo();
    const cancelled = await send("licenses", { intent: "cancel", products: ["endpoint"] });
    expect(cancelled.status).toBe(302);
    expect(cancelled.location).toBe("/customers");
    expect(await flashOf(cancelled)).toEqual({ key: "lifecycle.monthly.cancelled" });
    expect(draftRows()).toHaveLength(0);
    expect((await open("customer")).data).toEqual({ values: null });
  });

  it("a draft altered in the database is not an error: what no longer passes counts as not filled in", async () => {
    await throughStepTwo();
    for (const data of ["not json", "[]", JSON.stringify({ customer: { companyName: "" }, products: ["nope", 7] })]) {
      getDb().update(schema.drafts).set({ data }).run();
      const opened = await open("confirm");
      expect(opened.status).toBe(302);
      expect(opened.location).toBe(STEPS.customer.path);
      expect((await open("customer")).data).toEqual({ values: null });
    }
  });
});

describe("skipping ahead", () => {
  it("step 2 without step 1 done leads to step 1, whether opened or sent", async () => {
    const opened = await open("licenses");
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(STEPS.customer.path);
    const sent = await send("licenses", { products: ["endpoint"] });
    expect(sent.location).toBe(STEPS.customer.path);
    expect(draftRows()).toHaveLength(0);
  });

  it("step 3 without step 1 done leads to step 1, and without step 2 done to step 2", async () => {
    expect((await open("confirm")).location).toBe(STEPS.customer.path);
    await send("customer", customerForm());
    expect((await open("confirm")).location).toBe(STEPS.licenses.path);
  });

  it("sending step 3 straight away creates nothing and leads to step 1", async () => {
    setClock(NOW + 10 * DAY_MS); // long after any monthly account the other tests created
    const before = customerCount();
    const accepted = await send("confirm", { accept: "on" });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe(STEPS.customer.path);
    expect(await flashOf(accepted)).toEqual({ key: "lifecycle.monthly.noDraft" });
    const unaccepted = await send("confirm", {});
    expect(unaccepted.location).toBe(STEPS.customer.path);
    expect(customerCount()).toBe(before);
  });

  it("sending step 3 with only step 1 done leads to step 2 and creates nothing", async () => {
    await send("customer", customerForm());
    const before = customerCount();
    const sent = await send("confirm", { accept: "on" });
    expect(sent.location).toBe(STEPS.licenses.path);
    expect(customerCount()).toBe(before);
    expect(draftRows()).toHaveLength(1);
  });
});

describe("the last step", () => {
  it("without the acceptance the page comes back with the message, nothing is created and the draft stays", async () => {
    const name = await throughStepTwo();
    const sent = await send("confirm", {});
    expect(sent.status).toBe(400);
    expect(replyOf(sent).error).toEqual({
      accept: ["Select the box to accept that your organisation is charged for the selected licenses"],
    });
    expect(customersNamed(name)).toHaveLength(0);
    expect(draftRows()).toHaveLength(1);
  });

  it.each(["yes", "true", "off"])("an acceptance sent as %j is not the box ticked", async (accept) => {
    const name = await throughStepTwo();
    expect((await send("confirm", { accept })).status).toBe(400);
    expect(customersNamed(name)).toHaveLength(0);
  });

  it("sent twice (a double submit), it creates exactly one customer, and the second lands on it too", async () => {
    const name = await throughStepTwo();
    const first = await send("confirm", { accept: "on" });
    const second = await send("confirm", { accept: "on" });
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    expect(await flashOf(second)).toEqual({ key: "lifecycle.monthly.alreadyCreated", vars: { name } });
    expect(customersNamed(name)).toHaveLength(1);
  });

  it("sent twice at the same moment, it still creates exactly one customer", async () => {
    const name = await throughStepTwo();
    const outcomes = await Promise.all([send("confirm", { accept: "on" }), send("confirm", { accept: "on" })]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([302, 302]);
    expect(customersNamed(name)).toHaveLength(1);
  });
});

describe("mistakes in the steps", () => {
  it("an empty step 1 names every required field", async () => {
    const sent = await send("customer", {});
    expect(sent.status).toBe(400);
    expect(replyOf(sent).error).toEqual({
      companyName: ["Enter the company name"],
      country: ["Select the country from the list"],
      dataGeography: ["Select the data geography from the list"],
      firstName: ["Enter the contact's first name"],
      lastName: ["Enter the contact's last name"],
      email: ["Enter the contact's email address"],
    });
    expect(draftRows()).toHaveLength(0);
  });

  it("a step 1 with a company name of 101 characters, a bad email and an unknown geography keeps every value typed", async () => {
    const form = customerForm({ companyName: "y".repeat(101), email: "aoife.example.ie", dataGeography: "EU" });
    const sent = await send("customer", form);
    expect(sent.status).toBe(400);
    const reply = replyOf(sent);
    expect(reply.error).toEqual({
      companyName: ["Company name must be 100 characters or fewer"],
      dataGeography: ["Select the data geography from the list"],
      email: ["Enter an email address in the correct format, like name@example.com"],
    });
    expect(reply.initialValue).toMatchObject(form as Record<string, string>);
    expect(draftRows()).toHaveLength(0);
  });

  it("a mistake in step 1 leaves the draft as it was", async () => {
    await send("customer", customerForm({ companyName: "Kept Before Mistake" }));
    expect((await send("customer", customerForm({ companyName: "" }))).status).toBe(400);
    expect((await open("customer")).data).toMatchObject({ values: { companyName: "Kept Before Mistake" } });
  });

  it("step 2 with no product asks for one", async () => {
    await send("customer", customerForm());
    const sent = await send("licenses", {});
    expect(sent.status).toBe(400);
    expect(replyOf(sent).error).toEqual({ products: ["Select at least one product"] });
  });

  it.each([[["email"]], [["endpoint", "encryption"]], [["firewall"]]])(
    "step 2 with %j, not a monthly product, is a message at the licenses",
    async (products) => {
      await send("customer", customerForm());
      const sent = await send("licenses", { products });
      expect(sent.status).toBe(400);
      expect(replyOf(sent).error).toEqual({ products: ["Select only products from the list"] });
      expect(replyOf(sent).initialValue?.products).toEqual(products.length === 1 ? products[0] : products);
    },
  );

  it("an unknown intent is taken as Continue, never a 500", async () => {
    await send("customer", customerForm());
    const sent = await send("licenses", { intent: "explode", products: ["endpoint"] });
    expect(sent.location).toBe(STEPS.confirm.path);
  });
});

describe("who may create a monthly account", () => {
  const steps = Object.keys(STEPS) as Step[];

  it.each(steps)("a super admin of a Flex MSP partner opens step %s once the steps before are done", async (step) => {
    await throughStepTwo();
    expect((await open(step)).status).toBe(200);
  });

  it.each(steps)("a super admin of a partner without Partner Flex MSP (Contoso) gets a 403 naming the program at step %s", async (step) => {
    const opened = await open(step, ACCOUNTS.contosoSuper);
    expect(opened.status).toBe(403);
    expect(await opened.response!.json()).toEqual({ reason: "program.flexMsp", from: null });
    const sent = await send(step, { ...customerForm(), products: "endpoint", accept: "on" }, ACCOUNTS.contosoSuper);
    expect(sent.status).toBe(403);
    expect(draftRows()).toHaveLength(0);
  });

  const others = [ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly];
  it.each(others.flatMap((email) => steps.map((step) => [email, step] as const)))(
    "%s gets a 403 naming the role at step %s, opened or sent",
    async (email, step) => {
      const opened = await open(step, email);
      expect(opened.status).toBe(403);
      expect(await opened.response!.json()).toEqual({ reason: "role", from: null });
      const sent = await send(step, { ...customerForm(), products: "endpoint", accept: "on" }, email);
      expect(sent.status).toBe(403);
      expect(draftRows()).toHaveLength(0);
    },
  );

  it.each(steps)("a customer admin gets a 403 at step %s", async (step) => {
    expect((await open(step, ACCOUNTS.acmeCustomerAdmin)).status).toBe(403);
    expect((await send(step, customerForm(), ACCOUNTS.acmeCustomerAdmin)).status).toBe(403);
  });

  it.each(steps)("a signed-out visitor is sent to sign-in from step %s", async (step) => {
    const route = await importRoute(STEPS[step].route);
    const opened = await callLoader(route, get(STEPS[step].path));
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(STEPS[step].path)}`);
  });
});
