import { prisma } from "~/db.server";
import { StudyError, present, questionForShowing } from "./session.server";

const approvedItems = {
  where: { question: { status: "approved" as const, knowledgePoint: { retiredAt: null, document: { archivedAt: null } } } },
  orderBy: { position: "asc" as const },
  select: { questionId: true, question: { select: { knowledgePointId: true } } },
};

/** Published sets this learner may open: for everyone, or assigned to one of their groups. */
function visibleTo(userId: string, now: Date) {
  return {
    status: "published" as const,
    OR: [
      { audience: "everyone" as const },
      {
        assignments: {
          some: { group: { memberships: { some: { userId } } }, OR: [{ opensAt: null }, { opensAt: { lte: now } }] },
        },
      },
    ],
  };
}

export async function listPublishedSets(userId: string, now: Date) {
  const sets = await prisma.questionSet.findMany({
    where: visibleTo(userId, now),
    orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
    select: { id: true, title: true, description: true, publishedAt: true, items: approvedItems },
  });
  const points = [...new Set(sets.flatMap((s) => s.items.map((i) => i.question.knowledgePointId)))];
  const studied = new Set(
    (await prisma.card.findMany({ where: { userId, knowledgePointId: { in: points } }, select: { knowledgePointId: true } })).map((c) => c.knowledgePointId),
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
      const setPoints = new Set(s.items.map((i) => i.question.knowledgePointId));
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

async function publishedSet(userId: string, setId: string, now: Date) {
  const set = await prisma.questionSet.findFirst({
    where: { id: setId, ...visibleTo(userId, now) },
    select: { id: true, title: true, description: true, items: approvedItems },
  });
  if (!set || set.items.length === 0) throw new StudyError("题集不存在或尚未发布。", 404);
  return set;
}

/** Practice shows the set's questions in order; answers count toward the learner's cards. */
export async function practiceQuestion(userId: string, setId: string, index: number, now: Date) {
  const set = await publishedSet(userId, setId, now);
  const position = Math.min(Math.max(0, index), set.items.length - 1);
  const item = set.items[position]!;
  const question = await present(userId, await questionForShowing(item.questionId), item.question.knowledgePointId, "practice", now, { setId });
  return { set: { id: set.id, title: set.title, description: set.description }, index: position, total: set.items.length, question };
}

export async function setOverview(userId: string, setId: string, now: Date) {
  const set = await publishedSet(userId, setId, now);
  const attempts = await prisma.attempt.findMany({
    where: { userId, setId },
    orderBy: { startedAt: "desc" },
    take: 10,
    select: { id: true, startedAt: true, submittedAt: true, score: true, questionIds: true },
  });
  return {
    set: { id: set.id, title: set.title, description: set.description, questions: set.items.length },
    attempts: attempts.map((a) => ({ ...a, questions: a.questionIds.length, questionIds: undefined })),
  };
}

export async function startAttempt(userId: string, setId: string, timeLimitMinutes: number | null, now: Date) {
  const set = await publishedSet(userId, setId, now);
  // The version published when the attempt began, and the learner's assignment of this set, if any.
  const [version, assignment] = await Promise.all([
    prisma.setVersion.findFirst({ where: { setId }, orderBy: { version: "desc" }, select: { id: true } }),
    prisma.assignment.findFirst({
      where: { setId, group: { memberships: { some: { userId } } }, OR: [{ opensAt: null }, { opensAt: { lte: now } }] },
      orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }],
      select: { id: true, timeLimitSec: true },
    }),
  ]);
  const chosen = timeLimitMinutes ? timeLimitMinutes * 60 : null;
  const limit = assignment?.timeLimitSec ? Math.min(assignment.timeLimitSec, chosen ?? Infinity) : chosen;
  const attempt = await prisma.attempt.create({
    data: {
      userId,
      setId,
      setVersionId: version?.id ?? null,
      assignmentId: assignment?.id ?? null,
      questionIds: set.items.map((i) => i.questionId),
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
    select: { id: true, setId: true, questionIds: true, timeLimitSec: true, startedAt: true, submittedAt: true, score: true, set: { select: { title: true } }, answers: { select: { questionId: true, correct: true, answer: true } } },
  });
  if (!attempt) throw new StudyError("找不到这次测验。", 404);
  return attempt;
}

/** Scores an attempt out of 100; unanswered questions count as wrong. Idempotent. */
export async function finishAttempt(userId: string, attemptId: string, now: Date) {
  const attempt = await ownAttempt(userId, attemptId);
  if (attempt.submittedAt) return;
  const correct = attempt.answers.filter((a) => a.correct).length;
  const score = Math.round((correct / Math.max(1, attempt.questionIds.length)) * 1000) / 10;
  const end = deadline(attempt);
  await prisma.attempt.updateMany({
    where: { id: attemptId, submittedAt: null },
    data: { submittedAt: end && end < now ? end : now, score },
  });
}

/** The next question of a running attempt, or its results once finished (or out of time). */
export async function attemptState(userId: string, attemptId: string, now: Date) {
  let attempt = await ownAttempt(userId, attemptId);
  const end = deadline(attempt);
  if (!attempt.submittedAt && end && end <= now) {
    await finishAttempt(userId, attemptId, now);
    attempt = await ownAttempt(userId, attemptId);
  }
  const answered = new Set(attempt.answers.map((a) => a.questionId));
  const remainingIds = attempt.questionIds.filter((id) => !answered.has(id));
  if (!attempt.submittedAt && remainingIds.length > 0) {
    const questionId = remainingIds[0]!;
    const open = await prisma.presentation.findFirst({ where: { attemptId, questionId, userId, answeredAt: null }, select: { token: true, options: true } });
    const question = await questionForShowing(questionId);
    const shown = open
      ? { token: open.token, format: question.format, stem: question.stem, options: open.options, kind: question.kind }
      : await present(userId, question, question.knowledgePointId, "quiz", now, { attemptId, setId: attempt.setId });
    return {
      finished: false as const,
      attempt: { id: attempt.id, title: attempt.set.title, total: attempt.questionIds.length, answered: answered.size, deadline: end?.toISOString() ?? null },
      question: shown,
    };
  }
  if (!attempt.submittedAt) {
    await finishAttempt(userId, attemptId, now);
    attempt = await ownAttempt(userId, attemptId);
  }
  const questions = await prisma.question.findMany({
    where: { id: { in: attempt.questionIds } },
    select: { id: true, format: true, stem: true, answer: true, explanation: true, sourceQuote: true, knowledgePoint: { select: { document: { select: { id: true, title: true } } } } },
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map(attempt.answers.map((a) => [a.questionId, a]));
  const items = attempt.questionIds.map((id, index) => {
    const q = byId.get(id)!;
    const answer = given.get(id);
    return {
      index: index + 1,
      format: q.format,
      stem: q.stem,
      answer: q.answer,
      given: (answer?.answer as string[] | undefined) ?? null,
      correct: answer?.correct ?? false,
      explanation: q.explanation,
      sourceQuote: q.sourceQuote,
      document: q.knowledgePoint.document,
    };
  });
  return {
    finished: true as const,
    attempt: { id: attempt.id, setId: attempt.setId, title: attempt.set.title, total: attempt.questionIds.length, score: attempt.score ?? 0, correct: items.filter((i) => i.correct).length },
    mistakes: items.filter((i) => !i.correct),
  };
}
