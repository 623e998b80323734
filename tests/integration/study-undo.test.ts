import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { action as undoAction } from "~/routes/study_.undo";
import { action as loginAction } from "~/routes/login";
import { answerAndContinue, nextStudyItem, submitAnswer } from "~/study/session.server";
import { undoAnswer } from "~/study/undo.server";
import { createKnowledgePoint, createUser } from "../factories";
import { context, formRequest, sessionCookie } from "../support/requests";

const BASE = "http://localhost:3000";

beforeEach(async () => {
  // The study pool is every published set: start each test from its own.
  await prisma.questionSet.updateMany({ data: { status: "archived" } });
});

const CARD_FIELDS = {
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
  recentFormats: true,
} as const;

async function shownToken(userId: string, now: Date): Promise<string> {
  const item = await nextStudyItem(userId, now);
  if (item.done) throw new Error("expected a question");
  return item.question.token;
}

async function dayRow(userId: string) {
  return prisma.reviewDay.findMany({
    where: { userId },
    select: { studyDay: true, reviews: true, correct: true, due: true, dueCorrect: true },
  });
}

describe("undo of the last daily-session answer", () => {
  it("restores a reviewed card exactly, keeps the undone review in the log, and the answer again is the one review that counts", async () => {
    const user = await createUser();
    const point = await createKnowledgePoint();
    const first = new Date("2026-05-01T02:00:00Z");
    // Day 1: the point is learnt (two right answers take it to review).
    let at = first;
    for (let i = 0; i < 4; i++) {
      const token = await shownToken(user.id, at);
      await submitAnswer(user.id, token, ["5%左右"], 3000, at);
      const card = await prisma.card.findUniqueOrThrow({
        where: { userId_knowledgePointId: { userId: user.id, knowledgePointId: point.point.id } },
      });
      if (card.state === "review") break;
      at = new Date(card.due.getTime() + 1000);
    }
    const learnt = await prisma.card.findUniqueOrThrow({
      where: { userId_knowledgePointId: { userId: user.id, knowledgePointId: point.point.id } },
      select: CARD_FIELDS,
    });
    expect(learnt.state).toBe("review");
    const reviewsBefore = await prisma.review.count({ where: { userId: user.id } });
    const later = new Date(learnt.due.getTime() + 3600_000);
    const daysBefore = await dayRow(user.id);

    // The review is due: a mis-tap answers it wrong.
    const token = await shownToken(user.id, later);
    const wrong = await submitAnswer(user.id, token, ["6%左右"], 2000, later);
    expect(wrong.correct).toBe(false);
    const lapsed = await prisma.card.findUniqueOrThrow({
      where: { userId_knowledgePointId: { userId: user.id, knowledgePointId: point.point.id } },
      select: CARD_FIELDS,
    });
    expect(lapsed.lapses).toBe(learnt.lapses + 1);

    const undoAt = new Date(later.getTime() + 4000);
    const reshown = await undoAnswer(user.id, token, undoAt);
    if (reshown.done) throw new Error("expected the question again");
    expect(reshown.question.token).not.toBe(token);

    // The card is as it was before the answer, field for field.
    const restored = await prisma.card.findUniqueOrThrow({
      where: { userId_knowledgePointId: { userId: user.id, knowledgePointId: point.point.id } },
      select: CARD_FIELDS,
    });
    expect(restored).toEqual(learnt);
    // The log keeps the answer, marked undone; the day's rollup does not count it.
    const log = await prisma.review.findMany({
      where: { userId: user.id },
      orderBy: { id: "asc" },
      select: { correct: true, undoneAt: true },
    });
    expect(log).toHaveLength(reviewsBefore + 1);
    expect(log.at(-1)).toEqual({ correct: false, undoneAt: undoAt });
    const daysAfterUndo = await dayRow(user.id);
    expect(daysAfterUndo).toEqual(daysBefore);

    // The same question, same options, again: answered right this time.
    const showing = await prisma.presentation.findUniqueOrThrow({ where: { token: reshown.question.token } });
    const original = await prisma.presentation.findUniqueOrThrow({ where: { token } });
    expect({ q: showing.questionId, o: showing.options }).toEqual({ q: original.questionId, o: original.options });
    const again = new Date(undoAt.getTime() + 3000);
    const right = await submitAnswer(user.id, reshown.question.token, ["5%左右"], 2500, again);
    expect(right.correct).toBe(true);

    const effective = await prisma.review.findMany({
      where: { userId: user.id, reviewedAt: { gte: later }, undoneAt: null },
      select: { correct: true, stateBefore: true },
    });
    expect(effective).toHaveLength(1);
    expect(effective[0]!.correct).toBe(true);
    // The answer that counts was graded from the restored card, not from the lapse.
    expect((effective[0]!.stateBefore as { lapses: number; reps: number }).reps).toBe(learnt.reps);
    const final = await prisma.card.findUniqueOrThrow({
      where: { userId_knowledgePointId: { userId: user.id, knowledgePointId: point.point.id } },
    });
    expect(final.lapses).toBe(learnt.lapses);
    expect(final.reps).toBe(learnt.reps + 1);
    expect(final.state).toBe("review");
    // Today's rollup: one review, right.
    const days = await dayRow(user.id);
    const today = days.find((d) => d.studyDay !== "2026-05-01" && d.reviews > 0);
    expect(today).toMatchObject({ reviews: 1, correct: 1 });
  });

  it("a first answer undone leaves the point new: offered again as new, and then one card and one counted review", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    const now = new Date("2026-05-02T02:00:00Z");
    await createKnowledgePoint();
    const token = await shownToken(user.id, now);
    // As the page answers: the response carries the next question, shown on 继续.
    const { next } = await answerAndContinue(user.id, { token, submitted: ["6%左右"], durationMs: 1000 }, now);
    if (!next || next.done) throw new Error("expected a next question");
    const reshown = await undoAnswer(user.id, token, new Date(now.getTime() + 1000));
    if (reshown.done) throw new Error("expected the question again");
    expect(reshown.question.isNew).toBe(true);
    expect(reshown.progress.done).toBe(0);
    const card = await prisma.card.findFirstOrThrow({
      where: { userId: user.id },
      select: { state: true, reps: true, lastReview: true },
    });
    expect(card).toEqual({ state: "new", reps: 0, lastReview: null });
    expect(await prisma.reviewDay.count({ where: { userId: user.id } })).toBe(0);
    // The next question, never on screen, is gone: the undone question is the learner's one open showing.
    expect(await prisma.presentation.count({ where: { token: next.question.token } })).toBe(0);

    // Left unanswered, a page load shows it again (the re-showing is the open one), still new.
    const reloaded = await nextStudyItem(user.id, new Date(now.getTime() + 2000));
    expect(reloaded.done === false && reloaded.question.token).toBe(reshown.question.token);
    expect(reloaded.done === false && reloaded.question.isNew).toBe(true);
    await submitAnswer(user.id, reshown.question.token, ["5%左右"], 1000, new Date(now.getTime() + 3000));
    expect(await prisma.card.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.review.count({ where: { userId: user.id, undoneAt: null } })).toBe(1);
    expect(await prisma.review.count({ where: { userId: user.id } })).toBe(2);
  });

  it("is refused after the window, twice, or once the card was answered again; and the log cannot be rewritten", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    await createKnowledgePoint();
    const now = new Date("2026-05-03T02:00:00Z");
    const token = await shownToken(user.id, now);
    await submitAnswer(user.id, token, ["6%左右"], 1000, now);
    await expect(undoAnswer(user.id, token, new Date(now.getTime() + 12_001))).rejects.toMatchObject({ status: 409 });
    expect(await prisma.review.count({ where: { userId: user.id, undoneAt: null } })).toBe(1);

    const second = await shownToken(user.id, new Date(now.getTime() + 20_000));
    await submitAnswer(user.id, second, ["6%左右"], 1000, new Date(now.getTime() + 20_000));
    await undoAnswer(user.id, second, new Date(now.getTime() + 21_000));
    await expect(undoAnswer(user.id, second, new Date(now.getTime() + 22_000))).rejects.toMatchObject({ status: 409 });
    // Someone else's token is not found.
    const other = await createUser();
    await expect(undoAnswer(other.id, token, new Date(now.getTime() + 1000))).rejects.toMatchObject({ status: 404 });

    // The log is append-only: only undone_at, once.
    const review = await prisma.review.findFirstOrThrow({ where: { userId: user.id, undoneAt: { not: null } } });
    await expect(prisma.review.update({ where: { id: review.id }, data: { undoneAt: new Date() } })).rejects.toThrow(
      /immutable/,
    );
    const kept = await prisma.review.findFirstOrThrow({ where: { userId: user.id, undoneAt: null } });
    await expect(prisma.review.update({ where: { id: kept.id }, data: { correct: true } })).rejects.toThrow(
      /immutable/,
    );
  });

  it("POST /study/undo answers with the question again, and 409 with a message after the window", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    const login = (await loginAction({
      request: formRequest("/login", { username: user.username, password: user.password }),
      context: context(),
      params: {},
    })) as Response;
    const cookie = sessionCookie(login);
    const token = await shownToken(user.id, new Date());
    await submitAnswer(user.id, token, ["6%左右"], 1000, new Date());
    const post = async (body: unknown) => {
      const request = new Request(`${BASE}/study/undo`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: BASE, Cookie: cookie },
        body: JSON.stringify(body),
      });
      const response = (await undoAction({ request, context: context(), params: {} })) as Response;
      return {
        status: response.status,
        data: (await response.json()) as {
          next?: { done: boolean; question?: { token: string; stem: string } };
          error?: string;
        },
      };
    };
    const undone = await post({ token });
    expect(undone.status).toBe(200);
    expect(undone.data.next?.question?.token).toBeTruthy();
    // Never the answer: the re-shown question carries no key.
    expect(undone.data.next?.question).not.toHaveProperty("answer");
    expect(Object.keys(undone.data.next?.question ?? {}).sort()).toEqual([
      "format",
      "isNew",
      "kind",
      "options",
      "stem",
      "token",
    ]);
    const again = await post({ token });
    expect(again.status).toBe(409);
    expect(again.data.error).toContain("撤销");
  });
});
