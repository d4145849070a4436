/**
 * Issue 21: the Partner API's pure rules (app/domain/partner-api.ts): how a
 * page is asked for, which tenant fields, when a credential works, and the
 * rate limit's verdict.
 */
import { describe, expect, it } from "vitest";
import {
  PAGE_SIZE_MAX,
  RATE_LIMIT_PER_MINUTE,
  TENANT_FIELDS,
  credentialLive,
  pagesOf,
  rateLimitVerdict,
  readPageRequest,
  readTenantFields,
  roleFromId,
  roleIdOf,
} from "~/domain/partner-api";
import { ROLES } from "../../lib/enums";

const query = (text: string) => new URLSearchParams(text);

describe("readPageRequest", () => {
  it("defaults to the first page of 50, without totals", () => {
    expect(readPageRequest(query(""))).toEqual({ page: 1, size: 50, withTotal: false });
  });

  it("reads page, pageSize and pageTotal", () => {
    expect(readPageRequest(query("page=3&pageSize=100&pageTotal=true"))).toEqual({ page: 3, size: 100, withTotal: true });
  });

  it.each(["page=0", "page=-2", "page=1.5", "page=1e3", "page=abc", "page=9999999999"])("refuses %s, naming page", (text) => {
    expect(readPageRequest(query(text))).toMatchObject({ parameter: "page" });
  });

  it.each([`pageSize=${PAGE_SIZE_MAX + 1}`, "pageSize=0", "pageSize=x"])("refuses %s, naming pageSize", (text) => {
    expect(readPageRequest(query(text))).toMatchObject({ parameter: "pageSize" });
  });

  it("refuses a pageTotal that is neither true nor false", () => {
    expect(readPageRequest(query("pageTotal=1"))).toMatchObject({ parameter: "pageTotal" });
  });
});

describe("readTenantFields", () => {
  it("is every field when absent", () => {
    expect([...(readTenantFields(null) as Set<string>)]).toEqual([...TENANT_FIELDS]);
  });

  it("always includes id", () => {
    expect([...(readTenantFields("name, billingType") as Set<string>)].sort()).toEqual(["billingType", "id", "name"]);
  });

  it("names an unknown field, cut short", () => {
    expect(readTenantFields(`name,${"x".repeat(100)}`)).toEqual({ parameter: "fields", message: `fields names an unknown field: ${"x".repeat(40)}` });
    expect(readTenantFields("__proto__")).toMatchObject({ parameter: "fields" });
  });
});

describe("pagesOf", () => {
  it("has total and items only when asked", () => {
    expect(pagesOf({ page: 2, size: 20, withTotal: false }, null)).toEqual({ current: 2, size: 20, maxSize: 100 });
    expect(pagesOf({ page: 2, size: 20, withTotal: true }, 41)).toEqual({ current: 2, size: 20, maxSize: 100, total: 3, items: 41 });
    expect(pagesOf({ page: 1, size: 20, withTotal: true }, 0)).toMatchObject({ total: 1, items: 0 });
  });
});

describe("credentialLive", () => {
  it("works until its expiry moment, never once deleted", () => {
    expect(credentialLive({ expiresAt: null, deletedAt: null }, 5)).toBe(true);
    expect(credentialLive({ expiresAt: 10, deletedAt: null }, 9)).toBe(true);
    expect(credentialLive({ expiresAt: 10, deletedAt: null }, 10)).toBe(false);
    expect(credentialLive({ expiresAt: null, deletedAt: 3 }, 5)).toBe(false);
  });
});

describe("rateLimitVerdict", () => {
  it(`allows ${RATE_LIMIT_PER_MINUTE} calls in a window, then says how long to wait`, () => {
    expect(rateLimitVerdict({ windowStartedAt: 0, requests: RATE_LIMIT_PER_MINUTE }, 1_000)).toEqual({ allowed: true, remaining: 0 });
    expect(rateLimitVerdict({ windowStartedAt: 0, requests: RATE_LIMIT_PER_MINUTE + 1 }, 20_500)).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
    });
    expect(rateLimitVerdict({ windowStartedAt: 0, requests: RATE_LIMIT_PER_MINUTE + 1 }, 59_999)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });
});

describe("role ids", () => {
  it("are the role keys with hyphens, and read back", () => {
    expect(ROLES.map(roleIdOf)).toEqual(["super-admin", "admin", "help-desk", "read-only"]);
    for (const role of ROLES) expect(roleFromId(roleIdOf(role))).toBe(role);
    expect(roleFromId("owner")).toBeUndefined();
  });
});
