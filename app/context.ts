// What the HTTP server hands every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server sees it (behind a proxy: per TRUST_PROXY). */
    clientIp: string;
    /**
     * The request may set the time with the test clock cookie. Only the end-to-end runner turns
     * this on, by passing `testClock` to startHttpServer in code: no environment variable does.
     */
    testClock?: boolean;
  }
}

export {};
