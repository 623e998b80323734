/**
 * A group's report in a handful of aggregate queries run side by side. Every scan of reviews and
 * cards starts from the group's memberships and walks each member's slice of a (user_id, …) index,
 * as the learner's own progress page does, so the work grows with the group and not with the
 * platform (and stays shard-friendly when reviews are split by user).
 *
 * Days are study days in the group's time zone (04:00 to 04:00), computed from reviewed_at rather
 * than from each review's stored study_day, which is in the learner's own zone.
 */
// Reads go to the reporting database (DATABASE_REPLICA_URL when set); the item-analysis flags a
// report raises are written, and decided, on the primary.
import { prisma, readsFromReplica, reportingDataAsOf, reportingPrisma as readDb } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { DAY_START_HOUR, addDays, daysBetween, studyDay, studyDayStart } from "~/study/day";
import { MASTERY_MIN_STABILITY_DAYS, ratio, type KnowledgeKindName } from "~/study/progress";
import {
  ACTIVE_DAYS,
  ITEM_MIN_ATTEMPTS,
  WEAK_POINT_LIMIT,
  WEAK_POINT_MIN_REVIEWS,
  assignmentResult,
  itemStats,
  resolveRange,
  trendWeeks,
  type AssignmentResult,
  type DateRange,
  type ItemStats,
} from "./report";

export interface Share {
  part: number;
  whole: number;
  rate: number | null;
}

const share = (part: number, whole: number): Share => ({ part, whole, rate: ratio(part, whole) });

export interface ReportAssignment {
  id: string;
  setId: string;
  title: string;
  opensAt: Date | null;
  dueAt: Date | null;
  /** Set when the set was republished without this group: history only, closed to learners. */
  withdrawnAt: Date | null;
  /** Due by the end of the range: only these count toward on-time completion. */
  closed: boolean;
  submitted: number;
  onTime: number;
  averageScore: number | null;
}

export interface MemberRow {
  userId: string;
  username: string;
  displayName: string;
  joinedAt: Date;
  lastStudyDay: string | null;
  streak: number;
  reviews7: number;
  reviewsRange: number;
  retention: Share;
  mastery: Share;
  coverage: Share;
  results: Record<string, AssignmentResult>;
}

export interface TrendWeek {
  start: string;
  end: string;
  activeMembers: number;
  reviews: number;
  retention: Share;
  averageScore: number | null;
  submissions: number;
}

export interface WeakPoint {
  knowledgePointId: string;
  kind: KnowledgeKindName;
  subject: string;
  quote: string;
  documentId: string;
  documentTitle: string;
  passageOrdinal: number | null;
  members: number;
  retention: Share;
}

export interface ItemRow extends ItemStats {
  questionId: string;
  stem: string;
  format: string;
  flagged: boolean;
}

export interface ItemAnalysis {
  assignmentId: string;
  title: string;
  /** Members' first submitted attempts analysed. */
  attempts: number;
  items: ItemRow[];
}

export interface GroupReport {
  group: { id: string; name: string; description: string; timeZone: string; leaderboardEnabled: boolean };
  today: string;
  range: DateRange;
  summary: {
    members: number;
    activeThisWeek: number;
    retention: Share;
    coverage: Share & { points: number };
    onTime: Share & { assignments: number };
  };
  assignments: ReportAssignment[];
  members: MemberRow[];
  trends: TrendWeek[];
  weakest: WeakPoint[];
  itemAnalysis: ItemAnalysis[];
  /** How current the data read is: the replica's last replayed transaction, or the time it was read. */
  source: { replica: boolean; dataAsOf: Date; lagSeconds: number };
}

export interface Window {
  groupId: string;
  timeZone: string;
  range: DateRange;
  /** First day of the daily scan: the range start or the first trend week, whichever is earlier. */
  scanFrom: string;
  trendFrom: string;
  activeFrom: string;
  scanStart: Date;
  rangeStart: Date;
  end: Date;
}

/** The study day of reviewed_at in the group's zone, exactly as studyDay() counts it. */
function dayExpr(timeZone: string, column: Prisma.Sql) {
  return Prisma.sql`((${column} AT TIME ZONE ${timeZone}) - make_interval(hours => ${DAY_START_HOUR}::int))::date`;
}

/**
 * Privacy: a manager sees a member's activity only from the study day they joined the group on
 * (`m` is the membership), never their history from before — a manager can add anyone by username.
 */
function sinceJoinedDay(timeZone: string, studyDayColumn: Prisma.Sql) {
  return Prisma.sql`${studyDayColumn} >= to_char(${dayExpr(timeZone, Prisma.sql`m.joined_at`)}, 'YYYY-MM-DD')`;
}

interface ActivityRow {
  kind: "member" | "week";
  key: string;
  count7: number;
  reviews: number;
  due: number;
  dueCorrect: number;
  lastDay: string | null;
  runLength: number | null;
  runStart: string | null;
}

/**
 * One pass over the members' reviews in the scan window, folded to (member, day) and from there to
 * per-member rows (recent counts, retention, the run of consecutive days ending on the last day
 * studied) and per-week rows (active members, reviews, retention).
 */
/**
 * Daily activity comes from `review_days` (one row per learner and study day, kept by a trigger on
 * reviews): a group of 1,000 over 90 days reads ~90,000 rows instead of ~2 million reviews. Its days
 * are each learner's own study days, which are the group's as long as members share its time zone.
 */
function activitySql(w: Window) {
  return Prisma.sql`
    WITH daily AS (
      SELECT d.user_id, d.study_day::date AS day, d.reviews AS n, d.due, d.due_correct
        FROM memberships m
        JOIN review_days d ON d.user_id = m.user_id
       WHERE m.group_id = ${w.groupId}::uuid AND m.role = 'member'
         AND d.study_day >= ${w.scanFrom} AND d.study_day <= ${w.range.to}
         AND ${sinceJoinedDay(w.timeZone, Prisma.sql`d.study_day`)}
    ),
    ranked AS (
      -- Consecutive days share day + their rank counted from the latest one; the latest day's value
      -- (head) marks the run that ends on it.
      SELECT r.*, first_value(r.run) OVER (PARTITION BY r.user_id ORDER BY r.day DESC) AS head
        FROM (SELECT d.*, d.day + (row_number() OVER (PARTITION BY d.user_id ORDER BY d.day DESC))::int AS run FROM daily d) r
    ),
    members AS (
      -- One aggregate per member and no self-join: the statement is prepared once per connection, and
      -- its generic plan (estimating a handful of rows) made that join a nested loop over both sides.
      SELECT user_id,
             coalesce(sum(n) FILTER (WHERE day >= ${w.activeFrom}::date), 0)::int AS count7,
             coalesce(sum(n) FILTER (WHERE day >= ${w.range.from}::date), 0)::int AS reviews,
             coalesce(sum(due) FILTER (WHERE day >= ${w.range.from}::date), 0)::int AS due,
             coalesce(sum(due_correct) FILTER (WHERE day >= ${w.range.from}::date), 0)::int AS due_correct,
             max(day) AS last_day,
             count(*) FILTER (WHERE run = head)::int AS run_length,
             min(day) FILTER (WHERE run = head) AS run_start
        FROM ranked GROUP BY user_id
    )
    SELECT 'member' AS "kind", m.user_id::text AS "key", m.count7 AS "count7", m.reviews AS "reviews", m.due AS "due", m.due_correct AS "dueCorrect",
           to_char(m.last_day, 'YYYY-MM-DD') AS "lastDay", m.run_length AS "runLength", to_char(m.run_start, 'YYYY-MM-DD') AS "runStart"
      FROM members m
    UNION ALL
    SELECT 'week', ((day - ${w.trendFrom}::date) / 7)::text, count(DISTINCT user_id)::int, sum(n)::int, sum(due)::int, sum(due_correct)::int, NULL, NULL, NULL
      FROM daily WHERE day >= ${w.trendFrom}::date
     GROUP BY 2`;
}

/**
 * Days studied before the scan window by members whose current run reaches back to it, so a streak
 * longer than the window is counted in full. Usually nobody; diligent groups pay for it only once.
 */
async function earlierDays(w: Window, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, Set<string>>();
  const rows = await readDb.$queryRaw<{ userId: string; day: string }[]>`
    SELECT d.user_id::text AS "userId", d.study_day AS "day"
      FROM review_days d
      JOIN memberships m ON m.user_id = d.user_id AND m.group_id = ${w.groupId}::uuid
     WHERE d.user_id = ANY(${userIds}::uuid[]) AND d.study_day < ${w.scanFrom}
       AND ${sinceJoinedDay(w.timeZone, Prisma.sql`d.study_day`)}`;
  const days = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = days.get(row.userId) ?? new Set<string>();
    set.add(row.day);
    days.set(row.userId, set);
  }
  return days;
}

interface CardRow {
  userId: string;
  cards: number;
  mastered: number;
  covered: number;
}

/**
 * Mastery now (R ≥ 0.9 ⟺ whole days since the last review ≤ stability, review-state cards only, as
 * on the learner's own progress page: see progress.server.ts) and
 * coverage: cards on the assigned sets' points that existed by the end of the range. Only cards the
 * member started or reviewed since joining the group count.
 *
 * floor(days since the last review) ≤ S ⟺ the time since the last review is under floor(S) + 1
 * whole days ⟺ last_review > now − (floor(S) + 1) × 86,400 s: the same test in timestamp
 * arithmetic, exact to the microsecond, instead of numeric arithmetic on every card. Each member's
 * cards are aggregated on their own (one index range each). Retired and assigned points are tested
 * with hashed subplans, built once per query: a join per card cost more, and `= ANY(array)` is a
 * linear search in the generic plan the prepared statement ends up with.
 */
function cardStatsSql(w: Window, points: string[], now: Date) {
  return Prisma.sql`
    SELECT m.user_id::text AS "userId", x.cards AS "cards", x.mastered AS "mastered", x.covered AS "covered"
      FROM memberships m
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS cards,
               count(*) FILTER (
                 WHERE c.state = 'review' AND c.reps > 0 AND c.stability >= ${MASTERY_MIN_STABILITY_DAYS}::float8 AND c.last_review IS NOT NULL
                   AND c.last_review > ${now}::timestamptz - (floor(c.stability) + 1) * interval '86400 seconds'
               )::int AS mastered,
               count(*) FILTER (
                 WHERE c.knowledge_point_id IN (SELECT unnest(${points}::uuid[])) AND c.created_at < ${w.end}::timestamptz
               )::int AS covered
          FROM cards c
         WHERE c.user_id = m.user_id
           AND c.knowledge_point_id NOT IN (SELECT kp.id FROM knowledge_points kp WHERE kp.retired_at IS NOT NULL)
           AND (c.created_at >= m.joined_at OR c.last_review >= m.joined_at)
      ) x
     WHERE m.group_id = ${w.groupId}::uuid AND m.role = 'member'`;
}

/** When an assignment opened, for reports: one without an opening time opened when made. */
const OPENED_AT = Prisma.sql`coalesce(a.opens_at, a.created_at)`;

/**
 * The assignments a range reports on: opened before it ended and not due before it began. Withdrawn
 * ones (a republication left the group out after members had attempted them) stay, marked.
 */
export async function assignmentsIn(w: Window) {
  return readDb.$queryRaw<
    { id: string; setId: string; title: string; opensAt: Date | null; dueAt: Date | null; withdrawnAt: Date | null }[]
  >(assignmentsSql(w));
}

function assignmentsSql(w: Window) {
  return Prisma.sql`
    SELECT a.id::text AS "id", a.set_id::text AS "setId", s.title AS "title",
           a.opens_at AS "opensAt",
           a.due_at AS "dueAt", a.withdrawn_at AS "withdrawnAt"
      FROM assignments a JOIN question_sets s ON s.id = a.set_id
     WHERE a.group_id = ${w.groupId}::uuid
       AND ${OPENED_AT} < ${w.end}::timestamptz
       AND (a.due_at IS NULL OR a.due_at >= ${w.rangeStart}::timestamptz)
     ORDER BY a.due_at ASC NULLS LAST, ${OPENED_AT}, s.title`;
}

/** The knowledge points of the sets' approved, current questions: what coverage is measured against. */
export async function assignedPoints(setIds: string[]) {
  if (setIds.length === 0) return [];
  const rows = await readDb.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT q.knowledge_point_id::text AS "id"
      FROM set_items si
      JOIN questions q ON q.id = si.question_id AND q.status = 'approved'
      JOIN knowledge_points kp ON kp.id = q.knowledge_point_id AND kp.retired_at IS NULL
     WHERE si.set_id = ANY(${setIds}::uuid[])`;
  return rows.map((r) => r.id);
}

/**
 * The attempts that count for an assignment: those tagged with it, or untagged ones on its set
 * started since it opened (quizzes started from /sets carry no assignment). Only before the range ended.
 */
const ATTEMPTS_FOR_ASSIGNMENT = Prisma.sql`
  JOIN attempts t ON t.set_id = a.set_id
   AND (t.assignment_id = a.id OR (t.assignment_id IS NULL AND t.started_at >= ${OPENED_AT}))
  JOIN memberships m ON m.group_id = a.group_id AND m.user_id = t.user_id AND m.role = 'member' AND t.started_at >= m.joined_at`;

function attemptSummaries(w: Window, assignmentIds: string[]) {
  return readDb.$queryRaw<
    {
      assignmentId: string;
      userId: string;
      onTimeScore: number | null;
      firstScore: number | null;
      submitted: boolean;
      started: boolean;
    }[]
  >(attemptSummariesSql(w, assignmentIds));
}

function attemptSummariesSql(w: Window, assignmentIds: string[]) {
  return Prisma.sql`
    SELECT a.id::text AS "assignmentId", t.user_id::text AS "userId",
           -- The first submitted attempt counts (README, "Quizzes"): its answers are shown at once, so a
           -- retake would be scored on answers just read.
           CASE WHEN (array_agg(a.due_at IS NULL OR t.submitted_at <= a.due_at ORDER BY t.submitted_at, t.id)
                        FILTER (WHERE t.submitted_at IS NOT NULL AND t.submitted_at < ${w.end}::timestamptz))[1]
                THEN (array_agg(t.score ORDER BY t.submitted_at, t.id)
                        FILTER (WHERE t.submitted_at IS NOT NULL AND t.submitted_at < ${w.end}::timestamptz))[1] END AS "onTimeScore",
           (array_agg(t.score ORDER BY t.submitted_at, t.id)
              FILTER (WHERE t.submitted_at IS NOT NULL AND t.submitted_at < ${w.end}::timestamptz))[1] AS "firstScore",
           bool_or(t.submitted_at IS NOT NULL AND t.submitted_at < ${w.end}::timestamptz) AS "submitted",
           true AS "started"
      FROM assignments a ${ATTEMPTS_FOR_ASSIGNMENT}
     WHERE a.id = ANY(${assignmentIds}::uuid[]) AND t.started_at < ${w.end}::timestamptz
     GROUP BY a.id, t.user_id`;
}

/** Average submitted score per trend week, over all the group's assignments. */
function weeklyScores(w: Window) {
  return readDb.$queryRaw<{ week: number; average: number; submissions: number }[]>(weeklyScoresSql(w));
}

function weeklyScoresSql(w: Window) {
  const day = dayExpr(w.timeZone, Prisma.sql`t.submitted_at`);
  return Prisma.sql`
    SELECT ((${day} - ${w.trendFrom}::date) / 7)::int AS "week", avg(t.score)::float8 AS "average", count(*)::int AS "submissions"
      FROM assignments a ${ATTEMPTS_FOR_ASSIGNMENT}
     WHERE a.group_id = ${w.groupId}::uuid
       AND t.submitted_at >= ${studyDayStart(w.trendFrom, w.timeZone)}::timestamptz AND t.submitted_at < ${w.end}::timestamptz
     GROUP BY 1`;
}

/**
 * The group's lowest true retention per knowledge point in the range, with enough due reviews to mean
 * something, and how many members those reviews came from — in one pass over the members' due
 * reviews. A distinct count of members per point would sort the whole range's reviews (and a second
 * pass for the points shown read them all again), so each member gets a bit, numbered in the group,
 * and each point ORs its members' bits in 64-bit words: the members are the bits set. The reviews
 * come from the partial index of due reviews (migration 20261129230500_reviews_due_index), a
 * member's range at a time.
 */
function weakestPointsSql(w: Window) {
  return Prisma.sql`
    WITH numbered AS MATERIALIZED (
      SELECT m.user_id, m.joined_at, (row_number() OVER (ORDER BY m.user_id) - 1)::int AS bit
        FROM memberships m
       WHERE m.group_id = ${w.groupId}::uuid AND m.role = 'member'
    ), words AS (
      SELECT r.knowledge_point_id, n.bit / 64 AS word, count(*) AS due, count(*) FILTER (WHERE r.correct) AS due_correct,
             bit_or(1::bigint << (n.bit % 64)) AS seen
        FROM numbered n
        JOIN reviews r ON r.user_id = n.user_id
       WHERE r.reviewed_at >= ${w.rangeStart}::timestamptz AND r.reviewed_at < ${w.end}::timestamptz
         AND r.reviewed_at >= n.joined_at
         AND r.was_due AND r.undone_at IS NULL
       GROUP BY 1, 2
    ), per_point AS (
      SELECT knowledge_point_id, sum(due)::int AS due, sum(due_correct)::int AS due_correct,
             sum(bit_count(seen::bit(64)))::int AS members
        FROM words
       GROUP BY 1
      HAVING sum(due) >= ${WEAK_POINT_MIN_REVIEWS}::int
       ORDER BY sum(due_correct)::float8 / sum(due), sum(due) DESC, knowledge_point_id
       LIMIT ${WEAK_POINT_LIMIT}::int
    )
    SELECT kp.id::text AS "knowledgePointId", kp.kind::text AS "kind", kp.subject AS "subject", kp.quote AS "quote",
           d.id::text AS "documentId", d.title AS "documentTitle", p.ordinal AS "passageOrdinal",
           pp.members AS "members", pp.due AS "due", pp.due_correct AS "dueCorrect"
      FROM per_point pp
      JOIN knowledge_points kp ON kp.id = pp.knowledge_point_id
      JOIN documents d ON d.id = kp.document_id
      LEFT JOIN passages p ON p.document_id = kp.document_id AND p.key = kp.passage_key
     ORDER BY pp.due_correct::float8 / pp.due, pp.due DESC, kp.id`;
}

interface ItemCountRow {
  assignmentId: string;
  questionId: string;
  stem: string;
  format: string;
  analysed: number;
  attempts: number;
  correct: number;
  upper: number;
  upperCorrect: number;
  lower: number;
  lowerCorrect: number;
}

/**
 * Item statistics per assignment over each member's first submitted attempt (retakes would let the
 * questions teach themselves). Attempts are ranked by score; the top and bottom 27 % form the upper
 * and lower groups. A question the attempt contained but left unanswered counts as wrong, as in the score.
 *
 * Attempts per question come from the attempts' question lists, grouped first (the attempts of an
 * assignment share one or a few lists); right answers from attempt_answers, which holds only the
 * attempt's own questions (the quiz shows nothing else, and the score counts them the same way).
 * The band of each first attempt is computed once, in integers, and kept (MATERIALIZED): inlined,
 * its numeric test ran again for every answer.
 */
function itemCounts(assignmentIds: string[]) {
  return readDb.$queryRaw<ItemCountRow[]>(itemCountsSql(assignmentIds));
}

function itemCountsSql(assignmentIds: string[]) {
  return Prisma.sql`
    WITH firsts AS (
      SELECT DISTINCT ON (a.id, t.user_id) a.id AS assignment_id, t.id AS attempt_id, t.score
        FROM assignments a ${ATTEMPTS_FOR_ASSIGNMENT}
       WHERE a.id = ANY(${assignmentIds}::uuid[]) AND t.submitted_at IS NOT NULL
       ORDER BY a.id, t.user_id, t.submitted_at, t.id
    ),
    ranked AS (
      SELECT f.assignment_id, f.attempt_id,
             row_number() OVER (PARTITION BY f.assignment_id ORDER BY f.score DESC, f.attempt_id)::int AS rk,
             (count(*) OVER (PARTITION BY f.assignment_id))::int AS n
        FROM firsts f
    ),
    banded AS MATERIALIZED (
      SELECT r.assignment_id, r.attempt_id, r.n, t.question_ids,
             CASE WHEN r.rk <= greatest(1, round(r.n * 0.27)::int) THEN 1
                  WHEN r.rk > r.n - greatest(1, round(r.n * 0.27)::int) THEN -1 ELSE 0 END AS band
        FROM ranked r JOIN attempts t ON t.id = r.attempt_id
    ),
    lists AS (
      SELECT assignment_id, question_ids, max(n) AS n, count(*) AS attempts,
             count(*) FILTER (WHERE band = 1) AS upper, count(*) FILTER (WHERE band = -1) AS lower
        FROM banded
       GROUP BY assignment_id, question_ids
    ),
    shown AS (
      SELECT l.assignment_id, q.question_id::uuid AS question_id, max(l.n) AS analysed,
             sum(l.attempts) AS attempts, sum(l.upper) AS upper, sum(l.lower) AS lower
        FROM lists l CROSS JOIN LATERAL unnest(l.question_ids) AS q(question_id)
       GROUP BY 1, 2
    ),
    answered AS (
      SELECT b.assignment_id, aa.question_id, count(*) AS correct,
             count(*) FILTER (WHERE b.band = 1) AS upper_correct, count(*) FILTER (WHERE b.band = -1) AS lower_correct
        FROM banded b JOIN attempt_answers aa ON aa.attempt_id = b.attempt_id
       WHERE aa.correct
       GROUP BY 1, 2
    )
    SELECT s.assignment_id::text AS "assignmentId", s.question_id::text AS "questionId", qu.stem AS "stem", qu.format::text AS "format",
           s.analysed::int AS "analysed",
           s.attempts::int AS "attempts",
           coalesce(x.correct, 0)::int AS "correct",
           s.upper::int AS "upper",
           coalesce(x.upper_correct, 0)::int AS "upperCorrect",
           s.lower::int AS "lower",
           coalesce(x.lower_correct, 0)::int AS "lowerCorrect"
      FROM shown s
      LEFT JOIN answered x USING (assignment_id, question_id)
      JOIN questions qu ON qu.id = s.question_id`;
}

/**
 * Sends questions with negative discrimination to the administrators' queue, once: not while an
 * item-analysis flag on the question is open, nor after one was resolved (the administrator has
 * looked) unless the question was edited since. Returns the questions that carry an item-analysis
 * flag (open or resolved), for the report to mark.
 *
 * A report is a GET: once its negative items are flagged (the usual case), this costs one read and
 * writes nothing. Only when a question still needs a flag does it take one transaction: an advisory
 * lock, so two managers opening reports at the same moment insert one flag, not two, and a single
 * INSERT … SELECT … WHERE NOT EXISTS for every such question, idempotent by itself.
 */
async function flagNegativeItems(items: { questionId: string; comment: string }[]): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const ids = items.map((i) => i.questionId);
  const state = await prisma.$queryRaw<{ questionId: string; flagged: boolean; settled: boolean }[]>`
    SELECT q.id::text AS "questionId",
           EXISTS (SELECT 1 FROM flags f WHERE f.question_id = q.id AND f.source = 'item_analysis') AS "flagged",
           EXISTS (SELECT 1 FROM flags f
                    WHERE f.question_id = q.id AND f.source = 'item_analysis'
                      AND (f.resolved_at IS NULL OR q.edited_at IS NULL OR f.resolved_at >= q.edited_at)) AS "settled"
      FROM questions q
     WHERE q.id = ANY(${ids}::uuid[])`;
  const flagged = new Set(state.filter((r) => r.flagged).map((r) => r.questionId));
  const settled = new Set(state.filter((r) => r.settled).map((r) => r.questionId));
  // One flag per question, even when it is negative in two assignments.
  const needed = [
    ...new Map(items.filter((i) => !settled.has(i.questionId)).map((i) => [i.questionId, i] as const)).values(),
  ];
  if (needed.length === 0) return flagged;
  const inserted = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('item_analysis', 0))`;
    return tx.$queryRaw<{ questionId: string }[]>`
      INSERT INTO flags (id, question_id, source, comment)
      SELECT gen_random_uuid(), q.id, 'item_analysis', n.comment
        FROM unnest(${needed.map((n) => n.questionId)}::uuid[], ${needed.map((n) => n.comment)}::text[]) AS n(question_id, comment)
        JOIN questions q ON q.id = n.question_id
       WHERE NOT EXISTS (
             SELECT 1 FROM flags f
              WHERE f.question_id = q.id AND f.source = 'item_analysis'
                AND (f.resolved_at IS NULL OR q.edited_at IS NULL OR f.resolved_at >= q.edited_at))
      RETURNING question_id::text AS "questionId"`;
  });
  for (const row of inserted) flagged.add(row.questionId);
  return flagged;
}

/**
 * The group's members, oldest membership first. One raw query: the same read through the ORM's
 * relation select cost ~45 ms of the server's CPU for 1,000 members, more than the query.
 */
function groupMembers(groupId: string) {
  return readDb.$queryRaw<{ joinedAt: Date; id: string; username: string; displayName: string }[]>`
    SELECT m.joined_at AS "joinedAt", u.id::text AS "id", u.username AS "username", u.display_name AS "displayName"
      FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.group_id = ${groupId}::uuid AND m.role = 'member'
     ORDER BY m.joined_at`;
}

function streakFrom(
  lastDay: string | null,
  runLength: number,
  runStart: string | null,
  to: string,
  scanFrom: string,
  earlier: Set<string> | undefined,
): number {
  // A run ending before yesterday is broken; one ending yesterday survives until today ends.
  if (!lastDay || !runStart || daysBetween(lastDay, to) > 1) return 0;
  let streak = runLength;
  if (runStart === scanFrom && earlier) {
    for (let day = addDays(runStart, -1); earlier.has(day); day = addDays(day, -1)) streak++;
  }
  return streak;
}

/** The instants and days a report covers, for the queries (and for the benchmark's EXPLAIN). */
export function reportWindow(
  groupId: string,
  timeZone: string,
  query: { from?: string | null; to?: string | null },
  now: Date,
) {
  const today = studyDay(now, timeZone);
  const range = resolveRange(query.from, query.to, today);
  const weeks = trendWeeks(range.to);
  const trendFrom = weeks[0]!.start;
  const scanFrom = range.from < trendFrom ? range.from : trendFrom;
  const w: Window = {
    groupId,
    timeZone,
    range,
    scanFrom,
    trendFrom,
    activeFrom: addDays(range.to, -(ACTIVE_DAYS - 1)),
    scanStart: studyDayStart(scanFrom, timeZone),
    rangeStart: studyDayStart(range.from, timeZone),
    end: studyDayStart(addDays(range.to, 1), timeZone),
  };
  return { today, weeks, w };
}

/**
 * Every query a report runs, as SQL, for scripts/bench-reports.ts to time each one and EXPLAIN
 * ANALYZE the slowest (the member list, points and flags lookups are small and left out).
 */
export function reportQueries(
  w: Window,
  assignmentIds: string[],
  points: string[],
  now: Date,
): Record<string, Prisma.Sql> {
  return {
    assignments: assignmentsSql(w),
    activity: activitySql(w),
    cards: cardStatsSql(w, points, now),
    attempts: attemptSummariesSql(w, assignmentIds),
    "weekly scores": weeklyScoresSql(w),
    weakest: weakestPointsSql(w),
    "item analysis": itemCountsSql(assignmentIds),
  };
}

export async function getGroupReport(
  groupId: string,
  query: { from?: string | null; to?: string | null },
  now = new Date(),
): Promise<GroupReport> {
  const group = await readDb.group.findUniqueOrThrow({
    where: { id: groupId },
    select: { id: true, name: true, description: true, timeZone: true, leaderboardEnabled: true },
  });
  const { today, weeks, w } = reportWindow(groupId, group.timeZone, query, now);
  const { range, scanFrom } = w;

  const assignments = await assignmentsIn(w);
  const assignmentIds = assignments.map((a) => a.id);
  const points = await assignedPoints([...new Set(assignments.map((a) => a.setId))]);

  const [memberships, activityRows, cards, summaries, scores, weak, items, freshness] = await Promise.all([
    groupMembers(groupId),
    readDb.$queryRaw<ActivityRow[]>(activitySql(w)),
    readDb.$queryRaw<CardRow[]>(cardStatsSql(w, points, now)),
    attemptSummaries(w, assignmentIds),
    weeklyScores(w),
    readDb.$queryRaw<(Omit<WeakPoint, "retention"> & { due: number; dueCorrect: number })[]>(weakestPointsSql(w)),
    assignmentIds.length > 0 ? itemCounts(assignmentIds) : Promise.resolve([]),
    reportingDataAsOf(),
  ]);

  const memberActivity = new Map<string, ActivityRow>();
  const weekActivity = new Map<number, ActivityRow>();
  for (const row of activityRows) {
    if (row.kind === "member") memberActivity.set(row.key, row);
    else weekActivity.set(Number(row.key), row);
  }
  const reachingBack = [...memberActivity.values()]
    .filter((r) => r.runStart === scanFrom && r.lastDay && daysBetween(r.lastDay, range.to) <= 1)
    .map((r) => r.key);
  const earlier = await earlierDays(w, reachingBack);

  const cardsByUser = new Map(cards.map((c) => [c.userId, c]));
  const summaryByKey = new Map(summaries.map((s) => [`${s.assignmentId}:${s.userId}`, s]));

  const members: MemberRow[] = memberships.map(({ joinedAt, ...user }) => {
    const a = memberActivity.get(user.id);
    const c = cardsByUser.get(user.id);
    const results: Record<string, AssignmentResult> = {};
    for (const assignment of assignments)
      results[assignment.id] = assignmentResult(summaryByKey.get(`${assignment.id}:${user.id}`));
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      joinedAt,
      lastStudyDay: a?.lastDay ?? null,
      streak: a ? streakFrom(a.lastDay, a.runLength ?? 0, a.runStart, range.to, scanFrom, earlier.get(user.id)) : 0,
      reviews7: a?.count7 ?? 0,
      reviewsRange: a?.reviews ?? 0,
      retention: share(a?.dueCorrect ?? 0, a?.due ?? 0),
      mastery: share(c?.mastered ?? 0, c?.cards ?? 0),
      coverage: share(c?.covered ?? 0, points.length),
      results,
    };
  });

  const reportAssignments: ReportAssignment[] = assignments.map((assignment) => {
    const results = members.map((m) => m.results[assignment.id]!);
    const submitted = results.filter((r) => r.status === "on_time" || r.status === "late");
    const scored = submitted.map((r) => r.score).filter((s): s is number => s !== null);
    return {
      ...assignment,
      // A withdrawn assignment is history: it does not count against anyone's on-time completion.
      closed: !assignment.withdrawnAt && !!assignment.dueAt && assignment.dueAt < w.end,
      submitted: submitted.length,
      onTime: results.filter((r) => r.status === "on_time").length,
      averageScore: scored.length > 0 ? scored.reduce((sum, s) => sum + s, 0) / scored.length : null,
    };
  });

  const closed = reportAssignments.filter((a) => a.closed);
  const retentionTotal = members.reduce(
    (acc, m) => ({ part: acc.part + m.retention.part, whole: acc.whole + m.retention.whole }),
    { part: 0, whole: 0 },
  );
  const covered = members.reduce((sum, m) => sum + m.coverage.part, 0);
  const onTime = closed.reduce((sum, a) => sum + a.onTime, 0);

  const scoreByWeek = new Map(scores.map((s) => [s.week, s]));
  const trends: TrendWeek[] = weeks.map((week, index) => {
    const a = weekActivity.get(index);
    const s = scoreByWeek.get(index);
    return {
      ...week,
      activeMembers: a?.count7 ?? 0,
      reviews: a?.reviews ?? 0,
      retention: share(a?.dueCorrect ?? 0, a?.due ?? 0),
      averageScore: s ? s.average : null,
      submissions: s?.submissions ?? 0,
    };
  });

  const titles = new Map(assignments.map((a) => [a.id, a.title]));
  const analysed = items.filter((row) => row.attempts >= ITEM_MIN_ATTEMPTS);
  const negatives = analysed
    .map((row) => ({ row, stats: itemStats(row) }))
    .filter(({ stats }) => stats.negative)
    .map(({ row, stats }) => ({
      questionId: row.questionId,
      comment: `项目分析：在小组“${group.name}”的作业“${titles.get(row.assignmentId) ?? ""}”中区分度为 ${stats.discrimination!.toFixed(2)}（高分组答对率 ${Math.round((stats.upperFacility ?? 0) * 100)}%，低分组 ${Math.round((stats.lowerFacility ?? 0) * 100)}%，共 ${row.attempts} 人作答），高分学员反而更容易答错，请检查答案和题干。`,
    }));
  const flaggedQuestions = await flagNegativeItems(negatives);

  const itemAnalysis: ItemAnalysis[] = assignments.map((assignment) => {
    const rows = analysed.filter((row) => row.assignmentId === assignment.id);
    const all = items.filter((row) => row.assignmentId === assignment.id);
    return {
      assignmentId: assignment.id,
      title: assignment.title,
      attempts: all[0]?.analysed ?? 0,
      items: rows
        .map((row) => ({
          questionId: row.questionId,
          stem: row.stem,
          format: row.format,
          ...itemStats(row),
          flagged: flaggedQuestions.has(row.questionId),
        }))
        .sort(
          (a, b) =>
            (a.discrimination ?? 0) - (b.discrimination ?? 0) ||
            a.facility - b.facility ||
            a.questionId.localeCompare(b.questionId),
        ),
    };
  });

  return {
    group,
    today,
    range,
    summary: {
      members: members.length,
      activeThisWeek: members.filter((m) => m.reviews7 > 0).length,
      retention: share(retentionTotal.part, retentionTotal.whole),
      coverage: { ...share(covered, members.length * points.length), points: points.length },
      onTime: { ...share(onTime, members.length * closed.length), assignments: closed.length },
    },
    assignments: reportAssignments,
    members,
    trends,
    weakest: weak.map(({ due, dueCorrect, ...point }) => ({ ...point, retention: share(dueCorrect, due) })),
    itemAnalysis,
    source: { replica: readsFromReplica, ...freshness },
  };
}
