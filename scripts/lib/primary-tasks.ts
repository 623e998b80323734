// Work that must run once per `npm start`, not once per web worker: it runs in the cluster's
// primary process (scripts/start.ts), after the workers listen, so no request waits for it.
//
// To add one (a nightly cleanup…), append a task to PRIMARY_TASKS.
// A task starts when the workers are ready; it should do its heavy work off the primary's event
// loop (a worker thread, as the content import does) and stop when `signal` aborts (Ctrl-C).
// Several instances of Xueer (machines) each have a primary: a task that must run once across all
// of them takes a transaction-scoped advisory lock (pg_advisory_xact_lock) or claims a row.
import { CONTENT_DIR, DEMO_AUTO_APPROVE_SCORE, readContentDirectory } from "./content-files.ts";

export interface PrimaryTaskContext {
  /** Embedded (demo) mode: the content/ bank is approved and published automatically. */
  demo: boolean;
  log(line: string): void;
  /** Aborted when the primary stops. */
  signal: AbortSignal;
}

export interface PrimaryTask {
  name: string;
  run(context: PrimaryTaskContext): Promise<void>;
}

/**
 * Imports content/ and regenerates the bank as a background import job (a worker thread). Runs a
 * previous process left unfinished are marked interrupted first.
 */
const importContent: PrimaryTask = {
  name: "content/ import",
  async run({ demo, log }) {
    const { startDirectoryImport, sweepInterruptedRuns } = await import("../../app/documents/import-jobs.server.ts");
    const interrupted = await sweepInterruptedRuns();
    if (interrupted > 0) log(`${interrupted} import run(s) left unfinished by the last stop are marked interrupted`);
    const { files, manifestText } = await readContentDirectory(CONTENT_DIR);
    const { done } = await startDirectoryImport(files, {
      manifestText,
      autoApproveScore: demo ? DEMO_AUTO_APPROVE_SCORE : undefined,
      log,
    });
    await done;
    // Benchmarks and tests that seed their own data wait for this line: the regeneration would retire it.
    log("content/ import finished");
  },
};

/**
 * Fits learners' FSRS memory parameters in the background: a child process every hour, the first five
 * minutes after start (app/memory/jobs.server.ts; an advisory lock per learner across instances).
 * XUEER_FSRS_AUTO=0 turns it off.
 */
const fitMemoryParameters: PrimaryTask = {
  name: "memory parameters",
  async run({ log }) {
    const { startAutomaticFits } = await import("../../app/memory/jobs.server.ts");
    startAutomaticFits({ log, firstDelayMs: 5 * 60_000 });
  },
};

export const PRIMARY_TASKS: PrimaryTask[] = [importContent, fitMemoryParameters];

/** Starts every task in the background; a failing task is logged, the server goes on. */
export function startPrimaryTasks(context: PrimaryTaskContext, tasks: PrimaryTask[] = PRIMARY_TASKS): Promise<void> {
  return Promise.all(
    tasks.map(async (task) => {
      try {
        await task.run(context);
      } catch (error) {
        context.log(`${task.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  ).then(() => {});
}
