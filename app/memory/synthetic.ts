/**
 * Synthetic learners for tests and the bench: each answers as a known FSRS forgetting curve with
 * its own "true" parameters says it remembers, while the app's scheduler (default parameters, no
 * fuzz) picks what to ask when — so a fit can be checked against the truth. Pure and seeded.
 */
import { Rating, createEmptyCard, fsrs, generatorParameters, type Card as FsrsCard } from "ts-fsrs";
import { studyDay, studyDayStart, addDays } from "~/study/day";
import { applyAnswer, newCardState, type CardState } from "~/study/scheduler";
import { DEFAULT_PARAMETERS } from "./defaults";

/** A learner who forgets fast: small initial stabilities, slow growth. */
export const FAST_FORGETTER: readonly number[] = withWeights({ 0: 0.05, 1: 0.15, 2: 0.35, 3: 1.2, 8: 0.9, 9: 0.3 });
/** A learner who keeps what they learn: large initial stabilities, fast growth. */
export const SLOW_FORGETTER: readonly number[] = withWeights({ 0: 1.2, 1: 3, 2: 8, 3: 20, 8: 2.3 });

export function withWeights(changes: Record<number, number>): number[] {
  const w = [...DEFAULT_PARAMETERS];
  for (const [index, value] of Object.entries(changes)) w[Number(index)] = value;
  return w;
}

/** Park–Miller: a small seeded generator, so a synthetic learner is the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

export interface SyntheticReview {
  card: number;
  correct: boolean;
  rating: Rating.Again | Rating.Good;
  studyDay: string;
  reviewedAt: Date;
  wasDue: boolean;
  before: CardState;
  after: CardState;
}

export interface SyntheticLearner {
  reviews: SyntheticReview[];
  /** Final card states, by card index. */
  cards: CardState[];
}

export interface SyntheticOptions {
  trueParameters: readonly number[];
  seed: number;
  /** Stop after this many reviews. */
  reviews: number;
  /** The first study day (YYYY-MM-DD). */
  firstDay: string;
  /** …and never study past this day (exclusive); default 365 days after the first. */
  lastDay?: string;
  newPerDay?: number;
  /** Chance of answering a point right the very first time it is asked (guessing, prior knowledge). */
  firstRecall?: number;
  timeZone?: string;
}

/** Reviews of one synthetic learner: each study day they answer every card due by the day's end, then new ones. */
export function syntheticLearner({
  trueParameters,
  seed,
  reviews: target,
  firstDay,
  lastDay = addDays(firstDay, 365),
  newPerDay = 5,
  firstRecall = 0.6,
  timeZone = "Asia/Shanghai",
}: SyntheticOptions): SyntheticLearner {
  const random = seededRandom(seed);
  const truth = fsrs(
    generatorParameters({
      w: [...trueParameters],
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: ["1m", "10m"],
      relearning_steps: ["10m"],
    }),
  );
  const cards: CardState[] = [];
  const truthCards: FsrsCard[] = [];
  const reviews: SyntheticReview[] = [];
  for (let day = firstDay; day < lastDay && reviews.length < target; day = addDays(day, 1)) {
    // About one day in seven is skipped, as people do.
    if (random() < 0.15) continue;
    const dayEnd = studyDayStart(addDays(day, 1), timeZone).getTime();
    let clock = studyDayStart(day, timeZone).getTime() + (4 + Math.floor(random() * 12)) * 3600_000;
    for (let n = 0; n < newPerDay; n++) {
      cards.push(newCardState(new Date(clock)));
      truthCards.push(createEmptyCard(new Date(clock)));
    }
    for (;;) {
      if (reviews.length >= target) break;
      let next = -1;
      for (let i = 0; i < cards.length; i++)
        if (cards[i]!.due.getTime() < dayEnd && (next < 0 || cards[i]!.due < cards[next]!.due)) next = i;
      if (next < 0) break;
      const at = new Date(Math.max(clock, cards[next]!.due.getTime()));
      if (at.getTime() >= dayEnd) break;
      const before = cards[next]!;
      const recall = before.state === "new" ? firstRecall : truth.get_retrievability(truthCards[next]!, at, false);
      const correct = random() < recall;
      const rating = correct ? Rating.Good : Rating.Again;
      const { card: after } = applyAnswer(before, correct, at, { fuzz: false });
      truthCards[next] = truth.next(truthCards[next]!, at, rating).card;
      cards[next] = after;
      reviews.push({
        card: next,
        correct,
        rating,
        studyDay: studyDay(at, timeZone),
        reviewedAt: at,
        wasDue: before.state === "review",
        before,
        after,
      });
      clock = at.getTime() + 15_000 + Math.floor(random() * 30_000);
    }
  }
  return { reviews, cards };
}
