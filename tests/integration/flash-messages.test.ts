/** A flash message carried across a redirect cannot be forged into breaking a page. */
import { describe, expect, it } from "vitest";
import { createCookie } from "react-router";
import { findSetCookie, get, post } from "../support/http";
import { callAction, callLoader, importRoute } from "../support/routes";
import { ACCOUNTS, sessionFor } from "../support/accounts";

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

  it("the flash cookie, set and cleared, is Secure when the request came over https, and not over plain http", async () => {
    const signOut = await importRoute("routes/sign-out");
    const root = await importRoute("root");
    for (const [origin, secure] of [["https://localhost", true], ["http://localhost", undefined]] as const) {
      const jar = await sessionFor(ACCOUNTS.northwindSuper);
      const outcome = await callAction(signOut, post("/sign-out", {}, { cookie: jar, origin }));
      const set = findSetCookie(outcome.headers, "pc_flash");
      expect(set?.value, origin).toBeTruthy();
      expect(set?.attributes.secure, origin).toBe(secure);

      const shown = await callLoader(root, get("/sign-in", { cookie: `pc_flash=${set!.value}`, origin }));
      const clear = findSetCookie(shown.headers, "pc_flash");
      expect(clear?.clears, origin).toBe(true);
      expect(clear?.attributes.secure, origin).toBe(secure);
    }
  });
});
