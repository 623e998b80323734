// `npm start` (production build) and `npm run dev` (Vite): database, migrations, content, server.
//
// Process layout: this process is the primary of a Node cluster. It owns the database set-up
// (embedded PostgreSQL, migrations), the build, and the work that must run once (PRIMARY_TASKS in
// scripts/lib/primary-tasks.ts: the content/ import); it forks WEB_CONCURRENCY web workers that
// share the port, replaces a worker that dies, and on Ctrl-C/SIGTERM drains and stops every worker,
// then PostgreSQL.
import cluster, { type Worker } from "node:cluster";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { connectionSettings, poolSizeFor } from "../app/db-settings.ts";
import { buildIfStale } from "./lib/build.ts";
import { DATA_DIR, openDatabase, persistentSecret, serverMaxConnections } from "./lib/database.ts";
import { startPrimaryTasks } from "./lib/primary-tasks.ts";
import { requestFastShutdown } from "./lib/postgres.ts";
import { assertPortFree, startHttpServer } from "./lib/server.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[xueer] ${line}`);

/** How long a stopping worker lets requests in flight finish. */
const DRAIN_MS = 10_000;
/** A worker replaced more often than this within a minute means something is wrong: stop. */
const MAX_RESTARTS_PER_MINUTE = 10;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserFacingError(`PORT must be a number between 1 and 65535, got "${value}"`);
  }
  return port;
}

/** WEB_CONCURRENCY, or the CPUs of the machine in production and 1 in development. */
function webConcurrency(value: string | undefined, development: boolean): number {
  if (value === undefined || value === "") return development ? 1 : Math.max(1, os.availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UserFacingError(`WEB_CONCURRENCY must be a whole number from 1 to 256, got "${value}"`);
  return n;
}

async function validateEnvironment(): Promise<void> {
  try {
    await import("../app/env.server.ts");
  } catch (error) {
    throw new UserFacingError(error instanceof Error ? error.message : String(error));
  }
}

/** In embedded (demo) mode an administrator exists from the first start, so the admin pages can be tried. */
async function ensureDemoAdmin(): Promise<void> {
  const file = path.join(DATA_DIR, "demo-admin.json");
  if (existsSync(file)) {
    const { username, password } = JSON.parse(await readFile(file, "utf8")) as { username: string; password: string };
    log(`demo administrator: ${username} / ${password}`);
    return;
  }
  const { upsertAdmin } = await import("../app/auth/accounts.server.ts");
  const username = "admin";
  const password = randomBytes(9).toString("base64url");
  await upsertAdmin(username, password);
  await writeFile(file, JSON.stringify({ username, password }), { mode: 0o600 });
  log(`created the demo administrator: ${username} / ${password} (kept in ${path.relative(process.cwd(), file)})`);
}

/**
 * Connections per worker, unless DATABASE_POOL_SIZE or the URL's connection_limit says: all the
 * processes of this start (workers and primary, each with an import thread at most) fit the
 * server's max_connections. Behind PgBouncer the pooler caps the server's side: the default stays.
 */
async function workerPoolSize(url: string, workers: number): Promise<number | undefined> {
  const settings = connectionSettings(url, process.env);
  if (process.env.DATABASE_POOL_SIZE || new URL(url).searchParams.has("connection_limit") || settings.pgbouncer)
    return undefined;
  const maxConnections = await serverMaxConnections(url);
  return poolSizeFor({ maxConnections, workers });
}

// ---------------------------------------------------------------------------------------------
// A web worker: serves until told to stop (drains first), or until the primary is gone.

async function runWorker(port: number): Promise<void> {
  await validateEnvironment();
  const server = await startHttpServer({ port, dev });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await server.close({ drainMs: DRAIN_MS }).catch(() => {});
    process.exit(code);
  };
  // Ctrl-C in a terminal reaches every process of the group; the primary sends SIGTERM too.
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  // The primary died (even by kill -9): a worker left alone would serve on with nobody to replace
  // it, and the embedded PostgreSQL would run on with nobody to stop it. Node's own cluster code
  // exits a worker as soon as its channel closes, so this runs first and does only what is
  // synchronous: ask PostgreSQL for a fast shutdown (every worker asks; the first one is enough).
  process.prependOnceListener("disconnect", () => {
    if (stopping) return;
    stopping = true;
    const postgres = process.env.XUEER_POSTGRES_DIR;
    log(`the start process is gone: stopping worker ${process.pid}${postgres ? " and PostgreSQL" : ""}`);
    if (postgres) requestFastShutdown(postgres);
    process.exit(1);
  });
  process.send?.({ type: "xueer:listening", url: server.url });
}

// ---------------------------------------------------------------------------------------------
// The primary.

interface WorkerPool {
  /** Resolves once every first worker listens. */
  ready: Promise<string>;
  stop(): Promise<void>;
  pids(): number[];
}

function startWorkers({
  count,
  env,
  onFatal,
}: {
  count: number;
  env: Record<string, string>;
  onFatal(reason: string): void;
}): WorkerPool {
  cluster.setupPrimary({ exec: process.argv[1], args: process.argv.slice(2), execArgv: process.execArgv });
  const listening = new Set<Worker>();
  const restarts: number[] = [];
  let stopping = false;
  let resolveReady!: (url: string) => void;
  const ready = new Promise<string>((resolve) => (resolveReady = resolve));
  let firstReady = 0;

  const fork = (replacing?: number) => {
    const worker = cluster.fork(env);
    worker.on("message", (message: { type?: string; url?: string }) => {
      if (message?.type !== "xueer:listening") return;
      listening.add(worker);
      if (replacing !== undefined) log(`worker ${worker.process.pid} replaces worker ${replacing}`);
      else if (++firstReady === count) resolveReady(message.url!);
    });
    worker.on("exit", (code, signal) => {
      const served = listening.delete(worker);
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      if (!served) {
        // It never listened: a broken build or environment, which another fork would repeat.
        onFatal(`worker ${worker.process.pid} exited (${how}) before it listened`);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - 60_000) restarts.shift();
      if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
        onFatal(`workers died ${restarts.length} times within a minute (the last: ${how})`);
        return;
      }
      log(`worker ${worker.process.pid} died (${how}): starting a new one`);
      fork(worker.process.pid);
    });
  };
  for (let i = 0; i < count; i++) fork();

  return {
    ready,
    pids: () => Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid ? [w.process.pid] : [])),
    stop: async () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once("exit", () => resolve());
              worker.process.kill("SIGTERM");
              // A worker that does not finish draining in time is ended.
              setTimeout(() => worker.process.kill("SIGKILL"), DRAIN_MS + 5_000).unref();
            }),
        ),
      );
    },
  };
}

async function runPrimary(port: number): Promise<void> {
  const started = Date.now();
  const workers = webConcurrency(process.env.WEB_CONCURRENCY, dev);
  await assertPortFree(port);
  const database = await openDatabase({ log });
  let poolSize: number | undefined;
  try {
    process.env.DATABASE_URL = database.url;
    process.env.NODE_ENV = dev ? "development" : "production";
    if (database.embedded && !process.env.SESSION_SECRET) {
      process.env.SESSION_SECRET = await persistentSecret("session-secret");
    }
    await validateEnvironment();
    if (database.embedded) await ensureDemoAdmin();
    if (!dev) await buildIfStale(log);
    poolSize = await workerPoolSize(database.url, workers);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  if (database.embedded) process.env.XUEER_DEMO = "1";

  // Only a PostgreSQL this process started is a worker's to stop should this process vanish
  // (not one borrowed from another Xueer process that owns it).
  const owner = path.join(DATA_DIR, "postgres.owner.json");
  const owned =
    database.embedded &&
    existsSync(owner) &&
    (JSON.parse(await readFile(owner, "utf8")) as { pid: number }).pid === process.pid;
  const env: Record<string, string> = {
    ...(poolSize ? { DATABASE_POOL_SIZE: String(poolSize) } : {}),
    ...(owned ? { XUEER_POSTGRES_DIR: path.join(DATA_DIR, "postgres") } : {}),
  };

  const tasks = new AbortController();
  let stopping: Promise<never> | undefined;
  const stop = (code: number, reason: string) =>
    (stopping ??= (async () => {
      log(reason);
      tasks.abort();
      await pool.stop();
      await database.close().catch((error: unknown) => log(`PostgreSQL did not stop cleanly: ${String(error)}`));
      process.exit(code);
    })());
  const pool = startWorkers({
    count: workers,
    env,
    onFatal: (reason) => void stop(1, `${reason}: stopping${database.embedded ? " the workers and PostgreSQL" : ""}`),
  });
  process.on("SIGINT", () => void stop(0, "stopping…"));
  process.on("SIGTERM", () => void stop(0, "stopping…"));

  const url = await pool.ready;
  const pids = pool.pids();
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}  (${workers} worker${workers === 1 ? "" : "s"}, pid${pids.length === 1 ? "" : "s"} ${pids.join(", ")}${poolSize ? `, ${poolSize} database connections each` : ""}; primary pid ${process.pid}; Ctrl-C stops ${database.embedded ? "them and PostgreSQL" : "them"})`,
  );
  void startPrimaryTasks({ demo: database.embedded, log, signal: tasks.signal });
}

runCli(async () => {
  const port = parsePort(process.env.PORT ?? "3000");
  if (cluster.isWorker) await runWorker(port);
  else await runPrimary(port);
});
