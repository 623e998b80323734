import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { connectionSettings, type ConnectionSettings } from "~/db-settings";
import { env } from "~/env.server";

interface Connection {
  prisma: PrismaClient;
  pool: pg.Pool;
  settings: ConnectionSettings;
  statementNames: Map<string, string>;
}

interface Database extends Connection {
  /** DATABASE_REPLICA_URL's connection, when set: reports, CSV exports and the dashboard read there. */
  replica: Connection | null;
}

// Named statements are prepared once per connection and their plans reused: planning cost more
// than executing for most of the app's queries. Bounded, because a few texts vary (lists of ids).
const MAX_PREPARED_STATEMENTS = 500;

function connect(url: string, role: string): Connection {
  const settings = connectionSettings(url, process.env);
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    max: settings.poolSize,
    // Dates travel as UTC wall-clock text (the Prisma adapter sends them so): a server whose
    // TimeZone is, say, PRC would read them eight hours off. PgBouncer 1.18 refuses an `options`
    // startup parameter, and a session SET is not the app's to rely on in transaction mode: there
    // the database's own TimeZone must be UTC, which `npm start` checks (scripts/lib/database.ts).
    ...(settings.pgbouncer ? {} : { options: "-c TimeZone=UTC" }),
  });
  // A connection dropped while idle (a database restart) is replaced on next use; without a
  // listener the pool's error event would end the process. Once the pool is ending (end() does not
  // wait for the sockets to close), a server stopping right after is expected, not news.
  pool.on("error", (error) => {
    if (!pool.ending) console.error(`${role} connection lost: ${error.message}`);
  });
  const statementNames = new Map<string, string>();
  // Behind PgBouncer without max_prepared_statements a named statement prepared on one server
  // connection is missing on the next ("prepared statement x3 does not exist"): none then.
  const adapterOptions = settings.pgbouncer
    ? {}
    : { statementNameGenerator: ({ sql }: { sql: string }) => nameFor(statementNames, sql) as string };
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool, adapterOptions) }), pool, settings, statementNames };
}

function createDatabase(): Database {
  return {
    ...connect(env.DATABASE_URL, "database"),
    replica: env.DATABASE_REPLICA_URL ? connect(env.DATABASE_REPLICA_URL, "replica") : null,
  };
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

/**
 * The client reports read with: DATABASE_REPLICA_URL's when set, otherwise the primary's. Only
 * for reads that may lag a little (group reports, CSV exports, the admin dashboard); never write
 * through it (a replica refuses writes anyway).
 */
export const reportingPrisma: PrismaClient = database.replica?.prisma ?? database.prisma;

/** Whether reports read from a replica (DATABASE_REPLICA_URL). */
export const readsFromReplica: boolean = database.replica !== null;

/**
 * How current the reporting database's data is: now on the primary or on a replica that has
 * replayed all it received, otherwise the time of the last transaction it replayed; and the lag
 * behind its clock in seconds.
 */
export async function reportingDataAsOf(): Promise<{ dataAsOf: Date; lagSeconds: number }> {
  const rows = await reportingPrisma.$queryRaw<{ dataAsOf: Date; lagSeconds: number }[]>`
    SELECT x.as_of AS "dataAsOf", greatest(0, extract(epoch FROM now() - x.as_of))::float8 AS "lagSeconds"
      FROM (SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                        THEN now() ELSE coalesce(pg_last_xact_replay_timestamp(), now()) END AS as_of) x`;
  return rows[0] ?? { dataAsOf: new Date(), lagSeconds: 0 };
}

/** Closes the clients and their connections (the pools are ours: the ORM's $disconnect leaves them open). */
export async function disconnectDatabase(): Promise<void> {
  for (const connection of [database, database.replica]) {
    if (!connection) continue;
    await connection.prisma.$disconnect();
    if (!connection.pool.ending) await connection.pool.end();
  }
}

/**
 * A raw statement straight through the driver, on the ORM's own connections, for the few
 * statements every question runs: the ORM's handling costs more per call than these statements.
 * Rows come as node-postgres types them (bigint as string, timestamptz as Date, json parsed).
 */
export async function hotQuery<T>(statement: Prisma.Sql): Promise<T[]> {
  const result = await database.pool.query({
    name: database.settings.pgbouncer ? undefined : nameFor(database.statementNames, statement.text),
    text: statement.text,
    values: statement.values as unknown[],
  });
  return result.rows as T[];
}
