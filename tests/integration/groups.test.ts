/**
 * F6: the Groups page, and renaming and deleting a group, through the real
 * loaders and actions against the real database: validation, the flash after
 * the redirect, activity rows, roles, and partners that never see each
 * other's groups.
 *
 * Other tests read the demo groups (EMEA, Healthcare, VIP): these tests only
 * read them, and change groups of their own, each with a name of its own.
 */
import { describe, expect, it } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { createGroup } from "~/models/groups.server";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, groupIdByName, partnerActorFor, partnerIdByName, userIdByEmail } from "../support/db";
import { get, post, ORIGIN, type CookieJar } from "../support/http";
import { callAction, callLoader, importRoute, type Outcome } from "../support/routes";

const northwind = () => partnerIdByName("Northwind Security");
const contoso = () => partnerIdByName("Contoso IT");

const ROUTES = {
  list: "routes/groups",
  rename: "routes/groups.$groupId.rename",
  delete: "routes/groups.$groupId.delete",
} as const;

let made = 0;

/** A group name no other test uses (well under 60 characters). */
function uniqueName(label = "Group"): string {
  made += 1;
  return `${label} ${process.pid}-${made}-${Date.now() % 100_000}`;
}

/** A group of the partner of `email` (a Super Admin), made through the model, as setup. */
function makeGroup(email: string = ACCOUNTS.northwindSuper, name = uniqueName()): { id: number; name: string } {
  const outcome = createGroup({ actor: partnerActorFor(email), name });
  if (outcome.status !== "created") throw new Error(`Could not create the group ${name}`);
  return { id: outcome.id, name };
}

/** Puts customers in a group, as the seed does. */
function addToGroup(groupId: number, customerIds: number[]): void {
  for (const customerId of customerIds) getDb().insert(schema.customerGroups).values({ customerId, groupId }).run();
}

function groupRow(id: number) {
  return getDb().select().from(schema.groups).where(eq(schema.groups.id, id)).get();
}

function groupsOf(partnerId: number) {
  return getDb().select().from(schema.groups).where(eq(schema.groups.partnerId, partnerId)).all();
}

function groupActivities(kind: string) {
  return getDb()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.kind, kind), eq(schema.activities.partnerId, northwind())))
    .all();
}

/** The activity rows of a kind whose after (or before) names this group. */
function activitiesNaming(kind: string, name: string) {
  return groupActivities(kind).filter(
    (row) => JSON.parse(row.after ?? "{}").group === name || JSON.parse(row.before ?? "{}").group === name,
  );
}

function customerCount(): number {
  return getDb().select({ n: count() }).from(schema.customers).get()!.n;
}

function replyOf(outcome: Outcome) {
  return (outcome.data as { reply: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } }).reply;
}

function cookieFor(email: string): Promise<CookieJar> {
  return sessionFor(email);
}

async function loadList(email: string) {
  const route = await importRoute(ROUTES.list);
  return callLoader(route, get("/groups", { cookie: await cookieFor(email) }));
}

async function create(email: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const route = await importRoute(ROUTES.list);
  return callAction(route, post("/groups", form, { cookie: await cookieFor(email), headers }));
}

async function loadRename(email: string, groupId: string) {
  const route = await importRoute(ROUTES.rename);
  return callLoader(route, get(`/groups/${groupId}/rename`, { cookie: await cookieFor(email) }), { groupId });
}

async function rename(email: string, groupId: string, form: Record<string, string>) {
  const route = await importRoute(ROUTES.rename);
  return callAction(route, post(`/groups/${groupId}/rename`, form, { cookie: await cookieFor(email) }), { groupId });
}

async function loadDelete(email: string, groupId: string) {
  const route = await importRoute(ROUTES.delete);
  return callLoader(route, get(`/groups/${groupId}/delete`, { cookie: await cookieFor(email) }), { groupId });
}

async function remove(email: string, groupId: string) {
  const route = await importRoute(ROUTES.delete);
  return callAction(route, post(`/groups/${groupId}/delete`, {}, { cookie: await cookieFor(email) }), { groupId });
}

/** The flash message the next page shows, read by the root loader as the browser would send it back. */
async function flashAfter(outcome: Outcome, email: string) {
  const root = await importRoute("root");
  const jar = (await cookieFor(email)).update(outcome.headers);
  const page = await callLoader(root, get("/groups", { cookie: jar }));
  return (page.data as { flash: unknown }).flash;
}

/** A same-origin POST whose body is not a form. */
function jsonPost(path: string, cookie: CookieJar): Request {
  return new Request(new URL(path, ORIGIN), {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, Host: new URL(ORIGIN).host, Cookie: cookie.header() },
    body: JSON.stringify({ name: "Json Group" }),
  });
}

describe("the Groups page", () => {
  it("a super admin sees every group of its partner with how many listed customers each holds", async () => {
    const group = makeGroup();
    const linked = [createCustomer(northwind()), createCustomer(northwind())];
    const unlinked = createCustomer(northwind(), { linkState: "unlinked" });
    addToGroup(group.id, [...linked, unlinked]);
    const outcome = await loadList(ACCOUNTS.northwindSuper);
    expect(outcome.status).toBe(200);
    const groups = (outcome.data as { groups: { id: number; name: string; customerCount: number }[] }).groups;
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(["EMEA", "Healthcare", "VIP", group.name]));
    // An unlinked customer is not in the customers list, so it is not counted.
    expect(groups.find((g) => g.id === group.id)?.customerCount).toBe(2);
    expect(groups.find((g) => g.name === "EMEA")?.customerCount).toBeGreaterThan(0);
  });

  it("a super admin of another partner sees none of Northwind's groups", async () => {
    const outcome = await loadList(ACCOUNTS.contosoSuper);
    expect(outcome.status).toBe(200);
    const ids = (outcome.data as { groups: { id: number }[] }).groups.map((g) => g.id);
    expect(ids.sort()).toEqual(groupsOf(contoso()).map((g) => g.id).sort());
    expect(ids).not.toContain(groupIdByName(northwind(), "EMEA"));
  });
});

describe("creating a group", () => {
  it("a super admin creates a group with the trimmed name, records it, and comes back to the list with a flash", async () => {
    const name = uniqueName("Benelux");
    const outcome = await create(ACCOUNTS.northwindSuper, { name: `   ${name}  ` });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/groups");
    const created = groupsOf(northwind()).filter((g) => g.name === name);
    expect(created).toHaveLength(1);
    const [activity] = activitiesNaming("group.create", name);
    expect(activity).toBeDefined();
    expect(activity!.actorUserId).toBe(userIdByEmail(ACCOUNTS.northwindSuper));
    expect(activity!.customerId).toBeNull();
    expect(JSON.parse(activity!.after!)).toEqual({ group: name });
    expect(await flashAfter(outcome, ACCOUNTS.northwindSuper)).toEqual({ key: "groups.created", vars: { name } });
  });

  it("a name of exactly 60 characters, accents and emoji counted as one each, is accepted", async () => {
    const base = uniqueName("É");
    const name = `${base} ${"é".repeat(58 - [...base].length)}😀`;
    expect([...name]).toHaveLength(60);
    const outcome = await create(ACCOUNTS.northwindSuper, { name });
    expect(outcome.status).toBe(302);
    expect(groupsOf(northwind()).some((g) => g.name === name)).toBe(true);
  });

  it.each([
    ["an empty name", "", "Enter a group name"],
    ["a name of only spaces", "     ", "Enter a group name"],
    ["a name of invisible characters only", "\u200b\u200b", "Enter a group name that shows: this one has only invisible or blank characters"],
    ["a name of 61 characters", "x".repeat(61), "Group name must be 60 characters or fewer"],
  ])("%s is refused with a message at the field, and nothing is written", async (_case, typed, message) => {
    const before = groupsOf(northwind()).length;
    const activitiesBefore = groupActivities("group.create").length;
    const outcome = await create(ACCOUNTS.northwindSuper, { name: typed });
    expect(outcome.status).toBe(400);
    expect(replyOf(outcome).error?.name).toEqual([message]);
    expect(groupsOf(northwind())).toHaveLength(before);
    expect(groupActivities("group.create")).toHaveLength(activitiesBefore);
  });

  it("a name too long comes back as it was typed, to correct", async () => {
    const typed = "Long ".repeat(13);
    const outcome = await create(ACCOUNTS.northwindSuper, { name: typed });
    expect(outcome.status).toBe(400);
    expect(replyOf(outcome).initialValue?.name).toBe(typed);
  });

  it("a form without the name field is refused as an empty name, not a 500", async () => {
    const outcome = await create(ACCOUNTS.northwindSuper, {});
    expect(outcome.status).toBe(400);
    expect(replyOf(outcome).error?.name).toEqual(["Enter a group name"]);
  });

  it("the name of an existing group in another case is refused, naming the group as it is written", async () => {
    const before = groupsOf(northwind()).length;
    const outcome = await create(ACCOUNTS.northwindSuper, { name: " emea " });
    expect(outcome.status).toBe(400);
    expect(replyOf(outcome).error?.name).toEqual(["There is already a group called EMEA"]);
    expect(replyOf(outcome).initialValue?.name).toBe(" emea ");
    expect(groupsOf(northwind())).toHaveLength(before);
  });

  it("another partner's group of the same name is no obstacle", async () => {
    const name = uniqueName("Shared");
    makeGroup(ACCOUNTS.contosoSuper, name);
    const outcome = await create(ACCOUNTS.northwindSuper, { name });
    expect(outcome.status).toBe(302);
    expect(groupsOf(northwind()).some((g) => g.name === name)).toBe(true);
  });

  it("a body that is not a form is a 400, not a 500, and creates nothing", async () => {
    const before = groupsOf(northwind()).length;
    const route = await importRoute(ROUTES.list);
    const outcome = await callAction(route, jsonPost("/groups", await cookieFor(ACCOUNTS.northwindSuper)));
    expect(outcome.status).toBe(400);
    expect(groupsOf(northwind())).toHaveLength(before);
  });

  it("the messages are in Spanish for a user whose browser asks for Spanish", async () => {
    const empty = await create(ACCOUNTS.northwindSuper, { name: "" }, { "Accept-Language": "es" });
    expect(replyOf(empty).error?.name).toEqual(["Introduzca un nombre de grupo"]);
    const taken = await create(ACCOUNTS.northwindSuper, { name: "vip" }, { "Accept-Language": "es" });
    expect(replyOf(taken).error?.name).toEqual(["Ya hay un grupo llamado VIP"]);
  });
});

describe("renaming a group", () => {
  it("the rename form shows the group's current name", async () => {
    const group = makeGroup();
    const outcome = await loadRename(ACCOUNTS.northwindSuper, String(group.id));
    expect(outcome.status).toBe(200);
    expect(outcome.data).toEqual({ group: { id: group.id, name: group.name } });
  });

  it("a super admin renames a group: the trimmed name is saved and recorded, with a flash naming both", async () => {
    const group = makeGroup();
    const name = uniqueName("Renamed");
    const outcome = await rename(ACCOUNTS.northwindSuper, String(group.id), { name: ` ${name} ` });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/groups");
    expect(groupRow(group.id)?.name).toBe(name);
    const [activity] = activitiesNaming("group.rename", name);
    expect(JSON.parse(activity!.before!)).toEqual({ group: group.name });
    expect(JSON.parse(activity!.after!)).toEqual({ group: name });
    expect(activity!.actorUserId).toBe(userIdByEmail(ACCOUNTS.northwindSuper));
    expect(await flashAfter(outcome, ACCOUNTS.northwindSuper)).toEqual({
      key: "groups.renamed",
      vars: { before: group.name, name },
    });
  });

  it("a group may change only the case of its own name", async () => {
    const group = makeGroup();
    const outcome = await rename(ACCOUNTS.northwindSuper, String(group.id), { name: group.name.toUpperCase() });
    expect(outcome.status).toBe(302);
    expect(groupRow(group.id)?.name).toBe(group.name.toUpperCase());
  });

  it("saving the same name changes nothing, records nothing, and says so", async () => {
    const group = makeGroup();
    const outcome = await rename(ACCOUNTS.northwindSuper, String(group.id), { name: group.name });
    expect(outcome.status).toBe(302);
    expect(activitiesNaming("group.rename", group.name)).toHaveLength(0);
    expect(await flashAfter(outcome, ACCOUNTS.northwindSuper)).toEqual({
      key: "groups.renameUnchanged",
      vars: { name: group.name },
    });
  });

  it.each([
    ["an empty name", "", "Enter a group name"],
    ["a name of only spaces", "   ", "Enter a group name"],
    ["a name of 61 characters", "y".repeat(61), "Group name must be 60 characters or fewer"],
    ["another group's name in another case", "emea", "There is already a group called EMEA"],
  ])("%s is refused with a message at the field, and the group keeps its name", async (_case, typed, message) => {
    const group = makeGroup();
    const outcome = await rename(ACCOUNTS.northwindSuper, String(group.id), { name: typed });
    expect(outcome.status).toBe(400);
    expect(replyOf(outcome).error?.name).toEqual([message]);
    expect(replyOf(outcome).initialValue?.name ?? "").toBe(typed);
    expect(groupRow(group.id)?.name).toBe(group.name);
    expect(activitiesNaming("group.rename", group.name)).toHaveLength(0);
  });

  it("a body that is not a form is a 400, not a 500, and renames nothing", async () => {
    const group = makeGroup();
    const route = await importRoute(ROUTES.rename);
    const cookie = await cookieFor(ACCOUNTS.northwindSuper);
    const outcome = await callAction(route, jsonPost(`/groups/${group.id}/rename`, cookie), { groupId: String(group.id) });
    expect(outcome.status).toBe(400);
    expect(groupRow(group.id)?.name).toBe(group.name);
  });

  it.each(["abc", "0", "-1", "1.5", "1e3", "99999999", ""])(
    "a group id of %j is a 404 for the form and the save",
    async (groupId) => {
      expect((await loadRename(ACCOUNTS.northwindSuper, groupId)).status).toBe(404);
      expect((await rename(ACCOUNTS.northwindSuper, groupId, { name: uniqueName() })).status).toBe(404);
    },
  );

  it("a Contoso group's id is a 404 for a Northwind super admin, even with a bad name, and the group keeps its name", async () => {
    const group = makeGroup(ACCOUNTS.contosoSuper);
    expect((await loadRename(ACCOUNTS.northwindSuper, String(group.id))).status).toBe(404);
    expect((await rename(ACCOUNTS.northwindSuper, String(group.id), { name: "Taken Over" })).status).toBe(404);
    expect((await rename(ACCOUNTS.northwindSuper, String(group.id), { name: "" })).status).toBe(404);
    expect(groupRow(group.id)?.name).toBe(group.name);
  });

  it("a group deleted before the save is a 404", async () => {
    const group = makeGroup();
    expect((await remove(ACCOUNTS.northwindSuper, String(group.id))).status).toBe(302);
    expect((await rename(ACCOUNTS.northwindSuper, String(group.id), { name: uniqueName() })).status).toBe(404);
  });
});

describe("deleting a group", () => {
  it("the confirmation page says how many users see customers through the group (they lose them with it)", async () => {
    const emea = String(groupIdByName(northwind(), "EMEA"));
    const outcome = await loadDelete(ACCOUNTS.northwindSuper, emea);
    expect((outcome.data as { group: { designatedUserCount: number } }).group.designatedUserCount).toBe(1);
    const fresh = makeGroup();
    const other = await loadDelete(ACCOUNTS.northwindSuper, String(fresh.id));
    expect((other.data as { group: { designatedUserCount: number } }).group.designatedUserCount).toBe(0);
  });

  it("the confirmation page says how many customers the group holds", async () => {
    const group = makeGroup();
    addToGroup(group.id, [createCustomer(northwind()), createCustomer(northwind()), createCustomer(northwind())]);
    const outcome = await loadDelete(ACCOUNTS.northwindSuper, String(group.id));
    expect(outcome.status).toBe(200);
    expect(outcome.data).toEqual({ group: { id: group.id, name: group.name, customerCount: 3, designatedUserCount: 0 } });
  });

  it("a super admin deletes a group: its customers all stay, only their membership goes, and it is recorded", async () => {
    const group = makeGroup();
    const members = [createCustomer(northwind()), createCustomer(northwind())];
    addToGroup(group.id, members);
    const customersBefore = customerCount();
    const outcome = await remove(ACCOUNTS.northwindSuper, String(group.id));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/groups");
    expect(groupRow(group.id)).toBeUndefined();
    expect(customerCount()).toBe(customersBefore);
    const stillThere = getDb().select().from(schema.customers).where(inArray(schema.customers.id, members)).all();
    expect(stillThere).toHaveLength(2);
    const memberships = getDb().select().from(schema.customerGroups).where(eq(schema.customerGroups.groupId, group.id)).all();
    expect(memberships).toHaveLength(0);
    const [activity] = activitiesNaming("group.delete", group.name);
    expect(JSON.parse(activity!.before!)).toEqual({ group: group.name, customers: 2 });
    expect(activity!.actorUserId).toBe(userIdByEmail(ACCOUNTS.northwindSuper));
    expect(await flashAfter(outcome, ACCOUNTS.northwindSuper)).toEqual({ key: "groups.deleted", vars: { name: group.name } });
  });

  it("deleting a group twice is a 404 the second time, not a 500, and records one deletion", async () => {
    const group = makeGroup();
    expect((await remove(ACCOUNTS.northwindSuper, String(group.id))).status).toBe(302);
    const second = await remove(ACCOUNTS.northwindSuper, String(group.id));
    expect(second.status).toBe(404);
    expect(activitiesNaming("group.delete", group.name)).toHaveLength(1);
    expect((await loadDelete(ACCOUNTS.northwindSuper, String(group.id))).status).toBe(404);
  });

  it.each(["abc", "0", "-1", "1.5", "99999999", ""])("a group id of %j is a 404 for the page and the deletion", async (groupId) => {
    const groupsBefore = groupsOf(northwind()).length;
    expect((await loadDelete(ACCOUNTS.northwindSuper, groupId)).status).toBe(404);
    expect((await remove(ACCOUNTS.northwindSuper, groupId)).status).toBe(404);
    expect(groupsOf(northwind())).toHaveLength(groupsBefore);
  });

  it("a Contoso group's id is a 404 for a Northwind super admin, and the group stays", async () => {
    const group = makeGroup(ACCOUNTS.contosoSuper);
    expect((await loadDelete(ACCOUNTS.northwindSuper, String(group.id))).status).toBe(404);
    expect((await remove(ACCOUNTS.northwindSuper, String(group.id))).status).toBe(404);
    expect(groupRow(group.id)?.name).toBe(group.name);
  });

  it("a body that is not a form is a 400, not a 500, and deletes nothing", async () => {
    const group = makeGroup();
    const route = await importRoute(ROUTES.delete);
    const cookie = await cookieFor(ACCOUNTS.northwindSuper);
    const outcome = await callAction(route, jsonPost(`/groups/${group.id}/delete`, cookie), { groupId: String(group.id) });
    expect(outcome.status).toBe(400);
    expect(groupRow(group.id)).toBeDefined();
  });
});

describe("who may manage groups", () => {
  /** Every loader and action of the feature, against one of Northwind's groups. */
  async function everyRequest(email: string, groupId: number): Promise<[string, Outcome][]> {
    const id = String(groupId);
    const cookie = await cookieFor(email);
    const list = await importRoute(ROUTES.list);
    const renameRoute = await importRoute(ROUTES.rename);
    const deleteRoute = await importRoute(ROUTES.delete);
    return [
      ["GET /groups", await callLoader(list, get("/groups", { cookie }))],
      ["POST /groups", await callAction(list, post("/groups", { name: uniqueName() }, { cookie }))],
      [`GET /groups/${id}/rename`, await callLoader(renameRoute, get(`/groups/${id}/rename`, { cookie }), { groupId: id })],
      [
        `POST /groups/${id}/rename`,
        await callAction(renameRoute, post(`/groups/${id}/rename`, { name: uniqueName() }, { cookie }), { groupId: id }),
      ],
      [`GET /groups/${id}/delete`, await callLoader(deleteRoute, get(`/groups/${id}/delete`, { cookie }), { groupId: id })],
      [`POST /groups/${id}/delete`, await callAction(deleteRoute, post(`/groups/${id}/delete`, {}, { cookie }), { groupId: id })],
    ];
  }

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s gets 403 from every page and form of groups, and nothing changes",
    async (email) => {
      const group = makeGroup();
      const groupsBefore = groupsOf(northwind());
      const activitiesBefore = getDb().select({ n: count() }).from(schema.activities).get()!.n;
      for (const [request, outcome] of await everyRequest(email, group.id)) {
        expect(outcome.status, request).toBe(403);
        expect(await outcome.response!.clone().json(), request).toEqual({ reason: "role", from: null });
      }
      expect(groupsOf(northwind())).toEqual(groupsBefore);
      expect(getDb().select({ n: count() }).from(schema.activities).get()!.n).toBe(activitiesBefore);
    },
  );

  it("an admin designated to EMEA may not rename or delete EMEA either", async () => {
    const emea = String(groupIdByName(northwind(), "EMEA"));
    expect((await rename(ACCOUNTS.northwindAdmin, emea, { name: "Europe" })).status).toBe(403);
    expect((await remove(ACCOUNTS.northwindAdmin, emea)).status).toBe(403);
    expect(groupRow(Number(emea))?.name).toBe("EMEA");
  });

  it("a customer admin gets 403 from every page and form of groups, and nothing changes", async () => {
    const group = makeGroup();
    const groupsBefore = groupsOf(northwind());
    for (const [request, outcome] of await everyRequest(ACCOUNTS.acmeCustomerAdmin, group.id)) {
      expect(outcome.status, request).toBe(403);
    }
    expect(groupsOf(northwind())).toEqual(groupsBefore);
  });

  it("a Contoso super admin gets 404 for a Northwind group, and it keeps its name", async () => {
    const group = makeGroup();
    const outcomes = await everyRequest(ACCOUNTS.contosoSuper, group.id);
    for (const [request, outcome] of outcomes.filter(([request]) => request.includes(`/${group.id}/`))) {
      expect(outcome.status, request).toBe(404);
    }
    expect(groupRow(group.id)?.name).toBe(group.name);
  });

  it("a signed-out visitor is sent to sign-in and back, and nothing changes", async () => {
    const group = makeGroup();
    const list = await importRoute(ROUTES.list);
    const deleteRoute = await importRoute(ROUTES.delete);
    const page = await callLoader(list, get("/groups"));
    expect(page.status).toBe(302);
    expect(page.location).toBe(`/sign-in?redirectTo=${encodeURIComponent("/groups")}`);
    const deletion = await callAction(deleteRoute, post(`/groups/${group.id}/delete`), { groupId: String(group.id) });
    expect(deletion.status).toBe(302);
    expect(deletion.location).toMatch(/^\/sign-in\?/);
    expect(groupRow(group.id)).toBeDefined();
  });
});
