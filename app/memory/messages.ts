/** What learners and managers read about fitting, in plain Chinese. Pure. */
import { MIN_REVIEWS, MIN_STUDY_DAYS } from "./history";

export type FitOutcomeKind = "fitted" | "kept" | "insufficient" | "failed";

export interface FitSummary {
  outcome: FitOutcomeKind;
  reviews: number;
  studyDays: number;
  logLossBefore: number | null;
  logLossAfter: number | null;
  /** For `kept`: whose set stays (the learner's own, their group's, or the defaults). */
  kept?: "own" | "group" | "default";
  error?: string;
}

/** Log-loss as a figure a learner can compare: three decimals. */
export function lossText(value: number): string {
  return value.toFixed(3);
}

export function insufficientText(reviews: number, studyDays: number): string {
  const missingReviews = Math.max(0, MIN_REVIEWS - reviews);
  const missingDays = Math.max(0, MIN_STUDY_DAYS - studyDays);
  const missing = [
    missingReviews > 0 ? `${missingReviews} 次复习` : null,
    missingDays > 0 ? `${missingDays} 个学习日` : null,
  ]
    .filter(Boolean)
    .join("和 ");
  return `复习记录还不够，暂用默认参数：已有 ${reviews} 次复习、${studyDays} 个学习日，个性化至少需要 ${MIN_REVIEWS} 次复习、${MIN_STUDY_DAYS} 个学习日，还差 ${missing}。`;
}

export function fittedText(reviews: number, before: number, after: number): string {
  return `记忆参数已个性化：基于${reviews}次复习，预测误差从${lossText(before)}降到${lossText(after)}`;
}

const KEPT_WHO = { own: "你现有的个性化参数", group: "小组的参数", default: "默认参数" } as const;

export function fitMessage(summary: FitSummary): string {
  switch (summary.outcome) {
    case "fitted":
      return `${fittedText(summary.reviews, summary.logLossBefore!, summary.logLossAfter!)}。从下一次复习起按新参数安排。`;
    case "kept":
      return `这次算出的参数预测得并不更准（预测误差 ${lossText(summary.logLossAfter!)}，现用参数 ${lossText(summary.logLossBefore!)}），继续使用${KEPT_WHO[summary.kept ?? "default"]}。`;
    case "insufficient":
      return insufficientText(summary.reviews, summary.studyDays);
    case "failed":
      return `这次优化没有完成，继续使用原来的参数${summary.error ? `（${summary.error}）` : ""}。请稍后再试。`;
  }
}
