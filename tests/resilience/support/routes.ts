/**
 * Every page and action of the app, from the route files themselves (Remix's
 * own flat-routes convention, with remix.config.js's ignoredRouteFiles), so
 * a new route file is fuzzed without anyone adding it here.
 */
import fs from "node:fs";
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { REPO_ROOT } from "../../support/paths";

const APP_DIR = path.join(REPO_ROOT, "app");

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

type ManifestEntry = { id: string; file: string; path?: string; index?: boolean; parentId?: string };

export function appRoutes(): AppRoute[] {
  const manifest = flatRoutes(APP_DIR, ["**/.*", "**/*.test.*"]) as Record<string, ManifestEntry>;
  const fullPath = (entry: ManifestEntry | undefined): string[] => {
    if (!entry) return [];
    const own = entry.path ? [entry.path] : [];
    return [...fullPath(entry.parentId ? manifest[entry.parentId] : undefined), ...own];
  };
  return Object.values(manifest)
    .map((entry) => {
      const source = fs.readFileSync(path.join(APP_DIR, entry.file), "utf8");
      const pattern = `/${fullPath(entry).join("/")}`.replace(/\/+/g, "/");
      return {
        id: entry.id,
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
