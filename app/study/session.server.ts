import { randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import { Prisma, type ReviewMode } from "~/generated/prisma/client";
import { checkAnswer, pickVariant, presentedOptions, type Format } from "./answers";
import { addDays, streaks, studyDay, studyDayStart } from "./day";
import { applyAnswer, isStable, retrievability, type CardState } from "./scheduler";

/** A learning card due within this window is shown early rather than ending the session. */
const LEARN_AHEAD_MS = 20 * 60_000;
/** An unanswered showing is shown again (refresh, second tab) for this long. */
const OPEN_PRESENTATION_MS = 2 * 3600_000;
/** Every fourth item is a new point while reviews are also waiting. */
const NEW_EVERY = 4;

type Db = Prisma.TransactionClient | typeof prisma;

/**
 * Runs `fn` in a transaction holding a lock of this learner's, so that two tabs (or a refresh)
 * loading a question at the same moment see each other's showing instead of making two.
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

async function poolSnapshot(): Promise<PoolSnapshot> {
  const [current] = await prisma.$queryRaw<{ version: bigint }[]>`select version from pool_version where id = 1`;
  const version = current?.version ?? 0n;
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
      prisma.assignment.findMany({ where: { set: { status: "published" } }, select: { setId: true, groupId: true, opensAt: true } }),
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
 * Knowledge points a learner studies: non-retired points with approved questions in the latest
 * published version of sets that are open to everyone or assigned (and already open) to one of the learner's groups.
 * It carries what a showing needs, so presenting a question costs no further look-up.
 */
export async function studyPool(userId: string, now: Date): Promise<ReadonlyMap<string, PoolPoint>> {
  const [snapshot, memberships] = await Promise.all([
    poolSnapshot(),
    prisma.membership.findMany({ where: { userId }, select: { groupId: true } }),
  ]);
  const groups = new Set(memberships.map((m) => m.groupId));
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
  // Bounded: distinct combinations of assigned sets are few, and a new snapshot starts afresh.
  if (snapshot.built.size < 1000) snapshot.built.set(key, pool);
  return pool;
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

type CardRow = CardState & { id: string; knowledgePointId: string };

function cardState(card: CardRow): CardState {
  const { id: _id, knowledgePointId: _kp, ...state } = card;
  return state;
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
  { extraNew = 0, drill = false }: { extraNew?: number; drill?: boolean } = {},
): Promise<NextItem> {
  const learner = await learnerSettings(userId);
  const today = studyDay(now, learner.timeZone);
  const dayStart = studyDayStart(today, learner.timeZone);
  const dayEnd = studyDayStart(addDays(today, 1), learner.timeZone);

  // One round of parallel queries, each filtered by the learner (and indexed on it).
  // Full rows only for the cards that can be asked today; for the others just which points they
  // cover. Raw SQL: mapping a thousand ORM objects per request cost more than the query.
  const [pool, dueCards, known, todays, open] = await Promise.all([
    studyPool(userId, now),
    prisma.$queryRaw<CardRow[]>`
      select id, knowledge_point_id as "knowledgePointId", state::text as state, due, stability, difficulty,
             elapsed_days as "elapsedDays", scheduled_days as "scheduledDays", learning_steps as "learningSteps",
             reps, lapses, last_review as "lastReview"
      from cards
      where user_id = ${userId}::uuid and ${drill ? Prisma.sql`lapses >= 3` : Prisma.sql`due < ${dayEnd}`}`,
    // One row: a thousand rows through the driver cost more than the query itself.
    prisma.$queryRaw<{ kps: string[]; today: number }[]>`
      select coalesce(array_agg(knowledge_point_id::text), '{}') as kps, count(*) filter (where created_at >= ${dayStart})::int as today
      from cards where user_id = ${userId}::uuid`,
    prisma.review.findMany({
      where: { userId, studyDay: today, mode: "study" },
      orderBy: { reviewedAt: "asc" },
      select: { knowledgePointId: true, questionId: true },
    }),
    openPresentation(userId, now),
  ]);
  const introducedToday = known[0]?.today ?? 0;
  const askedToday = new Map(todays.map((r) => [r.knowledgePointId, r.questionId]));

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
  const byRetrievability = (card: CardRow) => retrievability(cardState(card), now);
  const byDue = (card: CardRow) => card.due.getTime();
  const inPool = dueCards.filter((card) => pool.has(card.knowledgePointId));
  const relearning = (card: CardRow) => card.state === "learning" || card.state === "relearning";

  let learningDue = first<CardRow>([], byDue);
  let reviewDue = first<CardRow>([], byRetrievability);
  let learnAhead = first<CardRow>([], byDue);
  let newPoints: string[] = [];
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
    const studied = new Set(known[0]?.kps ?? []);
    const allowance = Math.max(0, learner.dailyNewLimit + extraNew - introducedToday);
    newPoints = [...pool.entries()]
      .filter(([kp]) => !studied.has(kp))
      .sort((a, b) => a[1].order - b[1].order)
      .slice(0, allowance)
      .map(([kp]) => kp);
  }

  const progress = { done: todays.length, remaining: learningDue.count + reviewDue.count + newPoints.length };
  if (open) return { done: false, question: open, progress: { ...progress, remaining: Math.max(progress.remaining, 1) } };

  let chosen: { kp: string; card: CardRow | null } | null = null;
  if (learningDue.item) chosen = { kp: learningDue.item.knowledgePointId, card: learningDue.item };
  else if (reviewDue.item && newPoints[0]) {
    chosen = todays.length % NEW_EVERY === NEW_EVERY - 1 ? { kp: newPoints[0], card: null } : { kp: reviewDue.item.knowledgePointId, card: reviewDue.item };
  } else if (reviewDue.item) chosen = { kp: reviewDue.item.knowledgePointId, card: reviewDue.item };
  else if (newPoints[0]) chosen = { kp: newPoints[0], card: null };
  else if (learnAhead.item) chosen = { kp: learnAhead.item.knowledgePointId, card: learnAhead.item };
  if (!chosen) return { done: true, progress };

  const recent = chosen.card
    ? await prisma.review.findMany({
        where: { cardId: chosen.card.id },
        orderBy: { reviewedAt: "desc" },
        take: 5,
        select: { question: { select: { format: true } } },
      })
    : [];
  const question = pickVariant(pool.get(chosen.kp)!.questions, {
    askedToday: askedToday.get(chosen.kp) ?? null,
    stable: chosen.card ? isStable(chosen.card) : false,
    recentFormats: recent.map((r) => r.question.format),
  })!;
  const isNew = chosen.card === null;
  // Checked again under the learner's lock: another tab may have just been shown a question.
  const shown = await withLearnerLock(userId, async (tx) => (await openPresentation(userId, now, tx)) ?? { ...(await present(userId, question, chosen.kp, "study", now, {}, tx)), isNew });
  return { done: false, question: shown, progress: { ...progress, remaining: Math.max(progress.remaining, 1) } };
}

async function openPresentation(userId: string, now: Date, db: Db = prisma): Promise<PresentedQuestion | null> {
  const [open] = await db.$queryRaw<{ token: string; options: string[]; format: Format; stem: string; kind: string; seen: boolean }[]>`
    select p.token, p.options, q.format::text as format, q.stem, kp.kind::text as kind,
           exists (select 1 from cards c where c.user_id = p.user_id and c.knowledge_point_id = p.knowledge_point_id) as seen
    from presentations p
    join questions q on q.id = p.question_id and q.status = 'approved'
    join knowledge_points kp on kp.id = q.knowledge_point_id and kp.retired_at is null
    where p.user_id = ${userId}::uuid and p.mode = 'study' and p.answered_at is null
      and p.issued_at >= ${new Date(now.getTime() - OPEN_PRESENTATION_MS)} and p.issued_at <= ${now}
    order by p.issued_at desc
    limit 1`;
  if (!open) return null;
  return { token: open.token, format: open.format, stem: open.stem, options: open.options, kind: open.kind, isNew: !open.seen };
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

interface LockedShowing {
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
}

interface CardRowSql {
  id: string;
  state: CardState["state"];
  due: Date;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: Date | null;
}

/**
 * Checks an answer on the server and records it once: the presentation row is locked, so a double
 * click, a retry or a second tab gets the stored result instead of a second review. In study and
 * practice the card update and the review insert are one transaction. Hot path: a few statements
 * in raw SQL rather than a dozen ORM round trips.
 */
export async function submitAnswer(userId: string, token: string, submitted: string[], durationMs: number, now: Date): Promise<AnswerResult> {
  return prisma.$transaction(
    async (tx) => {
      const [showing] = await tx.$queryRaw<LockedShowing[]>`
        select p.question_id, p.knowledge_point_id, p.mode, p.attempt_id, p.set_id, p.options, p.answered_at, p.result,
               q.format::text as format, q.answer, q.explanation, q.source_quote, q.source_path,
               d.id as document_id, d.title as document_title,
               (select ps.ordinal from passages ps where ps.document_id = d.id and ps.key = kp.passage_key) as passage_ordinal,
               u.desired_retention, u.time_zone
        from presentations p
        join questions q on q.id = p.question_id
        join knowledge_points kp on kp.id = q.knowledge_point_id
        join documents d on d.id = kp.document_id
        join users u on u.id = p.user_id
        where p.token = ${token} and p.user_id = ${userId}::uuid
        for update of p`;
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
      const duration = Math.max(0, Math.min(Math.round(durationMs), 60 * 60_000));
      const result: AnswerResult = {
        correct,
        given: submitted,
        answer: showing.answer,
        format: showing.format,
        options: showing.options,
        explanation: showing.explanation,
        sourceQuote: showing.source_quote,
        sourcePath: showing.source_path,
        document: { id: showing.document_id, title: showing.document_title },
        passageOrdinal: showing.passage_ordinal,
      };

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
      const [card] = await tx.$queryRaw<CardRowSql[]>`
        insert into cards (id, user_id, knowledge_point_id, state, due, created_at)
        values (gen_random_uuid(), ${userId}::uuid, ${showing.knowledge_point_id}::uuid, 'new', ${now}, ${now})
        on conflict (user_id, knowledge_point_id) do update set user_id = excluded.user_id
        returning id, state::text as state, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, last_review`;
      const before: CardState = {
        state: card!.state,
        due: card!.due,
        stability: card!.stability,
        difficulty: card!.difficulty,
        elapsedDays: card!.elapsed_days,
        scheduledDays: card!.scheduled_days,
        learningSteps: card!.learning_steps,
        reps: card!.reps,
        lapses: card!.lapses,
        lastReview: card!.last_review,
      };
      const { card: after, rating } = applyAnswer(before, correct, now, { desiredRetention: showing.desired_retention });
      // The session asks every review due before the end of the study day: those are "due" for
      // true retention, even when answered a few hours before their due instant.
      const dayEnd = studyDayStart(addDays(studyDay(now, showing.time_zone), 1), showing.time_zone);
      const wasDue = before.state === "review" && before.due < dayEnd;
      await tx.$executeRaw`
        with updated as (
          update cards set state = ${after.state}::"CardState", due = ${after.due}, stability = ${after.stability},
                 difficulty = ${after.difficulty}, elapsed_days = ${after.elapsedDays}, scheduled_days = ${after.scheduledDays},
                 learning_steps = ${after.learningSteps}, reps = ${after.reps}, lapses = ${after.lapses}, last_review = ${after.lastReview}
          where id = ${card!.id}::uuid
          returning id
        ), review as (
          insert into reviews (user_id, card_id, knowledge_point_id, question_id, mode, answer, correct, rating, duration_ms,
                               was_due, state_before, state_after, study_day, reviewed_at)
          select ${userId}::uuid, updated.id, ${showing.knowledge_point_id}::uuid, ${showing.question_id}::uuid, ${showing.mode}::"ReviewMode",
                 ${JSON.stringify(submitted)}::jsonb, ${correct}, ${rating}, ${duration}, ${wasDue},
                 ${JSON.stringify(snapshot(before))}::jsonb, ${JSON.stringify(snapshot(after))}::jsonb,
                 ${studyDay(now, showing.time_zone)}, ${now}
          from updated
          returning id
        )
        update presentations set answered_at = ${now}, review_id = (select id from review), result = ${JSON.stringify(result)}::jsonb
        where token = ${token}`;
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
