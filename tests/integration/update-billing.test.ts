/**
 * F8: "Update billing type" for customers chosen on the list, through the
 * real loader and action of /customers/billing: who may, what the
 * confirmation page lists and why some cannot be converted, what converting
 * writes (in one transaction per customer, with its activity record), the
 * result page, and bad input. The clock is fixed; every customer a test
 * converts is one it created.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { countQueries, createCustomer, customerIdByLegalName, partnerActorFor, partnerIdByName, userIdByEmail } from "../support/db";
import { get, post } from "../support/http";
import { callAction, callLoader, importRoute, type Outcome, type RouteModule } from "../support/routes";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 15, 10, 30);

let route: RouteModule;
beforeAll(async () => {
  route = await importRoute("routes/customers_.billing");
});

afterEach(() => setClock(null));

const northwind = () => partnerIdByName("Northwind Security");
const contoso = () => partnerIdByName("Contoso IT");

type LicenseSeed = {
  product?: string;
  category?: "Endpoint" | "Server" | "Email";
  type?: "trial" | "term" | "usage";
  startsAt?: number;
  endsAt: number;
  usage?: number;
  revoked?: boolean;
};

function customerWith(
  values: Partial<typeof schema.customers.$inferInsert> & { licenses?: LicenseSeed[] } = {},
  partnerId = northwind(),
): number {
  const { licenses = [], ...columns } = values;
  const id = createCustomer(partnerId, columns);
  for (const license of licenses) {
    getDb()
      .insert(schema.licenses)
      .values({
        customerId: id,
        product: license.product ?? "Intercept X Advanced",
        category: license.category ?? "Endpoint",
        type: license.type ?? "trial",
        quantity: 10,
        usage: license.usage ?? 4,
        startsAt: license.startsAt ?? NOW - 10 * DAY,
        endsAt: license.endsAt,
        revoked: license.revoked ?? false,
      })
      .run();
  }
  return id;
}

/** A trial the customer started, with Endpoint and Server trials running. */
const trialCustomer = (partnerId = northwind()) =>
  customerWith(
    {
      billingType: "trial",
      trialStartedBy: "customer",
      licenses: [
        { product: "Intercept X Advanced", category: "Endpoint", endsAt: NOW + 20 * DAY, usage: 7 },
        { product: "Intercept X Advanced for Server", category: "Server", endsAt: NOW + 20 * DAY, usage: 2 },
      ],
    },
    partnerId,
  );
const termCustomer = () => customerWith({ billingType: "term", licenses: [{ type: "term", endsAt: NOW + 100 * DAY }] });

const search = (ids: (number | string)[]) => `?${ids.map((id) => `ids=${encodeURIComponent(String(id))}`).join("&")}`;

async function load(email: string, path: string): Promise<Outcome> {
  return callLoader(route, get(path, { cookie: await sessionFor(email) }));
}

const confirmPage = (ids: (number | string)[], email: string = ACCOUNTS.northwindSuper) =>
  load(email, `/customers/billing${search(ids)}`);

async function submit(ids: (number | string)[], email: string = ACCOUNTS.northwindSuper) {
  return callAction(
    route,
    post(`/customers/billing${search(ids)}`, { ids: ids.map(String) }, { cookie: await sessionFor(email) }),
  );
}

async function convertAndFollow(ids: number[]) {
  const posted = await submit(ids);
  expect(posted.status).toBe(302);
  expect(posted.location).toMatch(/^\/customers\/billing\?done=1/);
  const result = await load(ACCOUNTS.northwindSuper, posted.location!);
  expect(result.status).toBe(200);
  return { posted, result: result.data as ResultPage };
}

type ConfirmPage = {
  view: "confirm";
  truncated: boolean;
  eligible: { id: number; name: string }[];
  refused: { id: number; name: string; reason: string; from: number | null }[];
};
type Named = { id: number; name: string; inList: boolean };
type ResultPage = {
  view: "result";
  converted: Named[];
  refused: (Named & { reason: string | null })[];
  gone: Named[];
};

const customerRow = (id: number) =>
  getDb()
    .select({
      billingType: schema.customers.billingType,
      trialStartedBy: schema.customers.trialStartedBy,
      partnerAssistance: schema.customers.partnerAssistance,
      partnerAssistanceReason: schema.customers.partnerAssistanceReason,
      partnerAssistanceSince: schema.customers.partnerAssistanceSince,
      version: schema.customers.version,
      linkState: schema.customers.linkState,
    })
    .from(schema.customers)
    .where(eq(schema.customers.id, id))
    .get()!;

const licensesOf = (id: number) =>
  getDb()
    .select({
      product: schema.licenses.product,
      category: schema.licenses.category,
      type: schema.licenses.type,
      quantity: schema.licenses.quantity,
      usage: schema.licenses.usage,
      startsAt: schema.licenses.startsAt,
      endsAt: schema.licenses.endsAt,
      revoked: schema.licenses.revoked,
    })
    .from(schema.licenses)
    .where(eq(schema.licenses.customerId, id))
    .orderBy(asc(schema.licenses.id))
    .all();

const activitiesOf = (customerId: number) =>
  getDb()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.customerId, customerId), eq(schema.activities.kind, "customer.billingConverted")))
    .all();

const ids = (customers: { id: number }[]) => customers.map((customer) => customer.id);

describe("the confirmation page", () => {
  it("lists the trials to convert, and apart, with its reason, each customer that cannot be", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const term = termCustomer();
    const umbrella = customerIdByLegalName("Umbrella Health");
    const monthly = customerWith({ billingType: "usage", partnerAssistance: true, partnerAssistanceReason: "monthly" });
    const page = (await confirmPage([trial, term, umbrella, monthly])).data as ConfirmPage;
    expect(page.view).toBe("confirm");
    expect(ids(page.eligible)).toEqual([trial]);
    expect(page.refused).toEqual([
      expect.objectContaining({ id: term, reason: "billing.notTrial" }),
      expect.objectContaining({ id: umbrella, name: "Umbrella Health", reason: "managedOrder.convertBilling" }),
      expect.objectContaining({ id: monthly, reason: "billing.notTrial" }),
    ]);
  });

  it("lists Acme Corp as convertible and Vandelay Industries as not a trial", async () => {
    const acme = customerIdByLegalName("Acme Corp");
    const vandelay = customerIdByLegalName("Vandelay Industries");
    const page = (await confirmPage([acme, vandelay])).data as ConfirmPage;
    expect(page.eligible).toEqual([{ id: acme, name: "Acme Corp" }]);
    expect(page.refused).toEqual([{ id: vandelay, name: "Vandelay Industries", reason: "billing.notTrial", from: null }]);
  });

  it("lists an id chosen twice once, ignores ids that are not numbers, and never lists another partner's", async () => {
    const trial = trialCustomer();
    const tyrell = customerIdByLegalName("Tyrell Systems");
    const page = (await confirmPage(["x", trial, String(trial), tyrell, "-1", "2.5"])).data as ConfirmPage;
    expect(ids(page.eligible)).toEqual([trial]);
    expect(page.refused).toEqual([]);
    expect(JSON.stringify(page)).not.toContain("Tyrell");
  });

  it("with nothing chosen, says to select at least one customer", async () => {
    expect((await load(ACCOUNTS.northwindSuper, "/customers/billing")).data).toEqual({ view: "none", reason: "empty" });
    expect((await confirmPage(["", "abc"])).data).toEqual({ view: "none", reason: "empty" });
  });

  it("when no chosen customer is in the user's list, says so (not a 500, not a 404 that would confirm the id)", async () => {
    const outcome = await confirmPage([customerIdByLegalName("Tyrell Systems"), 424242424]);
    expect(outcome.status).toBe(200);
    expect(outcome.data).toEqual({ view: "none", reason: "notInList" });
  });

  it("takes any number of ids up to 1,000, says when there were more, and reads them in a few queries", async () => {
    const trial = trialCustomer();
    const many = [trial, ...Array.from({ length: 2000 }, (_, i) => 7_000_000 + i)];
    const { result, count } = await countQueries(() => confirmPage(many));
    const page = result.data as ConfirmPage;
    expect(page.truncated).toBe(true);
    expect(ids(page.eligible)).toEqual([trial]);
    expect(count).toBeLessThan(30);
  });
});

describe("converting to monthly", () => {
  it("closes a request for approval still waiting: a monthly account has Partner Assistance already", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    getDb()
      .insert(schema.approvalRequests)
      .values({ customerId: trial, requestedByUserId: userIdByEmail(ACCOUNTS.northwindSuper), status: "pending", createdAt: NOW - DAY, expiresAt: NOW + 13 * DAY })
      .run();
    await convertAndFollow([trial]);
    const statuses = getDb()
      .select({ status: schema.approvalRequests.status })
      .from(schema.approvalRequests)
      .where(eq(schema.approvalRequests.customerId, trial))
      .all();
    expect(statuses).toEqual([{ status: "expired" }]);
  });

  it("makes a trial a monthly account: trials end now, monthly licenses for the same products, Partner Assistance on", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const { result } = await convertAndFollow([trial]);
    expect(ids(result.converted)).toEqual([trial]);
    expect(customerRow(trial)).toEqual({
      billingType: "usage",
      trialStartedBy: null,
      partnerAssistance: true,
      partnerAssistanceReason: "monthly",
      partnerAssistanceSince: NOW,
      version: 2,
      linkState: "linked",
    });
    const licenses = licensesOf(trial);
    expect(licenses.filter((l) => l.type === "trial")).toEqual([
      expect.objectContaining({ product: "Intercept X Advanced", endsAt: NOW, revoked: false }),
      expect.objectContaining({ product: "Intercept X Advanced for Server", endsAt: NOW, revoked: false }),
    ]);
    expect(licenses.filter((l) => l.type === "usage")).toEqual([
      { product: "Intercept X Advanced", category: "Endpoint", type: "usage", quantity: 0, usage: 7, startsAt: NOW, endsAt: NOW + 365 * DAY, revoked: false },
      { product: "Intercept X Advanced for Server", category: "Server", type: "usage", quantity: 0, usage: 2, startsAt: NOW, endsAt: NOW + 365 * DAY, revoked: false },
    ]);
  });

  it("records the change with its before and after, by the user who made it", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    await convertAndFollow([trial]);
    const [activity] = activitiesOf(trial);
    expect(activity).toMatchObject({
      actorUserId: partnerActorFor(ACCOUNTS.northwindSuper).user.id,
      partnerId: northwind(),
      createdAt: NOW,
    });
    expect(JSON.parse(activity!.before!)).toMatchObject({ billingType: "trial", partnerAssistance: false, trialStartedBy: "customer" });
    expect(JSON.parse(activity!.after!)).toMatchObject({
      billingType: "usage",
      partnerAssistance: true,
      partnerAssistanceReason: "monthly",
      monthlyLicenses: ["Intercept X Advanced", "Intercept X Advanced for Server"],
    });
  });

  it("keeps a revoked trial license as it is, and ends an ended one no later; one product trialled twice gets one monthly license", async () => {
    setClock(NOW);
    const trial = customerWith({
      billingType: "trial",
      trialStartedBy: "partner",
      partnerAssistance: true,
      partnerAssistanceReason: "partner_trial",
      licenses: [
        { product: "Email Protection", category: "Email", endsAt: NOW + 5 * DAY, revoked: true },
        { product: "Intercept X Advanced", category: "Endpoint", endsAt: NOW - 2 * DAY, usage: 3 },
        { product: "Intercept X Advanced", category: "Endpoint", endsAt: NOW + 9 * DAY, usage: 5 },
        // A trial that had not started yet ends on its start, so its dates stay in order.
        { product: "Intercept X Advanced for Server", category: "Server", startsAt: NOW + DAY, endsAt: NOW + 31 * DAY, usage: 0 },
      ],
    });
    await convertAndFollow([trial]);
    const licenses = licensesOf(trial);
    expect(licenses.slice(0, 4).map((l) => ({ endsAt: l.endsAt, revoked: l.revoked }))).toEqual([
      { endsAt: NOW + 5 * DAY, revoked: true },
      { endsAt: NOW - 2 * DAY, revoked: false },
      { endsAt: NOW, revoked: false },
      { endsAt: NOW + DAY, revoked: false },
    ]);
    expect(licenses.slice(4).map((l) => [l.product, l.type, l.usage])).toEqual([
      ["Intercept X Advanced", "usage", 8],
      ["Intercept X Advanced for Server", "usage", 0],
    ]);
    expect(customerRow(trial)).toMatchObject({ partnerAssistanceReason: "monthly", partnerAssistanceSince: NOW });
  });

  it("converts the trials and leaves the others untouched, each on its own", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const term = termCustomer();
    const termBefore = { row: customerRow(term), licenses: licensesOf(term) };
    const { result } = await convertAndFollow([term, trial]);
    expect(ids(result.converted)).toEqual([trial]);
    expect(result.refused).toEqual([expect.objectContaining({ id: term, reason: "billing.notTrial", inList: true })]);
    expect({ row: customerRow(term), licenses: licensesOf(term) }).toEqual(termBefore);
    expect(activitiesOf(term)).toEqual([]);
  });

  it("a confirmation posted twice converts once: the second time the customer is no longer a trial", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    await convertAndFollow([trial]);
    const after = { row: customerRow(trial), licenses: licensesOf(trial) };
    setClock(NOW + 60_000);
    const { result } = await convertAndFollow([trial]);
    expect({ row: customerRow(trial), licenses: licensesOf(trial) }).toEqual(after);
    expect(activitiesOf(trial)).toHaveLength(1);
    expect(result.converted).toEqual([]);
    expect(result.refused).toEqual([expect.objectContaining({ id: trial, reason: "billing.notTrial" })]);
  });

  it("reports a customer unlinked since the page was shown as no longer in the list, and converts nothing", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    getDb().update(schema.customers).set({ linkState: "unlinked", unlinkedAt: NOW }).where(eq(schema.customers.id, trial)).run();
    const before = { row: customerRow(trial), licenses: licensesOf(trial) };
    const { result } = await convertAndFollow([trial]);
    expect(ids(result.gone)).toEqual([trial]);
    expect(result.gone[0]!.inList).toBe(false);
    expect({ row: customerRow(trial), licenses: licensesOf(trial) }).toEqual(before);
  });

  it("never converts nor names another partner's trial posted by hand", async () => {
    setClock(NOW);
    const theirs = trialCustomer(contoso());
    const before = customerRow(theirs);
    const { posted, result } = await convertAndFollow([theirs]);
    // The ids the address carries, list by list (not its day, whose digits may hold any number).
    const carried = [...new URL(posted.location!, "http://localhost").searchParams]
      .filter(([key]) => key !== "on" && key !== "done")
      .flatMap(([, value]) => value.split(","));
    expect(carried).not.toContain(String(theirs));
    expect(customerRow(theirs)).toEqual(before);
    expect(result).toMatchObject({ converted: [], refused: [], gone: [] });
  });

  it("an empty post goes back to the page that asks to select at least one customer", async () => {
    const outcome = await submit([]);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers/billing");
  });

  it("the result page shows the same when reloaded, and nothing for ids outside the list", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const { posted, result } = await convertAndFollow([trial]);
    expect((await load(ACCOUNTS.northwindSuper, posted.location!)).data).toEqual(result);
    const tyrell = customerIdByLegalName("Tyrell Systems");
    const crafted = (await load(ACCOUNTS.northwindSuper, `/customers/billing?done=1&converted=${tyrell},zz&refused=-4`)).data;
    expect(crafted).toMatchObject({ view: "result", converted: [], refused: [], gone: [] });
  });
});

describe("who may update billing type", () => {
  it("a Super Admin of a partner without Flex MSP gets a 403 naming the program, on the page and the post", async () => {
    setClock(NOW);
    const theirs = trialCustomer(contoso());
    const page = await confirmPage([theirs], ACCOUNTS.contosoSuper);
    expect(page.status).toBe(403);
    expect(((await page.response!.json()) as { reason: string }).reason).toBe("program.flexMsp");
    const posted = await submit([theirs], ACCOUNTS.contosoSuper);
    expect(posted.status).toBe(403);
    expect(customerRow(theirs).billingType).toBe("trial");
  });

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s gets a 403 naming its role, and nothing changes",
    async (email) => {
      const trial = trialCustomer();
      const page = await confirmPage([trial], email);
      expect(page.status).toBe(403);
      expect(((await page.response!.json()) as { reason: string }).reason).toBe("role");
      expect((await submit([trial], email)).status).toBe(403);
      expect(customerRow(trial).billingType).toBe("trial");
    },
  );

  it("a customer admin gets a 403", async () => {
    const trial = trialCustomer();
    expect((await confirmPage([trial], ACCOUNTS.acmeCustomerAdmin)).status).toBe(403);
    expect((await submit([trial], ACCOUNTS.acmeCustomerAdmin)).status).toBe(403);
  });

  it("a signed-out visitor is sent to sign-in, and a post from another site is refused", async () => {
    const outcome = await callLoader(route, get("/customers/billing?ids=1"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent("/customers/billing?ids=1")}`);
    const trial = trialCustomer();
    const crossSite = await callAction(
      route,
      post("/customers/billing", { ids: String(trial) }, {
        cookie: await sessionFor(ACCOUNTS.northwindSuper),
        headers: { Origin: "https://evil.test" },
      }),
    );
    expect(crossSite.status).toBe(403);
    expect(customerRow(trial).billingType).toBe("trial");
  });
});
