import { randomBytes } from "node:crypto";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
// The web-streams renderer, not `renderToPipeableStream`: React 18.3's Node build copies text into
// 2 KB views with `TextEncoder.encodeInto`, which stops short of a multi-byte character that does
// not fit, and then flushes the whole view — zero bytes in place of the rest, so
// `value="核心要\0\0素"` (react#31134, fixed only in React 19). The web-streams build hands the
// encoder's actual output on; Node runs it natively.
import { renderToReadableStream } from "react-dom/server.browser";
import { NonceContext } from "~/auth/nonce";
import { contentSecurityPolicy } from "~/auth/security-headers";

// A stalled loader promise (deferred data) is given up after this, so a response always ends.
const ABORT_DELAY_MS = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), ABORT_DELAY_MS + 1_000);
  let status = responseStatusCode;
  let body: ReadableStream<Uint8Array> & { allReady: Promise<void> };
  try {
    body = await renderToReadableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        signal: controller.signal,
        onError(error: unknown) {
          status = 500;
          // Errors after the shell are logged here; a shell error rejects the render below.
          if (!controller.signal.aborted) console.error(error);
        },
      },
    );
  } catch (error) {
    clearTimeout(timeout);
    throw error;
  }
  body.allReady.then(
    () => clearTimeout(timeout),
    () => clearTimeout(timeout),
  );
  // Crawlers and SPA mode get the whole document at once (no out-of-order streaming).
  if (isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode) await body.allReady;

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Not under Vite's dev server, whose hot-reload client is an inline script without the nonce.
  if (process.env.NODE_ENV !== "development")
    responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  return new Response(body, { headers: responseHeaders, status });
}

/**
 * Errors worth an operator's attention. Remix's own answers to requests no page takes (a POST to a
 * page without an action: 405, an unknown path: 404) are the client's mistake, not the server's:
 * anyone could fill the log with their stack traces.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const internal = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : error;
  console.error(internal ?? error);
};
