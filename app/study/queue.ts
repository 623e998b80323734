import type { Format } from "./answers";
import { addDays, studyDay, studyDayStart } from "./day";
import { recallRank, recallSince, type CardState } from "./scheduler";

/** A learning card due within this window is shown early rather than ending the session. */
const LEARN_AHEAD_MS = 20 * 60_000;
/** Every fourth item is a new point while reviews are also waiting. */
const NEW_EVERY = 4;

/** A card as the daily queue ranks it and an answer updates it. */
export interface QueueCard extends CardState {
  id: string;
  knowledgePointId: string;
  /** Formats of the card's last five reviews, latest first. */
  recentFormats: Format[];
}

const STATE_CODES: Record<CardState["state"], number> = { new: 0, learning: 1, review: 2, relearning: 3 };
const LEARNING = 1;
const REVIEW = 2;
const RELEARNING = 3;
/** Set in `flags` for a card whose point is in the table's pool. */
const IN_POOL = 4;

/**
 * A learner's askable cards by knowledge point, with what ranks them also kept column by column:
 * every question scans them all, and reading hundreds of scattered card objects (and their dates)
 * costs more in memory stalls than the ranking itself.
 */
export class CardTable {
  private readonly rows: QueueCard[] = [];
  private readonly rowOf = new Map<string, number>();
  private due = new Float64Array(0);
  private lastReview = new Float64Array(0);
  private stability = new Float64Array(0);
  private flags = new Uint8Array(0);

  /** `pool`: the points the learner studies; a card outside it is kept but never ranked. */
  constructor(
    private readonly pool: ReadonlyMap<string, unknown>,
    cards: Iterable<QueueCard> = [],
  ) {
    for (const card of cards) this.set(card);
  }

  get size(): number {
    return this.rows.length;
  }

  get(knowledgePointId: string): QueueCard | undefined {
    const row = this.rowOf.get(knowledgePointId);
    return row === undefined ? undefined : this.rows[row];
  }

  has(knowledgePointId: string): boolean {
    return this.rowOf.has(knowledgePointId);
  }

  set(card: QueueCard): void {
    let row = this.rowOf.get(card.knowledgePointId);
    if (row === undefined) {
      row = this.rows.length;
      this.rowOf.set(card.knowledgePointId, row);
      if (row >= this.due.length) this.grow(Math.max(16, row * 2));
    }
    this.rows[row] = card;
    this.due[row] = card.due.getTime();
    this.lastReview[row] = recallSince(card);
    this.stability[row] = card.stability;
    this.flags[row] = STATE_CODES[card.state] | (this.pool.has(card.knowledgePointId) ? IN_POOL : 0);
  }

  private grow(capacity: number): void {
    const widen = <T extends Float64Array | Uint8Array>(old: T, fresh: T) => (fresh.set(old), fresh);
    this.due = widen(this.due, new Float64Array(capacity));
    this.lastReview = widen(this.lastReview, new Float64Array(capacity));
    this.stability = widen(this.stability, new Float64Array(capacity));
    this.flags = widen(this.flags, new Uint8Array(capacity));
  }

  /**
   * One pass over the ranked cards: each queue's first card and size. Reviews rank by recall
   * (lowest first), learning steps by due instant; `drill` ranks every lapsed card not reviewed today.
   */
  rank(nowMs: number, dayStartMs: number, dayEndMs: number, drill: boolean) {
    const queues = { learningDue: newQueue(), reviewDue: newQueue(), learnAhead: newQueue() };
    const offer = (queue: Queue, row: number, rank: number) => {
      queue.count++;
      if (rank < queue.best) {
        queue.best = rank;
        queue.row = row;
      }
    };
    for (let row = 0; row < this.rows.length; row++) {
      const flags = this.flags[row]!;
      if (!(flags & IN_POOL)) continue;
      const state = flags & 3;
      const due = this.due[row]!;
      const lastReview = this.lastReview[row]!;
      if (drill) {
        // 易错题 practice: each lapsed point once a day, weakest first.
        if (!(lastReview >= dayStartMs))
          offer(queues.reviewDue, row, recallRank(lastReview, this.stability[row]!, nowMs));
      } else if (due >= dayEndMs) {
        continue;
      } else if (state === REVIEW) {
        offer(queues.reviewDue, row, recallRank(lastReview, this.stability[row]!, nowMs));
      } else if (state === LEARNING || state === RELEARNING) {
        if (due <= nowMs) offer(queues.learningDue, row, due);
        else if (due <= nowMs + LEARN_AHEAD_MS) offer(queues.learnAhead, row, due);
      }
    }
    const first = (queue: Queue) => ({ item: queue.row < 0 ? null : this.rows[queue.row]!, count: queue.count });
    return {
      learningDue: first(queues.learningDue),
      reviewDue: first(queues.reviewDue),
      learnAhead: first(queues.learnAhead),
    };
  }
}

interface Queue {
  row: number;
  best: number;
  count: number;
}

function newQueue(): Queue {
  return { row: -1, best: Infinity, count: 0 };
}

/** What the daily queue is ranked from (a learner's state, read or kept). */
export interface QueueState {
  timeZone: string;
  dailyNewLimit: number;
  /** New points allowed beyond the daily limit ("再学 5 个新考点"). */
  extraNew: number;
  /** 易错题 practice: the cards are the lapsed ones, each asked once a day. */
  drill: boolean;
  /** The points the learner studies, in study order. */
  pool: ReadonlyMap<string, unknown>;
  /** Cards that may be asked, by knowledge point (ranked among the pool's points only). */
  cards: CardTable;
  /** Never-studied points of the pool in study order (the first ones). */
  unstudied: readonly string[];
  /** `unstudied` holds every never-studied point. */
  unstudiedComplete: boolean;
  /** Creation instants (epoch ms) of recent cards. */
  created: readonly number[];
  /** [knowledge point, question, study day] of recent daily-session reviews. */
  reviews: readonly (readonly [string, string, string])[];
}

/**
 * Ranks the state's queue at `now`: what to ask next (null: nothing) and the day's progress; null
 * when the state does not hold enough never-studied points to tell.
 */
export function chooseNext(state: QueueState, now: Date) {
  const today = studyDay(now, state.timeZone);
  const dayStart = studyDayStart(today, state.timeZone);
  const dayEnd = studyDayStart(addDays(today, 1), state.timeZone).getTime();
  let doneToday = 0;
  for (const review of state.reviews) if (review[2] === today) doneToday++;

  // Only the first of each queue is asked and the rest is counted.
  const { learningDue, reviewDue, learnAhead } = state.cards.rank(
    now.getTime(),
    dayStart.getTime(),
    dayEnd,
    state.drill,
  );
  let newPoints: string[] = [];
  if (!state.drill) {
    const introducedToday = state.created.filter((created) => created >= dayStart.getTime()).length;
    const allowance = Math.max(0, state.dailyNewLimit + state.extraNew - introducedToday);
    if (state.unstudied.length < allowance && !state.unstudiedComplete) return null;
    newPoints = state.unstudied.slice(0, allowance);
  }

  // Learning steps the session will still ask (due now or within LEARN_AHEAD_MS) count once each and
  // are also told apart: a point missed again and again is 巩固中, not "剩余 1" answer after answer.
  const learning = learningDue.count + learnAhead.count;
  const progress = { done: doneToday, remaining: learning + reviewDue.count + newPoints.length, learning };
  let chosen: { kp: string; card: QueueCard | null } | null = null;
  if (learningDue.item) chosen = { kp: learningDue.item.knowledgePointId, card: learningDue.item };
  else if (reviewDue.item && newPoints[0]) {
    chosen =
      doneToday % NEW_EVERY === NEW_EVERY - 1
        ? { kp: newPoints[0], card: null }
        : { kp: reviewDue.item.knowledgePointId, card: reviewDue.item };
  } else if (reviewDue.item) chosen = { kp: reviewDue.item.knowledgePointId, card: reviewDue.item };
  else if (newPoints[0]) chosen = { kp: newPoints[0], card: null };
  else if (learnAhead.item) chosen = { kp: learnAhead.item.knowledgePointId, card: learnAhead.item };
  // The variant a point was asked through today, if it was: siblings never share a day.
  let askedToday: string | null = null;
  if (chosen)
    for (const [kp, questionId, day] of state.reviews) if (kp === chosen.kp && day === today) askedToday = questionId;
  return { chosen, progress, askedToday };
}
