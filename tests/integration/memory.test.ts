import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { fitDue, fitOwner, learnersDueForFit } from "~/memory/fit.server";
import { groupMemoryReport } from "~/memory/group.server";
import { historyItems, timeSeriesSplit, type ReviewRecord } from "~/memory/history";
import { DEFAULT_PARAMETERS, evaluate, fitParameters } from "~/memory/optimize";
import { predictedRetention } from "~/memory/predict";
import { memorySummary } from "~/memory/summary.server";
import { storeSyntheticLearner, type PointRef } from "~/memory/synthetic.server";
import { FAST_FORGETTER, SLOW_FORGETTER, syntheticLearner } from "~/memory/synthetic";
import { action as loginAction } from "~/routes/login";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings";
import { nextStudyItem, submitAnswer } from "~/study/session.server";
import { createDocument, createKnowledgePoint, createUser } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie } from "../support/requests";

const FIRST_DAY = "2026-01-01";

let sequence = 0;
/** Knowledge points with one approved question each (not in any set: the daily pool stays empty). */
async function points(count: number): Promise<PointRef[]> {
  const document = await createDocument();
  const passage = document.passages[0]!;
  const tag = `m${sequence++}`;
  const ids = Array.from({ length: count }, () => ({ kp: crypto.randomUUID(), q: crypto.randomUUID() }));
  await prisma.knowledgePoint.createMany({
    data: ids.map(({ kp }, i) => ({
      id: kp,
      fingerprint: `${tag}-${i}`,
      kind: "target" as const,
      documentId: document.id,
      passageKey: passage.key,
      quote: passage.text,
      answer: "5%左右",
      subject: `考点${tag}-${i}`,
      data: {},
    })),
  });
  await prisma.question.createMany({
    data: ids.map(({ kp, q }, i) => ({
      id: q,
      key: `${tag}-${i}:single`,
      knowledgePointId: kp,
      format: "single" as const,
      stem: `考点${i}：增长目标是（ ）。`,
      options: ["5%左右", "4%左右", "6%左右", "3%左右"],
      answer: ["5%左右"],
      explanation: "出处",
      sourcePath: [],
      sourceQuote: passage.text,
      status: "approved" as const,
      score: 0.9,
      generatorVersion: "test",
    })),
  });
  return ids.map(({ kp, q }) => ({ knowledgePointId: kp, questionId: q }));
}

async function learner(truth: readonly number[], seed: number, reviews: number, refs?: PointRef[]) {
  const user = await createUser();
  const generated = syntheticLearner({ trueParameters: truth, seed, reviews, firstDay: FIRST_DAY });
  await storeSyntheticLearner(user.id, generated, refs ?? (await points(generated.cards.length)));
  const lastReviewAt = generated.reviews.at(-1)!.reviewedAt;
  return { user, generated, lastReviewAt, now: new Date(lastReviewAt.getTime() + 3600_000) };
}

/** A fingerprint of every review row of a learner, to show a fit changes none. */
async function reviewFingerprint(userId: string): Promise<string> {
  const [row] = await prisma.$queryRaw<[{ hash: string; n: number }]>`
    select md5(string_agg(row_to_json(r)::text, '|' order by id)) as hash, count(*)::int as n from reviews r where user_id = ${userId}::uuid`;
  return `${row.n}:${row.hash}`;
}

async function storedRecords(userId: string): Promise<ReviewRecord[]> {
  const rows = await prisma.review.findMany({
    where: { userId },
    orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
    select: { cardId: true, rating: true, studyDay: true, reviewedAt: true },
  });
  return rows.map((r) => ({
    cardId: r.cardId,
    rating: r.rating,
    studyDay: r.studyDay,
    reviewedAt: r.reviewedAt.getTime(),
  }));
}

describe("fitting a learner's memory parameters from stored reviews", () => {
  it("stores a set for a synthetic fast forgetter that predicts their later reviews better, and leaves every review row as it was", async () => {
    const { user, now } = await learner(FAST_FORGETTER, 1, 2000);
    const before = await reviewFingerprint(user.id);
    const result = await fitOwner({ userId: user.id }, { trigger: "cli", now });
    expect(result.outcome).toBe("fitted");
    expect(result.logLossAfter!).toBeLessThan(result.logLossBefore!);
    expect(result.message).toBe(
      `记忆参数已个性化：基于2000次复习，预测误差从${result.logLossBefore!.toFixed(3)}降到${result.logLossAfter!.toFixed(3)}。从下一次复习起按新参数安排。`,
    );
    const [set] = await prisma.fsrsParameterSet.findMany({ where: { userId: user.id } });
    expect(set).toMatchObject({ reviewsUsed: 2000, optimizerVersion: "@open-spaced-repetition/binding@0.5.0" });
    expect(set!.parameters).toHaveLength(21);
    // The stored set, on the later part of the stored reviews, beats the defaults.
    const { test } = timeSeriesSplit(historyItems(await storedRecords(user.id)));
    expect(evaluate(set!.parameters, test).logLoss).toBeLessThan(evaluate(DEFAULT_PARAMETERS, test).logLoss);
    expect(await reviewFingerprint(user.id)).toBe(before);
    const [{ effective }] = await prisma.$queryRaw<
      [{ effective: number[] }]
    >`select effective_fsrs_parameters(${user.id}::uuid) as effective`;
    expect(effective).toEqual(set!.parameters);

    const summary = await memorySummary(user.id, now);
    expect(summary.source).toBe("own");
    expect(summary.headline).toBe(
      `记忆参数已个性化：基于2000次复习，预测误差从${set!.logLossBefore.toFixed(3)}降到${set!.logLossAfter.toFixed(3)}`,
    );
    expect(summary.workload).toHaveLength(18);
    expect(summary.retentionIn30Days!).toBeLessThan(summary.retentionNow!);
  });

  it("applies the learner's set from the next review: a new card answered right gets the fitted initial stability", async () => {
    const fast = await learner(FAST_FORGETTER, 2, 2000);
    const plain = await createUser();
    await prisma.questionSet.updateMany({ data: { status: "archived" } });
    await createKnowledgePoint();
    const now = new Date(fast.now.getTime() + 86_400_000);
    // The fast forgetter's session state is read (and kept) before the set exists…
    const shown = await nextStudyItem(fast.user.id, now);
    const result = await fitOwner({ userId: fast.user.id }, { trigger: "cli", now: fast.now });
    expect(result.outcome).toBe("fitted");
    const set = await prisma.fsrsParameterSet.findFirstOrThrow({ where: { userId: fast.user.id } });
    // …and the answer after it is scheduled with the new set all the same.
    if (shown.done) throw new Error("no question shown");
    await submitAnswer(fast.user.id, shown.question.token, ["5%左右"], 3000, now);
    const plainShown = await nextStudyItem(plain.id, now);
    if (plainShown.done) throw new Error("no question shown");
    await submitAnswer(plain.id, plainShown.question.token, ["5%左右"], 3000, now);
    const newest = async (userId: string) =>
      (await prisma.card.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } })).stability;
    expect(await newest(fast.user.id)).toBeCloseTo(set.parameters[2]!, 4);
    expect(await newest(plain.id)).toBeCloseTo(DEFAULT_PARAMETERS[2]!, 4);
    expect(set.parameters[2]!).toBeLessThan(DEFAULT_PARAMETERS[2]!);
  });

  it("keeps the defaults with too little history and says how many reviews are missing", async () => {
    const { user, now } = await learner(FAST_FORGETTER, 3, 150);
    const result = await fitOwner({ userId: user.id }, { trigger: "cli", now });
    expect(result.outcome).toBe("insufficient");
    expect(result.message).toContain("已有 150 次复习");
    expect(result.message).toContain("还差 250 次复习");
    expect(await prisma.fsrsParameterSet.count({ where: { userId: user.id } })).toBe(0);
    const summary = await memorySummary(user.id, now);
    expect(summary.source).toBe("default");
    expect(summary.headline).toContain("还差 250 次复习");
  });

  it("keeps the old set when a fit fails", async () => {
    const { user, now } = await learner(SLOW_FORGETTER, 22, 2000);
    expect((await fitOwner({ userId: user.id }, { trigger: "cli", now })).outcome).toBe("fitted");
    const kept = await prisma.fsrsParameterSet.findFirstOrThrow({ where: { userId: user.id } });
    const failing: typeof fitParameters = async () => {
      throw new Error("optimizer crashed");
    };
    const later = new Date(now.getTime() + 60_000);
    const result = await fitOwner({ userId: user.id }, { trigger: "manual", now: later, optimizer: failing });
    expect(result.outcome).toBe("failed");
    expect(result.message).toContain("继续使用原来的参数");
    expect(await prisma.fsrsParameterSet.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([
      { id: kept.id },
    ]);
    const run = await prisma.fsrsFitRun.findFirstOrThrow({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
    });
    expect(run).toMatchObject({ outcome: "failed", trigger: "manual" });
    expect(run.message).toContain("optimizer crashed");
    expect((await memorySummary(user.id, later)).source).toBe("own");
  });

  it("two instances fitting at once fit each learner once", async () => {
    await prisma.fsrsFitRun.deleteMany();
    const refs = await points(400);
    const learners = [
      await learner(FAST_FORGETTER, 4, 800, refs),
      await learner(SLOW_FORGETTER, 5, 800, refs),
      await learner(FAST_FORGETTER, 6, 800, refs),
    ];
    const now = new Date(Math.max(...learners.map((l) => l.now.getTime())));
    const due = await learnersDueForFit(now);
    for (const l of learners) expect(due).toContain(l.user.id);
    // A slower optimizer, so that the two passes overlap on each learner.
    const slow: typeof fitParameters = async (reviews, options) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return fitParameters(reviews, options);
    };
    const [a, b] = await Promise.all([fitDue({ now, optimizer: slow }), fitDue({ now, optimizer: slow })]);
    expect([...a, ...b].filter((r) => r.outcome === "busy" || r.outcome === "skipped").length).toBeGreaterThan(0);
    for (const l of learners) expect(await prisma.fsrsFitRun.count({ where: { userId: l.user.id } })).toBe(1);
    // Not due again within the week, nor after it without new reviews.
    expect(await learnersDueForFit(now)).not.toContain(learners[0]!.user.id);
    expect(await learnersDueForFit(new Date(now.getTime() + 8 * 86_400_000))).not.toContain(learners[0]!.user.id);
  });
});

describe("优化记忆参数 on /settings", () => {
  it("fits in a child process, answers with the outcome in Chinese, and refuses a second fit within the hour", async () => {
    const { user } = await learner(FAST_FORGETTER, 9, 2000);
    const password = "correct-horse-battery";
    const login = (await loginAction({
      request: formRequest("/login", { username: user.username, password }),
      context: context(),
      params: {},
    })) as Response;
    const cookie = sessionCookie(login);
    const first = actionData<{ message: string; saved: boolean }>(
      await settingsAction({
        request: formRequest("/settings", { intent: "optimize" }, { cookie }),
        context: context(),
        params: {},
      }),
    );
    expect(first.status).toBe(200);
    expect(first.data.saved).toBe(true);
    expect(first.data.message).toMatch(/^记忆参数已个性化：基于2000次复习，预测误差从\d\.\d{3}降到\d\.\d{3}。/);
    expect(await prisma.fsrsFitRun.count({ where: { userId: user.id, trigger: "manual" } })).toBe(1);
    const second = actionData<{ message: string }>(
      await settingsAction({
        request: formRequest("/settings", { intent: "optimize" }, { cookie }),
        context: context(),
        params: {},
      }),
    );
    expect(second.status).toBe(429);
    expect(second.data.message).toMatch(/^每小时只能优化一次，请 \d+ 分钟后再试。$/);
    expect(await prisma.fsrsFitRun.count({ where: { userId: user.id } })).toBe(1);
    const page = (await settingsLoader({
      request: getRequest("/settings", { cookie }),
      context: context(),
      params: {},
    })) as { memory: { headline: string; nextManualFitAt: string | null } };
    expect(page.memory.headline).toContain("记忆参数已个性化：基于2000次复习");
    expect(page.memory.nextManualFitAt).not.toBeNull();
  });

  it("refuses a visitor without a session, fitting nothing", async () => {
    const runs = await prisma.fsrsFitRun.count();
    const response = await settingsAction({
      request: formRequest("/settings", { intent: "optimize" }),
      context: context(),
      params: {},
    }).catch((thrown: unknown) => thrown);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toMatch(/^\/login/);
    expect(await prisma.fsrsFitRun.count()).toBe(runs);
  });
});

describe("group parameters and the group report's predictions", () => {
  it("pools members with enough history, serves the set to a member without one, and predicts beside true retention", async () => {
    const manager = await createUser();
    const group = await prisma.group.create({
      data: { name: `记忆小组${sequence++}`, inviteCode: crypto.randomUUID().slice(0, 8) },
    });
    const rich = await learner(FAST_FORGETTER, 7, 2000);
    const poor = await learner(FAST_FORGETTER, 8, 120);
    await prisma.membership.createMany({
      data: [
        { groupId: group.id, userId: manager.id, role: "manager", joinedAt: new Date("2025-12-01T00:00:00Z") },
        { groupId: group.id, userId: rich.user.id, joinedAt: new Date("2025-12-01T00:00:00Z") },
        { groupId: group.id, userId: poor.user.id, joinedAt: new Date("2025-12-01T00:00:00Z") },
      ],
    });
    const now = new Date(Math.max(rich.now.getTime(), poor.now.getTime()));
    const result = await fitOwner({ groupId: group.id }, { trigger: "cli", now });
    expect(result.outcome).toBe("fitted");
    expect(result.reviews).toBe(2000);
    const groupSet = await prisma.fsrsParameterSet.findFirstOrThrow({ where: { groupId: group.id } });
    const poorSummary = await memorySummary(poor.user.id, now);
    expect(poorSummary.source).toBe("group");
    expect(poorSummary.headline).toContain(`正在使用小组“${group.name}”的记忆参数`);
    expect(poorSummary.headline).toContain("还差 280 次复习");

    // An open assignment on points the poor member never studied: predicted to be forgotten.
    const { setId } = await createKnowledgePoint();
    await prisma.assignment.create({
      data: {
        setId,
        groupId: group.id,
        opensAt: new Date(now.getTime() - 86_400_000),
        dueAt: new Date(now.getTime() + 7 * 86_400_000),
      },
    });
    const memory = await groupMemoryReport(group.id, now);
    expect(memory.members).toBe(2);
    expect(memory.withOwnParameters).toBe(0);
    expect(memory.groupSet?.reviewsUsed).toBe(2000);
    const cards = await prisma.card.findMany({
      where: { userId: { in: [rich.user.id, poor.user.id] }, state: { not: "new" } },
    });
    const expectedNow = predictedRetention(cards, groupSet.parameters, now)!;
    expect(memory.cards).toBe(cards.length);
    expect(memory.predictedNow!).toBeCloseTo(expectedNow, 6);
    expect(memory.predictedIn30Days!).toBeCloseTo(predictedRetention(cards, groupSet.parameters, now, 30)!, 6);
    const due = await prisma.review.findMany({
      where: {
        userId: { in: [rich.user.id, poor.user.id] },
        wasDue: true,
        reviewedAt: { gte: new Date(now.getTime() - 30 * 86_400_000), lt: now },
      },
    });
    expect(memory.trueRetention).toEqual({
      due: due.length,
      correct: due.filter((r) => r.correct).length,
      rate: due.filter((r) => r.correct).length / due.length,
    });
    expect(memory.openAssignments).toBe(1);
    expect(memory.atRisk.map((r) => [r.userId, r.studied, r.points, r.expected])).toEqual(
      expect.arrayContaining([
        [rich.user.id, 0, 1, 0],
        [poor.user.id, 0, 1, 0],
      ]),
    );
  });
});
