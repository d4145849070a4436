import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/utils/redirect";

describe("where sign-in may send a user", () => {
  it.each(["/customers", "/customers?page=2&q=acme", "/central", "/customers/12/contact#x", "/"])(
    "honours the own path %s",
    (path) => {
      expect(safeRedirectPath(path, "/fallback")).toBe(path);
    },
  );

  it.each([
    ["//evil.example", "a protocol-relative address"],
    ["//evil.example/customers", "a protocol-relative address with a path"],
    ["/\\evil.example", "a backslash browsers read as a slash"],
    ["http://evil.example", "an absolute http address"],
    ["https://evil.example/customers", "an absolute https address"],
    ["javascript:alert(1)", "a javascript: address"],
    ["evil.example", "a relative address"],
    ["", "an empty value"],
    ["/cust\u0000omers", "a NUL character"],
    ["/\tevil.example", "a tab"],
    ["/\n/evil.example", "a line break"],
    ["/\r\nLocation: //evil.example", "a header injection"],
  ])("refuses %j (%s)", (value) => {
    expect(safeRedirectPath(value, "/customers")).toBe("/customers");
  });

  it("refuses anything that is not a string", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
    expect(safeRedirectPath(["/customers"], "/x")).toBe("/x");
  });
});
