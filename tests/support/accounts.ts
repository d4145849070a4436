/**
 * The demo accounts of SPEC §2 and ways to sign in as one in an
 * integration test.
 */
import { expect } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed";
import { CookieJar, post, type RequestOptions } from "./http";
import { callAction, importRoute } from "./routes";
import { userIdByEmail } from "./db";

export { DEMO_PASSWORD };

export const ACCOUNTS = {
  northwindSuper: "super@northwind.test",
  northwindAdmin: "admin@northwind.test",
  northwindHelpdesk: "helpdesk@northwind.test",
  northwindReadonly: "readonly@northwind.test",
  contosoSuper: "super@contoso.test",
  acmeCustomerAdmin: "admin@acme.test",
  vandelayCustomerAdmin: "admin@vandelay.test",
} as const;

export type AccountEmail = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

export const SESSION_COOKIE = "pc_session";

/**
 * Signs in through the real sign-in action (remix-auth's FormStrategy,
 * argon2 verify, throttle, new session) and returns the browser's cookies.
 * Fails the test when sign-in does not redirect with a session cookie.
 */
export async function signIn(
  email: string,
  password: string = DEMO_PASSWORD,
  options: RequestOptions = {},
): Promise<CookieJar> {
  const route = await importRoute("routes/sign-in");
  const outcome = await callAction(route, post("/sign-in", { email, password }, options));
  expect(outcome.status, `sign-in as ${email} should redirect`).toBe(302);
  const jar = (typeof options.cookie === "object" ? options.cookie.clone() : new CookieJar(options.cookie)).update(
    outcome.headers,
  );
  expect(jar.get(SESSION_COOKIE), `sign-in as ${email} should set the session cookie`).toBeTruthy();
  return jar;
}

/**
 * A session for a user without going through the sign-in form (faster, and
 * independent of throttling): startSession, as the sign-in action calls it.
 */
export async function sessionFor(email: string): Promise<CookieJar> {
  const { startSession } = await import("~/services/session.server");
  const setCookie = await startSession(new Request("http://localhost/sign-in"), userIdByEmail(email));
  const headers = new Headers();
  headers.append("Set-Cookie", setCookie);
  return new CookieJar().update(headers);
}
