import type { MessageKey } from "~/i18n/messages";

/**
 * The column names a data table writes before each cell on a narrow screen
 * (below 64rem each row is a block of labelled lines: app/tailwind.css,
 * `.data-table`). For each table's class, the catalogue keys of its columns
 * after the row header, in order: the n-th cell after a row's `<th>` is
 * named by the n-th key, whatever comes before the `<th>` (the customers
 * table's checkbox).
 *
 * The names are written once per language into the stylesheet
 * (`cellLabelRules`, called by tailwind.config.ts) as custom properties of
 * the table, `--cell-1` to `--cell-N`, which the layout's rules put before
 * the cells: not as an attribute on every cell, which cost a 50-row page
 * 9 KB (docs/decisions/0019-tables-without-per-cell-markup.md). A table's
 * column headers say the same words: phones.spec.ts compares them.
 */
export const CELL_LABELS = {
  "customer-table": [
    "customers.col.billing",
    "customers.col.managed",
    "customers.col.groups",
    "customers.col.licenses",
    "customers.col.nextEnd",
    "customers.col.assistance",
    "customers.col.actions",
  ],
  "license-table": [
    "license.col.category",
    "license.col.type",
    "license.col.quantity",
    "license.col.usage",
    "license.col.starts",
    "license.col.ends",
    "license.col.status",
  ],
  "activity-table": ["activity.col.who", "activity.col.what", "activity.col.customer", "activity.col.before", "activity.col.after"],
  "group-table": ["groups.col.customers", "groups.col.actions"],
  "user-table": ["team.col.email", "team.col.role", "team.col.access", "team.col.status", "team.col.secondFactor", "team.col.lastSignIn"],
} as const satisfies Record<string, readonly MessageKey[]>;

export type LabelledTable = keyof typeof CELL_LABELS;

type CssRules = Record<string, Record<string, string | Record<string, string>>>;

/**
 * The stylesheet's rules for `CELL_LABELS`, as Tailwind's CSS-in-JS:
 * - for each language and table, `:lang(es) .customer-table { --cell-1: "Tipo de facturación"; … }`;
 * - below 64rem, the n-th cell after the row header shows `--cell-n` and ": "
 *   before its content, as words for the eye only (`/ ""`, where the browser
 *   knows it): a screen reader reads the column header instead.
 */
export function cellLabelRules(catalog: Record<string, Record<MessageKey, string>>): CssRules {
  const rules: CssRules = {};
  for (const [locale, messages] of Object.entries(catalog)) {
    for (const [table, keys] of Object.entries(CELL_LABELS)) {
      rules[`:lang(${locale}) .${table}`] = Object.fromEntries(
        keys.map((key, index) => [`--cell-${index + 1}`, cssString(messages[key])]),
      );
    }
  }
  const columns = Math.max(...Object.values(CELL_LABELS).map((keys) => keys.length));
  const cell = (n: number) => `.data-table > tbody > tr > th${" + td".repeat(n)}::before`;
  const forEye: Record<string, Record<string, string>> = {};
  const forEyeOnly: Record<string, Record<string, string>> = {};
  for (let n = 1; n <= columns; n++) {
    forEye[cell(n)] = { content: `var(--cell-${n}) ": "` };
    forEyeOnly[cell(n)] = { content: `var(--cell-${n}) ": " / ""` };
  }
  rules["@media (max-width: 63.98rem)"] = { ...forEye, '@supports (content: "" / "")': forEyeOnly } as never;
  return rules;
}

/** A CSS string: quotes and backslashes escaped, anything beyond ASCII as a code point. */
export function cssString(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${code.toString(16).padStart(6, "0")}`;
    else out += char;
  }
  return `"${out}"`;
}
