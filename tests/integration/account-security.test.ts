/**
 * The pages of "Your account" and signing in safely (issue 20), through
 * their real loaders and actions: the sign-in's verification code step
 * (held server-side; wrong, replayed and throttled codes; recovery codes),
 * "Forgot your password?" and its link (forged, expired, used), "Change
 * password", the second factor's set-up, recovery codes' download and
 * turning it off, the partner's "Require a second factor for every user"
 * and a Super Admin's reset holding every page until a set-up, for every
 * role and a customer admin.
 */
import { eq } from "drizzle-orm";
import { generateSync } from "otplib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { resetUserSecondFactor, setSecondFactorRequired } from "~/models/team.server";
import { deliverDueMail, type MailTransport } from "~/services/mail.server";
import { endSessionsOfUser } from "~/models/users.server";
import { setClock } from "~/utils/clock";
import { ACCOUNTS, DEMO_PASSWORD, SESSION_COOKIE, sessionFor, signIn } from "../support/accounts";
import { createPartnerUser, db, partnerActorFor } from "../support/db";
import { CookieJar, get, post } from "../support/http";
import { loadPage, submitForm, type Outcome } from "../support/routes";

// Sessions, links and codes all read the one clock: fixed for each test, moved forward by the test.
beforeEach(() => setClock(T0));
afterEach(() => setClock(null));

let serial = 0;
const freshEmail = (prefix: string) => `${prefix}-${process.pid}-${++serial}@northwind.test`;
const PASSWORD = "amber lantern drifts slowly";
const T0 = Date.UTC(2031, 2, 3, 9, 0, 0);
const codeAt = (secret: string, at: number) => generateSync({ secret, epoch: Math.floor(at / 1000) });

const northwindId = () => partnerActorFor(ACCOUNTS.northwindSuper).partner.id;

async function freshUser(options: { partnerId?: number; role?: "super_admin" | "admin" | "help_desk" | "read_only" } = {}) {
  const email = freshEmail("acct");
  const id = await createPartnerUser({ email, password: PASSWORD, partnerId: options.partnerId ?? northwindId(), role: options.role ?? "help_desk" });
  return { id, email };
}

/** A partner of its own, so its requirement touches no demo account. */
function freshPartner(): number {
  return db().insert(schema.partners).values({ name: `Test Partner ${process.pid}-${++serial}` }).returning({ id: schema.partners.id }).get().id;
}

/** The sign-in form sent, as a browser would; the jar takes what it sets. */
async function postSignIn(email: string, password: string, jar = new CookieJar()) {
  const outcome = await submitForm(post("/sign-in", { email, password }, { cookie: jar }));
  jar.update(outcome.headers);
  return { outcome, jar };
}

async function send(path: string, form: Record<string, string | string[]>, jar: CookieJar): Promise<Outcome> {
  const outcome = await submitForm(post(path, form, { cookie: jar }));
  jar.update(outcome.headers);
  return outcome;
}

const replyOf = (outcome: Outcome) => (outcome.data as { reply: { error?: Record<string, string[]> } }).reply;

/** Sets up a second factor through the pages: the secret read off the set-up page, confirmed by a code at `at`. */
async function setUpThroughPages(jar: CookieJar, at: number) {
  setClock(at);
  const page = await loadPage(get("/account/second-factor", { cookie: jar }));
  expect(page.status).toBe(200);
  const view = (page.data["routes/account_.second-factor"] as { view: { secretGrouped: string; uri: string; qrSvg: string } }).view;
  const secret = view.secretGrouped.replace(/ /g, "");
  const confirmed = await send("/account/second-factor", { code: codeAt(secret, at) }, jar);
  expect(confirmed.status).toBe(200);
  const codes = (confirmed.data as { recoveryCodes: string[] }).recoveryCodes;
  expect(codes).toHaveLength(10);
  return { secret, codes, view };
}

/** A fresh user with a second factor on, and the sign-in's pending step reached with its password. */
async function userWithSecondFactor() {
  const user = await freshUser();
  const jar = await sessionFor(user.email);
  const { secret, codes } = await setUpThroughPages(jar, T0);
  return { ...user, secret, codes };
}

describe("the sign-in's verification code", () => {
  it("is asked after a right password; until then the browser is signed in nowhere", async () => {
    const user = await userWithSecondFactor();
    setClock(T0 + 60_000);
    const { outcome, jar } = await postSignIn(user.email, PASSWORD);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/sign-in/verify");
    expect(jar.get(SESSION_COOKIE)).toBeTruthy();
    // The step's own page is there.
    expect((await loadPage(get("/sign-in/verify", { cookie: jar }))).status).toBe(200);
    // The pending session names no user: every other page sends to sign-in (and leaving abandons the step).
    const account = await loadPage(get("/account", { cookie: jar }));
    expect(account.location).toMatch(/^\/sign-in\?redirectTo=/);
    const customers = await loadPage(get("/customers", { cookie: jar }));
    expect(customers.status).toBe(302);
    expect(customers.location).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("signs in with a right code, with a new session id, and goes where sign-in would", async () => {
    const user = await userWithSecondFactor();
    setClock(T0 + 60_000);
    const { jar } = await postSignIn(user.email, PASSWORD);
    const pendingId = jar.get(SESSION_COOKIE);
    const verified = await send("/sign-in/verify", { code: codeAt(user.secret, T0 + 60_000) }, jar);
    expect(verified.status).toBe(302);
    expect(verified.location).toBe("/customers");
    expect(jar.get(SESSION_COOKIE)).not.toBe(pendingId);
    expect((await loadPage(get("/customers", { cookie: jar }))).status).toBe(200);
  });

  it("refuses a wrong code at the field, and a code already used (replay), and an older one after a newer", async () => {
    const user = await userWithSecondFactor();
    const at = T0 + 120_000;
    setClock(at);
    const { jar } = await postSignIn(user.email, PASSWORD);
    const wrong = await send("/sign-in/verify", { code: "000000" }, jar);
    expect(wrong.status).toBe(400);
    expect(replyOf(wrong).error?.code).toEqual(["This code is not right, or it has been used already. Wait for the next code and try again"]);
    expect(await send("/sign-in/verify", { code: "12" }, jar).then((o) => replyOf(o).error?.code)).toEqual([
      "Enter the 6-digit code from your authenticator app, or a recovery code",
    ]);
    // The set-up's own code (step of T0) was used: never again.
    expect((await send("/sign-in/verify", { code: codeAt(user.secret, T0) }, jar)).status).toBe(400);
    const code = codeAt(user.secret, at);
    expect((await send("/sign-in/verify", { code }, jar)).location).toBe("/customers");

    // The same code again, in another browser that typed the password: refused.
    const other = await postSignIn(user.email, PASSWORD);
    const replay = await send("/sign-in/verify", { code }, other.jar);
    expect(replay.status).toBe(400);
    expect((await send("/sign-in/verify", { code: codeAt(user.secret, at - 30_000) }, other.jar)).status).toBe(400);
    expect((await loadPage(get("/customers", { cookie: other.jar }))).status).toBe(302);
  });

  it("accepts each recovery code once", async () => {
    const user = await userWithSecondFactor();
    setClock(T0 + 60_000);
    const first = await postSignIn(user.email, PASSWORD);
    expect((await send("/sign-in/verify", { code: user.codes[0]! }, first.jar)).location).toBe("/customers");
    const second = await postSignIn(user.email, PASSWORD);
    expect((await send("/sign-in/verify", { code: user.codes[0]! }, second.jar)).status).toBe(400);
    expect((await send("/sign-in/verify", { code: user.codes[1]!.toUpperCase() }, second.jar)).location).toBe("/customers");
    const account = await loadPage(get("/account", { cookie: second.jar }));
    expect(account.data["routes/account"]).toMatchObject({ secondFactor: { on: true, recoveryCodesLeft: 8 } });
  });

  it("is throttled after 5 wrong codes: then even the right code waits", async () => {
    const user = await userWithSecondFactor();
    const at = T0 + 60_000;
    setClock(at);
    const { jar } = await postSignIn(user.email, PASSWORD);
    for (let i = 0; i < 5; i++) expect((await send("/sign-in/verify", { code: "111111" }, jar)).status).toBe(400);
    const throttled = await send("/sign-in/verify", { code: codeAt(user.secret, at) }, jar);
    expect(throttled.status).toBe(400);
    expect((throttled.data as { reply: { error?: Record<string, string[]> } }).reply.error?.[""]).toEqual(["Too many codes tried. Try again in a few minutes."]);
    expect((await loadPage(get("/customers", { cookie: jar }))).status).toBe(302);
  });

  it("sends back to sign-in when no sign-in waits, or it waited too long", async () => {
    const user = await userWithSecondFactor();
    expect((await loadPage(get("/sign-in/verify"))).location).toBe("/sign-in");
    setClock(T0 + 60_000);
    const { jar } = await postSignIn(user.email, PASSWORD);
    setClock(T0 + 60_000 + 11 * 60_000);
    const late = await send("/sign-in/verify", { code: codeAt(user.secret, T0 + 11 * 60_000 + 60_000) }, jar);
    expect(late.status).toBe(302);
    expect(late.location).toBe("/sign-in");
  });

  it("a pending sign-in ends with the user's sessions (a password reset meanwhile)", async () => {
    const user = await userWithSecondFactor();
    setClock(T0 + 60_000);
    const { jar } = await postSignIn(user.email, PASSWORD);
    // As a password reset, a deactivation or a second factor's reset does, in its transaction.
    db().transaction((tx) => endSessionsOfUser(tx, user.id));
    expect((await send("/sign-in/verify", { code: codeAt(user.secret, T0 + 60_000) }, jar)).location).toBe("/sign-in");
  });

  it("a customer admin with a second factor is asked for a code too", async () => {
    const jar = await sessionFor(ACCOUNTS.vandelayCustomerAdmin);
    const { secret } = await setUpThroughPages(jar, T0);
    setClock(T0 + 60_000);
    const signedIn = await postSignIn(ACCOUNTS.vandelayCustomerAdmin, DEMO_PASSWORD);
    expect(signedIn.outcome.location).toBe("/sign-in/verify");
    expect((await send("/sign-in/verify", { code: codeAt(secret, T0 + 60_000) }, signedIn.jar)).location).toBe("/central");
    // Turned off again: the demo account keeps no second factor.
    setClock(T0 + 120_000);
    const off = await send("/account/second-factor/turn-off", { password: DEMO_PASSWORD, code: codeAt(secret, T0 + 120_000) }, signedIn.jar);
    expect(off.location).toBe("/account");
  });
});

describe("Your account", () => {
  const everyone = [
    ACCOUNTS.northwindSuper,
    ACCOUNTS.northwindAdmin,
    ACCOUNTS.northwindHelpdesk,
    ACCOUNTS.northwindReadonly,
    ACCOUNTS.contosoSuper,
    ACCOUNTS.acmeCustomerAdmin,
  ];

  it.each(everyone)("%s sees its own account and Change password", async (email) => {
    const jar = await sessionFor(email);
    const page = await loadPage(get("/account", { cookie: jar }));
    expect(page.status).toBe(200);
    expect(page.data["routes/account"]).toMatchObject({ email, secondFactor: { on: false }, secondFactorRequired: false });
    expect((await loadPage(get("/account/password", { cookie: jar }))).status).toBe(200);
    expect((await loadPage(get("/account/second-factor", { cookie: jar }))).status).toBe(200);
  });

  it("sends a visitor who is not signed in to sign-in, coming back afterwards", async () => {
    const page = await loadPage(get("/account/password"));
    expect(page.status).toBe(302);
    expect(page.location).toBe("/sign-in?redirectTo=%2Faccount%2Fpassword");
  });

  it("saves the user's own name, refusing an empty one at its field", async () => {
    const user = await freshUser();
    const jar = await sessionFor(user.email);
    const refused = await send("/account", { firstName: "  ", lastName: "Ng" }, jar);
    expect(refused.status).toBe(400);
    expect(replyOf(refused).error?.firstName).toEqual(["Enter your first name"]);
    const saved = await send("/account", { firstName: "Mei", lastName: "Ng" }, jar);
    expect(saved.location).toBe("/account");
    expect(db().select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, user.id)).get()!.name).toBe("Mei Ng");
  });

  it("changes the password with the current one: other sessions end, this one stays, and the activity says so", async () => {
    const user = await freshUser();
    const here = await sessionFor(user.email);
    const elsewhere = await sessionFor(user.email);
    const wrong = await send("/account/password", { currentPassword: "not it at all", newPassword: "copper kettle hums twice" }, here);
    expect(wrong.status).toBe(400);
    expect(replyOf(wrong).error?.currentPassword).toEqual(["Your current password is not right"]);
    const weak = await send("/account/password", { currentPassword: PASSWORD, newPassword: "password1234" }, here);
    expect(replyOf(weak).error?.newPassword?.[0]).toMatch(/^This password is too common/);
    const changed = await send("/account/password", { currentPassword: PASSWORD, newPassword: "copper kettle hums twice" }, here);
    expect(changed.location).toBe("/account");
    expect((await loadPage(get("/account", { cookie: here }))).status).toBe(200);
    expect((await loadPage(get("/account", { cookie: elsewhere }))).location).toMatch(/^\/sign-in/);
    const rows = db().select().from(schema.activities).where(eq(schema.activities.subjectUserId, user.id)).all();
    expect(rows.find((row) => row.kind === "user.passwordChanged")).toMatchObject({ actorUserId: user.id, subjectUserId: user.id });
  });

  it("throttles wrong current passwords", async () => {
    const user = await freshUser();
    const jar = await sessionFor(user.email);
    for (let i = 0; i < 5; i++) await send("/account/password", { currentPassword: `wrong ${i}`, newPassword: "copper kettle hums twice" }, jar);
    const throttled = await send("/account/password", { currentPassword: PASSWORD, newPassword: "copper kettle hums twice" }, jar);
    expect(replyOf(throttled).error?.[""]).toEqual(["Too many attempts. Try again in a few minutes."]);
  });
});

describe("setting up and turning off a second factor", () => {
  it("shows a server-drawn QR code, the secret in fours and the otpauth address; a wrong code is refused at the field", async () => {
    const user = await freshUser();
    const jar = await sessionFor(user.email);
    setClock(T0);
    const page = await loadPage(get("/account/second-factor", { cookie: jar }));
    const { view } = page.data["routes/account_.second-factor"] as { view: { secretGrouped: string; uri: string; qrSvg: string } };
    expect(view.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(view.secretGrouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(view.uri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await send("/account/second-factor", { code: "000000" }, jar);
    expect(wrong.status).toBe(400);
    expect(replyOf(wrong).error?.code?.[0]).toMatch(/^This code is not right/);
  });

  it("gives 10 recovery codes once: downloadable as text now, never fetched again", async () => {
    const user = await freshUser();
    const jar = await sessionFor(user.email);
    const { codes } = await setUpThroughPages(jar, T0);
    const download = await submitForm(post("/account/second-factor/recovery-codes", { codes }, { cookie: jar }));
    expect(download.status).toBe(200);
    const response = download.response!;
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="partner-console-recovery-codes.txt"');
    const text = await response.text();
    for (const code of codes) expect(text).toContain(code);
    expect(text).toContain(user.email);
    // Codes that are not the user's live ones are not written back.
    const forged = await submitForm(post("/account/second-factor/recovery-codes", { codes: ["aaaaa-bbbbb-ccccc-ddddd-eeeee-f", ...codes] }, { cookie: jar }));
    expect(forged.status).toBe(302);
    expect(forged.location).toBe("/account");
    const other = await sessionFor(ACCOUNTS.northwindReadonly);
    expect((await submitForm(post("/account/second-factor/recovery-codes", { codes }, { cookie: other }))).location).toBe("/account");
    expect((await loadPage(get("/account/second-factor/recovery-codes", { cookie: jar }))).location).toBe("/account");
    // The set-up page no longer shows a secret.
    const again = await loadPage(get("/account/second-factor", { cookie: jar }));
    expect(again.data["routes/account_.second-factor"]).toMatchObject({ view: null });
  });

  it("turns it off with the password and a code, each refused at its field when wrong; the activity names who and whom", async () => {
    const user = await freshUser();
    const jar = await sessionFor(user.email);
    const { secret } = await setUpThroughPages(jar, T0);
    const at = T0 + 90_000;
    setClock(at);
    const wrongPassword = await send("/account/second-factor/turn-off", { password: "not the password", code: codeAt(secret, at) }, jar);
    expect(replyOf(wrongPassword).error?.password).toEqual(["Your current password is not right"]);
    const wrongCode = await send("/account/second-factor/turn-off", { password: PASSWORD, code: "123456" }, jar);
    expect(replyOf(wrongCode).error?.code?.[0]).toMatch(/^This code is not right/);
    const off = await send("/account/second-factor/turn-off", { password: PASSWORD, code: codeAt(secret, at) }, jar);
    expect(off.location).toBe("/account");
    expect((await loadPage(get("/account/second-factor/turn-off", { cookie: jar }))).location).toBe("/account");
    const kinds = db()
      .select()
      .from(schema.activities)
      .where(eq(schema.activities.subjectUserId, user.id))
      .all()
      .map((row) => [row.kind, row.actorUserId, row.subjectUserId]);
    expect(kinds).toEqual(expect.arrayContaining([["user.secondFactorOn", user.id, user.id], ["user.secondFactorOff", user.id, user.id]]));
  });
});

describe("Require a second factor for every user", () => {
  it("is a Super Admin's setting: other roles and customer admins get a 403", async () => {
    for (const email of [ACCOUNTS.northwindAdmin, ACCOUNTS.northwindHelpdesk, ACCOUNTS.northwindReadonly, ACCOUNTS.acmeCustomerAdmin]) {
      const jar = await sessionFor(email);
      expect((await loadPage(get("/settings", { cookie: jar }))).status, email).toBe(403);
      expect((await submitForm(post("/settings", { requireSecondFactor: "on" }, { cookie: jar }))).status, email).toBe(403);
    }
    const page = await loadPage(get("/settings", { cookie: await sessionFor(ACCOUNTS.northwindSuper) }));
    expect(page.status).toBe(200);
    expect(page.data["routes/settings"]).toMatchObject({ required: false });
  });

  it("sends a user without one to set it up right after the password, and holds every other page until done", async () => {
    const partnerId = freshPartner();
    const boss = await freshUser({ partnerId, role: "super_admin" });
    const member = await freshUser({ partnerId, role: "read_only" });
    const bossJar = await sessionFor(boss.email);
    const saved = await send("/settings", { requireSecondFactor: "on" }, bossJar);
    expect(saved.location).toBe("/settings");
    // The Super Admin has none either: the next page is the set-up.
    expect((await loadPage(get("/settings", { cookie: bossJar }))).location).toBe("/account/second-factor");
    const activity = db().select().from(schema.activities).where(eq(schema.activities.partnerId, partnerId)).all();
    expect(activity.map((row) => [row.kind, row.actorUserId])).toContainEqual(["partner.secondFactorRequirement", boss.id]);

    setClock(T0);
    const { outcome, jar } = await postSignIn(member.email, PASSWORD);
    expect(outcome.location).toBe("/account/second-factor");
    for (const path of ["/customers", "/account", "/account/password", "/customers/export"]) {
      const page = await loadPage(get(path, { cookie: jar }));
      expect([page.status, page.location], path).toEqual([302, "/account/second-factor"]);
    }
    expect((await submitForm(post("/account", { firstName: "A", lastName: "B" }, { cookie: jar }))).location).toBe("/account/second-factor");
    const setUp = await loadPage(get("/account/second-factor", { cookie: jar }));
    expect(setUp.data["routes/account_.second-factor"]).toMatchObject({ why: "required" });
    // Signing out stays possible.
    expect((await loadPage(get("/sign-out", { cookie: jar }))).status).toBe(200);
    const view = (setUp.data["routes/account_.second-factor"] as { view: { secretGrouped: string } }).view;
    const confirmed = await send("/account/second-factor", { code: codeAt(view.secretGrouped.replace(/ /g, ""), T0) }, jar);
    expect(confirmed.data).toMatchObject({ continueTo: "/customers" });
    expect((await loadPage(get("/customers", { cookie: jar }))).status).toBe(200);
    // Required: it cannot be turned off.
    const turnOff = await loadPage(get("/account/second-factor/turn-off", { cookie: jar }));
    expect(turnOff.data["routes/account_.second-factor_.turn-off"]).toMatchObject({ required: true });
  });

  it("a Super Admin's Reset second factor forces a new set-up at the next sign-in", async () => {
    const user = await userWithSecondFactor();
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    expect(resetUserSecondFactor({ actor, userId: user.id })).toEqual({ status: "done" });
    setClock(T0 + 60_000);
    const { outcome, jar } = await postSignIn(user.email, PASSWORD);
    expect(outcome.location).toBe("/account/second-factor");
    expect((await loadPage(get("/customers", { cookie: jar }))).location).toBe("/account/second-factor");
    const setUp = await loadPage(get("/account/second-factor", { cookie: jar }));
    expect(setUp.data["routes/account_.second-factor"]).toMatchObject({ why: "reset" });
    const row = db().select().from(schema.activities).where(eq(schema.activities.subjectUserId, user.id)).all().find((r) => r.kind === "user.secondFactorReset");
    expect(row).toMatchObject({ actorUserId: actor.user.id, subjectUserId: user.id });
  });

  it("does not bind a customer admin of the partner's customers", async () => {
    const actor = partnerActorFor(ACCOUNTS.northwindSuper);
    setSecondFactorRequired({ actor, required: true });
    try {
      const { outcome } = await postSignIn(ACCOUNTS.acmeCustomerAdmin, DEMO_PASSWORD);
      expect(outcome.location).toBe("/central");
    } finally {
      setSecondFactorRequired({ actor, required: false });
    }
  });
});

describe("Forgot your password? and its link", () => {
  const captured: { to: string; link: string }[] = [];
  const capture: MailTransport = async (mail) => {
    captured.push({ to: mail.to, link: mail.link });
  };
  const settings = { publicUrl: "http://localhost" };
  async function linkFor(email: string): Promise<string> {
    await deliverDueMail(capture, settings);
    const mail = captured.filter((entry) => entry.to === email).pop();
    if (!mail) throw new Error(`No mail to ${email}`);
    return new URL(mail.link).pathname;
  }

  it("has a link on the sign-in page's route, and answers the same for a known and an unknown address", async () => {
    const user = await freshUser();
    const before = db().select().from(schema.mailOutbox).all().length;
    const known = await submitForm(post("/forgot-password", { email: user.email.toUpperCase() }));
    const unknown = await submitForm(post("/forgot-password", { email: "nobody-at-all@northwind.test" }));
    expect([known.status, known.location]).toEqual([302, "/forgot-password"]);
    expect([unknown.status, unknown.location]).toEqual([302, "/forgot-password"]);
    // One mail, the known address's, queued with its reset.
    expect(db().select().from(schema.mailOutbox).all().length).toBe(before + 1);
    const bad = await submitForm(post("/forgot-password", { email: "not an address" }));
    expect(replyOf(bad).error?.email).toEqual(["Enter an email address in the correct format, like name@example.com"]);
  });

  it("is throttled per address typed", async () => {
    const email = freshEmail("forgot-throttle");
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await submitForm(post("/forgot-password", { email }))).status);
    expect(statuses).toEqual([302, 302, 302, 400]);
  });

  it("sets a new password from the mail's link once; every session ends; a used, expired or forged link says what to do", async () => {
    const user = await freshUser();
    const jar = await sessionFor(user.email);
    await submitForm(post("/forgot-password", { email: user.email }));
    const path = await linkFor(user.email);
    expect(path).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const page = await loadPage(get(path));
    expect(page.status).toBe(200);
    expect(page.outcomes["routes/reset-password.$token"]!.data).toEqual({ email: user.email });
    const weak = await submitForm(post(path, { password: "northwind123" }));
    expect(weak.status).toBe(400);
    expect(replyOf(weak).error?.password?.[0]).toMatch(/easy to guess|too common|Choose another/);
    const done = await submitForm(post(path, { password: "velvet harbour sings loudly" }));
    expect([done.status, done.location]).toEqual([302, "/sign-in"]);
    expect((await loadPage(get("/account", { cookie: jar }))).location).toMatch(/^\/sign-in/);
    await signIn(user.email, "velvet harbour sings loudly");
    const kinds = db().select().from(schema.activities).where(eq(schema.activities.subjectUserId, user.id)).all().map((row) => row.kind);
    expect(kinds).toContain("user.passwordReset");

    const used = await loadPage(get(path));
    expect(used.status).toBe(410);
    expect(used.outcomes["routes/reset-password.$token"]!.data).toEqual({ closed: "used" });
    expect((await submitForm(post(path, { password: "another fine passphrase" }))).data).toEqual({ closed: "used" });

    for (const forged of ["/reset-password/nonsense", `${path.slice(0, -3)}abc`, "/reset-password/%00%ff"]) {
      const outcome = await loadPage(get(forged));
      expect([outcome.status, outcome.outcomes["routes/reset-password.$token"]!.data], forged).toEqual([404, { closed: "not_found" }]);
    }
  });

  it("expires after 30 minutes by the one clock", async () => {
    const user = await freshUser();
    setClock(T0);
    await submitForm(post("/forgot-password", { email: user.email }));
    await deliverDueMail(capture, settings, { now: () => T0 });
    const path = new URL(captured.filter((entry) => entry.to === user.email).pop()!.link).pathname;
    setClock(T0 + 30 * 60_000);
    const expired = await loadPage(get(path));
    expect([expired.status, expired.outcomes["routes/reset-password.$token"]!.data]).toEqual([410, { closed: "expired" }]);
    expect((await submitForm(post(path, { password: "velvet harbour sings loudly" }))).status).toBe(410);
  });
});
