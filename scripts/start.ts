// `npm start` (production build) and `npm run dev` (Vite): database, migrations, content, server.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { buildIfStale } from "./lib/build.ts";
import { CONTENT_DIR, DEMO_AUTO_APPROVE_SCORE, readContentDirectory } from "./lib/content-files.ts";
import { DATA_DIR, openDatabase, persistentSecret } from "./lib/database.ts";
import { assertPortFree, startHttpServer } from "./lib/server.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[xueer] ${line}`);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserFacingError(`PORT must be a number between 1 and 65535, got "${value}"`);
  }
  return port;
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
 * Imports content/ and regenerates the bank after the server listens, as a background import job
 * (a worker thread), so no request waits for it and /healthz answers from the first second. Runs
 * a previous process left unfinished are marked interrupted first.
 */
function importContentInBackground(demo: boolean): void {
  void (async () => {
    try {
      const { startDirectoryImport, sweepInterruptedRuns } = await import("../app/documents/import-jobs.server.ts");
      const interrupted = await sweepInterruptedRuns();
      if (interrupted > 0) log(`${interrupted} import run(s) left unfinished by the last stop are marked interrupted`);
      const { files, manifestText } = await readContentDirectory(CONTENT_DIR);
      const { done } = await startDirectoryImport(files, { manifestText, autoApproveScore: demo ? DEMO_AUTO_APPROVE_SCORE : undefined, log });
      await done;
      // Benchmarks that seed their own data wait for this line: the regeneration would retire it.
      log("content/ import finished");
    } catch (error) {
      log(`content import failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
}

/**
 * Fits learners' FSRS memory parameters in the background: a child process every hour, the first
 * five minutes after start (app/memory/jobs.server.ts). XUEER_FSRS_AUTO=0 turns it off.
 */
function fitMemoryParametersInBackground(): void {
  void import("../app/memory/jobs.server.ts")
    .then(({ startAutomaticFits }) => startAutomaticFits({ log, firstDelayMs: 5 * 60_000 }))
    .catch((error: unknown) => log(`memory parameters: not started: ${error instanceof Error ? error.message : String(error)}`));
}

/** Set in the server process the start script supervises (embedded mode). */
const SERVER_CHILD = "XUEER_SERVER_CHILD";

/**
 * The web server itself: in-process when DATABASE_URL is set (nothing embedded to clean up; the
 * deployment's supervisor restarts it), or as the supervised child of the embedded-mode start.
 */
async function serve({ started, port, demo, supervised }: { started: number; port: number; demo: boolean; supervised: boolean }) {
  const server = await startHttpServer({ port, dev });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await server.close().catch(() => {});
    process.exit(code);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
  // The supervisor died (even by kill -9): a server left alone would hold the port, and the
  // PostgreSQL it started would run on with nobody to stop it. Stop both.
  if (supervised) {
    process.once("disconnect", () => {
      void (async () => {
        log("the start process is gone: stopping the server and PostgreSQL");
        await server.close().catch(() => {});
        if (process.env.XUEER_POSTGRES_DIR) {
          const { stopServerAt } = await import("./lib/postgres.ts");
          await stopServerAt(process.env.XUEER_POSTGRES_DIR).catch((error: unknown) => log(`PostgreSQL did not stop: ${String(error)}`));
        }
        process.exit(1);
      })();
    });
  }
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${server.url}  (server pid ${process.pid}; Ctrl-C stops the server${supervised ? " and PostgreSQL" : ""})`,
  );
  importContentInBackground(demo);
  fitMemoryParametersInBackground();
  return server;
}

/**
 * Embedded mode: the web server runs as a child process and this one owns PostgreSQL. Whatever ends
 * the server — Ctrl-C, a crash, an out-of-memory abort, kill -9 — this process sees it exit, stops
 * PostgreSQL and exits too (non-zero unless asked to stop), so a supervisor can restart the pair.
 */
async function superviseServer(database: Awaited<ReturnType<typeof openDatabase>>, started: number): Promise<void> {
  const { spawn } = await import("node:child_process");
  // Only a PostgreSQL this process started is the server's to stop should this process vanish
  // (not one borrowed from another Xueer process that owns it).
  const owner = path.join(DATA_DIR, "postgres.owner.json");
  const owned = existsSync(owner) && (JSON.parse(await readFile(owner, "utf8")) as { pid: number }).pid === process.pid;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      [SERVER_CHILD]: "1",
      XUEER_STARTED_AT: String(started),
      ...(owned ? { XUEER_POSTGRES_DIR: path.join(DATA_DIR, "postgres") } : {}),
    },
  });
  let stopping = false;
  const forward = (signal: NodeJS.Signals) => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on("SIGINT", () => forward("SIGTERM"));
  process.on("SIGTERM", () => forward("SIGTERM"));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  if (!stopping) log(`the server exited unexpectedly (${signal ?? `code ${code}`}): stopping PostgreSQL`);
  else log("stopping…");
  await database.close().catch((error: unknown) => log(`PostgreSQL did not stop cleanly: ${String(error)}`));
  process.exit(stopping && code === 0 ? 0 : 1);
}

runCli(async () => {
  const port = parsePort(process.env.PORT ?? "3000");
  if (process.env[SERVER_CHILD] === "1") {
    // The supervisor prepared everything (database, migrations, secrets, build): only serve.
    await validateEnvironment();
    await serve({ started: Number(process.env.XUEER_STARTED_AT) || Date.now(), port, demo: process.env.XUEER_DEMO === "1", supervised: true });
    return;
  }

  const started = Date.now();
  await assertPortFree(port);
  const database = await openDatabase({ log });
  try {
    process.env.DATABASE_URL = database.url;
    process.env.NODE_ENV = dev ? "development" : "production";
    if (database.embedded && !process.env.SESSION_SECRET) {
      process.env.SESSION_SECRET = await persistentSecret("session-secret");
    }
    await validateEnvironment();
    if (database.embedded) await ensureDemoAdmin();
    if (!dev) await buildIfStale(log);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  if (database.embedded) {
    process.env.XUEER_DEMO = "1";
    await superviseServer(database, started);
  } else {
    await serve({ started, port, demo: false, supervised: false });
  }
});
