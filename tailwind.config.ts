import type { Config } from "tailwindcss";
import plugin from "tailwindcss/plugin";
import { catalog } from "./app/i18n/messages";
import { cellLabelRules } from "./app/components/ui/cell-labels";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {},
  },
  plugins: [
    // Each data table's column names for the narrow layout, per language, from the catalogue.
    plugin(({ addComponents }) => addComponents(cellLabelRules(catalog))),
  ],
} satisfies Config;
