import { describe, expect, it } from "vitest";
import { cleanName, looksBlank, RAW_LENGTH_FACTOR } from "~/domain/names";

/** The longest name the console takes (a company's, a contact's, a display name). */
const MAX = 100;
const clean = (typed: string) => cleanName(typed, MAX);

/** Characters that show nothing or only blank space: none of them, alone or together, is a name. */
const INVISIBLE: [string, string][] = [
  ["U+0020 space", "\u0020"],
  ["U+00A0 no-break space", "\u00A0"],
  ["U+00AD soft hyphen", "\u00AD"],
  ["U+034F combining grapheme joiner", "\u034F"],
  ["U+061C Arabic letter mark", "\u061C"],
  ["U+115F Hangul choseong filler", "\u115F"],
  ["U+1160 Hangul jungseong filler", "\u1160"],
  ["U+17B4 Khmer vowel inherent aq", "\u17B4"],
  ["U+17B5 Khmer vowel inherent aa", "\u17B5"],
  ["U+180E Mongolian vowel separator", "\u180E"],
  ["U+2000 en quad", "\u2000"],
  ["U+2003 em space", "\u2003"],
  ["U+200A hair space", "\u200A"],
  ["U+200B zero width space", "\u200B"],
  ["U+200C zero width non-joiner", "\u200C"],
  ["U+200D zero width joiner", "\u200D"],
  ["U+200E left-to-right mark", "\u200E"],
  ["U+200F right-to-left mark", "\u200F"],
  ["U+2028 line separator", "\u2028"],
  ["U+2029 paragraph separator", "\u2029"],
  ["U+202A left-to-right embedding", "\u202A"],
  ["U+202E right-to-left override", "\u202E"],
  ["U+202F narrow no-break space", "\u202F"],
  ["U+205F medium mathematical space", "\u205F"],
  ["U+2060 word joiner", "\u2060"],
  ["U+2061 function application", "\u2061"],
  ["U+2062 invisible times", "\u2062"],
  ["U+2063 invisible separator", "\u2063"],
  ["U+2064 invisible plus", "\u2064"],
  ["U+2066 left-to-right isolate", "\u2066"],
  ["U+2069 pop directional isolate", "\u2069"],
  ["U+2800 Braille pattern blank", "\u2800"],
  ["U+3000 ideographic space", "\u3000"],
  ["U+3164 Hangul filler", "\u3164"],
  ["U+FE0F variation selector-16", "\uFE0F"],
  ["U+FEFF zero width no-break space", "\uFEFF"],
  ["U+FFA0 halfwidth Hangul filler", "\uFFA0"],
  ["U+1D159 musical symbol null notehead", "\u{1D159}"],
  ["U+1D173 musical symbol begin beam", "\u{1D173}"],
  ["U+E0020 tag space", "\u{E0020}"],
  ["U+0009 tab", "\t"],
];

describe("a name made only of invisible or blank-looking characters", () => {
  it.each(INVISIBLE)("%s is refused, alone and repeated", (_name, char) => {
    expect(looksBlank(char)).toBe(true);
    expect(clean(char).ok).toBe(false);
    expect(clean(char.repeat(3)).ok).toBe(false);
  });

  it("a mix of them is refused too, as invisible (not as nothing typed)", () => {
    expect(clean("\u200B\u3164\u2800\uFEFF\u115F\u1160\uFFA0")).toEqual({ ok: false, problem: "invisible" });
    expect(clean("\u202E\u2066")).toEqual({ ok: false, problem: "invisible" });
  });

  it("nothing typed, or only spaces, is an empty name", () => {
    expect(clean("")).toEqual({ ok: false, problem: "empty" });
    expect(clean("   ")).toEqual({ ok: false, problem: "empty" });
    expect(clean("\t\n")).toEqual({ ok: false, problem: "empty" });
  });
});

describe("cleaning a name", () => {
  it.each(INVISIBLE)("%s is trimmed from both ends", (_name, char) => {
    expect(clean(`${char}Acme${char}`)).toEqual({ ok: true, name: "Acme" });
  });

  it("removes bidirectional overrides and isolates wherever they are", () => {
    expect(clean("Acme\u202Emoc.evil")).toEqual({ ok: true, name: "Acmemoc.evil" });
    for (const char of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(clean(`Ac${char}me`)).toEqual({ ok: true, name: "Acme" });
    }
  });

  it("turns control characters and line breaks into spaces", () => {
    expect(clean("Acme\nCorp")).toEqual({ ok: true, name: "Acme Corp" });
    expect(clean("Acme\u0000Corp\u2028")).toEqual({ ok: true, name: "Acme Corp" });
  });

  it("keeps invisible characters inside a name, and an emoji's own selector and joiners at its end", () => {
    expect(clean("می\u200Cخواهم")).toEqual({ ok: true, name: "می\u200Cخواهم" });
    expect(clean("Team \u2764\uFE0F")).toEqual({ ok: true, name: "Team \u2764\uFE0F" });
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}";
    expect(clean(`${family}\u200B`)).toEqual({ ok: true, name: family });
  });

  it("gives one Unicode form (NFC)", () => {
    expect(clean("Cafe\u0301")).toEqual({ ok: true, name: "Caf\u00E9" });
  });

  it("leaves an ordinary name as it is", () => {
    expect(clean("Équipo Médico Andaluz")).toEqual({ ok: true, name: "Équipo Médico Andaluz" });
    expect(clean("  Hooli  ")).toEqual({ ok: true, name: "Hooli" });
    expect(clean("株式会社")).toEqual({ ok: true, name: "株式会社" });
  });
});

describe("a name typed far longer than its maximum", () => {
  it("is refused before any cleaning, whatever it holds", () => {
    expect(clean("a".repeat(RAW_LENGTH_FACTOR * MAX + 1))).toEqual({ ok: false, problem: "tooLong" });
    expect(clean("\u200B".repeat(1_000_000))).toEqual({ ok: false, problem: "tooLong" });
  });

  it("is cleaned up to the bound: spaces and marks around a full-length name are room enough", () => {
    const padded = `${" ".repeat(MAX)}${"a".repeat(MAX)}${"\u200B".repeat(MAX)}`;
    expect(clean(padded)).toEqual({ ok: true, name: "a".repeat(MAX) });
  });
});
