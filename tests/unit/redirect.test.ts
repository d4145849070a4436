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
    ["/中", "a character that is not ASCII (no Location header can carry it)"],
    ["/a\u00e9", "a Latin-1 character"],
    ["/customers?q=a b", "a raw space"],
    ["\u0000/x", "a NUL first"],
    ["%00", "an encoded NUL that is not a path"],
    ["/..//evil.example", "dot segments that resolve to another site"],
    ["/a/../..//evil.example", "more dot segments that resolve to another site"],
    ["/a\\..\\..\\/evil.example", "backslash dot segments that resolve to another site"],
  ])("refuses %j (%s)", (value) => {
    expect(safeRedirectPath(value, "/customers")).toBe("/customers");
  });

  it.each(["/%E4%B8%AD", "/customers?q=%00", "/customers/%2F%2Fevil.example"])(
    "honours an own path percent-encoded as the site writes it: %s",
    (path) => {
      expect(safeRedirectPath(path, "/fallback")).toBe(path);
    },
  );

  it("refuses anything that is not a string", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
    expect(safeRedirectPath(["/customers"], "/x")).toBe("/x");
  });
});
