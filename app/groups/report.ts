/**
 * Pure shaping of a group report: date ranges, assignment statuses, item statistics and the
 * leaderboard order. The database returns counts; these turn them into what managers read.
 */
import { addDays, daysBetween } from "~/study/day";

/** The report's default range: the last 30 study days, like the learner's own retention figure. */
export const DEFAULT_RANGE_DAYS = 30;
/** The longest range a manager may pick: one year is enough for yearly material and keeps scans bounded. */
export const MAX_RANGE_DAYS = 366;
export const ACTIVE_DAYS = 7;
export const TREND_WEEKS = 12;
/** A knowledge point needs this many due reviews before its retention says anything about the group. */
export const WEAK_POINT_MIN_REVIEWS = 5;
export const WEAK_POINT_LIMIT = 10;
/** Item analysis is meaningless on a handful of answers. */
export const ITEM_MIN_ATTEMPTS = 20;
/** Kelley's 27 %: the upper and lower groups that discriminate best for a normal score distribution. */
export const ITEM_GROUP_SHARE = 0.27;

export interface DateRange {
  from: string;
  to: string;
  days: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | null | undefined): value is string {
  return (
    !!value &&
    DAY.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

/**
 * The range asked for in the query string, made sensible: days in the future are today, a reversed
 * range is swapped, and one longer than a year is cut to its last year. Anything unreadable falls
 * back to the default rather than failing: a bookmarked link should always open.
 */
export function resolveRange(from: string | null | undefined, to: string | null | undefined, today: string): DateRange {
  let end = isDay(to) && to <= today ? to : today;
  let start = isDay(from) ? from : addDays(end, -(DEFAULT_RANGE_DAYS - 1));
  if (start > end) [start, end] = [end, start];
  if (start > today) start = today;
  if (daysBetween(start, end) + 1 > MAX_RANGE_DAYS) start = addDays(end, -(MAX_RANGE_DAYS - 1));
  return { from: start, to: end, days: daysBetween(start, end) + 1 };
}

/** Consecutive weeks ending with `to`, oldest first: rolling weeks, so the last bar is always complete. */
export function trendWeeks(to: string, weeks = TREND_WEEKS): { start: string; end: string }[] {
  return Array.from({ length: weeks }, (_, i) => {
    const end = addDays(to, -7 * (weeks - 1 - i));
    return { start: addDays(end, -6), end };
  });
}

export type AssignmentStatus = "on_time" | "late" | "in_progress" | "not_started";

export const STATUS_LABELS: Record<AssignmentStatus, string> = {
  on_time: "按时完成",
  late: "迟交",
  in_progress: "进行中",
  not_started: "未开始",
};

export interface AttemptSummary {
  /** The first submission's score if it was on or before the due date. */
  onTimeScore: number | null;
  /** The first submission's score: the one that counts (a retake is practice, its answers having been shown). */
  firstScore: number | null;
  submitted: boolean;
  started: boolean;
}

export interface AssignmentResult {
  status: AssignmentStatus;
  /** The first submission's score; on time or late as that submission was. */
  score: number | null;
}

export function assignmentResult(summary: AttemptSummary | undefined): AssignmentResult {
  if (!summary || !summary.started) return { status: "not_started", score: null };
  if (summary.onTimeScore !== null) return { status: "on_time", score: summary.onTimeScore };
  if (summary.submitted) return { status: "late", score: summary.firstScore };
  return { status: "in_progress", score: null };
}

/** "85" or "85.5": scores are stored to one decimal. */
export function formatScore(score: number | null): string {
  if (score === null) return "—";
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export interface ItemCounts {
  attempts: number;
  correct: number;
  upper: number;
  upperCorrect: number;
  lower: number;
  lowerCorrect: number;
}

export interface ItemStats {
  attempts: number;
  /** Share answering correctly (难度 P). */
  facility: number;
  /** Upper-group facility minus lower-group facility (区分度 D), −1…1. */
  discrimination: number | null;
  upperFacility: number | null;
  lowerFacility: number | null;
  /** Stronger candidates did worse than weaker ones: the key or the stem is probably wrong. */
  negative: boolean;
}

/** The size of the upper and lower groups for n attempts: 27 % rounded, at least one each. */
export function groupSize(n: number): number {
  return n <= 0 ? 0 : Math.max(1, Math.round(n * ITEM_GROUP_SHARE));
}

export function itemStats(counts: ItemCounts): ItemStats {
  const upperFacility = counts.upper > 0 ? counts.upperCorrect / counts.upper : null;
  const lowerFacility = counts.lower > 0 ? counts.lowerCorrect / counts.lower : null;
  const discrimination = upperFacility !== null && lowerFacility !== null ? upperFacility - lowerFacility : null;
  return {
    attempts: counts.attempts,
    facility: counts.attempts > 0 ? counts.correct / counts.attempts : 0,
    discrimination,
    upperFacility,
    lowerFacility,
    // A float difference of two equal shares is exactly 0, so "< 0" needs no tolerance.
    negative: counts.attempts >= ITEM_MIN_ATTEMPTS && discrimination !== null && discrimination < 0,
  };
}

/** How an item reads, by the usual rules of thumb (Ebel): D ≥ 0.4 very good … < 0 faulty. */
export function discriminationLabel(d: number | null): string {
  if (d === null) return "—";
  if (d < 0) return "反向，需复查";
  if (d < 0.2) return "较差";
  if (d < 0.3) return "尚可";
  if (d < 0.4) return "良好";
  return "优秀";
}

export interface LeaderboardEntry {
  userId: string;
  displayName: string;
  value: number;
}

/** Standard competition ranking (1, 2, 2, 4): equal effort, equal place. */
export function rankEntries<T extends LeaderboardEntry>(entries: readonly T[]): (T & { rank: number })[] {
  const sorted = [...entries].sort(
    (a, b) =>
      b.value - a.value || a.displayName.localeCompare(b.displayName, "zh-CN") || a.userId.localeCompare(b.userId),
  );
  let rank = 0;
  return sorted.map((entry, index) => {
    if (index === 0 || entry.value !== sorted[index - 1]!.value) rank = index + 1;
    return { ...entry, rank };
  });
}

/** 数据更新于…: the time the data read was current (a replica's lag shows here). */
export function freshnessLabel(
  source: { replica: boolean; dataAsOf: Date | string; lagSeconds: number },
  timeZone: string,
): string {
  const at = new Intl.DateTimeFormat("zh-CN", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).format(new Date(source.dataAsOf));
  if (!source.replica) return `数据更新于 ${at}`;
  const lag = Math.round(source.lagSeconds);
  return `数据更新于 ${at}（读自只读副本${lag >= 1 ? `，落后约 ${lag} 秒` : "，已与主库同步"}）`;
}
