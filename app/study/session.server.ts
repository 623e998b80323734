import { randomBytes } from "node:crypto";
import { hotQuery, prisma } from "~/db.server";
import { Prisma, type ReviewMode } from "~/generated/prisma/client";
import { checkAnswer, pickVariant, presentedOptions, type Format } from "./answers";
import { addDays, streaks, studyDay, studyDayStart } from "./day";
import { applyAnswer, isStable, newCardState, retrievability, type CardState, type RecallFields } from "./scheduler";

/** A learning card due within this window is shown early rather than ending the session. */
const LEARN_AHEAD_MS = 20 * 60_000;
/** An unanswered showing is shown again (refresh, second tab) for this long. */
const OPEN_PRESENTATION_MS = 2 * 3600_000;
/** Every fourth item is a new point while reviews are also waiting. */
const NEW_EVERY = 4;

type Db = Prisma.TransactionClient | typeof prisma;

/**
 * Runs `fn` in a transaction holding a lock of this learner's, so that two tabs (or a refresh)
 * showing a practice or quiz question at the same moment see each other's showing instead of making
 * two. The daily session takes the same lock inside `present_study_question`.
 */
export async function withLearnerLock<T>(userId: string, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`showing:${userId}`}, 0))`;
      return fn(tx);
    },
    { timeout: 15_000 },
  );
}

export class StudyError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface PoolQuestion {
  id: string;
  format: Format;
  stem: string;
  options: string[];
  kind: string;
}

interface PoolPoint {
  questions: PoolQuestion[];
  order: number;
}

interface PoolRow {
  set_id: string;
  audience: "everyone" | "groups";
  id: string;
  format: Format;
  stem: string;
  options: string[];
  kind: string;
  kp: string;
  order: bigint;
}

interface PoolSnapshot {
  version: bigint;
  rows: PoolRow[];
  assignments: { setId: string; groupId: string; opensAt: Date | null }[];
  /** Pools already built from this snapshot, by the sets assigned to the learner: most learners share one. */
  built: Map<string, ReadonlyMap<string, PoolPoint>>;
}

// Every question of the published sets with what a showing needs, shared by all learners of this
// process and reloaded only when `pool_version` (bumped by triggers) says something changed.
// Publishing a version always updates its question_sets row in the same transaction, which bumps it.
let cachedPool: PoolSnapshot | null = null;
let loading: Promise<PoolSnapshot> | null = null;

/** `knownVersion`: the caller read `pool_version` already (in a query of its own). */
async function poolSnapshot(knownVersion?: bigint | null): Promise<PoolSnapshot> {
  let version = knownVersion;
  if (version === undefined) {
    const [current] = await prisma.$queryRaw<{ version: bigint }[]>`select version from pool_version where id = 1`;
    version = current?.version;
  }
  version ??= 0n;
  if (cachedPool && cachedPool.version === version) return cachedPool;
  loading ??= (async () => {
    // Learners study the latest published version of a set, not its items being edited; a
    // published set without any version (the automatic per-document sets) uses its items.
    const [rows, assignments] = await Promise.all([
      prisma.$queryRaw<PoolRow[]>`
        with latest as (
          select distinct on (set_id) set_id, question_ids from set_versions order by set_id, version desc
        ), items as (
          select l.set_id, v.question_id::uuid as question_id, v.position::int as position
          from latest l cross join lateral unnest(l.question_ids) with ordinality as v(question_id, position)
          union all
          select si.set_id, si.question_id, si.position
          from set_items si
          where not exists (select 1 from set_versions sv where sv.set_id = si.set_id)
        )
        select s.id as set_id, s.audience::text as audience, q.id, q.format::text as format, q.stem, q.options,
               kp.kind::text as kind, q.knowledge_point_id as kp,
               row_number() over (order by s.published_at, s.id, i.position) as "order"
        from items i
        join question_sets s on s.id = i.set_id and s.status = 'published'
        join questions q on q.id = i.question_id and q.status = 'approved'
        join knowledge_points kp on kp.id = q.knowledge_point_id and kp.retired_at is null
        join documents d on d.id = kp.document_id and d.archived_at is null`,
      prisma.assignment.findMany({ where: { set: { status: "published" }, withdrawnAt: null }, select: { setId: true, groupId: true, opensAt: true } }),
    ]);
    return { version, rows, assignments, built: new Map() };
  })().finally(() => {
    loading = null;
  });
  const loaded = await loading;
  if (!cachedPool || loaded.version >= cachedPool.version) cachedPool = loaded;
  return loaded;
}

/**
 * Knowledge points a learner studies, in study order: non-retired points with approved questions in the latest
 * published version of sets that are open to everyone or assigned (and already open) to one of the learner's groups.
 * It carries what a showing needs, so presenting a question costs no further look-up.
 */
export async function studyPool(userId: string, now: Date): Promise<ReadonlyMap<string, PoolPoint>> {
  const [snapshot, memberships] = await Promise.all([
    poolSnapshot(),
    prisma.membership.findMany({ where: { userId }, select: { groupId: true } }),
  ]);
  return poolFor(snapshot, memberships.map((m) => m.groupId), now);
}

function poolFor(snapshot: PoolSnapshot, groupIds: readonly string[], now: Date): ReadonlyMap<string, PoolPoint> {
  const groups = new Set(groupIds);
  const assigned = new Set(
    snapshot.assignments.filter((a) => groups.has(a.groupId) && (a.opensAt === null || a.opensAt <= now)).map((a) => a.setId),
  );
  const key = [...assigned].sort().join(",");
  const cached = snapshot.built.get(key);
  if (cached) return cached;
  const pool = new Map<string, PoolPoint>();
  for (const row of snapshot.rows) {
    if (row.audience !== "everyone" && !assigned.has(row.set_id)) continue;
    const point = pool.get(row.kp) ?? { questions: [], order: Number(row.order) };
    if (!point.questions.some((q) => q.id === row.id)) {
      point.questions.push({ id: row.id, format: row.format, stem: row.stem, options: row.options, kind: row.kind });
    }
    point.order = Math.min(point.order, Number(row.order));
    pool.set(row.kp, point);
  }
  for (const point of pool.values()) point.questions.sort((a, b) => (a.id < b.id ? -1 : 1));
  // In study order, so that new points are read off the front without sorting on every request.
  const ordered = new Map([...pool].sort((a, b) => a[1].order - b[1].order));
  // Bounded: distinct combinations of assigned sets are few, and a new snapshot starts afresh.
  if (snapshot.built.size < 1000) snapshot.built.set(key, ordered);
  return ordered;
}

async function learnerSettings(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, dailyNewLimit: true, desiredRetention: true, timeZone: true },
  });
}

export interface PresentedQuestion {
  token: string;
  format: Format;
  stem: string;
  options: string[];
  kind: string;
  isNew: boolean;
}

export interface StudyProgress {
  done: number;
  remaining: number;
}

export type NextItem =
  | { done: false; question: PresentedQuestion; progress: StudyProgress }
  | { done: true; progress: StudyProgress };

/** A card as the daily queue ranks it. */
type QueueCard = RecallFields & { id: string; knowledgePointId: string; due: Date };

/** A study day ends within 25 hours of any instant (24, or 25 on the day clocks go back). */
const DAY_SPAN_MS = 25 * 3600_000;

interface LearnerStateRow {
  dailyNewLimit: number;
  timeZone: string;
  /** bigint, as text. */
  poolVersion: string | null;
  groups: string[];
  /** Every point the learner has a card for, comma-separated (a thousand ids parse faster as one text). */
  kps: string | null;
  /** Creation instants (epoch ms) of the cards made in the last 25 hours. */
  created: number[];
  /** [knowledge point, question, study day] of the daily-session reviews of the last 25 hours, oldest first. */
  reviews: [string, string, string][];
  /** The cards that may be asked (due before the end of the study day, or lapsed when drilling), with what ranks them. */
  cards: [string, string, CardState["state"], number, number, number, number | null][];
  open: OpenShowingRow | null;
}

interface OpenShowingRow {
  token: string;
  options: string[];
  format: Format;
  stem: string;
  kind: string;
  seen: boolean;
}

/** The learner's open daily-session showing as one JSON value (null when there is none). */
function openShowingSql(userId: Prisma.Sql, now: Date) {
  return Prisma.sql`(
    select json_build_object('token', p.token, 'options', p.options, 'format', q.format, 'stem', q.stem, 'kind', kp.kind,
             'seen', exists (select 1 from cards c where c.user_id = p.user_id and c.knowledge_point_id = p.knowledge_point_id))
    from presentations p
    join questions q on q.id = p.question_id
    join knowledge_points kp on kp.id = q.knowledge_point_id
    where p.token = open_study_token(${userId}, ${new Date(now.getTime() - OPEN_PRESENTATION_MS)}, ${now}))`;
}

function toPresented(open: OpenShowingRow): PresentedQuestion {
  return { token: open.token, format: open.format, stem: open.stem, options: open.options, kind: open.kind, isNew: !open.seen };
}

/**
 * Everything a daily session decides on, in one query (round trips dominate this request's cost):
 * the learner's settings, groups and pool version, their cards, today's reviews and open showing.
 * The study day depends on the learner's time zone, which arrives in the same row, so time-bound
 * parts cover the last 25 hours and are narrowed to the study day afterwards.
 */
async function learnerState(userId: string, now: Date, drill: boolean): Promise<LearnerStateRow> {
  const since = new Date(now.getTime() - DAY_SPAN_MS);
  const [row] = await hotQuery<LearnerStateRow>(Prisma.sql`
    select u.daily_new_limit as "dailyNewLimit", u.time_zone as "timeZone",
           (select version from pool_version where id = 1) as "poolVersion",
           array(select group_id::text from memberships where user_id = u.id) as "groups",
           c.kps, coalesce(c.created, '{}') as "created", coalesce(c.cards, '[]') as "cards",
           (select coalesce(json_agg(json_build_array(knowledge_point_id, question_id, study_day) order by reviewed_at), '[]')
              from reviews where user_id = u.id and reviewed_at > ${since} and mode = 'study') as "reviews",
           ${openShowingSql(Prisma.sql`u.id`, now)} as "open"
    from users u
    -- One pass over the learner's cards for all three.
    cross join lateral (
      select string_agg(knowledge_point_id::text, ',') as kps,
             array_agg((extract(epoch from created_at) * 1000)::float8) filter (where created_at > ${since}) as created,
             json_agg(json_build_array(id, knowledge_point_id, state, extract(epoch from due) * 1000, stability, reps,
                                       extract(epoch from last_review) * 1000))
               filter (where ${drill ? Prisma.sql`lapses >= 3` : Prisma.sql`due < ${new Date(now.getTime() + DAY_SPAN_MS)}`}) as cards
      from cards where user_id = u.id
    ) c
    where u.id = ${userId}::uuid`);
  if (!row) throw new StudyError("找不到这个账号，请重新登录。", 404);
  return row;
}

/**
 * The next question of the learner's daily session: learning steps that are due, then reviews
 * due today (least likely remembered first) with new points mixed in up to the daily limit, then
 * learning steps due soon. A showing left unanswered is shown again, so a refresh or a second tab
 * answers the same token.
 */
export async function nextStudyItem(
  userId: string,
  now: Date,
  session: { extraNew?: number; drill?: boolean } = {},
  retried = false,
): Promise<NextItem> {
  const { extraNew = 0, drill = false } = session;
  const learner = await learnerState(userId, now, drill);
  const pool = poolFor(await poolSnapshot(learner.poolVersion === null ? null : BigInt(learner.poolVersion)), learner.groups, now);
  const today = studyDay(now, learner.timeZone);
  const dayStart = studyDayStart(today, learner.timeZone);
  const dayEnd = studyDayStart(addDays(today, 1), learner.timeZone);

  const dueCards: QueueCard[] = [];
  for (const [id, knowledgePointId, state, due, stability, reps, lastReview] of learner.cards) {
    if (!drill && due >= dayEnd.getTime()) continue;
    dueCards.push({ id, knowledgePointId, state, due: new Date(due), stability, reps, lastReview: lastReview === null ? null : new Date(lastReview) });
  }
  const todays = learner.reviews.filter(([, , day]) => day === today);
  const introducedToday = learner.created.filter((created) => created >= dayStart.getTime()).length;
  const askedToday = new Map(todays.map(([kp, questionId]) => [kp, questionId]));
  const open = learner.open ? toPresented(learner.open) : null;

  // Only the first of each queue is asked and the rest is counted, so one pass picks the minimum
  // instead of sorting (retrievability is the costly part, computed once per card).
  const first = <T,>(items: T[], rank: (item: T) => number): { item: T | null; count: number } => {
    let item: T | null = null;
    let best = Infinity;
    for (const candidate of items) {
      const value = rank(candidate);
      if (value < best) [item, best] = [candidate, value];
    }
    return { item, count: items.length };
  };
  const byRetrievability = (card: QueueCard) => retrievability(card, now);
  const byDue = (card: QueueCard) => card.due.getTime();
  const inPool = dueCards.filter((card) => pool.has(card.knowledgePointId));
  const relearning = (card: QueueCard) => card.state === "learning" || card.state === "relearning";

  let learningDue = first<QueueCard>([], byDue);
  let reviewDue = first<QueueCard>([], byRetrievability);
  let learnAhead = first<QueueCard>([], byDue);
  const newPoints: string[] = [];
  if (drill) {
    // 易错题 practice: each lapsed point once a day, weakest first.
    reviewDue = first(inPool.filter((card) => !card.lastReview || card.lastReview < dayStart), byRetrievability);
  } else {
    learningDue = first(inPool.filter((card) => relearning(card) && card.due <= now), byDue);
    reviewDue = first(inPool.filter((card) => card.state === "review"), byRetrievability);
    learnAhead = first(
      inPool.filter((card) => relearning(card) && card.due > now && card.due.getTime() <= now.getTime() + LEARN_AHEAD_MS),
      byDue,
    );
    const studied = new Set(learner.kps?.split(",") ?? []);
    const allowance = Math.max(0, learner.dailyNewLimit + extraNew - introducedToday);
    for (const kp of pool.keys()) {
      if (newPoints.length >= allowance) break;
      if (!studied.has(kp)) newPoints.push(kp);
    }
  }

  const progress = { done: todays.length, remaining: learningDue.count + reviewDue.count + newPoints.length };
  if (open) return { done: false, question: open, progress: { ...progress, remaining: Math.max(progress.remaining, 1) } };

  let chosen: { kp: string; card: QueueCard | null } | null = null;
  if (learningDue.item) chosen = { kp: learningDue.item.knowledgePointId, card: learningDue.item };
  else if (reviewDue.item && newPoints[0]) {
    chosen = todays.length % NEW_EVERY === NEW_EVERY - 1 ? { kp: newPoints[0], card: null } : { kp: reviewDue.item.knowledgePointId, card: reviewDue.item };
  } else if (reviewDue.item) chosen = { kp: reviewDue.item.knowledgePointId, card: reviewDue.item };
  else if (newPoints[0]) chosen = { kp: newPoints[0], card: null };
  else if (learnAhead.item) chosen = { kp: learnAhead.item.knowledgePointId, card: learnAhead.item };
  if (!chosen) return { done: true, progress };

  const candidates = pool.get(chosen.kp)!.questions;
  // The formats asked lately only matter when the point has variants of more than one format.
  const recent =
    chosen.card && new Set(candidates.map((q) => q.format)).size > 1
      ? await hotQuery<{ format: Format }>(Prisma.sql`
          select q.format::text as format from reviews r join questions q on q.id = r.question_id
          where r.card_id = ${chosen.card.id}::uuid order by r.reviewed_at desc limit 5`)
      : [];
  const question = pickVariant(candidates, {
    askedToday: askedToday.get(chosen.kp) ?? null,
    stable: chosen.card ? isStable(chosen.card) : false,
    recentFormats: recent.map((r) => r.format),
  })!;
  const token = randomBytes(24).toString("base64url");
  const options = presentedOptions(question, token);
  // Recorded under the learner's lock unless another tab has just been shown a question: then that one.
  const [recorded] = await hotQuery<{ shown: string }>(Prisma.sql`
    select present_study_question(${userId}::uuid, ${token}, ${question.id}::uuid, ${chosen.kp}::uuid, ${options}::text[],
                                  ${now}, ${new Date(now.getTime() - OPEN_PRESENTATION_MS)}) as shown`);
  const presented =
    recorded?.shown === token
      ? { token, format: question.format, stem: question.stem, options, kind: question.kind, isNew: chosen.card === null }
      : await openPresentation(userId, now);
  // Another tab's showing, answered in the instant since: start over once, from the new state.
  if (!presented) {
    if (retried) throw new StudyError("题目已失效，请刷新页面。", 409);
    return nextStudyItem(userId, now, session, true);
  }
  return { done: false, question: presented, progress: { ...progress, remaining: Math.max(progress.remaining, 1) } };
}

async function openPresentation(userId: string, now: Date): Promise<PresentedQuestion | null> {
  const [row] = await hotQuery<{ open: OpenShowingRow | null }>(Prisma.sql`select ${openShowingSql(Prisma.sql`${userId}::uuid`, now)} as "open"`);
  return row?.open ? toPresented(row.open) : null;
}

/** Records a showing of a question and returns what the page may show: never the answer. */
export async function present(
  userId: string,
  question: { id: string; format: Format; stem: string; options: string[]; kind: string },
  knowledgePointId: string,
  mode: ReviewMode,
  now: Date,
  extra: { setId?: string; attemptId?: string } = {},
  db: Db = prisma,
): Promise<Omit<PresentedQuestion, "isNew">> {
  const token = randomBytes(24).toString("base64url");
  const options = presentedOptions(question, token);
  await db.presentation.create({
    data: { token, userId, questionId: question.id, knowledgePointId, mode, options, issuedAt: now, ...extra },
  });
  return { token, format: question.format, stem: question.stem, options, kind: question.kind };
}

/** A question's display fields, for showings outside the daily pool (practice, quizzes). */
export async function questionForShowing(questionId: string) {
  const q = await prisma.question.findUniqueOrThrow({
    where: { id: questionId },
    select: { id: true, format: true, stem: true, options: true, knowledgePointId: true, knowledgePoint: { select: { kind: true } } },
  });
  return { id: q.id, format: q.format, stem: q.stem, options: q.options, kind: q.knowledgePoint.kind as string, knowledgePointId: q.knowledgePointId };
}

export interface AnswerResult {
  correct: boolean;
  given: string[];
  answer: string[];
  format: Format;
  options: string[];
  explanation: string;
  sourceQuote: string;
  sourcePath: string[];
  document: { id: string; title: string };
  passageOrdinal: number | null;
  /** For quizzes: the answer is recorded and revealed only when the attempt ends. */
  hidden?: boolean;
}

interface Showing {
  question_id: string;
  knowledge_point_id: string;
  mode: ReviewMode;
  attempt_id: string | null;
  set_id: string | null;
  options: string[];
  answered_at: Date | null;
  result: AnswerResult | null;
  format: Format;
  answer: string[];
  explanation: string;
  source_quote: string;
  source_path: string[];
  document_id: string;
  document_title: string;
  passage_ordinal: number | null;
  desired_retention: number;
  time_zone: string;
  /** The learner's card for the point as read with the showing (null: none yet); through row_to_json, so instants are text. */
  card: (Omit<CardRow, "due" | "lastReview"> & { due: string; lastReview: string | null }) | null;
}

/** A card row selected in CardState's own names (CARD_COLUMNS). */
type CardRow = CardState & { id: string };

const CARD_COLUMNS = Prisma.sql`id, state::text as state, due, stability, difficulty, elapsed_days as "elapsedDays",
  scheduled_days as "scheduledDays", learning_steps as "learningSteps", reps, lapses, last_review as "lastReview"`;

function showingSql(userId: string, token: string, { lock }: { lock: boolean }) {
  return Prisma.sql`
    select p.question_id, p.knowledge_point_id, p.mode, p.attempt_id, p.set_id, p.options, p.answered_at, p.result,
           q.format::text as format, q.answer, q.explanation, q.source_quote, q.source_path,
           d.id as document_id, d.title as document_title,
           (select ps.ordinal from passages ps where ps.document_id = d.id and ps.key = kp.passage_key) as passage_ordinal,
           u.desired_retention, u.time_zone,
           (select row_to_json(c) from (select ${CARD_COLUMNS} from cards
             where user_id = p.user_id and knowledge_point_id = p.knowledge_point_id) c) as card
    from presentations p
    join questions q on q.id = p.question_id
    join knowledge_points kp on kp.id = q.knowledge_point_id
    join documents d on d.id = kp.document_id
    join users u on u.id = p.user_id
    where p.token = ${token} and p.user_id = ${userId}::uuid
    ${lock ? Prisma.sql`for update of p` : Prisma.empty}`;
}

function fromCardRow({ id: _id, ...card }: CardRow | NonNullable<Showing["card"]>): CardState {
  // Read through row_to_json, instants arrive as text; through a plain select, as dates.
  return { ...card, due: new Date(card.due), lastReview: card.lastReview === null ? null : new Date(card.lastReview) };
}

function answerResult(showing: Showing, correct: boolean, given: string[]): AnswerResult {
  return {
    correct,
    given,
    answer: showing.answer,
    format: showing.format,
    options: showing.options,
    explanation: showing.explanation,
    sourceQuote: showing.source_quote,
    sourcePath: showing.source_path,
    document: { id: showing.document_id, title: showing.document_title },
    passageOrdinal: showing.passage_ordinal,
  };
}

/**
 * One statement that updates (or creates) the card, logs the review and closes the showing — or
 * does nothing, returning no row, when the showing was answered or the card changed since `before`
 * was read (its reps count every review). Atomic on its own; the locked path runs it too. The
 * showing is locked first, as the locked path locks it, so the two cannot deadlock over the card.
 */
function recordReviewSql(
  userId: string,
  token: string,
  showing: Showing,
  answer: { submitted: string[]; correct: boolean; durationMs: number; result: AnswerResult },
  card: { id: string | null; before: CardState },
  now: Date,
) {
  const { card: after, rating } = applyAnswer(card.before, answer.correct, now, { desiredRetention: showing.desired_retention });
  const today = studyDay(now, showing.time_zone);
  // The session asks every review due before the end of the study day: those are "due" for
  // true retention, even when answered a few hours before their due instant.
  const wasDue = card.before.state === "review" && card.before.due < studyDayStart(addDays(today, 1), showing.time_zone);
  const unanswered = Prisma.sql`exists (select 1 from showing)`;
  const writeCard = card.id
    ? Prisma.sql`
        update cards set state = ${after.state}::"CardState", due = ${after.due}, stability = ${after.stability},
               difficulty = ${after.difficulty}, elapsed_days = ${after.elapsedDays}, scheduled_days = ${after.scheduledDays},
               learning_steps = ${after.learningSteps}, reps = ${after.reps}, lapses = ${after.lapses}, last_review = ${after.lastReview}
        where id = ${card.id}::uuid and reps = ${card.before.reps} and ${unanswered}
        returning id`
    : Prisma.sql`
        insert into cards (id, user_id, knowledge_point_id, state, due, stability, difficulty, elapsed_days, scheduled_days,
                           learning_steps, reps, lapses, last_review, created_at)
        select gen_random_uuid(), ${userId}::uuid, ${showing.knowledge_point_id}::uuid, ${after.state}::"CardState", ${after.due},
               ${after.stability}, ${after.difficulty}, ${after.elapsedDays}, ${after.scheduledDays}, ${after.learningSteps},
               ${after.reps}, ${after.lapses}, ${after.lastReview}, ${now}
        where ${unanswered}
        on conflict (user_id, knowledge_point_id) do nothing
        returning id`;
  return Prisma.sql`
    with showing as (
      select token from presentations where token = ${token} and answered_at is null for update
    ), card as (${writeCard}), review as (
      insert into reviews (user_id, card_id, knowledge_point_id, question_id, mode, answer, correct, rating, duration_ms,
                           was_due, state_before, state_after, study_day, reviewed_at)
      select ${userId}::uuid, card.id, ${showing.knowledge_point_id}::uuid, ${showing.question_id}::uuid, ${showing.mode}::"ReviewMode",
             ${JSON.stringify(answer.submitted)}::jsonb, ${answer.correct}, ${rating}, ${answer.durationMs}, ${wasDue},
             ${JSON.stringify(snapshot(card.before))}::jsonb, ${JSON.stringify(snapshot(after))}::jsonb, ${today}, ${now}
      from card
      returning id
    )
    update presentations set answered_at = ${now}, review_id = review.id, result = ${JSON.stringify(answer.result)}::jsonb
    from review
    where token = ${token} and answered_at is null
    returning token`;
}

/**
 * Checks an answer on the server and records it once: a double click, a retry or a second tab gets
 * the stored result instead of a second review. In study and practice the card update and the
 * review insert are one atomic statement. Hot path: daily-session answers are written
 * optimistically (read, then one guarded statement: two round trips); a lost race, practice and
 * quizzes take the transaction that locks the showing.
 */
export async function submitAnswer(userId: string, token: string, submitted: string[], durationMs: number, now: Date): Promise<AnswerResult> {
  const [showing] = await hotQuery<Showing>(showingSql(userId, token, { lock: false }));
  if (!showing) throw new StudyError("题目已失效，请刷新页面。", 404);
  if (showing.answered_at && showing.result) return showing.result;
  if (showing.mode === "study") {
    const correct = checkAnswer({ format: showing.format, answer: showing.answer }, submitted);
    const result = answerResult(showing, correct, submitted);
    const before = showing.card ? fromCardRow(showing.card) : newCardState(now);
    const answer = { submitted, correct, durationMs: clampDuration(durationMs), result };
    const recorded = await hotQuery<{ token: string }>(
      recordReviewSql(userId, token, showing, answer, { id: showing.card?.id ?? null, before }, now),
    );
    if (recorded.length > 0) return result;
  }
  return submitAnswerLocked(userId, token, submitted, durationMs, now);
}

function clampDuration(durationMs: number): number {
  return Math.max(0, Math.min(Math.round(durationMs), 60 * 60_000));
}

async function submitAnswerLocked(userId: string, token: string, submitted: string[], durationMs: number, now: Date): Promise<AnswerResult> {
  return prisma.$transaction(
    async (tx) => {
      const [showing] = await tx.$queryRaw<Showing[]>(showingSql(userId, token, { lock: true }));
      if (!showing) throw new StudyError("题目已失效，请刷新页面。", 404);
      if (showing.answered_at && showing.result) return showing.result;
      // A practice question shown before a quiz on its set began: its answer would be the quiz's.
      if (showing.mode === "practice" && showing.set_id) {
        const [running] = await tx.$queryRaw<{ id: string }[]>`
          select id from attempts
          where user_id = ${userId}::uuid and set_id = ${showing.set_id}::uuid and submitted_at is null
            and (time_limit_sec is null or started_at + make_interval(secs => time_limit_sec + 5) >= ${now})
          limit 1`;
        if (running) throw new StudyError("这个题集的测验正在进行，交卷后才能练习。", 409);
      }

      const correct = checkAnswer({ format: showing.format, answer: showing.answer }, submitted);
      const duration = clampDuration(durationMs);
      const result = answerResult(showing, correct, submitted);

      if (showing.mode === "quiz") {
        // The attempt row is locked as finishAttempt locks it: an answer is either counted in the
        // score or refused, never committed after the scoring read the answers.
        const [attempt] = await tx.$queryRaw<{ submitted_at: Date | null; started_at: Date; time_limit_sec: number | null }[]>`
          select submitted_at, started_at, time_limit_sec from attempts where id = ${showing.attempt_id}::uuid for update`;
        if (!attempt) throw new StudyError("找不到这次测验。", 404);
        const late = attempt.time_limit_sec !== null && now.getTime() > attempt.started_at.getTime() + attempt.time_limit_sec * 1000 + 5000;
        if (attempt.submitted_at || late) throw new StudyError("测验已结束，答案未计入。", 409);
        // Two tabs showed the same quiz question (two tokens): the first answer counts, the other
        // gets the same "recorded" result instead of a duplicate-key error.
        await tx.$executeRaw`
          insert into attempt_answers (attempt_id, question_id, answer, correct, duration_ms, answered_at)
          values (${showing.attempt_id}::uuid, ${showing.question_id}::uuid, ${JSON.stringify(submitted)}::jsonb, ${correct}, ${duration}, ${now})
          on conflict (attempt_id, question_id) do nothing`;
        const hidden = { hidden: true } as AnswerResult;
        await tx.$executeRaw`update presentations set answered_at = ${now}, result = ${JSON.stringify(hidden)}::jsonb where token = ${token}`;
        return hidden;
      }

      // Creates the card on first answer; either way the row comes back locked for this update.
      const [card] = await tx.$queryRaw<CardRow[]>`
        insert into cards (id, user_id, knowledge_point_id, state, due, created_at)
        values (gen_random_uuid(), ${userId}::uuid, ${showing.knowledge_point_id}::uuid, 'new', ${now}, ${now})
        on conflict (user_id, knowledge_point_id) do update set user_id = excluded.user_id
        returning ${CARD_COLUMNS}`;
      const answer = { submitted, correct, durationMs: duration, result };
      const recorded = await tx.$queryRaw<{ token: string }[]>(recordReviewSql(userId, token, showing, answer, { id: card!.id, before: fromCardRow(card!) }, now));
      if (recorded.length === 0) throw new Error("recording a locked answer changed nothing");
      return result;
    },
    { timeout: 15_000 },
  );
}

function snapshot(card: CardState): Prisma.InputJsonValue {
  return { ...card, due: card.due.toISOString(), lastReview: card.lastReview?.toISOString() ?? null };
}

/** What the learner did today, for the end-of-session summary, and what is left to study at all. */
export async function todaySummary(userId: string, now: Date) {
  const learner = await learnerSettings(userId);
  const today = studyDay(now, learner.timeZone);
  const tomorrowEnd = studyDayStart(addDays(today, 2), learner.timeZone);
  const [days, pool, cards] = await Promise.all([
    // The trigger-kept rollup: one row per study day with its counts, whatever the number of reviews.
    prisma.reviewDay.findMany({ where: { userId }, select: { studyDay: true, reviews: true, correct: true, durationMs: true } }),
    studyPool(userId, now),
    prisma.card.findMany({ where: { userId }, select: { knowledgePointId: true, due: true } }),
  ]);
  const todays = days.find((d) => d.studyDay === today);
  const answered = todays?.reviews ?? 0;
  const correct = todays?.correct ?? 0;
  const studying = cards.filter((c) => pool.has(c.knowledgePointId));
  const nextDue = studying.reduce<Date | null>((min, c) => (min === null || c.due < min ? c.due : min), null);
  return {
    today,
    answered,
    correct,
    accuracy: answered > 0 ? correct / answered : null,
    timeSpentMs: Number(todays?.durationMs ?? 0),
    streak: streaks(days.map((d) => d.studyDay), today).current,
    tomorrowDue: studying.filter((c) => c.due < tomorrowEnd).length,
    /** Points the learner can study at all (published sets open to them); 0: nothing published yet. */
    available: pool.size,
    /** Of those, points never studied: "再学 5 个新考点" has something to show. */
    newLeft: pool.size - studying.length,
    /** The study day of the next review, if any. */
    nextDueDay: nextDue ? studyDay(nextDue, learner.timeZone) : null,
  };
}

/** A learner reports a question they were shown; one open report per learner and question. */
export async function reportQuestion(userId: string, token: string, comment: string): Promise<void> {
  const presentation = await prisma.presentation.findFirst({ where: { token, userId }, select: { questionId: true } });
  if (!presentation) throw new StudyError("找不到这道题，请刷新页面后再试。", 404);
  const existing = await prisma.flag.findFirst({
    where: { questionId: presentation.questionId, userId, resolvedAt: null },
    select: { id: true },
  });
  if (existing) await prisma.flag.update({ where: { id: existing.id }, data: { comment } });
  else await prisma.flag.create({ data: { questionId: presentation.questionId, userId, comment, source: "learner" } });
}
