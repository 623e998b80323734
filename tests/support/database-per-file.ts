import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabase, dropDatabase } from "./test-database.ts";

// Runs before each test file's own imports, so ~/db.server connects to this file's database.
const { adminUrl, template } = inject("testDatabase");
const name = `xueer_test_${randomBytes(6).toString("hex")}`;
process.env.DATABASE_URL = await createDatabase(adminUrl, name, template);

afterAll(async () => {
  const { disconnectDatabase } = await import("~/db.server");
  await disconnectDatabase();
  await dropDatabase(adminUrl, name);
});
