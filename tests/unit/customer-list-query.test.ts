import { describe, expect, it } from "vitest";
import {
  PAGE_SIZE,
  SEARCH_MAX_LENGTH,
  customerListSearch,
  narrowsCustomers,
  parseCustomerListQuery,
  type CustomerListQuery,
} from "~/schemas/customer-list-query";

const parse = (search: string) => parseCustomerListQuery(new URLSearchParams(search));

const DEFAULTS: CustomerListQuery = {
  q: "",
  billing: null,
  groupId: null,
  assistance: null,
  licenseStatus: null,
  onlyProtection: false,
  sort: "name",
  dir: "asc",
  page: 1,
};

describe("reading the Customers list URL", () => {
  it("gives the defaults for an empty query string", () => {
    expect(parse("")).toEqual({ query: DEFAULTS, searchTruncated: false, ignoredValues: false });
    expect(PAGE_SIZE).toBe(50);
  });

  it("reads every known value", () => {
    const { query, ignoredValues } = parse(
      "q=acme&billing=usage&group=7&assistance=off&status=expiring&protection=on&sort=licenseEnd&dir=desc&page=3",
    );
    expect(ignoredValues).toBe(false);
    expect(query).toEqual({
      q: "acme",
      billing: "usage",
      groupId: 7,
      assistance: "off",
      licenseStatus: "expiring",
      onlyProtection: true,
      sort: "licenseEnd",
      dir: "desc",
      page: 3,
    });
  });

  it.each([
    ["billing=monthly", "billing"],
    ["billing=TRIAL", "billing"],
    ["group=abc", "group"],
    ["group=0", "group"],
    ["group=-4", "group"],
    ["assistance=maybe", "assistance"],
    ["status=revoked", "status"],
    ["sort=password", "sort"],
    ["dir=sideways", "dir"],
    ["page=0", "page"],
    ["page=-1", "page"],
    ["page=1.5", "page"],
    ["page=abc", "page"],
    ["page=1e3", "page"],
    ["page=9999999999", "page"],
  ])("ignores the bad value %s and says a value was ignored", (search) => {
    const { query, ignoredValues } = parse(search);
    expect(ignoredValues).toBe(true);
    expect(query).toEqual(DEFAULTS);
  });

  it("keeps the good values beside a bad one", () => {
    const { query, ignoredValues } = parse("billing=trial&sort=evil&page=2");
    expect(ignoredValues).toBe(true);
    expect(query).toEqual({ ...DEFAULTS, billing: "trial", page: 2 });
  });

  it("treats an empty value as not given, not as a bad one", () => {
    expect(parse("billing=&group=&assistance=&status=&sort=&dir=&page=")).toEqual({
      query: DEFAULTS,
      searchTruncated: false,
      ignoredValues: false,
    });
  });

  it("shows only my protection only for protection=on", () => {
    expect(parse("protection=on").query.onlyProtection).toBe(true);
    expect(parse("protection=yes").query.onlyProtection).toBe(false);
  });

  it("trims the search", () => {
    expect(parse("q=%20%20equipo%20%20").query.q).toBe("equipo");
  });

  it("removes control characters from the search", () => {
    const { query } = parse(`q=${encodeURIComponent("\u0000equi\u0007po\u001f\u007f")}`);
    expect(query.q).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(query.q.replace(/\s/g, "")).toBe("equipo");
    expect(parse(`q=${encodeURIComponent("\tacme\r\n")}`).query.q).toBe("acme");
  });

  it("cuts a search longer than 100 characters and says so", () => {
    expect(SEARCH_MAX_LENGTH).toBe(100);
    const { query, searchTruncated } = parse(`q=${"a".repeat(10_000)}`);
    expect(searchTruncated).toBe(true);
    expect(query.q).toBe("a".repeat(100));
  });

  it("keeps a search of exactly 100 characters whole", () => {
    const { query, searchTruncated } = parse(`q=${"b".repeat(100)}`);
    expect(searchTruncated).toBe(false);
    expect(query.q).toHaveLength(100);
  });

  it("counts characters, not UTF-16 units, and never cuts one in half", () => {
    const { query, searchTruncated } = parse(`q=${encodeURIComponent("é".repeat(100) + "😀")}`);
    expect(searchTruncated).toBe(true);
    expect(query.q).toBe("é".repeat(100));
    const emoji = parse(`q=${encodeURIComponent("😀".repeat(101))}`);
    expect(emoji.query.q).toBe("😀".repeat(100));
  });
});

describe("writing the Customers list URL", () => {
  it("leaves out every default", () => {
    expect(customerListSearch(DEFAULTS)).toBe("");
    expect(customerListSearch({})).toBe("");
  });

  it("writes values in a fixed order whatever order they come in", () => {
    expect(customerListSearch({ page: 2, q: "acme", billing: "trial" })).toBe("?q=acme&billing=trial&page=2");
    expect(customerListSearch({ billing: "trial", page: 2, q: "acme" })).toBe("?q=acme&billing=trial&page=2");
  });

  const states: CustomerListQuery[] = [
    DEFAULTS,
    { ...DEFAULTS, q: "Équipo Médico & co/ ?=#" },
    { ...DEFAULTS, billing: "usage", groupId: 3, assistance: "on", licenseStatus: "expired" },
    { ...DEFAULTS, onlyProtection: true, sort: "billing", dir: "desc", page: 4 },
    {
      q: "a b",
      billing: "term",
      groupId: 12,
      assistance: "off",
      licenseStatus: "active",
      onlyProtection: true,
      sort: "licenseEnd",
      dir: "asc",
      page: 2,
    },
  ];

  it.each(states)("reads back what it wrote: %o", (state) => {
    const search = customerListSearch(state);
    const parsed = parseCustomerListQuery(new URLSearchParams(search));
    expect(parsed.query).toEqual(state);
    expect(parsed.ignoredValues).toBe(false);
    expect(parsed.searchTruncated).toBe(false);
  });
});

describe("whether a list state narrows the customers", () => {
  const narrows = (search: string) => narrowsCustomers(parseCustomerListQuery(new URLSearchParams(search)).query);
  it.each(["q=acme", "billing=trial", "group=4", "assistance=off", "status=expiring"])("%s does", (search) => {
    expect(narrows(search)).toBe(true);
  });
  it.each(["", "sort=billing&dir=desc", "page=3", "protection=on", "billing=nope&group=abc"])("%j does not", (search) => {
    expect(narrows(search)).toBe(false);
  });
});
