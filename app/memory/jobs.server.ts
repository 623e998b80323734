/**
 * Fits off the request path: each job runs in a child process (fit-process.ts) with its own
 * database connections; this process only starts it and waits for its message. The automatic pass
 * runs an hour after start and then every hour, fitting learners who studied since their last fit a
 * week or more ago (fit.server.ts); the settings page's button fits one learner, at most once an hour.
 * Several instances may run passes at once: the transaction-level advisory lock per learner (and the
 * due check under it) lets each learner be fitted once.
 */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prisma } from "~/db.server";
import type { FitResult, FitTrigger, Owner } from "./fit.server";
import { fitMessage } from "./messages";

export type FitJob = { kind: "due" } | { kind: "owner"; owner: Owner; trigger: FitTrigger };
export type FitProcessMessage =
  { type: "log"; line: string } | { type: "done"; results: FitResult[] } | { type: "error"; message: string };

/** The settings page's button: once an hour per learner. */
export const MANUAL_FIT_INTERVAL_MS = 3600_000;
const AUTO_PASS_INTERVAL_MS = 3600_000;
/** A job that has not answered by then is ended. */
const JOB_TIMEOUT_MS = 30 * 60_000;
const MANUAL_TIMEOUT_MS = 120_000;
/** The fit process's nice value (0 is the server's). */
export const FIT_NICENESS = 10;

/** The project's root, found from here both in the sources and in the server build. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "app/memory/fit-process.ts"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("app/memory/fit-process.ts not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Runs a job in a fresh child process; rejects when it dies without answering. */
export function runFitProcess(
  job: FitJob,
  { log = () => {}, timeoutMs = JOB_TIMEOUT_MS }: { log?: (line: string) => void; timeoutMs?: number } = {},
): Promise<FitResult[]> {
  const root = projectRoot();
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, "app/memory/fit-process.ts"), [], {
      cwd: root,
      execArgv: ["--import", "tsx"],
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    // Background work: the fit gives way to the process answering requests when the CPU is short.
    if (child.pid) {
      try {
        setPriority(child.pid, FIT_NICENESS);
      } catch {
        // Not permitted here (some containers): it runs at the server's priority.
      }
    }
    let settled = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(new Error("优化超时"));
    }, timeoutMs);
    timer.unref();
    function finish(error: Error | null, results?: FitResult[]) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(results!);
    }
    child.on("message", (message: FitProcessMessage) => {
      if (message.type === "log") log(message.line);
      else if (message.type === "done") finish(null, message.results);
      else finish(new Error(message.message));
    });
    child.on("error", (error) => finish(error));
    child.on("exit", (code, signal) => finish(new Error(`the fit process exited (${signal ?? code})`)));
    child.send(job);
  });
}

const globalForJobs = globalThis as unknown as {
  __xueerFitJobs?: { timer: NodeJS.Timeout | null; running: boolean; manual: number };
};
const jobs = (globalForJobs.__xueerFitJobs ??= { timer: null, running: false, manual: 0 });

/** Starts the hourly automatic pass in this process (the web server); idempotent. */
export function startAutomaticFits({
  log = console.log,
  firstDelayMs = AUTO_PASS_INTERVAL_MS,
}: { log?: (line: string) => void; firstDelayMs?: number } = {}): void {
  if (jobs.timer || process.env.XUEER_FSRS_AUTO === "0") return;
  const pass = async () => {
    if (jobs.running) return;
    jobs.running = true;
    try {
      const results = await runFitProcess({ kind: "due" });
      const fitted = results.filter((r) => r.outcome === "fitted").length;
      if (results.length > 0) log(`memory parameters: ${results.length} fits tried, ${fitted} new sets`);
    } catch (error) {
      log(`memory parameters: the automatic pass failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      jobs.running = false;
      jobs.timer = setTimeout(() => void pass(), AUTO_PASS_INTERVAL_MS);
      jobs.timer.unref();
    }
  };
  jobs.timer = setTimeout(() => void pass(), firstDelayMs);
  jobs.timer.unref();
}

export type ManualFit = { ok: true; result: FitResult } | { ok: false; message: string; retryAfterMinutes?: number };

/**
 * The settings page's 优化记忆参数: fits the learner now in a child process and waits for the outcome
 * (the request waits, the server does not). Refused within an hour of the learner's previous one.
 */
export async function requestFit(userId: string, now: Date = new Date()): Promise<ManualFit> {
  const last = await prisma.fsrsFitRun.findFirst({
    where: { userId, trigger: "manual" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (last && now.getTime() - last.createdAt.getTime() < MANUAL_FIT_INTERVAL_MS) {
    const minutes = Math.max(
      1,
      Math.ceil((MANUAL_FIT_INTERVAL_MS - (now.getTime() - last.createdAt.getTime())) / 60_000),
    );
    return { ok: false, message: `每小时只能优化一次，请 ${minutes} 分钟后再试。`, retryAfterMinutes: minutes };
  }
  if (jobs.manual >= 2) return { ok: false, message: "正在为其他学员优化，请稍后再试。" };
  jobs.manual++;
  try {
    const [result] = await runFitProcess(
      { kind: "owner", owner: { userId }, trigger: "manual" },
      { timeoutMs: MANUAL_TIMEOUT_MS },
    );
    return { ok: true, result: result! };
  } catch (error) {
    // The process died (the optimizer aborted) before recording anything: recorded here, the set in force stays.
    const message = fitMessage({
      outcome: "failed",
      reviews: 0,
      studyDays: 0,
      logLossBefore: null,
      logLossAfter: null,
    });
    await prisma.fsrsFitRun.create({
      data: {
        userId,
        outcome: "failed",
        trigger: "manual",
        reviews: 0,
        studyDays: 0,
        message: `${message} [${error instanceof Error ? error.message : String(error)}]`,
        durationMs: 0,
      },
    });
    return { ok: false, message };
  } finally {
    jobs.manual--;
  }
}
