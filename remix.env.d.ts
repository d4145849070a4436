/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}

declare module "@remix-run/server-runtime" {
  /** What server.js passes to every loader and action (getLoadContext). */
  interface AppLoadContext {
    /**
     * The client's address: the socket's, or X-Forwarded-For's with
     * TRUST_PROXY=1. Absent when a route is called without the server (tests).
     */
    clientAddress?: string | null;
    /**
     * True when the request asks for a document, false for the data requests
     * of client-side navigations (`.data`). Absent outside server.js.
     */
    documentRequest?: boolean;
  }
}
