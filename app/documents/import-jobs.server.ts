/**
 * Imports run as background jobs: parsing a file and regenerating the bank take seconds to minutes
 * of CPU, and on the request thread they froze every other page (a 1 MB upload stalled /healthz for
 * 14 s). A job is an ImportRun row (queued → running → done | failed | interrupted) processed by a
 * worker thread with its own database connections and a memory ceiling; this thread only queues
 * jobs, keeps their heartbeat and records a worker that died. One job at a time per process; the
 * import lock in the worker serialises instances.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { prisma } from "~/db.server";
import type { IncomingFile } from "~/admin/documents.server";
import type { SourceFile } from "./import.server";

export type ImportJob =
  | { kind: "upload"; runId: string; userId: string; files: IncomingFile[] }
  | { kind: "directory"; runId: string; files: SourceFile[]; manifestText?: string; autoApproveScore?: number };

/** Messages a worker sends back. */
export type WorkerMessage = { type: "log"; line: string } | { type: "done" };

export const IMPORT_STAGES = {
  reading: "读取文件",
  parsing: "解析文档",
  generating: "生成题目",
  saving: "写入题库",
} as const;
export type ImportStage = keyof typeof IMPORT_STAGES;

const HEARTBEAT_MS = 5_000;
/** A run whose process has not said it is alive for this long is taken as interrupted. */
export const STALE_AFTER_MS = 30_000;
/** The worker's heap ceiling (MB): a hostile file ends its job, never the server. */
function workerHeapMb(): number {
  const configured = Number(process.env.XUEER_IMPORT_HEAP_MB);
  return Number.isInteger(configured) && configured >= 32 ? configured : 1536;
}
const OWNER = `${os.hostname()}/${process.pid}`;

export const INTERRUPTED_MESSAGE =
  "导入中断：服务器在处理过程中停止了。已保存的文档完整保留（每个文件要么全部保存、要么完全未保存），其题目会在下次生成题库时作为草稿加入；可以重新上传这些文件。";

interface Queue {
  tail: Promise<void>;
  held: Set<string>;
  timer: NodeJS.Timeout | null;
}

// On globalThis: the start script and the server build each load their own copy of this module.
const globalForQueue = globalThis as unknown as { __xueerImportQueue?: Queue };
const queue = (globalForQueue.__xueerImportQueue ??= { tail: Promise.resolve(), held: new Set(), timer: null });

/** The project's root, found from here both in the sources and in the server build. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "app/documents/import-worker.ts"))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error("app/documents/import-worker.ts not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

function heartbeat(): void {
  if (queue.timer) return;
  queue.timer = setInterval(() => {
    if (queue.held.size === 0) {
      clearInterval(queue.timer!);
      queue.timer = null;
      return;
    }
    void prisma.importRun
      .updateMany({
        where: { id: { in: [...queue.held] }, status: { in: ["queued", "running"] } },
        data: { heartbeatAt: new Date() },
      })
      .catch(() => {});
  }, HEARTBEAT_MS);
  queue.timer.unref();
}

function transferables(job: ImportJob): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of job.files) {
    const bytes = file.bytes;
    // Only whole, unshared buffers can move to the worker; others are copied.
    if (
      bytes &&
      bytes.byteOffset === 0 &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteLength === bytes.buffer.byteLength
    )
      buffers.add(bytes.buffer);
  }
  return [...buffers];
}

function failureMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ERR_WORKER_OUT_OF_MEMORY") return "导入失败：处理文件时超出了内存上限，未导入。请拆分文件后再上传。";
  return `导入失败，未导入：${error instanceof Error ? error.message : "处理导入的进程意外退出"}`;
}

function runInWorker(job: ImportJob, log: (line: string) => void): Promise<void> {
  const root = projectRoot();
  return new Promise((resolve) => {
    let finished = false;
    let failure: unknown;
    const worker = new Worker(path.join(root, "app/documents/import-worker-boot.mjs"), {
      workerData: { entry: pathToFileURL(path.join(root, "app/documents/import-worker.ts")).href, job },
      transferList: transferables(job),
      resourceLimits: { maxOldGenerationSizeMb: workerHeapMb() },
    });
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "log") log(message.line);
      else if (message.type === "done") {
        finished = true;
        // The outcome is recorded: the next job need not wait for this thread to wind down, and
        // one that does not (a handle left open) is ended rather than holding the queue.
        resolve();
        setTimeout(() => void worker.terminate(), 10_000).unref();
      }
    });
    worker.on("error", (error) => {
      failure = error;
    });
    worker.on("exit", () => {
      void (async () => {
        if (!finished) {
          // The worker died before recording an outcome (out of memory, a crash): its transactions
          // rolled back with its connections; the run says why.
          log(`import ${job.runId} failed: ${failure instanceof Error ? failure.message : "the worker exited"}`);
          await prisma.importRun
            .updateMany({
              where: { id: job.runId, status: { in: ["queued", "running"] } },
              data: { status: "failed", stage: null, error: failureMessage(failure), finishedAt: new Date() },
            })
            .catch(() => {});
        }
        resolve();
      })();
    });
  });
}

function enqueue(job: ImportJob, log: (line: string) => void): void {
  queue.held.add(job.runId);
  heartbeat();
  queue.tail = queue.tail
    .then(() => runInWorker(job, log))
    .catch(() => {})
    .finally(() => queue.held.delete(job.runId));
}

const quiet = () => {};

/**
 * Queues an administrator's upload and returns at once with the run's id; the page follows the
 * run's status. The files' bytes move to the worker.
 */
export async function startUploadImport(userId: string, files: IncomingFile[]): Promise<{ runId: string }> {
  const run = await prisma.importRun.create({
    data: {
      source: "upload",
      userId,
      status: "queued",
      filesTotal: files.length,
      owner: OWNER,
      heartbeatAt: new Date(),
      result: { pending: files.map((f) => f.name) },
    },
    select: { id: true },
  });
  enqueue({ kind: "upload", runId: run.id, userId, files }, (line) => console.log(`[xueer] ${line}`));
  return { runId: run.id };
}

/**
 * Queues the content/ folder's import and bank regeneration (npm start, after the server listens).
 * Resolves with the run's id once queued; `done` resolves when the job has ended.
 */
export async function startDirectoryImport(
  files: SourceFile[],
  {
    manifestText,
    autoApproveScore,
    log = quiet,
  }: { manifestText?: string; autoApproveScore?: number; log?: (line: string) => void } = {},
): Promise<{ runId: string; done: Promise<void> }> {
  const run = await prisma.importRun.create({
    data: {
      source: "start",
      status: "queued",
      filesTotal: files.length,
      owner: OWNER,
      heartbeatAt: new Date(),
      result: { pending: files.map((f) => f.name) },
    },
    select: { id: true },
  });
  enqueue({ kind: "directory", runId: run.id, files, manifestText, autoApproveScore }, log);
  return { runId: run.id, done: queue.tail };
}

function pidOf(owner: string | null): number | null {
  const match = owner ? /^(.*)\/(\d+)$/.exec(owner) : null;
  return match && match[1] === os.hostname() ? Number(match[2]) : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Marks as interrupted the runs whose process is gone: on this host, a process that no longer
 * exists; anywhere, a run whose heartbeat stopped. Called at start-up and whenever runs are read.
 */
export async function sweepInterruptedRuns(): Promise<number> {
  const open = await prisma.importRun.findMany({
    where: { status: { in: ["queued", "running"] } },
    select: { id: true, owner: true, heartbeatAt: true },
  });
  const now = Date.now();
  const gone = open
    .filter((run) => {
      if (queue.held.has(run.id)) return false;
      const pid = pidOf(run.owner);
      if (pid !== null && pid !== process.pid && !processAlive(pid)) return true;
      if (pid === process.pid) return true; // ours, yet not in our queue: left by an earlier life of this pid
      return !run.heartbeatAt || now - run.heartbeatAt.getTime() > STALE_AFTER_MS;
    })
    .map((run) => run.id);
  if (gone.length === 0) return 0;
  const { count } = await prisma.importRun.updateMany({
    where: { id: { in: gone }, status: { in: ["queued", "running"] } },
    data: { status: "interrupted", stage: null, error: INTERRUPTED_MESSAGE, finishedAt: new Date() },
  });
  return count;
}

export interface ImportRunStatus {
  id: string;
  source: string;
  status: "queued" | "running" | "done" | "failed" | "interrupted";
  stage: string | null;
  stageLabel: string | null;
  filesDone: number;
  filesTotal: number;
  error: string | null;
  result: unknown;
  createdAt: string;
  finishedAt: string | null;
}

/** A run as the documents page follows it. */
export async function importRunStatus(runId: string): Promise<ImportRunStatus | null> {
  await sweepInterruptedRuns();
  const run = await prisma.importRun.findUnique({ where: { id: runId } });
  if (!run) return null;
  return {
    id: run.id,
    source: run.source,
    status: run.status,
    stage: run.stage,
    stageLabel: run.stage ? (IMPORT_STAGES[run.stage as ImportStage] ?? null) : null,
    filesDone: run.filesDone,
    filesTotal: run.filesTotal,
    error: run.error,
    result: run.status === "done" ? run.result : null,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Resolves when every job queued so far in this process has ended (tests, orderly shutdown). */
export function importsSettled(): Promise<void> {
  return queue.tail;
}
