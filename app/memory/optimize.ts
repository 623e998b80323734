/**
 * Fitting FSRS parameters with the reference optimizer (fsrs-rs through
 * @open-spaced-repetition/binding: a prebuilt native addon from the npm package's optional
 * dependencies, WebAssembly elsewhere; nothing is downloaded). No database: reviews in, a decision out.
 * Loaded only by the fit worker, the CLI, the bench and tests — never by a request.
 */
import { FSRSBinding, FSRSBindingItem, FSRSBindingReview, computeParameters } from "@open-spaced-repetition/binding";
import { DEFAULT_PARAMETERS } from "./defaults";
import {
  hasEnoughHistory,
  historyItems,
  historySize,
  timeSeriesSplit,
  type HistoryItem,
  type ReviewRecord,
} from "./history";

export const OPTIMIZER_VERSION = "@open-spaced-repetition/binding@0.5.0";
export { DEFAULT_PARAMETERS };

export interface Metrics {
  logLoss: number;
  rmseBins: number;
}

export type FitDecision =
  | { outcome: "insufficient"; reviews: number; studyDays: number }
  | { outcome: "failed"; reviews: number; studyDays: number; error: string }
  | {
      outcome: "fitted" | "kept";
      reviews: number;
      studyDays: number;
      /** Of the set in force and of the candidate, on the later reviews. */
      before: Metrics;
      after: Metrics;
      /** The candidate refitted on every review (stored when `fitted`). */
      parameters: number[];
    };

export interface FitOptions {
  /** Parameters in force (learner's, group's); null: ts-fsrs's defaults. */
  current: readonly number[] | null;
  /** Progress of the optimizer's epochs, 0–1, over both fits (polled every 100 ms). */
  onProgress?: (share: number) => void;
}

function toBinding(items: readonly HistoryItem[]): FSRSBindingItem[] {
  return items.map(
    (item) => new FSRSBindingItem(item.steps.map((step) => new FSRSBindingReview(step.rating, step.deltaT))),
  );
}

/**
 * Log-loss and binned RMSE of a parameter set on items (lower is better). Only items predicting a
 * review on a later study day count: fsrs-rs refuses to evaluate same-day steps.
 */
export function evaluate(parameters: readonly number[], items: readonly HistoryItem[]): Metrics {
  const { logLoss, rmseBins } = new FSRSBinding([...parameters]).evaluate(
    toBinding(items.filter((item) => item.steps.at(-1)!.deltaT > 0)),
  );
  return { logLoss, rmseBins };
}

async function compute(
  items: readonly HistoryItem[],
  onProgress: ((share: number) => void) | undefined,
): Promise<number[]> {
  const parameters = await computeParameters(toBinding(items), {
    enableShortTerm: true,
    numRelearningSteps: 1,
    // `timeout` is how often (ms) the optimizer reports progress, not a limit: the call waits for it.
    ...(onProgress
      ? {
          timeout: 100,
          progress: (current: number, total: number) => {
            if (total > 0) onProgress(current / total);
          },
        }
      : {}),
  });
  if (parameters.length !== DEFAULT_PARAMETERS.length || !parameters.every(Number.isFinite)) {
    throw new Error(`the optimizer returned ${parameters.length} parameters`);
  }
  return parameters;
}

/** New parameters are kept when they predict the later reviews with lower log-loss and no higher binned RMSE. */
export function isBetter(after: Metrics, before: Metrics): boolean {
  return after.logLoss < before.logLoss && after.rmseBins <= before.rmseBins;
}

/**
 * Fits on the earlier reviews, compares the candidate with the set in force on the later ones and,
 * when it predicts better, refits on all of them (what is stored). Never throws: a failure is a decision.
 */
export async function fitParameters(
  reviews: readonly ReviewRecord[],
  { current, onProgress }: FitOptions,
): Promise<FitDecision> {
  const size = historySize(reviews);
  if (!hasEnoughHistory(size)) return { outcome: "insufficient", ...size };
  try {
    const items = historyItems(reviews);
    const { train, test } = timeSeriesSplit(items);
    if (test.length === 0) throw new Error("no later reviews to evaluate on");
    const candidate = await compute(train, onProgress && ((share) => onProgress(share / 2)));
    const before = evaluate(current ?? DEFAULT_PARAMETERS, test);
    const after = evaluate(candidate, test);
    if (!isBetter(after, before)) return { outcome: "kept", ...size, before, after, parameters: candidate };
    const parameters = await compute(items, onProgress && ((share) => onProgress(0.5 + share / 2)));
    onProgress?.(1);
    return { outcome: "fitted", ...size, before, after, parameters };
  } catch (error) {
    return { outcome: "failed", ...size, error: error instanceof Error ? error.message : String(error) };
  }
}
