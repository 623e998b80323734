import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { UserFacingError } from "./user-facing-error.ts";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

// Same lock id as Prisma's own migrate engine, so the two never run at once on one database.
const ADVISORY_LOCK_ID = 72707369;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const file = path.join(dir, name, "migration.sql");
    if (!existsSync(file)) continue;
    const sql = await readFile(file, "utf8");
    migrations.push({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });
  }
  return migrations;
}

/**
 * Applies pending migrations in order, each in its own transaction holding a transaction-scoped
 * advisory lock (so it also works through PgBouncer in transaction mode, where a session-level
 * lock would be taken on one server connection and the migrations run on others), and records them in Prisma's
 * `_prisma_migrations` table (same columns and checksum), so the Prisma CLI stays compatible.
 */
export async function applyMigrations(
  databaseUrl: string,
  { dir = MIGRATIONS_DIR, log = (_: string) => {} }: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    // Two processes starting at once: both may find the table missing; the lock makes one wait.
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [ADVISORY_LOCK_ID]);
    await client.query(`
      create table if not exists "_prisma_migrations" (
        "id" varchar(36) primary key not null,
        "checksum" varchar(64) not null,
        "finished_at" timestamptz,
        "migration_name" varchar(255) not null,
        "logs" text,
        "rolled_back_at" timestamptz,
        "started_at" timestamptz not null default now(),
        "applied_steps_count" integer not null default 0
      )`);
    await client.query("commit");
    const appliedNames = async () => {
      const { rows } = await client.query<{ migration_name: string }>(
        `select migration_name from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`,
      );
      return new Set(rows.map((r) => r.migration_name));
    };
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `select migration_name, checksum from "_prisma_migrations"
       where finished_at is not null and rolled_back_at is null`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...done.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new UserFacingError(
        `The database has migrations this version does not know (${unknown.join(", ")}): it was used by a newer version of Xueer. Update the code, or use another database.`,
      );
    }
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          log(`warning: migration ${migration.name} was edited after it was applied; edits are not re-applied`);
        }
        continue;
      }
      await client.query("begin");
      try {
        await client.query("select pg_advisory_xact_lock($1)", [ADVISORY_LOCK_ID]);
        // Another process may have applied it while this one waited for the lock.
        if ((await appliedNames()).has(migration.name)) {
          await client.query("rollback");
          continue;
        }
        await client.query(migration.sql);
        await client.query(
          `insert into "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           values ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new UserFacingError(
          `Migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      applied.push(migration.name);
      log(`applied migration ${migration.name}`);
    }
  } finally {
    await client.end();
  }
  return applied;
}
