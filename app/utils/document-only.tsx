import { createContext, useContext } from "react";

/**
 * Data a page's document is rendered from on the server but that its
 * hydration data does not carry a second time (document-only.server.ts).
 * entry.server.tsx provides what the loaders kept for this request; in the
 * browser the map is empty, and a component rendering such data keeps the
 * server's markup instead (see the Customers list's rows).
 */
export const DocumentOnlyContext = createContext<ReadonlyMap<string, unknown>>(new Map());

/** The keys of what loaders keep out of the hydration data, one per use, so no two pages share one. */
export const DOCUMENT_ONLY = {
  /** The Customers list's rows (app/services/customer-list-page.server.ts). */
  customerRows: "customers.rows",
  /** What each of those rows offers. */
  customerOffers: "customers.offers",
} as const;

/** What a loader kept out of the hydration data under `key`, while the server renders the document. */
export function useDocumentOnly<T>(key: string): T | undefined {
  return useContext(DocumentOnlyContext).get(key) as T | undefined;
}
