/**
 * The app's cross-site check (app/services/csrf.server.ts,
 * docs/decisions/0003-authorization.md) on real actions: the Origin must be
 * this site's origin exactly (scheme, host and port, as the site sees the
 * request), whether the browser's header arrives as `Origin` or, through
 * server.js, under MOVED_ORIGIN_HEADER. A refusal is the 403 page that says
 * the form came from another site.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MOVED_ORIGIN_HEADER } from "~/services/csrf.server";
import { ACCOUNTS, DEMO_PASSWORD, SESSION_COOKIE, signIn } from "../support/accounts";
import { findSetCookie, post, type CookieJar } from "../support/http";
import { submitForm } from "../support/routes";

let superJar: CookieJar;

beforeAll(async () => {
  superJar = await signIn(ACCOUNTS.northwindSuper);
});

const HOSTILE_ORIGINS = [
  "https://evil.test",
  "null",
  "http://localhost:3001",
  "https://localhost",
  "not a url",
  "http://localhost/customers",
  "http://user@localhost",
  "javascript:alert(1)",
];

/** A form POST to http://localhost carrying `origin` under the given header name. */
function crossSitePost(path: string, form: Record<string, string>, header: string, origin: string, cookie?: CookieJar) {
  const request = post(path, form, { cookie });
  request.headers.delete("Origin");
  request.headers.set(header, origin);
  return request;
}

async function expectCrossSiteRefusal(request: Request) {
  const outcome = await submitForm(request);
  expect(outcome.status).toBe(403);
  expect(await outcome.response!.json()).toEqual({ crossSite: true });
  return outcome;
}

describe.each(["Origin", MOVED_ORIGIN_HEADER])("a form sent from another site, its origin in %s", (header) => {
  it.each(HOSTILE_ORIGINS)("sign-in from %j is the cross-site 403, and starts no session", async (origin) => {
    const outcome = await expectCrossSiteRefusal(
      crossSitePost("/sign-in", { email: ACCOUNTS.northwindSuper, password: DEMO_PASSWORD }, header, origin),
    );
    expect(findSetCookie(outcome.headers, SESSION_COOKIE)).toBeUndefined();
  });

  it.each(HOSTILE_ORIGINS)("a partner page's form from %j is the cross-site 403", async (origin) => {
    await expectCrossSiteRefusal(crossSitePost("/groups", { intent: "create", name: "From afar" }, header, origin, superJar));
  });

  it.each(HOSTILE_ORIGINS)("the language switch from %j is the cross-site 403", async (origin) => {
    const outcome = await expectCrossSiteRefusal(crossSitePost("/preferences", { locale: "es" }, header, origin));
    expect(findSetCookie(outcome.headers, "pc_prefs")).toBeUndefined();
  });
});

describe("a form sent from this site", () => {
  it("passes with the origin moved by server.js", async () => {
    const outcome = await submitForm(crossSitePost("/preferences", { locale: "es" }, MOVED_ORIGIN_HEADER, "http://localhost"));
    expect(outcome.status).toBe(302);
  });

  it("passes when the Host names the default port the Origin leaves out", async () => {
    const request = post("/preferences", { locale: "es" }, { headers: { Host: "localhost:80" } });
    expect((await submitForm(request)).status).toBe(302);
  });

  it("over https passes with an https Origin", async () => {
    const request = post("/preferences", { locale: "es" }, { origin: "https://localhost" });
    expect((await submitForm(request)).status).toBe(302);
  });

  it("is refused when another port or another scheme is claimed by the Host", async () => {
    await expectCrossSiteRefusal(post("/preferences", { locale: "es" }, { headers: { Host: "localhost:3001" } }));
  });
});

describe("behind a proxy", () => {
  const behindProxy = (trusted: boolean, headers: Record<string, string>) =>
    withTrustProxy(trusted, () => submitForm(post("/preferences", { locale: "es" }, { headers })));

  it("an https Origin at an https site behind a trusted proxy passes", async () => {
    const outcome = await behindProxy(true, { Origin: "https://localhost", "X-Forwarded-Proto": "https" });
    expect(outcome.status).toBe(302);
  });

  it("X-Forwarded-Proto is not believed without TRUST_PROXY: an https Origin is refused", async () => {
    const outcome = await behindProxy(false, { Origin: "https://localhost", "X-Forwarded-Proto": "https" });
    expect(outcome.status).toBe(403);
  });

  it("X-Forwarded-Host names the site behind a trusted proxy, and only then", async () => {
    const headers = { Origin: "https://console.example", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "console.example" };
    expect((await behindProxy(true, headers)).status).toBe(302);
    expect((await behindProxy(false, headers)).status).toBe(403);
  });

  it("an http Origin at an https site is refused", async () => {
    const outcome = await behindProxy(true, { Origin: "http://localhost", "X-Forwarded-Proto": "https" });
    expect(outcome.status).toBe(403);
  });
});

async function withTrustProxy<T>(trusted: boolean, run: () => Promise<T>): Promise<T> {
  const before = process.env.TRUST_PROXY;
  if (trusted) process.env.TRUST_PROXY = "1";
  else delete process.env.TRUST_PROXY;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = before;
  }
}
