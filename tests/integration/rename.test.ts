/**
 * F4: changing "Name shown as", through the real loader and action, against
 * the real database: validation, the version check, roles, scope, and the
 * activity and outbox rows written with the change.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb, schema } from "~/db.server";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, customerIdByLegalName, partnerIdByName, userIdByEmail } from "../support/db";
import { get, post } from "../support/http";
import { callAction, callLoader, importRoute } from "../support/routes";

const northwind = () => partnerIdByName("Northwind Security");

async function renameAs(email: string, customerId: number, form: Record<string, string>, search = "") {
  const route = await importRoute("routes/customers.$customerId.name");
  const cookie = await sessionFor(email);
  return callAction(route, post(`/customers/${customerId}/name${search}`, form, { cookie }), {
    customerId: String(customerId),
  });
}

function customerRow(id: number) {
  return getDb().select().from(schema.customers).where(eq(schema.customers.id, id)).get()!;
}

function outboxRows(id: number) {
  return getDb().select().from(schema.crmOutbox).where(eq(schema.crmOutbox.customerId, id)).all();
}

function activityRows(id: number) {
  return getDb()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.customerId, id), eq(schema.activities.kind, "customer.rename")))
    .all();
}

function replyOf(data: unknown) {
  return (data as { reply: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } }).reply;
}

describe("renaming a customer", () => {
  it("a super admin's rename saves the trimmed name, bumps the version, and records activity and an outbox row together", async () => {
    const id = createCustomer(northwind(), { legalName: "Rename Target Ltd" });
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "  Target Renamed  ", version: "1" }, "?q=target");
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers?q=target");
    expect(outcome.headers.get("Set-Cookie")).toContain("pc_flash=");
    const row = customerRow(id);
    expect(row.displayName).toBe("Target Renamed");
    expect(row.version).toBe(2);
    expect(row.sortName).toBe("target renamed");
    expect(row.searchText).toContain("target renamed");
    const [activity] = activityRows(id);
    expect(JSON.parse(activity!.before!)).toEqual({ displayName: "" });
    expect(JSON.parse(activity!.after!)).toEqual({ displayName: "Target Renamed" });
    expect(activity!.actorUserId).toBe(userIdByEmail(ACCOUNTS.northwindSuper));
    const [outbox] = outboxRows(id);
    expect(outbox!.status).toBe("pending");
    expect(JSON.parse(outbox!.payload)).toEqual({ externalId: `pc-customer-${id}`, name: "Target Renamed" });
  });

  it("the renamed customer is found by its new name at once", async () => {
    const id = createCustomer(northwind(), { legalName: "Old Name Holdings" });
    await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "Zephyrine Widgets", version: "1" });
    const list = await importRoute("routes/customers");
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const outcome = await callLoader(list, get("/customers?q=zephyrine", { cookie }));
    const rows = (outcome.data as { list: { rows: { id: number; name: string }[] } }).list.rows;
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect(rows[0]!.name).toBe("Zephyrine Widgets");
  });

  it("a name of only spaces is refused with a message at the field, and nothing is written", async () => {
    const id = createCustomer(northwind());
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "    ", version: "1" });
    expect(outcome.status).toBe(400);
    expect(replyOf(outcome.data).error?.displayName).toEqual(["Enter the name to show for this customer"]);
    expect(customerRow(id).version).toBe(1);
    expect(outboxRows(id)).toHaveLength(0);
    expect(activityRows(id)).toHaveLength(0);
  });

  it("a name of 101 characters is refused and what was typed comes back", async () => {
    const id = createCustomer(northwind());
    const typed = "x".repeat(101);
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: typed, version: "1" });
    expect(outcome.status).toBe(400);
    const reply = replyOf(outcome.data);
    expect(reply.error?.displayName).toEqual(["The name shown must be 100 characters or fewer"]);
    expect(reply.initialValue?.displayName).toBe(typed);
    expect(customerRow(id).displayName).toBe("");
  });

  it("saving the name already shown (the legal name, when none was set) changes nothing and queues nothing", async () => {
    const id = createCustomer(northwind(), { legalName: "Unchanged Industries" });
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "Unchanged Industries", version: "1" });
    expect(outcome.status).toBe(302);
    expect(customerRow(id).version).toBe(1);
    expect(outboxRows(id)).toHaveLength(0);
    expect(activityRows(id)).toHaveLength(0);
  });

  it("a name of invisible characters only is refused, saying so", async () => {
    const id = createCustomer(northwind());
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "\u200b\u200b", version: "1" });
    expect(outcome.status).toBe(400);
    expect(replyOf(outcome.data).error?.displayName).toEqual([
      "Enter a name that shows: this one has only invisible or blank characters",
    ]);
  });

  it("a name of exactly 100 characters, accents included, is saved", async () => {
    const id = createCustomer(northwind());
    const name = "É".repeat(100);
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: name, version: "1" });
    expect(outcome.status).toBe(302);
    expect(customerRow(id).displayName).toBe(name);
  });

  it("a save carrying a stale version is refused with the current name, and nothing is overwritten", async () => {
    const id = createCustomer(northwind(), { legalName: "Conflict Corp" });
    expect((await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "First Writer", version: "1" })).status).toBe(302);
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "Second Writer", version: "1" });
    expect(outcome.status).toBe(409);
    const reply = replyOf(outcome.data);
    expect(reply.error?.[""]?.[0]).toContain("“First Writer”");
    expect(reply.initialValue?.displayName).toBe("Second Writer");
    expect(customerRow(id).displayName).toBe("First Writer");
    expect(customerRow(id).version).toBe(2);
    expect(outboxRows(id)).toHaveLength(1);
    // The answer carries the current version: saving again at once goes through.
    expect((outcome.data as { currentVersion?: number }).currentVersion).toBe(2);
  });

  it("after a conflict the form's loader gives the current version, so saving again works", async () => {
    const id = createCustomer(northwind());
    await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "One", version: "1" });
    const route = await importRoute("routes/customers.$customerId.name");
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const loaded = await callLoader(route, get(`/customers/${id}/name`, { cookie }), { customerId: String(id) });
    const version = (loaded.data as { card: { version: number } }).card.version;
    expect(version).toBe(2);
    const outcome = await renameAs(ACCOUNTS.northwindSuper, id, { displayName: "Two", version: String(version) });
    expect(outcome.status).toBe(302);
    expect(customerRow(id).displayName).toBe("Two");
  });

  it("an admin can rename a customer of its designation", async () => {
    const id = createCustomer(northwind());
    getDb()
      .insert(schema.userDesignatedCustomers)
      .values({ userId: userIdByEmail(ACCOUNTS.northwindAdmin), customerId: id })
      .run();
    const outcome = await renameAs(ACCOUNTS.northwindAdmin, id, { displayName: "Designated Rename", version: "1" });
    expect(outcome.status).toBe(302);
    expect(customerRow(id).displayName).toBe("Designated Rename");
  });

  it("an admin cannot rename a customer outside its designation: it does not exist for them", async () => {
    const acme = customerIdByLegalName("Acme Corp");
    const outcome = await renameAs(ACCOUNTS.northwindAdmin, acme, { displayName: "Hacked", version: "1" });
    expect(outcome.status).toBe(404);
    expect(customerRow(acme).displayName).toBe("");
  });

  it.each([ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s may not rename: the form and the save are 403 and nothing changes",
    async (email) => {
      const id = createCustomer(northwind());
      const outcome = await renameAs(email, id, { displayName: "Nope", version: "1" });
      expect(outcome.status).toBe(403);
      expect(await outcome.response!.clone().json()).toEqual({ reason: "role", from: null });
      const route = await importRoute("routes/customers.$customerId.name");
      const cookie = await sessionFor(email);
      const loaded = await callLoader(route, get(`/customers/${id}/name`, { cookie }), { customerId: String(id) });
      expect(loaded.status).toBe(403);
      expect(customerRow(id).displayName).toBe("");
      expect(outboxRows(id)).toHaveLength(0);
    },
  );

  it("a user of another partner cannot rename a Northwind customer: 404", async () => {
    const id = createCustomer(northwind());
    const outcome = await renameAs(ACCOUNTS.contosoSuper, id, { displayName: "Contoso Was Here", version: "1" });
    expect(outcome.status).toBe(404);
    expect(customerRow(id).displayName).toBe("");
  });

  it("a managed customer order cannot be renamed, and its card offers no Edit", async () => {
    const umbrella = customerIdByLegalName("Umbrella Health");
    const outcome = await renameAs(ACCOUNTS.northwindSuper, umbrella, { displayName: "Renamed", version: "1" });
    expect(outcome.status).toBe(403);
    // The 403 page names the real reason, not the role.
    expect(await outcome.response!.json()).toEqual({ reason: "managedOrder.rename", from: null });
    expect(customerRow(umbrella).version).toBe(1);
    const card = await importRoute("routes/customers.$customerId.contact");
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const loaded = await callLoader(card, get(`/customers/${umbrella}/contact`, { cookie }), { customerId: String(umbrella) });
    expect((loaded.data as { canRename: boolean }).canRename).toBe(false);
  });

  it("the contact card offers Edit to super admins and admins only", async () => {
    const hooli = customerIdByLegalName("Hooli");
    const card = await importRoute("routes/customers.$customerId.contact");
    const expected: [string, boolean][] = [
      [ACCOUNTS.northwindSuper, true],
      [ACCOUNTS.northwindAdmin, true],
      [ACCOUNTS.northwindHelpdesk, false],
      [ACCOUNTS.northwindReadonly, false],
    ];
    for (const [email, canRename] of expected) {
      const cookie = await sessionFor(email);
      const loaded = await callLoader(card, get(`/customers/${hooli}/contact`, { cookie }), { customerId: String(hooli) });
      expect(loaded.status, email).toBe(200);
      expect((loaded.data as { canRename: boolean }).canRename, email).toBe(canRename);
    }
  });
});
