import { defineConfig } from "prisma/config";

// DATABASE_URL is read with process.env, not prisma's env(): env() fails even `prisma generate`
// when the variable is unset, and generation needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
