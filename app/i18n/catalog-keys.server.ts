import fs from "node:fs";
import path from "node:path";
import type { MessageKey } from "./messages";

/**
 * Which messages a page's scripts can ask for: every catalogue key named in
 * the built JavaScript of a route (its module and the chunks it imports, as
 * the build's manifest lists them). The browser then loads those messages
 * only, not the whole catalogue (docs/performance.md, "JavaScript").
 *
 * A key counts as named when the code holds it whole ("customers.title"),
 * as the base of a plural ("customers.count" for ".one"/".other"), or as the
 * prefix of a key built at run time (`billing.${type}`, "error." + status):
 * generous on purpose, since a key too many costs a few bytes and a key
 * missing costs a second request (translate.ts loads the whole catalogue
 * then, and renders nothing wrong meanwhile).
 */
export function keysNamedIn(code: string, keys: readonly string[]): Set<MessageKey> {
  const known = new Set(keys);
  const found = new Set<MessageKey>();
  for (const [token] of code.matchAll(/[A-Za-z_][\w-]*(?:\.[\w-]+)*\.?/g)) {
    if (token.endsWith(".")) {
      for (const key of keys) if (key.startsWith(token)) found.add(key as MessageKey);
      continue;
    }
    for (const candidate of [token, `${token}.one`, `${token}.other`]) {
      if (known.has(candidate)) found.add(candidate as MessageKey);
    }
  }
  return found;
}

type AssetsManifest = {
  version: string;
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

/** The browser's files: <BUILD_DIR>/build/client, served at / (server.js; scripts under /assets/). */
const clientDir = () => path.resolve(process.env.BUILD_DIR || ".", "build/client");
const PUBLIC_PATH = "/";

/** Builds this server has (one, as a rule): unknown versions are not remembered, the address being anyone's. */
const manifests = new Map<string, AssetsManifest>();

/** The build's manifest for a version, or null when this server does not have that build. */
function manifestFor(version: string): AssetsManifest | null {
  if (!/^[\w-]{1,40}$/.test(version)) return null;
  let manifest = manifests.get(version);
  if (!manifest) {
    try {
      // React Router writes it as assets/manifest-<version>.js ("window.__reactRouterManifest={...};").
      const source = fs.readFileSync(path.join(clientDir(), "assets", `manifest-${version}.js`), "utf8");
      manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as AssetsManifest;
    } catch {
      return null;
    }
    manifests.set(version, manifest);
  }
  return manifest;
}

function codeOf(files: readonly string[]): string {
  return files
    .filter((file) => file.startsWith(PUBLIC_PATH))
    .map((file) => fs.readFileSync(path.join(clientDir(), file.slice(PUBLIC_PATH.length)), "utf8"))
    .join("\n");
}

const selections = new Map<string, Set<MessageKey>>();

/**
 * The keys a page needs for its root (`routeId` null: the client's entry and
 * the root route), or the ones a route adds to those; null when this server
 * does not have that build or route (the caller then serves every message).
 */
export function catalogKeys(version: string, routeId: string | null, keys: readonly string[]): Set<MessageKey> | null {
  const cacheKey = `${version}\n${routeId ?? ""}`;
  const cached = selections.get(cacheKey);
  if (cached) return cached;
  let selection: Set<MessageKey> | null = null;
  const manifest = manifestFor(version);
  const root = manifest?.routes.root;
  if (manifest && root) {
    const rootKeys = keysNamedIn(
      codeOf([manifest.entry.module, ...(manifest.entry.imports ?? []), root.module, ...(root.imports ?? [])]),
      keys,
    );
    if (routeId === null) selection = rootKeys;
    else if (routeId !== "root" && Object.hasOwn(manifest.routes, routeId)) {
      const route = manifest.routes[routeId]!;
      const routeKeys = keysNamedIn(codeOf([route.module, ...(route.imports ?? [])]), keys);
      selection = new Set([...routeKeys].filter((key) => !rootKeys.has(key)));
    }
  }
  // Only what exists is remembered: the build's routes, a bounded set.
  if (selection) selections.set(cacheKey, selection);
  return selection;
}
