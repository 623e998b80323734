import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/postgres";
import { ROOT } from "../../scripts/lib/server";

// `npm start` in embedded mode, for real: its own PostgreSQL in a temporary data folder, the
// server (one cluster worker) in development mode (no production build needed), then the worker
// killed with SIGKILL (replaced), Ctrl-C, or the start process itself killed.

let dataDir: string | undefined;
let supervisor: ChildProcess | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "xueer-start-"));
  // PostgreSQL runs as the postgres user when the tests run as root: it must reach the folder.
  await chmod(dataDir, 0o755);
});

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

/** `npm start --dev` on the test's data folder; resolves once it is serving. */
async function startXueer(port: number) {
  // The test's own database settings must not leak into the start script: it runs embedded.
  const { DATABASE_URL: _url, NODE_ENV: _mode, SESSION_SECRET: _secret, ...inherited } = process.env;
  const env = { ...inherited, XUEER_DATA_DIR: dataDir, PORT: String(port) } as unknown as NodeJS.ProcessEnv;
  const run = { output: "" };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts"), "--dev"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  supervisor = child;
  child.stdout!.on("data", (chunk: Buffer) => (run.output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (run.output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await until(() => /ready in .*1 worker, pid (\d+)/.test(run.output), 180_000, `the ready line in:\n${run.output}`);
  const serverPid = Number(/1 worker, pid (\d+)/.exec(run.output)![1]);
  expect(serverPid).not.toBe(child.pid);
  const postgres = postmasterPid(dataDir!);
  expect(postgres).toBeGreaterThan(0);
  expect(alive(postgres!)).toBe(true);
  return { child, run, exited, serverPid, postgres: postgres! };
}

it(
  "replaces a worker killed with SIGKILL, serves before importing content/, and stops PostgreSQL at Ctrl-C",
  { timeout: 240_000 },
  async () => {
    const port = await freePort();
    const { child, run, exited, serverPid, postgres } = await startXueer(port);
    // The content/ import and generation come after the server listens: no request waits for them.
    await until(() => /questions: \d+ new/.test(run.output), 180_000, `the start-up generation in:\n${run.output}`);
    expect(run.output.indexOf("ready in")).toBeLessThan(run.output.indexOf("content: "));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    // A dead worker is replaced; PostgreSQL and the start process go on.
    process.kill(serverPid, "SIGKILL");
    await until(() => /worker (\d+) replaces worker/.test(run.output), 60_000, `the replacement in:\n${run.output}`);
    expect(run.output).toContain(`worker ${serverPid} died (SIGKILL): starting a new one`);
    const replacement = Number(/worker (\d+) replaces worker/.exec(run.output)![1]);
    expect(alive(postgres)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    // Ctrl-C: the worker drains and stops, then PostgreSQL; exit code 0, nothing left running.
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(alive(replacement)).toBe(false);
    await until(() => !alive(postgres), 10_000, "PostgreSQL to stop");
    expect(existsSync(path.join(dataDir!, "postgres", "postmaster.pid"))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  },
);

it("stops the server and PostgreSQL when the start process itself is killed", { timeout: 240_000 }, async () => {
  const port = await freePort();
  const { child, run, serverPid, postgres } = await startXueer(port);
  child.kill("SIGKILL");
  await until(() => !alive(serverPid), 20_000, `the server to exit:\n${run.output}`);
  await until(() => !alive(postgres), 20_000, `PostgreSQL to stop:\n${run.output}`);
  expect(run.output).toContain(`the start process is gone: stopping worker ${serverPid} and PostgreSQL`);
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
});
