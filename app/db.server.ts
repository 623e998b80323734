import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { env } from "~/env.server";

interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  statementNames: Map<string, string>;
}

// Named statements are prepared once per connection and their plans reused: planning cost more
// than executing for most of the app's queries. Bounded, because a few texts vary (lists of ids).
const MAX_PREPARED_STATEMENTS = 500;

function createDatabase(): Database {
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: 10,
    // Dates travel as UTC wall-clock text (the Prisma adapter sends them so): a server whose
    // TimeZone is, say, PRC would read them eight hours off.
    options: "-c TimeZone=UTC",
  });
  // A connection dropped while idle (a database restart) is replaced on next use; without a
  // listener the pool's error event would end the process. Once the pool is ending (end() does not
  // wait for the sockets to close), a server stopping right after is expected, not news.
  pool.on("error", (error) => {
    if (!pool.ending) console.error(`database connection lost: ${error.message}`);
  });
  const statementNames = new Map<string, string>();
  const statementName = ({ sql }: { sql: string }) => nameFor(statementNames, sql) as string;
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementName }) }), pool, statementNames };
}

function nameFor(names: Map<string, string>, text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED_STATEMENTS) {
    name = `x${names.size}`;
    names.set(text, name);
  }
  return name;
}

// One per process; in development Vite re-evaluates modules, so keep it on globalThis (with the
// statement names: a connection refuses a known name for another text).
const globalForDatabase = globalThis as unknown as { __xueerDatabase?: Database };
const database = (globalForDatabase.__xueerDatabase ??= createDatabase());

export const prisma: PrismaClient = database.prisma;

/** Closes the client and its connections (the pool is ours: the ORM's $disconnect leaves it open). */
export async function disconnectDatabase(): Promise<void> {
  await database.prisma.$disconnect();
  if (!database.pool.ending) await database.pool.end();
}

/**
 * A raw statement straight through the driver, on the ORM's own connections, for the few
 * statements every question runs: the ORM's handling costs more per call than these statements.
 * Rows come as node-postgres types them (bigint as string, timestamptz as Date, json parsed).
 */
export async function hotQuery<T>(statement: Prisma.Sql): Promise<T[]> {
  const result = await database.pool.query({
    name: nameFor(database.statementNames, statement.text),
    text: statement.text,
    values: statement.values as unknown[],
  });
  return result.rows as T[];
}
