/**
 * F12: "Request approval" through the real actions of the customer details
 * page and of the list (its rows' buttons), and what the list and the details
 * page offer, against the real database: who may ask which customer, the
 * request written with its 14 days and its activity row, one pending request
 * at a time, asking again after a refusal or an expiry, and bad input.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { REQUEST_LIFETIME_MS } from "~/domain/assistance";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, customerIdByLegalName, deleteCustomer, partnerIdByName, userIdByEmail } from "../support/db";
import { CookieJar, get, post } from "../support/http";
import { callLoader, importRoute, loadPage, submitForm, type Outcome } from "../support/routes";

afterEach(() => setClock(null));

const northwind = () => partnerIdByName("Northwind Security");
const DAY = 86_400_000;

async function requestAs(
  who: string | CookieJar,
  customerId: number | string,
  extra: Record<string, string> = {},
): Promise<Outcome> {
  const cookie = typeof who === "string" ? await sessionFor(who) : who;
  const outcome = await submitForm(post(`/customers/${customerId}`, { intent: "requestApproval", ...extra }, { cookie }));
  expect(outcome.route).toBe("routes/customers_.$customerId");
  return outcome;
}

const requestsOf = (customerId: number) =>
  getDb()
    .select()
    .from(schema.approvalRequests)
    .where(eq(schema.approvalRequests.customerId, customerId))
    .orderBy(desc(schema.approvalRequests.createdAt), desc(schema.approvalRequests.id))
    .all();

const activitiesOf = (customerId: number, kind: string) =>
  getDb()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.customerId, customerId), eq(schema.activities.kind, kind)))
    .all();

/** A term customer of Northwind of this test alone: Partner Assistance off, never asked. */
function freshCustomer(values: Partial<typeof schema.customers.$inferInsert> = {}): number {
  return createCustomer(northwind(), { legalName: `Approval Test ${Date.now()} ${Math.random()}`, ...values });
}

async function reasonOf(outcome: Outcome) {
  return (await outcome.response!.clone().json()) as { reason: string; from: number | null };
}

async function flashAfter(outcome: Outcome, email: string) {
  const root = await importRoute("root");
  const jar = (await sessionFor(email)).update(outcome.headers);
  return ((await callLoader(root, get("/customers", { cookie: jar }))).data as { flash: unknown }).flash;
}

describe("requesting a customer's approval", () => {
  it("a super admin asks Initech: a pending request for 14 days, its activity row, and the details page with a message", async () => {
    const at = Date.now();
    setClock(at);
    const initech = customerIdByLegalName("Initech");
    const outcome = await requestAs(ACCOUNTS.northwindSuper, initech);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/customers/${initech}`);
    const [request, ...older] = requestsOf(initech);
    expect(older).toEqual([]);
    expect(request).toMatchObject({
      status: "pending",
      requestedByUserId: userIdByEmail(ACCOUNTS.northwindSuper),
      createdAt: at,
      expiresAt: at + REQUEST_LIFETIME_MS,
      answeredAt: null,
      answeredByUserId: null,
    });
    expect(activitiesOf(initech, "approval.requested")).toEqual([
      expect.objectContaining({ partnerId: northwind(), actorUserId: userIdByEmail(ACCOUNTS.northwindSuper), createdAt: at }),
    ]);
    expect(await flashAfter(outcome, ACCOUNTS.northwindSuper)).toEqual({
      key: "approval.requested",
      vars: { customer: "Initech", date: expect.any(String) },
    });
  });

  it("a second request while one waits is refused with the pending one's expiry, and nothing more is written", async () => {
    const customerId = freshCustomer();
    try {
      const at = Date.now();
      setClock(at);
      expect((await requestAs(ACCOUNTS.northwindSuper, customerId)).status).toBe(302);
      setClock(at + 3 * DAY);
      const second = await requestAs(ACCOUNTS.northwindSuper, customerId);
      expect(second.status).toBe(403);
      expect(await reasonOf(second)).toEqual({ reason: "request.pending", from: at + REQUEST_LIFETIME_MS });
      expect(requestsOf(customerId)).toHaveLength(1);
      expect(activitiesOf(customerId, "approval.requested")).toHaveLength(1);
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("the customer can be asked again once the request has expired: the old one is closed as expired", async () => {
    const customerId = freshCustomer();
    try {
      const at = Date.now();
      setClock(at);
      await requestAs(ACCOUNTS.northwindSuper, customerId);
      setClock(at + REQUEST_LIFETIME_MS - 1000);
      expect((await requestAs(ACCOUNTS.northwindSuper, customerId)).status).toBe(403);
      setClock(at + REQUEST_LIFETIME_MS);
      expect((await requestAs(ACCOUNTS.northwindSuper, customerId)).status).toBe(302);
      const [latest, old] = requestsOf(customerId);
      expect(latest).toMatchObject({ status: "pending", createdAt: at + REQUEST_LIFETIME_MS });
      expect(old).toMatchObject({ status: "expired", createdAt: at });
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("the customer can be asked again after it refused", async () => {
    const customerId = freshCustomer();
    try {
      getDb()
        .insert(schema.approvalRequests)
        .values({
          customerId,
          requestedByUserId: userIdByEmail(ACCOUNTS.northwindSuper),
          status: "refused",
          createdAt: Date.now() - 3 * DAY,
          expiresAt: Date.now() + 11 * DAY,
          answeredAt: Date.now() - DAY,
        })
        .run();
      expect((await requestAs(ACCOUNTS.northwindSuper, customerId)).status).toBe(302);
      expect(requestsOf(customerId).map((row) => row.status)).toEqual(["pending", "refused"]);
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("a customer whose Partner Assistance is on cannot be asked: 403 assistance.alreadyOn, nothing written", async () => {
    const hooli = customerIdByLegalName("Hooli");
    const before = requestsOf(hooli).length;
    const outcome = await requestAs(ACCOUNTS.northwindSuper, hooli);
    expect(outcome.status).toBe(403);
    expect((await reasonOf(outcome)).reason).toBe("assistance.alreadyOn");
    expect(requestsOf(hooli)).toHaveLength(before);
  });

  it("a managed customer order cannot be asked: 403 managedOrder.requestApproval", async () => {
    const outcome = await requestAs(ACCOUNTS.northwindSuper, customerIdByLegalName("Umbrella Health"));
    expect(outcome.status).toBe(403);
    expect((await reasonOf(outcome)).reason).toBe("managedOrder.requestApproval");
  });

  it("an admin may ask a customer of its designation", async () => {
    const customerId = freshCustomer();
    try {
      getDb()
        .insert(schema.userDesignatedCustomers)
        .values({ userId: userIdByEmail(ACCOUNTS.northwindAdmin), customerId })
        .run();
      expect((await requestAs(ACCOUNTS.northwindAdmin, customerId)).status).toBe(302);
      expect(requestsOf(customerId)[0]?.requestedByUserId).toBe(userIdByEmail(ACCOUNTS.northwindAdmin));
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("an admin asking a customer outside its designation gets a 404, and nothing is written", async () => {
    const acme = customerIdByLegalName("Acme Corp");
    expect((await requestAs(ACCOUNTS.northwindAdmin, acme)).status).toBe(404);
    expect(requestsOf(acme)).toEqual([]);
  });

  it.each([ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])("%s may not ask: 403 role, nothing written", async (email) => {
    const acme = customerIdByLegalName("Acme Corp");
    const outcome = await requestAs(email, acme);
    expect(outcome.status).toBe(403);
    expect((await reasonOf(outcome)).reason).toBe("role");
    expect(requestsOf(acme)).toEqual([]);
  });

  it("a super admin of another partner gets a 404 for a Northwind customer", async () => {
    const acme = customerIdByLegalName("Acme Corp");
    expect((await requestAs(ACCOUNTS.contosoSuper, acme)).status).toBe(404);
    expect(requestsOf(acme)).toEqual([]);
  });

  it("a customer admin gets a 403, even for its own customer", async () => {
    const acme = customerIdByLegalName("Acme Corp");
    expect((await requestAs(ACCOUNTS.acmeCustomerAdmin, acme)).status).toBe(403);
    expect(requestsOf(acme)).toEqual([]);
  });

  it("a help desk user launched into a console is still a help desk user here: 403", async () => {
    const jar = await sessionFor(ACCOUNTS.northwindHelpdesk);
    await submitForm(post(`/customers/${customerIdByLegalName("Globex Corporation")}`, { intent: "launch" }, { cookie: jar })).then(
      (outcome) => jar.update(outcome.headers),
    );
    expect((await requestAs(jar, customerIdByLegalName("Acme Corp"))).status).toBe(403);
  });

  it("a malformed customer id is a 404 and an unknown intent a 400, never a 500", async () => {
    for (const id of ["abc", "0", "99999999", "1e3"]) {
      expect((await requestAs(ACCOUNTS.northwindSuper, id)).status).toBe(404);
    }
    const outcome = await submitForm(
      post(`/customers/${customerIdByLegalName("Acme Corp")}`, { intent: "requestApprovalX" }, { cookie: await sessionFor(ACCOUNTS.northwindSuper) }),
    );
    expect(outcome.status).toBe(400);
  });
});

/** A row's "Request approval" on the list: its button posts `requestApproval=<id>` to the list's own address. */
async function requestFromList(who: string, form: Record<string, string>, search = "?q=approval&page=2&sort=billing"): Promise<Outcome> {
  const outcome = await submitForm(post(`/customers${search}`, form, { cookie: await sessionFor(who) }));
  expect(outcome.route).toBe("routes/customers");
  return outcome;
}

describe("requesting from a row of the list", () => {
  it("asks as the details page does, and comes back to the list as it was (its search, sort and page), with the message", async () => {
    const customerId = freshCustomer();
    try {
      const outcome = await requestFromList(ACCOUNTS.northwindSuper, { requestApproval: String(customerId) });
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe("/customers?q=approval&sort=billing&page=2");
      expect(requestsOf(customerId)).toMatchObject([{ status: "pending", requestedByUserId: userIdByEmail(ACCOUNTS.northwindSuper) }]);
      expect(activitiesOf(customerId, "approval.requested")).toHaveLength(1);
      expect(await flashAfter(outcome, ACCOUNTS.northwindSuper)).toMatchObject({ key: "approval.requested" });
      // A second click: refused with the pending request's expiry, nothing written.
      const again = await requestFromList(ACCOUNTS.northwindSuper, { requestApproval: String(customerId) });
      expect(again.status).toBe(403);
      expect(requestsOf(customerId)).toHaveLength(1);
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("an unknown search comes back as the list's own address, never another page", async () => {
    const customerId = freshCustomer();
    try {
      const outcome = await requestFromList(ACCOUNTS.northwindSuper, { requestApproval: String(customerId) }, "?q=%2F%2Fevil.example&sort=nope&page=-1");
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe("/customers?q=%2F%2Fevil.example");
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("the role, the tenant and the customer's state decide as on the details page", async () => {
    const customerId = freshCustomer();
    try {
      // Help desk may not ask; Contoso does not see Northwind's customer; Hooli's assistance is on.
      expect((await requestFromList(ACCOUNTS.northwindHelpdesk, { requestApproval: String(customerId) })).status).toBe(403);
      expect((await requestFromList(ACCOUNTS.contosoSuper, { requestApproval: String(customerId) })).status).toBe(404);
      expect((await requestFromList(ACCOUNTS.northwindSuper, { requestApproval: String(customerIdByLegalName("Hooli")) })).status).toBe(403);
      expect(requestsOf(customerId)).toEqual([]);
    } finally {
      deleteCustomer(customerId);
    }
  });

  it("a form naming no button, or two, is a 400; a malformed id a 404; never a 500", async () => {
    const acme = String(customerIdByLegalName("Acme Corp"));
    const forms: Record<string, string>[] = [{}, { intent: "requestApproval" }, { requestApproval: acme, launch: acme }];
    for (const form of forms) {
      expect((await requestFromList(ACCOUNTS.northwindSuper, form)).status).toBe(400);
    }
    for (const id of ["", "abc", "0", "99999999", "1e3", "-4"]) {
      expect((await requestFromList(ACCOUNTS.northwindSuper, { requestApproval: id })).status).toBe(404);
    }
  });
});

type RowOffer = { request: boolean; launch: boolean; launchOff: boolean };
type ListData = { list: { rows: { id: number; name: string; assistance: { state: string } }[]; offers: Record<string, RowOffer> } };

async function listAs(email: string, q: string) {
  const page = await loadPage(get(`/customers?q=${encodeURIComponent(q)}`, { cookie: await sessionFor(email) }));
  expect(page.status).toBe(200);
  return page.data["routes/customers"] as ListData;
}

function offerFor(data: ListData, name: string): RowOffer {
  const row = data.list.rows.find((r) => r.name === name);
  if (!row) throw new Error(`${name} is not on the page`);
  return data.list.offers[row.id]!;
}

describe("what each row of the list offers", () => {
  it("a super admin: Request approval where Partner Assistance is off, Launch customer where it is on", async () => {
    expect(offerFor(await listAs(ACCOUNTS.northwindSuper, "Acme Corp"), "Acme Corp")).toEqual({
      request: true,
      launch: false,
      launchOff: true,
    });
    expect(offerFor(await listAs(ACCOUNTS.northwindSuper, "Hooli"), "Hooli")).toEqual({
      request: false,
      launch: true,
      launchOff: false,
    });
    expect(offerFor(await listAs(ACCOUNTS.northwindSuper, "Umbrella"), "Umbrella Health")).toEqual({
      request: false,
      launch: true,
      launchOff: false,
    });
  });

  it.each([ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s: no Request approval, Launch customer where Partner Assistance is on, and what the customer must do elsewhere",
    async (email) => {
      expect(offerFor(await listAs(email, "Acme Corp"), "Acme Corp")).toEqual({ request: false, launch: false, launchOff: true });
      expect(offerFor(await listAs(email, "Globex"), "Globex")).toEqual({ request: false, launch: true, launchOff: false });
    },
  );

  it("a customer with a request waiting offers no second Request approval, and reads as requested", async () => {
    const customerId = freshCustomer({ legalName: `Waiting Row ${Date.now()}` });
    try {
      await requestAs(ACCOUNTS.northwindSuper, customerId);
      const data = await listAs(ACCOUNTS.northwindSuper, "Waiting Row");
      const row = data.list.rows.find((r) => r.id === customerId)!;
      expect(row.assistance.state).toBe("requested");
      expect(data.list.offers[customerId]).toEqual({ request: false, launch: false, launchOff: true });
    } finally {
      deleteCustomer(customerId);
    }
  });
});

type DetailsOffer = {
  canRequest: boolean;
  pendingUntil: number | null;
  launch: { readOnly: boolean } | null;
  launchRefusal: string | null;
};

async function detailsOffer(email: string, customerId: number): Promise<DetailsOffer> {
  const route = await importRoute("routes/customers_.$customerId");
  const outcome = await callLoader(route, get(`/customers/${customerId}`, { cookie: await sessionFor(email) }), {
    customerId: String(customerId),
  });
  expect(outcome.status).toBe(200);
  return (outcome.data as { assistanceOffer: DetailsOffer }).assistanceOffer;
}

describe("what the details page offers", () => {
  it("a super admin, for a customer whose Partner Assistance is off: Request approval, and why there is no launch", async () => {
    expect(await detailsOffer(ACCOUNTS.northwindSuper, customerIdByLegalName("Acme Corp"))).toEqual({
      canRequest: true,
      pendingUntil: null,
      launch: null,
      launchRefusal: "assistance.off",
    });
  });

  it("a read-only user, for a customer whose Partner Assistance is on: a read-only launch", async () => {
    expect(await detailsOffer(ACCOUNTS.northwindReadonly, customerIdByLegalName("Hooli"))).toEqual({
      canRequest: false,
      pendingUntil: null,
      launch: { readOnly: true },
      launchRefusal: null,
    });
  });

  it("while a request waits: its expiry, and no second Request approval", async () => {
    const customerId = freshCustomer();
    try {
      const at = Date.now();
      setClock(at);
      await requestAs(ACCOUNTS.northwindSuper, customerId);
      expect(await detailsOffer(ACCOUNTS.northwindSuper, customerId)).toEqual({
        canRequest: false,
        pendingUntil: at + REQUEST_LIFETIME_MS,
        launch: null,
        launchRefusal: "assistance.off",
      });
    } finally {
      deleteCustomer(customerId);
    }
  });
});
