/**
 * A learner's progress page in five aggregate queries, each filtered first by user_id so it walks
 * that user's slice of an index (and stays on one shard when cards and reviews are split by user).
 */
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { DAY_START_HOUR, addDays, streaks, studyDay, studyDayStart } from "./day";
import {
  FORECAST_DAYS,
  LAPSE_THRESHOLD,
  MASTERY_MIN_STABILITY_DAYS,
  RECENT_DAYS,
  bucketForecast,
  buildHeatmap,
  ratio,
  recentDays,
  summarizeMastery,
  type DayCount,
  type DayOutcome,
  type Heatmap,
  type KnowledgeKindName,
  type Mastery,
  type MasteryRow,
} from "./progress";

/** How many 易错题 the page lists; the drill itself takes them all. */
export const LAPSE_LIST_LIMIT = 20;

export interface LapseCard {
  cardId: string;
  lapses: number;
  knowledgePointId: string;
  kind: KnowledgeKindName;
  subject: string;
  quote: string;
  documentId: string;
  documentTitle: string;
}

export interface Progress {
  today: string;
  timeZone: string;
  desiredRetention: number;
  totalReviews: number;
  studyDays: number;
  streak: { current: number; longest: number; studiedToday: boolean };
  heatmap: Heatmap;
  recent: DayOutcome[];
  /** Reviews of due cards in the last 30 study days, and how many were right. */
  retention: { correct: number; total: number; rate: number | null };
  forecast: DayCount[];
  mastery: Mastery;
  lapses: { total: number; cards: LapseCard[] };
}

interface DayRow {
  day: string;
  reviews: number;
  correct: number;
  due: number;
  dueCorrect: number;
}

/**
 * Every study day the user answered anything: at most one row per day, however many reviews. The
 * whole history comes from the trigger-kept review_days rollup; a history since a moment (a group
 * manager's view) is aggregated from the reviews themselves.
 */
function reviewDays(userId: string, since: Date | null) {
  if (!since) {
    return prisma.$queryRaw<DayRow[]>`
      SELECT study_day AS "day", reviews::int AS "reviews", correct::int AS "correct", due::int AS "due", due_correct::int AS "dueCorrect"
        FROM review_days
       WHERE user_id = ${userId}::uuid`;
  }
  return prisma.$queryRaw<DayRow[]>`
    SELECT study_day AS "day",
           count(*)::int AS "reviews",
           count(*) FILTER (WHERE correct)::int AS "correct",
           count(*) FILTER (WHERE was_due)::int AS "due",
           count(*) FILTER (WHERE was_due AND correct)::int AS "dueCorrect"
      FROM reviews
     WHERE user_id = ${userId}::uuid AND reviewed_at >= ${since}::timestamptz AND undone_at IS NULL
     GROUP BY study_day`;
}

/**
 * Review cards due before the horizon, per study day in the learner's zone. The SQL day is the
 * wall-clock time minus the day-start hour, which is exactly how studyDay() in day.ts counts,
 * daylight saving included. Cards never answered (state new) are not reviews, and retired knowledge
 * points leave the daily session, so neither is forecast. Overdue days are folded into today later.
 */
function dueDays(userId: string, timeZone: string, horizon: Date, since: Date | null) {
  return prisma.$queryRaw<DayCount[]>`
    SELECT to_char((c.due AT TIME ZONE ${timeZone}) - make_interval(hours => ${DAY_START_HOUR}::int), 'YYYY-MM-DD') AS "day",
           count(*)::int AS "count"
      FROM cards c
      JOIN knowledge_points kp ON kp.id = c.knowledge_point_id
     WHERE c.user_id = ${userId}::uuid
       AND c.due < ${horizon}::timestamptz
       AND c.state <> 'new'
       AND kp.retired_at IS NULL
       ${cardsSince(since)}
     GROUP BY 1`;
}

/**
 * Cards per (document, kind) and how many are recalled with probability ≥ 90 % now.
 *
 * Computed in SQL rather than by calling retrievability() on every card: FSRS defines stability S as
 * the number of days after which retrievability falls to 90 %, and its forgetting curve
 * R = (1 + F·t/S)^−decay decreases in t with F chosen so that R(S) = 0.9 (ts-fsrs rounds it to
 * exactly 0.9). So R ≥ 0.9 ⟺ t ≤ S, whatever the decay parameter, where t is what ts-fsrs's
 * get_retrievability uses: whole days since the last review, floored. Cards never reviewed have
 * R = 0, as in retrievability(). Only cards in the review state count: a learning or relearning
 * card (just lapsed, or not yet through its steps) has a fresh review and a tiny stability, which
 * would make it "mastered" on the day it was answered wrong. The integration test checks this
 * against retrievability().
 */
function masteryRows(userId: string, now: Date, since: Date | null) {
  return prisma.$queryRaw<MasteryRow[]>`
    SELECT kp.document_id::text AS "documentId",
           d.title AS "title",
           kp.kind::text AS "kind",
           count(*)::int AS "cards",
           count(*) FILTER (
             WHERE c.state = 'review' AND c.reps > 0 AND c.stability >= ${MASTERY_MIN_STABILITY_DAYS}::float8 AND c.last_review IS NOT NULL
               AND floor(extract(epoch FROM (${now}::timestamptz - c.last_review)) / 86400) <= c.stability
           )::int AS "mastered"
      FROM cards c
      JOIN knowledge_points kp ON kp.id = c.knowledge_point_id
      JOIN documents d ON d.id = kp.document_id
     WHERE c.user_id = ${userId}::uuid
       AND kp.retired_at IS NULL
       ${cardsSince(since)}
     GROUP BY kp.document_id, d.title, kp.kind`;
}

/**
 * The most-lapsed cards, with the total for the heading; retired points cannot be drilled, so left
 * out. Since a date (a manager's view from the day a member joined), lapses are counted from the
 * reviews after it: wrong answers on due reviews.
 */
function lapseCards(userId: string, since: Date | null) {
  const lapsed = since
    ? Prisma.sql`SELECT r.card_id, count(*)::int AS lapses
                   FROM reviews r
                  WHERE r.user_id = ${userId}::uuid AND r.reviewed_at >= ${since}::timestamptz AND r.was_due AND NOT r.correct AND r.undone_at IS NULL
                  GROUP BY r.card_id
                 HAVING count(*) >= ${LAPSE_THRESHOLD}::int`
    : Prisma.sql`SELECT id AS card_id, lapses FROM cards WHERE user_id = ${userId}::uuid AND lapses >= ${LAPSE_THRESHOLD}::int`;
  return prisma.$queryRaw<(LapseCard & { total: number })[]>`
    SELECT c.id::text AS "cardId",
           w.lapses AS "lapses",
           kp.id::text AS "knowledgePointId",
           kp.kind::text AS "kind",
           kp.subject AS "subject",
           kp.quote AS "quote",
           d.id::text AS "documentId",
           d.title AS "documentTitle",
           count(*) OVER ()::int AS "total"
      FROM (${lapsed}) w
      JOIN cards c ON c.id = w.card_id
      JOIN knowledge_points kp ON kp.id = c.knowledge_point_id
      JOIN documents d ON d.id = kp.document_id
     WHERE kp.retired_at IS NULL
     ORDER BY w.lapses DESC, c.last_review DESC NULLS LAST, c.id
     LIMIT ${LAPSE_LIST_LIMIT}::int`;
}

/** Cards started or reviewed since a date (none left out without one). */
function cardsSince(since: Date | null) {
  return since
    ? Prisma.sql`AND (c.created_at >= ${since}::timestamptz OR c.last_review >= ${since}::timestamptz)`
    : Prisma.empty;
}

/**
 * The learner's progress page. `since` limits it to activity from that moment on: a group manager
 * sees a member only from the day they joined the group (what they studied before is theirs).
 */
export async function getProgress(
  userId: string,
  now = new Date(),
  { since = null }: { since?: Date | null } = {},
): Promise<Progress> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { timeZone: true, desiredRetention: true },
  });
  const timeZone = user.timeZone;
  const today = studyDay(now, timeZone);
  const horizon = studyDayStart(addDays(today, FORECAST_DAYS), timeZone);

  const [days, due, mastery, lapses] = await Promise.all([
    reviewDays(userId, since),
    dueDays(userId, timeZone, horizon, since),
    masteryRows(userId, now, since),
    lapseCards(userId, since),
  ]);

  const fromRecent = addDays(today, -(RECENT_DAYS - 1));
  let totalReviews = 0;
  let dueTotal = 0;
  let dueCorrect = 0;
  const counts = new Map<string, number>();
  const outcomes = new Map<string, { correct: number; wrong: number }>();
  for (const row of days) {
    totalReviews += row.reviews;
    counts.set(row.day, row.reviews);
    outcomes.set(row.day, { correct: row.correct, wrong: row.reviews - row.correct });
    // A day stamped after today (a clock moved back, a zone changed westwards) is not "the last 30 days".
    if (row.day >= fromRecent && row.day <= today) {
      dueTotal += row.due;
      dueCorrect += row.dueCorrect;
    }
  }
  const studied = days.map((row) => row.day);

  return {
    today,
    timeZone,
    desiredRetention: user.desiredRetention,
    totalReviews,
    studyDays: studied.length,
    streak: { ...streaks(studied, today), studiedToday: counts.has(today) },
    heatmap: buildHeatmap(counts, today),
    recent: recentDays(outcomes, today),
    retention: { correct: dueCorrect, total: dueTotal, rate: ratio(dueCorrect, dueTotal) },
    forecast: bucketForecast(due, today),
    mastery: summarizeMastery(mastery),
    lapses: { total: lapses[0]?.total ?? 0, cards: lapses.map(({ total: _, ...card }) => card) },
  };
}
