import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/postgres";
import { ROOT } from "../../scripts/lib/server";

// `npm start` in embedded mode, for real: its own PostgreSQL in a temporary data folder, the
// server in development mode (no production build needed), then the server killed with SIGKILL.

let dataDir: string | undefined;
let supervisor: ChildProcess | undefined;

afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) supervisor.kill("SIGKILL");
  if (dataDir) {
    const pid = postmasterPid(dataDir);
    if (pid && alive(pid)) process.kill(pid, "SIGQUIT");
    await rm(dataDir, { recursive: true, force: true });
  }
});

function postmasterPid(dir: string): number | null {
  const file = path.join(dir, "postgres", "postmaster.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8").split("\n")[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function until(condition: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it("stops the embedded PostgreSQL when the server process is killed, and serves before importing content/", { timeout: 240_000 }, async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "xueer-start-"));
  // PostgreSQL runs as the postgres user when the tests run as root: it must reach the folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  // The test's own database settings must not leak into the start script: it runs embedded.
  const { DATABASE_URL: _url, NODE_ENV: _mode, SESSION_SECRET: _secret, ...inherited } = process.env;
  const env = { ...inherited, XUEER_DATA_DIR: dataDir, PORT: String(port) } as unknown as NodeJS.ProcessEnv;
  let output = "";
  supervisor = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts"), "--dev"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  supervisor.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => supervisor!.once("exit", (code) => resolve(code)));

  await until(() => /ready in .*server pid (\d+)/.test(output), 180_000, `the ready line in:\n${output}`);
  const serverPid = Number(/server pid (\d+)/.exec(output)![1]);
  expect(serverPid).not.toBe(supervisor.pid);
  const postgres = postmasterPid(dataDir);
  expect(postgres).toBeGreaterThan(0);
  expect(alive(postgres!)).toBe(true);
  // The content/ import and generation come after the server listens: no request waits for them.
  await until(() => /questions: \d+ new/.test(output), 180_000, `the start-up generation in:\n${output}`);
  expect(output.indexOf("ready in")).toBeLessThan(output.indexOf("content: "));
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);

  process.kill(serverPid, "SIGKILL");
  const code = await exited;
  // A supervisor (systemd, docker's restart policy) sees the failure and restarts the pair.
  expect(code).toBe(1);
  expect(output).toContain("the server exited unexpectedly (SIGKILL): stopping PostgreSQL");
  await until(() => !alive(postgres!), 10_000, "PostgreSQL to stop");
  expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
});
