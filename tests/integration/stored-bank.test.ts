/**
 * One input path: the bank `regenerateBank` stores (from Document and Passage rows, as `npm start`
 * does) is the bank `npm run content -- export` writes (from the parsed files), question for
 * question — same ids, stems, options, answers, explanations, sources and scores.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { regenerateBank } from "~/admin/generation.server";
import { parseFiles, type SourceFile } from "~/content";
import { prisma } from "~/db.server";
import { generatorInput } from "~/documents/generator-input";
import { importFiles } from "~/documents/import.server";
import { generateBank } from "~/questions";
import { CONTENT_DIR, readContentDirectory } from "../../scripts/lib/content-files";

const DEV_STATUTES = path.resolve(import.meta.dirname, "../fixtures/dev-statutes");

async function storedBank() {
  const questions = await prisma.question.findMany({
    where: { status: { not: "retired" } },
    orderBy: { key: "asc" },
    select: {
      key: true,
      format: true,
      stem: true,
      options: true,
      answer: true,
      explanation: true,
      sourcePath: true,
      sourceQuote: true,
      score: true,
      knowledgePoint: { select: { fingerprint: true, document: { select: { key: true } } } },
    },
  });
  const points = await prisma.knowledgePoint.findMany({ where: { retiredAt: null }, select: { fingerprint: true } });
  return {
    questions: questions.map((q) => ({
      id: q.key,
      format: q.format,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      explanation: q.explanation,
      path: q.sourcePath,
      quote: q.sourceQuote,
      score: q.score,
      fingerprint: q.knowledgePoint.fingerprint,
      document: q.knowledgePoint.document.key,
    })),
    fingerprints: points.map((p) => p.fingerprint).sort(),
  };
}

function exportedBank(files: SourceFile[], manifestText?: string) {
  const bank = generateBank(parseFiles(files, manifestText).documents.map(generatorInput));
  const fingerprintOf = new Map(bank.knowledgePoints.map((kp) => [kp.id, kp.fingerprint]));
  return {
    questions: bank.questions
      .map((q) => ({
        id: q.id,
        format: q.format,
        stem: q.stem,
        options: q.options,
        answer: q.answer,
        explanation: q.explanation,
        path: q.source.path,
        quote: q.source.quote,
        score: q.score,
        fingerprint: fingerprintOf.get(q.knowledgePoint),
        document: q.source.document,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    fingerprints: bank.knowledgePoints.map((kp) => kp.fingerprint).sort(),
  };
}

describe("the stored bank", () => {
  const folder: { files: SourceFile[]; manifestText?: string } = { files: [] };

  it("equals the exported bank for content/, question for question", async () => {
    Object.assign(folder, await readContentDirectory(CONTENT_DIR));
    const imported = await importFiles(folder.files, { manifestText: folder.manifestText });
    expect(imported.rejected).toEqual([]);
    const summary = await regenerateBank();
    expect(summary.skipped).toBe(false);

    const stored = await storedBank();
    const exported = exportedBank(folder.files, folder.manifestText);
    expect(exported.questions.length).toBeGreaterThan(1000);
    expect(stored.questions.length).toBe(exported.questions.length);
    expect(stored.fingerprints).toEqual(exported.fingerprints);
    expect(stored.questions).toEqual(exported.questions);
  }, 180_000);

  it("still equals it with statutes whose 题注 are plain lines added (uploaded documents)", async () => {
    const names = (await readdir(DEV_STATUTES)).filter((n) => n.endsWith(".md")).sort();
    const statutes = await Promise.all(
      names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(DEV_STATUTES, name))) })),
    );
    const imported = await importFiles(statutes, { origin: "upload" });
    expect(imported.rejected).toEqual([]);
    const laws = await prisma.document.findMany({
      where: { sourceFileName: { in: names } },
      select: { title: true, date: true },
    });
    expect(laws).toHaveLength(6);
    for (const law of laws) {
      expect(law.title).toMatch(/^中华人民共和国[\u4e00-\u9fff]+法$/);
      expect(law.date).not.toBeNull();
    }
    await regenerateBank();

    const stored = await storedBank();
    // The generator sees the folder's files, then the uploads, in name order on both paths.
    const exported = exportedBank([...folder.files, ...statutes], folder.manifestText);
    expect(stored.questions.length).toBe(exported.questions.length);
    expect(stored.questions).toEqual(exported.questions);
  }, 180_000);
});
