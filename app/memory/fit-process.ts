/**
 * The fit process: a child of the web server (jobs.server.ts) that runs one fit job with its own
 * database connections and exits. A child process rather than a worker thread: the native optimizer
 * aborts the whole process when it panics, and that must not take the server with it.
 */
import type { FitJob, FitProcessMessage } from "./jobs.server";

const send = (message: FitProcessMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, () => resolve());
  });

// The server that started this process is gone: stop (an unfinished fit's transaction rolls back).
process.once("disconnect", () => process.exit(0));

process.once("message", (job: FitJob) => {
  void (async () => {
    const { disconnectDatabase } = await import("~/db.server");
    const { fitDue, fitOwner } = await import("./fit.server");
    try {
      if (job.kind === "due") {
        const results = await fitDue({
          onOwner: ({ done, total, result }) =>
            result && void send({ type: "log", line: `fsrs fit ${done}/${total}: ${result.outcome}` }),
        });
        await send({ type: "done", results });
      } else {
        await send({ type: "done", results: [await fitOwner(job.owner, { trigger: job.trigger })] });
      }
    } catch (error) {
      await send({ type: "error", message: error instanceof Error ? error.message : String(error) });
    } finally {
      await disconnectDatabase().catch(() => {});
      process.exit(0);
    }
  })();
});
