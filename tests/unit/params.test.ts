import { describe, expect, it } from "vitest";
import { parseId } from "~/utils/params";

describe("reading an id from the URL", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["9007199254740991", 9007199254740991],
  ])("reads %s", (value, id) => {
    expect(parseId(value)).toBe(id);
  });

  it.each([undefined, "", "0", "-1", "01", "1.5", "1e3", "abc", "12abc", " 12", "9007199254740993", "99999999999999999999"])(
    "refuses %j (the page is then a 404)",
    (value) => {
      expect(parseId(value)).toBeNull();
    },
  );
});
