import { QUESTION_STATUS_LABELS, SET_STATUS_LABELS, type QuestionStatus } from "~/vocabulary";

export const STATUS_LABELS = QUESTION_STATUS_LABELS;
export type { QuestionStatus };

export const STATUS_STYLES: Record<QuestionStatus, string> = {
  draft: "bg-amber-50 text-amber-800 ring-amber-200",
  approved: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rejected: "bg-red-50 text-red-700 ring-red-200",
  retired: "bg-stone-100 text-stone-600 ring-stone-200",
};

// The labels themselves are the vocabulary's (app/vocabulary.ts).
export { FLAG_RESOLUTION_LABELS as RESOLUTION_LABELS, FLAG_SOURCE_LABELS } from "~/vocabulary";

// One formatter for admin times, shared with the set and user pages.
export { formatDateTime } from "./format";

/** Badges (label and colour) of a set's and a question's status, from the vocabulary's labels. */
export const SET_STATUS_BADGE = {
  draft: { label: SET_STATUS_LABELS.draft, color: "amber" },
  published: { label: SET_STATUS_LABELS.published, color: "green" },
  archived: { label: SET_STATUS_LABELS.archived, color: "stone" },
} as const;

export const QUESTION_STATUS_BADGE = {
  draft: { label: QUESTION_STATUS_LABELS.draft, color: "amber" },
  approved: { label: QUESTION_STATUS_LABELS.approved, color: "green" },
  rejected: { label: QUESTION_STATUS_LABELS.rejected, color: "red" },
  retired: { label: QUESTION_STATUS_LABELS.retired, color: "stone" },
} as const;
