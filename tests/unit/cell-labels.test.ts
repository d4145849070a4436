/**
 * The column names the narrow layout writes before each cell come from the
 * page itself (each cell's `data-label`, app/tailwind.css), not from the
 * stylesheet's build: tailwind.config.ts reads nothing of the app's, and the
 * built stylesheet names no column in any language.
 */
import fs from "node:fs";
import path from "node:path";
import postcss from "postcss";
import tailwind from "tailwindcss";
import { describe, expect, it } from "vitest";
import { catalog } from "~/i18n/messages";
import config from "../../tailwind.config";

const root = path.resolve(import.meta.dirname, "../..");

describe("the narrow layout's column names", () => {
  it("tailwind.config.ts imports nothing from app/", () => {
    const source = fs.readFileSync(path.join(root, "tailwind.config.ts"), "utf8");
    expect(source).not.toMatch(/from\s+["'][^"']*app\//);
    expect(source).not.toMatch(/from\s+["']~\//);
  });

  it("are written before each cell from its data-label, below 64rem, for the eye only where the browser can", async () => {
    const source = fs.readFileSync(path.join(root, "app/tailwind.css"), "utf8");
    const css = (await postcss([tailwind(config)]).process(source, { from: path.join(root, "app/tailwind.css") })).css;
    const narrow = /@media \(max-width: 63\.98rem\)\s*\{([\s\S]*?)\n\}/.exec(css)?.[1] ?? "";
    expect(narrow).toMatch(
      /\.data-table > tbody > tr > th ~ td\[data-label\]::before\s*\{[^}]*content: attr\(data-label\) ": ";\s*content: attr\(data-label\) ": " \/ "";/,
    );
    // No column's name is in the stylesheet, in either language.
    for (const messages of Object.values(catalog)) {
      // Every column name in the catalogue ("….col.…").
      for (const [key, text] of Object.entries(messages)) {
        if (key.includes(".col.")) expect(css, key).not.toContain(`"${text}"`);
      }
    }
    expect(css).not.toContain("--cell-");
    // Tailwind reads every file of app/ for the classes it uses: seconds on a busy machine.
  }, 30_000);
});
