/**
 * Pure shaping of a learner's progress figures: the database returns per-day and per-group counts,
 * these helpers turn them into the grids and series the charts draw (and that unit tests pin down).
 */
import { KNOWLEDGE_KIND_LABELS, KNOWLEDGE_KINDS, type KnowledgeKind } from "~/vocabulary";
import { addDays, daysBetween } from "./day";

export type KnowledgeKindName = KnowledgeKind;

export const KIND_LABELS: Record<KnowledgeKindName, string> = KNOWLEDGE_KIND_LABELS;
export const KINDS: readonly KnowledgeKindName[] = KNOWLEDGE_KINDS;

/** "Mastered" means a recall probability of at least this much now… */
export const MASTERY_RETRIEVABILITY = 0.9;
/**
 * …on a memory that lasts: a stability of at least this many days (the card would still be
 * recalled with 90 % three weeks after a review; Anki calls such cards mature). Minutes after a
 * point is first seen its stability is a few days: learnt, not mastered.
 */
export const MASTERY_MIN_STABILITY_DAYS = 21;
/** The label's explanation, wherever 已掌握 is shown. */
export const MASTERY_EXPLANATION = `已掌握：记忆稳定度达到 ${MASTERY_MIN_STABILITY_DAYS} 天以上（${MASTERY_MIN_STABILITY_DAYS} 天不复习仍有九成把握记得），且现在回忆概率不低于 90%`;
/** Cards lapsed this often are the learner's 易错题. */
export const LAPSE_THRESHOLD = 3;

export const HEATMAP_WEEKS = 53;
export const RECENT_DAYS = 30;
export const FORECAST_DAYS = 30;

const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"] as const;

/** 0 = Monday … 6 = Sunday: Chinese calendars start the week on Monday. */
export function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function parts(day: string) {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return { year, month, date };
}

/** "2024年3月5日" */
export function chineseDate(day: string): string {
  const { year, month, date } = parts(day);
  return `${year}年${month}月${date}日`;
}

/** "3月5日" */
export function shortChineseDate(day: string): string {
  const { month, date } = parts(day);
  return `${month}月${date}日`;
}

/** "周二" */
export function chineseWeekday(day: string): string {
  return `周${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!}`;
}

export type HeatLevel = 0 | 1 | 2 | 3 | 4;

/** Quarters of the busiest day, so one level always means the same share of a learner's own peak. */
export function heatLevel(count: number, max: number): HeatLevel {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / max))) as HeatLevel;
}

export interface HeatmapCell {
  day: string;
  count: number;
  level: HeatLevel;
}

export interface Heatmap {
  /** Columns of seven cells, Monday first; null past today. */
  weeks: (HeatmapCell | null)[][];
  /** Where a month begins, to label above the columns. */
  months: { column: number; label: string }[];
  start: string;
  end: string;
  max: number;
  total: number;
}

/**
 * A GitHub-style year grid ending with today's week: `weeks` columns, so a full year is always
 * shown whatever weekday today is.
 */
export function buildHeatmap(counts: ReadonlyMap<string, number>, today: string, weeks = HEATMAP_WEEKS): Heatmap {
  const start = addDays(today, -weekdayIndex(today) - 7 * (weeks - 1));
  let max = 0;
  let total = 0;
  for (let day = start; day <= today; day = addDays(day, 1)) {
    const count = counts.get(day) ?? 0;
    max = Math.max(max, count);
    total += count;
  }
  const columns: (HeatmapCell | null)[][] = [];
  const months: Heatmap["months"] = [];
  let previousMonth = -1;
  for (let w = 0; w < weeks; w++) {
    const column: (HeatmapCell | null)[] = [];
    for (let d = 0; d < 7; d++) {
      const day = addDays(start, 7 * w + d);
      if (day > today) {
        column.push(null);
        continue;
      }
      const count = counts.get(day) ?? 0;
      column.push({ day, count, level: heatLevel(count, max) });
    }
    // A month is labelled above the first column whose Monday falls in it, as GitHub does.
    const month = parts(addDays(start, 7 * w)).month;
    if (month !== previousMonth) {
      months.push({ column: w, label: `${month}月` });
      previousMonth = month;
    }
    columns.push(column);
  }
  // The first column's month is usually a sliver of the previous year: drop its label when the
  // next one would overlap it.
  if (months.length > 1 && months[1]!.column - months[0]!.column < 3) months.shift();
  return { weeks: columns, months, start, end: today, max, total };
}

export interface DayOutcome {
  day: string;
  correct: number;
  wrong: number;
}

/** The last `days` study days up to today, oldest first, with zeroes where nothing was answered. */
export function recentDays(
  rows: ReadonlyMap<string, { correct: number; wrong: number }>,
  today: string,
  days = RECENT_DAYS,
): DayOutcome[] {
  const result: DayOutcome[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = addDays(today, -i);
    const row = rows.get(day);
    result.push({ day, correct: row?.correct ?? 0, wrong: row?.wrong ?? 0 });
  }
  return result;
}

export interface DayCount {
  day: string;
  count: number;
}

/**
 * Cards due per study day from today on; whatever is overdue is due today, since today's session
 * is where it will be answered. Days past the horizon are dropped.
 */
export function bucketForecast(rows: readonly DayCount[], today: string, days = FORECAST_DAYS): DayCount[] {
  const buckets = Array.from({ length: days }, (_, i) => ({ day: addDays(today, i), count: 0 }));
  for (const row of rows) {
    const index = Math.max(0, daysBetween(today, row.day));
    if (index < days) buckets[index]!.count += row.count;
  }
  return buckets;
}

/** A share, or null when there is nothing to divide (shown as "—", never as 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** "87%" or "—". */
export function percent(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}

export interface MasteryRow {
  documentId: string;
  title: string;
  kind: KnowledgeKindName;
  cards: number;
  mastered: number;
}

export interface MasteryGroup {
  cards: number;
  mastered: number;
}

export interface Mastery {
  total: MasteryGroup;
  byKind: (MasteryGroup & { kind: KnowledgeKindName; label: string })[];
  byDocument: (MasteryGroup & { documentId: string; title: string })[];
}

/** Folds (document × kind) counts into totals per kind (all three, even empty) and per document. */
export function summarizeMastery(rows: readonly MasteryRow[]): Mastery {
  const total = { cards: 0, mastered: 0 };
  const kinds = new Map(KINDS.map((kind) => [kind, { cards: 0, mastered: 0 }]));
  const documents = new Map<string, { documentId: string; title: string; cards: number; mastered: number }>();
  for (const row of rows) {
    total.cards += row.cards;
    total.mastered += row.mastered;
    const kind = kinds.get(row.kind);
    if (kind) {
      kind.cards += row.cards;
      kind.mastered += row.mastered;
    }
    const document = documents.get(row.documentId) ?? {
      documentId: row.documentId,
      title: row.title,
      cards: 0,
      mastered: 0,
    };
    document.cards += row.cards;
    document.mastered += row.mastered;
    documents.set(row.documentId, document);
  }
  return {
    total,
    byKind: KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], ...kinds.get(kind)! })),
    byDocument: [...documents.values()].sort(
      (a, b) =>
        b.cards - a.cards || a.title.localeCompare(b.title, "zh-CN") || a.documentId.localeCompare(b.documentId),
    ),
  };
}

/** A y axis for counts: whole-number steps of 1, 2 or 5 × 10ⁿ, about `count` of them, topping the data. */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}
