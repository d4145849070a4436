/**
 * "Your team" (issue 20) through its models: the Users page's list, a user's
 * details, invitations, role and access, deactivation, a second factor's
 * reset; every write with its activity row (and mail) in one transaction,
 * and each change in effect at the user's next request.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { can } from "~/domain/permissions";
import { requirePartnerUser } from "~/services/authz.server";
import { findUserForSignIn, getUserForSession, updateOwnName } from "~/models/users.server";
import {
  cancelInvitation,
  deactivateUser,
  getTeamMember,
  inviteUser,
  listTeam,
  reactivateUser,
  resendInvitation,
  resetUserSecondFactor,
  setSecondFactorRequired,
  updateTeamMember,
} from "~/models/team.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { createPartnerUser, customerIdByLegalName, db, groupIdByName, partnerActorFor, partnerIdByName, userIdByEmail } from "../support/db";
import { get } from "../support/http";

const northwind = () => partnerActorFor(ACCOUNTS.northwindSuper);
const contoso = () => partnerActorFor(ACCOUNTS.contosoSuper);

afterEach(() => setClock(null));

function activities(kind: string, subjectUserId?: number) {
  return db()
    .select()
    .from(schema.activities)
    .where(subjectUserId === undefined ? eq(schema.activities.kind, kind) : and(eq(schema.activities.kind, kind), eq(schema.activities.subjectUserId, subjectUserId)))
    .all();
}

function sessionsOf(userId: number): number {
  return db()
    .select()
    .from(schema.sessions)
    .all()
    .filter((row) => (JSON.parse(row.data) as { userId: number }).userId === userId).length;
}

let serial = 0;
const freshEmail = (prefix: string) => `${prefix}-${process.pid}-${++serial}@northwind.test`;

describe("the Users page's list", () => {
  it("lists the partner's users, invited and deactivated included, and no one else's", () => {
    const page = listTeam({ actor: northwind() });
    const emails = page.rows.map((row) => row.email);
    expect(emails).toEqual(expect.arrayContaining(["super@northwind.test", "pending@northwind.test", "former@northwind.test"]));
    expect(emails).not.toContain(ACCOUNTS.contosoSuper);
    expect(emails).not.toContain(ACCOUNTS.acmeCustomerAdmin);
    expect(page.rows.every((row) => !("passwordHash" in row))).toBe(true);
  });

  it("shows each user's status, access, second factor and last sign-in", () => {
    const rows = listTeam({ actor: northwind() }).rows;
    const byEmail = (email: string) => rows.find((row) => row.email === email)!;
    expect(byEmail("pending@northwind.test")).toMatchObject({ status: "invited", name: "Pat Pending", firstName: "Pat", lastName: "Pending" });
    expect(byEmail("pending@northwind.test").invitationExpiresAt).toBeGreaterThan(Date.now());
    expect(byEmail("former@northwind.test")).toMatchObject({ status: "deactivated", name: "Dee Former" });
    expect(byEmail(ACCOUNTS.northwindAdmin).access).toEqual({ all: false, groups: 1, customers: 1 });
    expect(byEmail(ACCOUNTS.northwindHelpdesk).access).toEqual({ all: true });
    expect(byEmail(ACCOUNTS.northwindSuper)).toMatchObject({ access: { all: true }, secondFactor: false, role: "super_admin" });
    expect(byEmail(ACCOUNTS.northwindSuper).lastSignInAt).not.toBeNull();
  });

  it("searches any part of the name or email, case ignored", () => {
    expect(listTeam({ actor: northwind(), search: "PENd" }).rows.map((row) => row.email)).toEqual(["pending@northwind.test"]);
    expect(listTeam({ actor: northwind(), search: "helpdesk@" }).rows.map((row) => row.email)).toEqual([ACCOUNTS.northwindHelpdesk]);
    // A % is itself, not a wildcard.
    expect(listTeam({ actor: northwind(), search: "%" }).total).toBe(0);
  });

  it("filters by role and by status", () => {
    expect(listTeam({ actor: northwind(), role: "super_admin" }).rows.map((row) => row.email)).toEqual([ACCOUNTS.northwindSuper]);
    expect(listTeam({ actor: northwind(), status: "deactivated" }).rows.map((row) => row.email)).toEqual(["former@northwind.test"]);
  });

  it("shows the last page for a page past it", () => {
    const page = listTeam({ actor: northwind(), page: 99 });
    expect(page).toMatchObject({ page: 1, pageCount: 1 });
    expect(page.rows.length).toBe(page.total);
  });
});

describe("Your account", () => {
  it("changes one's own first and last name, and the name every page shows", async () => {
    const userId = await createPartnerUser({ email: freshEmail("name"), password: "x", partnerId: northwind().partner.id });
    updateOwnName({ userId, firstName: " Ana ", lastName: "de la Peña" });
    expect(getUserForSession(userId)).toMatchObject({ name: "Ana de la Peña" });
    expect(getTeamMember({ actor: northwind(), userId })).toMatchObject({ firstName: "Ana", lastName: "de la Peña" });
  });
});

describe("only a Super Admin manages users", () => {
  it.each([
    [ACCOUNTS.northwindSuper, true],
    [ACCOUNTS.northwindAdmin, false],
    [ACCOUNTS.northwindHelpdesk, false],
    [ACCOUNTS.northwindReadonly, false],
    [ACCOUNTS.contosoSuper, true],
  ])("%s may manage users: %s", async (email, allowed) => {
    const jar = await sessionFor(email);
    const attempt = requirePartnerUser(get("/users", { cookie: jar }), { can: "users.manage" });
    if (allowed) await expect(attempt).resolves.toMatchObject({ kind: "partner" });
    else await expect(attempt).rejects.toMatchObject({ status: 403 });
    expect(can(partnerActorFor(email).user.role, { flexMsp: false, flexConnect: false }, "users.manage")).toBe(allowed);
  });

  it("a customer admin is refused", async () => {
    const jar = await sessionFor(ACCOUNTS.acmeCustomerAdmin);
    await expect(requirePartnerUser(get("/users", { cookie: jar }), { can: "users.manage" })).rejects.toMatchObject({ status: 403 });
  });
});

describe("another partner's user, or a customer admin", () => {
  it("is not found for details or any change", () => {
    const actor = northwind();
    for (const email of [ACCOUNTS.contosoSuper, ACCOUNTS.acmeCustomerAdmin]) {
      const userId = userIdByEmail(email);
      expect(getTeamMember({ actor, userId })).toBeUndefined();
      expect(deactivateUser({ actor, userId })).toEqual({ status: "not_found" });
      expect(updateTeamMember({ actor, userId, role: "read_only", access: { all: true } })).toEqual({ status: "not_found" });
      expect(resetUserSecondFactor({ actor, userId })).toEqual({ status: "not_found" });
    }
    expect(getUserForSession(userIdByEmail(ACCOUNTS.contosoSuper))).toBeDefined();
  });
});

describe("Add user", () => {
  it("refuses an email any user has: a partner user of another partner or a customer admin", () => {
    for (const email of [ACCOUNTS.contosoSuper, "ADMIN@acme.test", "pending@northwind.test"]) {
      expect(inviteUser({ actor: northwind(), firstName: "A", lastName: "B", email, role: "read_only", access: { all: true }, locale: "en" })).toEqual({
        status: "emailTaken",
      });
    }
  });

  it("creates the user as invited, with its access, an invitation for 7 days, its mail and its activity, at once", () => {
    setClock(Date.UTC(2026, 5, 1));
    const actor = northwind();
    const email = freshEmail("new");
    const emea = groupIdByName(actor.partner.id, "EMEA");
    const hooli = customerIdByLegalName("Hooli");
    const outcome = inviteUser({
      actor,
      firstName: " Ines ",
      lastName: "Nueva",
      email: email.toUpperCase(),
      role: "help_desk",
      access: { all: false, groupIds: [emea], customerIds: [hooli] },
      locale: "es",
    });
    expect(outcome.status).toBe("invited");
    const userId = (outcome as { userId: number }).userId;
    const details = getTeamMember({ actor, userId })!;
    expect(details).toMatchObject({ email, name: "Ines Nueva", role: "help_desk", status: "invited", invitedBy: { name: "Nadia Super" } });
    expect(details.groups.map((group) => group.name)).toEqual(["EMEA"]);
    expect(details.customers.map((customer) => customer.name)).toEqual(["Hooli"]);
    expect(details.invitationExpiresAt).toBe(Date.UTC(2026, 5, 8));
    const mail = db().select().from(schema.mailOutbox).where(eq(schema.mailOutbox.userId, userId)).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "invitation", toAddress: email, locale: "es", status: "pending" });
    expect(mail[0]!.payload).not.toMatch(/token|selector|verifier/);
    const [activity] = activities("user.invited", userId);
    expect(activity).toMatchObject({ actorUserId: actor.user.id, partnerId: actor.partner.id });
    expect(JSON.parse(activity!.after!)).toMatchObject({ user: `Ines Nueva <${email}>`, role: "help_desk", customerAccess: "chosen", groups: "EMEA", customers: "Hooli" });
    // An invited user cannot sign in and has no session.
    expect(findUserForSignIn(email)).toBeUndefined();
    expect(getUserForSession(userId)).toBeUndefined();
  });

  it("refuses another partner's group, or chosen access with nothing chosen, and writes nothing", () => {
    const before = db().select().from(schema.users).all().length;
    const contosoGroup = db().insert(schema.groups).values({ partnerId: partnerIdByName("Contoso IT"), name: `C ${serial}` }).returning().get().id;
    for (const access of [
      { all: false as const, groupIds: [contosoGroup], customerIds: [] },
      { all: false as const, groupIds: [], customerIds: [customerIdByLegalName("Tyrell Systems")] },
      { all: false as const, groupIds: [], customerIds: [] },
    ]) {
      expect(inviteUser({ actor: northwind(), firstName: "A", lastName: "B", email: freshEmail("x"), role: "admin", access, locale: "en" })).toEqual({
        status: "invalidAccess",
      });
    }
    expect(db().select().from(schema.users).all().length).toBe(before);
  });

  it("gives an invited Super Admin all customers whatever was chosen", () => {
    const outcome = inviteUser({
      actor: northwind(),
      firstName: "Sam",
      lastName: "Super",
      email: freshEmail("super"),
      role: "super_admin",
      access: { all: false, groupIds: [], customerIds: [] },
      locale: "en",
    }) as { userId: number };
    expect(getTeamMember({ actor: northwind(), userId: outcome.userId })!.access).toEqual({ all: true });
  });
});

describe("Resend and Cancel invitation", () => {
  function invite() {
    return (inviteUser({ actor: northwind(), firstName: "Re", lastName: "Send", email: freshEmail("re"), role: "read_only", access: { all: true }, locale: "en" }) as { userId: number }).userId;
  }

  it("resend revokes the open invitation, supersedes its waiting mail and queues a new one", () => {
    const userId = invite();
    expect(resendInvitation({ actor: northwind(), userId, locale: "en" })).toEqual({ status: "done" });
    const invitations = db().select().from(schema.invitations).where(eq(schema.invitations.userId, userId)).all();
    expect(invitations.map((row) => row.revokedAt !== null)).toEqual([true, false]);
    const mail = db().select().from(schema.mailOutbox).where(eq(schema.mailOutbox.userId, userId)).all();
    expect(mail.map((row) => row.status)).toEqual(["superseded", "pending"]);
    expect(activities("user.invitationResent", userId)).toHaveLength(1);
  });

  it("cancel removes the invited user, keeps the activity with its name, and frees the email", () => {
    const userId = invite();
    const email = getTeamMember({ actor: northwind(), userId })!.email;
    expect(cancelInvitation({ actor: northwind(), userId })).toEqual({ status: "done" });
    expect(getTeamMember({ actor: northwind(), userId })).toBeUndefined();
    const [entry] = activities("user.invitationCancelled").filter((row) => row.before?.includes(email));
    expect(entry).toMatchObject({ subjectUserId: null, actorUserId: northwind().user.id });
    expect(db().select().from(schema.mailOutbox).where(eq(schema.mailOutbox.toAddress, email)).all().map((row) => row.status)).toEqual(["superseded"]);
    expect(inviteUser({ actor: northwind(), firstName: "Re", lastName: "Send", email, role: "read_only", access: { all: true }, locale: "en" }).status).toBe("invited");
  });

  it("refuses both for a user who is not invited, naming why", () => {
    const userId = userIdByEmail(ACCOUNTS.northwindReadonly);
    expect(resendInvitation({ actor: northwind(), userId, locale: "en" })).toEqual({ status: "refused", reason: "users.refused.notInvited" });
    expect(cancelInvitation({ actor: northwind(), userId })).toEqual({ status: "refused", reason: "users.refused.notInvited" });
  });
});

describe("role and customer access", () => {
  it("take effect at the user's next request, with an activity row for each", async () => {
    const userId = await createPartnerUser({ email: freshEmail("role"), password: "x", partnerId: northwind().partner.id, role: "read_only" });
    const emea = groupIdByName(northwind().partner.id, "EMEA");
    const outcome = updateTeamMember({ actor: northwind(), userId, role: "admin", access: { all: false, groupIds: [emea], customerIds: [] } });
    expect(outcome).toEqual({ status: "updated", roleChanged: true, accessChanged: true });
    const now = getUserForSession(userId);
    expect(now).toMatchObject({ kind: "partner", role: "admin", designatedAll: false });
    expect(JSON.parse(activities("user.roleChanged", userId)[0]!.after!)).toEqual({ role: "admin" });
    expect(JSON.parse(activities("user.accessChanged", userId)[0]!.after!)).toEqual({ customerAccess: "chosen", groups: "EMEA", customers: "" });
  });

  it("writes nothing when nothing changed", async () => {
    const userId = await createPartnerUser({ email: freshEmail("same"), password: "x", partnerId: northwind().partner.id, role: "help_desk" });
    expect(updateTeamMember({ actor: northwind(), userId, role: "help_desk", access: { all: true } })).toEqual({
      status: "updated",
      roleChanged: false,
      accessChanged: false,
    });
    expect(activities("user.roleChanged", userId)).toHaveLength(0);
  });

  it("refuses moving the partner's last active Super Admin to another role", () => {
    const actor = contoso();
    expect(updateTeamMember({ actor, userId: actor.user.id, role: "admin", access: { all: true } })).toEqual({
      status: "refused",
      reason: "users.refused.lastSuperAdmin.role",
    });
    expect(getUserForSession(actor.user.id)).toMatchObject({ role: "super_admin" });
  });
});

describe("deactivate and reactivate", () => {
  it("a deactivated user's sessions end at once, it cannot sign in, and its activity stays", async () => {
    const email = freshEmail("deact");
    const userId = await createPartnerUser({ email, password: "x", partnerId: northwind().partner.id, role: "help_desk" });
    const jar = await sessionFor(email);
    expect(sessionsOf(userId)).toBe(1);
    expect(deactivateUser({ actor: northwind(), userId })).toEqual({ status: "done" });
    expect(sessionsOf(userId)).toBe(0);
    expect(getUserForSession(userId)).toBeUndefined();
    expect(findUserForSignIn(email)).toBeUndefined();
    await expect(requirePartnerUser(get("/customers", { cookie: jar }))).rejects.toMatchObject({ status: 302 });
    expect(activities("user.deactivated", userId)).toHaveLength(1);
    expect(reactivateUser({ actor: northwind(), userId })).toEqual({ status: "done" });
    expect(getUserForSession(userId)).toMatchObject({ kind: "partner" });
    expect(activities("user.reactivated", userId)).toHaveLength(1);
  });

  it("even a session the user had signed in elsewhere ends: the guard reads the user's state at every request", async () => {
    const email = freshEmail("elsewhere");
    const userId = await createPartnerUser({ email, password: "x", partnerId: northwind().partner.id });
    const jar = await sessionFor(email);
    db().update(schema.users).set({ status: "deactivated" }).where(eq(schema.users.id, userId)).run();
    await expect(requirePartnerUser(get("/customers", { cookie: jar }))).rejects.toMatchObject({ status: 302 });
  });

  it("a Super Admin cannot deactivate themselves", () => {
    const actor = northwind();
    expect(deactivateUser({ actor, userId: actor.user.id })).toEqual({ status: "refused", reason: "users.refused.self.deactivate" });
  });

  it("another Super Admin can be deactivated while one remains", async () => {
    const actor = contoso();
    const other = await createPartnerUser({ email: `other-super-${serial++}@contoso.test`, password: "x", partnerId: actor.partner.id, role: "super_admin" });
    expect(deactivateUser({ actor, userId: other })).toEqual({ status: "done" });
    // Now Carla is the last active one: her role cannot change.
    expect(updateTeamMember({ actor, userId: actor.user.id, role: "read_only", access: { all: true } })).toMatchObject({
      status: "refused",
      reason: "users.refused.lastSuperAdmin.role",
    });
  });

  it("an invited user is cancelled, not deactivated", () => {
    expect(deactivateUser({ actor: northwind(), userId: userIdByEmail("pending@northwind.test") })).toEqual({
      status: "refused",
      reason: "users.refused.invited",
    });
  });
});

describe("Reset second factor and the partner's requirement", () => {
  it("reset deletes the second factor and codes, ends the sessions and asks for a new set-up", async () => {
    const email = freshEmail("2fa");
    const userId = await createPartnerUser({ email, password: "x", partnerId: northwind().partner.id });
    db().insert(schema.secondFactors).values({ userId, secretSealed: "v1.x", createdAt: 1, enabledAt: 2 }).run();
    db().insert(schema.recoveryCodes).values({ userId, codeHash: "h", createdAt: 1 }).run();
    await sessionFor(email);
    expect(resetUserSecondFactor({ actor: northwind(), userId })).toEqual({ status: "done" });
    expect(db().select().from(schema.secondFactors).where(eq(schema.secondFactors.userId, userId)).all()).toHaveLength(0);
    expect(db().select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, userId)).all()).toHaveLength(0);
    expect(sessionsOf(userId)).toBe(0);
    expect(getUserForSession(userId)).toMatchObject({ secondFactorSetupDue: true });
    expect(activities("user.secondFactorReset", userId)).toHaveLength(1);
    expect(resetUserSecondFactor({ actor: northwind(), userId })).toEqual({ status: "refused", reason: "users.refused.noSecondFactor" });
  });

  it("requiring a second factor makes every user without one due for set-up at its next request", () => {
    const actor = contoso();
    expect(getUserForSession(actor.user.id)).toMatchObject({ secondFactorSetupDue: false });
    expect(setSecondFactorRequired({ actor, required: true })).toBe(true);
    expect(setSecondFactorRequired({ actor, required: true })).toBe(false);
    expect(getUserForSession(actor.user.id)).toMatchObject({ secondFactorSetupDue: true });
    expect(activities("partner.secondFactorRequirement")).toHaveLength(1);
    setSecondFactorRequired({ actor, required: false });
  });
});
