/**
 * A member's progress as their group manager sees it: the same figures as the learner's own
 * progress page (the Progress shape, drawn by the same charts), counted only from the moment they
 * joined the group. A manager can add anyone by username; what that person studied before is
 * theirs, not the group's.
 */
import { prisma } from "~/db.server";
import { DAY_START_HOUR, addDays, streaks, studyDay, studyDayStart } from "~/study/day";
import type { LapseCard, Progress } from "~/study/progress.server";
import { FORECAST_DAYS, LAPSE_THRESHOLD, RECENT_DAYS, bucketForecast, buildHeatmap, ratio, recentDays, summarizeMastery, type DayCount, type MasteryRow } from "~/study/progress";

const LAPSE_LIST_LIMIT = 20;

export async function memberProgressSince(userId: string, joinedAt: Date, now = new Date()): Promise<Progress & { since: Date }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, desiredRetention: true } });
  const timeZone = user.timeZone;
  const today = studyDay(now, timeZone);
  const horizon = studyDayStart(addDays(today, FORECAST_DAYS), timeZone);

  const [days, due, mastery, lapses] = await Promise.all([
    // Reviews since joining, per study day (the learner's own days, as on their page).
    prisma.$queryRaw<{ day: string; reviews: number; correct: number; due: number; dueCorrect: number }[]>`
      SELECT study_day AS "day", count(*)::int AS "reviews", count(*) FILTER (WHERE correct)::int AS "correct",
             count(*) FILTER (WHERE was_due)::int AS "due", count(*) FILTER (WHERE was_due AND correct)::int AS "dueCorrect"
        FROM reviews
       WHERE user_id = ${userId}::uuid AND reviewed_at >= ${joinedAt}::timestamptz
       GROUP BY study_day`,
    // The forecast and mastery of cards started or reviewed since joining.
    prisma.$queryRaw<DayCount[]>`
      SELECT to_char((c.due AT TIME ZONE ${timeZone}) - make_interval(hours => ${DAY_START_HOUR}::int), 'YYYY-MM-DD') AS "day", count(*)::int AS "count"
        FROM cards c JOIN knowledge_points kp ON kp.id = c.knowledge_point_id
       WHERE c.user_id = ${userId}::uuid AND c.due < ${horizon}::timestamptz AND c.state <> 'new' AND kp.retired_at IS NULL
         AND (c.created_at >= ${joinedAt}::timestamptz OR c.last_review >= ${joinedAt}::timestamptz)
       GROUP BY 1`,
    prisma.$queryRaw<MasteryRow[]>`
      SELECT kp.document_id::text AS "documentId", d.title AS "title", kp.kind::text AS "kind", count(*)::int AS "cards",
             count(*) FILTER (
               WHERE c.state = 'review' AND c.reps > 0 AND c.stability > 0 AND c.last_review IS NOT NULL
                 AND floor(extract(epoch FROM (${now}::timestamptz - c.last_review)) / 86400) <= c.stability
             )::int AS "mastered"
        FROM cards c JOIN knowledge_points kp ON kp.id = c.knowledge_point_id JOIN documents d ON d.id = kp.document_id
       WHERE c.user_id = ${userId}::uuid AND kp.retired_at IS NULL
         AND (c.created_at >= ${joinedAt}::timestamptz OR c.last_review >= ${joinedAt}::timestamptz)
       GROUP BY kp.document_id, d.title, kp.kind`,
    // 易错题: points answered wrong on a due review (a lapse) at least LAPSE_THRESHOLD times since joining.
    prisma.$queryRaw<(LapseCard & { total: number })[]>`
      SELECT c.id::text AS "cardId", w.lapses AS "lapses", kp.id::text AS "knowledgePointId", kp.kind::text AS "kind",
             kp.subject AS "subject", kp.quote AS "quote", d.id::text AS "documentId", d.title AS "documentTitle",
             count(*) OVER ()::int AS "total"
        FROM (SELECT r.card_id, count(*)::int AS lapses
                FROM reviews r
               WHERE r.user_id = ${userId}::uuid AND r.reviewed_at >= ${joinedAt}::timestamptz AND r.was_due AND NOT r.correct
               GROUP BY r.card_id
              HAVING count(*) >= ${LAPSE_THRESHOLD}::int) w
        JOIN cards c ON c.id = w.card_id
        JOIN knowledge_points kp ON kp.id = c.knowledge_point_id
        JOIN documents d ON d.id = kp.document_id
       WHERE kp.retired_at IS NULL
       ORDER BY w.lapses DESC, c.last_review DESC NULLS LAST, c.id
       LIMIT ${LAPSE_LIST_LIMIT}::int`,
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
    if (row.day >= fromRecent && row.day <= today) {
      dueTotal += row.due;
      dueCorrect += row.dueCorrect;
    }
  }
  const studied = days.map((row) => row.day);
  return {
    since: joinedAt,
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
