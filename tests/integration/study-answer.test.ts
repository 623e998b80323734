import { beforeEach, describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as answerAction } from "~/routes/study_.answer";
import { prisma } from "~/db.server";
import { nextStudyItem, present, questionForShowing, submitAnswer } from "~/study/session.server";
import { createKnowledgePoint, createUser } from "../factories";
import { context, formRequest, sessionCookie } from "../support/requests";

const BASE = "http://localhost:3000";

beforeEach(async () => {
  // The study pool is every published set: start each test from its own.
  await prisma.questionSet.updateMany({ data: { status: "archived" } });
});

async function signedIn() {
  const user = await createUser();
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return { user, cookie: sessionCookie(response) };
}

type Answered = {
  result?: { correct: boolean; answer: string[] };
  next?: { done: boolean; question?: { token: string } };
  summary?: unknown;
  error?: string;
};

async function postAnswer(body: unknown, cookie?: string, search = ""): Promise<{ status: number; data: Answered }> {
  const request = new Request(`${BASE}/study/answer${search}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: BASE, ...(cookie ? { Cookie: cookie } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  let response: Response;
  try {
    response = (await answerAction({ request, context: context(), params: {} })) as Response;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  return { status: response.status, data: (await response.json()) as Answered };
}

describe("POST /study/answer", () => {
  it("refuses a visitor without a session with 401 and a malformed body with 400", async () => {
    expect((await postAnswer({ token: "x".repeat(20), answer: ["a"], durationMs: 1 })).status).toBe(401);
    const { cookie } = await signedIn();
    const malformed = await postAnswer("{not json", cookie);
    expect(malformed.status).toBe(400);
    expect(malformed.data.error).toContain("无效");
    expect((await postAnswer({ token: "short", answer: "not a list" }, cookie)).status).toBe(400);
  });

  it("sends a learner holding a temporary password to the settings page", async () => {
    const { user, cookie } = await signedIn();
    await prisma.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const refused = await postAnswer({ token: "x".repeat(20), answer: ["a"], durationMs: 1 }, cookie);
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ redirectTo: "/settings" });
  });

  it("records the answer and returns the result with the next question, which a page load then shows", async () => {
    const { user, cookie } = await signedIn();
    const first = await createKnowledgePoint();
    await createKnowledgePoint({ setId: first.setId });
    const now = new Date();
    const shown = await nextStudyItem(user.id, now);
    if (shown.done) throw new Error("expected a question");

    const answered = await postAnswer({ token: shown.question.token, answer: ["5%左右"], durationMs: 4200 }, cookie);
    expect(answered.status).toBe(200);
    expect(answered.data.result).toMatchObject({ correct: true, answer: ["5%左右"] });
    const nextToken = answered.data.next?.question?.token;
    expect(nextToken).toBeTruthy();
    expect(nextToken).not.toBe(shown.question.token);
    expect(await prisma.review.count({ where: { userId: user.id } })).toBe(1);
    // The next question is already shown: a refresh gets the same one.
    const reloaded = await nextStudyItem(user.id, new Date());
    expect(reloaded.done === false && reloaded.question.token).toBe(nextToken);

    // The same answer again (a double click): the same result, still one review.
    const again = await postAnswer({ token: shown.question.token, answer: ["5%左右"], durationMs: 4200 }, cookie);
    expect(again.data.result).toEqual(answered.data.result);
    expect(await prisma.review.count({ where: { userId: user.id } })).toBe(1);
  });

  it("ends the session with the day's summary", async () => {
    const { user, cookie } = await signedIn();
    await createKnowledgePoint();
    const shown = await nextStudyItem(user.id, new Date());
    if (shown.done) throw new Error("expected a question");
    // Right the first time: the new point's next step is a minute away, inside the session.
    const answered = await postAnswer({ token: shown.question.token, answer: ["5%左右"], durationMs: 1000 }, cookie);
    expect(answered.data.next?.done).toBe(false);
    const step = answered.data.next!.question!.token;
    const last = await postAnswer({ token: step, answer: ["5%左右"], durationMs: 1000 }, cookie);
    expect(last.data.next).toMatchObject({ done: true });
    expect(last.data.summary).toMatchObject({ answered: 2, correct: 2 });
  });
});

describe("a learner's state kept between questions", () => {
  it("sees a change made elsewhere: a lower new-point limit, a card answered in practice", async () => {
    const user = await createUser();
    const first = await createKnowledgePoint();
    for (let i = 0; i < 4; i++) await createKnowledgePoint({ setId: first.setId });
    const now = new Date();
    const shown = await nextStudyItem(user.id, now);
    if (shown.done) throw new Error("expected a question");
    expect(shown.progress.remaining).toBe(5);

    // Another page (settings) lowers the limit: the next question counts with it.
    await prisma.user.update({ where: { id: user.id }, data: { dailyNewLimit: 2 } });
    await submitAnswer(user.id, shown.question.token, ["5%左右"], 1000, now);
    const next = await nextStudyItem(user.id, new Date(now.getTime() + 1000));
    // One new point is introduced already: one more is left today (read with the old limit of 10: four),
    // besides the answered point's learning step (巩固中).
    expect(next.progress).toMatchObject({ remaining: 2, learning: 1 });
    if (next.done) throw new Error("expected a question");
    const point = await prisma.presentation.findUniqueOrThrow({
      where: { token: next.question.token },
      select: { knowledgePointId: true, questionId: true },
    });

    // The point is answered in set practice before the daily answer arrives: the daily answer is
    // scheduled from the card as practice left it, not from the state read before.
    const practice = await present(
      user.id,
      await questionForShowing(point.questionId),
      point.knowledgePointId,
      "practice",
      now,
      { setId: first.setId },
    );
    await submitAnswer(user.id, practice.token, ["5%左右"], 1000, new Date(now.getTime() + 2000));
    await submitAnswer(user.id, next.question.token, ["5%左右"], 1000, new Date(now.getTime() + 3000));
    const card = await prisma.card.findFirstOrThrow({
      where: { userId: user.id, knowledgePointId: point.knowledgePointId },
    });
    expect(card.reps).toBe(2);
    const reviews = await prisma.review.findMany({
      where: { userId: user.id, knowledgePointId: point.knowledgePointId },
      orderBy: { id: "asc" },
    });
    expect((reviews[1]!.stateBefore as { reps: number }).reps).toBe(1);
  });

  it("sees a question withdrawn from the pool", async () => {
    const user = await createUser();
    const first = await createKnowledgePoint();
    const second = await createKnowledgePoint({ setId: first.setId });
    const now = new Date();
    const shown = await nextStudyItem(user.id, now);
    if (shown.done) throw new Error("expected a question");
    await submitAnswer(user.id, shown.question.token, ["5%左右"], 1000, now);
    // An administrator rejects the other point's question: it must not be asked.
    const asked = await prisma.presentation.findUniqueOrThrow({
      where: { token: shown.question.token },
      select: { knowledgePointId: true },
    });
    const other = asked.knowledgePointId === first.point.id ? second : first;
    await prisma.question.updateMany({ where: { knowledgePointId: other.point.id }, data: { status: "rejected" } });
    // Two minutes later the answered point's learning step is due; the other point is gone.
    const next = await nextStudyItem(user.id, new Date(now.getTime() + 2 * 60_000));
    if (next.done) throw new Error("expected the learning step");
    const point = await prisma.presentation.findUniqueOrThrow({
      where: { token: next.question.token },
      select: { knowledgePointId: true },
    });
    expect(point.knowledgePointId).toBe(asked.knowledgePointId);
    expect(next.progress.remaining).toBe(1);
  });

  it("counts every learner's state out of date when cards are truncated", async () => {
    const learner = await createUser();
    const newcomer = await createUser();
    await createKnowledgePoint();
    const shown = await nextStudyItem(learner.id, new Date());
    if (shown.done) throw new Error("expected a question");
    await submitAnswer(learner.id, shown.question.token, ["5%左右"], 1000, new Date());
    const versionOf = async (db: Pick<typeof prisma, "$queryRaw">, id: string) =>
      (
        await db.$queryRaw<
          { version: bigint }[]
        >`select coalesce((select version from study_versions where user_id = ${id}::uuid), 0) as version`
      )[0]!.version;
    const before = { learner: await versionOf(prisma, learner.id), newcomer: await versionOf(prisma, newcomer.id) };
    // Inside a transaction that is rolled back: the other tests of this file keep their cards.
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`truncate cards cascade`;
        expect(await versionOf(tx, learner.id)).toBe(before.learner + 1n);
        expect(await versionOf(tx, newcomer.id)).toBe(before.newcomer + 1n);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
  });
});
