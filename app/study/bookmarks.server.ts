import { prisma } from "~/db.server";
import { StudyError, present, questionForShowing, withLearnerLock } from "./session.server";
import { runningQuizOnPoints } from "./sets.server";

/** An unanswered practice showing is shown again (refresh, second tab) for this long. */
const OPEN_PRESENTATION_MS = 2 * 3600_000;

/**
 * 收藏: bookmarks the question a showing presented to this learner (only their own showings: the
 * token is the proof they were shown it). Idempotent: a second click keeps one bookmark.
 */
export async function bookmarkShown(userId: string, token: string): Promise<void> {
  const shown = await prisma.presentation.findFirst({ where: { token, userId }, select: { questionId: true } });
  if (!shown) throw new StudyError("找不到这道题，请刷新页面后再试。", 404);
  await prisma.bookmark.createMany({ data: [{ userId, questionId: shown.questionId }], skipDuplicates: true });
}

export async function removeBookmark(userId: string, questionId: string): Promise<void> {
  await prisma.bookmark.deleteMany({ where: { userId, questionId } });
}

/** The learner's bookmarks, newest first, still askable (approved questions of live points). */
export async function listBookmarks(userId: string) {
  const rows = await prisma.bookmark.findMany({
    where: {
      userId,
      question: { status: "approved", knowledgePoint: { retiredAt: null, document: { archivedAt: null } } },
    },
    orderBy: { createdAt: "desc" },
    select: {
      createdAt: true,
      question: {
        select: {
          id: true,
          stem: true,
          format: true,
          knowledgePoint: { select: { document: { select: { id: true, title: true } } } },
        },
      },
    },
  });
  return rows.map((r) => ({
    questionId: r.question.id,
    stem: r.question.stem,
    format: r.question.format,
    document: r.question.knowledgePoint.document,
    createdAt: r.createdAt.toISOString(),
  }));
}

export type BookmarkPractice =
  | { blocked: true; attemptId: string }
  | { blocked: false; index: number; total: number; question: Awaited<ReturnType<typeof present>> | null };

/**
 * Practising the bookmarks, newest first, as set practice does: answers count toward the cards,
 * and are refused while a quiz asking one of these knowledge points runs (practice shows answers).
 */
export async function bookmarkPractice(userId: string, index: number, now: Date): Promise<BookmarkPractice> {
  const items = await prisma.bookmark.findMany({
    where: {
      userId,
      question: { status: "approved", knowledgePoint: { retiredAt: null, document: { archivedAt: null } } },
    },
    orderBy: { createdAt: "desc" },
    select: { question: { select: { id: true, knowledgePointId: true } } },
  });
  const running = await runningQuizOnPoints(userId, [...new Set(items.map((i) => i.question.knowledgePointId))], now);
  if (running) return { blocked: true, attemptId: running };
  if (index >= items.length) return { blocked: false, index: items.length, total: items.length, question: null };
  const position = Math.max(0, index);
  const questionId = items[position]!.question.id;
  const shown = await questionForShowing(questionId);
  const question = await withLearnerLock(userId, async (tx) => {
    const again = await tx.presentation.findFirst({
      where: {
        userId,
        setId: null,
        attemptId: null,
        questionId,
        mode: "practice",
        answeredAt: null,
        issuedAt: { gte: new Date(now.getTime() - OPEN_PRESENTATION_MS), lte: now },
      },
      orderBy: { issuedAt: "desc" },
      select: { token: true, options: true },
    });
    if (again)
      return { token: again.token, format: shown.format, stem: shown.stem, options: again.options, kind: shown.kind };
    return present(userId, shown, shown.knowledgePointId, "practice", now, {}, tx);
  });
  return { blocked: false, index: position, total: items.length, question };
}
