import { describe, expect, it } from "vitest";
import { customerSearchText, customerSortName, foldText, shownName } from "../../lib/text";

describe("folding text for search and sort", () => {
  it("lower-cases and removes accents", () => {
    expect(foldText("Équipo Médico Andaluz")).toBe("equipo medico andaluz");
    expect(foldText("ÀÉÎÕÜ ñ Ç")).toBe("aeiou n c");
    expect(foldText("EQUIPO")).toBe("equipo");
  });

  it("folds composed and decomposed accents alike", () => {
    expect(foldText("e\u0301quipo")).toBe(foldText("\u00e9quipo"));
  });

  it("leaves text without accents as it is, apart from case", () => {
    expect(foldText("it@equipo-medico.test")).toBe("it@equipo-medico.test");
    expect(foldText("' OR 1=1 --")).toBe("' or 1=1 --");
  });
});

describe("a customer's names", () => {
  it("is shown by its display name, else by its legal name", () => {
    expect(shownName({ displayName: "Globex", legalName: "Globex Corporation" })).toBe("Globex");
    expect(shownName({ displayName: "", legalName: "Acme Corp" })).toBe("Acme Corp");
    expect(shownName({ displayName: "   ", legalName: "Acme Corp" })).toBe("Acme Corp");
  });

  it("is sorted by its shown name, folded", () => {
    expect(customerSortName({ displayName: "Équipo Médico Andaluz", legalName: "Zeta S.L." })).toBe(
      "equipo medico andaluz",
    );
    expect(customerSortName({ displayName: "", legalName: "Acme Corp" })).toBe("acme corp");
  });

  it("is searched by display name, legal name and contact email, all folded", () => {
    const text = customerSearchText({
      displayName: "Équipo Médico Andaluz",
      legalName: "Équipo Médico Andaluz S.L.",
      contactEmail: "María.Núñez@Equipo-Medico.test",
    });
    expect(text).toContain("equipo medico andaluz");
    expect(text).toContain("equipo medico andaluz s.l.");
    expect(text).toContain("maria.nunez@equipo-medico.test");
    expect(text).toBe(foldText(text));
  });

  it("keeps the fields apart so a search cannot match across two of them", () => {
    const text = customerSearchText({ displayName: "abc", legalName: "def", contactEmail: "ghi" });
    expect(text).not.toContain("abcdef");
    expect(text).not.toContain("abc def");
    expect(text).not.toContain("defghi");
  });
});
