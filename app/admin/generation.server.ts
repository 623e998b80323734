import { createHash } from "node:crypto";
import { prisma } from "~/db.server";
import {
  compareGeneratorOrder,
  generatorInput,
  GENERATOR_INPUT_VERSION,
  storedDocumentSource,
} from "~/documents/generator-input";
import type { Prisma } from "~/generated/prisma/client";
import { GENERATOR_VERSION, generateBank, type Bank, type InputDocument } from "~/questions";

export interface GenerationSummary {
  skipped: boolean;
  knowledgePoints: { kept: number; created: number; retired: number };
  questions: { created: number; updated: number; kept: number; retired: number; autoApproved: number };
  ms: number;
}

/** The stored documents in the generator's input shape (ids are the stable keys, not row ids). */
async function loadInput(): Promise<{
  documents: InputDocument[];
  rowIdByKey: Map<string, string>;
  bundledKeys: Set<string>;
  inputHash: string;
}> {
  const rows = await prisma.document.findMany({
    where: { archivedAt: null },
    select: {
      id: true,
      key: true,
      sourceFileName: true,
      ordinal: true,
      title: true,
      kind: true,
      date: true,
      region: true,
      importHash: true,
      sourceFile: { select: { origin: true } },
      passages: {
        orderBy: { ordinal: "asc" },
        select: { key: true, ordinal: true, path: true, text: true, boilerplate: true, structure: true },
      },
    },
  });
  // The export's order (a folder read by name), whatever the database's collation.
  rows.sort(compareGeneratorOrder);
  const hash = createHash("sha256").update(GENERATOR_VERSION).update(GENERATOR_INPUT_VERSION);
  const documents = rows.map((row): InputDocument => {
    hash.update(row.key).update(row.importHash);
    return generatorInput(storedDocumentSource(row));
  });
  return {
    documents,
    rowIdByKey: new Map(rows.map((r) => [r.key, r.id])),
    bundledKeys: new Set(rows.filter((r) => r.sourceFile.origin === "directory").map((r) => r.key)),
    inputHash: hash.digest("hex"),
  };
}

function questionContent(q: Bank["questions"][number]) {
  return {
    format: q.format,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    explanation: q.explanation,
    sourcePath: q.source.path,
    sourceQuote: q.source.quote,
    score: q.score,
    generatorVersion: q.generatorVersion,
  };
}

const sameContent = (a: ReturnType<typeof questionContent>, b: ReturnType<typeof questionContent>) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Regenerates the question bank from the stored documents and reconciles it with the database:
 * unchanged facts keep their rows, status and admin edits; vanished facts and questions are
 * retired (never deleted: reviews point at them); new ones arrive as drafts — or approved, when
 * `autoApproveScore` is given (demo mode), the question scores at least that and its document came
 * from the content/ folder. An administrator's upload is always reviewed, even when the bank is
 * regenerated at a demo start (after a crash mid-upload, say).
 */
export async function regenerateBank({
  autoApproveScore,
  force = false,
  onStage,
}: {
  autoApproveScore?: number;
  force?: boolean;
  onStage?: (stage: "generating" | "saving") => void | Promise<void>;
} = {}): Promise<GenerationSummary> {
  const started = Date.now();
  const { documents, rowIdByKey, bundledKeys, inputHash } = await loadInput();
  const summary: GenerationSummary = {
    skipped: false,
    knowledgePoints: { kept: 0, created: 0, retired: 0 },
    questions: { created: 0, updated: 0, kept: 0, retired: 0, autoApproved: 0 },
    ms: 0,
  };
  const last = await prisma.generationRun.findFirst({ orderBy: { id: "desc" } });
  if (!force && last?.inputHash === inputHash) {
    return { ...summary, skipped: true, ms: Date.now() - started };
  }

  await onStage?.("generating");
  const bank = generateBank(documents);
  await onStage?.("saving");
  const documentOfPoint = new Map(bank.knowledgePoints.map((kp) => [kp.id, kp.document]));
  await prisma.$transaction(
    async (tx) => {
      const existingPoints = await tx.knowledgePoint.findMany({
        select: { id: true, fingerprint: true, retiredAt: true, document: { select: { archivedAt: true } } },
      });
      const pointByFingerprint = new Map(existingPoints.map((p) => [p.fingerprint, p]));
      const pointIdByBankId = new Map<string, string>();
      const seenPoints = new Set<string>();

      for (const kp of bank.knowledgePoints) {
        const documentId = rowIdByKey.get(kp.document);
        if (!documentId) continue;
        const data = {
          kind: kp.kind,
          documentId,
          passageKey: kp.passage,
          quote: kp.quote,
          answer: kp.answer,
          subject: kp.subject,
          data: JSON.parse(JSON.stringify(kp)) as Prisma.InputJsonValue,
        };
        const existing = pointByFingerprint.get(kp.fingerprint);
        if (existing) {
          await tx.knowledgePoint.update({ where: { id: existing.id }, data: { ...data, retiredAt: null } });
          pointIdByBankId.set(kp.id, existing.id);
          seenPoints.add(existing.id);
          summary.knowledgePoints.kept++;
        } else {
          const created = await tx.knowledgePoint.create({
            data: { fingerprint: kp.fingerprint, ...data },
            select: { id: true },
          });
          pointIdByBankId.set(kp.id, created.id);
          seenPoints.add(created.id);
          summary.knowledgePoints.created++;
        }
      }
      // An archived document is not generated from, but its facts did not vanish: unarchiving it
      // must bring back its points with their questions' review status.
      const vanishedPoints = existingPoints
        .filter((p) => !seenPoints.has(p.id) && p.retiredAt === null && p.document.archivedAt === null)
        .map((p) => p.id);
      const archivedPoints = new Set(existingPoints.filter((p) => p.document.archivedAt !== null).map((p) => p.id));
      if (vanishedPoints.length > 0) {
        await tx.knowledgePoint.updateMany({ where: { id: { in: vanishedPoints } }, data: { retiredAt: new Date() } });
        summary.knowledgePoints.retired = vanishedPoints.length;
      }

      const existingQuestions = await tx.question.findMany({
        select: {
          id: true,
          key: true,
          status: true,
          editedAt: true,
          knowledgePointId: true,
          format: true,
          stem: true,
          options: true,
          answer: true,
          explanation: true,
          sourcePath: true,
          sourceQuote: true,
          score: true,
          generatorVersion: true,
        },
      });
      const questionByKey = new Map(existingQuestions.map((q) => [q.key, q]));
      const seenQuestions = new Set<string>();
      const fresh: Prisma.QuestionCreateManyInput[] = [];
      for (const q of bank.questions) {
        const knowledgePointId = pointIdByBankId.get(q.knowledgePoint);
        if (!knowledgePointId) continue;
        const content = questionContent(q);
        const existing = questionByKey.get(q.id);
        if (!existing) {
          const approved =
            autoApproveScore !== undefined &&
            q.score >= autoApproveScore &&
            bundledKeys.has(documentOfPoint.get(q.knowledgePoint) ?? "");
          if (approved) summary.questions.autoApproved++;
          fresh.push({ key: q.id, knowledgePointId, ...content, status: approved ? "approved" : "draft" });
          continue;
        }
        seenQuestions.add(existing.id);
        // A question that comes back after being retired starts over as a draft to be reviewed.
        const status = existing.status === "retired" ? "draft" : existing.status;
        if (existing.editedAt) {
          if (status !== existing.status || existing.knowledgePointId !== knowledgePointId) {
            await tx.question.update({ where: { id: existing.id }, data: { status, knowledgePointId } });
          }
          summary.questions.kept++;
          continue;
        }
        const {
          id: _id,
          key: _key,
          status: _status,
          editedAt: _editedAt,
          knowledgePointId: oldPoint,
          ...stored
        } = existing;
        if (sameContent(stored, content) && status === existing.status && oldPoint === knowledgePointId) {
          summary.questions.kept++;
          continue;
        }
        await tx.question.update({ where: { id: existing.id }, data: { ...content, status, knowledgePointId } });
        summary.questions.updated++;
      }
      if (fresh.length > 0) await tx.question.createMany({ data: fresh });
      summary.questions.created = fresh.length;
      const vanished = existingQuestions
        .filter((q) => !seenQuestions.has(q.id) && q.status !== "retired" && !archivedPoints.has(q.knowledgePointId))
        .map((q) => q.id);
      if (vanished.length > 0) {
        await tx.question.updateMany({ where: { id: { in: vanished } }, data: { status: "retired" } });
        summary.questions.retired = vanished.length;
      }
      await tx.generationRun.create({
        data: {
          inputHash,
          generatorVersion: GENERATOR_VERSION,
          stats: JSON.parse(JSON.stringify(bank.stats)) as Prisma.InputJsonValue,
        },
      });
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
  summary.ms = Date.now() - started;
  return summary;
}

/**
 * Demo mode: one published set per document holding its approved questions, so a fresh
 * `npm start` can be studied at once. Sets an administrator made are never touched.
 */
export async function syncDocumentSets(): Promise<number> {
  const documents = await prisma.document.findMany({
    where: { archivedAt: null },
    select: {
      id: true,
      title: true,
      knowledgePoints: {
        where: { retiredAt: null },
        select: { questions: { where: { status: "approved" }, select: { id: true }, orderBy: { key: "asc" } } },
      },
    },
  });
  let sets = 0;
  for (const doc of documents) {
    const questionIds = doc.knowledgePoints.flatMap((kp) => kp.questions.map((q) => q.id));
    if (questionIds.length === 0) continue;
    await prisma.$transaction(async (tx) => {
      const set = await tx.questionSet.upsert({
        where: { documentId: doc.id },
        create: {
          title: doc.title,
          description: `《${doc.title}》的全部已审核题目`,
          documentId: doc.id,
          status: "published",
          publishedAt: new Date(),
        },
        update: {},
        select: { id: true },
      });
      await tx.setItem.deleteMany({ where: { setId: set.id } });
      await tx.setItem.createMany({
        data: questionIds.map((questionId, position) => ({ setId: set.id, questionId, position })),
      });
    });
    sets++;
  }
  return sets;
}
