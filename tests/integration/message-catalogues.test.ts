import { describe, expect, it } from "vitest";
import { catalog } from "~/i18n/messages";
import { get } from "../support/http";
import { callLoader, importRoute } from "../support/remix";

/**
 * The browser gets its language's messages only, as a module of their own
 * (app/routes/i18n.$file.ts, imported by entry.client.tsx before hydrating).
 */
describe("the message catalogue modules", () => {
  const load = async (file: string, search = "") =>
    callLoader(await importRoute("routes/i18n.$file"), get(`/i18n/${file}${search}`), { file });

  it("each language's module exports exactly that language's catalogue", async () => {
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
});
