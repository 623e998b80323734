import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Format } from "./answers";
import { studyDay, studyDayStart } from "./day";
import {
  DEFAULT_QUIZ_QUESTIONS,
  LATE_GRACE_MS,
  drawQuiz,
  practiceOrder,
  revealsAnswerOf,
  suggestedMinutes,
  timeLimitChoices,
  type DrawItem,
} from "./draw";
import { StudyError, present, questionForShowing, withLearnerLock } from "./session.server";

type Db = Prisma.TransactionClient | typeof prisma;

/** A 多选's listed items (the enumeration kept in the knowledge point's data) that its quote leaves out. */
function listedItemsMissing(quote: string, data: Prisma.JsonValue): string[] {
  const items =
    data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>).items : null;
  return Array.isArray(items)
    ? items.filter((item): item is string => typeof item === "string" && !quote.includes(item))
    : [];
}

/** An unanswered practice showing is shown again (refresh, second tab) for this long. */
const OPEN_PRESENTATION_MS = 2 * 3600_000;

/** Published sets this learner may open: for everyone, or assigned to one of their groups. */
function visibleTo(userId: string, now: Date) {
  return {
    status: "published" as const,
    OR: [
      { audience: "everyone" as const },
      {
        assignments: {
          some: {
            group: { memberships: { some: { userId } } },
            withdrawnAt: null,
            OR: [{ opensAt: null }, { opensAt: { lte: now } }],
          },
        },
      },
    ],
  };
}

const setFields = {
  id: true,
  title: true,
  description: true,
  publishedAt: true,
  quizQuestionCount: true,
  versions: {
    orderBy: { version: "desc" as const },
    take: 1,
    select: { id: true, title: true, description: true, questionIds: true },
  },
  items: { orderBy: { position: "asc" as const }, select: { questionId: true } },
};

interface LearnerSet {
  id: string;
  title: string;
  description: string;
  /** The published version learners see; null for a set published without versions (automatic per-document sets). */
  versionId: string | null;
  /** Questions a quiz draws (the set's setting or the default). */
  quizQuestions: number;
  items: DrawItem[];
}

/**
 * What learners see of published sets: the latest published version (its title, description and
 * questions), never the items an administrator is editing, keeping only the questions still
 * approved on non-retired points of non-archived documents. Sets published without any version
 * (the automatic per-document sets of demo mode) show their items.
 */
async function asPublished(
  sets: {
    id: string;
    title: string;
    description: string;
    quizQuestionCount: number | null;
    versions: { id: string; title: string; description: string; questionIds: string[] }[];
    items: { questionId: string }[];
  }[],
): Promise<LearnerSet[]> {
  const lists = sets.map((s) => ({
    set: s,
    version: s.versions[0] ?? null,
    ids: s.versions[0]?.questionIds ?? s.items.map((i) => i.questionId),
  }));
  const usable = await prisma.question.findMany({
    where: {
      id: { in: [...new Set(lists.flatMap((l) => l.ids))] },
      status: "approved",
      knowledgePoint: { retiredAt: null, document: { archivedAt: null } },
    },
    select: { id: true, knowledgePointId: true, format: true, stem: true, answer: true },
  });
  const byId = new Map(usable.map((q) => [q.id, q]));
  return lists.map(({ set, version, ids }) => ({
    id: set.id,
    title: version?.title ?? set.title,
    description: version?.description ?? set.description,
    versionId: version?.id ?? null,
    quizQuestions: set.quizQuestionCount ?? DEFAULT_QUIZ_QUESTIONS,
    items: [...new Set(ids)].flatMap((questionId) => {
      const q = byId.get(questionId);
      return q
        ? [
            {
              questionId,
              knowledgePointId: q.knowledgePointId,
              format: q.format as Format,
              stem: q.stem,
              answer: q.answer,
            },
          ]
        : [];
    }),
  }));
}

export async function listPublishedSets(userId: string, now: Date) {
  const sets = await asPublished(
    await prisma.questionSet.findMany({
      where: visibleTo(userId, now),
      orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
      select: setFields,
    }),
  );
  const points = [...new Set(sets.flatMap((s) => s.items.map((i) => i.knowledgePointId)))];
  const studied = new Set(
    (
      await prisma.card.findMany({
        where: { userId, knowledgePointId: { in: points } },
        select: { knowledgePointId: true },
      })
    ).map((c) => c.knowledgePointId),
  );
  const attempts = await prisma.attempt.findMany({
    where: { userId, submittedAt: { not: null } },
    orderBy: { submittedAt: "desc" },
    select: { setId: true, score: true },
  });
  const bestScore = new Map<string, number>();
  for (const a of attempts) bestScore.set(a.setId, Math.max(bestScore.get(a.setId) ?? 0, a.score ?? 0));
  return sets
    .filter((s) => s.items.length > 0)
    .map((s) => {
      const setPoints = new Set(s.items.map((i) => i.knowledgePointId));
      return {
        id: s.id,
        title: s.title,
        description: s.description,
        questions: s.items.length,
        points: setPoints.size,
        studied: [...setPoints].filter((p) => studied.has(p)).length,
        bestScore: bestScore.get(s.id) ?? null,
      };
    });
}

async function publishedSet(userId: string, setId: string, now: Date): Promise<LearnerSet> {
  const found = await prisma.questionSet.findFirst({
    where: { id: setId, ...visibleTo(userId, now) },
    select: setFields,
  });
  const [set] = found ? await asPublished([found]) : [];
  if (!set || set.items.length === 0) throw new StudyError("题集不存在或尚未发布。", 404);
  return set;
}

/**
 * The learner's running quiz (on any set) that asks one of these knowledge points, if any. Practice
 * reveals answers, and the same question — or a sibling variant of its fact — may sit in several
 * published sets, so practice is refused per knowledge point, not per set.
 */
export async function runningQuizOnPoints(
  userId: string,
  pointIds: string[],
  now: Date,
  db: Db = prisma,
): Promise<string | null> {
  if (pointIds.length === 0) return null;
  const [row] = await db.$queryRaw<{ id: string }[]>`
    select a.id::text as id
      from attempts a
     where a.user_id = ${userId}::uuid and a.submitted_at is null
       and (a.time_limit_sec is null or a.started_at + make_interval(secs => a.time_limit_sec + ${LATE_GRACE_MS / 1000}) >= ${now})
       and exists (select 1 from questions q
                    where q.id = any(a.question_ids::uuid[]) and q.knowledge_point_id = any(${pointIds}::uuid[]))
     order by a.started_at desc
     limit 1`;
  return row?.id ?? null;
}

export type PracticeState =
  | { blocked: true; attemptId: string }
  | {
      blocked: false;
      set: { id: string; title: string; description: string };
      index: number;
      total: number;
      /** null: nothing left to show today (what remains would give away answers already shown). */
      question: Awaited<ReturnType<typeof present>> | null;
    };

/**
 * Practice walks the set round by round, one variant of each knowledge point per round, so two
 * variants of one point are never next to each other; answers count toward the learner's cards.
 * From position `index` on it skips a question whose stem holds the answer of a question the
 * learner was shown earlier that study day (anywhere: study, practice, quiz), and a sibling of
 * the practice question shown just before. A showing left unanswered is shown again (refresh,
 * second tab), so it records one review. Refused while a quiz asking any of the set's knowledge
 * points is running (on this set or another): practice reveals the answers.
 */
export async function practiceQuestion(
  userId: string,
  setId: string,
  index: number,
  now: Date,
): Promise<PracticeState> {
  const set = await publishedSet(userId, setId, now);
  const running = await runningQuizOnPoints(userId, [...new Set(set.items.map((i) => i.knowledgePointId))], now);
  if (running) return { blocked: true, attemptId: running };
  const order = practiceOrder(set.items);
  const start = Math.max(0, index);
  const { timeZone } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
  const dayStart = studyDayStart(studyDay(now, timeZone), timeZone);
  const shownToday = await prisma.presentation.findMany({
    where: { userId, issuedAt: { gte: dayStart, lte: now } },
    orderBy: { issuedAt: "desc" },
    select: { questionId: true, knowledgePointId: true, mode: true, setId: true, answeredAt: true, issuedAt: true },
  });
  const questions = await prisma.question.findMany({
    where: { id: { in: [...new Set(shownToday.map((p) => p.questionId))] } },
    select: { id: true, format: true, answer: true },
  });
  const answerOf = new Map(questions.map((q) => [q.id, { format: q.format as Format, answer: q.answer }]));
  const lastPractice = shownToday.find((p) => p.mode === "practice" && p.setId === setId);
  const openSince = new Date(now.getTime() - OPEN_PRESENTATION_MS);
  for (let position = start; position < order.length; position++) {
    const item = order[position]!;
    const open = shownToday.some(
      (p) =>
        p.questionId === item.questionId &&
        p.mode === "practice" &&
        p.setId === setId &&
        !p.answeredAt &&
        p.issuedAt >= openSince,
    );
    if (!open) {
      const earlier = shownToday
        .filter((p) => p.questionId !== item.questionId)
        .flatMap((p) => answerOf.get(p.questionId) ?? []);
      if (revealsAnswerOf(item.stem, earlier)) continue;
      if (
        lastPractice &&
        lastPractice.questionId !== item.questionId &&
        lastPractice.knowledgePointId === item.knowledgePointId
      )
        continue;
    }
    const shown = await questionForShowing(item.questionId);
    const question = await withLearnerLock(userId, async (tx) => {
      const again = await tx.presentation.findFirst({
        where: {
          userId,
          setId,
          questionId: item.questionId,
          mode: "practice",
          answeredAt: null,
          issuedAt: { gte: openSince, lte: now },
        },
        orderBy: { issuedAt: "desc" },
        select: { token: true, options: true },
      });
      if (again)
        return { token: again.token, format: shown.format, stem: shown.stem, options: again.options, kind: shown.kind };
      return present(userId, shown, item.knowledgePointId, "practice", now, { setId }, tx);
    });
    return {
      blocked: false,
      set: { id: set.id, title: set.title, description: set.description },
      index: position,
      total: order.length,
      question,
    };
  }
  return {
    blocked: false,
    set: { id: set.id, title: set.title, description: set.description },
    index: order.length,
    total: order.length,
    question: null,
  };
}

/** The learner's assignment of this set (the one due first), if any: it decides the quiz's settings. */
async function assignmentFor(userId: string, setId: string, now: Date) {
  return prisma.assignment.findFirst({
    where: {
      setId,
      group: { memberships: { some: { userId } } },
      withdrawnAt: null,
      OR: [{ opensAt: null }, { opensAt: { lte: now } }],
    },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }],
    select: {
      id: true,
      timeLimitSec: true,
      questionCount: true,
      opensAt: true,
      dueAt: true,
      createdAt: true,
      group: { select: { name: true, timeZone: true } },
    },
  });
}

/** How many questions a quiz draws: the assignment's number, else the set's, never more than there are points. */
function quizSize(set: LearnerSet, assignment: { questionCount: number | null } | null): number {
  const points = new Set(set.items.map((i) => i.knowledgePointId)).size;
  return Math.min(points, assignment?.questionCount ?? set.quizQuestions);
}

export async function setOverview(userId: string, setId: string, now: Date) {
  const set = await publishedSet(userId, setId, now);
  const [attempts, running, assignment] = await Promise.all([
    prisma.attempt.findMany({
      where: { userId, setId },
      orderBy: { startedAt: "desc" },
      take: 10,
      select: { id: true, startedAt: true, submittedAt: true, score: true, questionIds: true },
    }),
    runningQuizOnPoints(userId, [...new Set(set.items.map((i) => i.knowledgePointId))], now),
    assignmentFor(userId, setId, now),
  ]);
  const questions = quizSize(set, assignment);
  // Practice resumes after the last question answered in it (the walk's order is fixed per set).
  const lastPractised = await prisma.presentation.findFirst({
    where: { userId, setId, mode: "practice", answeredAt: { not: null } },
    orderBy: { answeredAt: "desc" },
    select: { questionId: true },
  });
  const order = practiceOrder(set.items);
  const lastPosition = lastPractised ? order.findIndex((i) => i.questionId === lastPractised.questionId) : -1;
  const resumeAt = lastPosition >= 0 && lastPosition + 1 < order.length ? lastPosition + 2 : null;
  // The learner's attempt that counts for the assignment (the first submitted, as the report
  // matches attempts): once there is one, later quizzes are practice.
  const counted = assignment
    ? await prisma.attempt.findFirst({
        where: {
          userId,
          setId,
          submittedAt: { not: null },
          OR: [
            { assignmentId: assignment.id },
            { assignmentId: null, startedAt: { gte: assignment.opensAt ?? assignment.createdAt } },
          ],
        },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        select: { id: true, score: true },
      })
    : null;
  return {
    set: { id: set.id, title: set.title, description: set.description, questions: set.items.length },
    /** 1-based practice position to resume at; null: start from the beginning. */
    resumeAt,
    quiz: {
      questions,
      suggestedMinutes: suggestedMinutes(questions),
      limitChoices: timeLimitChoices(questions),
    },
    assignment: assignment
      ? {
          group: assignment.group.name,
          timeZone: assignment.group.timeZone,
          opensAt: assignment.opensAt?.toISOString() ?? null,
          dueAt: assignment.dueAt?.toISOString() ?? null,
          /** Fixed by the assignment; null: the learner chooses. */
          timeLimitSec: assignment.timeLimitSec,
          overdue: assignment.dueAt !== null && assignment.dueAt < now,
          countedAttemptId: counted?.id ?? null,
          countedScore: counted?.score ?? null,
        }
      : null,
    runningAttemptId: running,
    attempts: attempts.map((a) => ({ ...a, questions: a.questionIds.length, questionIds: undefined })),
  };
}

/**
 * Starts a quiz on the latest published version: one variant per knowledge point, the
 * assignment's or the set's number of questions, formats mixed, in an order of its own; the
 * attempt keeps that version and its questions. An assignment's time limit is the most allowed.
 */
export async function startAttempt(
  userId: string,
  setId: string,
  timeLimitMinutes: number | null,
  now: Date,
  random: () => number = Math.random,
) {
  const set = await publishedSet(userId, setId, now);
  const assignment = await assignmentFor(userId, setId, now);
  const chosen = timeLimitMinutes ? timeLimitMinutes * 60 : null;
  const limit = assignment?.timeLimitSec ? Math.min(assignment.timeLimitSec, chosen ?? Infinity) : chosen;
  const attempt = await prisma.attempt.create({
    data: {
      userId,
      setId,
      setVersionId: set.versionId,
      assignmentId: assignment?.id ?? null,
      questionIds: drawQuiz(set.items, quizSize(set, assignment), random),
      timeLimitSec: limit,
      startedAt: now,
    },
    select: { id: true },
  });
  return attempt.id;
}

function deadline(attempt: { startedAt: Date; timeLimitSec: number | null }): Date | null {
  return attempt.timeLimitSec ? new Date(attempt.startedAt.getTime() + attempt.timeLimitSec * 1000) : null;
}

async function ownAttempt(userId: string, attemptId: string) {
  const attempt = await prisma.attempt.findFirst({
    where: { id: attemptId, userId },
    select: {
      id: true,
      setId: true,
      questionIds: true,
      timeLimitSec: true,
      startedAt: true,
      submittedAt: true,
      score: true,
      set: { select: { title: true } },
      setVersion: { select: { title: true } },
      answers: { select: { questionId: true, correct: true, answer: true } },
    },
  });
  if (!attempt) throw new StudyError("找不到这次测验。", 404);
  // The title of the version taken, not the set's current one.
  return { ...attempt, title: attempt.setVersion?.title ?? attempt.set.title };
}

/** Scores an attempt out of 100; unanswered questions count as wrong. Idempotent. */
export async function finishAttempt(userId: string, attemptId: string, now: Date) {
  await prisma.$transaction(async (tx) => {
    // Locked as submitAnswer locks it: an answer being recorded is committed before the score is
    // computed (and counted), or sees the attempt submitted (and is refused).
    const [attempt] = await tx.$queryRaw<
      { started_at: Date; time_limit_sec: number | null; submitted_at: Date | null; questions: number }[]
    >`
      select started_at, time_limit_sec, submitted_at, cardinality(question_ids) as questions
      from attempts where id = ${attemptId}::uuid and user_id = ${userId}::uuid
      for update`;
    if (!attempt) throw new StudyError("找不到这次测验。", 404);
    if (attempt.submitted_at) return;
    const correct = await tx.attemptAnswer.count({ where: { attemptId, correct: true } });
    const score = Math.round((correct / Math.max(1, attempt.questions)) * 1000) / 10;
    const end = deadline({ startedAt: attempt.started_at, timeLimitSec: attempt.time_limit_sec });
    await tx.attempt.update({ where: { id: attemptId }, data: { submittedAt: end && end < now ? end : now, score } });
  });
}

/** The next question of a running attempt, or its results once finished (or out of time). */
/**
 * `position` (0-based) picks which unanswered question to show — the 答题卡 lets a learner skip
 * ahead and come back; an answered or out-of-range position shows the first unanswered one after
 * it (wrapping), so an answer is never given twice.
 */
export async function attemptState(userId: string, attemptId: string, now: Date, position?: number) {
  let attempt = await ownAttempt(userId, attemptId);
  const end = deadline(attempt);
  if (!attempt.submittedAt && end && end <= now) {
    await finishAttempt(userId, attemptId, now);
    attempt = await ownAttempt(userId, attemptId);
  }
  const answered = new Set(attempt.answers.map((a) => a.questionId));
  const remainingIds = attempt.questionIds.filter((id) => !answered.has(id));
  if (!attempt.submittedAt && remainingIds.length > 0) {
    const start = position !== undefined && position >= 0 && position < attempt.questionIds.length ? position : 0;
    const order = [...attempt.questionIds.slice(start), ...attempt.questionIds.slice(0, start)];
    const questionId = order.find((id) => !answered.has(id)) ?? remainingIds[0]!;
    const question = await questionForShowing(questionId);
    // Under the learner's lock, so two tabs opening the question at once share one showing.
    const shown = await withLearnerLock(userId, async (tx) => {
      const open = await tx.presentation.findFirst({
        where: { attemptId, questionId, userId, answeredAt: null },
        select: { token: true, options: true },
      });
      if (open)
        return {
          token: open.token,
          format: question.format,
          stem: question.stem,
          options: open.options,
          kind: question.kind,
        };
      return present(userId, question, question.knowledgePointId, "quiz", now, { attemptId, setId: attempt.setId }, tx);
    });
    return {
      finished: false as const,
      attempt: {
        id: attempt.id,
        title: attempt.title,
        total: attempt.questionIds.length,
        answered: answered.size,
        deadline: end?.toISOString() ?? null,
      },
      /** 0-based position of the question shown. */
      index: attempt.questionIds.indexOf(questionId),
      /** The 答题卡: which positions are answered. */
      grid: attempt.questionIds.map((id) => answered.has(id)),
      question: shown,
    };
  }
  if (!attempt.submittedAt) {
    await finishAttempt(userId, attemptId, now);
    attempt = await ownAttempt(userId, attemptId);
  }
  const questions = await prisma.question.findMany({
    where: { id: { in: attempt.questionIds } },
    select: {
      id: true,
      format: true,
      stem: true,
      answer: true,
      explanation: true,
      sourceQuote: true,
      sourcePath: true,
      options: true,
      knowledgePoint: {
        select: { documentId: true, passageKey: true, data: true, document: { select: { id: true, title: true } } },
      },
    },
  });
  // The passage each source sentence is in, for a link straight to it in the document.
  const passages = await prisma.passage.findMany({
    where: {
      OR: questions.map((q) => ({ documentId: q.knowledgePoint.documentId, key: q.knowledgePoint.passageKey })),
    },
    select: { documentId: true, key: true, ordinal: true },
  });
  const ordinal = new Map(passages.map((p) => [`${p.documentId}|${p.key}`, p.ordinal]));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map(attempt.answers.map((a) => [a.questionId, a]));
  const items = attempt.questionIds.map((id, index) => {
    const q = byId.get(id)!;
    const answer = given.get(id);
    return {
      index: index + 1,
      questionId: id,
      format: q.format,
      stem: q.stem,
      answer: q.answer,
      given: (answer?.answer as string[] | undefined) ?? null,
      correct: answer?.correct ?? false,
      explanation: q.explanation,
      sourceQuote: q.sourceQuote,
      sourceItems: q.format === "multiple" ? listedItemsMissing(q.sourceQuote, q.knowledgePoint.data) : [],
      options: q.options,
      sourcePath: q.sourcePath,
      document: q.knowledgePoint.document,
      passageOrdinal: ordinal.get(`${q.knowledgePoint.documentId}|${q.knowledgePoint.passageKey}`) ?? null,
    };
  });
  return {
    finished: true as const,
    attempt: {
      id: attempt.id,
      setId: attempt.setId,
      title: attempt.title,
      total: attempt.questionIds.length,
      score: attempt.score ?? 0,
      correct: items.filter((i) => i.correct).length,
      /** Closed by its deadline (the page submits at 0:00, or the server closed it afterwards). */
      timedOut: end !== null && attempt.submittedAt !== null && attempt.submittedAt.getTime() >= end.getTime() - 2000,
    },
    mistakes: items.filter((i) => !i.correct),
  };
}

export type MistakePractice =
  | { blocked: true; attemptId: string }
  | {
      blocked: false;
      attemptId: string;
      setId: string;
      title: string;
      index: number;
      total: number;
      question: Awaited<ReturnType<typeof present>> | null;
    };

/**
 * 错题重练: a finished quiz's mistakes as a practice run, in the quiz's order. Answers count toward
 * the learner's cards as practice does, and are refused, like practice, while a quiz asking the
 * same knowledge points runs. The answers were just shown on the results page, so the rule that
 * skips stems holding answers shown today does not apply: re-answering them is the point.
 */
export async function mistakePractice(
  userId: string,
  attemptId: string,
  index: number,
  now: Date,
): Promise<MistakePractice> {
  const state = await attemptState(userId, attemptId, now);
  if (!state.finished) throw new StudyError("测验尚未交卷，交卷后才能错题重练。", 409);
  const { attempt, mistakes } = state;
  const ids = mistakes.map((m) => m.questionId);
  const questions = await prisma.question.findMany({
    where: { id: { in: ids }, status: "approved" },
    select: { id: true, knowledgePointId: true },
  });
  const pointOf = new Map(questions.map((q) => [q.id, q.knowledgePointId]));
  const items = ids.filter((id) => pointOf.has(id));
  const running = await runningQuizOnPoints(userId, [...new Set(pointOf.values())], now);
  if (running) return { blocked: true, attemptId: running };
  const base = {
    blocked: false as const,
    attemptId: attempt.id,
    setId: attempt.setId,
    title: attempt.title,
    total: items.length,
  };
  if (index >= items.length) return { ...base, index: items.length, question: null };
  const position = Math.max(0, index);
  const questionId = items[position]!;
  const shown = await questionForShowing(questionId);
  const openSince = new Date(now.getTime() - OPEN_PRESENTATION_MS);
  const question = await withLearnerLock(userId, async (tx) => {
    const again = await tx.presentation.findFirst({
      where: {
        userId,
        setId: attempt.setId,
        questionId,
        mode: "practice",
        answeredAt: null,
        issuedAt: { gte: openSince, lte: now },
      },
      orderBy: { issuedAt: "desc" },
      select: { token: true, options: true },
    });
    if (again)
      return { token: again.token, format: shown.format, stem: shown.stem, options: again.options, kind: shown.kind };
    return present(userId, shown, shown.knowledgePointId, "practice", now, { setId: attempt.setId }, tx);
  });
  return { ...base, index: position, question };
}
