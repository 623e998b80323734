// PgBouncer (Debian's `pgbouncer` package) in transaction mode in front of a PostgreSQL, for the
// tests and the benchmark: a generated ini and userlist in a folder of its own, a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { freePort, postgresUserIds } from "./postgres.ts";
import { ROOT } from "./server.ts";

export const PGBOUNCER_MISSING =
  "PgBouncer is not installed: the scale-out tests and the PgBouncer benchmark need Debian's pgbouncer (apt-get install -y pgbouncer; .ci/run installs it), or set PGBOUNCER_PATH";

export interface PgBouncer {
  port: number;
  /** The PgBouncer process (it does not fork: also as root, where it only changes user). */
  pid: number;
  /** `serverUrl` (a database on the PostgreSQL behind it) rewritten to go through PgBouncer, with `pgbouncer=true`. */
  url(serverUrl: string): string;
  stop(): Promise<void>;
}

export function findPgBouncer(): string {
  for (const candidate of [
    process.env.PGBOUNCER_PATH,
    "/usr/sbin/pgbouncer",
    "/usr/bin/pgbouncer",
    "/usr/local/bin/pgbouncer",
  ]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error(PGBOUNCER_MISSING);
}

/**
 * Starts PgBouncer in front of the PostgreSQL of `serverUrl` (any of its databases, as the same
 * user and password) in transaction mode. As root it drops to the `postgres` user (PgBouncer
 * refuses to run as root), which owns its folder.
 */
export async function startPgBouncer(
  serverUrl: string,
  { label = "pgbouncer", poolSize = 20 }: { label?: string; poolSize?: number } = {},
): Promise<PgBouncer> {
  const binary = findPgBouncer();
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const dir = path.join(ROOT, "tests", ".artifacts", `${label}-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  await writeFile(path.join(dir, "userlist.txt"), `${quote(user)} ${quote(password)}\n`, { mode: 0o600 });
  await writeFile(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = scram-sha-256",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      "max_client_conn = 2000",
      "max_db_connections = 0",
      "server_reset_query =",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      ...(isRoot ? ["user = postgres"] : []),
      "",
    ].join("\n"),
  );
  if (isRoot) {
    const { uid, gid } = await postgresUserIds();
    for (const file of ["", "userlist.txt", "pgbouncer.ini"]) await chown(path.join(dir, file), uid, gid);
  }
  const child: ChildProcess = spawn(binary, [path.join(dir, "pgbouncer.ini")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port, 10_000, () =>
    child.exitCode !== null ? `PgBouncer exited (${child.exitCode}): ${stderr.trim()}` : null,
  );
  return {
    port,
    pid: child.pid!,
    url: (target) => {
      const through = new URL(target);
      through.hostname = "127.0.0.1";
      through.port = String(port);
      through.searchParams.set("pgbouncer", "true");
      return through.toString();
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGINT");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, ms: number, failed: () => string | null): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(problem);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`PgBouncer did not listen on port ${port} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
