import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { connectionSettings } from "../../app/db-settings.ts";
import { applyMigrations } from "./migrate.ts";
import { ensureDatabase, startEmbeddedPostgres } from "./postgres.ts";
import { ROOT } from "./server.ts";
import { UserFacingError } from "./user-facing-error.ts";

export const DATA_DIR = path.resolve(process.env.XUEER_DATA_DIR ?? path.join(ROOT, ".data"));
const OWNER_FILE = path.join(DATA_DIR, "postgres.owner.json");
const DATABASE_NAME = "xueer";

export interface Database {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * The database the app and the CLIs use: DATABASE_URL when set, otherwise the embedded
 * PostgreSQL under .data/ (started here, or borrowed from a Xueer process already running it).
 * Pending migrations are applied either way.
 */
export async function openDatabase({ log = console.log }: { log?: (line: string) => void } = {}): Promise<Database> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await assertReachable(configured);
    if (connectionSettings(configured).pgbouncer) await assertUtcDatabase(configured);
    await applyMigrations(configured, { log });
    return { url: configured, embedded: false, close: async () => {} };
  }

  await mkdir(DATA_DIR, { recursive: true, mode: 0o755 });
  const borrowed = await runningOwner();
  if (borrowed) {
    await applyMigrations(borrowed, { log });
    return { url: borrowed, embedded: true, close: async () => {} };
  }

  const started = Date.now();
  const server = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres") });
  await ensureDatabase(server.url("postgres"), DATABASE_NAME);
  const url = server.url(DATABASE_NAME);
  await writeFile(OWNER_FILE, JSON.stringify({ pid: process.pid, url }), { mode: 0o600 });
  log(
    `embedded PostgreSQL ready on 127.0.0.1:${server.port} (${Date.now() - started} ms, data in ${path.relative(process.cwd(), DATA_DIR) || "."})`,
  );
  try {
    await applyMigrations(url, { log });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url,
    embedded: true,
    close: async () => {
      await rm(OWNER_FILE, { force: true });
      await server.stop();
    },
  };
}

/** A secret generated once for this data folder and kept there (embedded mode only). */
export async function persistentSecret(name: string): Promise<string> {
  const file = path.join(DATA_DIR, name);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(DATA_DIR, { recursive: true, mode: 0o755 });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function runningOwner(): Promise<string | null> {
  if (!existsSync(OWNER_FILE)) return null;
  try {
    const owner = JSON.parse(await readFile(OWNER_FILE, "utf8")) as { pid: number; url: string };
    process.kill(owner.pid, 0);
    return owner.url;
  } catch {
    return null;
  }
}

async function assertReachable(url: string): Promise<void> {
  let where = "DATABASE_URL";
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    throw new UserFacingError(
      "DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database",
    );
  }
  if (!/^postgres(ql)?:$/.test(new URL(url).protocol)) {
    throw new UserFacingError("DATABASE_URL must start with postgresql://");
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
    throw new UserFacingError(`Cannot connect to the database at ${where} (DATABASE_URL): ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The server's max_connections (what every process's pool must fit in together). */
export async function serverMaxConnections(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ max_connections: string }>("show max_connections");
    return Number(rows[0]!.max_connections);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Behind PgBouncer (`pgbouncer=true`) the app sends no session settings, so the database's own
 * TimeZone must be UTC: timestamps travel as UTC wall-clock text.
 */
async function assertUtcDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ zone: string; offset: number; database: string }>(
      `select current_setting('TimeZone') as zone, current_database() as database,
              abs(extract(timezone from timestamptz '2026-01-15 12:00Z'))::int + abs(extract(timezone from timestamptz '2026-07-15 12:00Z'))::int as offset`,
    );
    const { zone, offset, database } = rows[0]!;
    if (offset !== 0) {
      throw new UserFacingError(
        `DATABASE_URL has pgbouncer=true but the database's TimeZone is ${zone}: behind PgBouncer it must be UTC. Run: ALTER DATABASE "${database}" SET timezone TO 'UTC' (or set timezone = 'UTC' in postgresql.conf).`,
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
}
