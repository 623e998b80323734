import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/env.server";

// One client per process; in development Vite re-evaluates modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { __xueerPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: 10,
    // The adapter sends dates as UTC wall-clock text: a server whose TimeZone is, say, PRC would
    // read them eight hours off.
    options: "-c TimeZone=UTC",
  });
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = (globalForPrisma.__xueerPrisma ??= createClient());
