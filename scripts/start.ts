// `npm start` (production build) and `npm run dev` (Vite): database, migrations, content, server.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { buildIfStale } from "./lib/build.ts";
import { CONTENT_DIR, generateQuestions, importDirectory } from "./lib/content-files.ts";
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

runCli(async () => {
  const started = Date.now();
  const port = parsePort(process.env.PORT ?? "3000");
  await assertPortFree(port);

  const database = await openDatabase({ log });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    await server?.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(code);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));

  let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  try {
    process.env.DATABASE_URL = database.url;
    process.env.NODE_ENV = dev ? "development" : "production";
    if (database.embedded && !process.env.SESSION_SECRET) {
      process.env.SESSION_SECRET = await persistentSecret("session-secret");
    }
    await validateEnvironment();
    if (database.embedded) await ensureDemoAdmin();
    await importDirectory(CONTENT_DIR, log, { quietUnchanged: true });
    await generateQuestions(log, { demo: database.embedded });
    if (!dev) await buildIfStale(log);
    server = await startHttpServer({ port, dev });
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${server.url}  (Ctrl-C stops the server${database.embedded ? " and PostgreSQL" : ""})`);
});
