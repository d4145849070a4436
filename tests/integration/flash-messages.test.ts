/** A flash message carried across a redirect cannot be forged into breaking a page. */
import { describe, expect, it } from "vitest";
import { createCookie } from "@remix-run/node";
import { get } from "../support/http";
import { callLoader, importRoute } from "../support/remix";

describe("flash messages", () => {
  it("a flash cookie naming no message, or carrying odd values, is dropped and cleared", async () => {
    const flash = createCookie("pc_flash", { path: "/" });
    const root = await importRoute("root");
    for (const value of [{ key: "no.such.message", vars: { a: 1 } }, { key: "rename.saved", vars: { name: { x: 1 } } }, "text"]) {
      const header = (await flash.serialize(value)).split(";")[0]!;
      const outcome = await callLoader(root, get("/sign-in", { cookie: header }));
      expect(outcome.status).toBe(200);
      expect((outcome.data as { flash: unknown }).flash).toBeNull();
      expect(outcome.headers.get("Set-Cookie") ?? "").toMatch(/pc_flash=;.*Max-Age=0/);
    }
  });

});
