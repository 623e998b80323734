import { default_w } from "ts-fsrs";

/** ts-fsrs 5's FSRS-6 defaults (the same as fsrs-rs's): what the scheduler uses without a fitted set. */
export const DEFAULT_PARAMETERS: readonly number[] = Object.freeze([...default_w]);
