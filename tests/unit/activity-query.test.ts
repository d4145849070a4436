import { describe, expect, it } from "vitest";
import {
  CUSTOMER_SEARCH_MAX_LENGTH,
  PAGE_SIZE,
  activitySearch,
  endOfUtcDay,
  parseActivityQuery,
  startOfUtcDay,
  type ActivityQuery,
} from "~/schemas/activity-query";
import {
  ACTIVITY_KINDS,
  describeActor,
  describeChange,
  describeKind,
  isActivityKind,
  readChanges,
} from "~/domain/activity-kinds";
import { createI18n } from "~/i18n/translate";

const parse = (search: string) => parseActivityQuery(new URLSearchParams(search));

const DEFAULTS: ActivityQuery = { from: null, to: null, customer: "", actor: null, kind: null, page: 1 };

describe("reading the activity log's URL", () => {
  it("gives the defaults for an empty query string", () => {
    expect(parse("")).toEqual({
      query: DEFAULTS,
      typed: { from: "", to: "" },
      dateErrors: {},
      customerTruncated: false,
      ignoredValues: false,
    });
    expect(PAGE_SIZE).toBe(50);
  });

  it("reads every known value", () => {
    const parsed = parse("from=2026-03-01&to=2026-03-31&customer=acme&user=12&kind=customer.rename&page=3");
    expect(parsed.query).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      customer: "acme",
      actor: { kind: "user", userId: 12 },
      kind: "customer.rename",
      page: 3,
    });
    expect(parsed.dateErrors).toEqual({});
    expect(parsed.ignoredValues).toBe(false);
  });

  it("reads the User filter's two choices that are not one user", () => {
    expect(parse("user=customer-admins").query.actor).toEqual({ kind: "customerAdmins" });
    expect(parse("user=scheduled").query.actor).toEqual({ kind: "scheduled" });
  });

  it("takes a range of one day", () => {
    expect(parse("from=2026-03-31&to=2026-03-31").query).toMatchObject({ from: "2026-03-31", to: "2026-03-31" });
  });

  it("takes 29 February in a leap year only", () => {
    expect(parse("from=2028-02-29").dateErrors).toEqual({});
    expect(parse("from=2026-02-29").dateErrors).toEqual({ from: "invalid" });
  });

  it.each(["2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01", "2026-3-1", "20260301", "31/03/2026", "yesterday", "2026-03-01T00:00", "+02026-03-01", "٢٠٢٦-٠٣-٠١"])(
    "refuses %j as a date, keeps it as typed and does not filter by it",
    (value) => {
      const parsed = parse(new URLSearchParams({ from: value, to: value }).toString());
      expect(parsed.dateErrors).toEqual({ from: "invalid", to: "invalid" });
      expect(parsed.query.from).toBeNull();
      expect(parsed.query.to).toBeNull();
      expect(parsed.typed).toEqual({ from: value, to: value });
    },
  );

  it("refuses a To before From at To, and uses neither", () => {
    const parsed = parse("from=2026-03-10&to=2026-03-09");
    expect(parsed.dateErrors).toEqual({ to: "beforeFrom" });
    expect(parsed.query.from).toBeNull();
    expect(parsed.query.to).toBeNull();
  });

  it("keeps a good date when the other one is bad", () => {
    const parsed = parse("from=2026-02-30&to=2026-03-09");
    expect(parsed.dateErrors).toEqual({ from: "invalid" });
    expect(parsed.query.to).toBe("2026-03-09");
  });

  it("trims a date and keeps only a short piece of a very long one to show back", () => {
    expect(parse("from=%202026-03-01%20").query.from).toBe("2026-03-01");
    const long = parse(`from=${"2".repeat(10_000)}`);
    expect(long.dateErrors).toEqual({ from: "invalid" });
    expect(long.typed.from.length).toBeLessThanOrEqual(32);
  });

  it.each([
    ["user=abc", "user"],
    ["user=0", "user"],
    ["user=-3", "user"],
    ["user=1.5", "user"],
    ["user=9999999999", "user"],
    ["kind=customer.teleport", "kind"],
    ["kind=CUSTOMER.RENAME", "kind"],
    ["kind=constructor", "kind"],
    ["kind=__proto__", "kind"],
    ["page=0", "page"],
    ["page=-1", "page"],
    ["page=abc", "page"],
    ["page=1e3", "page"],
    [`page=${"9".repeat(20)}`, "page"],
  ])("ignores %s and says so", (search) => {
    const parsed = parse(search);
    expect(parsed.ignoredValues).toBe(true);
    expect(parsed.query).toEqual(DEFAULTS);
    expect(parsed.dateErrors).toEqual({});
  });

  it("treats empty values as not set", () => {
    expect(parse("from=&to=&customer=&user=&kind=&page=")).toEqual(parse(""));
  });

  it("takes the first of a repeated value", () => {
    expect(parse("kind=group.create&kind=nope").query.kind).toBe("group.create");
  });

  it("cleans the customer search of control characters and cuts a long one", () => {
    expect(parse("customer=%00acme%0A").query.customer).toBe("acme");
    const long = parse(`customer=${"é".repeat(CUSTOMER_SEARCH_MAX_LENGTH + 5)}`);
    expect(long.customerTruncated).toBe(true);
    expect([...long.query.customer]).toHaveLength(CUSTOMER_SEARCH_MAX_LENGTH);
  });
});

describe("UTC days", () => {
  it("a day starts at midnight UTC and ends at the next midnight", () => {
    expect(startOfUtcDay("2026-03-31")).toBe(Date.UTC(2026, 2, 31));
    expect(endOfUtcDay("2026-03-31")).toBe(Date.UTC(2026, 3, 1));
    expect(endOfUtcDay("2026-12-31")).toBe(Date.UTC(2027, 0, 1));
  });

  it("reads years before 100 as written, not as 19xx", () => {
    expect(new Date(startOfUtcDay("0099-01-01")!).getUTCFullYear()).toBe(99);
  });

  it("is null for a day that does not exist", () => {
    expect(startOfUtcDay("2026-02-30")).toBeNull();
    expect(endOfUtcDay("nope")).toBeNull();
  });
});

describe("writing the activity log's URL", () => {
  it("writes only what is set, in a fixed order, and reads back the same", () => {
    const query: ActivityQuery = {
      from: "2026-03-01",
      to: "2026-03-31",
      customer: "équipo médico",
      actor: { kind: "customerAdmins" },
      kind: "approval.approved",
      page: 2,
    };
    const search = activitySearch(query);
    expect(search).toBe(
      "?from=2026-03-01&to=2026-03-31&customer=%C3%A9quipo+m%C3%A9dico&user=customer-admins&kind=approval.approved&page=2",
    );
    expect(parse(search.slice(1)).query).toEqual(query);
    expect(activitySearch(DEFAULTS)).toBe("");
  });
});

describe("the catalogue of kinds", () => {
  const en = createI18n("en");
  const es = createI18n("es");

  it("knows each kind once", () => {
    const kinds = ACTIVITY_KINDS.map((entry) => entry.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain("customer.rename");
    expect(isActivityKind("customer.launch")).toBe(true);
    expect(isActivityKind("toString")).toBe(false);
  });

  it("describes each kind in both languages", () => {
    for (const { kind } of ACTIVITY_KINDS) {
      expect(describeKind(en, kind), kind).not.toBe(kind);
      expect(describeKind(es, kind), kind).not.toBe(describeKind(en, kind));
    }
    expect(describeKind(en, "customer.rename")).toBe("Name changed");
    expect(describeKind(en, "assistance.off")).toBe("Partner Assistance turned off");
    expect(describeKind(es, "customer.rename")).toBe("Nombre cambiado");
  });

  it("shows a kind it does not know as recorded", () => {
    expect(describeKind(en, "customer.teleported")).toBe("customer.teleported");
    expect(describeKind(en, "constructor")).toBe("constructor");
  });

  it("names who did it", () => {
    expect(describeActor(en, { kind: "partnerUser", name: "Nadia Super" })).toBe("Nadia Super");
    expect(describeActor(en, { kind: "customerAdmin", name: "Wile Coyote" })).toBe("Customer admin (Wile Coyote)");
    expect(describeActor(en, { kind: "customerAdmin", name: " " })).toBe("Customer admin");
    expect(describeActor(en, { kind: "scheduled" })).toBe("Scheduled job");
    expect(describeActor(es, { kind: "scheduled" })).toBe("Tarea programada");
  });
});

describe("reading a change's before and after", () => {
  const en = createI18n("en");

  it("reads a recorded object as its fields, in order", () => {
    expect(readChanges('{"displayName":"Globex","group":"EMEA"}')).toEqual([
      { field: "displayName", value: "Globex" },
      { field: "group", value: "EMEA" },
    ]);
    expect(readChanges(null)).toBeNull();
    expect(readChanges("")).toBeNull();
  });

  it("never fails on text that is not a JSON object", () => {
    expect(readChanges("not json")).toEqual([{ field: "", value: "not json" }]);
    expect(readChanges("42")).toEqual([{ field: "", value: 42 }]);
    expect(readChanges("[1,2]")).toEqual([{ field: "", value: "1, 2" }]);
    expect(readChanges('{"nested":{"a":1}}')).toEqual([{ field: "nested", value: '{"a":1}' }]);
    expect(readChanges('{"__proto__":{"x":1},"constructor":"y"}')).toEqual([
      { field: "__proto__", value: '{"x":1}' },
      { field: "constructor", value: "y" },
    ]);
  });

  it("describes each field in words, and an unknown field by its name", () => {
    expect(describeChange(en, { field: "displayName", value: "Globex" })).toBe("Name shown as: Globex");
    expect(describeChange(en, { field: "displayName", value: "" })).toBe("Name shown as: (the legal name)");
    expect(describeChange(en, { field: "group", value: "" })).toBe("Group: (empty)");
    expect(describeChange(en, { field: "group", value: null })).toBe("Group: (empty)");
    expect(describeChange(en, { field: "billingType", value: "usage" })).toBe("Billing type: Monthly");
    expect(describeChange(en, { field: "partnerAssistance", value: true })).toBe("Partner Assistance: On");
    expect(describeChange(en, { field: "seats", value: 1250 })).toBe("seats: 1,250");
    expect(describeChange(en, { field: "active", value: false })).toBe("active: No");
    expect(describeChange(en, { field: "constructor", value: "x" })).toBe("constructor: x");
    expect(describeChange(en, { field: "", value: "raw text" })).toBe("raw text");
    expect(describeChange(createI18n("es"), { field: "group", value: "EMEA" })).toBe("Grupo: EMEA");
  });
});
