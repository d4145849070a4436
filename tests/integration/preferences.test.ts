/**
 * Language (F18) and data saver (F19): the preferences action remembers a
 * choice in a cookie, and the root loader reads it, or the browser's
 * Accept-Language and Save-Data headers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, findSetCookie, get, post } from "../support/http";
import { callAction, callLoader, importRoute, type Outcome, type RouteModule } from "../support/routes";
import { ACCOUNTS, signIn } from "../support/accounts";

type RootData = { locale: string; dataSaver: boolean; browserSavesData: boolean };

let root: RouteModule;
let preferences: RouteModule;

beforeAll(async () => {
  root = await importRoute("root");
  preferences = await importRoute("routes/preferences");
});

async function rootData(options: Parameters<typeof get>[1] = {}): Promise<RootData> {
  const outcome = await callLoader(root, get("/sign-in", options));
  expect(outcome.status).toBe(200);
  return outcome.data as RootData;
}

async function choose(form: Record<string, string>, jar = new CookieJar()): Promise<{ outcome: Outcome; jar: CookieJar }> {
  const outcome = await callAction(preferences, post("/preferences", form, { cookie: jar }));
  return { outcome, jar: jar.clone().update(outcome.headers) };
}

describe("language", () => {
  it("English is the language when the browser asks for none", async () => {
    expect((await rootData()).locale).toBe("en");
  });

  it("Accept-Language: es without a remembered choice gives Spanish", async () => {
    expect((await rootData({ headers: { "Accept-Language": "es" } })).locale).toBe("es");
    expect((await rootData({ headers: { "Accept-Language": "fr-FR, es-ES;q=0.8, en;q=0.5" } })).locale).toBe("es");
  });

  it("choosing Spanish sets a cookie, goes back to the page, and the root loader then says es", async () => {
    const { outcome, jar } = await choose({ locale: "es", redirectTo: "/customers?page=2" });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/customers?page=2");
    const cookie = findSetCookie(outcome.headers, "pc_prefs");
    expect(cookie).toBeDefined();
    expect(cookie!.attributes.httponly).toBe(true);
    expect(String(cookie!.attributes.samesite).toLowerCase()).toBe("lax");
    expect(Number(cookie!.attributes["max-age"])).toBeGreaterThan(30 * 24 * 60 * 60);
    expect((await rootData({ cookie: jar })).locale).toBe("es");
  });

  it("a remembered choice wins over Accept-Language", async () => {
    const { jar } = await choose({ locale: "en" });
    expect((await rootData({ cookie: jar, headers: { "Accept-Language": "es" } })).locale).toBe("en");
  });

  it("an unknown language is ignored", async () => {
    const { outcome, jar } = await choose({ locale: "fr" });
    expect(outcome.status).toBe(302);
    expect((await rootData({ cookie: jar })).locale).toBe("en");
  });

  it("the choice holds for a signed-in user too", async () => {
    const jar = await signIn(ACCOUNTS.northwindHelpdesk);
    const chosen = (await choose({ locale: "es" }, jar)).jar;
    const data = await rootData({ cookie: chosen });
    expect(data.locale).toBe("es");
    expect((data as unknown as { viewer: { name: string } | null }).viewer?.name).toBeTruthy();
  });

  it("goes back only to a page of this site", async () => {
    for (const redirectTo of ["//evil.example", "https://evil.example/", "/\\evil.example"]) {
      const { outcome } = await choose({ locale: "es", redirectTo });
      expect(outcome.location, redirectTo).toBe("/");
    }
  });

  it("visiting /preferences changes nothing and sends home", async () => {
    const outcome = await callLoader(preferences, get("/preferences?locale=es"));
    expect(outcome.status).toBe(302);
    expect(findSetCookie(outcome.headers, "pc_prefs")).toBeUndefined();
  });
});

describe("the preferences cookie", () => {
  it("is Secure when the request came over https, and not over plain http", async () => {
    const over = async (origin: string) => {
      const outcome = await callAction(preferences, post("/preferences", { locale: "es" }, { origin }));
      return findSetCookie(outcome.headers, "pc_prefs");
    };
    const https = await over("https://localhost");
    expect(https?.value).toBeTruthy();
    expect(https?.attributes.secure).toBe(true);
    expect((await over("http://localhost"))?.attributes.secure).toBeUndefined();
  });
});

describe("data saver", () => {
  it("is off by default", async () => {
    const data = await rootData();
    expect(data.dataSaver).toBe(false);
    expect(data.browserSavesData).toBe(false);
  });

  it("Save-Data: on turns it on", async () => {
    const data = await rootData({ headers: { "Save-Data": "on" } });
    expect(data.dataSaver).toBe(true);
    expect(data.browserSavesData).toBe(true);
  });

  it("the switch turns it on and off, and keeps the language", async () => {
    const spanish = (await choose({ locale: "es" })).jar;
    const on = await choose({ dataSaver: "on" }, spanish);
    expect(on.outcome.status).toBe(302);
    const onData = await rootData({ cookie: on.jar });
    expect(onData.dataSaver).toBe(true);
    expect(onData.browserSavesData).toBe(false);
    expect(onData.locale).toBe("es");

    const off = await choose({ dataSaver: "off" }, on.jar);
    const offData = await rootData({ cookie: off.jar });
    expect(offData.dataSaver).toBe(false);
    expect(offData.locale).toBe("es");
  });

  it("the browser's Save-Data: on holds even when the switch is off", async () => {
    const { jar } = await choose({ dataSaver: "off" });
    expect((await rootData({ cookie: jar, headers: { "Save-Data": "on" } })).dataSaver).toBe(true);
  });

  it("a tampered preferences cookie is ignored, not an error", async () => {
    const data = await rootData({ cookie: "pc_prefs=not-base64-json!!", headers: { "Accept-Language": "es" } });
    expect(data.locale).toBe("es");
    expect(data.dataSaver).toBe(false);
  });
});
