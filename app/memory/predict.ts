/**
 * What a learner's parameters predict about their cards: how much they would recall now and in 30
 * days without studying, and how many reviews a day the next 30 days take at each desired retention
 * (the workload simulator). Pure: cards and parameters in, numbers out. The card states are the
 * stored ones (a new set applies from the next review; nothing is recomputed from history).
 */
import { Rating } from "ts-fsrs";
import {
  MAX_DESIRED_RETENTION,
  MIN_DESIRED_RETENTION,
  scheduler,
  type CardState,
  type FsrsWeights,
} from "~/study/scheduler";

const DAY_MS = 86_400_000;

export type MemoryCard = Pick<CardState, "state" | "stability" | "difficulty" | "due" | "lastReview">;

/** 0.80, 0.81 … 0.97: the desired retentions a learner may choose. */
export const SIMULATED_RETENTIONS: readonly number[] = Array.from(
  { length: Math.round((MAX_DESIRED_RETENTION - MIN_DESIRED_RETENTION) * 100) + 1 },
  (_, i) => Math.round((MIN_DESIRED_RETENTION + i / 100) * 100) / 100,
);
export const SIMULATED_DAYS = 30;

function studied(card: MemoryCard): card is MemoryCard & { lastReview: Date } {
  return card.state !== "new" && card.lastReview !== null && card.stability > 0;
}

/** Mean probability of recall of the studied cards `daysAhead` days from now if none is reviewed; null without any. */
export function predictedRetention(
  cards: readonly MemoryCard[],
  parameters: FsrsWeights,
  now: Date,
  daysAhead = 0,
): number | null {
  const f = scheduler(0.9, { fuzz: false, parameters });
  let sum = 0;
  let count = 0;
  for (const card of cards) {
    if (!studied(card)) continue;
    const days = Math.max(0, Math.floor((now.getTime() - card.lastReview.getTime()) / DAY_MS) + daysAhead);
    sum += f.forgetting_curve(days, card.stability);
    count++;
  }
  return count === 0 ? null : sum / count;
}

export interface WorkloadPoint {
  retention: number;
  /** Expected reviews over the simulated days, and per day on average. */
  total: number;
  perDay: number;
}

interface Mass {
  /** Probability mass of cards in this state (a card is split between its futures). */
  mass: number;
  /** Mass-weighted sums, averaged when the state is reviewed. */
  stability: number;
  difficulty: number;
  elapsed: number;
}

/**
 * Expected reviews of the studied cards over the next `days` study days at each desired retention:
 * every card comes back at its stored due date, then at the intervals the parameters give for that
 * retention; each review is remembered with the forgetting curve's probability (else relearned the
 * same day: one more review, then a short interval). An exact expectation over both outcomes (not a
 * random draw, so the figures do not jitter between retentions), carried forward day by day with
 * like memory states merged (stability within 5 %, difficulty within 0.5, same interval), so a
 * learner's thousands of cards cost a few thousand steps. New cards are not counted.
 */
export function simulateWorkload(
  cards: readonly MemoryCard[],
  parameters: FsrsWeights,
  now: Date,
  { retentions = SIMULATED_RETENTIONS, days = SIMULATED_DAYS }: { retentions?: readonly number[]; days?: number } = {},
): WorkloadPoint[] {
  const starts: { day: number; elapsed: number; stability: number; difficulty: number }[] = [];
  for (const card of cards) {
    if (!studied(card)) continue;
    const day = Math.max(0, Math.floor((card.due.getTime() - now.getTime()) / DAY_MS));
    if (day >= days) continue;
    const at = Math.max(card.due.getTime(), now.getTime());
    const elapsed = Math.max(0, Math.floor((at - card.lastReview.getTime()) / DAY_MS));
    starts.push({ day, elapsed, stability: card.stability, difficulty: Math.min(10, Math.max(1, card.difficulty)) });
  }
  return retentions.map((retention) => {
    const f = scheduler(retention, { fuzz: false, parameters });
    const byDay = Array.from({ length: days }, () => new Map<string, Mass>());
    const add = (day: number, elapsed: number, stability: number, difficulty: number, mass: number) => {
      if (day >= days || mass <= 0) return;
      const key = `${Math.round(Math.log(stability) * 20)}|${Math.round(difficulty * 2)}|${elapsed}`;
      const state = byDay[day]!.get(key);
      if (state) {
        state.mass += mass;
        state.stability += stability * mass;
        state.difficulty += difficulty * mass;
      } else byDay[day]!.set(key, { mass, stability: stability * mass, difficulty: difficulty * mass, elapsed });
    };
    for (const start of starts) add(start.day, start.elapsed, start.stability, start.difficulty, 1);
    let total = 0;
    for (let day = 0; day < days; day++) {
      for (const state of byDay[day]!.values()) {
        const memory = { stability: state.stability / state.mass, difficulty: state.difficulty / state.mass };
        const { mass, elapsed } = state;
        const recall = elapsed > 0 ? f.forgetting_curve(elapsed, memory.stability) : 1;
        total += mass;
        const good = f.next_state(memory, elapsed, Rating.Good);
        const goodInterval = f.next_interval(good.stability, elapsed);
        add(day + goodInterval, goodInterval, good.stability, good.difficulty, mass * recall);
        if (recall < 1) {
          // The relearning step the same day, answered right.
          total += mass * (1 - recall);
          const relearned = f.next_state(f.next_state(memory, elapsed, Rating.Again), 0, Rating.Good);
          const interval = f.next_interval(relearned.stability, 0);
          add(day + interval, interval, relearned.stability, relearned.difficulty, mass * (1 - recall));
        }
      }
    }
    return { retention, total, perDay: total / days };
  });
}
