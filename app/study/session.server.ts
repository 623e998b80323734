import { randomBytes } from "node:crypto";
import { hotQuery, prisma } from "~/db.server";
import { Prisma, type ReviewMode } from "~/generated/prisma/client";
import { checkAnswer, pickVariant, presentedOptions, type Format } from "./answers";
import { addDays, streaks, studyDay, studyDayStart } from "./day";
import {
  applyOwnAnswer,
  forget,
  keptState,
  readLearnerState,
  rememberShowing,
  stateForShowing,
} from "./learner-state.server";
import { LAPSE_THRESHOLD } from "./progress";
import { chooseNext } from "./queue";
import {
  QUESTION_KEY_SQL,
  latestPoolSnapshot,
  questionKey,
  studyPool,
  type QuestionKey,
  type QuestionKeyRow,
} from "./pool.server";
import { applyAnswer, isStable, newCardState, type CardState } from "./scheduler";

/** An unanswered showing is shown again (refresh, second tab) for this long. */
const OPEN_PRESENTATION_MS = 2 * 3600_000;

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
  /** Questions still to come in this sitting (learning steps once each), `learning` of them 巩固中. */
  remaining: number;
  learning: number;
}

export type NextItem =
  { done: false; question: PresentedQuestion; progress: StudyProgress } | { done: true; progress: StudyProgress };

interface OpenShowingRow {
  token: string;
  options: string[];
  format: Format;
  stem: string;
  kind: string;
  seen: boolean;
}

function toPresented(open: OpenShowingRow): PresentedQuestion {
  return {
    token: open.token,
    format: open.format,
    stem: open.stem,
    options: open.options,
    kind: open.kind,
    isNew: !open.seen,
  };
}

/**
 * How many times one call reads the learner's state while it keeps changing under it; the last
 * read shows its question without the version check.
 */
const MAX_STATE_READS = 3;

/**
 * The next question of the learner's daily session: learning steps that are due, then reviews
 * due today (least likely remembered first) with new points mixed in up to the daily limit, then
 * learning steps due soon. A showing left unanswered is shown again, so a refresh or a second tab
 * answers the same token.
 *
 * Hot path: the learner's state is kept in memory between questions (learner-state.server.ts), so a
 * question usually costs one statement, which records the showing only if the learner's and the
 * pool's versions are still those the state was read at.
 */
export async function nextStudyItem(
  userId: string,
  now: Date,
  session: { extraNew?: number; drill?: boolean } = {},
): Promise<NextItem> {
  const { extraNew = 0, drill = false } = session;
  for (let read = 1; read <= MAX_STATE_READS; read++) {
    const kept = drill || read > 1 ? null : keptState(userId, now, extraNew);
    const state = kept ?? (await readLearnerState(userId, now, { extraNew, drill }));
    if (!state) throw new StudyError("找不到这个账号，请重新登录。", 404);
    // A kept state that no longer holds enough never-studied points (a new study day) is read afresh.
    const queue = chooseNext(state, now);
    if (!queue) {
      forget(userId, state);
      continue;
    }
    const { chosen, progress } = queue;
    const withProgress = (question: PresentedQuestion): NextItem => ({
      done: false,
      question,
      progress: { ...progress, remaining: Math.max(progress.remaining, 1) },
    });
    if (!chosen) {
      // Nothing left to choose (if the state is current), but a showing may still be open (shown in another tab, say).
      const [row] = await hotQuery<{ open: OpenShowingRow | null; current: boolean }>(Prisma.sql`
        select ${openShowingSql(userId, now)} as "open",
               study_versions_match(${userId}::uuid, ${state.studyVersion}::bigint, ${state.poolVersion}::bigint) as "current"`);
      if (!row?.current && read < MAX_STATE_READS) {
        forget(userId, state);
        continue;
      }
      // A drill shows 易错题 only: an ordinary showing left open elsewhere is not one.
      return row?.open && !drill ? withProgress(toPresented(row.open)) : { done: true, progress };
    }

    const question = pickVariant(state.pool.get(chosen.kp)!.questions, {
      askedToday: queue.askedToday,
      stable: chosen.card ? isStable(chosen.card) : false,
      recentFormats: chosen.card?.recentFormats ?? [],
    })!;
    const token = randomBytes(24).toString("base64url");
    const options = presentedOptions(question, token);
    // Checked against the versions the state was read at, unless it has been read twice already
    // in this call (the learner's data changing all the while): then shown from the last read.
    const checked = read < MAX_STATE_READS;
    const [recorded] = await hotQuery<{ shown: string | null }>(Prisma.sql`
      select present_study_question(${userId}::uuid, ${token}, ${question.id}::uuid, ${chosen.kp}::uuid, ${options}::text[],
                                    ${now}, ${new Date(now.getTime() - OPEN_PRESENTATION_MS)},
                                    ${checked ? state.studyVersion : null}::bigint, ${checked ? state.poolVersion : null}::bigint) as shown`);
    if (!recorded?.shown) {
      forget(userId, state);
      continue;
    }
    if (recorded.shown === token) {
      rememberShowing(state, token, { questionId: question.id, knowledgePointId: chosen.kp, options });
      return withProgress({
        token,
        format: question.format,
        stem: question.stem,
        options,
        kind: question.kind,
        isNew: chosen.card === null,
      });
    }
    // Another tab's showing is open: that one. If it was answered in the instant since, start over.
    const open = await openPresentation(userId, now);
    if (open) return withProgress(open);
  }
  throw new StudyError("题目已失效，请刷新页面。", 409);
}

/** The learner's open daily-session showing as one JSON value (null when there is none). */
function openShowingSql(userId: string, now: Date) {
  return Prisma.sql`(
    select json_build_object('token', p.token, 'options', p.options, 'format', q.format, 'stem', q.stem, 'kind', kp.kind,
             'seen', exists (select 1 from cards c where c.user_id = p.user_id and c.knowledge_point_id = p.knowledge_point_id and c.state <> 'new'))
    from presentations p
    join questions q on q.id = p.question_id
    join knowledge_points kp on kp.id = q.knowledge_point_id
    where p.token = open_study_token(${userId}::uuid, ${new Date(now.getTime() - OPEN_PRESENTATION_MS)}, ${now}))`;
}

async function openPresentation(userId: string, now: Date): Promise<PresentedQuestion | null> {
  const [row] = await hotQuery<{ open: OpenShowingRow | null }>(
    Prisma.sql`select ${openShowingSql(userId, now)} as "open"`,
  );
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
    select: {
      id: true,
      format: true,
      stem: true,
      options: true,
      knowledgePointId: true,
      knowledgePoint: { select: { kind: true } },
    },
  });
  return {
    id: q.id,
    format: q.format,
    stem: q.stem,
    options: q.options,
    kind: q.knowledgePoint.kind as string,
    knowledgePointId: q.knowledgePointId,
  };
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
  /** A 多选's listed items the quote leaves out (a lead-in such as 有下列情形之一的); absent in results stored before. */
  sourceItems?: string[];
  /** For quizzes: the answer is recorded and revealed only when the attempt ends. */
  hidden?: boolean;
  /** A fill-in's blanks; with several, `answer` and `given` hold one entry per blank. Absent in results stored before. */
  blanks?: number;
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
  key: QuestionKey;
  desired_retention: number;
  fsrs_parameters: number[] | null;
  time_zone: string;
  /** The learner's card for the point as read with the showing (null: none yet); through row_to_json, so instants are text. */
  card: (Omit<CardRow, "due" | "lastReview"> & { due: string; lastReview: string | null }) | null;
}

/** A showing as showingSql selects it: its key with the stem, not yet its blanks. */
type ShowingRow = Omit<Showing, "key"> & { key: QuestionKeyRow };

function toShowing({ key, ...row }: ShowingRow): Showing {
  return { ...row, key: questionKey(key) };
}

/** A card row selected in CardState's own names (CARD_COLUMNS). */
type CardRow = CardState & { id: string };

const CARD_COLUMNS = Prisma.sql`id, state::text as state, due, stability, difficulty, elapsed_days as "elapsedDays",
  scheduled_days as "scheduledDays", learning_steps as "learningSteps", reps, lapses, last_review as "lastReview"`;

function showingSql(userId: string, token: string, { lock }: { lock: boolean }) {
  return Prisma.sql`
    select p.question_id, p.knowledge_point_id, p.mode, p.attempt_id, p.set_id, p.options, p.answered_at, p.result,
           ${QUESTION_KEY_SQL} as key, u.desired_retention, u.time_zone, effective_fsrs_parameters(u.id) as fsrs_parameters,
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

function answerResult(key: QuestionKey, options: string[], correct: boolean, given: string[]): AnswerResult {
  const { format, answer, explanation, sourceQuote, sourcePath, document, passageOrdinal, sourceItems, blanks } = key;
  return {
    correct,
    given,
    answer,
    format,
    options,
    explanation,
    sourceQuote,
    sourcePath,
    document,
    passageOrdinal,
    sourceItems,
    ...(format === "fill" && blanks > 1 ? { blanks } : {}),
  };
}

/** What recording an answer needs to know of its showing and learner. */
interface AnswerContext {
  questionId: string;
  format: Format;
  knowledgePointId: string;
  mode: ReviewMode;
  desiredRetention: number;
  /** The learner's fitted FSRS weights (app/memory), null for the defaults. */
  fsrsParameters: number[] | null;
  timeZone: string;
  /** The state kept in memory that the answer was graded from: recorded only if still current. */
  versions?: { study: bigint; pool: bigint };
}

function contextOf(showing: Showing): AnswerContext {
  return {
    questionId: showing.question_id,
    format: showing.key.format,
    knowledgePointId: showing.knowledge_point_id,
    mode: showing.mode,
    desiredRetention: showing.desired_retention,
    fsrsParameters: showing.fsrs_parameters,
    timeZone: showing.time_zone,
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
  showing: AnswerContext,
  answer: { submitted: string[]; correct: boolean; durationMs: number; result: AnswerResult },
  card: { id: string | null; before: CardState },
  now: Date,
) {
  const { card: after, rating } = applyAnswer(card.before, answer.correct, now, {
    desiredRetention: showing.desiredRetention,
    parameters: showing.fsrsParameters,
  });
  const today = studyDay(now, showing.timeZone);
  // The session asks every review due before the end of the study day: those are "due" for
  // true retention, even when answered a few hours before their due instant.
  const wasDue = card.before.state === "review" && card.before.due < studyDayStart(addDays(today, 1), showing.timeZone);
  const unanswered = Prisma.sql`exists (select 1 from showing)`;
  const writeCard = card.id
    ? Prisma.sql`
        update cards set state = ${after.state}::"CardState", due = ${after.due}, stability = ${after.stability},
               difficulty = ${after.difficulty}, elapsed_days = ${after.elapsedDays}, scheduled_days = ${after.scheduledDays},
               learning_steps = ${after.learningSteps}, reps = ${after.reps}, lapses = ${after.lapses}, last_review = ${after.lastReview},
               recent_formats = (array[${showing.format}::"QuestionFormat"] || coalesce(recent_formats, '{}'))[1:5]
        where id = ${card.id}::uuid and reps = ${card.before.reps} and ${unanswered}
        returning id`
    : Prisma.sql`
        insert into cards (id, user_id, knowledge_point_id, state, due, stability, difficulty, elapsed_days, scheduled_days,
                           learning_steps, reps, lapses, last_review, recent_formats, created_at)
        select gen_random_uuid(), ${userId}::uuid, ${showing.knowledgePointId}::uuid, ${after.state}::"CardState", ${after.due},
               ${after.stability}, ${after.difficulty}, ${after.elapsedDays}, ${after.scheduledDays}, ${after.learningSteps},
               ${after.reps}, ${after.lapses}, ${after.lastReview}, array[${showing.format}::"QuestionFormat"], ${now}
        where ${unanswered}
        on conflict (user_id, knowledge_point_id) do nothing
        returning id`;
  const statement = Prisma.sql`
    with showing as (
      select token from presentations where token = ${token} and answered_at is null
        ${showing.versions ? Prisma.sql`and study_versions_match(${userId}::uuid, ${showing.versions.study}::bigint, ${showing.versions.pool}::bigint)` : Prisma.empty}
      for update
    ), card as (${writeCard}), review as (
      insert into reviews (user_id, card_id, knowledge_point_id, question_id, mode, answer, correct, rating, duration_ms,
                           was_due, state_before, state_after, study_day, reviewed_at)
      select ${userId}::uuid, card.id, ${showing.knowledgePointId}::uuid, ${showing.questionId}::uuid, ${showing.mode}::"ReviewMode",
             ${JSON.stringify(answer.submitted)}::jsonb, ${answer.correct}, ${rating}, ${answer.durationMs}, ${wasDue},
             ${JSON.stringify(snapshot(card.before))}::jsonb, ${JSON.stringify(snapshot(after))}::jsonb, ${today}, ${now}
      from card
      returning id, card_id
    )
    update presentations set answered_at = ${now}, review_id = review.id, result = ${JSON.stringify(answer.result)}::jsonb
    from review
    where token = ${token} and answered_at is null
    returning token, review.card_id as "cardId"`;
  return { statement, after };
}

/**
 * Checks an answer on the server and records it once: a double click, a retry or a second tab gets
 * the stored result instead of a second review. In study and practice the card update and the
 * review insert are one atomic statement. Hot path: daily-session answers are written
 * optimistically (read, then one guarded statement: two round trips); a lost race, practice and
 * quizzes take the transaction that locks the showing.
 */
export async function submitAnswer(
  userId: string,
  token: string,
  submitted: string[],
  durationMs: number,
  now: Date,
): Promise<AnswerResult> {
  const kept = await submitFromKeptState(userId, token, submitted, durationMs, now);
  if (kept) return kept;
  const [showing] = (await hotQuery<ShowingRow>(showingSql(userId, token, { lock: false }))).map(toShowing);
  if (!showing) throw new StudyError("题目已失效，请刷新页面。", 404);
  if (showing.answered_at && showing.result) return showing.result;
  if (showing.mode === "study") {
    const correct = checkAnswer(showing.key, submitted);
    const result = answerResult(showing.key, showing.options, correct, submitted);
    const before = showing.card ? fromCardRow(showing.card) : newCardState(now);
    const answer = { submitted, correct, durationMs: clampDuration(durationMs), result };
    const { statement } = recordReviewSql(
      userId,
      token,
      contextOf(showing),
      answer,
      { id: showing.card?.id ?? null, before },
      now,
    );
    const recorded = await hotQuery<RecordedRow>(statement);
    if (recorded.length > 0) return result;
  }
  return submitAnswerLocked(userId, token, submitted, durationMs, now);
}

interface RecordedRow {
  token: string;
  cardId: string;
}

/**
 * A daily-session answer to a showing this process recorded from a state it keeps: graded and
 * recorded from memory in one statement, which does nothing if the learner's or the pool's data
 * changed since the state was read (null then: the caller reads the showing).
 */
async function submitFromKeptState(
  userId: string,
  token: string,
  submitted: string[],
  durationMs: number,
  now: Date,
): Promise<AnswerResult | null> {
  const found = stateForShowing(userId, token);
  if (!found) return null;
  const { state, showing } = found;
  const snapshot = latestPoolSnapshot();
  const key = snapshot?.keys.get(showing.questionId);
  if (!key || snapshot?.version !== state.poolVersion) {
    forget(userId, state);
    return null;
  }
  const card = state.cards.get(showing.knowledgePointId) ?? null;
  const before: CardState = card ?? newCardState(now);
  const correct = checkAnswer(key, submitted);
  const result = answerResult(key, showing.options, correct, submitted);
  const context: AnswerContext = {
    questionId: showing.questionId,
    format: key.format,
    knowledgePointId: showing.knowledgePointId,
    mode: "study",
    desiredRetention: state.desiredRetention,
    fsrsParameters: state.fsrsParameters,
    timeZone: state.timeZone,
    versions: { study: state.studyVersion, pool: state.poolVersion },
  };
  const answer = { submitted, correct, durationMs: clampDuration(durationMs), result };
  const { statement, after } = recordReviewSql(userId, token, context, answer, { id: card?.id ?? null, before }, now);
  const [recorded] = await hotQuery<RecordedRow>(statement);
  if (!recorded) {
    forget(userId, state);
    return null;
  }
  applyOwnAnswer(state, token, {
    card: {
      ...after,
      id: recorded.cardId,
      knowledgePointId: showing.knowledgePointId,
      recentFormats: card?.recentFormats ?? [],
    },
    // A card back in state new (its first answer undone) is still a new point.
    isNew: card === null || card.state === "new",
    questionId: showing.questionId,
    format: key.format,
    day: studyDay(now, state.timeZone),
    at: now,
  });
  return result;
}

function clampDuration(durationMs: number): number {
  return Math.max(0, Math.min(Math.round(durationMs), 60 * 60_000));
}

async function submitAnswerLocked(
  userId: string,
  token: string,
  submitted: string[],
  durationMs: number,
  now: Date,
): Promise<AnswerResult> {
  return prisma.$transaction(
    async (tx) => {
      const [showing] = (await tx.$queryRaw<ShowingRow[]>(showingSql(userId, token, { lock: true }))).map(toShowing);
      if (!showing) throw new StudyError("题目已失效，请刷新页面。", 404);
      if (showing.answered_at && showing.result) return showing.result;
      // A practice question shown before a quiz asking its knowledge point began (on this set or
      // another holding the same question or a sibling variant): its answer would be the quiz's.
      if (showing.mode === "practice") {
        const [running] = await tx.$queryRaw<{ id: string }[]>`
          select a.id from attempts a
          where a.user_id = ${userId}::uuid and a.submitted_at is null
            and (a.time_limit_sec is null or a.started_at + make_interval(secs => a.time_limit_sec + 5) >= ${now})
            and exists (select 1 from questions q where q.id = any(a.question_ids::uuid[]) and q.knowledge_point_id = ${showing.knowledge_point_id}::uuid)
          limit 1`;
        if (running) throw new StudyError("你有一次测验正在进行，其中有这道题的考点，交卷后才能练习。", 409);
      }

      const correct = checkAnswer(showing.key, submitted);
      const duration = clampDuration(durationMs);
      const result = answerResult(showing.key, showing.options, correct, submitted);

      if (showing.mode === "quiz") {
        // The attempt row is locked as finishAttempt locks it: an answer is either counted in the
        // score or refused, never committed after the scoring read the answers.
        const [attempt] = await tx.$queryRaw<
          { submitted_at: Date | null; started_at: Date; time_limit_sec: number | null }[]
        >`
          select submitted_at, started_at, time_limit_sec from attempts where id = ${showing.attempt_id}::uuid for update`;
        if (!attempt) throw new StudyError("找不到这次测验。", 404);
        const late =
          attempt.time_limit_sec !== null &&
          now.getTime() > attempt.started_at.getTime() + attempt.time_limit_sec * 1000 + 5000;
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
      const { statement } = recordReviewSql(
        userId,
        token,
        contextOf(showing),
        answer,
        { id: card!.id, before: fromCardRow(card!) },
        now,
      );
      const recorded = await tx.$queryRaw<RecordedRow[]>(statement);
      if (recorded.length === 0) throw new Error("recording a locked answer changed nothing");
      return result;
    },
    { timeout: 15_000 },
  );
}

/** A card's state as the review log keeps it (whatever else the object carries, such as a kept card's id). */
function snapshot(card: CardState): Prisma.InputJsonValue {
  const { state, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, lastReview } =
    card;
  return {
    state,
    due: due.toISOString(),
    stability,
    difficulty,
    elapsedDays,
    scheduledDays,
    learningSteps,
    reps,
    lapses,
    lastReview: lastReview?.toISOString() ?? null,
  };
}

/** What the learner did today, for the end-of-session summary, and what is left to study at all. */
export async function todaySummary(userId: string, now: Date) {
  const learner = await learnerSettings(userId);
  const today = studyDay(now, learner.timeZone);
  const tomorrowEnd = studyDayStart(addDays(today, 2), learner.timeZone);
  const [days, pool, cards] = await Promise.all([
    // The trigger-kept rollup: one row per study day with its counts, whatever the number of reviews.
    prisma.reviewDay.findMany({
      where: { userId },
      select: { studyDay: true, reviews: true, correct: true, durationMs: true },
    }),
    studyPool(userId, now),
    // A card back in state new (its first answer undone) is not studied yet.
    prisma.card.findMany({ where: { userId, state: { not: "new" } }, select: { knowledgePointId: true, due: true } }),
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
    streak: streaks(
      days.map((d) => d.studyDay),
      today,
    ).current,
    tomorrowDue: studying.filter((c) => c.due < tomorrowEnd).length,
    /** Points the learner can study at all (published sets open to them); 0: nothing published yet. */
    available: pool.size,
    /** Of those, points never studied: "再学 5 个新考点" has something to show. */
    newLeft: pool.size - studying.length,
    /** The study day of the next review, if any. */
    nextDueDay: nextDue ? studyDay(nextDue, learner.timeZone) : null,
  };
}

/** How many of the learner's points are 易错题 (lapsed LAPSE_THRESHOLD times or more). */
export async function lapsedCount(userId: string): Promise<number> {
  return prisma.card.count({ where: { userId, lapses: { gte: LAPSE_THRESHOLD } } });
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

/**
 * The study page's answer: recorded, then the session's next question shown, so that one request
 * serves a question (继续 shows it without another). `next` is null when it cannot be told now
 * (the page then asks for it).
 */
export async function answerAndContinue(
  userId: string,
  answer: { token: string; submitted: string[]; durationMs: number },
  now: Date,
  session: { extraNew?: number; drill?: boolean } = {},
): Promise<{ result: AnswerResult; next: NextItem | null }> {
  const result = await submitAnswer(userId, answer.token, answer.submitted, answer.durationMs, now);
  const next = await nextStudyItem(userId, now, session).catch((error: unknown) =>
    error instanceof StudyError ? null : Promise.reject(error),
  );
  return { result, next };
}

/** What the study page shows: the next question, or the day's summary once the session is over. */
export async function studyView(userId: string, now: Date, next: NextItem) {
  return { next, summary: next.done ? await todaySummary(userId, now) : null };
}

export type StudyView = Awaited<ReturnType<typeof studyView>>;

/**
 * The home page's figures: reviews due by the end of today, new points still offered today, the
 * streak, and whether the learner ever studied (a brand-new account is greeted, not welcomed back).
 */
export async function homeSummary(userId: string, now: Date) {
  const learner = await learnerSettings(userId);
  const today = studyDay(now, learner.timeZone);
  const todayEnd = studyDayStart(addDays(today, 1), learner.timeZone);
  const [days, pool, cards] = await Promise.all([
    prisma.reviewDay.findMany({ where: { userId }, select: { studyDay: true, reviews: true } }),
    studyPool(userId, now),
    prisma.card.findMany({
      where: { userId, state: { not: "new" } },
      select: { knowledgePointId: true, due: true, createdAt: true },
    }),
  ]);
  const studying = cards.filter((c) => pool.has(c.knowledgePointId));
  const newToday = cards.filter((c) => studyDay(c.createdAt, learner.timeZone) === today).length;
  const newLeft = Math.max(0, Math.min(pool.size - studying.length, learner.dailyNewLimit - newToday));
  return {
    dueToday: studying.filter((c) => c.due < todayEnd).length,
    newToday: newLeft,
    reviewedToday: days.find((d) => d.studyDay === today)?.reviews ?? 0,
    streak: streaks(
      days.map((d) => d.studyDay),
      today,
    ).current,
    everStudied: days.length > 0,
    available: pool.size,
  };
}
