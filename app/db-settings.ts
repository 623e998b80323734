// How the app connects: read from the connection string and the environment, shared by the app's
// pool (app/db.server.ts), the start script (pool sizing per worker) and the tests. Pure.

/** The pool size when nothing else decides it (one process, a server of its own). */
export const DEFAULT_POOL_SIZE = 10;

export interface ConnectionSettings {
  /** The connection string for node-postgres, without the parameters only Xueer reads. */
  connectionString: string;
  /**
   * `pgbouncer=true` in the URL (as Prisma reads it): the server is PgBouncer in transaction mode
   * without `max_prepared_statements` (PgBouncer < 1.21, Debian 12's 1.18). No named prepared
   * statements (each query is parsed as the unnamed statement, which lives only until the next
   * one on that server connection) and no session-level settings in the startup packet.
   */
  pgbouncer: boolean;
  /** Connections of this process's pool. */
  poolSize: number;
}

/**
 * `connection_limit` in the URL (Prisma's name) or DATABASE_POOL_SIZE sets the pool size (the
 * start script sets DATABASE_POOL_SIZE for its workers so that all of them fit max_connections).
 */
export function connectionSettings(url: string, env: Record<string, string | undefined> = {}): ConnectionSettings {
  const parsed = new URL(url);
  const flag = parsed.searchParams.get("pgbouncer");
  const limit = parsed.searchParams.get("connection_limit");
  parsed.searchParams.delete("pgbouncer");
  parsed.searchParams.delete("connection_limit");
  const poolSize =
    positiveInteger(limit, "connection_limit") ??
    positiveInteger(env.DATABASE_POOL_SIZE, "DATABASE_POOL_SIZE") ??
    DEFAULT_POOL_SIZE;
  return { connectionString: parsed.toString(), pgbouncer: flag === "true" || flag === "1", poolSize };
}

function positiveInteger(value: string | null | undefined, name: string): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

/**
 * Connections per worker for `workers` workers sharing a server of `maxConnections` with their
 * primary: each worker may hold twice its pool (its requests, and an import job's worker thread
 * with a pool of its own); the primary (the start-up import, at the default pool twice) holds
 * `primary`; `reserved` stay free for the superuser, migrations, psql and CLIs. At least 2, at most
 * the default.
 */
export function poolSizeFor({
  maxConnections,
  workers,
  primary = 2 * DEFAULT_POOL_SIZE,
  reserved = 10,
}: {
  maxConnections: number;
  workers: number;
  primary?: number;
  reserved?: number;
}): number {
  const fit = Math.floor((maxConnections - reserved - primary) / (2 * Math.max(1, workers)));
  return Math.max(2, Math.min(DEFAULT_POOL_SIZE, fit));
}
