// ESLint 9 flat config: `npm run lint` (eslint --max-warnings 0 .), part of `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

/**
 * The floors of the house (docs/decisions/0011-floors-of-the-house.md), top
 * to bottom: routes → components / services → models → domain, schemas,
 * app/db.server.ts → db/ → utils, i18n, lib/. An import never runs upward,
 * a component imports no `.server` module (not even a type), and db/ imports
 * nothing from app/. ESLint's own no-restricted-imports, one entry a floor:
 * each names, as a pattern of the import's path (`~/x`, `../x` or `./x`),
 * the folders above it.
 */
const upward = (folders) => `^(~/|(\\.\\./)+|\\./)(${folders.join("|")})(/|$)`;
const floor = (files, rules) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: rules.map(([regex, message]) => ({ regex, message })) },
    ],
  },
});
const FLOOR_MESSAGE = "imports only run downward (docs/decisions/0011-floors-of-the-house.md)";
const floors = [
  floor(["app/components/**"], [
    [upward(["routes", "services", "models"]), `A component: ${FLOOR_MESSAGE}.`],
    ["\\.server(\\.[jt]sx?)?$", "A component imports no .server module, not even a type (decision 0011)."],
  ]),
  floor(["app/services/**"], [[upward(["routes", "components"]), `A service: ${FLOOR_MESSAGE}.`]]),
  floor(["app/models/**"], [[upward(["routes", "components", "services"]), `A model: ${FLOOR_MESSAGE}.`]]),
  floor(["app/domain/**", "app/schemas/**"], [
    [upward(["routes", "components", "services", "models"]), `Domain rules and schemas: ${FLOOR_MESSAGE}.`],
    ["(^|/)db\\.server$|^(\\.\\./)+db/", "Domain rules and schemas are pure: no database (decision 0011)."],
  ]),
  floor(["app/utils/**", "app/i18n/**"], [
    [upward(["routes", "components", "services", "models", "domain", "schemas"]), `utils and i18n: ${FLOOR_MESSAGE}.`],
    ["(^|/)db\\.server$", `utils and i18n: ${FLOOR_MESSAGE}.`],
  ]),
  floor(["db/**"], [["^~/|^(\\.\\./)+app/", "db/ imports nothing from app/ (decision 0011)."]]),
  floor(["lib/**"], [["^~/|^(\\.\\./)+(app|db)/", "lib/ is the bottom floor: it imports nothing from app/ or db/ (decision 0011)."]]),
];

export default tseslint.config(
  {
    ignores: [
      "build/",
      "node_modules/",
      // React Router's generated route types (react-router typegen).
      ".react-router/",
      ".cache/",
      "tests/.tmp/",
      "bench/.tmp/",
      "coverage/",
      "playwright-report/",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: {
      // The app strips control characters from input on purpose (search,
      // redirect targets): that is what this rule flags, so it is off.
      "no-control-regex": "off",
      // `_name` marks a value left unused on purpose (e.g. a field taken out of an object).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    plugins: {
      react,
      "react-hooks": reactHooks,
      "jsx-a11y": jsxA11y,
    },
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser, ...globals.node },
    },
    settings: {
      react: { version: "detect" },
      // React Router's Link and NavLink render <a>: check them as anchors.
      "jsx-a11y": { components: { Link: "a", NavLink: "a" } },
    },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // TypeScript checks props.
      "react/prop-types": "off",
      // React Router's <Link to> renders <a href>: `to` is its href.
      "jsx-a11y/anchor-is-valid": ["error", { components: ["Link", "NavLink"], specialLink: ["to"] }],
      // A scrollable table region must take keyboard focus to be scrolled
      // without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
      // A data table laid out with `display: block` on narrow screens states its
      // roles (role="cell" on <td>, its own role in a table) so that screen
      // readers keep the table (app/tailwind.css, .data-table). The rule reads
      // <td> as a grid's interactive cell; the recommended options, plus that.
      "jsx-a11y/no-interactive-element-to-noninteractive-role": ["error", { tr: ["none", "presentation"], canvas: ["img"], td: ["cell"] }],
    },
  },
  ...floors,
);
