/**
 * The group filter offers a designated user only the groups holding a
 * customer it can see: the names of the others are not theirs to read.
 */
import { describe, expect, it } from "vitest";
import { ACCOUNTS, sessionFor } from "../support/accounts";
import { get } from "../support/http";
import { callLoader, importRoute } from "../support/routes";

describe("the group filter's options", () => {
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

});
