/**
 * The column names the narrow layout writes before each cell
 * (app/components/ui/cell-labels.ts): every table in every language, from the
 * catalogue, as CSS strings any text survives.
 */
import postcss from "postcss";
import tailwind from "tailwindcss";
import { describe, expect, it } from "vitest";
import { CELL_LABELS, cellLabelRules, cssString } from "~/components/ui/cell-labels";
import { catalog } from "~/i18n/messages";
import { LOCALES } from "~/i18n/locales";
import config from "../../tailwind.config";

describe("cssString", () => {
  it.each([
    ["Billing type", '"Billing type"'],
    ['Say "hi"', '"Say \\"hi\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ["Próximo fin", '"Pr\\0000f3ximo fin"'],
    ["line\nbreak", '"line\\00000abreak"'],
    ["😀", '"\\01f600"'],
  ])("%j is %s", (text, css) => {
    expect(cssString(text)).toBe(css);
  });
});

describe("cellLabelRules", () => {
  const rules = cellLabelRules(catalog);

  it("names each table's cells after the row header, in each language, in the catalogue's words", () => {
    for (const locale of LOCALES) {
      for (const [table, keys] of Object.entries(CELL_LABELS)) {
        const names = rules[`:lang(${locale}) .${table}`];
        expect(names, `${locale} ${table}`).toEqual(
          Object.fromEntries(keys.map((key, i) => [`--cell-${i + 1}`, cssString(catalog[locale][key])])),
        );
      }
    }
    expect(rules[":lang(es) .customer-table"]?.["--cell-1"]).toBe(cssString("Tipo de facturación"));
  });

  it("puts the n-th name before the n-th cell after the row header, below 64rem, for the eye only where the browser can", () => {
    const narrow = rules["@media (max-width: 63.98rem)"] as unknown as Record<string, Record<string, unknown>>;
    expect(narrow[".data-table > tbody > tr > th + td::before"]).toEqual({ content: 'var(--cell-1) ": "' });
    expect(narrow[".data-table > tbody > tr > th + td + td + td + td + td + td + td::before"]).toEqual({
      content: 'var(--cell-7) ": "',
    });
    const forEyeOnly = narrow['@supports (content: "" / "")'] as Record<string, unknown>;
    expect(forEyeOnly[".data-table > tbody > tr > th + td + td::before"]).toEqual({ content: 'var(--cell-2) ": " / ""' });
  });

  it("reaches the built stylesheet through tailwind.config.ts", async () => {
    const css = (await postcss([tailwind(config)]).process("@tailwind components;", { from: undefined })).css;
    expect(css).toContain(":lang(es) .customer-table");
    expect(css).toContain('--cell-1: "Tipo de facturaci\\0000f3n"');
    expect(css).toMatch(/@media \(max-width: 63\.98rem\)\s*\{\s*\.data-table > tbody > tr > th \+ td::before/);
  });
});
