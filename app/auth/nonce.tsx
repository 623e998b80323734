import { createContext, useContext } from "react";

/**
 * The per-response nonce of the Content-Security-Policy (set by app/entry.server.tsx): Remix's
 * inline scripts carry it so that a CSP without 'unsafe-inline' still runs them. In the browser the
 * context is empty: browsers hide nonce attributes after parsing, and hydration ignores them.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
