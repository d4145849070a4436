/**
 * Behaviour that a review of the first version asked for: group names stay
 * within a designated user's reach, a tampered flash cookie cannot break a
 * page, and the CSV carries the security headers too.
 */
import { describe, expect, it } from "vitest";
import { createCookie } from "@remix-run/node";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { get } from "../support/http";
import { callLoader, importRoute } from "../support/remix";

describe("review fixes", () => {
  it("an admin designated to EMEA is offered only the groups it can see in the group filter", async () => {
    const route = await importRoute("routes/customers");
    const cookie = await sessionFor(ACCOUNTS.northwindAdmin);
    const outcome = await callLoader(route, get("/customers", { cookie }));
    const groups = (outcome.data as { list: { groups: { name: string }[] } }).list.groups.map((g) => g.name);
    expect(groups).toEqual(["EMEA"]);
  });

  it("a super admin is offered every group of its partner", async () => {
    const route = await importRoute("routes/customers");
    const cookie = await sessionFor(ACCOUNTS.northwindSuper);
    const outcome = await callLoader(route, get("/customers", { cookie }));
    const groups = (outcome.data as { list: { groups: { name: string }[] } }).list.groups.map((g) => g.name);
    expect(groups).toEqual(["EMEA", "Healthcare", "VIP"]);
  });

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

  it("the CSV export carries the security headers of every page", async () => {
    const route = await importRoute("routes/customers_.export");
    const cookie = await sessionFor(ACCOUNTS.northwindReadonly);
    const outcome = await callLoader(route, get("/customers/export?q=hooli", { cookie }));
    expect(outcome.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(outcome.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    await outcome.response?.text();
  });
});
