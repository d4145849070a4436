/**
 * SPEC §5: a missing customer is a 404, never a 500, whatever the URL holds;
 * an address no route answers is a 404 too.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, signIn } from "../support/accounts";
import { CookieJar, get, post } from "../support/http";
import { loadPage, submitForm } from "../support/routes";

let superJar: CookieJar;
let adminJar: CookieJar;

beforeAll(async () => {
  superJar = await signIn(ACCOUNTS.northwindSuper);
  adminJar = await signIn(ACCOUNTS.northwindAdmin);
});

const MALFORMED_IDS = [
  "abc",
  "99999999",
  "-1",
  "0",
  "1.5",
  "1e3",
  "0x10",
  "%20",
  "%00",
  "99999999999999999999",
  "9007199254740993",
  "'%20OR%201=1",
];

describe("a customer id that names no customer", () => {
  it.each(MALFORMED_IDS)("/customers/%s/contact is a 404, not a 500", async (rawId) => {
    const page = await loadPage(get(`/customers/${rawId}/contact`, { cookie: superJar }));
    expect(page.leaf).toBe("routes/customers.$customerId.contact");
    expect(page.status).toBe(404);
    expect(Object.values(page.outcomes).every((outcome) => outcome.error === undefined)).toBe(true);
  });

  it.each(MALFORMED_IDS)("/customers/%s/name is a 404, not a 500", async (rawId) => {
    const page = await loadPage(get(`/customers/${rawId}/name`, { cookie: adminJar }));
    expect(page.leaf).toBe("routes/customers.$customerId.name");
    expect(page.status).toBe(404);
  });

  it.each(MALFORMED_IDS)("saving a name for /customers/%s/name is a 404, not a 500", async (rawId) => {
    const outcome = await submitForm(
      post(`/customers/${rawId}/name`, { displayName: "New name", version: "1" }, { cookie: adminJar }),
    );
    expect(outcome.route).toBe("routes/customers.$customerId.name");
    expect(outcome.status).toBe(404);
  });
});

describe("addresses no route answers", () => {
  it.each(["/nope", "/customers/1/contact/extra", "/customers/1/extra", "/central/anything"])(
    "%s is a 404 for a signed-in user",
    async (url) => {
      const page = await loadPage(get(url, { cookie: superJar }));
      expect(page.status).toBe(404);
    },
  );

  it("an unknown address is a 404 for a visitor too, not a redirect that tells what exists", async () => {
    const page = await loadPage(get("/no-such-page"));
    expect(page.status).toBe(404);
  });

  it("a POST to an address no route answers is a 404", async () => {
    const outcome = await submitForm(post("/no-such-page", {}, { cookie: superJar }));
    expect(outcome.status).toBe(404);
  });
});

describe("a request the server cannot understand", () => {
  it("the list with every parameter malformed is still a 200", async () => {
    const page = await loadPage(
      get("/customers?page=%FF&sort=%00&dir=&q=%E0%A4%A&group=NaN&billing[]=x&status=__proto__", { cookie: superJar }),
    );
    expect(page.status).toBe(200);
  });

  it("a rename without a version, or with a made-up one, is refused as a conflict that shows the current name", async () => {
    const page = await loadPage(get("/customers?q=globex", { cookie: adminJar }));
    const rows = (page.data["routes/customers"] as { list: { rows: { id: number }[] } }).list.rows;
    const forms: Record<string, string>[] = [{ displayName: "Globex Renamed" }, { displayName: "Globex Renamed", version: "abc" }];
    for (const form of forms) {
      const outcome = await submitForm(post(`/customers/${rows[0]!.id}/name`, form, { cookie: adminJar }));
      expect(outcome.status).toBe(409);
      const reply = (outcome.data as { reply: { error?: Record<string, string[] | null> } }).reply;
      expect(reply.error?.[""]?.[0]).toContain("“Globex”");
    }
  });

  it("a form post whose body is not a form is a 400, not a 500", async () => {
    const request = new Request("http://localhost/preferences", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "http://localhost", Host: "localhost" },
      body: "{not a form",
    });
    expect((await submitForm(request)).status).toBe(400);
  });
});
