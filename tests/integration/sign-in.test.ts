/**
 * Sign-in, sessions and sign-out (SPEC §6) through the real actions and
 * loaders: remix-auth's FormStrategy, argon2, the sessions table, the signed
 * cookie, throttling and the cross-site check.
 */
import { createHash } from "node:crypto";
import { createCookie } from "react-router";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { ABSOLUTE_LIFETIME_MS, IDLE_LIFETIME_MS, sessionIdHash } from "~/services/session.server";
import { getSessionSecret } from "~/services/env.server";
import { createTranslator } from "~/i18n/translate";
import { ACCOUNTS, DEMO_PASSWORD, SESSION_COOKIE, signIn } from "../support/accounts";
import { createPartnerUser, db, deleteUser, partnerIdByName, userIdByEmail } from "../support/db";
import { CookieJar, findSetCookie, get, post, type RequestOptions } from "../support/http";
import { callAction, callLoader, capture, importRoute, loadPage, type RouteModule } from "../support/routes";
import { recordSignInFailure, sweepSignInThrottles } from "~/models/sign-in-throttles.server";

const en = createTranslator("en");
let signInRoute: RouteModule;
let signOutRoute: RouteModule;
let preferencesRoute: RouteModule;

beforeAll(async () => {
  signInRoute = await importRoute("routes/sign-in");
  signOutRoute = await importRoute("routes/sign-out");
  preferencesRoute = await importRoute("routes/preferences");
});

afterEach(() => {
  // Failed attempts of one test must not throttle the next.
  db().delete(schema.signInThrottles).run();
});

function postSignIn(form: Record<string, string>, options: RequestOptions = {}) {
  return callAction(signInRoute, post("/sign-in", form, options));
}

/** The session id inside a pc_session cookie value: base64 JSON, then "." and the signature. */
function sessionIdInCookie(value: string): string {
  const decoded = decodeURIComponent(value);
  const payload = decoded.slice(0, decoded.lastIndexOf("."));
  return JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as string;
}

function sessionRow(id: string) {
  return db().select().from(schema.sessions).where(eq(schema.sessions.idHash, sessionIdHash(id))).get();
}

type Reply = {
  status?: string;
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null>;
};

function replyOf(outcome: { data: unknown }): Reply {
  return (outcome.data as { reply: Reply }).reply;
}

/** Whether a request with these cookies reaches the Customers list (else: where it is sent). */
async function customersWith(jar: CookieJar | string) {
  return loadPage(get("/customers", { cookie: jar }));
}

describe("signing in", () => {
  it("the right password signs in, redirects to the Customers list and sets the session cookie", async () => {
    const outcome = await postSignIn({ email: ACCOUNTS.northwindSuper, password: DEMO_PASSWORD });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers");
    const cookie = findSetCookie(outcome.headers, SESSION_COOKIE);
    expect(cookie).toBeDefined();
    expect(cookie!.attributes.httponly).toBe(true);
    expect(String(cookie!.attributes.samesite).toLowerCase()).toBe("lax");
    expect(cookie!.attributes.path).toBe("/");
    expect(cookie!.attributes.secure).toBeUndefined();
    const page = await customersWith(new CookieJar().update(outcome.headers));
    expect(page.status).toBe(200);
  });

  it("the email is matched whatever its case and surrounding spaces", async () => {
    const outcome = await postSignIn({ email: "  Super@Northwind.TEST ", password: DEMO_PASSWORD });
    expect(outcome.status).toBe(302);
  });

  it("the session cookie holds only an opaque signed id, and the sessions table holds the session", async () => {
    const outcome = await postSignIn({ email: ACCOUNTS.northwindAdmin, password: DEMO_PASSWORD });
    const cookie = findSetCookie(outcome.headers, SESSION_COOKIE)!;
    const id = sessionIdInCookie(cookie.value);
    expect(id).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const decoded = Buffer.from(decodeURIComponent(cookie.value).split(".")[0]!, "base64").toString("utf8");
    expect(decoded).not.toContain("admin@northwind");
    expect(decoded).not.toContain("userId");
    const row = sessionRow(id);
    expect(row).toBeDefined();
    // Stored under the id's SHA-256, never under the id itself.
    expect(row!.idHash).toBe(createHash("sha256").update(id).digest("hex"));
    expect(db().select().from(schema.sessions).where(eq(schema.sessions.idHash, id)).get()).toBeUndefined();
    expect(JSON.parse(row!.data)).toEqual({ userId: userIdByEmail(ACCOUNTS.northwindAdmin) });
    expect(row!.expiresAt - row!.createdAt).toBe(IDLE_LIFETIME_MS);
    expect(row!.absoluteExpiresAt - row!.createdAt).toBe(ABSOLUTE_LIFETIME_MS);
  });

  it("the session cookie is Secure when the request came over https", async () => {
    const outcome = await postSignIn(
      { email: ACCOUNTS.northwindSuper, password: DEMO_PASSWORD },
      { origin: "https://localhost" },
    );
    expect(outcome.status).toBe(302);
    expect(findSetCookie(outcome.headers, SESSION_COOKIE)!.attributes.secure).toBe(true);
  });

  it("the session cookie is Secure behind a trusted proxy (TRUST_PROXY=1) that says X-Forwarded-Proto: https", async () => {
    process.env.TRUST_PROXY = "1";
    try {
      const outcome = await postSignIn(
        { email: ACCOUNTS.northwindSuper, password: DEMO_PASSWORD },
        // The browser, on https, says so in its Origin too.
        { headers: { "X-Forwarded-Proto": "https", Origin: "https://localhost" } },
      );
      expect(outcome.status).toBe(302);
      expect(findSetCookie(outcome.headers, SESSION_COOKIE)!.attributes.secure).toBe(true);
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });

  it("X-Forwarded-Proto is not believed without TRUST_PROXY: the cookie over plain http is not Secure", async () => {
    const outcome = await postSignIn(
      { email: ACCOUNTS.northwindSuper, password: DEMO_PASSWORD },
      { headers: { "X-Forwarded-Proto": "https" } },
    );
    expect(outcome.status).toBe(302);
    expect(findSetCookie(outcome.headers, SESSION_COOKIE)!.attributes.secure).toBeFalsy();
  });

  it("a customer admin lands on Central Admin", async () => {
    const outcome = await postSignIn({ email: ACCOUNTS.acmeCustomerAdmin, password: DEMO_PASSWORD });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/central");
  });

  it("a wrong password and an unknown email get the identical message, keep the email and drop the password", async () => {
    const wrong = await postSignIn({ email: ACCOUNTS.northwindSuper, password: "not-the-password" });
    const unknown = await postSignIn({ email: "nobody@northwind.test", password: "not-the-password" });
    for (const outcome of [wrong, unknown]) {
      expect(outcome.status).toBe(400);
      expect(findSetCookie(outcome.headers, SESSION_COOKIE)).toBeUndefined();
      const reply = replyOf(outcome);
      expect(reply.error?.[""]).toEqual([en("signIn.invalid")]);
      expect(reply.initialValue?.password).toBeUndefined();
      expect(JSON.stringify(reply)).not.toContain("not-the-password");
    }
    expect(replyOf(wrong).initialValue?.email).toBe(ACCOUNTS.northwindSuper);
    expect(replyOf(unknown).initialValue?.email).toBe("nobody@northwind.test");
    expect(replyOf(wrong).error).toEqual(replyOf(unknown).error);
  });

  it("an empty form says what to enter and signs nobody in", async () => {
    const outcome = await postSignIn({ email: "", password: "" });
    expect(outcome.status).toBe(400);
    expect(findSetCookie(outcome.headers, SESSION_COOKIE)).toBeUndefined();
    const errors = replyOf(outcome).error ?? {};
    expect(Object.values(errors).flat()).toEqual(
      expect.arrayContaining([en("signIn.emailRequired"), en("signIn.passwordRequired")]),
    );
  });

  it("the messages come in the language of the page", async () => {
    const outcome = await postSignIn(
      { email: ACCOUNTS.northwindSuper, password: "nope" },
      { headers: { "Accept-Language": "es" } },
    );
    expect(replyOf(outcome).error?.[""]).toEqual([createTranslator("es")("signIn.invalid")]);
  });

  it.each([
    ["/customers?page=2&q=acme", "/customers?page=2&q=acme"],
    [`/customers/7/contact`, "/customers/7/contact"],
    ["//evil.example", "/customers"],
    ["//evil.example/customers", "/customers"],
    ["/\\evil.example", "/customers"],
    ["https://evil.example/customers", "/customers"],
    ["javascript:alert(1)", "/customers"],
    ["/customers\r\nSet-Cookie: x=y", "/customers"],
  ])("redirectTo %j sends a partner user to %s", async (redirectTo, expected) => {
    const outcome = await postSignIn({ email: ACCOUNTS.northwindHelpdesk, password: DEMO_PASSWORD, redirectTo });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(expected);
  });

  it("a customer admin is not sent to a partner page by redirectTo", async () => {
    const outcome = await postSignIn({ email: ACCOUNTS.acmeCustomerAdmin, password: DEMO_PASSWORD, redirectTo: "/customers" });
    expect(outcome.location).toBe("/central");
  });

  it("every sign-in starts a new session and deletes the one the browser had", async () => {
    const first = await signIn(ACCOUNTS.northwindReadonly);
    const firstId = sessionIdInCookie(first.get(SESSION_COOKIE)!);
    expect(sessionRow(firstId)).toBeDefined();

    const again = await postSignIn(
      { email: ACCOUNTS.northwindReadonly, password: DEMO_PASSWORD },
      { cookie: first },
    );
    expect(again.status).toBe(302);
    const secondId = sessionIdInCookie(findSetCookie(again.headers, SESSION_COOKIE)!.value);
    expect(secondId).not.toBe(firstId);
    expect(sessionRow(firstId)).toBeUndefined();
    expect(sessionRow(secondId)).toBeDefined();
    expect((await customersWith(first)).status).toBe(302);
  });

  it("the sign-in page sends a signed-in user home", async () => {
    const jar = await signIn(ACCOUNTS.northwindReadonly);
    const outcome = await callLoader(signInRoute, get("/sign-in", { cookie: jar }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers");
  });
});

describe("signing out", () => {
  it("signing out deletes the session, clears the cookie, and the old cookie no longer works", async () => {
    const jar = await signIn(ACCOUNTS.northwindHelpdesk);
    const id = sessionIdInCookie(jar.get(SESSION_COOKIE)!);
    expect((await customersWith(jar)).status).toBe(200);

    const outcome = await callAction(signOutRoute, post("/sign-out", {}, { cookie: jar }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/sign-in");
    expect(findSetCookie(outcome.headers, SESSION_COOKIE)?.clears).toBe(true);
    expect(sessionRow(id)).toBeUndefined();

    const after = await customersWith(jar);
    expect(after.status).toBe(302);
    expect(after.location).toBe("/sign-in?redirectTo=%2Fcustomers");
  });

  it("visiting the sign-out page does not sign out", async () => {
    const jar = await signIn(ACCOUNTS.northwindHelpdesk);
    const outcome = await callLoader(signOutRoute, get("/sign-out", { cookie: jar }));
    expect(outcome.status).toBe(200);
    expect(sessionRow(sessionIdInCookie(jar.get(SESSION_COOKIE)!))).toBeDefined();
  });
});

describe("a session that is not valid", () => {
  it("a tampered cookie sends the user to sign-in and clears the cookie", async () => {
    const jar = await signIn(ACCOUNTS.northwindSuper);
    const value = decodeURIComponent(jar.get(SESSION_COOKIE)!);
    const dot = value.lastIndexOf(".");
    const payload = Buffer.from(value.slice(0, dot), "base64").toString("utf8");
    const otherPayload = Buffer.from(JSON.stringify(`${JSON.parse(payload) as string}x`)).toString("base64");
    const tampered = [
      `${otherPayload}${value.slice(dot)}`, // another id with the old signature
      `${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`, // a changed signature
      "garbage",
      "",
    ];
    for (const cookieValue of tampered) {
      const page = await customersWith(`${SESSION_COOKIE}=${encodeURIComponent(cookieValue)}`);
      expect(page.status, cookieValue).toBe(302);
      expect(page.location).toBe("/sign-in?redirectTo=%2Fcustomers");
      expect(findSetCookie(page.headers, SESSION_COOKIE)?.clears, cookieValue).toBe(true);
    }
  });

  it("a copy of the sessions table opens no session: its key, even signed with the real secret, is refused", async () => {
    const jar = await signIn(ACCOUNTS.northwindSuper);
    const row = sessionRow(sessionIdInCookie(jar.get(SESSION_COOKIE)!))!;
    const copied = await createCookie(SESSION_COOKIE, { secrets: [getSessionSecret()] }).serialize(row.idHash);
    const page = await customersWith(copied.split(";")[0]!);
    expect(page.status).toBe(302);
    expect(page.location).toBe("/sign-in?redirectTo=%2Fcustomers");
    expect((await customersWith(jar)).status).toBe(200);
  });

  it("a real session id signed with another secret is refused", async () => {
    const jar = await signIn(ACCOUNTS.northwindSuper);
    const id = sessionIdInCookie(jar.get(SESSION_COOKIE)!);
    const forged = await createCookie(SESSION_COOKIE, { secrets: ["not-the-secret"] }).serialize(id);
    const page = await customersWith(forged.split(";")[0]!);
    expect(page.status).toBe(302);
    expect(page.location).toBe("/sign-in?redirectTo=%2Fcustomers");
  });

  it("a session idle for longer than its idle lifetime signs the user out", async () => {
    const jar = await signIn(ACCOUNTS.northwindReadonly);
    const id = sessionIdInCookie(jar.get(SESSION_COOKIE)!);
    db().update(schema.sessions).set({ expiresAt: Date.now() - 1 }).where(eq(schema.sessions.idHash, sessionIdHash(id))).run();
    const page = await customersWith(jar);
    expect(page.status).toBe(302);
    expect(page.location).toBe("/sign-in?redirectTo=%2Fcustomers");
    expect(sessionRow(id)).toBeUndefined();
  });

  it("a session past its absolute lifetime signs the user out even when in use", async () => {
    const jar = await signIn(ACCOUNTS.northwindReadonly);
    const id = sessionIdInCookie(jar.get(SESSION_COOKIE)!);
    db()
      .update(schema.sessions)
      .set({ absoluteExpiresAt: Date.now() - 1, expiresAt: Date.now() + IDLE_LIFETIME_MS })
      .where(eq(schema.sessions.idHash, sessionIdHash(id)))
      .run();
    const page = await customersWith(jar);
    expect(page.status).toBe(302);
    expect(page.location).toBe("/sign-in?redirectTo=%2Fcustomers");
    expect(sessionRow(id)).toBeUndefined();
  });

  it("using a session moves its idle expiry forward, but never past the absolute one", async () => {
    const jar = await signIn(ACCOUNTS.northwindReadonly);
    const id = sessionIdInCookie(jar.get(SESSION_COOKIE)!);
    const now = Date.now();
    const absolute = now + IDLE_LIFETIME_MS / 3;
    db()
      .update(schema.sessions)
      .set({ expiresAt: now + IDLE_LIFETIME_MS / 4, absoluteExpiresAt: absolute })
      .where(eq(schema.sessions.idHash, sessionIdHash(id)))
      .run();
    expect((await customersWith(jar)).status).toBe(200);
    expect(sessionRow(id)!.expiresAt).toBe(absolute);

    db()
      .update(schema.sessions)
      .set({ expiresAt: now + IDLE_LIFETIME_MS / 4, absoluteExpiresAt: now + ABSOLUTE_LIFETIME_MS })
      .where(eq(schema.sessions.idHash, sessionIdHash(id)))
      .run();
    expect((await customersWith(jar)).status).toBe(200);
    expect(sessionRow(id)!.expiresAt).toBeGreaterThanOrEqual(now + IDLE_LIFETIME_MS);
  });

  it("a session of a user who no longer exists sends to sign-in", async () => {
    const email = `gone-${Date.now()}@northwind.test`;
    const userId = await createPartnerUser({ email, password: "a-password-1", partnerId: partnerIdByName("Northwind Security") });
    const jar = await signIn(email, "a-password-1");
    expect((await customersWith(jar)).status).toBe(200);
    deleteUser(userId);
    const page = await customersWith(jar);
    expect(page.status).toBe(302);
    expect(page.location).toBe("/sign-in?redirectTo=%2Fcustomers");
  });
});

describe("throttling", () => {
  const password = "throttle-test-password";
  let email: string;
  let userId: number;

  beforeAll(async () => {
    email = `throttled-${Date.now()}@northwind.test`;
    userId = await createPartnerUser({ email, password, partnerId: partnerIdByName("Northwind Security") });
    return () => deleteUser(userId);
  });

  /** A sign-in from a client address, as server.js passes it in the load context. */
  function signInFrom(address: string, form: Record<string, string>, options: RequestOptions = {}) {
    const action = signInRoute.action!;
    return capture(() => action({ request: post("/sign-in", form, options), params: {}, context: { clientAddress: address } }));
  }

  const ATTACKER = "203.0.113.66";
  const USER = "198.51.100.7";
  const throttleMessage = (outcome: { data: unknown }) => replyOf(outcome).error?.[""]?.[0] ?? "";
  const isThrottled = (message: string) =>
    message.startsWith(en("signIn.throttled.other", { count: 0 }).split("0")[0]!);
  const throttleRow = (key: string) =>
    db().select().from(schema.signInThrottles).where(eq(schema.signInThrottles.key, key)).get();

  it("after five failed attempts for an account from one address, that address waits, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const failed = await signInFrom(ATTACKER, { email, password: `wrong-${i}` });
      expect(failed.status).toBe(400);
      expect(throttleMessage(failed)).toBe(en("signIn.invalid"));
    }
    const refused = await signInFrom(ATTACKER, { email, password });
    expect(refused.status).toBe(400);
    expect(findSetCookie(refused.headers, SESSION_COOKIE)).toBeUndefined();
    expect(isThrottled(throttleMessage(refused)), throttleMessage(refused)).toBe(true);
    expect(replyOf(refused).initialValue?.email).toBe(email);
  });

  it("someone who keeps failing for an account at one address does not keep the real user at another out", async () => {
    for (let i = 0; i < 12; i++) await signInFrom(ATTACKER, { email, password: `wrong-${i}` });
    expect(isThrottled(throttleMessage(await signInFrom(ATTACKER, { email, password })))).toBe(true);
    const user = await signInFrom(USER, { email, password });
    expect(user.status).toBe(302);
    expect(findSetCookie(user.headers, SESSION_COOKIE)).toBeDefined();
    // The attacker's address still waits.
    expect(isThrottled(throttleMessage(await signInFrom(ATTACKER, { email, password })))).toBe(true);
  });

  it("an X-Forwarded-For header is not a way round: the address is the one the server gives", async () => {
    for (let i = 0; i < 6; i++) {
      await signInFrom(ATTACKER, { email, password: `wrong-${i}` }, { headers: { "X-Forwarded-For": `10.0.0.${i}` } });
    }
    const refused = await signInFrom(ATTACKER, { email, password }, { headers: { "X-Forwarded-For": "10.9.9.9" } });
    expect(isThrottled(throttleMessage(refused))).toBe(true);
  });

  it("without the server, a trusted proxy's X-Forwarded-For is the address (TRUST_PROXY=1)", async () => {
    process.env.TRUST_PROXY = "1";
    try {
      const from = (address: string, pw: string) =>
        postSignIn({ email, password: pw }, { headers: { "X-Forwarded-For": `${address}, 10.0.0.1` } });
      for (let i = 0; i < 6; i++) await from(ATTACKER, `wrong-${i}`);
      expect(isThrottled(throttleMessage(await from(ATTACKER, password)))).toBe(true);
      expect((await from(USER, password)).status).toBe(302);
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });

  it("one address trying many accounts is slowed, for every account; other addresses are not", async () => {
    const stamp = Date.now();
    for (let i = 0; i < 20; i++) {
      const failed = await signInFrom(ATTACKER, { email: `sprayed-${stamp}-${i}@northwind.test`, password: "Spring2026!" });
      expect(throttleMessage(failed)).toBe(en("signIn.invalid"));
    }
    const next = await signInFrom(ATTACKER, { email: `sprayed-${stamp}-x@northwind.test`, password: "Spring2026!" });
    expect(isThrottled(throttleMessage(next)), throttleMessage(next)).toBe(true);
    // Even an account's right password waits at that address...
    expect(isThrottled(throttleMessage(await signInFrom(ATTACKER, { email, password })))).toBe(true);
    // ...and signing in to one's own account does not wipe the address's count.
    expect((await signInFrom(USER, { email, password })).status).toBe(302);
    expect(throttleRow(`address:${ATTACKER}`)?.failures).toBe(20);
  });

  it("a distributed attack on an account: each failing address soon waits, the real user at a fresh address signs in", async () => {
    // 30 failures from 30 addresses, none of them over its own five free attempts.
    for (let i = 0; i < 30; i++) recordSignInFailure({ email, address: `192.0.2.${i}` });
    const newcomer = "192.0.2.200";
    const first = await signInFrom(newcomer, { email, password: "guess-1" });
    expect(throttleMessage(first)).toBe(en("signIn.invalid"));
    // Under attack, one free failure per address, not five.
    expect(isThrottled(throttleMessage(await signInFrom(newcomer, { email, password: "guess-2" })))).toBe(true);
    expect((await signInFrom(USER, { email, password })).status).toBe(302);
    // The net is per address: however long the attack, no wait is set on the account itself.
    expect(throttleRow(`account:${email}`)?.blockedUntil).toBeNull();
  });

  it("a throttled unknown email gets the identical message as a throttled real one", async () => {
    const unknown = `nobody-${Date.now()}@northwind.test`;
    for (let i = 0; i < 6; i++) {
      await signInFrom(ATTACKER, { email, password: `wrong-${i}` });
      await signInFrom(USER, { email: unknown, password: `wrong-${i}` });
    }
    const real = await signInFrom(ATTACKER, { email, password: "still-wrong" });
    const fake = await signInFrom(USER, { email: unknown, password: "still-wrong" });
    expect(isThrottled(throttleMessage(real)), throttleMessage(real)).toBe(true);
    expect(throttleMessage(fake)).toBe(throttleMessage(real));
  });

  it("throttling one account at an address does not hold back another account there", async () => {
    for (let i = 0; i < 8; i++) await signInFrom(USER, { email, password: `wrong-${i}` });
    const other = await signInFrom(USER, { email: ACCOUNTS.northwindHelpdesk, password: DEMO_PASSWORD });
    expect(other.status).toBe(302);
  });

  it("once the wait is over the right password signs in, and the account's failures at that address are forgotten", async () => {
    for (let i = 0; i < 6; i++) await signInFrom(USER, { email, password: `wrong-${i}` });
    expect(isThrottled(throttleMessage(await signInFrom(USER, { email, password })))).toBe(true);

    const key = `account-address:${email}|${USER}`;
    db().update(schema.signInThrottles).set({ blockedUntil: Date.now() - 1 }).where(eq(schema.signInThrottles.key, key)).run();
    const outcome = await signInFrom(USER, { email, password });
    expect(outcome.status).toBe(302);
    expect(throttleRow(key)).toBeUndefined();
    // The successful attempt itself is not counted against the address or the account.
    expect(throttleRow(`address:${USER}`)?.failures).toBe(5);
    expect(throttleRow(`account:${email}`)?.failures).toBe(5);
  });

  it("the wait is never longer than fifteen minutes, however many attempts", async () => {
    for (let i = 0; i < 20; i++) recordSignInFailure({ email, address: ATTACKER });
    const row = throttleRow(`account-address:${email}|${ATTACKER}`);
    expect(row?.blockedUntil).toBeTruthy();
    expect(row!.blockedUntil! - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
  });

  it("rows whose window and wait are over are swept, unknown emails' too; live ones stay", async () => {
    const unknown = `swept-${Date.now()}@nowhere.test`;
    await signInFrom(ATTACKER, { email: unknown, password: "x" });
    const keys = [`account-address:${unknown}|${ATTACKER}`, `account:${unknown}`, `address:${ATTACKER}`];
    for (const key of keys) expect(throttleRow(key), key).toBeDefined();

    expect(sweepSignInThrottles()).toBe(0);
    expect(sweepSignInThrottles(Date.now() + 29 * 60 * 1000)).toBe(0);
    expect(sweepSignInThrottles(Date.now() + 31 * 60 * 1000)).toBe(keys.length);
    for (const key of keys) expect(throttleRow(key), key).toBeUndefined();
  });
});

describe("forms sent from another site", () => {
  const crossSite: [string, Record<string, string>][] = [
    ["Origin: http://evil.example", { Origin: "http://evil.example" }],
    ["Origin: http://localhost.evil.example", { Origin: "http://localhost.evil.example" }],
    ["Origin: null", { Origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site" }],
  ];

  it.each(crossSite)("a sign-in POST with %s is refused with 403", async (_name, headers) => {
    const outcome = await postSignIn({ email: ACCOUNTS.northwindSuper, password: DEMO_PASSWORD }, { headers });
    expect(outcome.status).toBe(403);
    expect(findSetCookie(outcome.headers, SESSION_COOKIE)).toBeUndefined();
  });

  it.each(crossSite)("a sign-out POST with %s is refused with 403 and the session lives on", async (_name, headers) => {
    const jar = await signIn(ACCOUNTS.northwindSuper);
    const outcome = await callAction(signOutRoute, post("/sign-out", {}, { cookie: jar, headers }));
    expect(outcome.status).toBe(403);
    expect(sessionRow(sessionIdInCookie(jar.get(SESSION_COOKIE)!))).toBeDefined();
  });

  it.each(crossSite)("a preferences POST with %s is refused with 403", async (_name, headers) => {
    const outcome = await callAction(preferencesRoute, post("/preferences", { locale: "es" }, { headers }));
    expect(outcome.status).toBe(403);
    expect(findSetCookie(outcome.headers, "pc_prefs")).toBeUndefined();
  });

  it("a same-origin POST with Sec-Fetch-Site: same-origin is accepted", async () => {
    const outcome = await postSignIn(
      { email: ACCOUNTS.northwindSuper, password: DEMO_PASSWORD },
      { headers: { "Sec-Fetch-Site": "same-origin" } },
    );
    expect(outcome.status).toBe(302);
  });
});
