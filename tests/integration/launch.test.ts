/**
 * F13: launching a customer's Central Admin through the real actions and
 * loaders, against the real database. Who may launch which customer; the
 * session that holds the launch, its activity row; what a launched partner
 * user may reach (only the launched customer's console, read-only for a
 * Read-only user, never the Partner Assistance page); the launch ending when
 * the customer turns Partner Assistance off, when the customer leaves the
 * user's reach, at "Back to Partner Console" and at sign-out.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { getSession, sessionIdHash } from "~/services/session.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, customerIdByLegalName, deleteCustomer, partnerIdByName, userIdByEmail } from "../support/db";
import { CookieJar, get, post } from "../support/http";
import { callLoader, importRoute, loadPage, submitForm, type Outcome } from "../support/routes";

afterEach(() => setClock(null));

const northwind = () => partnerIdByName("Northwind Security");
const hooli = () => customerIdByLegalName("Hooli");
const globex = () => customerIdByLegalName("Globex Corporation");
const acme = () => customerIdByLegalName("Acme Corp");
const umbrella = () => customerIdByLegalName("Umbrella Health");
const tyrell = () => customerIdByLegalName("Tyrell Systems");

/**
 * Where "Launch customer" is posted from, as a browser posts it: the details
 * page (`intent=launch` to the customer's page), or a row of the list (its
 * button's `launch=<id>` to the list's own address).
 */
type LaunchPost = { url: string; form: Record<string, string>; route: string };
const LAUNCH_FROM: Record<"the details page" | "a row of the list", (customerId: number) => LaunchPost> = {
  "the details page": (customerId: number) => ({
    url: `/customers/${customerId}`,
    form: { intent: "launch" },
    route: "routes/customers_.$customerId",
  }),
  "a row of the list": (customerId: number) => ({
    url: "/customers?q=corp&page=2",
    form: { launch: String(customerId) },
    route: "routes/customers",
  }),
};
let launchFrom = LAUNCH_FROM["the details page"];

/** Posts "Launch customer" for a customer (from `launchFrom`), as a browser would. */
async function launch(jar: CookieJar, customerId: number, headers?: Record<string, string>): Promise<Outcome> {
  const { url, form, route } = launchFrom(customerId);
  const outcome = await submitForm(post(url, form, { cookie: jar, headers }));
  expect(outcome.route).toBe(route);
  jar.update(outcome.headers);
  return outcome;
}

/** A partner user's session, launched into a customer through the real action. */
async function launchedAs(email: string, customerId: number): Promise<CookieJar> {
  const jar = await sessionFor(email);
  const outcome = await launch(jar, customerId);
  expect(outcome.status, `${email} launches customer ${customerId}`).toBe(302);
  expect(outcome.location).toBe("/central");
  return jar;
}

async function launchedCustomerOf(jar: CookieJar) {
  return (await getSession(get("/", { cookie: jar }))).get("launchedCustomer") ?? null;
}

const launchActivities = (customerId: number) =>
  getDb()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.customerId, customerId), eq(schema.activities.kind, "customer.launch")))
    .all();

function setAssistance(customerId: number, on: boolean) {
  getDb()
    .update(schema.customers)
    .set({ partnerAssistance: on, partnerAssistanceReason: on ? "customer" : null, partnerAssistanceSince: on ? Date.now() : null })
    .where(eq(schema.customers.id, customerId))
    .run();
}

/** A Northwind customer of this test alone, Partner Assistance on ("turned on by the customer"), with its customer admin. */
function customerWithAdmin(name: string): { customerId: number; adminEmail: string; cleanup: () => void } {
  const customerId = createCustomer(northwind(), {
    legalName: name,
    partnerAssistance: true,
    partnerAssistanceReason: "customer",
    partnerAssistanceSince: Date.now(),
  });
  const adminEmail = `admin-${customerId}@customer.test`;
  const userId = getDb()
    .insert(schema.users)
    .values({ email: adminEmail, name: "Test Customer Admin", passwordHash: "not-a-hash", kind: "customer", customerId })
    .returning({ id: schema.users.id })
    .get().id;
  return {
    customerId,
    adminEmail,
    cleanup: () => {
      getDb().delete(schema.activities).where(eq(schema.activities.customerId, customerId)).run();
      getDb().delete(schema.users).where(eq(schema.users.id, userId)).run();
      deleteCustomer(customerId);
    },
  };
}

async function flashOf(jar: CookieJar) {
  const root = await importRoute("root");
  return ((await callLoader(root, get("/customers", { cookie: jar }))).data as { flash: unknown }).flash;
}

describe.each(Object.keys(LAUNCH_FROM) as (keyof typeof LAUNCH_FROM)[])("launching a customer from %s", (from) => {
  beforeEach(() => {
    launchFrom = LAUNCH_FROM[from];
  });
  afterEach(() => {
    launchFrom = LAUNCH_FROM["the details page"];
  });

  it("a super admin launches Hooli: the session holds the launch, the activity log records it, and Central Admin opens", async () => {
    const before = launchActivities(hooli()).length;
    const jar = await launchedAs(ACCOUNTS.northwindSuper, hooli());
    expect(await launchedCustomerOf(jar)).toEqual({ id: hooli(), name: "Hooli" });
    const rows = launchActivities(hooli());
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ partnerId: northwind(), actorUserId: userIdByEmail(ACCOUNTS.northwindSuper) });

    const page = await loadPage(get("/central", { cookie: jar }));
    expect(page.status).toBe(200);
    expect((page.data["routes/central"] as { name: string }).name).toBe("Hooli");
  });

  it("the frame of a launched console names the customer, the partner user and the partner, not read-only", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindSuper, hooli());
    const page = await loadPage(get("/central", { cookie: jar }));
    const viewer = (page.data["root"] as { viewer: unknown }).viewer;
    expect(viewer).toMatchObject({
      kind: "partner",
      name: "Nadia Super",
      organisation: "Northwind Security",
      launched: { customer: "Hooli", readOnly: false },
    });
  });

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk])("%s may launch Hooli too", async (email) => {
    await launchedAs(email, hooli());
  });

  it("a read-only user launches Globex read-only", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindReadonly, globex());
    const page = await loadPage(get("/central", { cookie: jar }));
    expect(page.status).toBe(200);
    expect((page.data["root"] as { viewer: { launched: unknown } }).viewer.launched).toEqual({
      customer: "Globex",
      readOnly: true,
    });
  });

  it("a managed customer order can always be launched", async () => {
    await launchedAs(ACCOUNTS.northwindSuper, umbrella());
  });

  it("a customer whose Partner Assistance is off cannot be launched: 403 with the reason, nothing recorded, no launch", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const before = launchActivities(acme()).length;
    const outcome = await launch(jar, acme());
    expect(outcome.status).toBe(403);
    expect(await outcome.response!.json()).toEqual({ reason: "assistance.off", from: null });
    expect(launchActivities(acme())).toHaveLength(before);
    expect(await launchedCustomerOf(jar)).toBeNull();
  });

  it("a customer of another partner is a 404 and launches nothing", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    expect((await launch(jar, tyrell())).status).toBe(404);
    expect(await launchedCustomerOf(jar)).toBeNull();
  });

  it("a customer outside the user's designation is a 404, even with Partner Assistance on", async () => {
    setAssistance(acme(), true);
    try {
      const jar = await sessionFor(ACCOUNTS.northwindAdmin);
      expect((await launch(jar, acme())).status).toBe(404);
      expect(await launchedCustomerOf(jar)).toBeNull();
    } finally {
      setAssistance(acme(), false);
    }
  });

  it("a customer admin cannot launch, not even its own customer: 403", async () => {
    const jar = await sessionFor(ACCOUNTS.acmeCustomerAdmin);
    expect((await launch(jar, acme())).status).toBe(403);
  });

  it("a signed-out visitor is sent to sign-in", async () => {
    const outcome = await launch(new CookieJar(), hooli());
    expect(outcome.status).toBe(302);
    // A POST comes back to the page without its query (authz.server.ts).
    const page = new URL(launchFrom(hooli()).url, "http://localhost").pathname;
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(page)}`);
  });

  it("a launch posted from another site is refused and launches nothing", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const outcome = await launch(jar, hooli(), { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(outcome.status).toBe(403);
    expect(await launchedCustomerOf(jar)).toBeNull();
  });

  it("launching another customer replaces the launch: only the last one is reachable", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindSuper, hooli());
    await launch(jar, globex());
    expect(await launchedCustomerOf(jar)).toEqual({ id: globex(), name: "Globex" });
    const page = await loadPage(get("/central", { cookie: jar }));
    expect((page.data["routes/central"] as { name: string }).name).toBe("Globex");
  });
});

describe("inside a launched console", () => {
  it("Central Admin shows only the launched customer's licenses", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindSuper, globex());
    const page = await loadPage(get("/central", { cookie: jar }));
    const licenses = (page.data["routes/central"] as { licenses: { id: number }[] }).licenses;
    const own = getDb()
      .select({ id: schema.licenses.id })
      .from(schema.licenses)
      .where(eq(schema.licenses.customerId, globex()))
      .all()
      .map((row) => row.id);
    expect(licenses.map((license) => license.id).sort()).toEqual(own.sort());
  });

  it("Account details show the account, and no Partner Assistance setting", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindHelpdesk, globex());
    const page = await loadPage(get("/central/account", { cookie: jar }));
    expect(page.status).toBe(200);
    expect(page.data["routes/central_.account"]).toEqual({
      name: "Globex",
      legalName: "Globex Corporation",
      partner: "Northwind Security",
      assistance: null,
    });
  });

  it.each([ACCOUNTS.northwindSuper, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "the Partner Assistance page does not exist for %s launched into the console (404), and nothing changes",
    async (email) => {
      const jar = await launchedAs(email, globex());
      expect((await loadPage(get("/central/partner-assistance", { cookie: jar }))).status).toBe(404);
      const before = getDb().select().from(schema.customers).where(eq(schema.customers.id, globex())).get();
      for (const intent of ["turnOff", "turnOn"]) {
        const outcome = await submitForm(post("/central/partner-assistance", { intent }, { cookie: jar }));
        // A Read-only launch refuses every POST first (403); the others find no page (404).
        expect(outcome.status).toBe(email === ACCOUNTS.northwindReadonly ? 403 : 404);
      }
      expect(getDb().select().from(schema.customers).where(eq(schema.customers.id, globex())).get()).toEqual(before);
    },
  );

  it("a launched user cannot answer a request of the customer's partner: 404, and the request still waits", async () => {
    const { customerId, cleanup } = customerWithAdmin(`Launch answer ${Date.now()}`);
    try {
      const requestId = getDb()
        .insert(schema.approvalRequests)
        .values({
          customerId,
          requestedByUserId: userIdByEmail(ACCOUNTS.northwindSuper),
          createdAt: Date.now(),
          expiresAt: Date.now() + 86_400_000,
        })
        .returning({ id: schema.approvalRequests.id })
        .get().id;
      const jar = await launchedAs(ACCOUNTS.northwindSuper, customerId);
      for (const intent of ["approve", "refuse"]) {
        const outcome = await submitForm(
          post("/central/partner-assistance", { intent, requestId: String(requestId) }, { cookie: jar }),
        );
        expect(outcome.status).toBe(404);
      }
      const row = getDb().select().from(schema.approvalRequests).where(eq(schema.approvalRequests.id, requestId)).get();
      expect(row).toMatchObject({ status: "pending", answeredAt: null, answeredByUserId: null });
    } finally {
      cleanup();
    }
  });

  it("a read-only launch refuses any POST to the console with a 403", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindReadonly, globex());
    for (const path of ["/central", "/central/account", "/central/partner-assistance"]) {
      const route = await importRoute(
        path === "/central" ? "routes/central" : path === "/central/account" ? "routes/central_.account" : "routes/central_.partner-assistance",
      );
      // The guard is what refuses: called as the loader of a POST request, it answers 403.
      const outcome = await callLoader(route, post(path, { intent: "turnOff" }, { cookie: jar }));
      expect(outcome.status, path).toBe(403);
    }
  });

  it("a partner user who is not launched gets a 403 in Central Admin", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    for (const path of ["/central", "/central/account", "/central/partner-assistance"]) {
      expect((await loadPage(get(path, { cookie: jar }))).status, path).toBe(403);
    }
  });

  it("a rename by the partner shows at once in the launched console", async () => {
    const { customerId, cleanup } = customerWithAdmin(`Launch rename ${Date.now()}`);
    try {
      const jar = await launchedAs(ACCOUNTS.northwindSuper, customerId);
      getDb().update(schema.customers).set({ displayName: "Shown Name Now" }).where(eq(schema.customers.id, customerId)).run();
      const page = await loadPage(get("/central", { cookie: jar }));
      expect((page.data["routes/central"] as { name: string }).name).toBe("Shown Name Now");
    } finally {
      cleanup();
    }
  });
});

describe("the end of a launch", () => {
  it("turning Partner Assistance off sends a launched user back at its next request, with a message, and ends the launch", async () => {
    const { customerId, adminEmail, cleanup } = customerWithAdmin(`Launch off ${Date.now()}`);
    try {
      const partner = await launchedAs(ACCOUNTS.northwindSuper, customerId);
      expect((await loadPage(get("/central", { cookie: partner }))).status).toBe(200);

      const customer = await sessionFor(adminEmail);
      const off = await submitForm(post("/central/partner-assistance", { intent: "turnOff" }, { cookie: customer }));
      expect(off.status).toBe(302);

      const next = await loadPage(get("/central/account", { cookie: partner }));
      expect(next.status).toBe(302);
      expect(next.location).toBe(`/customers/${customerId}`);
      partner.update(next.headers);
      expect(await launchedCustomerOf(partner)).toBeNull();
      expect(await flashOf(partner)).toEqual({
        key: "launch.ended.assistanceOff",
        vars: { customer: expect.stringMatching(/^Launch off /) },
      });
      // No longer launched: Central Admin is closed to this partner user.
      expect((await loadPage(get("/central", { cookie: partner }))).status).toBe(403);
      // Nor does the frame show a launch any more.
      const frame = await loadPage(get("/customers", { cookie: partner }));
      expect((frame.data["root"] as { viewer: { launched: unknown } }).viewer.launched).toBeNull();
    } finally {
      cleanup();
    }
  });

  it("a POST from a launched user after the customer turned Partner Assistance off is sent back too, never a 500", async () => {
    const { customerId, cleanup } = customerWithAdmin(`Launch off post ${Date.now()}`);
    try {
      const partner = await launchedAs(ACCOUNTS.northwindReadonly, customerId);
      setAssistance(customerId, false);
      const outcome = await submitForm(post("/central/partner-assistance", { intent: "turnOn" }, { cookie: partner }));
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe(`/customers/${customerId}`);
      expect(getDb().select().from(schema.customers).where(eq(schema.customers.id, customerId)).get()?.partnerAssistance).toBe(false);
    } finally {
      cleanup();
    }
  });

  it("a customer taken out of reach (unlinked) ends the launch, back to the list with a message", async () => {
    const { customerId, cleanup } = customerWithAdmin(`Launch gone ${Date.now()}`);
    try {
      const partner = await launchedAs(ACCOUNTS.northwindSuper, customerId);
      getDb()
        .update(schema.customers)
        .set({ linkState: "unlinked", unlinkedAt: Date.now() })
        .where(eq(schema.customers.id, customerId))
        .run();
      const next = await loadPage(get("/central", { cookie: partner }));
      expect(next.status).toBe(302);
      expect(next.location).toBe("/customers");
      partner.update(next.headers);
      expect(await launchedCustomerOf(partner)).toBeNull();
      expect(await flashOf(partner)).toMatchObject({ key: "launch.ended.gone" });
    } finally {
      cleanup();
    }
  });

  it("Back to Partner Console ends the launch and returns to the customer's details with a message", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindSuper, hooli());
    const leave = await submitForm(post("/central/leave", {}, { cookie: jar }));
    expect(leave.route).toBe("routes/central_.leave");
    expect(leave.status).toBe(302);
    expect(leave.location).toBe(`/customers/${hooli()}`);
    jar.update(leave.headers);
    expect(await launchedCustomerOf(jar)).toBeNull();
    expect(await flashOf(jar)).toEqual({ key: "launch.left", vars: { customer: "Hooli" } });
    expect((await loadPage(get("/central", { cookie: jar }))).status).toBe(403);
  });

  it("a read-only user goes back to the Partner Console too", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindReadonly, globex());
    const leave = await submitForm(post("/central/leave", {}, { cookie: jar }));
    expect(leave.status).toBe(302);
    expect(leave.location).toBe(`/customers/${globex()}`);
  });

  it("asking to go back shows a page with the button; with nothing to leave, the Customers page", async () => {
    const launched = await launchedAs(ACCOUNTS.northwindHelpdesk, hooli());
    const page = await loadPage(get("/central/leave", { cookie: launched }));
    expect(page.status).toBe(200);
    expect(page.data["routes/central_.leave"]).toEqual({ customer: "Hooli" });
    // A GET changes nothing: still launched.
    expect(await launchedCustomerOf(launched)).toEqual({ id: hooli(), name: "Hooli" });

    const plain = await sessionFor(ACCOUNTS.northwindHelpdesk);
    const none = await loadPage(get("/central/leave", { cookie: plain }));
    expect(none.status).toBe(302);
    expect(none.location).toBe("/customers");
  });

  it("going back twice (a second tab) just lands on the Customers page", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindSuper);
    const outcome = await submitForm(post("/central/leave", {}, { cookie: jar }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers");
  });

  it("a customer admin has nothing to go back to: 403", async () => {
    const jar = await sessionFor(ACCOUNTS.acmeCustomerAdmin);
    expect((await submitForm(post("/central/leave", {}, { cookie: jar }))).status).toBe(403);
    expect((await loadPage(get("/central/leave", { cookie: jar }))).status).toBe(403);
  });

  it("signing out ends the launch with the session", async () => {
    const jar = await launchedAs(ACCOUNTS.northwindSuper, hooli());
    const before = await getSession(get("/", { cookie: jar }));
    const stored = () =>
      getDb().select().from(schema.sessions).where(eq(schema.sessions.idHash, sessionIdHash(before.id))).get();
    expect(stored()).toBeDefined();
    const signOut = await submitForm(post("/sign-out", {}, { cookie: jar }));
    expect(signOut.status).toBe(302);
    expect(stored()).toBeUndefined();
    // The old cookie, sent again, opens nothing.
    const page = await loadPage(get("/central", { cookie: jar }));
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/sign-in/);
  });
});
