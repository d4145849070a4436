/**
 * F14 (and F12's answer): a customer admin in its own Central Admin, through
 * the real loaders and actions against the real database. Home, "Account
 * details", and the "Partner Assistance" page: turning it on and off,
 * approving and refusing the partner's requests, the activity rows in the
 * partner's log, what the partner's list shows at once; who else may open the
 * pages (nobody else); and bad input: an answer to a request that expired, was
 * answered already, or belongs to another customer.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, customerIdByLegalName, deleteCustomer, partnerIdByName, userIdByEmail } from "../support/db";
import { CookieJar, get, post } from "../support/http";
import { callLoader, importRoute, loadPage, submitForm, type Outcome } from "../support/routes";

afterEach(() => setClock(null));

const DAY = 86_400_000;
const northwind = () => partnerIdByName("Northwind Security");
const PAGE = "/central/partner-assistance";

type TestCustomer = { customerId: number; adminEmail: string; adminId: number; cleanup: () => void };

/** A Northwind customer of this test alone, with its own customer admin. */
function customerWithAdmin(values: Partial<typeof schema.customers.$inferInsert> = {}): TestCustomer {
  const customerId = createCustomer(northwind(), { legalName: `Central Test ${Date.now()} ${Math.random()}`, ...values });
  const adminEmail = `admin-${customerId}@central.test`;
  const adminId = getDb()
    .insert(schema.users)
    .values({ email: adminEmail, name: "Casey Customer", passwordHash: "not-a-hash", kind: "customer", customerId })
    .returning({ id: schema.users.id })
    .get().id;
  return {
    customerId,
    adminEmail,
    adminId,
    cleanup: () => {
      getDb().delete(schema.activities).where(eq(schema.activities.customerId, customerId)).run();
      getDb().delete(schema.approvalRequests).where(eq(schema.approvalRequests.customerId, customerId)).run();
      getDb().delete(schema.users).where(eq(schema.users.id, adminId)).run();
      deleteCustomer(customerId);
    },
  };
}

/** A request of Northwind's super admin to a customer; pending for 14 days from `at` unless told otherwise. */
function insertRequest(customerId: number, values: Partial<typeof schema.approvalRequests.$inferInsert> = {}): number {
  const at = values.createdAt ?? Date.now() - DAY;
  return getDb()
    .insert(schema.approvalRequests)
    .values({
      customerId,
      requestedByUserId: userIdByEmail(ACCOUNTS.northwindSuper),
      status: "pending",
      createdAt: at,
      expiresAt: at + 14 * DAY,
      ...values,
    })
    .returning({ id: schema.approvalRequests.id })
    .get().id;
}

const customerOf = (customerId: number) =>
  getDb().select().from(schema.customers).where(eq(schema.customers.id, customerId)).get()!;

const requestOf = (requestId: number) =>
  getDb().select().from(schema.approvalRequests).where(eq(schema.approvalRequests.id, requestId)).get()!;

const activitiesOf = (customerId: number, kind?: string) =>
  getDb()
    .select()
    .from(schema.activities)
    .where(
      kind
        ? and(eq(schema.activities.customerId, customerId), eq(schema.activities.kind, kind))
        : eq(schema.activities.customerId, customerId),
    )
    .all();

async function postAs(who: string | CookieJar, form: Record<string, string>): Promise<Outcome> {
  const cookie = typeof who === "string" ? await sessionFor(who) : who;
  const outcome = await submitForm(post(PAGE, form, { cookie }));
  expect(outcome.route).toBe("routes/central_.partner-assistance");
  return outcome;
}

async function flashAfter(outcome: Outcome, email: string) {
  const root = await importRoute("root");
  const jar = (await sessionFor(email)).update(outcome.headers);
  return ((await callLoader(root, get(PAGE, { cookie: jar }))).data as { flash: unknown }).flash;
}

type AssistancePage = {
  setting: { on: boolean; since: number | null; managedOrder: boolean };
  partner: string;
  requests: { id: number; requestedBy: string; createdAt: number; expiresAt: number }[];
};

async function assistancePage(who: string | CookieJar) {
  const cookie = typeof who === "string" ? await sessionFor(who) : who;
  return loadPage(get(PAGE, { cookie }));
}

/** What the partner's Customers list says about a customer, as a super admin loads it. */
async function listRowOf(customerId: number) {
  const { legalName } = customerOf(customerId);
  const page = await loadPage(get(`/customers?q=${encodeURIComponent(legalName)}`, { cookie: await sessionFor(ACCOUNTS.northwindSuper) }));
  const list = (page.data["routes/customers"] as {
    list: { rows: { id: number; assistance: unknown }[]; offers: Record<string, { launch: boolean; launchOff: boolean }> };
  }).list;
  return { assistance: list.rows.find((row) => row.id === customerId)?.assistance, offer: list.offers[customerId] };
}

describe("Central Admin's pages for a customer admin", () => {
  it("home shows the account's name as the partner set it, and its licenses", async () => {
    const page = await loadPage(get("/central", { cookie: await sessionFor(ACCOUNTS.acmeCustomerAdmin) }));
    expect(page.status).toBe(200);
    expect(page.data["routes/central"]).toMatchObject({ name: "Acme Corp", licenses: expect.any(Array) });
  });

  it("the frame gives the customer admin Central Admin's navigation, and no launch", async () => {
    const page = await loadPage(get("/central/account", { cookie: await sessionFor(ACCOUNTS.vandelayCustomerAdmin) }));
    expect(page.status).toBe(200);
    expect((page.data["root"] as { viewer: unknown }).viewer).toEqual({
      kind: "customer",
      name: "Art Vandelay",
      organisation: "Vandelay Industries",
    });
  });

  it("Account details name the account, its partner, and whether Partner Assistance is on", async () => {
    const page = await loadPage(get("/central/account", { cookie: await sessionFor(ACCOUNTS.vandelayCustomerAdmin) }));
    expect(page.data["routes/central_.account"]).toEqual({
      name: "Vandelay Industries",
      legalName: "Vandelay Industries",
      partner: "Northwind Security",
      assistance: { on: false },
    });
  });

  it("the Partner Assistance page shows it off, and the partner's waiting requests with who asked", async () => {
    const t = customerWithAdmin();
    try {
      const requestId = insertRequest(t.customerId);
      const page = await assistancePage(t.adminEmail);
      expect(page.status).toBe(200);
      const data = page.data["routes/central_.partner-assistance"] as AssistancePage;
      expect(data.setting).toEqual({ on: false, since: null, managedOrder: false });
      expect(data.partner).toBe("Northwind Security");
      expect(data.requests).toEqual([expect.objectContaining({ id: requestId, requestedBy: "Nadia Super" })]);
    } finally {
      t.cleanup();
    }
  });

  it("lists neither an expired request nor an answered one", async () => {
    const t = customerWithAdmin();
    try {
      insertRequest(t.customerId, { createdAt: Date.now() - 20 * DAY });
      insertRequest(t.customerId, { status: "refused", answeredAt: Date.now() - DAY, createdAt: Date.now() - 2 * DAY });
      const data = (await assistancePage(t.adminEmail)).data["routes/central_.partner-assistance"] as AssistancePage;
      expect(data.requests).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});

describe("who else may open Central Admin's pages", () => {
  const pages = ["/central", "/central/account", PAGE];

  it.each([ACCOUNTS.northwindSuper, ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly, ACCOUNTS.contosoSuper])(
    "%s, not launched, gets a 403 on every page, and for every change",
    async (email) => {
      const cookie = await sessionFor(email);
      for (const path of pages) expect((await loadPage(get(path, { cookie }))).status, path).toBe(403);
      expect((await postAs(cookie, { intent: "turnOn" })).status).toBe(403);
    },
  );

  it("a signed-out visitor is sent to sign-in and back", async () => {
    for (const path of pages) {
      const page = await loadPage(get(path));
      expect(page.status).toBe(302);
      expect(page.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("a change posted from another site is refused", async () => {
    const t = customerWithAdmin();
    try {
      const outcome = await submitForm(
        post(PAGE, { intent: "turnOn" }, { cookie: await sessionFor(t.adminEmail), headers: { Origin: "https://evil.example" } }),
      );
      expect(outcome.status).toBe(403);
      expect(customerOf(t.customerId).partnerAssistance).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});

describe("turning Partner Assistance on and off", () => {
  it("turning it on: on, turned on by the customer, since now; its activity row in the partner's log; launchable at once", async () => {
    const t = customerWithAdmin();
    try {
      const at = Date.now();
      setClock(at);
      const outcome = await postAs(t.adminEmail, { intent: "turnOn" });
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe(PAGE);
      expect(await flashAfter(outcome, t.adminEmail)).toEqual({
        key: "centralAssistance.turnedOn",
        vars: { partner: "Northwind Security" },
      });
      expect(customerOf(t.customerId)).toMatchObject({
        partnerAssistance: true,
        partnerAssistanceReason: "customer",
        partnerAssistanceSince: at,
        version: 2,
      });
      expect(activitiesOf(t.customerId, "assistance.on")).toEqual([
        expect.objectContaining({
          partnerId: northwind(),
          actorUserId: t.adminId,
          before: JSON.stringify({ partnerAssistance: false }),
          after: JSON.stringify({ partnerAssistance: true }),
          createdAt: at,
        }),
      ]);
      expect(await listRowOf(t.customerId)).toEqual({
        assistance: { state: "on" },
        offer: { request: false, launch: true, launchOff: false },
      });
    } finally {
      t.cleanup();
    }
  });

  it("turning it on answers a request waiting for an answer, so it never comes back as requested", async () => {
    const t = customerWithAdmin();
    try {
      const requestId = insertRequest(t.customerId);
      await postAs(t.adminEmail, { intent: "turnOn" });
      expect(requestOf(requestId)).toMatchObject({ status: "approved", answeredByUserId: t.adminId });
      await postAs(t.adminEmail, { intent: "turnOff" });
      expect((await listRowOf(t.customerId)).assistance).toEqual({ state: "off" });
    } finally {
      t.cleanup();
    }
  });

  it("turning it off: off, no reason; its activity row; the partner's row says what the customer must do", async () => {
    const t = customerWithAdmin({ partnerAssistance: true, partnerAssistanceReason: "customer", partnerAssistanceSince: Date.now() - DAY });
    try {
      const outcome = await postAs(t.adminEmail, { intent: "turnOff" });
      expect(outcome.status).toBe(302);
      expect(await flashAfter(outcome, t.adminEmail)).toEqual({
        key: "centralAssistance.turnedOff",
        vars: { partner: "Northwind Security" },
      });
      expect(customerOf(t.customerId)).toMatchObject({
        partnerAssistance: false,
        partnerAssistanceReason: null,
        partnerAssistanceSince: null,
      });
      expect(activitiesOf(t.customerId, "assistance.off")).toEqual([
        expect.objectContaining({ partnerId: northwind(), actorUserId: t.adminId }),
      ]);
      expect(await listRowOf(t.customerId)).toEqual({
        assistance: { state: "off" },
        offer: { request: true, launch: false, launchOff: true },
      });
    } finally {
      t.cleanup();
    }
  });

  it("a partner-started trial's Partner Assistance can be turned off by the customer too", async () => {
    const t = customerWithAdmin({
      billingType: "trial",
      trialStartedBy: "partner",
      partnerAssistance: true,
      partnerAssistanceReason: "partner_trial",
      partnerAssistanceSince: Date.now() - DAY,
    });
    try {
      expect((await postAs(t.adminEmail, { intent: "turnOff" })).status).toBe(302);
      expect(customerOf(t.customerId).partnerAssistance).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it("turning it to the state it is in (a second click) says so and writes nothing", async () => {
    const t = customerWithAdmin();
    try {
      const off = await postAs(t.adminEmail, { intent: "turnOff" });
      expect(off.status).toBe(302);
      expect(await flashAfter(off, t.adminEmail)).toEqual({ key: "centralAssistance.alreadyOff" });
      await postAs(t.adminEmail, { intent: "turnOn" });
      const before = customerOf(t.customerId);
      const again = await postAs(t.adminEmail, { intent: "turnOn" });
      expect(await flashAfter(again, t.adminEmail)).toEqual({ key: "centralAssistance.alreadyOn" });
      expect(customerOf(t.customerId)).toEqual(before);
      expect(activitiesOf(t.customerId)).toHaveLength(1);
    } finally {
      t.cleanup();
    }
  });

  it("a managed customer order's admin cannot turn it off: 403 with the reason, nothing written", async () => {
    const t = customerWithAdmin({ managedOrder: true, partnerAssistance: true, partnerAssistanceReason: "managed_order" });
    try {
      const data = (await assistancePage(t.adminEmail)).data["routes/central_.partner-assistance"] as AssistancePage;
      expect(data.setting).toMatchObject({ on: true, managedOrder: true });
      const outcome = await postAs(t.adminEmail, { intent: "turnOff" });
      expect(outcome.status).toBe(403);
      expect(await outcome.response!.json()).toEqual({ reason: "managedOrder.assistance", from: null });
      expect(customerOf(t.customerId).partnerAssistance).toBe(true);
      expect(activitiesOf(t.customerId)).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it("an unknown intent is a 400, a body that is not a form a 400, never a 500", async () => {
    const t = customerWithAdmin();
    try {
      for (const form of [{ intent: "turnSideways" }, {}, { intent: "" }] as Record<string, string>[]) {
        expect((await postAs(t.adminEmail, form)).status).toBe(400);
      }
      const cookie = await sessionFor(t.adminEmail);
      const request = new Request(`http://localhost${PAGE}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "http://localhost", Host: "localhost", Cookie: cookie.header() },
        body: "{not a form",
      });
      expect((await submitForm(request)).status).toBe(400);
      expect(customerOf(t.customerId).version).toBe(1);
    } finally {
      t.cleanup();
    }
  });
});

describe("answering the partner's requests", () => {
  it("approving turns Partner Assistance on, records who answered and when, and the partner's list shows it at once", async () => {
    const t = customerWithAdmin();
    try {
      const requestId = insertRequest(t.customerId);
      const at = Date.now();
      setClock(at);
      const outcome = await postAs(t.adminEmail, { intent: "approve", requestId: String(requestId) });
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe(PAGE);
      expect(await flashAfter(outcome, t.adminEmail)).toEqual({
        key: "centralAssistance.approved",
        vars: { partner: "Northwind Security" },
      });
      expect(requestOf(requestId)).toMatchObject({ status: "approved", answeredByUserId: t.adminId, answeredAt: at });
      expect(customerOf(t.customerId)).toMatchObject({
        partnerAssistance: true,
        partnerAssistanceReason: "customer",
        partnerAssistanceSince: at,
      });
      expect(activitiesOf(t.customerId, "approval.approved")).toEqual([
        expect.objectContaining({ partnerId: northwind(), actorUserId: t.adminId, createdAt: at }),
      ]);
      expect(await listRowOf(t.customerId)).toEqual({
        assistance: { state: "on" },
        offer: { request: false, launch: true, launchOff: false },
      });
    } finally {
      t.cleanup();
    }
  });

  it("refusing records the refusal, leaves Partner Assistance off, and the partner's list shows the day", async () => {
    const t = customerWithAdmin();
    try {
      const requestId = insertRequest(t.customerId);
      const at = Date.now();
      setClock(at);
      const outcome = await postAs(t.adminEmail, { intent: "refuse", requestId: String(requestId) });
      expect(outcome.status).toBe(302);
      expect(await flashAfter(outcome, t.adminEmail)).toEqual({
        key: "centralAssistance.refused",
        vars: { partner: "Northwind Security" },
      });
      expect(requestOf(requestId)).toMatchObject({ status: "refused", answeredByUserId: t.adminId, answeredAt: at });
      expect(customerOf(t.customerId).partnerAssistance).toBe(false);
      expect(activitiesOf(t.customerId, "approval.refused")).toEqual([
        expect.objectContaining({ partnerId: northwind(), actorUserId: t.adminId, before: null, after: null }),
      ]);
      expect(await listRowOf(t.customerId)).toEqual({
        assistance: { state: "refused", at },
        offer: { request: true, launch: false, launchOff: true },
      });
    } finally {
      t.cleanup();
    }
  });

  it("an expired request can no longer be answered: a message, and nothing written", async () => {
    const t = customerWithAdmin();
    try {
      const requestId = insertRequest(t.customerId, { createdAt: Date.now() - 14 * DAY });
      for (const intent of ["approve", "refuse"]) {
        const outcome = await postAs(t.adminEmail, { intent, requestId: String(requestId) });
        expect(outcome.status).toBe(302);
        expect(await flashAfter(outcome, t.adminEmail)).toEqual({ key: "centralAssistance.notPending" });
      }
      expect(requestOf(requestId)).toMatchObject({ status: "pending", answeredAt: null });
      expect(customerOf(t.customerId).partnerAssistance).toBe(false);
      expect(activitiesOf(t.customerId)).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it("a request answered already (a second click, a second tab) is not answered again", async () => {
    const t = customerWithAdmin();
    try {
      const requestId = insertRequest(t.customerId);
      await postAs(t.adminEmail, { intent: "refuse", requestId: String(requestId) });
      const again = await postAs(t.adminEmail, { intent: "approve", requestId: String(requestId) });
      expect(again.status).toBe(302);
      expect(await flashAfter(again, t.adminEmail)).toEqual({ key: "centralAssistance.notPending" });
      expect(requestOf(requestId).status).toBe("refused");
      expect(customerOf(t.customerId).partnerAssistance).toBe(false);
      expect(activitiesOf(t.customerId)).toHaveLength(1);
    } finally {
      t.cleanup();
    }
  });

  it("a request of another customer is a 404 for a customer admin, and stays as it was", async () => {
    const mine = customerWithAdmin();
    const theirs = customerWithAdmin();
    try {
      const requestId = insertRequest(theirs.customerId);
      for (const intent of ["approve", "refuse"]) {
        expect((await postAs(mine.adminEmail, { intent, requestId: String(requestId) })).status).toBe(404);
      }
      expect(requestOf(requestId)).toMatchObject({ status: "pending", answeredAt: null });
      expect(customerOf(theirs.customerId).partnerAssistance).toBe(false);
      expect(customerOf(mine.customerId).partnerAssistance).toBe(false);
    } finally {
      mine.cleanup();
      theirs.cleanup();
    }
  });

  it("the admin of Acme cannot answer a request made to Vandelay Industries", async () => {
    const vandelay = customerIdByLegalName("Vandelay Industries");
    const requestId = insertRequest(vandelay);
    try {
      expect((await postAs(ACCOUNTS.acmeCustomerAdmin, { intent: "approve", requestId: String(requestId) })).status).toBe(404);
      expect(requestOf(requestId).status).toBe("pending");
      expect(customerOf(vandelay).partnerAssistance).toBe(false);
    } finally {
      getDb().delete(schema.approvalRequests).where(eq(schema.approvalRequests.id, requestId)).run();
    }
  });

  it.each(["", "abc", "0", "-1", "99999999", "1.5"])("a request id of %j is a 404, never a 500", async (requestId) => {
    const outcome = await postAs(ACCOUNTS.acmeCustomerAdmin, { intent: "approve", requestId });
    expect(outcome.status).toBe(404);
  });

  it("a request id missing from the form is a 404", async () => {
    expect((await postAs(ACCOUNTS.acmeCustomerAdmin, { intent: "refuse" })).status).toBe(404);
  });
});
