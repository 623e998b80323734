import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../scripts/lib/migrate.ts";
import { startEmbeddedPostgres } from "../../scripts/lib/postgres.ts";
import { ROOT } from "../../scripts/lib/server.ts";

export interface TestDatabaseServer {
  /** URL of a database on the server with the right to create databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** TEST_DATABASE_URL's server when given, otherwise a throwaway embedded PostgreSQL. */
export async function startTestDatabaseServer(label: string): Promise<TestDatabaseServer> {
  if (process.env.TEST_DATABASE_URL) {
    return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  }
  // Under the project folder, not mkdtemp's 0700 folders: as root, PostgreSQL runs as `postgres`.
  const base = path.join(ROOT, "tests", ".artifacts");
  await mkdir(base, { recursive: true, mode: 0o755 });
  const dataDir = path.join(base, `${label}-pg-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir, throwaway: true });
  return {
    adminUrl: server.url("postgres"),
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.password`, { force: true });
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    await client.query(
      `create database ${client.escapeIdentifier(name)}${template ? ` template ${client.escapeIdentifier(template)}` : ""}`,
    );
  });
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
  );
}

export async function createMigratedDatabase(adminUrl: string, name: string): Promise<string> {
  const url = await createDatabase(adminUrl, name);
  await applyMigrations(url);
  return url;
}
