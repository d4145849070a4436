/**
 * Calling route modules the way React Router does, without a server:
 *
 * - `callLoader` / `callAction` call one module's function with
 *   `{ request, params, context: {} }` and turn whatever comes out (a plain
 *   object, a `data()` result, a Response, a thrown Response or redirect) into
 *   one `Outcome` with a status.
 * - `loadPage` matches a URL against the app's real route tree (app/routes.ts,
 *   React Router's flat-routes convention, so new route files are picked up)
 *   and runs every matched loader, root first, as a document request would;
 *   `submitForm` runs the action of the deepest matched route.
 *
 * Loaders return plain objects or `data()` results (`{ type:
 * "DataWithResponseInit", data, init }`) and throw Responses.
 */
import fs from "node:fs";
import path from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { matchRoutes, type RouteObject } from "react-router";
import { REPO_ROOT } from "./paths";

export const APP_DIR = path.join(REPO_ROOT, "app");
export const ROUTES_DIR = path.join(APP_DIR, "routes");

type RouteArgs = { request: Request; params: Record<string, string | undefined>; context: object };
type RouteFunction = (args: RouteArgs) => unknown;
export type RouteModule = { loader?: RouteFunction; action?: RouteFunction };

/** What a loader or action produced, whether returned or thrown. */
export type Outcome = {
  status: number;
  headers: Headers;
  /** The Location of a redirect, else null. */
  location: string | null;
  /** The data of a plain or `data()` result; null for a Response. */
  data: unknown;
  /** The Response, when one was returned or thrown (its body unread). */
  response: Response | null;
  thrown: boolean;
  /** Anything thrown that was not a Response or `data()`: a 500 in React Router. */
  error?: unknown;
};

type DataWithResponseInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

export function isDataWithResponseInit(value: unknown): value is DataWithResponseInit {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

function toOutcome(value: unknown, thrown: boolean): Outcome {
  if (value instanceof Response) {
    return {
      status: value.status,
      headers: value.headers,
      location: value.headers.get("Location"),
      data: null,
      response: value,
      thrown,
    };
  }
  if (isDataWithResponseInit(value)) {
    const headers = new Headers(value.init?.headers);
    return {
      status: value.init?.status ?? 200,
      headers,
      location: headers.get("Location"),
      data: value.data,
      response: null,
      thrown,
    };
  }
  if (thrown) {
    return { status: 500, headers: new Headers(), location: null, data: null, response: null, thrown, error: value };
  }
  return { status: 200, headers: new Headers(), location: null, data: value ?? null, response: null, thrown };
}

/** Runs a loader or action and captures what it returned or threw. */
export async function capture(run: () => unknown): Promise<Outcome> {
  try {
    return toOutcome(await run(), false);
  } catch (thrown) {
    return toOutcome(thrown, true);
  }
}

export function callLoader(
  module: RouteModule,
  request: Request,
  params: Record<string, string> = {},
): Promise<Outcome> {
  if (!module.loader) throw new Error("This route module has no loader");
  const loader = module.loader;
  return capture(() => loader({ request, params, context: {} }));
}

export function callAction(
  module: RouteModule,
  request: Request,
  params: Record<string, string> = {},
): Promise<Outcome> {
  if (!module.action) throw new Error("This route module has no action");
  const action = module.action;
  return capture(() => action({ request, params, context: {} }));
}

/* The route tree: the app's own route table, app/routes.ts, as the build reads it. */

type ManifestEntry = { id: string; file: string; path?: string; index?: boolean; parentId?: string };
type Manifest = Record<string, ManifestEntry>;

/**
 * app/routes.ts's entries. Its `flatRoutes()` finds app/ the way React
 * Router's build tells it (@react-router/dev sets this global before it
 * evaluates routes.ts; `getAppDirectory` in @react-router/dev/routes reads it).
 */
export async function routeConfig(): Promise<RouteConfigEntry[]> {
  (globalThis as { __reactRouterAppDirectory?: string }).__reactRouterAppDirectory = APP_DIR;
  const { default: config } = (await import("../../app/routes")) as { default: RouteConfigEntry[] };
  return config;
}

function manifestOf(entries: RouteConfigEntry[], parentId: string, manifest: Manifest): Manifest {
  for (const entry of entries) {
    const id = entry.id ?? entry.file.replace(/\.[jt]sx?$/, "");
    manifest[id] = { id, file: entry.file, path: entry.path, index: entry.index, parentId };
    manifestOf(entry.children ?? [], id, manifest);
  }
  return manifest;
}

function routeTree(manifest: Manifest, parentId: string): RouteObject[] {
  return Object.values(manifest)
    .filter((entry) => entry.parentId === parentId)
    .map((entry) =>
      entry.index
        ? { id: entry.id, index: true as const, path: entry.path }
        : { id: entry.id, path: entry.path, children: routeTree(manifest, entry.id) },
    );
}

const manifest: Manifest = manifestOf(await routeConfig(), "root", { root: { id: "root", file: "root.tsx", path: "" } });
const tree: RouteObject[] = [{ id: "root", path: "", children: routeTree(manifest, "root") }];

function routes() {
  return { manifest, tree };
}

/** Route ids ("routes/customers") as React Router names them, for every file in app/routes. */
export function routeIds(): string[] {
  return Object.keys(routes().manifest);
}

/** Whether app/routes holds a module with this id ("routes/customers.$customerId.contact"). */
export function routeExists(id: string): boolean {
  return id in routes().manifest;
}

export async function importRoute(id: string): Promise<RouteModule> {
  const entry = routes().manifest[id];
  if (!entry) throw new Error(`No route module ${id} in app/routes`);
  const file = path.join(APP_DIR, entry.file);
  if (!fs.existsSync(file)) throw new Error(`Route file ${file} is missing`);
  return (await import(/* @vite-ignore */ file)) as RouteModule;
}

export type RouteMatch = { id: string; params: Record<string, string> };

/** The routes a URL path matches, root first; null when none does. */
export function matchPath(pathname: string): RouteMatch[] | null {
  const matches = matchRoutes(routes().tree, pathname);
  if (!matches) return null;
  return matches.map((match) => ({
    id: match.route.id!,
    params: Object.fromEntries(
      Object.entries(match.params).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  }));
}

/** A document request's result: every matched loader's outcome and the status React Router would send. */
export type PageOutcome = {
  status: number;
  /** The Location when a loader redirected. */
  location: string | null;
  /** The headers of the outcome that decided the status. */
  headers: Headers;
  /** Matched route ids, root first. */
  routes: string[];
  leaf: string;
  /** Each route's outcome, by route id. */
  outcomes: Record<string, Outcome>;
  /** Each route's data, by route id (only routes whose loader succeeded). */
  data: Record<string, unknown>;
};

/**
 * Runs every loader matched by the request's URL, as React Router does for a
 * document request: all of them (a parent's check protects nothing below
 * it), then the first redirect wins, else the topmost error sets the status.
 */
export async function loadPage(request: Request): Promise<PageOutcome> {
  const matches = matchPath(new URL(request.url).pathname);
  if (!matches) throw new Error(`No route matches ${request.url}`);
  const outcomes: Record<string, Outcome> = {};
  await Promise.all(
    matches.map(async (match) => {
      const module = await importRoute(match.id);
      if (module.loader) outcomes[match.id] = await callLoader(module, request.clone(), match.params);
    }),
  );
  const ordered = matches.flatMap((match) => (outcomes[match.id] ? [outcomes[match.id]!] : []));
  const redirected = ordered.find((o) => o.status >= 300 && o.status < 400);
  const failed = ordered.find((o) => o.status >= 400);
  const leafOutcome = ordered.at(-1);
  const decisive = redirected ?? failed ?? leafOutcome;
  const data: Record<string, unknown> = {};
  for (const [id, outcome] of Object.entries(outcomes)) if (outcome.status < 300) data[id] = outcome.data;
  return {
    status: decisive?.status ?? 200,
    location: redirected?.location ?? null,
    headers: decisive?.headers ?? new Headers(),
    routes: matches.map((m) => m.id),
    leaf: matches.at(-1)!.id,
    outcomes,
    data,
  };
}

/** A form POST to a URL: the action of the deepest matched route (405 when it has none). */
export async function submitForm(request: Request): Promise<Outcome & { route: string }> {
  const matches = matchPath(new URL(request.url).pathname);
  if (!matches) throw new Error(`No route matches ${request.url}`);
  const leaf = matches.at(-1)!;
  const module = await importRoute(leaf.id);
  if (!module.action) {
    return { ...toOutcome(new Response(null, { status: 405 }), true), route: leaf.id };
  }
  return { ...(await callAction(module, request, leaf.params)), route: leaf.id };
}
