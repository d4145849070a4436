/**
 * F9: unlinking customers chosen on the list, through the real loaders and
 * actions of /customers/unlink, the Customers list and the customer details
 * page ("Cancel unlink"), and the background job that completes scheduled
 * unlinks. The clock is fixed for every test (setClock), and every customer
 * a test changes is one it created, so no demo customer changes.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { setClock } from "~/utils/clock";
import { unlinkCustomer } from "~/models/customer-lifecycle.server";
import { listChosenCustomers } from "~/models/customer-selection.server";
import { completeDueUnlinks } from "~/models/scheduled-unlinks.server";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { countQueries, createCustomer, customerIdByLegalName, partnerActorFor, partnerIdByName } from "../support/db";
import { get, post } from "../support/http";
import { callAction, callLoader, importRoute, type Outcome, type RouteModule } from "../support/routes";

const DAY = 86_400_000;
/** Friday 15 May 2026, 10:30 UTC. */
const NOW = Date.UTC(2026, 4, 15, 10, 30);
const FIRST_OF_JUNE = Date.UTC(2026, 5, 1);

let unlinkRoute: RouteModule;
let detailsRoute: RouteModule;
let listRoute: RouteModule;
beforeAll(async () => {
  unlinkRoute = await importRoute("routes/customers_.unlink");
  detailsRoute = await importRoute("routes/customers_.$customerId");
  listRoute = await importRoute("routes/customers");
});

afterEach(() => setClock(null));

const northwind = () => partnerIdByName("Northwind Security");
const contoso = () => partnerIdByName("Contoso IT");

type LicenseSeed = { type?: "trial" | "term" | "usage"; endsAt: number; revoked?: boolean; startsAt?: number };

/** A customer of its own for one test, with licenses ending on given days. */
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
        product: "Intercept X Advanced",
        category: "Endpoint",
        type: license.type ?? "term",
        quantity: 10,
        usage: 4,
        startsAt: license.startsAt ?? license.endsAt - 365 * DAY,
        endsAt: license.endsAt,
        revoked: license.revoked ?? false,
      })
      .run();
  }
  return id;
}

const trialCustomer = (partnerId = northwind()) =>
  customerWith(
    { billingType: "trial", trialStartedBy: "customer", licenses: [{ type: "trial", endsAt: NOW + 20 * DAY, startsAt: NOW - 10 * DAY }] },
    partnerId,
  );
const monthlyCustomer = () =>
  customerWith({
    billingType: "usage",
    partnerAssistance: true,
    partnerAssistanceReason: "monthly",
    licenses: [{ type: "usage", endsAt: NOW + 200 * DAY }],
  });
const termEndedDaysAgo = (days: number) => customerWith({ licenses: [{ endsAt: NOW - days * DAY }] });

const search = (ids: (number | string)[]) => `?${ids.map((id) => `ids=${encodeURIComponent(String(id))}`).join("&")}`;

async function load(email: string, path: string): Promise<Outcome> {
  return callLoader(unlinkRoute, get(path, { cookie: await sessionFor(email) }));
}

async function confirmPage(ids: (number | string)[], email: string = ACCOUNTS.northwindSuper) {
  return load(email, `/customers/unlink${search(ids)}`);
}

async function submit(ids: (number | string)[], extra: Record<string, string> = {}, email: string = ACCOUNTS.northwindSuper) {
  const form = { ids: ids.map(String), ...extra };
  return callAction(unlinkRoute, post(`/customers/unlink${search(ids)}`, form, { cookie: await sessionFor(email) }));
}

/** Posts the confirmation and loads the result page it redirects to, as the browser would. */
async function unlinkAndFollow(ids: number[], extra: Record<string, string> = { confirmImmediate: "yes" }) {
  const posted = await submit(ids, extra);
  expect(posted.status).toBe(302);
  expect(posted.location).toMatch(/^\/customers\/unlink\?done=1/);
  const result = await load(ACCOUNTS.northwindSuper, posted.location!);
  expect(result.status).toBe(200);
  return { posted, result: result.data as ResultPage };
}

type Named = { id: number; name: string; inList: boolean };
type ConfirmPage = {
  view: "confirm";
  truncated: boolean;
  ids: number[];
  now: { id: number; name: string }[];
  scheduled: { id: number; name: string; on: number }[];
  refused: { id: number; name: string; reason: string; from: number | null }[];
};
type ResultPage = {
  view: "result";
  on: number | null;
  unlinked: Named[];
  scheduled: Named[];
  unconfirmed: Named[];
  refused: (Named & { reason: string | null; from: number | null })[];
  gone: Named[];
};

function customerRow(id: number) {
  return getDb()
    .select({
      linkState: schema.customers.linkState,
      unlinkScheduledFor: schema.customers.unlinkScheduledFor,
      unlinkedAt: schema.customers.unlinkedAt,
      version: schema.customers.version,
    })
    .from(schema.customers)
    .where(eq(schema.customers.id, id))
    .get()!;
}

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

const ids = (customers: { id: number }[]) => customers.map((customer) => customer.id);

describe("the confirmation page says what would happen to each chosen customer", () => {
  it("a trial, an inactive account, a customer whose every license is revoked and one with no license are unlinked at once", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const inactive = customerWith({ status: "inactive", licenses: [{ endsAt: NOW + 100 * DAY }] });
    const revoked = customerWith({ licenses: [{ endsAt: NOW + 100 * DAY, revoked: true }] });
    const bare = customerWith();
    const page = (await confirmPage([trial, inactive, revoked, bare])).data as ConfirmPage;
    expect(page.view).toBe("confirm");
    expect(ids(page.now)).toEqual([trial, inactive, revoked, bare]);
    expect(page.scheduled).toEqual([]);
    expect(page.refused).toEqual([]);
  });

  it("a term customer whose last license ended exactly 60 days ago is unlinked at once; 59 days ago, it can be from tomorrow", async () => {
    setClock(NOW);
    const sixty = termEndedDaysAgo(60);
    const fiftyNine = termEndedDaysAgo(59);
    const page = (await confirmPage([sixty, fiftyNine])).data as ConfirmPage;
    expect(ids(page.now)).toEqual([sixty]);
    expect(page.refused).toEqual([
      expect.objectContaining({ id: fiftyNine, reason: "unlink.recentLicense", from: NOW + DAY }),
    ]);
  });

  it("a customer with an active license can be unlinked 60 days after it ends", async () => {
    setClock(NOW);
    const active = customerWith({ licenses: [{ endsAt: NOW + 10 * DAY }] });
    const page = (await confirmPage([active])).data as ConfirmPage;
    expect(page.refused).toEqual([expect.objectContaining({ reason: "unlink.recentLicense", from: NOW + 70 * DAY })]);
  });

  it.each([
    ["in the middle of May", NOW, FIRST_OF_JUNE],
    ["on the last millisecond of January", Date.UTC(2026, 1, 1) - 1, Date.UTC(2026, 1, 1)],
    ["on the last day of April", Date.UTC(2026, 3, 30, 12), Date.UTC(2026, 4, 1)],
    ["on 31 December", Date.UTC(2026, 11, 31, 23), Date.UTC(2027, 0, 1)],
    ["on the leap day", Date.UTC(2028, 1, 29, 8), Date.UTC(2028, 2, 1)],
  ])("a monthly account's unlink asked %s is scheduled for the first day of the next month", async (_when, at, expected) => {
    setClock(at);
    const monthly = monthlyCustomer();
    const page = (await confirmPage([monthly])).data as ConfirmPage;
    expect(page.scheduled).toEqual([expect.objectContaining({ id: monthly, on: expected })]);
    expect(page.now).toEqual([]);
  });

  it("a managed customer order and a customer already scheduled cannot be unlinked, each with its reason", async () => {
    setClock(NOW);
    const umbrella = customerIdByLegalName("Umbrella Health");
    const scheduled = customerWith({
      billingType: "usage",
      partnerAssistance: true,
      partnerAssistanceReason: "monthly",
      linkState: "unlink_scheduled",
      unlinkScheduledFor: FIRST_OF_JUNE,
    });
    const page = (await confirmPage([umbrella, scheduled])).data as ConfirmPage;
    expect(page.refused).toEqual([
      expect.objectContaining({ id: umbrella, reason: "managedOrder.unlink", from: null }),
      expect.objectContaining({ id: scheduled, reason: "unlink.alreadyScheduled", from: FIRST_OF_JUNE }),
    ]);
  });

  it("keeps the order chosen and lists an id chosen twice once", async () => {
    setClock(NOW);
    const first = trialCustomer();
    const second = monthlyCustomer();
    const page = (await confirmPage([second, first, second, first])).data as ConfirmPage;
    expect(page.ids).toEqual([second, first]);
  });
});

describe("bad input on the confirmation page", () => {
  it("with nothing chosen, says to select at least one customer", async () => {
    const outcome = await load(ACCOUNTS.northwindSuper, "/customers/unlink");
    expect(outcome.status).toBe(200);
    expect(outcome.data).toEqual({ view: "none", reason: "empty" });
  });

  it("ignores ids that are not positive whole numbers, and says so when none is left", async () => {
    const outcome = await confirmPage(["abc", "-3", "0", "1.5", "1e3", "", " ", "99999999999999999999", "<script>"]);
    expect(outcome.status).toBe(200);
    expect(outcome.data).toEqual({ view: "none", reason: "empty" });
  });

  it("does not list a customer of another partner, nor one unlinked already, and never names them", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const unlinked = customerWith({ linkState: "unlinked", unlinkedAt: NOW - DAY });
    const tyrell = customerIdByLegalName("Tyrell Systems");
    const outcome = await confirmPage([tyrell, trial, unlinked]);
    const page = outcome.data as ConfirmPage;
    expect(page.ids).toEqual([trial]);
    expect(JSON.stringify(page)).not.toContain("Tyrell");
  });

  it("when no chosen id is in the user's list, says so instead of failing", async () => {
    const outcome = await confirmPage([customerIdByLegalName("Tyrell Systems"), 987654321]);
    expect(outcome.status).toBe(200);
    expect(outcome.data).toEqual({ view: "none", reason: "notInList" });
  });

  it("reads at most 1,000 ids, says so, and reads their facts in a few queries", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const many = [trial, ...Array.from({ length: 1500 }, (_, i) => 5_000_000 + i)];
    const { result, count } = await countQueries(() => confirmPage(many));
    const page = result.data as ConfirmPage;
    expect(page.truncated).toBe(true);
    expect(page.ids).toEqual([trial]);
    // Session and user, then customers, licenses and requests per slice of 500 ids: not one query per id.
    expect(count).toBeLessThan(30);
  });
});

describe("unlinking", () => {
  it("without the explicit yes, an immediate unlink is refused at the field and nothing is written", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const before = customerRow(trial);
    const outcome = await submit([trial]);
    expect(outcome.status).toBe(400);
    const reply = (outcome.data as { reply: { error?: Record<string, string[]> } }).reply;
    expect(reply.error?.confirmImmediate).toEqual(["Confirm that the unlink is effective immediately"]);
    expect(customerRow(trial)).toEqual(before);
    expect(activitiesOf(trial)).toEqual([]);
    // The page shown with the error still lists the selection (its address holds it).
    expect(((await confirmPage([trial])).data as ConfirmPage).ids).toEqual([trial]);
  });

  it("gives the error in Spanish to a Spanish browser", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const outcome = await callAction(
      unlinkRoute,
      post(`/customers/unlink${search([trial])}`, { ids: [String(trial)] }, { cookie, headers: { "Accept-Language": "es" } }),
    );
    expect(outcome.status).toBe(400);
    const reply = (outcome.data as { reply: { error?: Record<string, string[]> } }).reply;
    expect(reply.error?.confirmImmediate).toEqual(["Confirme que la desvinculación es efectiva de inmediato"]);
  });

  it("with the yes, unlinks at once, schedules a monthly account and leaves a refused one untouched, each in its own outcome", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const monthly = monthlyCustomer();
    const recent = termEndedDaysAgo(20);
    const recentBefore = customerRow(recent);
    const { result } = await unlinkAndFollow([trial, monthly, recent]);

    expect(customerRow(trial)).toMatchObject({ linkState: "unlinked", unlinkedAt: NOW, unlinkScheduledFor: null, version: 2 });
    expect(customerRow(monthly)).toMatchObject({ linkState: "unlink_scheduled", unlinkScheduledFor: FIRST_OF_JUNE, unlinkedAt: null, version: 2 });
    expect(customerRow(recent)).toEqual(recentBefore);

    expect(ids(result.unlinked)).toEqual([trial]);
    expect(result.unlinked[0]!.inList).toBe(false);
    expect(ids(result.scheduled)).toEqual([monthly]);
    expect(result.on).toBe(FIRST_OF_JUNE);
    expect(result.refused).toEqual([
      expect.objectContaining({ id: recent, reason: "unlink.recentLicense", from: NOW + 40 * DAY, inList: true }),
    ]);
    expect(result.gone).toEqual([]);
  });

  it("records who unlinked and who scheduled, in the same transaction as the change", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const monthly = monthlyCustomer();
    await unlinkAndFollow([trial, monthly]);
    const superId = partnerActorFor(ACCOUNTS.northwindSuper).user.id;
    const [unlinked] = activitiesOf(trial, "customer.unlinked");
    expect(unlinked).toMatchObject({ actorUserId: superId, partnerId: northwind(), createdAt: NOW });
    expect(JSON.parse(unlinked!.before!)).toEqual({ linkState: "linked" });
    expect(JSON.parse(unlinked!.after!)).toMatchObject({ linkState: "unlinked", unlinkedAt: NOW });
    const [scheduled] = activitiesOf(monthly, "customer.unlinkScheduled");
    expect(scheduled).toMatchObject({ actorUserId: superId, createdAt: NOW });
    expect(JSON.parse(scheduled!.after!)).toEqual({ linkState: "unlink_scheduled", unlinkScheduledFor: FIRST_OF_JUNE });
  });

  it("needs no yes when nothing would be unlinked at once", async () => {
    setClock(NOW);
    const monthly = monthlyCustomer();
    const { result } = await unlinkAndFollow([monthly], {});
    expect(ids(result.scheduled)).toEqual([monthly]);
  });

  it("an unlinked customer leaves the list, but its record stays; a scheduled one stays with its date", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const monthly = monthlyCustomer();
    await unlinkAndFollow([trial, monthly]);
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const list = (await callLoader(listRoute, get("/customers?q=test%20customer", { cookie }))).data as {
      list: { rows: { id: number; unlinkScheduledFor: number | null }[] };
    };
    const shown = list.list.rows.map((row) => row.id);
    expect(shown).not.toContain(trial);
    expect(list.list.rows.find((row) => row.id === monthly)?.unlinkScheduledFor).toBe(FIRST_OF_JUNE);
    expect(customerRow(trial)).toBeDefined();
    // Its details page is a 404 now, as for any customer outside the list.
    const details = await callLoader(detailsRoute, get(`/customers/${trial}`, { cookie }), { customerId: String(trial) });
    expect(details.status).toBe(404);
  });

  it("a confirmation posted twice writes nothing twice: the unlinked one is no longer in the list, the scheduled one already scheduled", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const monthly = monthlyCustomer();
    await unlinkAndFollow([trial, monthly]);
    const rows = [customerRow(trial), customerRow(monthly)];
    const { result } = await unlinkAndFollow([trial, monthly]);
    expect([customerRow(trial), customerRow(monthly)]).toEqual(rows);
    expect(activitiesOf(trial)).toHaveLength(1);
    expect(activitiesOf(monthly)).toHaveLength(1);
    expect(result.gone).toEqual([{ id: trial, name: expect.any(String), inList: false }]);
    expect(result.refused).toEqual([
      expect.objectContaining({ id: monthly, reason: "unlink.alreadyScheduled", from: FIRST_OF_JUNE }),
    ]);
  });

  it("reports a customer unlinked by someone else since the page was shown as no longer in the list, and writes nothing", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    getDb()
      .update(schema.customers)
      .set({ linkState: "unlinked", unlinkedAt: NOW - 1000 })
      .where(eq(schema.customers.id, trial))
      .run();
    const before = customerRow(trial);
    const { result } = await unlinkAndFollow([trial]);
    expect(ids(result.gone)).toEqual([trial]);
    expect(customerRow(trial)).toEqual(before);
    expect(activitiesOf(trial)).toEqual([]);
  });

  it("leaves ids of another partner out of the result entirely, and does not touch them", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const theirs = trialCustomer(contoso());
    const before = customerRow(theirs);
    const { posted, result } = await unlinkAndFollow([theirs, trial]);
    // The ids the address carries, list by list (not its day, whose digits may hold any number).
    const carried = [...new URL(posted.location!, "http://localhost").searchParams]
      .filter(([key]) => key !== "on" && key !== "done")
      .flatMap(([, value]) => value.split(","));
    expect(carried).not.toContain(String(theirs));
    expect(customerRow(theirs)).toEqual(before);
    expect(ids(result.unlinked)).toEqual([trial]);
    const named = [result.unlinked, result.scheduled, result.unconfirmed, result.refused, result.gone].flat();
    expect(named.map((customer) => customer.id)).not.toContain(theirs);
  });

  it("an empty post goes back to the page that asks to select at least one customer", async () => {
    const outcome = await submit(["nope"], { confirmImmediate: "yes" });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers/unlink");
  });

  it("a body that is not a form is a 400, not a 500", async () => {
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const request = new Request("http://localhost/customers/unlink", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "http://localhost", Host: "localhost", Cookie: cookie.header() },
      body: "{}",
    });
    const outcome = await callAction(unlinkRoute, request);
    expect(outcome.status).toBe(400);
  });

  it("the model refuses to unlink at once without the yes, even when the page asked none (the facts changed)", () => {
    setClock(NOW);
    const trial = trialCustomer();
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    expect(unlinkCustomer({ actor, customerId: trial, confirmedImmediate: false })).toMatchObject({ status: "unconfirmed" });
    expect(customerRow(trial).linkState).toBe("linked");
    expect(activitiesOf(trial)).toEqual([]);
  });
});

describe("the result page", () => {
  it("shows the same outcomes when reloaded", async () => {
    setClock(NOW);
    const trial = trialCustomer();
    const monthly = monthlyCustomer();
    const { posted, result } = await unlinkAndFollow([trial, monthly]);
    const again = await load(ACCOUNTS.northwindSuper, posted.location!);
    expect(again.data).toEqual(result);
  });

  it("a day in the address beyond what a date can hold is no day (it would fail to render)", async () => {
    for (const on of ["9999999999999999", "8640000000000001"]) {
      const outcome = await load(ACCOUNTS.northwindSuper, `/customers/unlink?done=1&on=${on}`);
      expect(outcome.status).toBe(200);
      expect((outcome.data as ResultPage).on).toBeNull();
    }
  });

  it("names nobody of another partner, whatever its address says", async () => {
    const tyrell = customerIdByLegalName("Tyrell Systems");
    const outcome = await load(ACCOUNTS.northwindSuper, `/customers/unlink?done=1&unlinked=${tyrell}&gone=${tyrell},abc&on=xyz`);
    expect(outcome.status).toBe(200);
    const page = outcome.data as ResultPage;
    expect(page.unlinked).toEqual([]);
    expect(page.gone).toEqual([]);
    expect(page.on).toBeNull();
  });
});

describe("who may unlink", () => {
  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s gets a 403 naming its role, on the page and on the post, and nothing changes",
    async (email) => {
      setClock(NOW);
      const trial = trialCustomer();
      const page = await confirmPage([trial], email);
      expect(page.status).toBe(403);
      expect(((await page.response!.json()) as { reason: string }).reason).toBe("role");
      const posted = await submit([trial], { confirmImmediate: "yes" }, email);
      expect(posted.status).toBe(403);
      expect(customerRow(trial).linkState).toBe("linked");
    },
  );

  it("a customer admin gets a 403", async () => {
    const trial = trialCustomer();
    expect((await confirmPage([trial], ACCOUNTS.acmeCustomerAdmin)).status).toBe(403);
    expect((await submit([trial], { confirmImmediate: "yes" }, ACCOUNTS.acmeCustomerAdmin)).status).toBe(403);
  });

  it("a signed-out visitor is sent to sign-in", async () => {
    const outcome = await callLoader(unlinkRoute, get("/customers/unlink?ids=1"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent("/customers/unlink?ids=1")}`);
  });

  it("a Super Admin of a partner with no program unlinks its own customers, and sees none of Northwind's", async () => {
    setClock(NOW);
    const theirs = trialCustomer(contoso());
    const ours = trialCustomer();
    const page = (await confirmPage([ours, theirs], ACCOUNTS.contosoSuper)).data as ConfirmPage;
    expect(page.ids).toEqual([theirs]);
    const posted = await submit([ours, theirs], { confirmImmediate: "yes" }, ACCOUNTS.contosoSuper);
    expect(posted.status).toBe(302);
    expect(customerRow(theirs).linkState).toBe("unlinked");
    expect(customerRow(ours).linkState).toBe("linked");
  });

  it("a designated user's scope leaves out customers outside the designation", () => {
    const trial = trialCustomer();
    const admin = partnerActorFor(ACCOUNTS.northwindAdmin);
    const hooli = customerIdByLegalName("Hooli");
    expect(listChosenCustomers({ scope: admin.scope, ids: [trial, hooli] }).map((c) => c.id)).toEqual([hooli]);
  });
});

describe("the Customers list offers the selection", () => {
  type ListData = {
    list: { canSelect: boolean; canUpdateBilling: boolean; rows: { id: number; managedOrder: boolean }[] };
  };
  const listAs = async (email: string) =>
    (await callLoader(listRoute, get("/customers", { cookie: await sessionFor(email) }))).data as ListData;

  it("to a Super Admin of a Flex MSP partner: select, Unlink and Update billing type", async () => {
    const { list } = await listAs(ACCOUNTS.northwindSuper);
    expect(list.canSelect).toBe(true);
    expect(list.canUpdateBilling).toBe(true);
  });

  it("to a Super Admin of a partner without Flex MSP: select and Unlink only", async () => {
    const { list } = await listAs(ACCOUNTS.contosoSuper);
    expect(list.canSelect).toBe(true);
    expect(list.canUpdateBilling).toBe(false);
  });

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])("not to %s", async (email) => {
    const { list } = await listAs(email);
    expect(list.canSelect).toBe(false);
    expect(list.canUpdateBilling).toBe(false);
  });
});

describe("Cancel unlink, on the customer details page", () => {
  const scheduledCustomer = () =>
    customerWith({
      billingType: "usage",
      partnerAssistance: true,
      partnerAssistanceReason: "monthly",
      linkState: "unlink_scheduled",
      unlinkScheduledFor: FIRST_OF_JUNE,
    });

  async function details(email: string, customerId: number) {
    const cookie = await sessionFor(email);
    return callLoader(detailsRoute, get(`/customers/${customerId}`, { cookie }), { customerId: String(customerId) });
  }

  async function cancel(email: string, customerId: number) {
    const cookie = await sessionFor(email);
    return callAction(detailsRoute, post(`/customers/${customerId}`, { intent: "cancelUnlink" }, { cookie }), {
      customerId: String(customerId),
    });
  }

  async function flashAfter(outcome: Outcome, email: string) {
    const root = await importRoute("root");
    const jar = (await sessionFor(email)).update(outcome.headers);
    return ((await callLoader(root, get("/customers", { cookie: jar }))).data as { flash: unknown }).flash;
  }

  it("is offered to a Super Admin while the unlink is scheduled, not to an Admin, not when nothing is scheduled", async () => {
    setClock(NOW);
    const scheduled = scheduledCustomer();
    const page = (await details(ACCOUNTS.northwindSuper, scheduled)).data as {
      canCancelUnlink: boolean;
      customer: { unlinkScheduledFor: number | null };
    };
    expect(page.canCancelUnlink).toBe(true);
    expect(page.customer.unlinkScheduledFor).toBe(FIRST_OF_JUNE);
    const hooli = customerIdByLegalName("Hooli");
    expect(((await details(ACCOUNTS.northwindSuper, hooli)).data as { canCancelUnlink: boolean }).canCancelUnlink).toBe(false);
    expect(((await details(ACCOUNTS.northwindAdmin, hooli)).data as { canCancelUnlink: boolean }).canCancelUnlink).toBe(false);
  });

  it("links the customer again, records who cancelled, and says so", async () => {
    setClock(NOW);
    const scheduled = scheduledCustomer();
    const outcome = await cancel(ACCOUNTS.northwindSuper, scheduled);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/customers/${scheduled}`);
    expect(customerRow(scheduled)).toMatchObject({ linkState: "linked", unlinkScheduledFor: null, version: 2 });
    const [cancelled] = activitiesOf(scheduled, "customer.unlinkCancelled");
    expect(cancelled).toMatchObject({ actorUserId: partnerActorFor(ACCOUNTS.northwindSuper).user.id, createdAt: NOW });
    expect(JSON.parse(cancelled!.before!)).toEqual({ linkState: "unlink_scheduled", unlinkScheduledFor: FIRST_OF_JUNE });
    expect(await flashAfter(outcome, ACCOUNTS.northwindSuper)).toMatchObject({ key: "accountChanges.cancel.done" });
  });

  it("a second cancel changes nothing and says there was nothing to cancel", async () => {
    setClock(NOW);
    const scheduled = scheduledCustomer();
    await cancel(ACCOUNTS.northwindSuper, scheduled);
    const row = customerRow(scheduled);
    const again = await cancel(ACCOUNTS.northwindSuper, scheduled);
    expect(again.status).toBe(302);
    expect(customerRow(scheduled)).toEqual(row);
    expect(activitiesOf(scheduled, "customer.unlinkCancelled")).toHaveLength(1);
    expect(await flashAfter(again, ACCOUNTS.northwindSuper)).toMatchObject({ key: "accountChanges.cancel.notScheduled" });
  });

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s may not cancel: 403 (or 404 outside the designation), nothing changes",
    async (email) => {
      const scheduled = scheduledCustomer();
      const outcome = await cancel(email, scheduled);
      expect([403, 404]).toContain(outcome.status);
      expect(customerRow(scheduled).linkState).toBe("unlink_scheduled");
    },
  );

  it("a help desk user designated to all customers gets the 403 of its role", async () => {
    const scheduled = scheduledCustomer();
    const outcome = await cancel(ACCOUNTS.northwindHelpdesk, scheduled);
    expect(outcome.status).toBe(403);
    expect(((await outcome.response!.json()) as { reason: string }).reason).toBe("role");
  });

  it("a Super Admin of another partner gets a 404, a customer admin a 403", async () => {
    const scheduled = scheduledCustomer();
    expect((await cancel(ACCOUNTS.contosoSuper, scheduled)).status).toBe(404);
    expect((await cancel(ACCOUNTS.acmeCustomerAdmin, scheduled)).status).toBe(403);
    expect(customerRow(scheduled).linkState).toBe("unlink_scheduled");
  });
});

describe("completing scheduled unlinks on their day (the background job)", () => {
  it("does nothing before the day, completes the unlink on the day with no actor, and nothing the second time", async () => {
    setClock(NOW);
    const monthly = monthlyCustomer();
    await unlinkAndFollow([monthly], {});

    expect(completeDueUnlinks(FIRST_OF_JUNE - 1).completed).not.toContain(monthly);
    expect(customerRow(monthly).linkState).toBe("unlink_scheduled");

    const first = completeDueUnlinks(FIRST_OF_JUNE);
    expect(first.completed).toContain(monthly);
    expect(customerRow(monthly)).toMatchObject({ linkState: "unlinked", unlinkedAt: FIRST_OF_JUNE, unlinkScheduledFor: null });
    const [completed] = activitiesOf(monthly, "customer.unlinkCompleted");
    expect(completed).toMatchObject({ actorUserId: null, partnerId: northwind(), createdAt: FIRST_OF_JUNE });
    expect(JSON.parse(completed!.after!)).toEqual({ linkState: "unlinked", unlinkedAt: FIRST_OF_JUNE });

    const row = customerRow(monthly);
    expect(completeDueUnlinks(FIRST_OF_JUNE + DAY).completed).not.toContain(monthly);
    expect(customerRow(monthly)).toEqual(row);
    expect(activitiesOf(monthly, "customer.unlinkCompleted")).toHaveLength(1);
  });

  it("completes an unlink scheduled on 31 December on 1 January, even when it runs late", () => {
    setClock(Date.UTC(2026, 11, 31, 18));
    const monthly = monthlyCustomer();
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    expect(unlinkCustomer({ actor, customerId: monthly, confirmedImmediate: false })).toMatchObject({
      status: "scheduled",
      on: Date.UTC(2027, 0, 1),
    });
    expect(completeDueUnlinks(Date.UTC(2027, 0, 3, 9)).completed).toContain(monthly);
    expect(customerRow(monthly)).toMatchObject({ linkState: "unlinked", unlinkedAt: Date.UTC(2027, 0, 1) });
  });

  it("does not complete an unlink cancelled before its day", async () => {
    setClock(NOW);
    const monthly = monthlyCustomer();
    await unlinkAndFollow([monthly], {});
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    await callAction(detailsRoute, post(`/customers/${monthly}`, { intent: "cancelUnlink" }, { cookie }), {
      customerId: String(monthly),
    });
    expect(completeDueUnlinks(FIRST_OF_JUNE).completed).not.toContain(monthly);
    expect(customerRow(monthly).linkState).toBe("linked");
  });

  it("the unlinked customer leaves the list once completed", async () => {
    setClock(NOW);
    const monthly = monthlyCustomer();
    await unlinkAndFollow([monthly], {});
    completeDueUnlinks(FIRST_OF_JUNE);
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    expect(listChosenCustomers({ scope: actor.scope, ids: [monthly] })).toEqual([]);
  });
});
