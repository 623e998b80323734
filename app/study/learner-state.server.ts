import { hotQuery } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { Format } from "./answers";
import { LATE_GRACE_MS } from "./draw";
import { assignedSetsKey, latestPoolSnapshot, poolFor, poolSnapshot, type PoolPoint } from "./pool.server";
import { studyDay } from "./day";
import { interleaveNewPoints } from "./new-points";
import { CardTable, type QueueCard, type QueueState } from "./queue";
import type { CardState } from "./scheduler";

/** A study day ends within 25 hours of any instant (24, or 25 on the day clocks go back). */
const DAY_SPAN_MS = 25 * 3600_000;
/** A state kept in memory is used for this long after it was read (which also bounds what a missed change could cost). */
const STATE_TTL_MS = 3600_000;
/** Cards due before the end of any study day the state may serve: within a day's span of its last use. */
const CARDS_AHEAD_MS = DAY_SPAN_MS + STATE_TTL_MS;
/** Bounds on what the cache keeps (the least recently used learners go first). */
const MAX_LEARNERS = 2000;
// About 350 bytes a card in memory: 200,000 cards is some 70 MB.
const MAX_CARDS = 200_000;

/** A daily-session showing recorded from a state kept in memory, answerable without reading it back. */
export interface KnownShowing {
  questionId: string;
  knowledgePointId: string;
  options: string[];
}

/**
 * Everything a daily session decides on. Read in one query; between questions kept in memory,
 * updated by this process's own answers and checked against the learner's and the pool's versions
 * (bumped by triggers on whatever else changes them) inside the statements a question runs anyway.
 */
export interface LearnerState extends QueueState {
  userId: string;
  studyVersion: bigint;
  poolVersion: bigint;
  /** Epoch ms of the read. Cards are those due within 25 hours of it (drill: the lapsed ones). */
  readAt: number;
  desiredRetention: number;
  /** Fitted FSRS weights in force for the learner (app/memory), null for the defaults. */
  fsrsParameters: number[] | null;
  groups: string[];
  /** The pool the state was read against, and which assigned sets made it. */
  pool: ReadonlyMap<string, PoolPoint>;
  poolKey: string;
  /** The first dailyNewLimit + extraNew never-studied points, less those answered since. */
  unstudied: string[];
  /** Of the 25 hours before the read, and since. */
  created: number[];
  reviews: [string, string, string][];
  /**
   * The daily-session showing this process recorded from the state and not yet answered. One is
   * enough: a learner has at most one open showing (present_study_question), and a second tab is
   * shown that same one.
   */
  showing: (KnownShowing & { token: string }) | null;
}

interface LearnerStateRow {
  dailyNewLimit: number;
  desiredRetention: number;
  fsrsParameters: number[] | null;
  timeZone: string;
  studyVersion: string;
  poolVersion: string | null;
  quizPoints: string[] | null;
  groups: string[];
  /** Every point the learner has a card for, comma-separated (a thousand ids parse faster as one text). */
  kps: string | null;
  created: number[];
  reviews: [string, string, string][];
  cards: [
    string,
    string,
    CardState["state"],
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number | null,
    Format[] | null,
  ][];
}

// Least recently used first (a Map keeps insertion order; a use re-inserts).
const states = new Map<string, LearnerState>();
let cachedCards = 0;

function remember(state: LearnerState): void {
  forget(state.userId);
  states.set(state.userId, state);
  cachedCards += state.cards.size;
  for (const [userId, oldest] of states) {
    if (states.size <= MAX_LEARNERS && cachedCards <= MAX_CARDS) break;
    forget(userId, oldest);
  }
}

/** Drops a learner's kept state (`only`: unless it has been replaced by another since). */
export function forget(userId: string, only?: LearnerState): void {
  const state = states.get(userId);
  if (!state || (only && state !== only)) return;
  states.delete(userId);
  cachedCards -= state.cards.size;
}

/**
 * The learner's kept state if it can still serve a daily session at `now`: read within the hour
 * before, for the same number of extra new points, against the pool this process holds now. Whether
 * nothing changed in the database since is checked by the statement that uses it.
 */
export function keptState(userId: string, now: Date, extraNew: number): LearnerState | null {
  const state = states.get(userId);
  if (!state) return null;
  const age = now.getTime() - state.readAt;
  const snapshot = latestPoolSnapshot();
  const current =
    age >= 0 &&
    age < STATE_TTL_MS &&
    state.extraNew === extraNew &&
    // A new study day draws its own new points.
    studyDay(new Date(state.readAt), state.timeZone) === studyDay(now, state.timeZone) &&
    snapshot !== null &&
    snapshot.version === state.poolVersion &&
    // Assignments open with time: a learner's pool changes when one did.
    assignedSetsKey(snapshot, state.groups, now) === state.poolKey;
  if (!current) {
    forget(userId, state);
    return null;
  }
  states.delete(userId);
  states.set(userId, state);
  return state;
}

/** The state kept for a showing this process recorded, to answer it without reading it back. */
export function stateForShowing(userId: string, token: string): { state: LearnerState; showing: KnownShowing } | null {
  const state = states.get(userId);
  const showing = state?.showing?.token === token ? state.showing : null;
  return state && showing ? { state, showing } : null;
}

/**
 * Reads the learner's state in one query (round trips dominate a question's cost). The study day
 * depends on the time zone, which arrives in the same row, so time-bound parts cover the last 25
 * hours and are narrowed to the study day by whoever uses them. A daily-session state is kept.
 */
export async function readLearnerState(
  userId: string,
  now: Date,
  { extraNew, drill }: { extraNew: number; drill: boolean },
): Promise<LearnerState | null> {
  const since = new Date(now.getTime() - DAY_SPAN_MS);
  const askable = drill ? Prisma.sql`lapses >= 3` : Prisma.sql`due < ${new Date(now.getTime() + CARDS_AHEAD_MS)}`;
  const [row] = await hotQuery<LearnerStateRow>(Prisma.sql`
    select u.daily_new_limit as "dailyNewLimit", u.desired_retention as "desiredRetention", u.time_zone as "timeZone",
           effective_fsrs_parameters(u.id) as "fsrsParameters",
           coalesce((select version from study_versions where user_id = u.id), 0)::text as "studyVersion",
           (select version from pool_version where id = 1)::text as "poolVersion",
           array(select group_id::text from memberships where user_id = u.id) as "groups",
           c.kps, coalesce(c.created, '{}') as "created",
           (select coalesce(json_agg(json_build_array(id, knowledge_point_id, state, extract(epoch from due) * 1000, stability,
                      difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, extract(epoch from last_review) * 1000,
                      recent_formats)), '[]')
              from cards a where a.user_id = u.id and ${askable}) as "cards",
           (select coalesce(json_agg(json_build_array(knowledge_point_id, question_id, study_day) order by reviewed_at), '[]')
              from reviews where user_id = u.id and reviewed_at > ${since} and mode = 'study' and undone_at is null) as "reviews",
           array(select distinct q.knowledge_point_id::text
                   from attempts a join questions q on q.id = any(a.question_ids::uuid[])
                  where a.user_id = u.id and a.submitted_at is null
                    and (a.time_limit_sec is null or a.started_at + make_interval(secs => a.time_limit_sec + ${LATE_GRACE_MS / 1000}) >= ${now})) as "quizPoints"
    from users u
    cross join lateral (
      select string_agg(knowledge_point_id::text, ',') as kps,
             array_agg((extract(epoch from created_at) * 1000)::float8) filter (where created_at > ${since}) as created
      from cards where user_id = u.id and state <> 'new'
    ) c
    where u.id = ${userId}::uuid`);
  if (!row) return null;
  // Labelled with the snapshot's own version: a load already under way may be of an older one, and
  // then the version check refuses the state instead of trusting the newer label.
  const snapshot = await poolSnapshot(row.poolVersion === null ? 0n : BigInt(row.poolVersion));
  // The knowledge points of a running quiz are left out: the daily session shows each answer, and it would
  // be the quiz's. A quiz that starts or ends bumps the study version, so a kept state is read afresh.
  const assigned = poolFor(snapshot, row.groups, now);
  const inQuiz = new Set(row.quizPoints ?? []);
  const pool = inQuiz.size === 0 ? assigned : new Map([...assigned].filter(([kp]) => !inQuiz.has(kp)));
  const cards = new CardTable(pool);
  for (const [
    id,
    kp,
    state,
    due,
    stability,
    difficulty,
    elapsedDays,
    scheduledDays,
    learningSteps,
    reps,
    lapses,
    lastReview,
    formats,
  ] of row.cards) {
    cards.set({
      id,
      knowledgePointId: kp,
      state,
      due: new Date(due),
      stability,
      difficulty,
      elapsedDays,
      scheduledDays,
      learningSteps,
      reps,
      lapses,
      lastReview: lastReview === null ? null : new Date(lastReview),
      recentFormats: formats ?? [],
    });
  }
  let unstudied: string[] = [];
  let unstudiedComplete = true;
  if (!drill) {
    // The day's new points, mixed across kinds and documents, the same all day for this learner:
    // first those of sets assigned to the learner's groups (an assignment is due), then the rest.
    const studied = new Set(row.kps?.split(",") ?? []);
    const candidates = function* (assigned: boolean) {
      for (const [kp, point] of pool) {
        if (point.assigned === assigned && !studied.has(kp))
          yield { knowledgePointId: kp, kind: point.kind, documentId: point.documentId, sentence: point.sentence };
      }
    };
    const count = row.dailyNewLimit + extraNew;
    const seed = `${userId}:${studyDay(now, row.timeZone)}`;
    const first = interleaveNewPoints(candidates(true), count, seed);
    const rest =
      first.points.length < count ? interleaveNewPoints(candidates(false), count - first.points.length, seed) : null;
    unstudied = rest ? [...first.points, ...rest.points] : first.points;
    unstudiedComplete = first.complete && (rest?.complete ?? false);
  }
  const state: LearnerState = {
    userId,
    studyVersion: BigInt(row.studyVersion),
    poolVersion: snapshot.version,
    readAt: now.getTime(),
    dailyNewLimit: row.dailyNewLimit,
    desiredRetention: row.desiredRetention,
    fsrsParameters: row.fsrsParameters,
    timeZone: row.timeZone,
    groups: row.groups,
    extraNew,
    drill,
    pool,
    poolKey: assignedSetsKey(snapshot, row.groups, now),
    cards,
    unstudied,
    unstudiedComplete,
    created: row.created,
    reviews: row.reviews,
    showing: null,
  };
  if (!drill) remember(state);
  return state;
}

export function rememberShowing(state: LearnerState, token: string, showing: KnownShowing): void {
  if (!state.drill) state.showing = { token, ...showing };
}

/**
 * Applies this process's own recorded answer to the kept state. The answer's statement bumped the
 * learner's version once (the card trigger); any other change since makes the version differ and
 * the next statement that checks it refuses the state.
 */
export function applyOwnAnswer(
  state: LearnerState,
  token: string,
  answer: { card: QueueCard; isNew: boolean; questionId: string; format: Format; day: string; at: Date },
): void {
  const { card, isNew, questionId, format, day, at } = answer;
  if (state.showing?.token === token) state.showing = null;
  if (!state.cards.has(card.knowledgePointId) && states.get(state.userId) === state) cachedCards += 1;
  state.cards.set({ ...card, recentFormats: [format, ...card.recentFormats].slice(0, 5) });
  state.reviews.push([card.knowledgePointId, questionId, day]);
  if (isNew) {
    state.created.push(at.getTime());
    state.unstudied = state.unstudied.filter((kp) => kp !== card.knowledgePointId);
  }
  state.studyVersion += 1n;
}
