import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the server remembers for one HTTP request only. Remix gives every
 * loader of a request its own copy of the Request object, so a memo keyed by
 * the Request would never be shared between the root loader and the page's;
 * server.js therefore runs each request inside `runInRequestScope`, and code
 * that wants to do a thing once per request (session.server.ts: read the
 * session) keeps its result here. Outside a scope (a test calling one
 * loader, `remix dev`) there is no memory: every call does the work itself.
 */
type RequestScope = Map<string, unknown>;

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `handle` (one request's handling) with a fresh, empty scope. */
export function runInRequestScope<T>(handle: () => T): T {
  return storage.run(new Map(), handle);
}

/** The current request's scope, or undefined outside one. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
