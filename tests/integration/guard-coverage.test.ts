/**
 * STYLE.md §3: every loader and every action starts with the one guard. This
 * reads the source of every route module (and root.tsx) and fails, naming the
 * file, when a loader or action's first statement does not await one of the
 * guards of app/services/authz.server.ts, or when a route gets its loader or
 * action some other way (a re-export, a variable holding another function).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { APP_DIR, ROUTES_DIR } from "../support/routes";

const GUARDS = ["requirePartnerUser", "requireCentralAdmin", "allowAnyone", "requireAccountHolder"] as const;
const GUARD_MODULE = "~/services/authz.server";
const SERVER_EXPORTS = ["loader", "action"] as const;

/**
 * Route modules allowed to skip the guard, with the reason (a public
 * exception must be written down here and in a decision record). Empty: even
 * public pages call allowAnyone, which refuses cross-site POSTs.
 */
const PUBLIC_EXCEPTIONS: Readonly<Record<string, string>> = {};

function routeFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|jsx?|mjs)$/.test(entry.name)) files.push(full);
    }
  };
  walk(ROUTES_DIR);
  return [path.join(APP_DIR, "root.tsx"), ...files.sort()];
}

const relative = (file: string) => path.relative(path.dirname(APP_DIR), file);

type Finding = { name: string; problem: string | null };

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The guard names this file imports from the authz module (under their local names). */
function importedGuards(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    if (!ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== GUARD_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause?.isTypeOnly) continue;
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if ((GUARDS as readonly string[]).includes(imported) && !element.isTypeOnly) names.add(element.name.text);
    }
  }
  return names;
}

/** Whether an expression is `await guard(request, ...)` with a guard imported from authz. */
function isAwaitedGuardCall(expression: ts.Expression | undefined, guards: Set<string>): boolean {
  if (!expression) return false;
  let inner: ts.Expression = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (!ts.isAwaitExpression(inner)) return false;
  let call: ts.Expression = inner.expression;
  while (ts.isParenthesizedExpression(call)) call = call.expression;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && guards.has(call.expression.text);
}

function firstStatementGuards(body: ts.ConciseBody | undefined, guards: Set<string>): string | null {
  if (!body) return "has no body";
  if (!ts.isBlock(body)) {
    return isAwaitedGuardCall(body, guards) ? null : "is an arrow function whose body does not await the guard";
  }
  const first = body.statements[0];
  if (!first) return "has an empty body";
  if (ts.isExpressionStatement(first) && isAwaitedGuardCall(first.expression, guards)) return null;
  if (ts.isVariableStatement(first)) {
    const declarations = first.declarationList.declarations;
    if (declarations.length === 1 && isAwaitedGuardCall(declarations[0]!.initializer, guards)) return null;
  }
  if (ts.isReturnStatement(first) && isAwaitedGuardCall(first.expression, guards)) return null;
  return `does not start with \`await ${GUARDS.join("(...)` / `await ")}(...)\` (first statement: \`${first
    .getText()
    .split("\n")[0]!
    .slice(0, 80)}\`)`;
}

/** Every loader and action a module exports, and what is wrong with each (null when guarded). */
function inspect(file: string): Finding[] {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const guards = importedGuards(source);
  const findings: Finding[] = [];
  const functionNamed = new Map<string, ts.FunctionDeclaration>();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functionNamed.set(statement.name.text, statement);
  }

  for (const statement of source.statements) {
    // export async function loader(...) { ... }
    if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement) && statement.name) {
      const name = statement.name.text;
      if ((SERVER_EXPORTS as readonly string[]).includes(name)) {
        findings.push({ name, problem: firstStatementGuards(statement.body, guards) });
      }
    }
    // export const loader = async (...) => { ... }
    if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) {
          findings.push({ name: "(destructured export)", problem: "exports through a destructuring pattern" });
          continue;
        }
        const name = declaration.name.text;
        if (!(SERVER_EXPORTS as readonly string[]).includes(name)) continue;
        let init = declaration.initializer;
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) {
          init = init.expression;
        }
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          findings.push({ name, problem: firstStatementGuards(init.body, guards) });
        } else {
          findings.push({ name, problem: "is not a function written here (a value from elsewhere bypasses the check)" });
        }
      }
    }
    // export { loader } / export { x as loader } / export { loader } from "..." / export * from "..."
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause) {
        findings.push({ name: "*", problem: "re-exports everything from another module (`export *`)" });
        continue;
      }
      if (ts.isNamespaceExport(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        const name = element.name.text;
        if (!(SERVER_EXPORTS as readonly string[]).includes(name) || element.isTypeOnly) continue;
        if (statement.moduleSpecifier) {
          findings.push({ name, problem: "is re-exported from another module" });
          continue;
        }
        const local = functionNamed.get((element.propertyName ?? element.name).text);
        findings.push({
          name,
          problem: local
            ? firstStatementGuards(local.body, guards)
            : "is exported from a local name that is not a function declared in this file",
        });
      }
    }
    // export default { loader } and the like have no meaning for React Router, but CommonJS does.
    if (ts.isExpressionStatement(statement) && statement.getText().match(/module\.exports|exports\.(loader|action)/)) {
      findings.push({ name: "module.exports", problem: "assigns exports by hand" });
    }
  }
  return findings;
}

describe("every loader and action starts with the one guard", () => {
  const files = routeFiles();

  it("finds the route modules", () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.map(relative)).toContain("app/routes/customers.tsx");
  });

  it("lists no public exception that is not a route module", () => {
    for (const file of Object.keys(PUBLIC_EXCEPTIONS)) {
      expect(files.map(relative), `PUBLIC_EXCEPTIONS names ${file}`).toContain(file);
    }
  });

  it.each(files.map((file) => [relative(file), file] as const))("%s guards its loader and action", (name, file) => {
    if (name in PUBLIC_EXCEPTIONS) return;
    const problems = inspect(file)
      .filter((finding) => finding.problem !== null)
      .map((finding) => `${name}: ${finding.name} ${finding.problem}`);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("a loader or action that forgets the guard is caught", () => {
    // The checker itself, on sources that must fail, so a broken checker cannot pass silently.
    const bad = [
      `import { requirePartnerUser } from "~/services/authz.server";
       export async function loader({ request }) { const x = 1; await requirePartnerUser(request); }`,
      `import { requirePartnerUser } from "~/services/authz.server";
       export async function action({ request }) { requirePartnerUser(request); }`,
      `export async function loader({ request }) { await requirePartnerUser(request); }`,
      `import { requirePartnerUser } from "./fake";
       export async function loader({ request }) { await requirePartnerUser(request); }`,
      `export { loader } from "./other";`,
      `import { handler } from "./other"; export const action = handler;`,
      `export * from "./other";`,
      `import { allowAnyone } from "~/services/authz.server";
       const loader = async ({ request }) => { return null; }; export { loader };`,
      `import { allowAnyone } from "~/services/authz.server";
       export const loader = async ({ request }) => { if (1) await allowAnyone(request); };`,
    ];
    const good = [
      `import { requirePartnerUser } from "~/services/authz.server";
       export async function loader({ request }) { const { scope } = await requirePartnerUser(request, { can: "customers.view" }); return scope; }`,
      `import { allowAnyone } from "~/services/authz.server";
       export const action = async ({ request }) => { await allowAnyone(request); return null; };`,
    ];
    const dir = fs.mkdtempSync(path.join(path.dirname(APP_DIR), "tests/.tmp/guard-"));
    try {
      bad.forEach((source, i) => {
        const file = path.join(dir, `bad-${i}.tsx`);
        fs.writeFileSync(file, source);
        const findings = inspect(file);
        expect(findings.length, source).toBeGreaterThan(0);
        expect(findings.some((f) => f.problem !== null), source).toBe(true);
      });
      good.forEach((source, i) => {
        const file = path.join(dir, `good-${i}.tsx`);
        fs.writeFileSync(file, source);
        expect(inspect(file).map((f) => f.problem), source).toEqual([null]);
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
