// `npm run db:migration -- <name>`: writes the migration that takes the database from the existing
// migrations to prisma/schema.prisma, computed by Prisma's schema engine (WebAssembly).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { openDatabase } from "./lib/database.ts";
import { MIGRATIONS_DIR } from "./lib/migrate.ts";
import { createMigration } from "./lib/schema-engine.ts";
import { ROOT } from "./lib/server.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

runCli(async () => {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z0-9_]{1,200}$/.test(name)) {
    throw new UserFacingError("usage: npm run db:migration -- <name>   (letters, digits and _ only)");
  }
  const database = await openDatabase({ log: () => {} });
  try {
    const created = await createMigration({
      databaseUrl: database.url,
      schemaPath: path.join(ROOT, "prisma/schema.prisma"),
      migrationsDir: MIGRATIONS_DIR,
      name,
    });
    if (!created.directory) {
      console.log("prisma/schema.prisma matches the migrations: nothing to do.");
      return;
    }
    console.log(`wrote ${path.relative(ROOT, created.directory)}/migration.sql`);
  } finally {
    await database.close();
  }
  spawnSync(process.execPath, [path.join(ROOT, "scripts/prisma-generate.mjs")], { stdio: "inherit" });
  console.log("run `npm run db:migrate` (or restart `npm start`) to apply it.");
});
