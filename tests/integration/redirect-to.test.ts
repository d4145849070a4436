/**
 * A hostile `redirectTo` is never a 500 and never another site: sign-in
 * falls back to the user's home page (and the one session it made is the
 * one the user gets); the language switch falls back to the start page.
 * Before, "/中" passed the check and broke the Location header after the
 * session row was written: a 500 that left a session behind.
 */
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "~/db.server";
import { ACCOUNTS, DEMO_PASSWORD, SESSION_COOKIE } from "../support/accounts";
import { db } from "../support/db";
import { findSetCookie, get, post } from "../support/http";
import { loadPage, submitForm } from "../support/routes";

const HOSTILE = ["/中", "/a\u00e9", "%00", "/\u0000", "//evil.test", "https://evil.test", "/\\evil.test", "/..//evil.test", "/ x"];

/** Session rows (this worker's database: no other test file writes to it meanwhile). */
function sessionRows(): number {
  return db().select({ n: count() }).from(schema.sessions).get()!.n;
}

describe("a hostile redirectTo", () => {
  it.each(HOSTILE)("%j at sign-in sends the partner user to the list, with one new session", async (redirectTo) => {
    const before = sessionRows();
    const outcome = await submitForm(post("/sign-in", { email: ACCOUNTS.northwindHelpdesk, password: DEMO_PASSWORD, redirectTo }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers");
    expect(findSetCookie(outcome.headers, SESSION_COOKIE)).toBeDefined();
    expect(sessionRows()).toBe(before + 1);
  });

  it.each(HOSTILE)("%j at the language switch goes to the start page", async (redirectTo) => {
    const outcome = await submitForm(post("/preferences", { locale: "es", redirectTo }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
  });
});

describe("the way back to a page after sign-in", () => {
  it("keeps the page's query when it is of a normal length", async () => {
    const outcome = await loadPage(get("/customers?q=harbor&page=2"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent("/customers?q=harbor&page=2")}`);
  });

  it("drops a very long query, so the Location header stays small", async () => {
    const outcome = await loadPage(get(`/customers?q=${"x".repeat(6_000)}`));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent("/customers")}`);
  });
});
