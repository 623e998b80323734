import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { regenerateBank, syncDocumentSets } from "~/admin/generation.server";
import { prisma } from "~/db.server";
import { importFiles, type SourceFile } from "~/documents/import.server";
import { CONTENT_DIR } from "../../scripts/lib/content-files";
import { createUser } from "../factories";

let corpus: SourceFile[];

beforeAll(async () => {
  const names = (await readdir(CONTENT_DIR)).filter((name) => name.endsWith(".txt")).sort();
  corpus = await Promise.all(
    names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(CONTENT_DIR, name))) })),
  );
  await importFiles(corpus);
});

describe("regenerating the question bank", () => {
  it("stores the generated bank once and skips an unchanged corpus", async () => {
    const first = await regenerateBank({ autoApproveScore: 0.7 });
    expect(first.skipped).toBe(false);
    expect(first.knowledgePoints.created).toBeGreaterThan(300);
    expect(first.questions.created).toBeGreaterThan(800);
    expect(first.questions.autoApproved).toBeGreaterThan(0);
    const kinds = await prisma.knowledgePoint.groupBy({ by: ["kind"], _count: true });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["phrase", "provision", "target"]);
    const formats = await prisma.question.groupBy({ by: ["format"], _count: true });
    expect(formats.map((f) => f.format).sort()).toEqual(["fill", "multiple", "single", "truefalse"]);

    const second = await regenerateBank();
    expect(second.skipped).toBe(true);
    const forced = await regenerateBank({ force: true });
    expect(forced.knowledgePoints).toMatchObject({ created: 0, retired: 0 });
    expect(forced.questions).toMatchObject({ created: 0, updated: 0, retired: 0 });
  });

  it("publishes one set per document in demo mode, with approved questions only", async () => {
    const sets = await syncDocumentSets();
    expect(sets).toBeGreaterThan(5);
    const items = await prisma.setItem.findMany({ select: { question: { select: { status: true } } } });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.question.status === "approved")).toBe(true);
    const law = await prisma.questionSet.findFirstOrThrow({ where: { title: "中华人民共和国保守国家秘密法" } });
    expect(law.status).toBe("published");
  });

  it("keeps unchanged facts, an admin's edit and learners' history when a document is revised", async () => {
    const file = corpus.find((f) => f.name.startsWith("001"))!;
    const text = new TextDecoder().decode(file.bytes);
    const oldFigure = "城镇新增就业1200万人以上";
    expect(text).toContain(oldFigure);

    const target = await prisma.knowledgePoint.findFirstOrThrow({
      where: { quote: { contains: oldFigure }, answer: "1200万人以上" },
      include: { questions: true },
    });
    const edited = target.questions[0]!;
    await prisma.question.update({
      where: { id: edited.id },
      data: { stem: `${edited.stem}（管理员已修改）`, status: "approved", editedAt: new Date() },
    });
    const learner = await createUser();
    const card = await prisma.card.create({
      data: { userId: learner.id, knowledgePointId: target.id, due: new Date() },
    });
    await prisma.review.create({
      data: {
        userId: learner.id,
        cardId: card.id,
        knowledgePointId: target.id,
        questionId: edited.id,
        answer: ["1200万人以上"],
        correct: true,
        rating: 3,
        durationMs: 1000,
        wasDue: false,
        stateBefore: {},
        stateAfter: {},
        studyDay: "2024-03-05",
      },
    });
    const before = await prisma.question.findMany({ select: { id: true, key: true, updatedAt: true, status: true } });

    const revised = {
      name: file.name,
      bytes: new TextEncoder().encode(text.replace(oldFigure, "城镇新增就业1300万人以上")),
    };
    await importFiles(corpus.map((f) => (f.name === file.name ? revised : f)));
    const summary = await regenerateBank();
    expect(summary.skipped).toBe(false);
    expect(summary.knowledgePoints.retired).toBeGreaterThanOrEqual(1);
    expect(summary.knowledgePoints.created).toBeGreaterThanOrEqual(1);
    expect(summary.knowledgePoints.kept).toBeGreaterThan(summary.knowledgePoints.created * 20);

    // The vanished fact is retired, not deleted; its edited question keeps the edit and the review.
    const retired = await prisma.knowledgePoint.findUniqueOrThrow({ where: { id: target.id } });
    expect(retired.retiredAt).not.toBeNull();
    const keptEdit = await prisma.question.findUniqueOrThrow({ where: { id: edited.id } });
    expect(keptEdit.stem).toContain("（管理员已修改）");
    expect(await prisma.review.count({ where: { questionId: edited.id } })).toBe(1);
    const fresh = await prisma.knowledgePoint.findFirst({ where: { answer: "1300万人以上", retiredAt: null } });
    expect(fresh).not.toBeNull();
    expect(
      (await prisma.question.findMany({ where: { knowledgePointId: fresh!.id } })).every((q) => q.status === "draft"),
    ).toBe(true);

    // Questions of untouched passages are untouched.
    const after = new Map(
      (await prisma.question.findMany({ select: { id: true, updatedAt: true, status: true } })).map((q) => [q.id, q]),
    );
    const changed = before.filter((q) => {
      const now = after.get(q.id)!;
      return now.updatedAt.getTime() !== q.updatedAt.getTime() || now.status !== q.status;
    });
    expect(changed.length).toBeLessThan(before.length / 20);
    expect(after.size).toBeGreaterThanOrEqual(before.length);
  });

  it("leaves an archived document's facts alone, so unarchiving brings them back approved", async () => {
    const law = await prisma.document.findFirstOrThrow({ where: { kind: "law", archivedAt: null } });
    const approvedBefore = await prisma.question.count({
      where: { status: "approved", knowledgePoint: { documentId: law.id } },
    });
    await prisma.document.update({ where: { id: law.id }, data: { archivedAt: new Date() } });
    const summary = await regenerateBank({ force: true });
    expect(summary.skipped).toBe(false);
    expect(await prisma.knowledgePoint.count({ where: { documentId: law.id, retiredAt: { not: null } } })).toBe(0);
    await prisma.document.update({ where: { id: law.id }, data: { archivedAt: null } });
    await regenerateBank({ force: true });
    expect(await prisma.question.count({ where: { status: "approved", knowledgePoint: { documentId: law.id } } })).toBe(
      approvedBefore,
    );
  });
});
