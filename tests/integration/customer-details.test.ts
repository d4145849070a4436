/**
 * F5, F10, F11: the customer details page through its real loader and
 * action, against the real database: what each role sees and may do, the
 * customer's groups, early access programs with the Flex rule, managed
 * customer orders, bad input, and the activity rows written with each change.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "~/db.server";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createCustomer, customerIdByLegalName, groupIdByName, partnerIdByName } from "../support/db";
import { get, post } from "../support/http";
import { callAction, callLoader, importRoute, type RouteModule } from "../support/routes";

const ROUTE = "routes/customers_.$customerId";
let route: RouteModule;
beforeAll(async () => {
  route = await importRoute(ROUTE);
});

const northwind = () => partnerIdByName("Northwind Security");
const group = (name: string) => groupIdByName(northwind(), name);

function programId(name: string): number {
  const row = getDb()
    .select({ id: schema.earlyAccessPrograms.id })
    .from(schema.earlyAccessPrograms)
    .where(eq(schema.earlyAccessPrograms.name, name))
    .get();
  if (!row) throw new Error(`No program ${name}`);
  return row.id;
}

async function load(email: string, customerId: number | string) {
  const cookie = await sessionFor(email);
  return callLoader(route, get(`/customers/${customerId}`, { cookie }), { customerId: String(customerId) });
}

async function postAs(email: string, customerId: number, form: Record<string, string>) {
  const cookie = await sessionFor(email);
  return callAction(route, post(`/customers/${customerId}`, form, { cookie }), { customerId: String(customerId) });
}

type Page = {
  customer: { name: string; managedOrder: boolean; assistance: { state: string }; assistanceReason: string | null };
  groups: { id: number; name: string }[];
  groupOptions: { id: number; name: string }[];
  canChangeGroups: boolean;
  licenses: { category: string; status: string; daysLeft: number }[];
  programs: { id: number; name: string; enrolled: boolean; offer: { action?: string; reason?: string } | null }[];
};

const groupsOf = (customerId: number) =>
  getDb()
    .select({ groupId: schema.customerGroups.groupId })
    .from(schema.customerGroups)
    .where(eq(schema.customerGroups.customerId, customerId))
    .all()
    .map((row) => row.groupId);

const enrolmentsOf = (customerId: number) =>
  getDb()
    .select({ programId: schema.programEnrolments.programId })
    .from(schema.programEnrolments)
    .where(eq(schema.programEnrolments.customerId, customerId))
    .all()
    .map((row) => row.programId);

const activitiesOf = (customerId: number, kind: string) =>
  getDb()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.customerId, customerId), eq(schema.activities.kind, kind)))
    .all();

async function reasonOf(outcome: { response: Response | null }) {
  return ((await outcome.response!.clone().json()) as { reason: string }).reason;
}

describe("the customer details page", () => {
  it("shows a super admin Initech's groups, licenses with the expiring category, and every program", async () => {
    const outcome = await load(ACCOUNTS.northwindSuper, customerIdByLegalName("Initech"));
    expect(outcome.status).toBe(200);
    const page = outcome.data as Page;
    expect(page.customer.name).toBe("Initech");
    expect(page.groups.map((g) => g.name)).toEqual(["EMEA"]);
    expect(page.licenses.some((l) => l.status === "expiring" && l.daysLeft > 0 && l.daysLeft <= 30)).toBe(true);
    expect(page.programs.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Endpoint Preview", "Email Security Beta"]),
    );
    expect(page.canChangeGroups).toBe(true);
    // The select offers only the groups the customer is not in yet.
    expect(page.groupOptions.map((g) => g.name)).not.toContain("EMEA");
    expect(page.groupOptions.map((g) => g.name)).toContain("Healthcare");
  });

  it("shows an admin the groups of a customer of its designation read-only, with Join offered", async () => {
    const page = (await load(ACCOUNTS.northwindAdmin, customerIdByLegalName("Initech"))).data as Page;
    expect(page.canChangeGroups).toBe(false);
    expect(page.groupOptions).toEqual([]);
    expect(page.programs.find((p) => p.name === "Email Security Beta")!.offer).toEqual({ action: "join" });
  });

  it.each([ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "shows %s the page with no control and no refusal reason for programs",
    async (email) => {
      const page = (await load(email, customerIdByLegalName("Initech"))).data as Page;
      expect(page.canChangeGroups).toBe(false);
      expect(page.programs.every((p) => p.offer === null)).toBe(true);
    },
  );

  it("says why Globex, a monthly account, cannot join a program that does not accept Flex licenses", async () => {
    const page = (await load(ACCOUNTS.northwindSuper, customerIdByLegalName("Globex Corporation"))).data as Page;
    expect(page.programs.find((p) => p.name === "Endpoint Preview")!.offer).toEqual({
      reason: "earlyAccess.flexNotAccepted",
    });
    expect(page.programs.find((p) => p.name === "Email Security Beta")!.offer).toEqual({ action: "join" });
  });

  it("shows a managed customer order with Partner Assistance always on", async () => {
    const page = (await load(ACCOUNTS.northwindSuper, customerIdByLegalName("Umbrella Health"))).data as Page;
    expect(page.customer.managedOrder).toBe(true);
    expect(page.customer.assistance.state).toBe("on");
    expect(page.customer.assistanceReason).toBe("managed_order");
  });

  it("is a 404 for a customer of another partner, one outside the designation, and a malformed id", async () => {
    expect((await load(ACCOUNTS.contosoSuper, customerIdByLegalName("Initech"))).status).toBe(404);
    expect((await load(ACCOUNTS.northwindAdmin, customerIdByLegalName("Acme Corp"))).status).toBe(404);
    expect((await load(ACCOUNTS.northwindSuper, customerIdByLegalName("Tyrell Systems"))).status).toBe(404);
    expect((await load(ACCOUNTS.northwindSuper, "12abc")).status).toBe(404);
  });

  it("is a 403 for a customer admin", async () => {
    expect((await load(ACCOUNTS.acmeCustomerAdmin, customerIdByLegalName("Acme Corp"))).status).toBe(403);
  });
});

describe("a customer's groups", () => {
  it("a super admin adds a customer to a group: the membership and an activity row are written together", async () => {
    const id = createCustomer(northwind());
    const outcome = await postAs(ACCOUNTS.northwindSuper, id, { intent: "addGroup", groupId: String(group("Healthcare")) });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/customers/${id}`);
    expect(outcome.headers.get("Set-Cookie")).toContain("pc_flash=");
    expect(groupsOf(id)).toEqual([group("Healthcare")]);
    const [activity] = activitiesOf(id, "customer.group.add");
    expect(JSON.parse(activity!.after!)).toEqual({ group: "Healthcare" });
    expect(activity!.actorUserId).not.toBeNull();
  });

  it("adding a customer to a group it is in already writes nothing more", async () => {
    const id = createCustomer(northwind());
    await postAs(ACCOUNTS.northwindSuper, id, { intent: "addGroup", groupId: String(group("VIP")) });
    const again = await postAs(ACCOUNTS.northwindSuper, id, { intent: "addGroup", groupId: String(group("VIP")) });
    expect(again.status).toBe(302);
    expect(groupsOf(id)).toEqual([group("VIP")]);
    expect(activitiesOf(id, "customer.group.add")).toHaveLength(1);
  });

  it("a super admin removes a customer from a group, with an activity row", async () => {
    const id = createCustomer(northwind());
    await postAs(ACCOUNTS.northwindSuper, id, { intent: "addGroup", groupId: String(group("EMEA")) });
    const outcome = await postAs(ACCOUNTS.northwindSuper, id, { intent: "removeGroup", groupId: String(group("EMEA")) });
    expect(outcome.status).toBe(302);
    expect(groupsOf(id)).toEqual([]);
    expect(JSON.parse(activitiesOf(id, "customer.group.remove")[0]!.before!)).toEqual({ group: "EMEA" });
  });

  it("Save without a group chosen is a message at the field, and nothing is written", async () => {
    const id = createCustomer(northwind());
    for (const groupId of ["", "abc", "-3"]) {
      const outcome = await postAs(ACCOUNTS.northwindSuper, id, { intent: "addGroup", groupId });
      expect(outcome.status).toBe(400);
      const reply = (outcome.data as { reply: { error: Record<string, string[]> } }).reply;
      expect(reply.error.groupId).toEqual(["Choose the group to add the customer to"]);
    }
    expect(groupsOf(id)).toEqual([]);
  });

  it("a group of another partner, or one that does not exist, is a 404 and nothing is written", async () => {
    const id = createCustomer(northwind());
    const contosoGroup = getDb()
      .insert(schema.groups)
      .values({ partnerId: partnerIdByName("Contoso IT"), name: `Contoso only ${Date.now()}` })
      .returning({ id: schema.groups.id })
      .get().id;
    for (const groupId of [String(contosoGroup), "999999"]) {
      const outcome = await postAs(ACCOUNTS.northwindSuper, id, { intent: "addGroup", groupId });
      expect(outcome.status).toBe(404);
    }
    expect((await postAs(ACCOUNTS.northwindSuper, id, { intent: "removeGroup", groupId: "x" })).status).toBe(404);
    expect(groupsOf(id)).toEqual([]);
  });

  it.each([ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s posting a group change to a customer it can see gets a 403 that names its role, and nothing changes",
    async (email) => {
      const initech = customerIdByLegalName("Initech");
      const before = groupsOf(initech);
      for (const form of [
        { intent: "addGroup", groupId: String(group("VIP")) },
        { intent: "addGroup", groupId: "" },
        { intent: "removeGroup", groupId: String(group("EMEA")) },
      ]) {
        const outcome = await postAs(email, initech, form);
        expect(outcome.status).toBe(403);
        expect(await reasonOf(outcome)).toBe("role");
      }
      expect(groupsOf(initech)).toEqual(before);
    },
  );

  it("an admin posting to a customer outside its designation gets a 404", async () => {
    const outcome = await postAs(ACCOUNTS.northwindAdmin, customerIdByLegalName("Acme Corp"), {
      intent: "addGroup",
      groupId: String(group("VIP")),
    });
    expect(outcome.status).toBe(404);
  });

  it("a super admin of another partner posting to a Northwind customer gets a 404", async () => {
    const id = createCustomer(northwind());
    const outcome = await postAs(ACCOUNTS.contosoSuper, id, { intent: "addGroup", groupId: String(group("VIP")) });
    expect(outcome.status).toBe(404);
    expect(groupsOf(id)).toEqual([]);
  });

  it("an unknown intent or a body that is not a form is a 400, never a 500", async () => {
    const id = createCustomer(northwind());
    expect((await postAs(ACCOUNTS.northwindSuper, id, { intent: "explode" })).status).toBe(400);
    expect((await postAs(ACCOUNTS.northwindSuper, id, {})).status).toBe(400);
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const request = new Request(`http://localhost/customers/${id}`, {
      method: "POST",
      headers: { Cookie: cookie.header(), "Content-Type": "application/json", Origin: "http://localhost" },
      body: "{}",
    });
    expect((await callAction(route, request, { customerId: String(id) })).status).toBe(400);
  });
});

describe("early access programs", () => {
  it("a super admin joins a term customer to Endpoint Preview and leaves it, each with an activity row", async () => {
    const id = createCustomer(northwind());
    const join = await postAs(ACCOUNTS.northwindSuper, id, { intent: "join", programId: String(programId("Endpoint Preview")) });
    expect(join.status).toBe(302);
    expect(enrolmentsOf(id)).toEqual([programId("Endpoint Preview")]);
    expect(JSON.parse(activitiesOf(id, "customer.program.join")[0]!.after!)).toEqual({ program: "Endpoint Preview" });
    const page = (await load(ACCOUNTS.northwindSuper, id)).data as Page;
    const program = page.programs.find((p) => p.name === "Endpoint Preview")!;
    expect(program.enrolled).toBe(true);
    expect(program.offer).toEqual({ action: "leave" });
    const leave = await postAs(ACCOUNTS.northwindSuper, id, { intent: "leave", programId: String(programId("Endpoint Preview")) });
    expect(leave.status).toBe(302);
    expect(enrolmentsOf(id)).toEqual([]);
    expect(activitiesOf(id, "customer.program.leave")).toHaveLength(1);
  });

  it("an admin may join a customer of its designation", async () => {
    const initech = customerIdByLegalName("Initech");
    const outcome = await postAs(ACCOUNTS.northwindAdmin, initech, { intent: "join", programId: String(programId("ZTNA Gateway Early Access")) });
    expect(outcome.status).toBe(302);
    expect(enrolmentsOf(initech)).toContain(programId("ZTNA Gateway Early Access"));
    await postAs(ACCOUNTS.northwindAdmin, initech, { intent: "leave", programId: String(programId("ZTNA Gateway Early Access")) });
  });

  it("a join posted twice enrols once and says the customer is enrolled already", async () => {
    const id = createCustomer(northwind());
    const form = { intent: "join", programId: String(programId("Email Security Beta")) };
    await postAs(ACCOUNTS.northwindSuper, id, form);
    const again = await postAs(ACCOUNTS.northwindSuper, id, form);
    expect(again.status).toBe(302);
    expect(again.headers.get("Set-Cookie")).toContain("pc_flash=");
    expect(enrolmentsOf(id)).toEqual([programId("Email Security Beta")]);
    expect(activitiesOf(id, "customer.program.join")).toHaveLength(1);
  });

  it("a customer holding a usage license is refused a program that does not accept Flex licenses, and nothing is written", async () => {
    const id = createCustomer(northwind());
    getDb()
      .insert(schema.licenses)
      .values({ customerId: id, product: "Intercept X", category: "Endpoint", type: "usage", quantity: 5, startsAt: Date.now(), endsAt: Date.now() + 86_400_000 })
      .run();
    const refused = await postAs(ACCOUNTS.northwindSuper, id, { intent: "join", programId: String(programId("Endpoint Preview")) });
    expect(refused.status).toBe(403);
    expect(await reasonOf(refused)).toBe("earlyAccess.flexNotAccepted");
    expect(enrolmentsOf(id)).toEqual([]);
    expect(activitiesOf(id, "customer.program.join")).toHaveLength(0);
    const accepted = await postAs(ACCOUNTS.northwindSuper, id, { intent: "join", programId: String(programId("Email Security Beta")) });
    expect(accepted.status).toBe(302);
  });

  it("a managed customer order joins no program here", async () => {
    const id = createCustomer(northwind(), { managedOrder: true, partnerAssistance: true, partnerAssistanceReason: "managed_order" });
    const outcome = await postAs(ACCOUNTS.northwindSuper, id, { intent: "join", programId: String(programId("Email Security Beta")) });
    expect(outcome.status).toBe(403);
    expect(await reasonOf(outcome)).toBe("managedOrder.joinProgram");
    expect(enrolmentsOf(id)).toEqual([]);
  });

  it("a program that does not exist, or a malformed id, is a 404", async () => {
    const id = createCustomer(northwind());
    for (const programIdValue of ["999999", "", "1e3"]) {
      expect((await postAs(ACCOUNTS.northwindSuper, id, { intent: "join", programId: programIdValue })).status).toBe(404);
    }
  });

  it.each([ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly])(
    "%s may not enrol a customer: 403 naming the role, nothing written",
    async (email) => {
      const initech = customerIdByLegalName("Initech");
      const before = enrolmentsOf(initech);
      const outcome = await postAs(email, initech, { intent: "join", programId: String(programId("Email Security Beta")) });
      expect(outcome.status).toBe(403);
      expect(await reasonOf(outcome)).toBe("role");
      expect(enrolmentsOf(initech)).toEqual(before);
    },
  );
});
