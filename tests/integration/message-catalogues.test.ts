import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "~/i18n/messages";
import { keysNamedIn } from "~/i18n/catalog-keys.server";
import { get } from "../support/http";
import { callLoader, importRoute } from "../support/routes";

/**
 * The browser gets its language's messages only, as modules of their own
 * (app/routes/i18n.$file.ts, imported by entry.client.tsx before hydrating),
 * and of those only the ones its routes' scripts name.
 */
describe("the message catalogue modules", () => {
  const load = async (file: string, search = "") =>
    callLoader(await importRoute("routes/i18n.$file"), get(`/i18n/${file}${search}`), { file });

  const moduleOf = async (outcome: Awaited<ReturnType<typeof load>>) => {
    const source = await outcome.response!.text();
    return ((await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as { default: unknown })
      .default as Record<string, string>;
  };

  it("a build this server does not have gets each language's whole catalogue", async () => {
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

  describe("for a build: the messages its scripts name", () => {
    // A build as React Router writes it (build/client/assets/manifest-<version>.js,
    // chunks under /assets/), with key names in the forms minified code has them.
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "catalog-build-"));
    const assets = path.join(buildDir, "build/client/assets");
    const files: Record<string, string> = {
      "entry.client-E.js": 'import"./chunk-S.js";',
      "chunk-S.js": 'var a=t("skip.link");',
      "root-R.js": 'import"./chunk-S.js";n(`nav.${p}`),e.plural("license.expiring",3);',
      "customers-C.js": 'import"./chunk-S.js";t("customers.title"),t("error."+s+".title"),t("nav.customers");',
    };
    const manifest = {
      version: "abcd1234",
      entry: { module: "/assets/entry.client-E.js", imports: [] },
      routes: {
        root: { module: "/assets/root-R.js", imports: ["/assets/chunk-S.js"] },
        "routes/customers": { module: "/assets/customers-C.js", imports: ["/assets/chunk-S.js"] },
      },
    };
    let previous: string | undefined;
    beforeAll(() => {
      for (const [file, code] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(assets, file)), { recursive: true });
        fs.writeFileSync(path.join(assets, file), code);
      }
      fs.writeFileSync(path.join(assets, "manifest-abcd1234.js"), `window.__reactRouterManifest=${JSON.stringify(manifest)};`);
      previous = process.env.BUILD_DIR;
      process.env.BUILD_DIR = buildDir;
    });
    afterAll(() => {
      if (previous === undefined) delete process.env.BUILD_DIR;
      else process.env.BUILD_DIR = previous;
      fs.rmSync(buildDir, { recursive: true, force: true });
    });

    const keysStartingWith = (prefix: string) => Object.keys(catalog.en).filter((key) => key.startsWith(prefix));

    it("the root's module: the keys named by the entry and the root, whole, as a plural's base or a prefix", async () => {
      const messages = await moduleOf(await load("es.js", "?v=abcd1234"));
      const expected = ["skip.link", "license.expiring.one", "license.expiring.other", ...keysStartingWith("nav.")];
      expect(Object.keys(messages).sort()).toEqual([...new Set(expected)].sort());
      for (const key of expected) expect(messages[key]).toBe(catalog.es[key as keyof typeof catalog.es]);
    });

    it("a route's module: the keys it adds to the root's, and only those", async () => {
      const messages = await moduleOf(await load("en.js", "?v=abcd1234&route=routes%2Fcustomers"));
      const expected = ["customers.title", ...keysStartingWith("error.")];
      expect(keysStartingWith("error.").length).toBeGreaterThan(3);
      expect(Object.keys(messages).sort()).toEqual(expected.sort());
      expect(messages["customers.title"]).toBe(catalog.en["customers.title"]);
    });

    it('"*", or a route the build does not have, is the whole catalogue: never a missing message', async () => {
      for (const search of ["?v=abcd1234&route=*", "?v=abcd1234&route=routes%2Fnope", "?v=other&route=routes%2Fcustomers"]) {
        expect(await moduleOf(await load("es.js", search)), search).toEqual(catalog.es);
      }
    });
  });

  it("names are found whole, as a plural's base and as the prefix of a key built at run time, and nothing else", () => {
    const keys = ["a.b", "a.c.one", "a.c.other", "p.x", "p.y", "q.z"];
    expect([...keysNamedIn('t("a.b");t("a.c",2);t(`p.${k}`);o.q;x.a.bc', keys)].sort()).toEqual(
      ["a.b", "a.c.one", "a.c.other", "p.x", "p.y"].sort(),
    );
    expect([...keysNamedIn('t("q."+k)', keys)]).toEqual(["q.z"]);
  });
});
