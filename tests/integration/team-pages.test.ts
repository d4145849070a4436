/**
 * "Your team"'s pages (issue 20) through their real loaders and actions:
 * the Users page, Add user with the customer-access picker, User details
 * (role and access, deactivation, reactivation, invitations, second
 * factor), the invitation's page followed from a mail received by a real
 * SMTP server, the mail queue on Integrations, and the activity rows. Every
 * role, another partner's user and a customer admin.
 */
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { inviteUser } from "~/models/team.server";
import { createMailTransport, deliverDueMail, type MailSettings } from "~/services/mail.server";
import { ACCOUNTS, SESSION_COOKIE, sessionFor } from "../support/accounts";
import { createPartnerUser, customerIdByLegalName, db, groupIdByName, partnerActorFor, partnerIdByName, userIdByEmail } from "../support/db";
import { CookieJar, get, post } from "../support/http";
import { TMP_DIR } from "../support/paths";
import { loadPage, submitForm } from "../support/routes";

const northwindId = partnerIdByName("Northwind Security");
const contosoId = partnerIdByName("Contoso IT");
const hooli = customerIdByLegalName("Hooli");
const acme = customerIdByLegalName("Acme Corp");
const tyrell = customerIdByLegalName("Tyrell Systems");
const emea = groupIdByName(northwindId, "EMEA");

const jars = new Map<string, CookieJar>();
async function as(email: string): Promise<CookieJar> {
  let jar = jars.get(email);
  if (!jar) jars.set(email, (jar = await sessionFor(email)));
  return jar;
}

let serial = 0;
const freshEmail = (prefix: string) => `${prefix}-${process.pid}-${++serial}@example.test`;

/** A user of Northwind made for one test, so that changing it touches no demo account. */
async function teammate(role: "super_admin" | "admin" | "help_desk" | "read_only" = "read_only", partnerId = northwindId) {
  const email = freshEmail(role);
  const id = await createPartnerUser({ email, password: "a long and unusual passphrase", partnerId, role });
  db().update(schema.users).set({ name: `Tess ${serial}`, firstName: "Tess", lastName: String(serial) }).where(eq(schema.users.id, id)).run();
  return { id, email };
}

const userRow = (id: number) => db().select().from(schema.users).where(eq(schema.users.id, id)).get();
const activitiesAbout = (id: number, kind: string) =>
  db()
    .select()
    .from(schema.activities)
    .where(and(eq(schema.activities.subjectUserId, id), eq(schema.activities.kind, kind)))
    .all();

const PARTNER_ROLES_BUT_SUPER = [ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly] as const;

describe("the Users page", () => {
  it("lists the partner's users for a Super Admin, with a link in the navigation", async () => {
    const page = await loadPage(get("/users", { cookie: await as(ACCOUNTS.northwindSuper) }));
    expect(page.status).toBe(200);
    const data = page.data["routes/users"] as { rows: { email: string; status: string }[]; total: number };
    const emails = data.rows.map((row) => row.email);
    expect(emails).toEqual(expect.arrayContaining([ACCOUNTS.northwindSuper, "pending@northwind.test", "former@northwind.test"]));
    expect(emails).not.toContain(ACCOUNTS.contosoSuper);
    expect(emails).not.toContain(ACCOUNTS.acmeCustomerAdmin);
    expect((page.data.root as { viewer: { pages: string[] } }).viewer.pages).toContain("users");
  });

  it.each(PARTNER_ROLES_BUT_SUPER)("is a 403 for %s, with no link", async (email) => {
    const page = await loadPage(get("/users", { cookie: await as(email) }));
    expect(page.status).toBe(403);
    const root = await loadPage(get("/customers", { cookie: await as(email) }));
    expect((root.data.root as { viewer: { pages: string[] } }).viewer.pages).not.toContain("users");
  });

  it("is a 403 for a customer admin and sends a visitor to sign in", async () => {
    expect((await loadPage(get("/users", { cookie: await as(ACCOUNTS.acmeCustomerAdmin) }))).status).toBe(403);
    const signedOut = await loadPage(get("/users"));
    expect(signedOut.location).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("searches and filters by the address, leniently", async () => {
    const cookie = await as(ACCOUNTS.northwindSuper);
    const search = await loadPage(get("/users?q=PEND&status=invited", { cookie }));
    const rows = (search.data["routes/users"] as { rows: { email: string }[] }).rows;
    expect(rows.map((row) => row.email)).toEqual(["pending@northwind.test"]);
    const deactivated = await loadPage(get("/users?status=deactivated&role=read_only", { cookie }));
    expect((deactivated.data["routes/users"] as { rows: { email: string }[] }).rows.map((row) => row.email)).toContain("former@northwind.test");
    const nonsense = await loadPage(get("/users?role=god&status=%00&page=-4", { cookie }));
    expect(nonsense.status).toBe(200);
  });

  it("shows only Contoso's users to Contoso's Super Admin", async () => {
    const page = await loadPage(get("/users", { cookie: await as(ACCOUNTS.contosoSuper) }));
    const emails = (page.data["routes/users"] as { rows: { email: string }[] }).rows.map((row) => row.email);
    expect(emails).toContain(ACCOUNTS.contosoSuper);
    expect(emails.some((email) => email.endsWith("@northwind.test"))).toBe(false);
  });
});

type Picker = { access: string | null; chosenCustomers: { id: number; name: string }[]; results: { id: number; name: string }[] | null; groups: { id: number; chosen: boolean }[] };

describe("Add user", () => {
  it("carries the choice in the address: a search, an Add, a Remove; another partner's customer is not kept", async () => {
    const cookie = await as(ACCOUNTS.northwindSuper);
    const page = await loadPage(
      get(`/users/new?firstName=Ann&email=ann%40example.test&role=admin&draft=1&customerSearch=hoo&customerIds=${tyrell}&addCustomer=${hooli}&groupIds=${emea}`, { cookie }),
    );
    expect(page.status).toBe(200);
    const data = page.data["routes/users_.new"] as { values: { firstName: string; email: string; role: string }; picker: Picker };
    expect(data.values).toMatchObject({ firstName: "Ann", email: "ann@example.test", role: "admin" });
    expect(data.picker.access).toBe("chosen");
    expect(data.picker.chosenCustomers).toEqual([{ id: hooli, name: "Hooli" }]);
    expect(data.picker.groups.find((group) => group.id === emea)?.chosen).toBe(true);
    // Hooli is chosen already, so the search does not offer it again.
    expect(data.picker.results?.map((customer) => customer.id)).not.toContain(hooli);
    const removed = await loadPage(get(`/users/new?draft=1&access=chosen&customerIds=${hooli}&removeCustomer=${hooli}`, { cookie }));
    expect((removed.data["routes/users_.new"] as { picker: Picker }).picker.chosenCustomers).toEqual([]);
  });

  it("finds a customer among many by part of its name, a few at a time", async () => {
    const page = await loadPage(get("/users/new?draft=1&customerSearch=a", { cookie: await as(ACCOUNTS.northwindSuper) }));
    const picker = (page.data["routes/users_.new"] as { picker: Picker & { moreResults: boolean } }).picker;
    expect(picker.results!.length).toBeLessThanOrEqual(20);
    expect(picker.moreResults).toBe(true);
  });

  it("invites the user, queues the mail and records who invited whom, in one go", async () => {
    const email = freshEmail("invited");
    const outcome = await submitForm(
      post(
        "/users/new",
        { firstName: " Ivo ", lastName: "Vitado", email: email.toUpperCase(), role: "admin", access: "chosen", groupIds: String(emea), customerIds: String(hooli), draft: "1", customerSearch: "" },
        { cookie: await as(ACCOUNTS.northwindSuper) },
      ),
    );
    expect(outcome.status).toBe(302);
    const userId = userIdByEmail(email);
    expect(outcome.location).toBe(`/users/${userId}`);
    expect(userRow(userId)).toMatchObject({ status: "invited", role: "admin", name: "Ivo Vitado", designatedAll: false, partnerId: northwindId });
    expect(db().select().from(schema.userDesignatedCustomers).where(eq(schema.userDesignatedCustomers.userId, userId)).all()).toHaveLength(1);
    expect(db().select().from(schema.mailOutbox).where(eq(schema.mailOutbox.userId, userId)).get()).toMatchObject({ kind: "invitation", status: "pending", toAddress: email });
    const [entry] = activitiesAbout(userId, "user.invited");
    expect(entry).toMatchObject({ actorUserId: userIdByEmail(ACCOUNTS.northwindSuper), partnerId: northwindId });
  });

  it("refuses an email any user has, at the field, and writes nothing", async () => {
    const before = db().select().from(schema.users).all().length;
    const outcome = await submitForm(
      post("/users/new", { firstName: "A", lastName: "B", email: ACCOUNTS.acmeCustomerAdmin, role: "read_only", access: "all" }, { cookie: await as(ACCOUNTS.northwindSuper) }),
    );
    expect(outcome.status).toBe(400);
    const reply = (outcome.data as { reply: { error: Record<string, string[]> } }).reply;
    expect(reply.error.email).toEqual(["There is already a user with this email address"]);
    expect(db().select().from(schema.users).all().length).toBe(before);
  });

  it("asks for at least one group or customer when access is chosen, and keeps the choice shown", async () => {
    const email = freshEmail("none");
    const outcome = await submitForm(
      post("/users/new", { firstName: "A", lastName: "B", email, role: "help_desk", access: "chosen", draft: "1" }, { cookie: await as(ACCOUNTS.northwindSuper) }),
    );
    expect(outcome.status).toBe(400);
    expect((outcome.data as { reply: { error: Record<string, string[]> } }).reply.error.access).toEqual(["Choose at least one group or customer"]);
    expect((outcome.data as { picker: Picker }).picker.access).toBe("chosen");
    expect(db().select().from(schema.users).where(eq(schema.users.email, email)).get()).toBeUndefined();
  });

  it("refuses another partner's customer sent in the form, and writes nothing", async () => {
    const email = freshEmail("forged");
    const outcome = await submitForm(
      post("/users/new", { firstName: "A", lastName: "B", email, role: "admin", access: "chosen", customerIds: String(tyrell) }, { cookie: await as(ACCOUNTS.northwindSuper) }),
    );
    expect(outcome.status).toBe(400);
    expect((outcome.data as { reply: { error: Record<string, string[]> } }).reply.error.access).toEqual(["Choose groups and customers from the lists"]);
    expect(db().select().from(schema.users).where(eq(schema.users.email, email)).get()).toBeUndefined();
  });

  it.each([...PARTNER_ROLES_BUT_SUPER, ACCOUNTS.acmeCustomerAdmin])("is refused to %s, and writes nothing", async (who) => {
    const email = freshEmail("refused");
    const outcome = await submitForm(post("/users/new", { firstName: "A", lastName: "B", email, role: "super_admin" }, { cookie: await as(who) }));
    expect(outcome.status).toBe(403);
    expect(db().select().from(schema.users).where(eq(schema.users.email, email)).get()).toBeUndefined();
  });
});

describe("User details", () => {
  it("is a 404 for another partner's user, a customer admin, or no such user", async () => {
    const cookie = await as(ACCOUNTS.northwindSuper);
    for (const url of [`/users/${userIdByEmail(ACCOUNTS.contosoSuper)}`, `/users/${userIdByEmail(ACCOUNTS.acmeCustomerAdmin)}`, "/users/99999999", "/users/abc"]) {
      expect((await loadPage(get(url, { cookie }))).status, url).toBe(404);
    }
    const contosoUser = userIdByEmail(ACCOUNTS.contosoSuper);
    const posted = await submitForm(post(`/users/${contosoUser}`, { intent: "deactivate" }, { cookie }));
    expect(posted.status).toBe(404);
    expect(userRow(contosoUser)?.status).toBe("active");
  });

  it("is a 403 for the other roles", async () => {
    const { id } = await teammate();
    for (const who of PARTNER_ROLES_BUT_SUPER) {
      expect((await loadPage(get(`/users/${id}`, { cookie: await as(who) }))).status).toBe(403);
      expect((await submitForm(post(`/users/${id}`, { intent: "deactivate" }, { cookie: await as(who) }))).status).toBe(403);
    }
    expect(userRow(id)?.status).toBe("active");
  });

  it("changes role and customer access, in effect at that user's next request", async () => {
    const { id, email } = await teammate("read_only");
    const their = await sessionFor(email);
    expect((await loadPage(get(`/customers/${acme}`, { cookie: their }))).status).toBe(200);
    const outcome = await submitForm(
      post(`/users/${id}`, { intent: "update", role: "admin", access: "chosen", customerIds: String(hooli) }, { cookie: await as(ACCOUNTS.northwindSuper) }),
    );
    expect(outcome.status).toBe(302);
    expect(userRow(id)).toMatchObject({ role: "admin", designatedAll: false });
    expect((await loadPage(get(`/customers/${acme}`, { cookie: their }))).status).toBe(404);
    expect((await loadPage(get(`/customers/${hooli}`, { cookie: their }))).status).toBe(200);
    expect(activitiesAbout(id, "user.roleChanged")).toHaveLength(1);
    expect(activitiesAbout(id, "user.accessChanged")).toHaveLength(1);
  });

  it("shows the address's choice in the form while customers are being picked", async () => {
    const { id } = await teammate("help_desk");
    const page = await loadPage(get(`/users/${id}?draft=1&role=admin&access=chosen&addCustomer=${hooli}`, { cookie: await as(ACCOUNTS.northwindSuper) }));
    const data = page.data["routes/users_.$userId"] as { form: { role: string; picker: Picker } };
    expect(data.form.role).toBe("admin");
    expect(data.form.picker.chosenCustomers.map((customer) => customer.id)).toEqual([hooli]);
    // Nothing is saved by the picker's GETs.
    expect(userRow(id)).toMatchObject({ role: "help_desk", designatedAll: true });
  });

  it("deactivates a user after a confirmation page: their sessions end at once; then reactivates", async () => {
    const { id, email } = await teammate("help_desk");
    const their = await sessionFor(email);
    const cookie = await as(ACCOUNTS.northwindSuper);
    const confirm = await loadPage(get(`/users/${id}?confirm=deactivate`, { cookie }));
    expect((confirm.data["routes/users_.$userId"] as { confirm: string | null }).confirm).toBe("deactivate");
    expect(userRow(id)?.status).toBe("active");
    const outcome = await submitForm(post(`/users/${id}`, { intent: "deactivate" }, { cookie }));
    expect(outcome).toMatchObject({ status: 302, location: `/users/${id}` });
    expect(userRow(id)?.status).toBe("deactivated");
    const after = await loadPage(get("/customers", { cookie: their }));
    expect(after.location).toMatch(/^\/sign-in/);
    expect(activitiesAbout(id, "user.deactivated")).toHaveLength(1);
    expect((await submitForm(post(`/users/${id}`, { intent: "reactivate" }, { cookie }))).status).toBe(302);
    expect(userRow(id)?.status).toBe("active");
    expect(activitiesAbout(id, "user.reactivated")).toHaveLength(1);
  });

  it("refuses to deactivate oneself, naming the reason, and offers no button for it", async () => {
    const cookie = await as(ACCOUNTS.northwindSuper);
    const self = userIdByEmail(ACCOUNTS.northwindSuper);
    const page = await loadPage(get(`/users/${self}?confirm=deactivate`, { cookie }));
    const data = page.data["routes/users_.$userId"] as { confirm: string | null; offers: { deactivate: boolean; deactivateRefusal: string | null } };
    expect(data.confirm).toBeNull();
    expect(data.offers).toMatchObject({ deactivate: false, deactivateRefusal: "users.refused.self.deactivate" });
    const outcome = await submitForm(post(`/users/${self}`, { intent: "deactivate" }, { cookie }));
    expect(outcome.status).toBe(409);
    expect((outcome.data as { refusal: string }).refusal).toBe("You cannot deactivate yourself. Another Super Admin can.");
    expect(userRow(self)?.status).toBe("active");
  });

  it("keeps the last active Super Admin's role and refuses to deactivate them, naming the reason", async () => {
    // Contoso has one Super Admin; a second one, made for this test, acts.
    const other = await teammate("super_admin", contosoId);
    const cookie = await sessionFor(other.email);
    const last = userIdByEmail(ACCOUNTS.contosoSuper);
    // Two active Super Admins: the other is not the last. Deactivate it, then ask again as the first.
    const lastCookie = await as(ACCOUNTS.contosoSuper);
    expect((await submitForm(post(`/users/${other.id}`, { intent: "deactivate" }, { cookie: lastCookie }))).status).toBe(302);
    const role = await submitForm(post(`/users/${last}`, { intent: "update", role: "admin", access: "all" }, { cookie: lastCookie }));
    expect(role.status).toBe(400);
    expect((role.data as { reply: { error: Record<string, string[]> } }).reply.error.role?.[0]).toMatch(/last active Super Admin/);
    expect(userRow(last)?.role).toBe("super_admin");
    const page = await loadPage(get(`/users/${last}`, { cookie: lastCookie }));
    expect((page.data["routes/users_.$userId"] as { offers: { roleLocked: boolean } }).offers.roleLocked).toBe(true);
    // The deactivated one cannot act any more.
    expect((await loadPage(get("/users", { cookie }))).location).toMatch(/^\/sign-in/);
  });

  it("resends an invitation (the old link dies) and cancels one", async () => {
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    const email = freshEmail("resend");
    const { userId } = inviteUser({ actor, firstName: "Re", lastName: "Send", email, role: "read_only", access: { all: true }, locale: "en" }) as { userId: number };
    const cookie = await as(ACCOUNTS.northwindSuper);
    expect((await submitForm(post(`/users/${userId}`, { intent: "resendInvitation" }, { cookie }))).status).toBe(302);
    const invitations = db().select().from(schema.invitations).where(eq(schema.invitations.userId, userId)).all();
    expect(invitations).toHaveLength(2);
    expect(invitations.filter((row) => row.revokedAt !== null)).toHaveLength(1);
    expect(activitiesAbout(userId, "user.invitationResent")).toHaveLength(1);
    const cancelled = await submitForm(post(`/users/${userId}`, { intent: "cancelInvitation" }, { cookie }));
    expect(cancelled).toMatchObject({ status: 302, location: "/users" });
    expect(userRow(userId)).toBeUndefined();
  });

  it("resets a second factor after a confirmation page: the user's sessions end and a new one is due", async () => {
    const { id, email } = await teammate("help_desk");
    db().insert(schema.secondFactors).values({ userId: id, secretSealed: "v1.x", createdAt: 1, enabledAt: 2 }).run();
    const their = await sessionFor(email);
    const cookie = await as(ACCOUNTS.northwindSuper);
    const confirm = await loadPage(get(`/users/${id}?confirm=resetSecondFactor`, { cookie }));
    expect((confirm.data["routes/users_.$userId"] as { confirm: string | null }).confirm).toBe("resetSecondFactor");
    const outcome = await submitForm(post(`/users/${id}`, { intent: "resetSecondFactor" }, { cookie }));
    expect(outcome).toMatchObject({ status: 302, location: `/users/${id}` });
    expect(db().select().from(schema.secondFactors).where(eq(schema.secondFactors.userId, id)).all()).toHaveLength(0);
    expect(userRow(id)?.secondFactorSetupRequired).toBe(true);
    expect((await loadPage(get("/customers", { cookie: their }))).location).toMatch(/^\/sign-in/);
    expect(activitiesAbout(id, "user.secondFactorReset")).toHaveLength(1);
  });

  it("says there is no second factor to reset rather than resetting nothing", async () => {
    const { id } = await teammate();
    const outcome = await submitForm(post(`/users/${id}`, { intent: "resetSecondFactor" }, { cookie: await as(ACCOUNTS.northwindSuper) }));
    expect(outcome.status).toBe(409);
    expect((outcome.data as { refusal: string }).refusal).toMatch(/has no second factor to reset/);
  });

  it("answers a form with no known intent with a 400, never a 500", async () => {
    const { id } = await teammate();
    const outcome = await submitForm(post(`/users/${id}`, { intent: "__proto__" }, { cookie: await as(ACCOUNTS.northwindSuper) }));
    expect(outcome.status).toBe(400);
  });
});

describe("the invitation's page", () => {
  type Received = { to: string[]; raw: string };
  const received: Received[] = [];
  let server: SMTPServer;
  let settings: MailSettings;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        let raw = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => (raw += chunk));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((to) => to.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.server.address() as { port: number }).port;
    settings = { smtpUrl: `smtp://127.0.0.1:${port}`, from: "console@northwind.test", mailDir: path.join(TMP_DIR, "unused"), publicUrl: "https://console.example.test" };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** The invitation link of the mail received for an address, as a path of the site. */
  function invitationPath(email: string): string {
    const mail = received.find((entry) => entry.to.includes(email));
    if (!mail) throw new Error(`No mail for ${email}`);
    const body = mail.raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const link = /https:\/\/console\.example\.test(\/invitation\/[A-Za-z0-9_.-]+)/.exec(body);
    if (!link) throw new Error(`No invitation link in:\n${mail.raw}`);
    return link[1]!;
  }

  it("is followed from the mail: who invited whom, a password, then signed in, seeing only the chosen customers", async () => {
    const email = freshEmail("joiner");
    const added = await submitForm(
      post("/users/new", { firstName: "Jo", lastName: "Iner", email, role: "admin", access: "chosen", customerIds: String(hooli) }, { cookie: await as(ACCOUNTS.northwindSuper) }),
    );
    expect(added.status).toBe(302);
    expect((await deliverDueMail(createMailTransport(settings), settings)).delivered).toBeGreaterThanOrEqual(1);
    const link = invitationPath(email);

    const page = await loadPage(get(link));
    expect(page.status).toBe(200);
    expect(page.data["routes/invitation.$token"]).toMatchObject({
      invitation: { email, name: "Jo Iner", partnerName: "Northwind Security", inviterName: "Nadia Super" },
    });

    const weak = await submitForm(post(link, { password: "password1234" }));
    expect(weak.status).toBe(400);
    const weakReply = (weak.data as { reply: { error: Record<string, string[]>; initialValue?: Record<string, unknown> } }).reply;
    expect(weakReply.error.password?.[0]).toMatch(/too common|easy to guess/);
    expect(JSON.stringify(weakReply)).not.toContain("password1234");
    expect(userRow(userIdByEmail(email))?.status).toBe("invited");

    const accepted = await submitForm(post(link, { password: "violet tractor hums under moonlit quarry" }));
    expect(accepted).toMatchObject({ status: 302, location: "/customers" });
    const jar = new CookieJar().update(accepted.headers);
    expect(jar.get(SESSION_COOKIE)).toBeTruthy();
    expect(userRow(userIdByEmail(email))?.status).toBe("active");
    expect((await loadPage(get(`/customers/${hooli}`, { cookie: jar }))).status).toBe(200);
    expect((await loadPage(get(`/customers/${acme}`, { cookie: jar }))).status).toBe(404);

    // Good once: the same link now says so, and a second post changes nothing.
    const again = await loadPage(get(link));
    expect(again.status).toBe(410);
    expect(again.outcomes["routes/invitation.$token"]?.data).toMatchObject({ invitation: null, closed: "used" });
    const reposted = await submitForm(post(link, { password: "another long passphrase of mine" }));
    expect(reposted.status).toBe(410);
    expect(activitiesAbout(userIdByEmail(email), "user.invitationAccepted")).toHaveLength(1);
  });

  it.each([
    ["/invitation/forged", "not_found"],
    ["/invitation/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not_found"],
    [`/invitation/${"x".repeat(5000)}`, "not_found"],
    ["/invitation/%E0%A4%A", "not_found"],
  ])("explains a forged link %#, never a 500", async (url, closed) => {
    const page = await loadPage(get(url));
    expect(page.status).toBe(404);
    expect(page.outcomes["routes/invitation.$token"]?.data).toMatchObject({ invitation: null, closed });
    const posted = await submitForm(post(url, { password: "violet tractor hums under moonlit quarry" }));
    expect(posted.status).toBe(410);
  });
});

describe("Integrations' mail queue", () => {
  it("shows a Super Admin the mail's counts, and retries failed mail", async () => {
    const cookie = await as(ACCOUNTS.northwindSuper);
    const page = await loadPage(get("/integrations", { cookie }));
    expect(page.data["routes/integrations"]).toMatchObject({ mailBySmtp: false, mail: { waiting: expect.any(Number), failed: expect.any(Number) } });
    const failed = db()
      .insert(schema.mailOutbox)
      .values({ partnerId: northwindId, userId: userIdByEmail("pending@northwind.test"), kind: "invitation", toAddress: "x@example.test", locale: "en", payload: "{}", status: "failed", attempts: 6, lastError: "550 no such user", nextAttemptAt: 0, createdAt: 0 })
      .returning({ id: schema.mailOutbox.id })
      .get().id;
    const outcome = await submitForm(post("/integrations", { intent: "retryMail" }, { cookie }));
    expect(outcome.status).toBe(302);
    expect(db().select().from(schema.mailOutbox).where(eq(schema.mailOutbox.id, failed)).get()).toMatchObject({ status: "pending", attempts: 0 });
    db().delete(schema.mailOutbox).where(eq(schema.mailOutbox.id, failed)).run();
  });
});

describe("the activity log", () => {
  it("names the user a team change was about, and filters by its kind", async () => {
    const { id } = await teammate();
    await submitForm(post(`/users/${id}`, { intent: "update", role: "help_desk", access: "all" }, { cookie: await as(ACCOUNTS.northwindSuper) }));
    const page = await loadPage(get("/activity?kind=user.roleChanged", { cookie: await as(ACCOUNTS.northwindSuper) }));
    const rows = (page.data["routes/activity"] as { rows: { kind: string; subject: { id: number } | null; actor: { name?: string } }[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.kind === "user.roleChanged")).toBe(true);
    expect(rows.find((row) => row.subject?.id === id)?.actor).toMatchObject({ kind: "partnerUser", name: "Nadia Super" });
  });
});
