import path from "node:path";
import { expect, inject, it } from "vitest";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate";
import { diffMigrationsToSchema, isEmptyMigrationScript } from "../../scripts/lib/schema-engine";
import { ROOT } from "../../scripts/lib/server";

it("the migrations produce exactly prisma/schema.prisma (no drift)", async () => {
  const { adminUrl } = inject("testDatabase");
  const script = await diffMigrationsToSchema({
    databaseUrl: adminUrl,
    schemaPath: path.join(ROOT, "prisma/schema.prisma"),
    migrationsDir: MIGRATIONS_DIR,
  });
  // On failure the message is the SQL still missing: create it with `npm run db:migration -- <name>`.
  expect(isEmptyMigrationScript(script), script).toBe(true);
});
