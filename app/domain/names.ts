/**
 * The one rule for a name someone types (a customer's display name, a
 * group's name, a company's or a contact's name, and any later one): what is
 * kept of it, and when it is no name at all. Every Zod schema that takes a
 * name uses it through `nameField` (app/schemas/name-field.ts).
 *
 * A name must look like what it is. So:
 * - control characters and line or paragraph separators become spaces;
 * - bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) are
 *   removed wherever they are: they make a name show in another order than
 *   it is stored ("Acme\u202Emoc.evil" shows as "Acmelive.com");
 * - invisible and blank-looking characters at either end are trimmed, as
 *   spaces are, including those that cling to the last letter (a joiner or
 *   variation selector after "e" shows nothing), but not an emoji's own
 *   (the variation selector of "❤️", the tags of a flag);
 * - one Unicode form (NFC): "Café" typed two ways is one name;
 * - a name with nothing visible left is refused: zero-width characters,
 *   Hangul fillers, the Braille blank and the like would make an empty
 *   link or a name that looks blank.
 * Invisible characters inside a name are kept: joiners are part of writing
 * in several scripts (and of emoji).
 */

/** Bidirectional overrides and isolates: removed wherever they are. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

/** Control characters and line or paragraph separators: become spaces. */
const LINE_BREAKING = /[\p{Cc}\p{Zl}\p{Zp}]/gu;

/**
 * One character that shows nothing, or only blank space: white space,
 * Unicode's default-ignorable code points (zero-width spaces and joiners,
 * U+00AD, U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180E, U+200B-U+200F,
 * U+2060-U+2064, U+3164, U+FEFF, U+FFA0, variation selectors, tags, ...),
 * other invisible format characters (\p{Cf}), and blank-looking symbols that
 * are neither: U+2800 BRAILLE PATTERN BLANK, U+1D159 MUSICAL SYMBOL NULL
 * NOTEHEAD, U+3000 and the other spaces (\s).
 */
const INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}\p{Cf}\u2800\u{1D159}]$/u;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** A character as seen whose invisible parts are its own (an emoji's selectors, joiners, tags). */
const PICTOGRAPHIC = /^\p{Extended_Pictographic}/u;

/** Whether a character as seen (a grapheme) shows nothing but blank space. */
export function looksBlank(grapheme: string): boolean {
  return [...grapheme].every((char) => INVISIBLE.test(char));
}

export type CleanedName =
  | { ok: true; name: string }
  /**
   * "empty": nothing was typed (or only spaces); "invisible": only characters
   * that show nothing; "tooLong": far more was typed than a name of `max`
   * characters could be, even before cleaning.
   */
  | { ok: false; problem: "empty" | "invisible" | "tooLong" };

/**
 * How much longer than its maximum a typed name may be before it is refused
 * unread: room for the spaces, invisible marks and combining accents that
 * cleaning removes or joins, and no more. Segmenting text into characters as
 * seen costs more than linear time in its length (V8's Intl.Segmenter), so a
 * name is measured before it is cleaned, never after.
 */
export const RAW_LENGTH_FACTOR = 4;

/**
 * A typed name of at most `max` characters, cleaned as described above, or
 * why it is no name. Text longer than RAW_LENGTH_FACTOR × `max` UTF-16 units
 * is refused as "tooLong" before any cleaning. (Whether the cleaned name is
 * within `max` characters is the caller's check: nameField's.)
 */
export function cleanName(typed: string, max: number): CleanedName {
  if (typed.length > RAW_LENGTH_FACTOR * max) return { ok: false, problem: "tooLong" };
  const text = typed.replace(LINE_BREAKING, " ").replace(BIDI_CONTROLS, "").normalize("NFC");
  const parts = Array.from(graphemes.segment(text), (part) => part.segment);
  let start = 0;
  let end = parts.length;
  while (start < end && looksBlank(parts[start]!)) start += 1;
  while (end > start && looksBlank(parts[end - 1]!)) end -= 1;
  if (start === end) return { ok: false, problem: typed.trim() === "" ? "empty" : "invisible" };
  const kept = parts.slice(start, end);
  kept[kept.length - 1] = withoutTrailingInvisible(kept[kept.length - 1]!);
  return { ok: true, name: kept.join("") };
}

/** The last character as seen, without the invisible marks clinging to it (an emoji keeps its own). */
function withoutTrailingInvisible(grapheme: string): string {
  if (PICTOGRAPHIC.test(grapheme)) return grapheme;
  const chars = [...grapheme];
  // Something in it shows (looksBlank said so): only the marks after it go.
  while (chars.length > 1 && INVISIBLE.test(chars.at(-1)!)) chars.pop();
  return chars.join("");
}
