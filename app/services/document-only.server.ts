import type { AppLoadContext } from "react-router";
import { currentRequestScope } from "~/services/request-scope.server";

/**
 * Keeping the bulk of a page out of its hydration data
 * (docs/decisions/0018-rows-sent-once.md).
 *
 * A document carries its loaders' data twice: once as HTML, once as the
 * hydration data the browser's React starts from. For the Customers list's
 * 50 rows the second copy was 19 KB of the page's 90. A loader answering a
 * document request (server.js: `context.documentRequest`) can instead leave
 * a value here: the server renders the document from it
 * (`DocumentOnlyContext`, entry.server.tsx), the loader's data says null,
 * and the component keeps the server's markup as it is when it hydrates.
 * Client-side navigations and revalidations are data requests, which get
 * the value in the data as before.
 *
 * Outside server.js (a test calling a loader, `react-router dev`) there is no
 * request scope or no `documentRequest`: the value goes in the data.
 */
const KEY = "documentOnly";

export function keepOutOfHydration<T>(context: AppLoadContext | undefined, key: string, value: T): T | null {
  const scope = currentRequestScope();
  if (!context?.documentRequest || !scope) return value;
  let kept = scope.get(KEY) as Map<string, unknown> | undefined;
  if (!kept) {
    kept = new Map();
    scope.set(KEY, kept);
  }
  kept.set(key, value);
  return null;
}

/**
 * What this request's loaders kept out of the hydration data, for
 * entry.server.tsx to render the document with; taken out of the request's
 * scope, so that nothing holds the rows once the render is done (the scope
 * itself is emptied only when the response is, request-scope.server.ts).
 */
export function takeDocumentOnlyData(): ReadonlyMap<string, unknown> {
  const scope = currentRequestScope();
  const kept = scope?.get(KEY) as Map<string, unknown> | undefined;
  scope?.delete(KEY);
  return kept ?? new Map();
}
