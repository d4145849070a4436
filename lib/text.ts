/** Lower-cased, without accents or other combining marks: "Équipo" → "equipo". */
export function foldText(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The name a customer is shown by: its display name, else its legal name. */
export function shownName(customer: { displayName: string; legalName: string }): string {
  return customer.displayName.trim() !== "" ? customer.displayName : customer.legalName;
}

/** The key "sort by name" orders by. */
export function customerSortName(customer: { displayName: string; legalName: string }): string {
  return foldText(shownName(customer));
}

/** The text search runs on: both names and the contact email, folded. */
export function customerSearchText(customer: {
  displayName: string;
  legalName: string;
  contactEmail: string;
}): string {
  return foldText([customer.displayName, customer.legalName, customer.contactEmail].join(" \u2022 "));
}

/**
 * The first `max` characters (code points) of a text, and whether it had
 * more. It reads no further than it needs, so a long text costs no more
 * than a short one.
 */
export function firstCharacters(text: string, max: number): { text: string; cut: boolean } {
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count === max) return { text: text.slice(0, end), cut: true };
    count += 1;
    end += char.length;
  }
  return { text, cut: false };
}

/** Control characters never mean anything in a search or a date. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * What someone typed into a search or a date field of an address: control
 * characters as spaces, trimmed, at most `max` characters, and whether it was
 * cut. Only the first 4 × `max` characters are read at all (room for spaces
 * around the text), so the work is bounded whatever arrives.
 */
export function typedText(raw: string | null, max: number): { text: string; cut: boolean } {
  const head = firstCharacters(raw ?? "", 4 * max);
  const cleaned = head.text.replace(CONTROL_CHARACTERS, " ").trim();
  const first = firstCharacters(cleaned, max);
  return { text: first.cut ? first.text.trim() : cleaned, cut: head.cut || first.cut };
}
