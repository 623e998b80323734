import { randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import type { Prisma, ReviewMode } from "~/generated/prisma/client";
import { checkAnswer, pickVariant, presentedOptions, type Format } from "./answers";
import { addDays, streaks, studyDay, studyDayStart } from "./day";
import { applyAnswer, isStable, newCardState, retrievability, type CardState } from "./scheduler";

/** A learning card due within this window is shown early rather than ending the session. */
const LEARN_AHEAD_MS = 20 * 60_000;
/** An unanswered showing is shown again (refresh, second tab) for this long. */
const OPEN_PRESENTATION_MS = 2 * 3600_000;
/** Every fourth item is a new point while reviews are also waiting. */
const NEW_EVERY = 4;

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
}

interface PoolPoint {
  questions: PoolQuestion[];
  order: number;
}

/**
 * Knowledge points a learner studies: non-retired points with approved questions in published
 * sets that are open to everyone or assigned (and already open) to one of the learner's groups.
 */
export async function studyPool(userId: string, now: Date): Promise<Map<string, PoolPoint>> {
  const rows = await prisma.$queryRaw<{ id: string; format: Format; kp: string; order: bigint }[]>`
    select q.id, q.format::text as format, q.knowledge_point_id as kp,
           min(row_number) as "order"
    from (
      select si.question_id, row_number() over (order by s.published_at, s.id, si.position) as row_number
      from set_items si
      join question_sets s on s.id = si.set_id and s.status = 'published'
      where s.audience = 'everyone' or exists (
        select 1 from assignments a
        join memberships m on m.group_id = a.group_id and m.user_id = ${userId}::uuid
        where a.set_id = s.id and (a.opens_at is null or a.opens_at <= ${now})
      )
    ) ranked
    join questions q on q.id = ranked.question_id and q.status = 'approved'
    join knowledge_points kp on kp.id = q.knowledge_point_id and kp.retired_at is null
    join documents d on d.id = kp.document_id and d.archived_at is null
    group by q.id, q.format, q.knowledge_point_id`;
  const pool = new Map<string, PoolPoint>();
  for (const row of rows) {
    const point = pool.get(row.kp) ?? { questions: [], order: Number(row.order) };
    point.questions.push({ id: row.id, format: row.format });
    point.order = Math.min(point.order, Number(row.order));
    pool.set(row.kp, point);
  }
  for (const point of pool.values()) point.questions.sort((a, b) => (a.id < b.id ? -1 : 1));
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

  const [pool, dueCards, knownPoints, todays, introducedToday] = await Promise.all([
    studyPool(userId, now),
    prisma.card.findMany({
      where: { userId, due: { lt: drill ? new Date(8.64e15) : dayEnd }, ...(drill ? { lapses: { gte: 3 } } : {}) },
      select: cardSelect,
    }),
    prisma.card.findMany({ where: { userId }, select: { knowledgePointId: true } }),
    prisma.review.findMany({
      where: { userId, studyDay: today, mode: "study" },
      orderBy: { reviewedAt: "asc" },
      select: { knowledgePointId: true, questionId: true },
    }),
    prisma.card.count({ where: { userId, createdAt: { gte: dayStart } } }),
  ]);
  const inPool = dueCards.filter((card) => pool.has(card.knowledgePointId));
  const askedToday = new Map(todays.map((r) => [r.knowledgePointId, r.questionId]));

  let learningDue: CardRow[] = [];
  let reviewDue: CardRow[] = [];
  let learnAhead: CardRow[] = [];
  let newPoints: string[] = [];
  if (drill) {
    // 易错题 practice: each lapsed point once a day, weakest first.
    reviewDue = inPool
      .filter((card) => !card.lastReview || card.lastReview < dayStart)
      .sort((a, b) => retrievability(cardState(a), now) - retrievability(cardState(b), now));
  } else {
    learningDue = inPool
      .filter((card) => (card.state === "learning" || card.state === "relearning") && card.due <= now)
      .sort((a, b) => a.due.getTime() - b.due.getTime());
    reviewDue = inPool
      .filter((card) => card.state === "review")
      .sort((a, b) => retrievability(cardState(a), now) - retrievability(cardState(b), now));
    learnAhead = inPool
      .filter((card) => (card.state === "learning" || card.state === "relearning") && card.due > now && card.due.getTime() <= now.getTime() + LEARN_AHEAD_MS)
      .sort((a, b) => a.due.getTime() - b.due.getTime());
    const known = new Set(knownPoints.map((c) => c.knowledgePointId));
    const allowance = Math.max(0, learner.dailyNewLimit + extraNew - introducedToday);
    newPoints = [...pool.entries()]
      .filter(([kp]) => !known.has(kp))
      .sort((a, b) => a[1].order - b[1].order)
      .slice(0, allowance)
      .map(([kp]) => kp);
  }

  const progress = { done: todays.length, remaining: learningDue.length + reviewDue.length + newPoints.length };
  const open = await openPresentation(userId, now);
  if (open) return { done: false, question: open, progress: { ...progress, remaining: Math.max(progress.remaining, 1) } };

  let chosen: { kp: string; card: CardRow | null } | null = null;
  if (learningDue[0]) chosen = { kp: learningDue[0].knowledgePointId, card: learningDue[0] };
  else if (reviewDue[0] && newPoints[0]) {
    chosen = todays.length % NEW_EVERY === NEW_EVERY - 1 ? { kp: newPoints[0], card: null } : { kp: reviewDue[0].knowledgePointId, card: reviewDue[0] };
  } else if (reviewDue[0]) chosen = { kp: reviewDue[0].knowledgePointId, card: reviewDue[0] };
  else if (newPoints[0]) chosen = { kp: newPoints[0], card: null };
  else if (learnAhead[0]) chosen = { kp: learnAhead[0].knowledgePointId, card: learnAhead[0] };
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
  const presented = await present(userId, question.id, chosen.kp, "study", now);
  return { done: false, question: { ...presented, isNew: chosen.card === null }, progress: { ...progress, remaining: Math.max(progress.remaining, 1) } };
}

const cardSelect = {
  id: true,
  knowledgePointId: true,
  state: true,
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  lastReview: true,
} as const;

async function openPresentation(userId: string, now: Date): Promise<PresentedQuestion | null> {
  const open = await prisma.presentation.findFirst({
    where: { userId, mode: "study", answeredAt: null, issuedAt: { gte: new Date(now.getTime() - OPEN_PRESENTATION_MS), lte: now } },
    orderBy: { issuedAt: "desc" },
  });
  if (!open) return null;
  const question = await prisma.question.findFirst({
    where: { id: open.questionId, status: "approved", knowledgePoint: { retiredAt: null } },
    select: { format: true, stem: true, knowledgePoint: { select: { kind: true } } },
  });
  if (!question) return null;
  const seen = await prisma.card.count({ where: { userId, knowledgePointId: open.knowledgePointId } });
  return { token: open.token, format: question.format, stem: question.stem, options: open.options, kind: question.knowledgePoint.kind, isNew: seen === 0 };
}

/** Records a showing of a question and returns what the page may show: never the answer. */
export async function present(
  userId: string,
  questionId: string,
  knowledgePointId: string,
  mode: ReviewMode,
  now: Date,
  extra: { setId?: string; attemptId?: string } = {},
): Promise<Omit<PresentedQuestion, "isNew">> {
  const question = await prisma.question.findUniqueOrThrow({
    where: { id: questionId },
    select: { format: true, stem: true, options: true, knowledgePoint: { select: { kind: true } } },
  });
  const token = randomBytes(24).toString("base64url");
  const options = presentedOptions(question, token);
  await prisma.presentation.create({
    data: { token, userId, questionId, knowledgePointId, mode, options, issuedAt: now, ...extra },
  });
  return { token, format: question.format, stem: question.stem, options, kind: question.knowledgePoint.kind };
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

/**
 * Checks an answer on the server and records it once: the presentation row is locked, so a double
 * click, a retry or a second tab gets the stored result instead of a second review. In study and
 * practice the card update and the review insert are one transaction.
 */
export async function submitAnswer(userId: string, token: string, submitted: string[], durationMs: number, now: Date): Promise<AnswerResult> {
  return prisma.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ token: string }[]>`select token from presentations where token = ${token} and user_id = ${userId}::uuid for update`;
      if (!locked) throw new StudyError("题目已失效，请刷新页面。", 404);
      const presentation = await tx.presentation.findUniqueOrThrow({ where: { token } });
      if (presentation.answeredAt && presentation.result) return presentation.result as unknown as AnswerResult;

      const question = await tx.question.findUniqueOrThrow({
        where: { id: presentation.questionId },
        select: {
          format: true,
          answer: true,
          explanation: true,
          sourceQuote: true,
          sourcePath: true,
          knowledgePoint: { select: { passageKey: true, document: { select: { id: true, title: true } } } },
        },
      });
      const correct = checkAnswer(question, submitted);
      const passage = await tx.passage.findFirst({
        where: { documentId: question.knowledgePoint.document.id, key: question.knowledgePoint.passageKey },
        select: { ordinal: true },
      });
      const result: AnswerResult = {
        correct,
        given: submitted,
        answer: question.answer,
        format: question.format,
        options: presentation.options,
        explanation: question.explanation,
        sourceQuote: question.sourceQuote,
        sourcePath: question.sourcePath,
        document: question.knowledgePoint.document,
        passageOrdinal: passage?.ordinal ?? null,
      };
      const duration = Math.max(0, Math.min(Math.round(durationMs), 60 * 60_000));

      let reviewId: bigint | null = null;
      if (presentation.mode === "quiz") {
        const attempt = await tx.attempt.findUniqueOrThrow({ where: { id: presentation.attemptId! }, select: { submittedAt: true, startedAt: true, timeLimitSec: true } });
        const late = attempt.timeLimitSec !== null && now.getTime() > attempt.startedAt.getTime() + attempt.timeLimitSec * 1000 + 5000;
        if (attempt.submittedAt || late) throw new StudyError("测验已结束，答案未计入。", 409);
        await tx.attemptAnswer.create({
          data: { attemptId: presentation.attemptId!, questionId: presentation.questionId, answer: submitted, correct, durationMs: duration, answeredAt: now },
        });
        result.hidden = true;
      } else {
        reviewId = await recordReview(tx, { userId, presentation, correct, submitted, duration, now });
      }
      const stored = presentation.mode === "quiz" ? { hidden: true } : result;
      await tx.presentation.update({
        where: { token },
        data: { answeredAt: now, reviewId, result: stored as unknown as Prisma.InputJsonValue },
      });
      return presentation.mode === "quiz" ? ({ hidden: true } as AnswerResult) : result;
    },
    { timeout: 15_000 },
  );
}

async function recordReview(
  tx: Prisma.TransactionClient,
  {
    userId,
    presentation,
    correct,
    submitted,
    duration,
    now,
  }: { userId: string; presentation: { questionId: string; knowledgePointId: string; mode: ReviewMode }; correct: boolean; submitted: string[]; duration: number; now: Date },
): Promise<bigint> {
  const learner = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { desiredRetention: true, timeZone: true } });
  await tx.card.upsert({
    where: { userId_knowledgePointId: { userId, knowledgePointId: presentation.knowledgePointId } },
    create: { userId, knowledgePointId: presentation.knowledgePointId, ...newCardState(now), createdAt: now },
    update: {},
  });
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    select id from cards where user_id = ${userId}::uuid and knowledge_point_id = ${presentation.knowledgePointId}::uuid for update`;
  const card = await tx.card.findUniqueOrThrow({ where: { id: row!.id }, select: cardSelect });
  const before = cardState(card);
  const { card: after, rating } = applyAnswer(before, correct, now, { desiredRetention: learner.desiredRetention });
  await tx.card.update({ where: { id: card.id }, data: after });
  const review = await tx.review.create({
    data: {
      userId,
      cardId: card.id,
      knowledgePointId: presentation.knowledgePointId,
      questionId: presentation.questionId,
      mode: presentation.mode,
      answer: submitted,
      correct,
      rating,
      durationMs: duration,
      wasDue: before.state === "review" && before.due <= now,
      stateBefore: snapshot(before),
      stateAfter: snapshot(after),
      studyDay: studyDay(now, learner.timeZone),
      reviewedAt: now,
    },
    select: { id: true },
  });
  return review.id;
}

function snapshot(card: CardState): Prisma.InputJsonValue {
  return { ...card, due: card.due.toISOString(), lastReview: card.lastReview?.toISOString() ?? null };
}

/** What the learner did today, for the end-of-session summary. */
export async function todaySummary(userId: string, now: Date) {
  const learner = await learnerSettings(userId);
  const today = studyDay(now, learner.timeZone);
  const tomorrowEnd = studyDayStart(addDays(today, 2), learner.timeZone);
  const [reviews, days, pool, dueTomorrow] = await Promise.all([
    prisma.review.findMany({ where: { userId, studyDay: today }, select: { correct: true, durationMs: true } }),
    prisma.review.findMany({ where: { userId }, distinct: ["studyDay"], select: { studyDay: true } }),
    studyPool(userId, now),
    prisma.card.findMany({ where: { userId, due: { lt: tomorrowEnd } }, select: { knowledgePointId: true } }),
  ]);
  const correct = reviews.filter((r) => r.correct).length;
  return {
    answered: reviews.length,
    correct,
    accuracy: reviews.length > 0 ? correct / reviews.length : null,
    timeSpentMs: reviews.reduce((sum, r) => sum + r.durationMs, 0),
    streak: streaks(days.map((d) => d.studyDay), today).current,
    tomorrowDue: dueTomorrow.filter((c) => pool.has(c.knowledgePointId)).length,
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
