import type { Format } from "./answers";

/** Questions a quiz draws when neither the set nor the assignment says otherwise. */
export const DEFAULT_QUIZ_QUESTIONS = 20;
export const MAX_QUIZ_QUESTIONS = 200;
/** Time a quiz question is given when the learner picks the suggested limit. */
const SECONDS_PER_QUESTION = 45;

export interface DrawItem {
  questionId: string;
  knowledgePointId: string;
  format: Format;
  stem: string;
  answer: string[];
}

/** A uniform random number in [0, 1): Math.random in the app, a seeded one in tests. */
export type Random = () => number;

function shuffle<T>(list: readonly T[], random: Random): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The answer texts that would give a question away if another question's stem contained them.
 * 正确/错误 and one-character answers occur in ordinary text and reveal nothing.
 */
function tellingAnswers(item: Pick<DrawItem, "format" | "answer">): string[] {
  if (item.format === "truefalse") return [];
  return item.answer.map((a) => a.trim()).filter((a) => a.length >= 2);
}

/** Whether `stem` contains the answer of any of `shown` (questions met before it). */
export function revealsAnswerOf(stem: string, shown: readonly Pick<DrawItem, "format" | "answer">[]): boolean {
  return shown.some((q) => tellingAnswers(q).some((answer) => stem.includes(answer)));
}

/**
 * A quiz: one variant per knowledge point, `count` points at random, formats mixed (each point
 * asks the format used least so far among its variants, ties at random), no question whose stem
 * holds another drawn question's answer (while others are left to choose), in a random order.
 */
export function drawQuiz(items: readonly DrawItem[], count: number, random: Random = Math.random): string[] {
  const byPoint = new Map<string, DrawItem[]>();
  for (const item of items) byPoint.set(item.knowledgePointId, [...(byPoint.get(item.knowledgePointId) ?? []), item]);
  const points = shuffle([...byPoint.keys()], random);
  const used = new Map<Format, number>();
  const chosen: DrawItem[] = [];
  const leftOver: DrawItem[][] = [];
  for (const point of points) {
    if (chosen.length >= count) break;
    const variants = shuffle(byPoint.get(point)!, random).sort(
      (a, b) => (used.get(a.format) ?? 0) - (used.get(b.format) ?? 0),
    );
    const fits = variants.find(
      (v) => !revealsAnswerOf(v.stem, chosen) && !chosen.some((c) => revealsAnswerOf(c.stem, [v])),
    );
    if (!fits) {
      leftOver.push(variants);
      continue;
    }
    chosen.push(fits);
    used.set(fits.format, (used.get(fits.format) ?? 0) + 1);
  }
  // A small set may have no other points to draw: its clashing ones still make up the count.
  for (const variants of leftOver) {
    if (chosen.length >= count) break;
    chosen.push(variants[0]!);
  }
  return shuffle(chosen, random).map((c) => c.questionId);
}

/**
 * The order practice walks a set in: round by round, one variant of each knowledge point per
 * round, in the set's order, so that two variants of one point are never next to each other
 * (unless nothing else is left).
 */
export function practiceOrder<T extends Pick<DrawItem, "knowledgePointId">>(items: readonly T[]): T[] {
  const byPoint = new Map<string, T[]>();
  for (const item of items) byPoint.set(item.knowledgePointId, [...(byPoint.get(item.knowledgePointId) ?? []), item]);
  const queues = [...byPoint.values()];
  const out: T[] = [];
  while (out.length < items.length) {
    for (const queue of queues) {
      const next = queue.shift();
      if (!next) continue;
      // The last of one round and the first of the next may be one point: put another between.
      if (out.length > 0 && out.at(-1)!.knowledgePointId === next.knowledgePointId) {
        const other = queues.find((q) => q.length > 0 && q[0]!.knowledgePointId !== next.knowledgePointId);
        if (other) out.push(other.shift()!);
      }
      out.push(next);
    }
  }
  return out;
}

/** The suggested time limit for a quiz of `count` questions, in whole minutes (at least 5). */
export function suggestedMinutes(count: number): number {
  return Math.max(5, Math.ceil((count * SECONDS_PER_QUESTION) / 60));
}

/** The time limits a learner may choose from for a quiz of `count` questions. */
export function timeLimitChoices(count: number): number[] {
  const base = suggestedMinutes(count);
  return [...new Set([base, base * 2, base * 3])];
}

/** A timed quiz still takes answers this long after its deadline (as submitAnswer allows). */
export const LATE_GRACE_MS = 5000;
