import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import {
  checkOrigin,
  limitBodies,
  parseTrustProxy,
  readSmallBody,
  refuseNulInUrl,
  remixHandler,
  securityHeaders,
} from "./http-guards.ts";
import { UserFacingError } from "./user-facing-error.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const BUILD_DIR = path.join(ROOT, "build");

export interface RunningServer {
  url: string;
  /** Stops the server; with drainMs, requests in flight get that long to finish. */
  close(options?: { drainMs?: number }): Promise<void>;
}

/**
 * The HTTP server: static assets, an Origin check on every mutation, and the Remix handler.
 * In development Vite serves modules and reloads the app on change. `testClock` lets requests set
 * the time with a cookie (see app/clock.server.ts): for the end-to-end runner only, which serves the
 * production build; deliberately not reachable through any environment variable.
 */
export async function startHttpServer({
  port,
  host,
  dev = false,
  testClock = false,
  trustProxySetting = process.env.TRUST_PROXY,
}: {
  port: number;
  host?: string;
  dev?: boolean;
  testClock?: boolean;
  /** TRUST_PROXY's value; tests pass their own. */
  trustProxySetting?: string;
}): Promise<RunningServer> {
  // Refused before anything starts listening when it is malformed (or `true`).
  const trustProxy = parseTrustProxy(trustProxySetting);
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer the client address and protocol come from X-Forwarded-* headers, but
  // only from the proxies TRUST_PROXY names (a hop count or addresses), never from any client.
  app.set("trust proxy", trustProxy);
  app.use(securityHeaders);
  // Before the body is read: a body larger than its route accepts is refused by its length.
  app.use(limitBodies);
  // Small responses (a question, an answer's result) go out as they are: setting up a deflate
  // stream costs more CPU than the bytes it saves, while pages and assets are larger than this.
  app.use(compression({ threshold: 8 * 1024 }));

  app.use(checkOrigin);
  app.use(refuseNulInUrl);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ root: ROOT, server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
    // Files at the top of build/client (favicon.ico…) all have an extension; other paths, and the
    // .data requests of client navigation, go straight to Remix without a look on disk.
    const topLevelFiles = express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h" });
    app.use((req, res, next) => (/\.(?!data$)[a-z0-9]+$/i.test(req.path) ? topLevelFiles(req, res, next) : next()));
    build = (await import(pathToFileURL(path.join(BUILD_DIR, "server/index.js")).href)) as ServerBuild;
  }

  app.use(readSmallBody);
  app.all(
    "*",
    remixHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (req) => ({
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        ...(testClock ? { testClock: true } : {}),
      }),
    }),
  );

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, host ?? "0.0.0.0", () => resolve(listening));
    listening.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new UserFacingError(
              `Port ${port} is already in use (is Xueer already running?). Stop that program or start with PORT=<another port>.`,
            )
          : error,
      );
    });
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}`,
    close: async ({ drainMs = 0 }: { drainMs?: number } = {}) => {
      // Draining: no new connections; idle keep-alive ones close now, requests in flight may
      // finish for drainMs, then whatever is left is cut.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), drainMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        if (drainMs > 0) server.closeIdleConnections();
        else server.closeAllConnections();
      });
      // The app's connection pools (kept on globalThis by app/db.server.ts, which the build bundles):
      // closed before PostgreSQL stops, so a shutdown does not read as lost connections.
      type Pool = { ending: boolean; end(): Promise<void> };
      const database = (globalThis as { __xueerDatabase?: { pool: Pool; replica?: { pool: Pool } | null } })
        .__xueerDatabase;
      for (const pool of [database?.pool, database?.replica?.pool]) {
        if (pool && !pool.ending) await pool.end();
      }
    },
  };
}

/** Fails fast, before PostgreSQL and the build are started, when the port is taken. */
export async function assertPortFree(port: number, host = "0.0.0.0"): Promise<void> {
  const net = await import("node:net");
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new UserFacingError(
              `Port ${port} is already in use (is Xueer already running?). Stop that program or start with PORT=<another port>.`,
            )
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
