import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce (entry.server.tsx), for the scripts React Router
 * renders. In the browser it is empty: scripts added later need none.
 */
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export function useNonce(): string {
  return useContext(NonceContext);
}
