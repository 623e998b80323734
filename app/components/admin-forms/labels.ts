import { QUESTION_STATUS_LABELS, SET_STATUS_LABELS } from "~/vocabulary";

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
