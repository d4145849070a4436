import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the server remembers for one HTTP request only. React Router gives every
 * loader of a request its own copy of the Request object, so a memo keyed by
 * the Request would never be shared between the root loader and the page's;
 * server.js therefore runs each request inside `runInRequestScope`, and code
 * that wants to do a thing once per request (session.server.ts: read the
 * session) keeps its result here. Outside a scope (a test calling one
 * loader, `react-router dev`) there is no memory: every call does the work itself.
 */
type RequestScope = Map<string, unknown>;

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `handle` (one request's handling) with a fresh, empty scope. `forget`
 * empties it: server.js calls it when the response is done, because a scope
 * outlives its request (Node keeps it on every async resource created in it,
 * until they are collected), and what it holds with it. Left to the
 * collector, the rows a list page kept there made a worker's heap grow from
 * about 130 to 330 MB under load (docs/performance.md).
 */
export function runInRequestScope<T>(handle: (forget: () => void) => T): T {
  const scope: RequestScope = new Map();
  return storage.run(scope, () => handle(() => scope.clear()));
}

/** The current request's scope, or undefined outside one. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
