/**
 * Every page and action of the app, from the app's own route table
 * (app/routes.ts: React Router's flat-routes convention over app/routes), so
 * a new route file is fuzzed without anyone adding it here.
 */
import fs from "node:fs";
import path from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { APP_DIR, routeConfig } from "../../support/routes";

export type AppRoute = {
  /** The route id, e.g. "routes/customers.$customerId.name". */
  id: string;
  /** The URL pattern, e.g. "/customers/:customerId/name" ("/*" for the splat). */
  pattern: string;
  /** The names of its dynamic segments, e.g. ["customerId"]. */
  params: string[];
  hasAction: boolean;
  hasLoader: boolean;
};

type Entry = { entry: RouteConfigEntry; segments: string[] };

/** Every route of the table with the path segments down to it, parents first. */
function flatten(entries: RouteConfigEntry[], parentSegments: string[]): Entry[] {
  return entries.flatMap((entry) => {
    const segments = entry.path ? [...parentSegments, entry.path] : parentSegments;
    return [{ entry, segments }, ...flatten(entry.children ?? [], segments)];
  });
}

export async function appRoutes(): Promise<AppRoute[]> {
  return flatten(await routeConfig(), [])
    .map(({ entry, segments }) => {
      const source = fs.readFileSync(path.join(APP_DIR, entry.file), "utf8");
      const pattern = `/${segments.join("/")}`.replace(/\/+/g, "/");
      return {
        id: entry.id!,
        pattern,
        params: [...pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!),
        hasAction: /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source),
        hasLoader: /export\s+(async\s+)?function\s+loader\b|export\s+const\s+loader\b/.test(source),
      };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Fills a pattern's params (and the splat) with the values given, as they are (no encoding). */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? "1").replace(/\*$/, values["*"] ?? "nothing-here");
}
