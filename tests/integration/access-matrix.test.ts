/**
 * SPEC §2 and §6: route × role × tenant. Every demo account (and a signed-out
 * visitor) against every page and form, through the real route tree (all
 * matched loaders run, as in a document request). A customer of another
 * partner, or outside the user's designation, is a 404; an action the role may
 * not take is a 403; signed out is a redirect to sign-in that comes back.
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { signIn } from "../support/accounts";
import { customerIdByLegalName, db, groupIdByName, partnerIdByName, userIdByEmail } from "../support/db";
import { CookieJar, get, post } from "../support/http";
import { loadPage, routeExists, submitForm } from "../support/routes";

const WHO = [
  "super@northwind.test",
  "admin@northwind.test",
  "helpdesk@northwind.test",
  "readonly@northwind.test",
  "super@contoso.test",
  "admin@acme.test",
  "helpdesk@northwind.test launched into Globex",
  "signed out",
] as const;
type Who = (typeof WHO)[number];

/** 200, 400 (a form sent back with its errors), 403, 404, "sign-in" (redirect to sign-in and back) or a redirect to a path. */
type Expected = 200 | 400 | 403 | 404 | "sign-in" | { redirect: string };

function describeExpected(expected: Expected): string {
  if (expected === "sign-in") return "is sent to sign-in";
  if (typeof expected === "object") return `is redirected to ${expected.redirect}`;
  return `gets ${expected}`;
}

const id = {
  globex: customerIdByLegalName("Globex Corporation"), // group EMEA: in admin@northwind's designation
  hooli: customerIdByLegalName("Hooli"), // designated to admin@northwind by name
  acme: customerIdByLegalName("Acme Corp"), // outside admin@northwind's designation
  umbrella: customerIdByLegalName("Umbrella Health"), // managed customer order, outside admin's designation
  tyrell: customerIdByLegalName("Tyrell Systems"), // Contoso's
};

/** Northwind's group EMEA: admin@northwind.test is designated to it. */
const emea = groupIdByName(partnerIdByName("Northwind Security"), "EMEA");

type Case = {
  route: string;
  method: "GET" | "POST";
  url: string;
  /** The form a POST sends (read when the test runs, so versions are current). */
  form?: () => Record<string, string>;
  expect: Record<Who, Expected>;
  /** After a POST: what must not have changed. */
  unchanged?: () => unknown;
};

const LAUNCHED: Who = "helpdesk@northwind.test launched into Globex";

/**
 * Everyone gets `expected` but for the overrides. A partner user launched into
 * a customer's console (the third kind of actor) is still that partner user
 * in the Partner Console: unless overridden, it gets what Help Desk gets.
 */
const all = (expected: Expected, overrides: Partial<Record<Who, Expected>> = {}): Record<Who, Expected> => {
  const table = {
    ...(Object.fromEntries(WHO.map((who) => [who, expected])) as Record<Who, Expected>),
    ...overrides,
  };
  if (!(LAUNCHED in overrides)) table[LAUNCHED] = table["helpdesk@northwind.test"];
  return table;
};

const groupIdOf = (name: string) =>
  db()
    .select({ id: schema.groups.id })
    .from(schema.groups)
    .where(and(eq(schema.groups.name, name), eq(schema.groups.partnerId, partnerIdByName("Northwind Security"))))
    .get()!.id;

const programIdOf = (name: string) =>
  db().select({ id: schema.earlyAccessPrograms.id }).from(schema.earlyAccessPrograms).where(eq(schema.earlyAccessPrograms.name, name)).get()!.id;

const customerRow = (customerId: number) =>
  db()
    .select({ displayName: schema.customers.displayName, version: schema.customers.version })
    .from(schema.customers)
    .where(eq(schema.customers.id, customerId))
    .get();

/** A rename that changes nothing: the customer's own display name at its current version. */
const sameName = (customerId: number) => () => {
  const row = customerRow(customerId)!;
  return { displayName: row.displayName || "Unchanged name", version: String(row.version) };
};

const CASES: Case[] = [
  {
    route: "routes/customers",
    method: "GET",
    url: "/customers",
    expect: all(200, { "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers",
    method: "GET",
    url: "/customers?q=acme&page=2",
    expect: all(200, { "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    route: "routes/central",
    method: "GET",
    url: "/central",
    expect: all(403, { "admin@acme.test": 200, [LAUNCHED]: 200, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers.$customerId.contact",
    method: "GET",
    url: `/customers/${id.globex}/contact`,
    expect: all(200, { "super@contoso.test": 404, "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers.$customerId.contact",
    method: "GET",
    url: `/customers/${id.hooli}/contact`,
    expect: all(200, { "super@contoso.test": 404, "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers.$customerId.contact",
    method: "GET",
    url: `/customers/${id.tyrell}/contact`,
    expect: all(404, { "super@contoso.test": 200, "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers.$customerId.contact",
    method: "GET",
    url: `/customers/${id.acme}/contact`,
    expect: all(200, {
      "admin@northwind.test": 404,
      "super@contoso.test": 404,
      "admin@acme.test": 403,
      "signed out": "sign-in",
    }),
  },
  {
    route: "routes/customers.$customerId.name",
    method: "GET",
    url: `/customers/${id.globex}/name`,
    expect: all(403, {
      "super@northwind.test": 200,
      "admin@northwind.test": 200,
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
  },
  {
    // A role that may not rename gets the same 403 for every id, so the answer tells nothing about the id.
    route: "routes/customers.$customerId.name",
    method: "GET",
    url: `/customers/${id.tyrell}/name`,
    expect: all(404, {
      "helpdesk@northwind.test": 403,
      "readonly@northwind.test": 403,
      "super@contoso.test": 200,
      "admin@acme.test": 403,
      "signed out": "sign-in",
    }),
  },
  {
    route: "routes/customers.$customerId.name",
    method: "GET",
    url: `/customers/${id.acme}/name`,
    expect: all(403, {
      "super@northwind.test": 200,
      "admin@northwind.test": 404,
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
  },
  {
    // A managed customer order cannot be renamed (F10).
    route: "routes/customers.$customerId.name",
    method: "GET",
    url: `/customers/${id.umbrella}/name`,
    expect: all(403, { "admin@northwind.test": 404, "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers.$customerId.name",
    method: "POST",
    url: `/customers/${id.globex}/name`,
    form: sameName(id.globex),
    expect: all(403, {
      "super@northwind.test": { redirect: "/customers" },
      "admin@northwind.test": { redirect: "/customers" },
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
    unchanged: () => customerRow(id.globex),
  },
  {
    route: "routes/customers.$customerId.name",
    method: "POST",
    url: `/customers/${id.tyrell}/name`,
    form: () => ({ displayName: "Renamed across tenants", version: String(customerRow(id.tyrell)!.version) }),
    expect: all(404, {
      "helpdesk@northwind.test": 403,
      "readonly@northwind.test": 403,
      "super@contoso.test": { redirect: "/customers" },
      "admin@acme.test": 403,
      "signed out": "sign-in",
    }),
  },
  {
    route: "routes/customers.$customerId.name",
    method: "POST",
    url: `/customers/${id.acme}/name`,
    form: () => ({ displayName: "Renamed outside designation", version: String(customerRow(id.acme)!.version) }),
    expect: all(403, {
      "super@northwind.test": { redirect: "/customers" },
      "admin@northwind.test": 404,
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
  },
  {
    route: "routes/customers_.$customerId",
    method: "GET",
    url: `/customers/${id.globex}`,
    expect: all(200, { "super@contoso.test": 404, "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers_.$customerId",
    method: "GET",
    url: `/customers/${id.acme}`,
    expect: all(200, {
      "admin@northwind.test": 404,
      "super@contoso.test": 404,
      "admin@acme.test": 403,
      "signed out": "sign-in",
    }),
  },
  {
    route: "routes/customers_.$customerId",
    method: "GET",
    url: `/customers/${id.tyrell}`,
    expect: all(404, { "super@contoso.test": 200, "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    // Adding Globex to a group it is in already: allowed (and a no-op) only for a Super Admin.
    route: "routes/customers_.$customerId",
    method: "POST",
    url: `/customers/${id.globex}`,
    form: () => ({ intent: "addGroup", groupId: String(groupIdOf("EMEA")) }),
    expect: all(403, {
      "super@northwind.test": { redirect: `/customers/${id.globex}` },
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
    unchanged: () => customerRow(id.globex),
  },
  {
    route: "routes/customers_.$customerId",
    method: "POST",
    url: `/customers/${id.acme}`,
    form: () => ({ intent: "removeGroup", groupId: String(groupIdOf("VIP")) }),
    expect: all(403, {
      "super@northwind.test": { redirect: `/customers/${id.acme}` },
      "admin@northwind.test": 404,
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
    unchanged: () => customerRow(id.acme),
  },
  {
    // Globex holds Flex licenses: nobody may join it to Endpoint Preview (F11).
    route: "routes/customers_.$customerId",
    method: "POST",
    url: `/customers/${id.globex}`,
    form: () => ({ intent: "join", programId: String(programIdOf("Endpoint Preview")) }),
    expect: all(403, { "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    route: "routes/groups",
    method: "GET",
    url: "/groups",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    // An empty name: refused at the field for those who may manage groups, nothing created.
    route: "routes/groups",
    method: "POST",
    url: "/groups",
    form: () => ({ name: "" }),
    expect: all(403, { "super@northwind.test": 400, "super@contoso.test": 400, "signed out": "sign-in" }),
  },
  {
    route: "routes/groups.$groupId.rename",
    method: "GET",
    url: `/groups/${emea}/rename`,
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    route: "routes/groups.$groupId.rename",
    method: "POST",
    url: `/groups/${emea}/rename`,
    form: () => ({ name: "EMEA" }),
    expect: all(403, {
      "super@northwind.test": { redirect: "/groups" },
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
  },
  {
    route: "routes/groups.$groupId.delete",
    method: "GET",
    url: `/groups/${emea}/delete`,
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    // Deleting a group that does not exist: nobody can, and nobody learns more than 403/404.
    route: "routes/groups.$groupId.delete",
    method: "POST",
    url: "/groups/999999/delete",
    expect: all(403, { "super@northwind.test": 404, "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    // The activity log (F16): Super Admins only; each sees its own partner's log (activity-log.test.ts).
    route: "routes/activity",
    method: "GET",
    url: "/activity",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    // Bad filter values are left out and explained on the page, never a 500.
    route: "routes/activity",
    method: "GET",
    url: "/activity?from=2026-02-30&to=yesterday&user=999999&kind=nope&page=0",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    route: "routes/activity_.export",
    method: "GET",
    url: "/activity/export",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    // F7: Start trial, for Super Admins of any partner.
    route: "routes/customers_.trial",
    method: "GET",
    url: "/customers/trial",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    // F7: Create monthly account, for Super Admins of Partner Flex MSP partners (not Contoso).
    route: "routes/customers_.monthly",
    method: "GET",
    url: "/customers/monthly",
    expect: all(403, { "super@northwind.test": 200, "signed out": "sign-in" }),
  },
  {
    // "Cancel" with no draft: nothing to throw away, back to the list.
    route: "routes/customers_.monthly",
    method: "POST",
    url: "/customers/monthly",
    form: () => ({ intent: "cancel" }),
    expect: all(403, { "super@northwind.test": { redirect: "/customers" }, "signed out": "sign-in" }),
  },
  {
    // Steps 2 and 3 before step 1 is done lead to step 1, for whoever may create monthly accounts.
    route: "routes/customers_.monthly_.licenses",
    method: "GET",
    url: "/customers/monthly/licenses",
    expect: all(403, { "super@northwind.test": { redirect: "/customers/monthly" }, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers_.monthly_.licenses",
    method: "POST",
    url: "/customers/monthly/licenses",
    form: () => ({ products: "endpoint" }),
    expect: all(403, { "super@northwind.test": { redirect: "/customers/monthly" }, "signed out": "sign-in" }),
  },
  {
    route: "routes/customers_.monthly_.confirm",
    method: "GET",
    url: "/customers/monthly/confirm",
    expect: all(403, { "super@northwind.test": { redirect: "/customers/monthly" }, "signed out": "sign-in" }),
  },
  {
    // The last step sent with no draft creates nothing.
    route: "routes/customers_.monthly_.confirm",
    method: "POST",
    url: "/customers/monthly/confirm",
    form: () => ({ accept: "on" }),
    expect: all(403, { "super@northwind.test": { redirect: "/customers/monthly" }, "signed out": "sign-in" }),
  },
  {
    // F9: only a Super Admin; another partner's Super Admin is told nothing is in its list (200, no name).
    route: "routes/customers_.unlink",
    method: "GET",
    url: `/customers/unlink?ids=${id.globex}&ids=${id.acme}`,
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    // A managed customer order is refused, so nothing is unlinked; another partner's id is dropped.
    route: "routes/customers_.unlink",
    method: "POST",
    url: "/customers/unlink",
    form: () => ({ ids: String(id.umbrella), confirmImmediate: "yes" }),
    expect: all(403, {
      "super@northwind.test": { redirect: `/customers/unlink?done=1&refused=${id.umbrella}` },
      "super@contoso.test": { redirect: "/customers/unlink?done=1" },
      "signed out": "sign-in",
    }),
  },
  {
    // F8: a Super Admin of a Flex MSP partner only.
    route: "routes/customers_.billing",
    method: "GET",
    url: `/customers/billing?ids=${id.acme}&ids=${id.umbrella}`,
    expect: all(403, { "super@northwind.test": 200, "signed out": "sign-in" }),
  },
  {
    // A managed customer order is refused, so nothing is converted.
    route: "routes/customers_.billing",
    method: "POST",
    url: "/customers/billing",
    form: () => ({ ids: String(id.umbrella) }),
    expect: all(403, {
      "super@northwind.test": { redirect: `/customers/billing?done=1&refused=${id.umbrella}` },
      "signed out": "sign-in",
    }),
  },
  {
    // Globex has no unlink scheduled: a Super Admin is told so (and nothing changes); others may not.
    route: "routes/customers_.$customerId",
    method: "POST",
    url: `/customers/${id.globex}`,
    form: () => ({ intent: "cancelUnlink" }),
    expect: all(403, {
      "super@northwind.test": { redirect: `/customers/${id.globex}` },
      "super@contoso.test": 404,
      "signed out": "sign-in",
    }),
    unchanged: () => customerRow(id.globex),
  },
  {
    // F12: Hooli's Partner Assistance is on, so nobody may ask its approval; the role is told first.
    route: "routes/customers_.$customerId",
    method: "POST",
    url: `/customers/${id.hooli}`,
    form: () => ({ intent: "requestApproval" }),
    expect: all(403, { "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    // F13: Acme's Partner Assistance is off, so nobody may launch it (a refusal launches nothing).
    route: "routes/customers_.$customerId",
    method: "POST",
    url: `/customers/${id.acme}`,
    form: () => ({ intent: "launch" }),
    expect: all(403, { "admin@northwind.test": 404, "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    // F12 from a row of the list (its button posts to the list's address): as from the details page.
    route: "routes/customers",
    method: "POST",
    url: "/customers?q=hooli",
    form: () => ({ requestApproval: String(id.hooli) }),
    expect: all(403, { "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    // F13 from a row of the list: Acme's Partner Assistance is off, so nobody may launch it.
    route: "routes/customers",
    method: "POST",
    url: "/customers",
    form: () => ({ launch: String(id.acme) }),
    expect: all(403, { "admin@northwind.test": 404, "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    // F14: the customer's console, for its admin and a partner user launched into it.
    route: "routes/central_.account",
    method: "GET",
    url: "/central/account",
    expect: all(403, { "admin@acme.test": 200, [LAUNCHED]: 200, "signed out": "sign-in" }),
  },
  {
    // F14: the customer admin's own setting; for a launched partner user the page does not exist.
    route: "routes/central_.partner-assistance",
    method: "GET",
    url: "/central/partner-assistance",
    expect: all(403, { "admin@acme.test": 200, [LAUNCHED]: 404, "signed out": "sign-in" }),
  },
  {
    // Turning Acme's Partner Assistance off, which it is already: "already off", nothing written.
    route: "routes/central_.partner-assistance",
    method: "POST",
    url: "/central/partner-assistance",
    form: () => ({ intent: "turnOff" }),
    expect: all(403, {
      "admin@acme.test": { redirect: "/central/partner-assistance" },
      [LAUNCHED]: 404,
      "signed out": "sign-in",
    }),
  },
  {
    // An answer to a request that does not exist.
    route: "routes/central_.partner-assistance",
    method: "POST",
    url: "/central/partner-assistance",
    form: () => ({ intent: "approve", requestId: "999999" }),
    expect: all(403, { "admin@acme.test": 404, [LAUNCHED]: 404, "signed out": "sign-in" }),
  },
  {
    // F13: "Back to Partner Console" asks first; a partner user with nothing to leave goes to the list.
    // (Its POST ends the launch of the session it is sent with, so it is tested in launch.test.ts.)
    route: "routes/central_.leave",
    method: "GET",
    url: "/central/leave",
    expect: all(
      { redirect: "/customers" },
      { "admin@acme.test": 403, [LAUNCHED]: 200, "signed out": "sign-in" },
    ),
  },
  {
    route: "routes/customers_.export",
    method: "GET",
    url: "/customers/export",
    expect: all(200, { "admin@acme.test": 403, "signed out": "sign-in" }),
  },
  {
    route: "routes/integrations",
    method: "GET",
    url: "/integrations",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    route: "routes/integrations",
    method: "POST",
    url: "/integrations",
    form: () => ({ intent: "retry" }),
    expect: all(403, {
      "super@northwind.test": { redirect: "/integrations" },
      "super@contoso.test": { redirect: "/integrations" },
      "signed out": "sign-in",
    }),
  },
  {
    route: "routes/users",
    method: "GET",
    url: "/users",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    route: "routes/users_.new",
    method: "GET",
    url: "/users/new",
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 200, "signed out": "sign-in" }),
  },
  {
    // Pat Pending, Northwind's invited user: another partner's Super Admin gets a 404.
    route: "routes/users_.$userId",
    method: "GET",
    url: `/users/${userIdByEmail("pending@northwind.test")}`,
    expect: all(403, { "super@northwind.test": 200, "super@contoso.test": 404, "signed out": "sign-in" }),
  },
  {
    route: "routes/invitation.$token",
    method: "GET",
    url: "/invitation/not-a-token",
    expect: all(404),
  },
  {
    route: "routes/_index",
    method: "GET",
    url: "/",
    expect: all({ redirect: "/customers" }, { "admin@acme.test": { redirect: "/central" }, "signed out": { redirect: "/sign-in" } }),
  },
  {
    route: "routes/sign-in",
    method: "GET",
    url: "/sign-in",
    expect: all({ redirect: "/customers" }, { "admin@acme.test": { redirect: "/central" }, "signed out": 200 }),
  },
  {
    route: "routes/sign-out",
    method: "GET",
    url: "/sign-out",
    expect: all(200, { "signed out": { redirect: "/sign-in" } }),
  },
  {
    route: "routes/$",
    method: "GET",
    url: "/no-such-page",
    expect: all(404),
  },
];

const jars = new Map<Who, CookieJar>();

/**
 * Signs a partner user in and marks its new session as launched into a
 * customer, as the launch feature (F13) will.
 */
async function signInLaunched(email: string, customerId: number, name: string): Promise<CookieJar> {
  const jar = await signIn(email);
  const userId = userIdByEmail(email);
  const session = db()
    .select({ idHash: schema.sessions.idHash, data: schema.sessions.data })
    .from(schema.sessions)
    .orderBy(desc(schema.sessions.createdAt))
    .all()
    .find((row) => (JSON.parse(row.data) as { userId: number }).userId === userId)!;
  const data = { ...JSON.parse(session.data), launchedCustomer: { id: customerId, name } };
  db().update(schema.sessions).set({ data: JSON.stringify(data) }).where(eq(schema.sessions.idHash, session.idHash)).run();
  return jar;
}

beforeAll(async () => {
  for (const who of WHO) {
    if (who === "signed out") jars.set(who, new CookieJar());
    else if (who === LAUNCHED) jars.set(who, await signInLaunched("helpdesk@northwind.test", id.globex, "Globex"));
    else jars.set(who, await signIn(who));
  }
});

/** Renames made by the cases that may rename are undone after each test. */
const customerNames = (customerId: number) =>
  db()
    .select({
      displayName: schema.customers.displayName,
      sortName: schema.customers.sortName,
      searchText: schema.customers.searchText,
    })
    .from(schema.customers)
    .where(eq(schema.customers.id, customerId))
    .get()!;
const originalNames = new Map(Object.values(id).map((customerId) => [customerId, customerNames(customerId)]));

function restoreNames() {
  for (const [customerId, names] of originalNames) {
    db().update(schema.customers).set(names).where(eq(schema.customers.id, customerId)).run();
  }
}

/** The customer a case's URL names, if any. */
function customerOf(url: string): number | null {
  const match = /^\/customers\/(\d+)(\/|$)/.exec(url);
  return match ? Number(match[1]) : null;
}

const customerNamesById = new Map<number, string>([
  [id.globex, "Globex"],
  [id.hooli, "Hooli"],
  [id.acme, "Acme Corp"],
  [id.umbrella, "Umbrella Health"],
  [id.tyrell, "Tyrell Systems"],
]);

function caseTitle(testCase: Case): string {
  const customerId = customerOf(testCase.url);
  const name = customerId ? customerNamesById.get(customerId) : undefined;
  return `${testCase.method} ${testCase.url}${name ? ` (${name})` : ""}`;
}

describe.each(CASES.map((testCase) => [caseTitle(testCase), testCase] as const))("%s", (_title, testCase) => {
  it(`is answered by ${testCase.route}`, () => {
    expect(routeExists(testCase.route), `app/routes has no module for ${testCase.route}`).toBe(true);
  });

  const rows = WHO.map((who) => [`${who} ${describeExpected(testCase.expect[who])}`, who, testCase.expect[who]] as const);

  it.each(rows)("%s", async (_name, who, expected) => {
    const cookie = jars.get(who)!.clone();
    const customerId = customerOf(testCase.url);
    const before = customerId ? customerRow(customerId) : undefined;
    let status: number;
    let location: string | null;
    try {
      if (testCase.method === "GET") {
        const page = await loadPage(get(testCase.url, { cookie }));
        expect(page.leaf, `${testCase.url} should be answered by ${testCase.route}`).toBe(testCase.route);
        // Let a streamed body (the CSV export) finish.
        await page.outcomes[page.leaf]?.response?.text();
        status = page.status;
        location = page.location;
      } else {
        const outcome = await submitForm(post(testCase.url, testCase.form?.() ?? {}, { cookie }));
        expect(outcome.route, `${testCase.url} should be answered by ${testCase.route}`).toBe(testCase.route);
        status = outcome.status;
        location = outcome.location;
      }

      if (expected === "sign-in") {
        const back = testCase.method === "GET" ? testCase.url : new URL(testCase.url, "http://localhost").pathname;
        expect(status).toBe(302);
        expect(location).toBe(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
      } else if (typeof expected === "object") {
        expect(status).toBe(302);
        expect(location).toBe(expected.redirect);
      } else {
        expect(status).toBe(expected);
      }

      if (testCase.method === "POST" && customerId && (typeof expected !== "object" || testCase.unchanged)) {
        // Refused (or a rename to the same name): nothing was written, not even a version bump.
        expect(customerRow(customerId)).toEqual(before);
      }
    } finally {
      restoreNames();
    }
  });
});
