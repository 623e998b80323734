import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/env.server";

// One client per process; in development Vite re-evaluates modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { __xueerPrisma?: PrismaClient };

// Named statements are prepared once per connection and their plans reused: planning cost more
// than executing for most of the app's queries. Bounded, because a few texts vary (lists of ids).
const MAX_PREPARED_STATEMENTS = 1000;
const statementNames = new Map<string, string>();

function statementName({ sql }: { sql: string }): string {
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_PREPARED_STATEMENTS) {
    name = `x${statementNames.size}`;
    statementNames.set(sql, name);
  }
  // The adapter passes the name on to pg, where undefined means an unnamed statement.
  return name as string;
}

function createClient(): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: env.DATABASE_URL,
      max: 10,
      // The adapter sends dates as UTC wall-clock text: a server whose TimeZone is, say, PRC would
      // read them eight hours off.
      options: "-c TimeZone=UTC",
    },
    { statementNameGenerator: statementName },
  );
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = (globalForPrisma.__xueerPrisma ??= createClient());
