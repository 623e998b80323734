import { Rating, State, fsrs, generatorParameters, type Card as FsrsCard, type FSRS } from "ts-fsrs";

/** The card fields as stored (Prisma's Card without ids). */
export interface CardState {
  state: "new" | "learning" | "review" | "relearning";
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
}

export const DEFAULT_DESIRED_RETENTION = 0.9;
export const MIN_DESIRED_RETENTION = 0.8;
export const MAX_DESIRED_RETENTION = 0.97;
/** The material is yearly: nothing needs to wait longer than a year. */
export const MAXIMUM_INTERVAL_DAYS = 365;

const STATES: CardState["state"][] = ["new", "learning", "review", "relearning"];
const STATE_OF: Record<CardState["state"], State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

const schedulers = new Map<string, FSRS>();

/** FSRS weights fitted to a learner or group (app/memory); null or absent: ts-fsrs's defaults. */
export type FsrsWeights = readonly number[] | null;

/** ts-fsrs 5 with short learning steps; fuzz spreads reviews so a day's cards don't all return together. */
export function scheduler(
  desiredRetention = DEFAULT_DESIRED_RETENTION,
  { fuzz = true, parameters = null }: { fuzz?: boolean; parameters?: FsrsWeights } = {},
): FSRS {
  const retention = Math.min(MAX_DESIRED_RETENTION, Math.max(MIN_DESIRED_RETENTION, desiredRetention));
  const weights = parameters && parameters.length > 0 ? parameters : null;
  const key = `${retention}:${fuzz}:${weights?.join(",") ?? ""}`;
  let f = schedulers.get(key);
  if (!f) {
    // Each fitted set makes its own schedulers: bounded (they are cheap to make again).
    if (schedulers.size >= 2000) schedulers.clear();
    f = fsrs(
      generatorParameters({
        ...(weights ? { w: [...weights] } : {}),
        request_retention: retention,
        maximum_interval: MAXIMUM_INTERVAL_DAYS,
        enable_fuzz: fuzz,
        enable_short_term: true,
        learning_steps: ["1m", "10m"],
        relearning_steps: ["10m"],
      }),
    );
    schedulers.set(key, f);
  }
  return f;
}

export function newCardState(now: Date): CardState {
  return {
    state: "new",
    due: now,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
  };
}

function toFsrs(card: CardState): FsrsCard {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_OF[card.state],
    ...(card.lastReview ? { last_review: card.lastReview } : {}),
  };
}

function fromFsrs(card: FsrsCard): CardState {
  return {
    state: STATES[card.state]!,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review ?? null,
  };
}

/**
 * A quiz answer is right or wrong, not a self-rating: wrong is Again and right is Good, as the
 * FSRS author advises (never Hard for wrong, which would lengthen the interval of a forgotten fact).
 */
export function ratingFor(correct: boolean): Rating.Again | Rating.Good {
  return correct ? Rating.Good : Rating.Again;
}

export function applyAnswer(
  card: CardState,
  correct: boolean,
  now: Date,
  {
    desiredRetention = DEFAULT_DESIRED_RETENTION,
    fuzz = true,
    parameters = null,
  }: { desiredRetention?: number; fuzz?: boolean; parameters?: FsrsWeights } = {},
) {
  const rating = ratingFor(correct);
  const next = fromFsrs(scheduler(desiredRetention, { fuzz, parameters }).next(toFsrs(card), now, rating).card);
  // ts-fsrs keeps a Good interval one day longer than the last one even at the maximum, so a card
  // at the cap would creep to 366, 367… days; the cap is a promise to learners, so hold it.
  if (next.scheduledDays > MAXIMUM_INTERVAL_DAYS) {
    next.scheduledDays = MAXIMUM_INTERVAL_DAYS;
    next.due = new Date(now.getTime() + MAXIMUM_INTERVAL_DAYS * 86_400_000);
  }
  return { card: next, rating };
}

/** The fields recall depends on: a session ranks hundreds of cards by it without reading the rest. */
export type RecallFields = Pick<CardState, "state" | "stability" | "reps" | "lastReview">;

const DAY_MS = 86_400_000;
const defaultScheduler = scheduler();

/**
 * Probability of recall now (0–1); 0 for a card never reviewed. ts-fsrs's get_retrievability,
 * without converting and copying the whole card first (a session ranks hundreds per request):
 * whole days since the last review on the forgetting curve, as it counts them.
 */
export function retrievability(card: RecallFields, now: Date): number {
  if (card.state === "new" || card.reps === 0 || !card.lastReview) return 0;
  const days = Math.max(Math.floor((now.getTime() - card.lastReview.getTime()) / DAY_MS), 0);
  return defaultScheduler.forgetting_curve(days, +card.stability.toFixed(8));
}

/**
 * Orders cards as `retrievability` does (lower first) without evaluating the forgetting curve:
 * recall falls with whole days elapsed over stability alone, and a queue ranks hundreds of cards.
 */
export function recallOrder(card: RecallFields, now: Date): number {
  return recallRank(recallSince(card), card.stability, now.getTime());
}

/** The instant (epoch ms) recall is measured from: the last review, or NaN for a card never reviewed. */
export function recallSince(card: RecallFields): number {
  return card.state !== "new" && card.reps > 0 && card.lastReview ? card.lastReview.getTime() : Number.NaN;
}

/** `recallOrder` on plain numbers (`lastReviewMs` from `recallSince`; NaN ranks first). */
export function recallRank(lastReviewMs: number, stability: number, nowMs: number): number {
  if (Number.isNaN(lastReviewMs) || !(stability > 0)) return -Infinity;
  const days = Math.max(Math.floor((nowMs - lastReviewMs) / DAY_MS), 0);
  return -days / stability;
}

/** A knowledge point is "stable" once it survived a review interval of three weeks: time for fill-in. */
export function isStable(card: Pick<CardState, "state" | "stability">): boolean {
  return card.state === "review" && card.stability >= 21;
}
