// The report's aggregate queries at their edges: members counted per weak point across 64-bit
// words, mastery exactly at the stability boundary, retired points, and item analysis over
// attempts whose question lists differ.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createGroup } from "~/groups/groups.server";
import { getGroupReport } from "~/groups/report.server";
import { createDocument, createKnowledgePoint } from "../factories";

// 12:00 in Shanghai on 2024-03-06.
const NOW = new Date("2024-03-06T04:00:00Z");
const DAY = 86_400_000;
const JOINED = new Date("2024-01-01T00:00:00Z");

async function users(count: number, prefix: string) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await prisma.user.createMany({
    data: ids.map((id, i) => ({
      id,
      username: `${prefix}-${i}-${id.slice(0, 8)}`,
      displayName: `${prefix}${String(i).padStart(3, "0")}`,
      passwordHash: "not-a-hash",
    })),
  });
  return ids;
}

async function join(groupId: string, userIds: string[], joinedAt = JOINED) {
  await prisma.membership.createMany({
    data: userIds.map((userId) => ({ groupId, userId, role: "member" as const, joinedAt })),
  });
}

function review(
  userId: string,
  cardId: string,
  knowledgePointId: string,
  questionId: string,
  at: Date,
  correct: boolean,
  wasDue = true,
) {
  return {
    userId,
    cardId,
    knowledgePointId,
    questionId,
    answer: {},
    correct,
    rating: correct ? 3 : 1,
    durationMs: 1000,
    wasDue,
    stateBefore: {},
    stateAfter: {},
    studyDay: new Date(at.getTime() + 4 * 3_600_000).toISOString().slice(0, 10),
    reviewedAt: at,
  };
}

describe("weakest points: members per point", () => {
  it("counts each member once per point across more than 64 members, only for due reviews since joining", async () => {
    const groupId = (await createGroup({ name: "大组", description: "", timeZone: "Asia/Shanghai" })).id;
    const document = await createDocument();
    const weak = await createKnowledgePoint({ document, subject: "难点" });
    const easy = await createKnowledgePoint({ document, subject: "易点" });
    const members = await users(150, "w");
    await join(groupId, members);
    // A latecomer: joined yesterday, so only their review of today counts.
    const [late] = await users(1, "late");
    await join(groupId, [late!], new Date(NOW.getTime() - DAY));
    const all = [...members, late!];
    const cards = new Map<string, { weak: string; easy: string }>();
    for (const userId of all) {
      const w = await prisma.card.create({
        data: {
          userId,
          knowledgePointId: weak.point.id,
          state: "review",
          due: NOW,
          stability: 3,
          reps: 2,
          lastReview: NOW,
        },
      });
      const e = await prisma.card.create({
        data: {
          userId,
          knowledgePointId: easy.point.id,
          state: "review",
          due: NOW,
          stability: 3,
          reps: 2,
          lastReview: NOW,
        },
      });
      cards.set(userId, { weak: w.id, easy: e.id });
    }
    const rows = [];
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    // Members 0–129 (three words of bits) review the weak point: twice each (one right, one wrong),
    // plus a review that was not due (left out) — so 130 members, 260 due reviews, 130 right.
    for (const [i, userId] of members.entries()) {
      const c = cards.get(userId)!;
      if (i < 130) {
        rows.push(review(userId, c.weak, weak.point.id, weak.questions[0]!.id, at(3), true));
        rows.push(review(userId, c.weak, weak.point.id, weak.questions[0]!.id, at(2), false));
        rows.push(review(userId, c.weak, weak.point.id, weak.questions[0]!.id, at(1), true, false));
      }
      // Everyone gets the easy point right once.
      rows.push(review(userId, c.easy, easy.point.id, easy.questions[0]!.id, at(4), true));
    }
    // Before the range (30 days): not counted.
    rows.push(
      review(members[140]!, cards.get(members[140]!)!.weak, weak.point.id, weak.questions[0]!.id, at(40), false),
    );
    // The latecomer: one wrong answer before joining (left out), one wrong answer today.
    const lc = cards.get(late!)!;
    rows.push(review(late!, lc.weak, weak.point.id, weak.questions[0]!.id, at(3), false));
    rows.push(review(late!, lc.weak, weak.point.id, weak.questions[0]!.id, new Date(NOW.getTime() - 3_600_000), false));
    await prisma.review.createMany({ data: rows });

    const report = await getGroupReport(groupId, {}, NOW);
    expect(report.weakest.map((p) => p.subject)).toEqual(["难点", "易点"]);
    expect(report.weakest[0]).toMatchObject({ members: 131, retention: { part: 130, whole: 261 } });
    expect(report.weakest[1]).toMatchObject({ members: 150, retention: { part: 150, whole: 150 } });
  });
});

describe("mastery at the stability boundary", () => {
  let groupId: string;
  let userId: string;
  let retiredPoint: string;

  beforeAll(async () => {
    groupId = (await createGroup({ name: "边界组", description: "", timeZone: "Asia/Shanghai" })).id;
    userId = (await users(1, "m"))[0]!;
    await join(groupId, [userId!]);
    const document = await createDocument();
    // [stability, time since the last review]: mastered while whole days elapsed ≤ stability, on a
    // memory of at least MASTERY_MIN_STABILITY_DAYS (21).
    const cases: [number, number, boolean][] = [
      [25, 26 * DAY - 1, true], // 25 whole days ≤ 25
      [25, 26 * DAY, false], // 26 > 25
      [25.9, 26 * DAY - 1, true],
      [25.9, 26 * DAY, false], // 26 > 25.9
      [26, 26 * DAY, true],
      [21, 12 * 3_600_000, true], // the least stability that counts
      [20.9, 12 * 3_600_000, false], // recalled, but a young memory
      [30, 0, true],
    ];
    for (const [i, [stability, elapsed]] of cases.entries()) {
      const { point } = await createKnowledgePoint({ document, subject: `边界${i}` });
      await prisma.card.create({
        data: {
          userId: userId!,
          knowledgePointId: point.id,
          state: "review",
          due: NOW,
          stability,
          reps: 3,
          lastReview: new Date(NOW.getTime() - elapsed),
          createdAt: JOINED,
        },
      });
    }
    // Just lapsed: answered wrong an hour ago, tiny stability, in relearning — not mastered, as on
    // the learner's own progress page.
    const { point: lapsed } = await createKnowledgePoint({ document, subject: "刚答错" });
    await prisma.card.create({
      data: {
        userId: userId!,
        knowledgePointId: lapsed.id,
        state: "relearning",
        due: NOW,
        stability: 0.4,
        reps: 4,
        lapses: 1,
        lastReview: new Date(NOW.getTime() - 3_600_000),
        createdAt: JOINED,
      },
    });
    // Never reviewed, and one on a retired point (left out of the cards altogether).
    const { point: fresh } = await createKnowledgePoint({ document, subject: "新卡" });
    await prisma.card.create({
      data: { userId: userId!, knowledgePointId: fresh.id, state: "new", due: NOW, createdAt: JOINED },
    });
    const { point: retired } = await createKnowledgePoint({ document, subject: "已退役" });
    retiredPoint = retired.id;
    await prisma.card.create({
      data: {
        userId: userId!,
        knowledgePointId: retired.id,
        state: "review",
        due: NOW,
        stability: 30,
        reps: 3,
        lastReview: NOW,
        createdAt: JOINED,
      },
    });
    await prisma.knowledgePoint.update({
      where: { id: retiredPoint },
      data: { retiredAt: new Date("2024-03-01T00:00:00Z") },
    });
  });

  it("counts a card as mastered exactly while whole days since its last review ≤ stability", async () => {
    const report = await getGroupReport(groupId, {}, NOW);
    // 8 boundary cases (5 mastered) + the relearning card + the new card; the retired point's card is not counted.
    expect(report.members[0]!.mastery).toEqual({ part: 5, whole: 10, rate: 5 / 10 });
  });
});

describe("item analysis over differing question lists", () => {
  it("counts each question over the attempts that contained it, unanswered as wrong", async () => {
    const groupId = (await createGroup({ name: "版本组", description: "", timeZone: "Asia/Shanghai" })).id;
    const document = await createDocument();
    const set = await prisma.questionSet.create({
      data: { title: "两版测验", status: "published", publishedAt: new Date("2024-01-01T00:00:00Z") },
    });
    const q: string[] = [];
    for (const subject of ["甲题", "乙题", "丙题"])
      q.push((await createKnowledgePoint({ document, setId: set.id, subject })).questions[0]!.id);
    const [a, b, c] = q as [string, string, string];
    await prisma.assignment.create({
      data: {
        setId: set.id,
        groupId,
        opensAt: new Date("2024-02-01T00:00:00Z"),
        dueAt: new Date("2024-03-01T00:00:00Z"),
      },
    });
    const members = await users(24, "v");
    await join(groupId, members);
    // Members 0–11 took version one [a, b]; 12–23 version two [a, b, c]. Scores rise with the index:
    // the top 6 (27 % of 24, rounded) are 18–23 and the bottom 6 are 0–5.
    for (const [i, userId] of members.entries()) {
      const list = i < 12 ? [a, b] : [a, b, c];
      const right = [...(i % 2 === 0 ? [a] : []), ...(i >= 12 && i % 3 === 0 ? [c] : [])];
      // b is answered (wrong) only by even members; odd members leave it unanswered.
      const answered = [...new Set([...right, ...(i % 2 === 0 ? [b] : []), ...list.filter((id) => id !== b)])];
      await prisma.attempt.create({
        data: {
          userId,
          setId: set.id,
          questionIds: list,
          startedAt: new Date("2024-02-10T00:00:00Z"),
          submittedAt: new Date("2024-02-10T00:10:00Z"),
          score: i,
          answers: {
            create: answered.map((questionId) => ({
              questionId,
              answer: [],
              correct: right.includes(questionId),
              durationMs: 1000,
            })),
          },
        },
      });
    }
    const report = await getGroupReport(groupId, { from: "2024-02-01", to: "2024-03-01" }, NOW);
    const [analysis] = report.itemAnalysis;
    expect(analysis!.attempts).toBe(24);
    const byId = new Map(analysis!.items.map((item) => [item.questionId, item]));
    // a: in all 24, right for the 12 even members; 3 of 6 in each band.
    expect(byId.get(a)).toMatchObject({
      attempts: 24,
      facility: 12 / 24,
      upperFacility: 3 / 6,
      lowerFacility: 3 / 6,
      discrimination: 0,
    });
    // b: in all 24, never right.
    expect(byId.get(b)).toMatchObject({ attempts: 24, facility: 0, discrimination: 0 });
    // c: only in version two (12 attempts, under the 20-attempt threshold): not analysed.
    expect(byId.has(c)).toBe(false);
  });
});
