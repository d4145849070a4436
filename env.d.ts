/// <reference types="vite/client" />

declare module "react-router" {
  /** What server.js passes to every loader and action (getLoadContext). */
  interface AppLoadContext {
    /**
     * The client's address: the socket's, or X-Forwarded-For's with
     * TRUST_PROXY=1. Absent when a route is called without the server (tests).
     */
    clientAddress?: string | null;
  }
}

export {};
