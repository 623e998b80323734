import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { requestNow } from "~/clock.server";
import { studyDay, studyDayStart } from "~/study/day";
import { nextStudyItem, present, questionForShowing, submitAnswer, todaySummary } from "~/study/session.server";
import { createKnowledgePoint, createUser } from "../factories";

// 10:00 in Shanghai on 2024-03-05.
const T0 = new Date("2024-03-05T02:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeEach(async () => {
  // The study pool is every published set: start each test from its own.
  await prisma.questionSet.updateMany({ data: { status: "archived" } });
});

async function answerNext(userId: string, now: Date, rightAnswer: boolean) {
  const next = await nextStudyItem(userId, now);
  if (next.done) throw new Error("nothing to study");
  const question = await prisma.presentation.findUniqueOrThrow({
    where: { token: next.question.token },
    select: { questionId: true, knowledgePointId: true },
  });
  const stored = await prisma.question.findUniqueOrThrow({ where: { id: question.questionId } });
  const answer = rightAnswer
    ? stored.answer.slice(0, stored.format === "multiple" ? undefined : 1)
    : ["完全错误的答案"];
  const result = await submitAnswer(userId, next.question.token, answer, 5000, now);
  return { next, result, knowledgePointId: question.knowledgePointId, questionId: question.questionId };
}

describe("daily session composition", () => {
  it("introduces at most the daily limit of new points and then reports the day done", async () => {
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { dailyNewLimit: 3 } });
    const first = await createKnowledgePoint();
    for (let i = 0; i < 4; i++) await createKnowledgePoint({ setId: first.setId });

    const start = await nextStudyItem(user.id, T0);
    expect(start.done).toBe(false);
    expect(start.progress).toEqual({ done: 0, remaining: 3, learning: 0 });
    const introduced = new Set<string>();
    for (let i = 0; i < 3; i++) introduced.add((await answerNext(user.id, minutes(i), true)).knowledgePointId);
    // Right answers take the 10-minute learning step; once it is passed the points leave today.
    for (let i = 0; i < 3; i++)
      expect(introduced.has((await answerNext(user.id, minutes(15 + i), true)).knowledgePointId)).toBe(true);
    const after = await nextStudyItem(user.id, minutes(30));
    expect(after).toEqual({ done: true, progress: { done: 6, remaining: 0, learning: 0 } });
    expect(await prisma.card.count({ where: { userId: user.id } })).toBe(3);
    // "再学 5 个新考点" raises today's allowance.
    expect((await nextStudyItem(user.id, minutes(31), { extraNew: 5 })).done).toBe(false);
  });

  it("puts due reviews before new points and the least retrievable first", async () => {
    const user = await createUser();
    const a = await createKnowledgePoint({ subject: "甲" });
    const b = await createKnowledgePoint({ subject: "乙", setId: a.setId });
    await createKnowledgePoint({ subject: "丙", setId: a.setId });
    const review = (kp: string, lastReviewDaysAgo: number, stability: number) =>
      prisma.card.create({
        data: {
          userId: user.id,
          knowledgePointId: kp,
          state: "review",
          due: new Date(T0.getTime() - 3600_000),
          stability,
          difficulty: 5,
          scheduledDays: 3,
          reps: 3,
          lastReview: new Date(T0.getTime() - lastReviewDaysAgo * 86400_000),
          createdAt: new Date(T0.getTime() - 30 * 86400_000),
        },
      });
    await review(a.point.id, 3, 10);
    await review(b.point.id, 20, 2);

    const first = await answerNext(user.id, T0, true);
    expect(first.knowledgePointId).toBe(b.point.id);
    const second = await answerNext(user.id, minutes(1), true);
    expect(second.knowledgePointId).toBe(a.point.id);
    const third = await answerNext(user.id, minutes(2), true);
    expect(third.next.done === false && third.next.question.isNew).toBe(true);
  });

  it("never shows two sibling variants of a point on the same day, and brings wrong answers back", async () => {
    const user = await createUser();
    const kp = await createKnowledgePoint({ formats: ["single", "truefalse", "fill"] });
    const wrong = await answerNext(user.id, T0, false);
    expect(wrong.result.correct).toBe(false);
    // Learning step of one minute: the same point, asked with the same variant.
    const again = await answerNext(user.id, minutes(2), true);
    expect(again.knowledgePointId).toBe(kp.point.id);
    expect(again.questionId).toBe(wrong.questionId);
    const reviews = await prisma.review.findMany({ where: { userId: user.id }, select: { questionId: true } });
    expect(new Set(reviews.map((r) => r.questionId)).size).toBe(1);
  });

  it("starts the day at 04:00 Asia/Shanghai and brings due cards back the next day", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    await answerNext(user.id, T0, true);
    await answerNext(user.id, minutes(11), true);
    const card = await prisma.card.findFirstOrThrow({ where: { userId: user.id } });
    expect(card.state).toBe("review");
    expect((await nextStudyItem(user.id, minutes(30))).done).toBe(true);

    // The card is due on a later study day; it comes back from that day's 04:00 (Shanghai), even
    // before the due hour itself, and not a minute earlier.
    const dueDay = studyDay(card.due, "Asia/Shanghai");
    expect(dueDay > studyDay(T0, "Asia/Shanghai")).toBe(true);
    const opens = studyDayStart(dueDay, "Asia/Shanghai");
    expect(opens.getUTCHours()).toBe(20);
    expect((await nextStudyItem(user.id, new Date(opens.getTime() - 60_000))).done).toBe(true);
    const back = await nextStudyItem(user.id, opens);
    expect(back.done).toBe(false);
    expect(back.done === false && back.question.isNew).toBe(false);
  });
});

describe("answering", () => {
  it("records one review for a double submission and returns the same result", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    const next = await nextStudyItem(user.id, T0);
    if (next.done) throw new Error("expected a question");
    const first = await submitAnswer(user.id, next.question.token, ["5%左右"], 4000, T0);
    const second = await submitAnswer(user.id, next.question.token, ["6%左右"], 4000, minutes(1));
    expect(first.correct).toBe(true);
    expect(second).toEqual(first);
    expect(await prisma.review.count({ where: { userId: user.id } })).toBe(1);
  });

  it("records one review when two tabs submit the same showing at once", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    const tab1 = await nextStudyItem(user.id, T0);
    const tab2 = await nextStudyItem(user.id, T0);
    if (tab1.done || tab2.done) throw new Error("expected a question");
    // A refresh or a second tab shows the same open question with the same token.
    expect(tab2.question.token).toBe(tab1.question.token);
    const results = await Promise.all([
      submitAnswer(user.id, tab1.question.token, ["5%左右"], 3000, T0),
      submitAnswer(user.id, tab2.question.token, ["5%左右"], 3000, T0),
    ]);
    expect(results[0]).toEqual(results[1]);
    expect(await prisma.review.count({ where: { userId: user.id } })).toBe(1);
    const card = await prisma.card.findFirstOrThrow({ where: { userId: user.id } });
    expect(card.reps).toBe(1);
  });

  it("loses no update when a daily answer and a practice answer on the same point arrive together", async () => {
    const user = await createUser();
    const { point, questions, setId } = await createKnowledgePoint();
    await answerNext(user.id, T0, true);
    // The next day the point is due again; the learner also has it open in set practice.
    const nextDay = new Date(T0.getTime() + 30 * 86400_000);
    const daily = await nextStudyItem(user.id, nextDay);
    if (daily.done) throw new Error("expected the point to be due");
    const practice = await present(user.id, await questionForShowing(questions[0]!.id), point.id, "practice", nextDay, {
      setId,
    });
    const repeated = Array.from({ length: 4 }, () =>
      submitAnswer(user.id, daily.question.token, ["5%左右"], 2000, nextDay),
    );
    const results = await Promise.all([...repeated, submitAnswer(user.id, practice.token, ["6%左右"], 2000, nextDay)]);
    // Four submissions of one showing: one review and one result; the practice answer: its own review.
    for (const result of results.slice(1, 4)) expect(result).toEqual(results[0]);
    const reviews = await prisma.review.findMany({
      where: { userId: user.id },
      orderBy: { id: "asc" },
      select: { stateBefore: true, stateAfter: true },
    });
    expect(reviews).toHaveLength(3);
    const card = await prisma.card.findFirstOrThrow({ where: { userId: user.id } });
    expect(card.reps).toBe(3);
    // Each answer was scheduled from the card as the one before it left it.
    expect((reviews[2]!.stateBefore as { reps: number }).reps).toBe((reviews[1]!.stateAfter as { reps: number }).reps);
  });

  it("keeps the review immutable record: answer, rating, duration, card before and after", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    const { next } = await answerNext(user.id, T0, false);
    expect(next.done).toBe(false);
    const review = await prisma.review.findFirstOrThrow({ where: { userId: user.id } });
    expect(review).toMatchObject({
      correct: false,
      rating: 1,
      durationMs: 5000,
      wasDue: false,
      studyDay: "2024-03-05",
      mode: "study",
    });
    expect(review.answer).toEqual(["完全错误的答案"]);
    expect((review.stateBefore as { state: string }).state).toBe("new");
    expect((review.stateAfter as { state: string }).state).toBe("learning");
  });

  it("refuses another user's token", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    await createKnowledgePoint();
    const next = await nextStudyItem(owner.id, T0);
    if (next.done) throw new Error("expected a question");
    await expect(submitAnswer(intruder.id, next.question.token, ["5%左右"], 1000, T0)).rejects.toThrow(/题目已失效/);
  });

  it("summarises the day: answered, accuracy, time, streak, tomorrow's reviews", async () => {
    const user = await createUser();
    await createKnowledgePoint();
    await answerNext(user.id, T0, false);
    await answerNext(user.id, minutes(2), true);
    const summary = await todaySummary(user.id, minutes(3));
    expect(summary).toMatchObject({ answered: 2, correct: 1, accuracy: 0.5, timeSpentMs: 10_000, streak: 1 });
    expect(summary.tomorrowDue).toBe(1);
  });
});

describe("two tabs at once", () => {
  it("loading /study in two tabs at the same moment shows one question with one token", async () => {
    const user = await createUser();
    const first = await createKnowledgePoint();
    await createKnowledgePoint({ setId: first.setId });
    const tabs = await Promise.all([
      nextStudyItem(user.id, T0),
      nextStudyItem(user.id, T0),
      nextStudyItem(user.id, T0),
    ]);
    const tokens = tabs.map((t) => (t.done ? null : t.question.token));
    expect(tokens[0]).not.toBeNull();
    expect(new Set(tokens).size).toBe(1);
    expect(await prisma.presentation.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("true retention", () => {
  async function reviewCard(userId: string, kp: string, due: Date) {
    return prisma.card.create({
      data: {
        userId,
        knowledgePointId: kp,
        state: "review",
        due,
        stability: 5,
        difficulty: 5,
        scheduledDays: 5,
        reps: 3,
        lastReview: new Date(due.getTime() - 5 * 86400_000),
        createdAt: new Date(T0.getTime() - 30 * 86400_000),
      },
    });
  }

  it("counts a review card due later in the study day as due, and one due tomorrow as not", async () => {
    const user = await createUser();
    const today = await createKnowledgePoint();
    // 22:00 Shanghai: later today, before the next 04:00.
    await reviewCard(user.id, today.point.id, new Date("2024-03-05T14:00:00Z"));
    const asked = await answerNext(user.id, T0, true);
    expect(asked.knowledgePointId).toBe(today.point.id);
    expect(
      await prisma.review.findFirstOrThrow({ where: { userId: user.id, knowledgePointId: today.point.id } }),
    ).toMatchObject({ wasDue: true, correct: true });

    // Due at 04:00 tomorrow (a new study day), answered early in practice: not due.
    const other = await createUser();
    const tomorrow = await createKnowledgePoint();
    await reviewCard(other.id, tomorrow.point.id, new Date("2024-03-05T20:00:00Z"));
    const shown = await questionForShowing(tomorrow.questions[0]!.id);
    const { token } = await present(other.id, shown, tomorrow.point.id, "practice", T0, { setId: tomorrow.setId });
    await submitAnswer(other.id, token, ["5%左右"], 1000, T0);
    expect(await prisma.review.findFirstOrThrow({ where: { userId: other.id } })).toMatchObject({ wasDue: false });
  });
});

describe("the end of the session", () => {
  it("tells nothing published apart from a day finished, with what is left", async () => {
    const user = await createUser();
    const empty = await nextStudyItem(user.id, T0);
    expect(empty.done).toBe(true);
    expect(await todaySummary(user.id, T0)).toMatchObject({ available: 0, newLeft: 0, answered: 0, nextDueDay: null });

    await prisma.user.update({ where: { id: user.id }, data: { dailyNewLimit: 1 } });
    const kp = await createKnowledgePoint();
    await createKnowledgePoint({ setId: kp.setId });
    await answerNext(user.id, T0, true);
    await answerNext(user.id, minutes(11), true);
    expect((await nextStudyItem(user.id, minutes(30))).done).toBe(true);
    const summary = await todaySummary(user.id, minutes(30));
    expect(summary).toMatchObject({ today: "2024-03-05", available: 2, newLeft: 1, answered: 2 });
    expect(summary.nextDueDay! > "2024-03-05").toBe(true);
  });
});

describe("the test clock", () => {
  const request = new Request("http://localhost/study", {
    headers: { Cookie: "a=b; xueer_test_now=2030-01-02T03%3A04%3A05.000Z" },
  });

  it("moves the time only for a server started with it, never from the cookie alone", () => {
    expect(requestNow(request, { clientIp: "127.0.0.1", testClock: true }).toISOString()).toBe(
      "2030-01-02T03:04:05.000Z",
    );
    const before = Date.now();
    const now = requestNow(request, { clientIp: "127.0.0.1" }).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThan(before + 60_000);
    expect(requestNow(request).getTime()).toBeLessThan(before + 60_000);
  });
});
