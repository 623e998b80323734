import { createHash } from "node:crypto";
import {
  parseFile,
  parseManifest,
  type Manifest,
  type ParsedDocument,
  type ParsedPassage,
  type SourceFile,
} from "~/content";
import { overridesForFile } from "~/content/manifest";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { generateBank } from "~/questions";
import { KIND_TO_DB, generatorInput, passageStructure } from "./generator-input";

export type { SourceFile };

export interface FileImportResult {
  file: string;
  status: "unchanged" | "imported" | "rejected" | "failed";
  reason?: string;
  /**
   * A folder import left the administrator's uploaded version in place (status "unchanged"): the
   * content/ file differs from it but has not changed since the folder was last imported.
   */
  keptUpload?: boolean;
  documents: { created: number; updated: number; unchanged: number; archived: number };
  passages: number;
}

export interface ImportSummary {
  files: FileImportResult[];
  documents: number;
  passages: number;
  rejected: { file: string; reason: string }[];
  manifestErrors: string[];
}

/** Where files come from: the content/ folder (start-up, CLI) or an administrator's upload. */
export type ImportOrigin = "directory" | "upload";

/**
 * Imports files into Document and Passage rows. Idempotent: an unchanged file (same bytes, same
 * manifest entry) is skipped; a changed file updates its documents in place, matched by their
 * stable key, inside one transaction per file, so a failure leaves the previous version intact.
 *
 * A folder import never silently reverts an upload: when the stored version of a file came from an
 * upload, the folder's file of the same name is imported only if its bytes changed since the folder
 * was last imported (or seen) under that name; otherwise the result says `keptUpload`.
 */
export async function importFiles(
  files: readonly SourceFile[],
  {
    manifestText,
    onFile,
    origin = "directory",
  }: { manifestText?: string; onFile?: (result: FileImportResult) => void; origin?: ImportOrigin } = {},
): Promise<ImportSummary> {
  let manifest: Manifest | undefined;
  let manifestErrors: string[] = [];
  if (manifestText?.trim()) {
    const parsed = parseManifest(manifestText);
    if (parsed.ok) manifest = parsed.manifest;
    else manifestErrors = parsed.errors;
  }

  const known = new Map(
    (
      await prisma.sourceFile.findMany({ select: { name: true, contentHash: true, origin: true, directoryHash: true } })
    ).map((f) => [f.name, f]),
  );
  const results: FileImportResult[] = [];
  for (const file of files) {
    const overrides = overridesForFile(manifest, file.name);
    const hash = createHash("sha256")
      .update(file.bytes)
      .update(JSON.stringify(overrides ?? null))
      .digest("hex");
    const stored = known.get(file.name);
    let result: FileImportResult;
    if (stored?.contentHash === hash) {
      // The folder has now seen these bytes: a later change of the folder's file is a real revision.
      if (origin === "directory" && stored.directoryHash !== hash) {
        await prisma.sourceFile.update({ where: { name: file.name }, data: { directoryHash: hash } });
      }
      result = {
        file: file.name,
        status: "unchanged",
        documents: { created: 0, updated: 0, unchanged: 0, archived: 0 },
        passages: 0,
      };
    } else if (
      origin === "directory" &&
      stored?.origin === "upload" &&
      (stored.directoryHash === null || stored.directoryHash === hash)
    ) {
      // The stored version is an administrator's upload and the folder's file has not changed since
      // the folder last saw it: keep the upload. The first sighting is remembered as the baseline.
      if (stored.directoryHash === null)
        await prisma.sourceFile.update({ where: { name: file.name }, data: { directoryHash: hash } });
      result = {
        file: file.name,
        status: "unchanged",
        keptUpload: true,
        reason: "保留了管理员上传的版本：content/ 中的同名文件自上次导入以来没有变化。",
        documents: { created: 0, updated: 0, unchanged: 0, archived: 0 },
        passages: 0,
      };
    } else {
      const empty = { created: 0, updated: 0, unchanged: 0, archived: 0 };
      const tooMany = lineCountRefusal(file);
      const parsed = tooMany ? ({ ok: false, reason: tooMany } as const) : parseFile(file, overrides);
      const overCap = parsed.ok ? outputRefusal(parsed.documents, origin) : null;
      const elsewhere = parsed.ok && !overCap ? await storedElsewhere(file.name, parsed.documents) : null;
      if (!parsed.ok) {
        result = { file: file.name, status: "rejected", reason: parsed.reason, documents: empty, passages: 0 };
      } else if (overCap) {
        result = { file: file.name, status: "rejected", reason: overCap, documents: empty, passages: 0 };
      } else if (elsewhere) {
        const other = elsewhere;
        const reason = `文档《${other.title}》已由文件“${other.sourceFileName}”导入，未重复导入：同一份文档的另一种格式（如 .txt 与 .pdf）只保留一份。要更新它，请上传与原文件同名的文件；要改用这个文件，请先归档原文档并删除其来源文件。`;
        result = { file: file.name, status: "rejected", reason, documents: empty, passages: 0 };
      } else {
        try {
          result = await storeFile(file.name, hash, parsed.documents, origin);
        } catch (error) {
          // The file's transaction rolled back: its previous version stays; the other files go on.
          const reason = `导入失败，已保留之前的版本：${error instanceof Error ? error.message : String(error)}`;
          result = { file: file.name, status: "failed", reason, documents: empty, passages: 0 };
        }
      }
    }
    results.push(result);
    onFile?.(result);
  }

  const [documents, passages] = await Promise.all([
    prisma.document.count({ where: { archivedAt: null } }),
    prisma.passage.count({ where: { document: { archivedAt: null } } }),
  ]);
  return {
    files: results,
    documents,
    passages,
    rejected: results
      .filter((r) => r.status === "rejected" || r.status === "failed")
      .map((r) => ({ file: r.file, reason: r.reason ?? "" })),
    manifestErrors,
  };
}

/**
 * What one file may produce. The corpus's largest file has about 500 passages and its largest
 * document about 450 questions; a 1 MB file of 第N条 lines made 30,000 passages and a 5 MB one
 * 149,315 questions, which no administrator reviews and which froze the server.
 */
export const IMPORT_LIMITS = { lines: 100_000, passages: 5_000, questions: 5_000 } as const;

/** Counted on the bytes, before decoding and parsing: a cheap early refusal of absurd files. */
function lineCountRefusal(file: SourceFile): string | null {
  let lines = 1;
  for (const byte of file.bytes) if (byte === 0x0a) lines++;
  return lines > IMPORT_LIMITS.lines
    ? `文件行数过多（${lines} 行，上限 ${IMPORT_LIMITS.lines} 行），未导入。请拆分后再上传。`
    : null;
}

/**
 * Refuses a parsed file whose passages, or (for an upload) whose questions, exceed the limits. The
 * questions are counted by generating the file's own documents alone: the generator is pure, and
 * this runs off the request thread (in the import worker), before anything is stored.
 */
function outputRefusal(documents: readonly ParsedDocument[], origin: ImportOrigin): string | null {
  const passages = documents.reduce((sum, d) => sum + d.passages.length, 0);
  if (passages > IMPORT_LIMITS.passages) {
    return `文件内容过多：拆分出 ${passages} 个段落，超过每个文件 ${IMPORT_LIMITS.passages} 个的上限，未导入。请拆分后再上传。`;
  }
  if (origin !== "upload") return null;
  const questions = generateBank(documents.map((d) => generatorInput(d))).questions.length;
  if (questions > IMPORT_LIMITS.questions) {
    return `文件生成的题目过多（${questions} 道，超过每个文件 ${IMPORT_LIMITS.questions} 道的上限），未导入。请拆分后再上传。`;
  }
  return null;
}

function passageRow(passage: ParsedPassage) {
  return {
    key: passage.id,
    ordinal: passage.ordinal,
    path: passage.path,
    text: passage.text,
    rawText: passage.rawText,
    startLine: passage.startLine,
    endLine: passage.endLine,
    textHash: passage.textHash,
    boilerplate: passage.boilerplate,
    structure: JSON.parse(JSON.stringify(passageStructure(passage))) as Prisma.InputJsonValue,
  };
}

function documentRow(doc: ParsedDocument, ordinal: number) {
  return {
    ordinal,
    title: doc.title,
    kind: KIND_TO_DB[doc.kind],
    date: doc.date ? new Date(`${doc.date}T00:00:00Z`) : null,
    region: doc.region,
    origin: doc.origin,
    startLine: doc.source.startLine,
    endLine: doc.source.endLine,
    text: doc.text,
    rawText: doc.rawText,
    contentHash: doc.contentHash,
  };
}

/** A fingerprint of everything stored for a document, to leave unchanged ones untouched. */
function documentImportHash(doc: ParsedDocument, ordinal: number): string {
  return createHash("sha256")
    .update(JSON.stringify([documentRow(doc, ordinal), doc.passages.map(passageRow)]))
    .digest("hex");
}

/**
 * A document of this file already stored from another file (law.txt, then law.pdf: same stem and title, same
 * key): the second is refused with a reason instead of failing on the unique key.
 */
async function storedElsewhere(
  fileName: string,
  documents: ParsedDocument[],
): Promise<{ title: string; sourceFileName: string } | null> {
  const other = await prisma.document.findFirst({
    where: { key: { in: documents.map((d) => d.id) }, NOT: { sourceFileName: fileName } },
    select: { title: true, sourceFileName: true },
  });
  return other;
}

async function storeFile(
  fileName: string,
  hash: string,
  documents: ParsedDocument[],
  origin: ImportOrigin,
): Promise<FileImportResult> {
  const counts = { created: 0, updated: 0, unchanged: 0, archived: 0 };
  // An upload leaves directoryHash alone: it still says what the folder last held under this name.
  const originData = origin === "directory" ? { origin, directoryHash: hash } : { origin };
  await prisma.$transaction(
    async (tx) => {
      await tx.sourceFile.upsert({
        where: { name: fileName },
        create: { name: fileName, contentHash: hash, documentCount: documents.length, ...originData },
        update: { contentHash: hash, documentCount: documents.length, rejection: null, ...originData },
      });
      const existing = await tx.document.findMany({
        where: { sourceFileName: fileName },
        select: {
          id: true,
          key: true,
          archivedAt: true,
          importHash: true,
          passages: { select: { id: true, key: true } },
        },
      });
      const byKey = new Map(existing.map((d) => [d.key, d]));

      for (const [ordinal, doc] of documents.entries()) {
        const importHash = documentImportHash(doc, ordinal);
        const row = { ...documentRow(doc, ordinal), importHash };
        const previous = byKey.get(doc.id);
        byKey.delete(doc.id);
        if (!previous) {
          await tx.document.create({
            data: {
              key: doc.id,
              sourceFileName: fileName,
              ...row,
              passages: { createMany: { data: doc.passages.map(passageRow) } },
            },
          });
          counts.created++;
          continue;
        }
        if (previous.importHash === importHash && previous.archivedAt === null) {
          counts.unchanged++;
          continue;
        }
        await tx.document.update({ where: { id: previous.id }, data: { ...row, archivedAt: null } });
        const wanted = new Map(doc.passages.map((p) => [p.id, passageRow(p)]));
        const stale = previous.passages.filter((p) => !wanted.has(p.key)).map((p) => p.id);
        if (stale.length > 0) await tx.passage.deleteMany({ where: { id: { in: stale } } });
        const stored = new Map(previous.passages.map((p) => [p.key, p]));
        const fresh = [];
        for (const [key, data] of wanted) {
          const old = stored.get(key);
          if (!old) fresh.push({ ...data, documentId: previous.id });
          else await tx.passage.update({ where: { id: old.id }, data });
        }
        if (fresh.length > 0) await tx.passage.createMany({ data: fresh });
        counts.updated++;
      }

      // Documents that left the file are hidden, not deleted: learners' history may point at them.
      const vanished = [...byKey.values()].filter((d) => d.archivedAt === null).map((d) => d.id);
      if (vanished.length > 0) {
        await tx.document.updateMany({ where: { id: { in: vanished } }, data: { archivedAt: new Date() } });
        counts.archived = vanished.length;
      }
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return {
    file: fileName,
    status: "imported",
    documents: counts,
    passages: documents.reduce((sum, d) => sum + d.passages.length, 0),
  };
}
