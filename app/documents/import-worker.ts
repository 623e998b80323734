/**
 * The import worker thread: runs one ImportJob (an upload, or the content/ folder at start-up)
 * with its own database connections, off the thread that answers requests, and records the
 * outcome on the job's ImportRun. See import-jobs.server.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ImportJob, ImportStage, WorkerMessage } from "./import-jobs.server";

const { job } = workerData as { job: ImportJob };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const log = (line: string) => post({ type: "log", line });

const { prisma, disconnectDatabase } = await import("~/db.server");

async function progress(stage: ImportStage, filesDone?: number) {
  await prisma.importRun.update({
    where: { id: job.runId },
    data: { status: "running", stage, ...(filesDone === undefined ? {} : { filesDone }) },
  });
}

async function runUpload(userId: string, files: Extract<ImportJob, { kind: "upload" }>["files"]) {
  const { uploadDocuments } = await import("~/admin/documents.server");
  // Bytes arrive as plain Uint8Arrays (structured clone), which is all the pipeline reads.
  await uploadDocuments(userId, files, { runId: job.runId, onProgress: progress });
}

async function runDirectory({ files, manifestText, autoApproveScore }: Extract<ImportJob, { kind: "directory" }>) {
  const { withImportLock } = await import("~/admin/documents.server");
  const { importFiles } = await import("~/documents/import.server");
  const { regenerateBank, syncDocumentSets } = await import("~/admin/generation.server");
  const started = Date.now();
  await progress("parsing", 0);
  await withImportLock(async () => {
    let done = 0;
    const summary = await importFiles(files, {
      manifestText,
      onFile: (result) => {
        done++;
        void progress("parsing", done).catch(() => {});
        if (result.keptUpload)
          log(
            `${result.file}: kept the version an administrator uploaded (content/${result.file} has not changed since it was last imported)`,
          );
        else if (result.status === "rejected" || result.status === "failed")
          log(`${result.file}: ${result.status} — ${result.reason}`);
        else if (result.status === "imported") {
          const d = result.documents;
          log(
            `${result.file}: ${d.created} new, ${d.updated} updated, ${d.unchanged} unchanged, ${d.archived} archived documents; ${result.passages} passages`,
          );
        }
      },
    });
    for (const error of summary.manifestErrors) log(`manifest ignored: ${error}`);
    log(
      `content: ${summary.documents} documents, ${summary.passages} passages, ${summary.rejected.length} rejected files (${Date.now() - started} ms)`,
    );
    const generation = await regenerateBank({ autoApproveScore, onStage: (stage) => progress(stage) });
    const changed = summary.files.some((f) => f.status === "imported");
    if (!generation.skipped) {
      const { knowledgePoints: k, questions: q } = generation;
      log(
        `questions: ${k.created} new, ${k.kept} kept, ${k.retired} retired knowledge points; ${q.created} new, ${q.updated} updated, ${q.kept} kept, ${q.retired} retired questions` +
          `${autoApproveScore !== undefined ? `, ${q.autoApproved} auto-approved` : ""} (${generation.ms} ms)`,
      );
    } else log("questions: unchanged");
    if (autoApproveScore !== undefined) log(`demo sets: ${await syncDocumentSets()} published, one per document`);
    if (!changed && generation.skipped) {
      // A start that changed nothing leaves no trace in the list of imports.
      await prisma.importRun.delete({ where: { id: job.runId } });
      return;
    }
    await prisma.importRun.update({
      where: { id: job.runId },
      data: {
        status: "done",
        stage: null,
        filesDone: files.length,
        finishedAt: new Date(),
        result: JSON.parse(
          JSON.stringify({
            files: summary.files,
            generation: generation.skipped ? null : generation,
            ms: Date.now() - started,
          }),
        ),
      },
    });
  });
}

try {
  await progress("reading");
  if (job.kind === "upload") await runUpload(job.userId, job.files);
  else await runDirectory(job);
} catch (error) {
  log(`import ${job.runId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await prisma.importRun
    .updateMany({
      where: { id: job.runId, status: { in: ["queued", "running"] } },
      data: {
        status: "failed",
        stage: null,
        finishedAt: new Date(),
        error: `导入失败，未导入：${error instanceof Error ? error.message : String(error)}`,
      },
    })
    .catch(() => {});
} finally {
  post({ type: "done" });
  await disconnectDatabase().catch(() => {});
}
