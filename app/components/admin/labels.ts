import { QUESTION_STATUS_LABELS, type QuestionStatus } from "~/vocabulary";

export const STATUS_LABELS = QUESTION_STATUS_LABELS;
export type { QuestionStatus };

export const STATUS_STYLES: Record<QuestionStatus, string> = {
  draft: "bg-amber-50 text-amber-800 ring-amber-200",
  approved: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rejected: "bg-red-50 text-red-700 ring-red-200",
  retired: "bg-stone-100 text-stone-600 ring-stone-200",
};

export const RESOLUTION_LABELS: Record<string, string> = {
  approved: "题目无误，批准",
  edited: "已修改题目",
  rejected: "拒绝该题",
  dismissed: "忽略",
};

export const FLAG_SOURCE_LABELS: Record<string, string> = { learner: "学员报告", item_analysis: "题目分析" };

// One formatter for admin times, shared with the set and user pages.
export { formatDateTime } from "~/components/admin-forms/format";
