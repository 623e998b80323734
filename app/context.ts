// What the HTTP server hands every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server sees it (behind a proxy: per TRUST_PROXY). */
    clientIp: string;
  }
}

export {};
