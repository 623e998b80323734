import { beforeEach, describe, expect, it } from "vitest";
import { addQuestions, createSet, publishSet, removeQuestion, updateSetDetails } from "~/admin/sets.server";
import { prisma } from "~/db.server";
import { studyPool } from "~/study/pool.server";
import { StudyError, nextStudyItem, present, questionForShowing, submitAnswer } from "~/study/session.server";
import {
  attemptState,
  finishAttempt,
  listPublishedSets,
  practiceQuestion,
  setOverview,
  startAttempt,
} from "~/study/sets.server";
import { randomUUID } from "node:crypto";
import { createGroup, groupAssignmentsFor } from "~/groups/groups.server";
import { getGroupReport } from "~/groups/report.server";
import { action as loginAction } from "~/routes/login";
import { action as setAction } from "~/routes/sets.$id";
import { createDocument, createKnowledgePoint, createUser } from "../factories";
import { context, formRequest, sessionCookie, settle } from "../support/requests";

// 10:00 in Shanghai on 2024-03-05.
const T0 = new Date("2024-03-05T02:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const everyone = { audience: "everyone" as const, assignments: [] };

beforeEach(async () => {
  // Each test studies its own sets only.
  await prisma.questionSet.updateMany({ data: { status: "archived" } });
});

/** Points with one single-choice question each, not in any published set. */
async function questions(n: number) {
  const made = [];
  for (let i = 0; i < n; i++) {
    const kp = await createKnowledgePoint({ subject: `题${i}` });
    await prisma.questionSet.update({ where: { id: kp.setId }, data: { status: "archived" } });
    made.push({
      id: kp.questions[0]!.id,
      kp: kp.point.id,
      stem: kp.questions[0]!.stem,
      answer: kp.questions[0]!.answer,
    });
  }
  return made;
}

/** A set published by an administrator (v1) holding the given questions. */
async function publishedSet(title: string, questionIds: string[]) {
  const admin = await createUser({ role: "admin" });
  const { id } = await createSet({ title, description: `${title}的说明`, filter: null });
  await addQuestions(id, questionIds);
  const published = await publishSet(id, admin.id, everyone);
  expect(published).toMatchObject({ ok: true, version: 1 });
  return { id, admin };
}

async function answerAttempt(userId: string, attemptId: string, right: (stem: string) => boolean, now: Date) {
  for (;;) {
    const state = await attemptState(userId, attemptId, now);
    if (state.finished) return state;
    const { questionId } = await prisma.presentation.findUniqueOrThrow({
      where: { token: state.question.token },
      select: { questionId: true },
    });
    const stored = await prisma.question.findUniqueOrThrow({ where: { id: questionId }, select: { answer: true } });
    await submitAnswer(
      userId,
      state.question.token,
      right(state.question.stem) ? stored.answer : ["错误答案"],
      1000,
      now,
    );
  }
}

describe("published set versions", () => {
  it("shows learners the published version until the set is published again; attempts keep the version taken", async () => {
    const learner = await createUser();
    const [a, b, c] = await questions(3);
    const { id: setId, admin } = await publishedSet("第一版题集", [a!.id, b!.id]);

    // v1 attempt, started before the edits.
    const v1Attempt = await startAttempt(learner.id, setId, null, minutes(1));

    // The administrator edits the published set without publishing: title, one question out, one in.
    await updateSetDetails(setId, { title: "第二版题集", description: "改过的说明" });
    await removeQuestion(setId, a!.id);
    await addQuestions(setId, [c!.id]);

    const listed = (await listPublishedSets(learner.id, minutes(2))).find((s) => s.id === setId);
    expect(listed).toMatchObject({ title: "第一版题集", description: "第一版题集的说明", questions: 2 });
    const overview = await setOverview(learner.id, setId, minutes(2));
    expect(overview.set).toMatchObject({ title: "第一版题集", questions: 2 });
    const practice = await practiceQuestion(learner.id, setId, 0, minutes(2));
    // The v1 attempt is still running: practice waits for it to be submitted.
    expect(practice).toEqual({ blocked: true, attemptId: v1Attempt });
    await finishAttempt(learner.id, v1Attempt, minutes(2));
    const first = await practiceQuestion(learner.id, setId, 0, minutes(3));
    if (first.blocked) throw new Error("practice should be open");
    expect(first.set.title).toBe("第一版题集");
    expect(first.question!.stem).toBe(a!.stem);
    const pool = await studyPool(learner.id, minutes(3));
    expect(pool.has(a!.kp) && pool.has(b!.kp)).toBe(true);
    expect(pool.has(c!.kp)).toBe(false);
    const draftAttempt = await startAttempt(learner.id, setId, null, minutes(3));
    const draftRow = await prisma.attempt.findUniqueOrThrow({
      where: { id: draftAttempt },
      select: { questionIds: true, setVersion: { select: { version: true } } },
    });
    // Drawn in an order of its own: the same questions, sorted for the comparison.
    expect({ ...draftRow, questionIds: [...draftRow.questionIds].sort() }).toEqual({
      questionIds: [a!.id, b!.id].sort(),
      setVersion: { version: 1 },
    });
    await finishAttempt(learner.id, draftAttempt, minutes(3));

    // Published again: v2 for everyone.
    expect(await publishSet(setId, admin.id, everyone)).toMatchObject({ ok: true, version: 2 });
    expect((await listPublishedSets(learner.id, minutes(4))).find((s) => s.id === setId)).toMatchObject({
      title: "第二版题集",
      description: "改过的说明",
      questions: 2,
    });
    const second = await practiceQuestion(learner.id, setId, 0, minutes(4));
    if (second.blocked) throw new Error("practice should be open");
    expect(second.question!.stem).toBe(b!.stem);
    const poolV2 = await studyPool(learner.id, minutes(4));
    expect(poolV2.has(c!.kp)).toBe(true);
    expect(poolV2.has(a!.kp)).toBe(false);
    const v2Attempt = await startAttempt(learner.id, setId, null, minutes(4));
    const v2Row = await prisma.attempt.findUniqueOrThrow({
      where: { id: v2Attempt },
      select: { questionIds: true, setVersion: { select: { version: true } } },
    });
    expect({ ...v2Row, questionIds: [...v2Row.questionIds].sort() }).toEqual({
      questionIds: [b!.id, c!.id].sort(),
      setVersion: { version: 2 },
    });

    // The v1 attempt's results: v1's title and questions, whatever the set became.
    const v1Results = await attemptState(learner.id, v1Attempt, minutes(5));
    if (!v1Results.finished) throw new Error("the v1 attempt was submitted");
    expect(v1Results.attempt).toMatchObject({ title: "第一版题集", total: 2, score: 0 });
    expect(v1Results.mistakes.map((m) => m.stem).sort()).toEqual([a!.stem, b!.stem].sort());
    const v2Running = await attemptState(learner.id, v2Attempt, minutes(5));
    expect(v2Running.finished === false && v2Running.attempt.title).toBe("第二版题集");
  });

  it("leaves out questions retired or unapproved since the version was published", async () => {
    const learner = await createUser();
    const [a, b] = await questions(2);
    const { id: setId } = await publishedSet("带退役题的题集", [a!.id, b!.id]);
    await prisma.question.update({ where: { id: a!.id }, data: { status: "retired" } });
    expect((await setOverview(learner.id, setId, T0)).set.questions).toBe(1);
    const attempt = await startAttempt(learner.id, setId, null, T0);
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: attempt } })).questionIds).toEqual([b!.id]);
  });
});

describe("quiz results", () => {
  it("show each mistake's explanation and a link to its passage", async () => {
    const learner = await createUser();
    const [a, b] = await questions(2);
    const { id: setId } = await publishedSet("解析题集", [a!.id, b!.id]);
    const attempt = await startAttempt(learner.id, setId, null, T0);
    const results = await answerAttempt(learner.id, attempt, (stem) => stem === a!.stem, T0);
    expect(results.attempt).toMatchObject({ title: "解析题集", score: 50, correct: 1 });
    expect(results.mistakes).toHaveLength(1);
    const mistake = results.mistakes[0]!;
    const question = await prisma.question.findUniqueOrThrow({
      where: { id: b!.id },
      select: { explanation: true, knowledgePoint: { select: { passageKey: true } } },
    });
    const passage = await prisma.passage.findFirstOrThrow({ where: { key: question.knowledgePoint.passageKey } });
    expect(mistake.explanation).toBe(question.explanation);
    expect(mistake.explanation.length).toBeGreaterThan(0);
    expect(mistake.passageOrdinal).toBe(passage.ordinal);
  });
});

describe("quiz races", () => {
  it("two tabs opening a quiz question at once share one showing", async () => {
    const learner = await createUser();
    const [a] = await questions(1);
    const { id: setId } = await publishedSet("双标签题集", [a!.id]);
    const attempt = await startAttempt(learner.id, setId, null, T0);
    const [tab1, tab2] = await Promise.all([
      attemptState(learner.id, attempt, T0),
      attemptState(learner.id, attempt, T0),
    ]);
    if (tab1.finished || tab2.finished) throw new Error("expected a question");
    expect(tab2.question.token).toBe(tab1.question.token);
    expect(await prisma.presentation.count({ where: { attemptId: attempt } })).toBe(1);
  });

  it("records the first answer when two showings of one quiz question are both answered", async () => {
    const learner = await createUser();
    const [a, b] = await questions(2);
    const { id: setId } = await publishedSet("重复作答题集", [a!.id, b!.id]);
    const attempt = await startAttempt(learner.id, setId, null, T0);
    // Two showings of the same question (as two tabs opened before showings were serialized).
    const shown = await questionForShowing(a!.id);
    const one = await present(learner.id, shown, shown.knowledgePointId, "quiz", T0, { attemptId: attempt, setId });
    const two = await present(learner.id, shown, shown.knowledgePointId, "quiz", T0, { attemptId: attempt, setId });
    const [r1, r2] = await Promise.all([
      submitAnswer(learner.id, one.token, a!.answer, 1000, T0),
      submitAnswer(learner.id, two.token, ["错误答案"], 1000, minutes(1)),
    ]);
    expect(r1).toEqual({ hidden: true });
    expect(r2).toEqual(r1);
    const answers = await prisma.attemptAnswer.findMany({ where: { attemptId: attempt } });
    expect(answers).toHaveLength(1);
    // A later retry of either token returns the same.
    expect(await submitAnswer(learner.id, two.token, a!.answer, 1000, minutes(2))).toEqual({ hidden: true });
  });

  it("counts in the score every answer that was accepted while the quiz was being submitted", async () => {
    for (let round = 0; round < 8; round++) {
      const learner = await createUser();
      const [a] = await questions(1);
      const { id: setId } = await publishedSet(`交卷竞争${round}`, [a!.id]);
      const attempt = await startAttempt(learner.id, setId, null, T0);
      const state = await attemptState(learner.id, attempt, T0);
      if (state.finished) throw new Error("expected a question");
      const [answer] = await Promise.allSettled([
        submitAnswer(learner.id, state.question.token, a!.answer, 1000, T0),
        finishAttempt(learner.id, attempt, T0),
      ]);
      const row = await prisma.attempt.findUniqueOrThrow({
        where: { id: attempt },
        select: { score: true, answers: { select: { correct: true } } },
      });
      if (answer.status === "fulfilled") {
        expect(row.answers).toEqual([{ correct: true }]);
        expect(row.score).toBe(100);
      } else {
        expect(answer.reason).toBeInstanceOf(StudyError);
        expect((answer.reason as StudyError).status).toBe(409);
        expect(row.answers).toEqual([]);
        expect(row.score).toBe(0);
      }
    }
  });
});

describe("set practice", () => {
  it("shows the same unanswered showing again on a refresh or a second tab, and records one review", async () => {
    const learner = await createUser();
    const [a, b] = await questions(2);
    const { id: setId } = await publishedSet("练习题集", [a!.id, b!.id]);
    const first = await practiceQuestion(learner.id, setId, 0, T0);
    const [refresh, tab] = await Promise.all([
      practiceQuestion(learner.id, setId, 0, minutes(1)),
      practiceQuestion(learner.id, setId, 0, minutes(1)),
    ]);
    if (first.blocked || refresh.blocked || tab.blocked) throw new Error("practice should be open");
    expect(refresh.question!.token).toBe(first.question!.token);
    expect(tab.question!.token).toBe(first.question!.token);
    expect(refresh.question!.options).toEqual(first.question!.options);
    expect(await prisma.presentation.count({ where: { userId: learner.id, setId, mode: "practice" } })).toBe(1);
    // Two tabs opening a question for the first time at the same moment share one showing too.
    const both = await Promise.all([1, 2, 3, 4].map(() => practiceQuestion(learner.id, setId, 1, minutes(1))));
    expect(new Set(both.map((p) => (p.blocked ? null : p.question!.token))).size).toBe(1);
    expect(
      await prisma.presentation.count({ where: { userId: learner.id, setId, mode: "practice", questionId: b!.id } }),
    ).toBe(1);

    await submitAnswer(learner.id, first.question!.token, a!.answer, 1000, minutes(2));
    await submitAnswer(learner.id, tab.question!.token, ["错误答案"], 1000, minutes(2));
    expect(await prisma.review.count({ where: { userId: learner.id } })).toBe(1);
    // Answered: practising the question again is a new showing.
    const again = await practiceQuestion(learner.id, setId, 0, minutes(3));
    if (again.blocked) throw new Error("practice should be open");
    expect(again.question!.token).not.toBe(first.question!.token);
  });

  it("is refused while a quiz on the set runs, and open again once it is submitted or out of time", async () => {
    const learner = await createUser();
    const [a] = await questions(1);
    const { id: setId } = await publishedSet("测验中题集", [a!.id]);
    const untimed = await startAttempt(learner.id, setId, null, T0);
    expect(await practiceQuestion(learner.id, setId, 0, minutes(1))).toEqual({ blocked: true, attemptId: untimed });
    expect((await setOverview(learner.id, setId, minutes(1))).runningAttemptId).toBe(untimed);
    expect(await prisma.presentation.count({ where: { userId: learner.id, mode: "practice" } })).toBe(0);
    await finishAttempt(learner.id, untimed, minutes(2));
    const practice = await practiceQuestion(learner.id, setId, 0, minutes(3));
    if (practice.blocked) throw new Error("practice should be open");
    // A practice question left open in another tab cannot be answered once a quiz has begun.
    const during = await startAttempt(learner.id, setId, null, minutes(3));
    await expect(submitAnswer(learner.id, practice.question!.token, a!.answer, 1000, minutes(3))).rejects.toThrow(
      /测验正在进行/,
    );
    expect(await prisma.review.count({ where: { userId: learner.id } })).toBe(0);
    await finishAttempt(learner.id, during, minutes(3));
    expect((await submitAnswer(learner.id, practice.question!.token, a!.answer, 1000, minutes(3))).correct).toBe(true);

    const timed = await startAttempt(learner.id, setId, 10, minutes(4));
    expect(await practiceQuestion(learner.id, setId, 0, minutes(10))).toEqual({ blocked: true, attemptId: timed });
    // Ten minutes later the quiz is over, submitted or not.
    expect((await practiceQuestion(learner.id, setId, 0, minutes(15))).blocked).toBe(false);
    // Another learner's quiz does not block this one.
    const other = await createUser();
    await startAttempt(other.id, setId, null, minutes(16));
    expect((await practiceQuestion(learner.id, setId, 0, minutes(16))).blocked).toBe(false);
  });
});

describe("quiz answers stay secret while they can count (issue 17)", () => {
  it("leaves a running quiz's knowledge points out of the daily session, and brings them back once it ends", async () => {
    const learner = await createUser();
    const [a, b] = await questions(2);
    const quizSet = await publishedSet("测验题集（每日学习）", [a!.id]);
    await publishedSet("每日学习的另一个题集", [b!.id]);
    const attempt = await startAttempt(learner.id, quizSet.id, null, minutes(1));

    // The daily session offers every new point but the quiz's, answering each (which shows the answer).
    const shown: string[] = [];
    for (let i = 0; i < 6; i++) {
      const next = await nextStudyItem(learner.id, minutes(2));
      if (next.done) break;
      const { knowledgePointId, questionId } = await prisma.presentation.findUniqueOrThrow({
        where: { token: next.question.token },
      });
      shown.push(knowledgePointId);
      const { answer } = await prisma.question.findUniqueOrThrow({
        where: { id: questionId },
        select: { answer: true },
      });
      await submitAnswer(learner.id, next.question.token, answer, 1000, minutes(2));
    }
    expect(shown).toContain(b!.kp);
    expect(shown).not.toContain(a!.kp);

    await finishAttempt(learner.id, attempt, minutes(3));
    const after = await nextStudyItem(learner.id, minutes(4));
    expect(after.done).toBe(false);
    if (after.done) return;
    expect(
      (await prisma.presentation.findUniqueOrThrow({ where: { token: after.question.token } })).knowledgePointId,
    ).toBe(a!.kp);
  });

  it("refuses practice of another set holding a question, or a sibling variant, of a running quiz", async () => {
    const learner = await createUser();
    const [a, b] = await questions(2);
    const quizSet = await publishedSet("测验题集", [a!.id]);
    const sameQuestion = await publishedSet("另一个题集（同一道题）", [a!.id, b!.id]);
    // A sibling variant of a's knowledge point, in a third set.
    const sibling = await prisma.question.create({
      data: {
        key: `sibling-${a!.id}`,
        knowledgePointId: a!.kp,
        format: "fill",
        stem: "兄弟变体：____",
        options: [],
        answer: a!.answer,
        explanation: "",
        sourcePath: [],
        sourceQuote: "",
        status: "approved",
        score: 0.9,
        generatorVersion: "test",
      },
    });
    const siblingSet = await publishedSet("兄弟变体题集", [sibling.id]);
    const unrelated = await publishedSet("无关题集", [b!.id]);

    // Practice opened before the quiz starts, left open in another tab.
    const openBefore = await practiceQuestion(learner.id, sameQuestion.id, 0, T0);
    if (openBefore.blocked) throw new Error("practice should be open");

    const attempt = await startAttempt(learner.id, quizSet.id, null, minutes(1));
    expect(await practiceQuestion(learner.id, sameQuestion.id, 0, minutes(2))).toEqual({
      blocked: true,
      attemptId: attempt,
    });
    expect(await practiceQuestion(learner.id, siblingSet.id, 0, minutes(2))).toEqual({
      blocked: true,
      attemptId: attempt,
    });
    expect((await setOverview(learner.id, sameQuestion.id, minutes(2))).runningAttemptId).toBe(attempt);
    expect((await practiceQuestion(learner.id, unrelated.id, 0, minutes(2))).blocked).toBe(false);
    // The showing opened before cannot reveal the answer now either.
    await expect(
      submitAnswer(learner.id, openBefore.question!.token, a!.answer, 1000, minutes(2)),
    ).rejects.toMatchObject({ status: 409 });
    expect(await prisma.review.count({ where: { userId: learner.id } })).toBe(0);

    await finishAttempt(learner.id, attempt, minutes(3));
    expect((await practiceQuestion(learner.id, sameQuestion.id, 0, minutes(4))).blocked).toBe(false);
    expect((await submitAnswer(learner.id, openBefore.question!.token, a!.answer, 1000, minutes(4))).correct).toBe(
      true,
    );
  });

  it("counts an assignment's first submitted attempt: a retake after reading the mistakes changes nothing", async () => {
    const learner = await createUser();
    const [a, b] = await questions(2);
    const admin = await createUser({ role: "admin" });
    const group = await createGroup({ name: `计分小组${randomUUID()}`, description: "", timeZone: "Asia/Shanghai" });
    await prisma.membership.create({
      data: { groupId: group.id, userId: learner.id, role: "member", joinedAt: minutes(-60) },
    });
    const { id: setId } = await createSet({ title: "作业题集", description: "", filter: null });
    await addQuestions(setId, [a!.id, b!.id]);
    const assignment = { groupId: group.id, opensAt: minutes(-30), dueAt: minutes(60 * 24), timeLimitSec: null };
    expect(await publishSet(setId, admin.id, { audience: "groups", assignments: [assignment] })).toMatchObject({
      ok: true,
    });

    // Attempt 1 submitted at once: 0 points, and its results show every answer.
    const first = await startAttempt(learner.id, setId, null, minutes(1));
    await finishAttempt(learner.id, first, minutes(1));
    const results = await attemptState(learner.id, first, minutes(2));
    if (!results.finished) throw new Error("expected results");
    expect(results.attempt.score).toBe(0);
    expect(results.mistakes).toHaveLength(2);
    // Attempt 2, answered with what attempt 1 showed: 100 for the learner, not for the assignment.
    const second = await startAttempt(learner.id, setId, null, minutes(3));
    const retake = await answerAttempt(learner.id, second, () => true, minutes(4));
    expect(retake.attempt.score).toBe(100);

    const report = await getGroupReport(group.id, {}, minutes(10));
    const member = report.members.find((m) => m.userId === learner.id)!;
    expect(Object.values(member.results)).toEqual([{ status: "on_time", score: 0 }]);
    expect(report.assignments[0]).toMatchObject({ submitted: 1, onTime: 1, averageScore: 0 });
    // The learner's own view of the assignment counts it the same way.
    const mine = await groupAssignmentsFor(learner.id, group.id, minutes(10));
    expect(mine.map((x) => x.result)).toEqual([{ status: "on_time", score: 0 }]);
  });
});

describe("starting a quiz on a set the learner cannot see", () => {
  it("answers 404 题集不存在或尚未发布, not 500, through the route", async () => {
    const learner = await createUser();
    const login = (await loginAction({
      request: formRequest("/login", { username: learner.username, password: learner.password }),
      context: context(),
      params: {},
    })) as Response;
    const cookie = sessionCookie(login);
    const [a] = await questions(1);
    const { id: draftSet } = await createSet({ title: "未发布题集", description: "", filter: null });
    await addQuestions(draftSet, [a!.id]);
    const group = await createGroup({ name: `别的小组${randomUUID()}`, description: "", timeZone: "Asia/Shanghai" });
    const admin = await createUser({ role: "admin" });
    const { id: groupSet } = await createSet({ title: "只给别的小组", description: "", filter: null });
    await addQuestions(groupSet, [a!.id]);
    await publishSet(groupSet, admin.id, {
      audience: "groups",
      assignments: [{ groupId: group.id, opensAt: null, dueAt: null, timeLimitSec: null }],
    });
    for (const setId of [draftSet, groupSet, randomUUID()]) {
      const result = await settle(
        setAction({
          request: formRequest(`/sets/${setId}`, { intent: "start-quiz", timeLimit: "0" }, { cookie }),
          context: context(),
          params: { id: setId },
        }),
      );
      expect(result).toBeInstanceOf(Response);
      expect((result as Response).status).toBe(404);
      expect(await (result as Response).text()).toBe("题集不存在或尚未发布。");
    }
    expect(await prisma.attempt.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("what a quiz draws and practice shows (issue 18, defect 2)", () => {
  /** `n` knowledge points with a single-choice and a fill-in variant each, in one set, in source order. */
  async function pairedSet(title: string, n: number) {
    const doc = await createDocument();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const kp = await createKnowledgePoint({
        document: doc,
        formats: ["single", "fill"],
        subject: `${title}考点${i}`,
      });
      await prisma.questionSet.update({ where: { id: kp.setId }, data: { status: "archived" } });
      ids.push(...kp.questions.map((q) => q.id));
    }
    return { ...(await publishedSet(title, ids)), ids };
  }

  it("draws 20 questions by default, one variant per knowledge point, formats mixed, shuffled per attempt", async () => {
    const learner = await createUser();
    const { id: setId, ids } = await pairedSet("大题集", 30);
    const overview = await setOverview(learner.id, setId, T0);
    expect(overview.quiz).toMatchObject({ questions: 20, suggestedMinutes: 15 });
    const draws = [];
    for (let i = 0; i < 2; i++) {
      const attemptId = await startAttempt(learner.id, setId, null, minutes(i));
      await finishAttempt(learner.id, attemptId, minutes(i));
      const { questionIds } = await prisma.attempt.findUniqueOrThrow({
        where: { id: attemptId },
        select: { questionIds: true },
      });
      const questions = await prisma.question.findMany({
        where: { id: { in: questionIds } },
        select: { knowledgePointId: true, format: true },
      });
      expect(questionIds).toHaveLength(20);
      expect(new Set(questions.map((q) => q.knowledgePointId)).size).toBe(20);
      expect(questions.filter((q) => q.format === "single").length).toBe(10);
      expect(questions.filter((q) => q.format === "fill").length).toBe(10);
      // Not the set's order.
      const positions = questionIds.map((id) => ids.indexOf(id));
      expect(positions).not.toEqual([...positions].sort((x, y) => x - y));
      draws.push(questionIds);
    }
    expect(draws[1]).not.toEqual(draws[0]);
  });

  it("takes the set's and then the assignment's number of questions", async () => {
    const learner = await createUser();
    const { id: setId, admin } = await pairedSet("可设题数", 12);
    await updateSetDetails(setId, { title: "可设题数", description: "", quizQuestionCount: 8 });
    await publishSet(setId, admin.id, everyone);
    expect((await setOverview(learner.id, setId, T0)).quiz.questions).toBe(8);
    const first = await startAttempt(learner.id, setId, null, T0);
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: first } })).questionIds).toHaveLength(8);

    const groupName = `题数小组${randomUUID()}`;
    const group = await createGroup({ name: groupName, description: "", timeZone: "Asia/Shanghai" });
    await prisma.membership.create({ data: { groupId: group.id, userId: learner.id } });
    await publishSet(setId, admin.id, {
      audience: "groups",
      assignments: [{ groupId: group.id, opensAt: null, dueAt: null, timeLimitSec: 300, questionCount: 5 }],
    });
    const overview = await setOverview(learner.id, setId, minutes(1));
    expect(overview.quiz.questions).toBe(5);
    expect(overview.assignment).toMatchObject({ timeLimitSec: 300, group: groupName });
    const second = await startAttempt(learner.id, setId, 60, minutes(1));
    // The assignment's limit caps the learner's choice of 60 minutes.
    const row = await prisma.attempt.findUniqueOrThrow({
      where: { id: second },
      select: { questionIds: true, timeLimitSec: true },
    });
    expect(row.timeLimitSec).toBe(300);
    expect(row.questionIds).toHaveLength(5);
  });

  it("practice never shows two variants of one point in a row, nor a stem holding an answer shown earlier that day", async () => {
    const learner = await createUser();
    const { id: setId } = await pairedSet("练习顺序", 3);
    const shown: { kp: string; stem: string }[] = [];
    for (let index = 0; ;) {
      const practice = await practiceQuestion(learner.id, setId, index, minutes(index));
      if (practice.blocked) throw new Error("practice should be open");
      if (!practice.question) break;
      const { questionId, knowledgePointId } = await prisma.presentation.findUniqueOrThrow({
        where: { token: practice.question.token },
      });
      const answer = (await prisma.question.findUniqueOrThrow({ where: { id: questionId } })).answer;
      await submitAnswer(learner.id, practice.question.token, answer, 1000, minutes(index));
      shown.push({ kp: knowledgePointId, stem: practice.question.stem });
      index = practice.index + 1;
    }
    expect(shown).toHaveLength(6);
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.kp).not.toBe(shown[i - 1]!.kp);

    // A question whose stem states the answer of one shown earlier today is skipped.
    const other = await createUser();
    const [plain] = await questions(1);
    const leak = await prisma.question.create({
      data: {
        key: `leak-${plain!.id}`,
        knowledgePointId: (await createKnowledgePoint()).point.id,
        format: "truefalse",
        stem: `题干直接写出了答案：${plain!.answer[0]}。`,
        options: ["正确", "错误"],
        answer: ["正确"],
        explanation: "",
        sourcePath: [],
        sourceQuote: "",
        status: "approved",
        score: 0.9,
        generatorVersion: "test",
      },
    });
    const { id: leakySet } = await publishedSet("泄题题集", [plain!.id, leak.id]);
    const first = await practiceQuestion(other.id, leakySet, 0, T0);
    if (first.blocked || !first.question) throw new Error("expected a question");
    expect(first.question.stem).toBe(plain!.stem);
    await submitAnswer(other.id, first.question.token, plain!.answer, 1000, T0);
    const second = await practiceQuestion(other.id, leakySet, 1, minutes(1));
    expect(second).toMatchObject({ blocked: false, question: null });
    // The next study day it may be shown.
    const tomorrow = await practiceQuestion(other.id, leakySet, 1, new Date(T0.getTime() + 86_400_000));
    expect(!tomorrow.blocked && tomorrow.question?.stem).toBe(leak.stem);
  });
});

describe("收藏", () => {
  it("bookmarks only a question shown to the learner, once, and practises the bookmarks", async () => {
    const { bookmarkShown, bookmarkPractice, listBookmarks } = await import("~/study/bookmarks.server");
    const learner = await createUser();
    const other = await createUser();
    const [a] = await questions(1);
    const { id: setId } = await publishedSet("收藏题集", [a!.id]);
    const shown = await practiceQuestion(learner.id, setId, 0, T0);
    if (shown.blocked || !shown.question) throw new Error("expected a question");
    // Another learner cannot use this learner's showing.
    await expect(bookmarkShown(other.id, shown.question.token)).rejects.toMatchObject({ status: 404 });
    await Promise.all([
      bookmarkShown(learner.id, shown.question.token),
      bookmarkShown(learner.id, shown.question.token),
    ]);
    expect(await prisma.bookmark.count({ where: { userId: learner.id } })).toBe(1);
    expect((await listBookmarks(learner.id)).map((b) => b.questionId)).toEqual([a!.id]);
    expect(await listBookmarks(other.id)).toEqual([]);
    const practice = await bookmarkPractice(learner.id, 0, minutes(1));
    expect(!practice.blocked && practice.question?.stem).toBe(a!.stem);
    // Refused while a quiz asks the point.
    const attempt = await startAttempt(learner.id, setId, null, minutes(2));
    expect(await bookmarkPractice(learner.id, 0, minutes(2))).toEqual({ blocked: true, attemptId: attempt });
  });
});
