import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import { MIGRATIONS_DIR, applyMigrations, readMigrations } from "../../scripts/lib/migrate";

it("records every migration like Prisma does and applies nothing twice", async () => {
  const url = process.env.DATABASE_URL!;
  const migrations = await readMigrations();
  expect(migrations.length).toBeGreaterThan(0);
  expect(await applyMigrations(url)).toEqual([]);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `select migration_name, checksum, finished_at from "_prisma_migrations" order by migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const row of rows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
    }
  } finally {
    await client.end();
  }
});
