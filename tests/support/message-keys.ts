/**
 * Which catalogue keys a module's code can ask for, read from the source of
 * the module and of everything it imports in app/ (not `.server` modules,
 * which never reach the browser, nor the catalogue itself). For the test
 * that each route's `handle.messages` covers the messages its page needs
 * (message-catalogues.test.ts): the app itself never reads code to find
 * its messages.
 *
 * A key counts as named when the code holds it whole ("customers.title"), as
 * the base of a plural ("customers.count" for ".one"/".other"), or as the
 * prefix of a key built at run time (`billing.${type}`, "error." + status).
 */
import fs from "node:fs";
import path from "node:path";
import { APP_DIR } from "./routes";

export function keysNamedIn(code: string, keys: readonly string[]): Set<string> {
  const known = new Set(keys);
  const found = new Set<string>();
  // Only what the code says in strings: not comments, not identifiers.
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\/|(?<![:"'`\\])\/\/[^\n]*/g, "");
  const strings = [...withoutComments.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? "",
  );
  for (const [token] of strings.join("\n").matchAll(/^[A-Za-z_][\w-]*(?:\.[\w-]+)*\.?|(?<=\n)[A-Za-z_][\w-]*(?:\.[\w-]+)*\.?/g)) {
    if (token.endsWith(".")) {
      for (const key of keys) if (key.startsWith(token)) found.add(key);
      continue;
    }
    for (const candidate of [token, `${token}.one`, `${token}.other`]) {
      if (known.has(candidate)) found.add(candidate);
    }
  }
  return found;
}

const CATALOGUE_DIR = path.join(APP_DIR, "i18n/messages");

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(APP_DIR, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The source of a file and of every app module it imports (values, not types), transitively. */
export function browserSourceOf(file: string): string {
  const seen = new Set<string>();
  const queue = [file];
  const sources: string[] = [];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const source = fs.readFileSync(current, "utf8");
    sources.push(source);
    for (const [, typeOnly, specifier] of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']/gm)) {
      if (typeOnly) continue;
      const resolved = resolveImport(current, specifier!);
      if (!resolved || resolved.includes(".server.") || resolved.startsWith(CATALOGUE_DIR) || !resolved.startsWith(APP_DIR)) continue;
      queue.push(resolved);
    }
  }
  return sources.join("\n");
}
