import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalog } from "~/i18n/messages";
import { catalogUrl, pageNamespaces, type MessagesHandle } from "~/i18n/catalog-url";
import { get } from "../support/http";
import { browserSourceOf, keysNamedIn } from "../support/message-keys";
import { APP_DIR, callLoader, importRoute, routeIds } from "../support/routes";

/**
 * The browser gets its language's messages only, as modules of their own
 * (app/routes/i18n.$file.ts, imported by entry.client.tsx before hydrating),
 * and of those only the namespaces its routes name in their `handle`.
 */
describe("the message catalogue modules", () => {
  const load = async (file: string, search = "") =>
    callLoader(await importRoute("routes/i18n.$file"), get(`/i18n/${file}${search}`), { file });

  const moduleOf = async (outcome: Awaited<ReturnType<typeof load>>) => {
    const source = await outcome.response!.text();
    return ((await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as { default: unknown })
      .default as Record<string, string>;
  };

  it("without namespaces, each language's whole catalogue", async () => {
    for (const locale of ["en", "es"] as const) {
      const outcome = await load(`${locale}.js`, "?v=abc123");
      expect(outcome.status).toBe(200);
      expect(outcome.headers.get("Content-Type")).toMatch(/^text\/javascript/);
      const source = await outcome.response!.text();
      const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as {
        default: unknown;
      };
      expect(module.default).toEqual(catalog[locale]);
    }
  });

  it("a versioned address is cached for good, an unversioned one revalidated", async () => {
    expect((await load("es.js", "?v=abc123")).headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect((await load("es.js")).headers.get("Cache-Control")).toBe("no-cache");
  });

  it("an unknown language or file is a 404", async () => {
    for (const file of ["fr.js", "en.json", "en", "../en.js"]) {
      expect((await load(file)).status, file).toBe(404);
    }
  });

  const keysUnder = (namespace: string) =>
    Object.keys(catalog.en).filter((key) => key === namespace || key.startsWith(`${namespace}.`));

  it("with namespaces, the messages they prefix at a dot, or the whole keys they name, and only those", async () => {
    const messages = await moduleOf(await load("es.js", "?v=abc123&ns=groups,approval.request,pagination"));
    const expected = [...keysUnder("groups"), "approval.request", ...keysUnder("pagination")];
    expect(keysUnder("groups").length).toBeGreaterThan(5);
    expect(Object.keys(messages).sort()).toEqual([...new Set(expected)].sort());
    for (const key of expected) expect(messages[key]).toBe(catalog.es[key as keyof typeof catalog.es]);
    // "approval.request" is a key, not every key starting with "approval.request".
    expect(Object.keys(messages).filter((key) => key.startsWith("approval."))).toEqual(["approval.request"]);
  });

  it("a namespace the catalogue does not have is a 404, not an empty module", async () => {
    for (const ns of ["nope", "groups.", "group", "groups,nope", "x".repeat(300)]) {
      expect((await load("en.js", `?v=abc123&ns=${encodeURIComponent(ns)}`)).status, ns).toBe(404);
    }
  });

  it("the address a page's routes name is the same however their handles are ordered", () => {
    const page = pageNamespaces([{ messages: ["nav", "title"] }, undefined, { messages: ["groups", "nav"] }]);
    expect(page).toEqual(["groups", "nav", "title"]);
    expect(catalogUrl("es", "v1", page)).toBe("/i18n/es.js?v=v1&ns=groups,nav,title");
    expect(catalogUrl("en", "v1", null)).toBe("/i18n/en.js?v=v1");
  });
});

/**
 * Each page's messages reach the browser by its routes' `handle` (root's
 * included): every key the code of a route, and of what it imports, names
 * (tests/support/message-keys.ts) is in a namespace its handle or the
 * root's names. A key missing from them would still be shown right (the
 * browser then loads the whole language, translate.ts), but late.
 */
describe("the routes' message namespaces", () => {
  const keys = Object.keys(catalog.en);
  const covered = (key: string, namespaces: readonly string[]) =>
    namespaces.some((namespace) => key === namespace || key.startsWith(`${namespace}.`));
  const fileOf = (id: string) =>
    [".tsx", ".ts", "/route.tsx"].map((ending) => path.join(APP_DIR, `${id}${ending}`)).find((file) => fs.existsSync(file))!;
  const handleOf = (module: unknown) => (module as { handle?: Partial<MessagesHandle> }).handle?.messages ?? [];

  it("every namespace a handle names is one the catalogue has", async () => {
    for (const id of routeIds()) {
      for (const namespace of handleOf(await importRoute(id))) {
        expect(keys.some((key) => covered(key, [namespace])), `${id}: ${namespace}`).toBe(true);
      }
    }
  });

  it("every key a page's code names is in its route's namespaces or the root's", async () => {
    const root = handleOf(await importRoute("root"));
    const rootCode = browserSourceOf(fileOf("root")) + browserSourceOf(path.join(APP_DIR, "entry.client.tsx"));
    const missing: string[] = [];
    for (const key of keysNamedIn(rootCode, keys)) if (!covered(key, root)) missing.push(`root: ${key}`);
    let pages = 0;
    for (const id of routeIds()) {
      const module = (await importRoute(id)) as { default?: unknown };
      if (id === "root" || !module.default) continue;
      pages++;
      const namespaces = [...root, ...handleOf(module)];
      for (const key of keysNamedIn(browserSourceOf(fileOf(id)), keys)) {
        if (!covered(key, namespaces)) missing.push(`${id}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(pages).toBeGreaterThan(15);
  });

  it("the Customers list's page names little beyond what it shows", async () => {
    const customers = handleOf(await importRoute("routes/customers"));
    const size = (namespaces: readonly string[]) =>
      JSON.stringify(Object.fromEntries(keys.filter((key) => covered(key, namespaces)).map((key) => [key, catalog.en[key as keyof typeof catalog.en]]))).length;
    const named = [...keysNamedIn(browserSourceOf(fileOf("routes/customers")), keys)];
    expect(size(customers)).toBeLessThan(2 * size(named) + 1_000);
  });

  it("names are found in strings, whole, as a plural's base and as the prefix of a key built at run time; not in comments", () => {
    const names = ["a.b", "a.c.one", "a.c.other", "p.x", "p.y", "q.z"];
    expect([...keysNamedIn('t("a.b");t("a.c",2);t(`p.${k}`);o.q;x.a.bc // q.\n', names)].sort()).toEqual(
      ["a.b", "a.c.one", "a.c.other", "p.x", "p.y"].sort(),
    );
    expect([...keysNamedIn('t("q."+k)', names)]).toEqual(["q.z"]);
    expect([...keysNamedIn("/* a.b */ const s = 1;", names)]).toEqual([]);
  });
});
