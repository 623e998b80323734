import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createGroup } from "~/groups/groups.server";
import { nextStudyItem, submitAnswer } from "~/study/session.server";
import { createDocument, createKnowledgePoint, createUser } from "../factories";

beforeEach(async () => {
  // The study pool is every published set: start each test from its own.
  await prisma.questionSet.updateMany({ data: { status: "archived" } });
});

type Kind = "phrase" | "target" | "provision";

/** One published set in study order: a report's 提法 then its 目标, then a law's 法条 — as the sets come. */
async function reportThenLaw(perGroup = 6) {
  const report = await createDocument({ title: "报告" });
  const law = await createDocument({ title: "法律" });
  let setId: string | undefined;
  const points: { id: string; kind: Kind; document: string }[] = [];
  for (const [document, kind] of [
    [report, "phrase"],
    [report, "target"],
    [law, "provision"],
  ] as const) {
    for (let i = 0; i < perGroup; i++) {
      const created = await createKnowledgePoint({ document, setId });
      setId = created.setId;
      await prisma.knowledgePoint.update({ where: { id: created.point.id }, data: { kind } });
      points.push({ id: created.point.id, kind, document: document.title });
    }
  }
  return { setId: setId!, points };
}

/** The new points a learner meets, answering each (right) as it comes, until `n` were met. */
async function newPointsMet(userId: string, n: number, start: Date): Promise<string[]> {
  const met: string[] = [];
  for (let i = 0; met.length < n && i < 4 * n; i++) {
    const at = new Date(start.getTime() + i * 1000);
    const item = await nextStudyItem(userId, at);
    if (item.done) break;
    const shown = await prisma.presentation.findUniqueOrThrow({
      where: { token: item.question.token },
      select: { knowledgePointId: true },
    });
    if (item.question.isNew) met.push(shown.knowledgePointId);
    await submitAnswer(userId, item.question.token, ["5%左右"], 1000, at);
  }
  return met;
}

describe("a day's new points", () => {
  it("mix kinds and documents where the set's order gives one report's 提法 first", async () => {
    const { points } = await reportThenLaw();
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { dailyNewLimit: 6 } });
    const met = await newPointsMet(user.id, 6, new Date("2026-06-01T02:00:00Z"));
    expect(met).toHaveLength(6);
    const byId = new Map(points.map((p) => [p.id, p]));
    const kinds = met.map((id) => byId.get(id)!.kind);
    // In study order the six would all be the report's 提法.
    expect(new Set(kinds)).toEqual(new Set(["phrase", "target", "provision"]));
    expect(new Set(met.map((id) => byId.get(id)!.document))).toEqual(new Set(["报告", "法律"]));
    for (let i = 1; i < kinds.length; i++) expect(kinds[i]).not.toBe(kinds[i - 1]);
  });

  it("are the same for one learner on one day, whichever instance reads them", async () => {
    await reportThenLaw();
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { dailyNewLimit: 6 } });
    const now = new Date("2026-06-02T02:00:00Z");
    const first = await nextStudyItem(user.id, now);
    const again = await nextStudyItem(user.id, new Date(now.getTime() + 1000));
    expect(again.done === false && again.question.token).toBe(first.done === false && first.question.token);
    // A reading of the state from scratch (another instance) picks the same point first.
    await prisma.presentation.deleteMany({ where: { userId: user.id } });
    const fresh = await nextStudyItem(user.id, new Date(now.getTime() + 2000));
    if (first.done || fresh.done) throw new Error("expected questions");
    expect(fresh.question.stem).toBe(first.question.stem);
  });

  it("come first from the sets assigned to the learner's groups", async () => {
    await reportThenLaw();
    const assignedDoc = await createDocument({ title: "作业" });
    const assigned = await createKnowledgePoint({ document: assignedDoc });
    const second = await createKnowledgePoint({ document: assignedDoc, setId: assigned.setId });
    const user = await createUser();
    const group = await createGroup({ name: `新考点组${Date.now()}`, description: "", timeZone: "Asia/Shanghai" });
    await prisma.membership.create({ data: { groupId: group.id, userId: user.id, role: "member" } });
    await prisma.questionSet.update({ where: { id: assigned.setId }, data: { publishedAt: new Date() } });
    await prisma.assignment.create({
      data: { setId: assigned.setId, groupId: group.id, opensAt: new Date("2026-01-01T00:00:00Z") },
    });
    await prisma.user.update({ where: { id: user.id }, data: { dailyNewLimit: 4 } });
    const met = await newPointsMet(user.id, 4, new Date("2026-06-03T02:00:00Z"));
    expect(met.slice(0, 2).sort()).toEqual([assigned.point.id, second.point.id].sort());
    expect(met).toHaveLength(4);
  });
});
