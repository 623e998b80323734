import type { UploadHandler } from "@remix-run/node";
import { regenerateBank, type GenerationSummary } from "~/admin/generation.server";
import { MAX_UPLOAD_BYTES } from "~/components/admin/limits";
import { prisma } from "~/db.server";
import { DocxRefusal, docxToText } from "~/documents/docx.server";
import { sweepInterruptedRuns } from "~/documents/import-jobs.server";
import { importFiles, type FileImportResult, type SourceFile } from "~/documents/import.server";
import { pdfToText } from "~/documents/pdf.server";
import type { Prisma } from "~/generated/prisma/client";

export { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from "~/components/admin/limits";
export const UPLOAD_EXTENSIONS = [".txt", ".md", ".docx", ".pdf"] as const;
// One import at a time across app instances: two regenerations at once would race on fingerprints.
const IMPORT_LOCK = 0x78756572_02;

/** A file as it came off the wire: its bytes, or only its size when it was over the limit. */
export type IncomingFile =
  { name: string; bytes: Uint8Array; size: number } | { name: string; bytes: null; size: number };

/**
 * Collects the uploaded files into `into`, keeping at most MAX_UPLOAD_BYTES of each: a larger file is
 * drained and remembered by size only, so it is refused with a message and never parsed, while the
 * other files of the same upload still import.
 */
export function collectUploads(into: IncomingFile[], field = "files"): UploadHandler {
  return async ({ name, filename, data }) => {
    if (name !== field || filename === undefined) {
      // Ordinary fields arrive as strings (they are small: the form only has an intent).
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.length;
        if (size <= 64 * 1024) chunks.push(chunk);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      if (size <= MAX_UPLOAD_BYTES) chunks.push(chunk);
    }
    // A form submitted without choosing a file sends one empty, nameless part.
    if (filename === "" && size === 0) return undefined;
    into.push(
      size > MAX_UPLOAD_BYTES
        ? { name: filename, bytes: null, size }
        : { name: filename, bytes: new Uint8Array(Buffer.concat(chunks)), size },
    );
    return undefined;
  };
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The base name a browser sent (some send a full Windows path), bounded and free of separators. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? "";
  return base.slice(-200) || "未命名文件";
}

/**
 * Formats that are not text, by extension: each becomes text (one paragraph per line) before the
 * content pipeline. These run in the import worker, never on the request thread; a decoder refuses
 * with a Chinese reason by throwing DocxRefusal (or any error: then `unreadable` is shown).
 */
const DECODERS: Record<string, { toText: (bytes: Uint8Array) => Promise<string>; unreadable: string; empty: string }> =
  {
    ".docx": {
      toText: docxToText,
      unreadable: "无法读取这个 Word 文档：文件已损坏，或不是 .docx 格式。",
      empty: "Word 文档中没有文字内容，未导入。",
    },
  };

type Prepared = { ok: true; file: SourceFile } | { ok: false; name: string; reason: string };

async function prepare(incoming: IncomingFile): Promise<Prepared> {
  const name = cleanName(incoming.name);
  const extension = /\.[^.]+$/.exec(name)?.[0]?.toLowerCase() ?? "";
  if (incoming.bytes === null) {
    return {
      ok: false,
      name,
      reason: `文件过大（${formatSize(incoming.size)}），单个文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，未导入。请拆分后再上传。`,
    };
  }
  if (extension === ".doc")
    return { ok: false, name, reason: "不支持旧版 Word 格式（.doc）。请在 Word 中“另存为” .docx 后再上传。" };
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(extension)) {
    return {
      ok: false,
      name,
      reason: `不支持的文件类型“${extension || "无扩展名"}”：只能上传 .txt、.md、.docx 或 .pdf 文件。`,
    };
  }
  if (incoming.bytes.length === 0) return { ok: false, name, reason: "文件为空，未导入。" };
  if (extension === ".pdf") {
    // The PDF's text goes through the same pipeline as a .txt; a refusal carries its own reason.
    const pdf = await pdfToText(incoming.bytes);
    return pdf.ok
      ? { ok: true, file: { name, bytes: new TextEncoder().encode(pdf.text) } }
      : { ok: false, name, reason: pdf.reason };
  }
  const decoder = DECODERS[extension];
  if (!decoder) return { ok: true, file: { name, bytes: incoming.bytes } };
  let text: string;
  try {
    text = await decoder.toText(incoming.bytes);
  } catch (error) {
    return { ok: false, name, reason: error instanceof DocxRefusal ? error.message : decoder.unreadable };
  }
  if (text.trim() === "") return { ok: false, name, reason: decoder.empty };
  return { ok: true, file: { name, bytes: new TextEncoder().encode(text) } };
}

export interface UploadFileResult {
  file: string;
  status: FileImportResult["status"];
  reason?: string;
  documents: { id: string; title: string }[];
  documentCounts: FileImportResult["documents"];
  passages: number;
  /** Active knowledge points of the file's documents after the import, and how they changed. */
  knowledgePoints: { total: number; kept: number; retired: number; created: number };
  newDraftQuestions: number;
}

export interface UploadResult {
  runId: string;
  files: UploadFileResult[];
  generation: GenerationSummary | null;
  ms: number;
}

const emptyCounts = { created: 0, updated: 0, unchanged: 0, archived: 0 };

async function pointsOfFiles(names: string[]) {
  return prisma.knowledgePoint.findMany({
    where: { retiredAt: null, document: { sourceFileName: { in: names } } },
    select: { id: true, document: { select: { sourceFileName: true } } },
  });
}

async function questionsOfFiles(names: string[]) {
  return prisma.question.findMany({
    where: { knowledgePoint: { document: { sourceFileName: { in: names } } } },
    select: {
      id: true,
      status: true,
      knowledgePoint: { select: { retiredAt: true, document: { select: { sourceFileName: true } } } },
    },
  });
}

/** Holds a transaction-scoped advisory lock while `fn` runs (on other connections of the pool). */
export async function withImportLock<T>(fn: () => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${IMPORT_LOCK}::bigint)`;
      return fn();
    },
    { timeout: 30 * 60_000, maxWait: 30_000 },
  );
}

/** Stores what an import did, for the dashboard and the documents page. */
export async function recordImportRun(
  source: "upload" | "start" | "cli",
  userId: string | null,
  result: { files: unknown[]; generation: GenerationSummary | null; ms: number },
) {
  const run = await prisma.importRun.create({
    data: { source, userId, result: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue },
    select: { id: true },
  });
  return run.id;
}

/**
 * The administrator's upload: the same pipeline as `npm run content -- import` (importFiles, then
 * regenerateBank) for the accepted files, with per-file results — documents, passages, knowledge
 * points kept/retired/new and new draft questions — recorded as an ImportRun. Re-submitting the
 * same files finds them unchanged and changes nothing.
 */
export async function uploadDocuments(
  userId: string,
  incoming: IncomingFile[],
  {
    runId,
    onProgress,
  }: {
    /** The queued ImportRun to complete (a background job); without it a new run is recorded. */
    runId?: string;
    onProgress?: (stage: "reading" | "parsing" | "generating" | "saving", filesDone?: number) => Promise<void>;
  } = {},
): Promise<UploadResult> {
  const started = Date.now();
  const report = (stage: Parameters<NonNullable<typeof onProgress>>[0], filesDone?: number) =>
    onProgress?.(stage, filesDone).catch(() => {});
  await report("reading");
  const prepared = await Promise.all(incoming.map(prepare));
  // Each entry is a file to import or a refusal, in the order the files were chosen.
  const seen = new Set<string>();
  const entries = prepared.map((p): { name: string; file: SourceFile | null; reason: string } => {
    const name = p.ok ? p.file.name : p.name;
    if (seen.has(name)) return { name, file: null, reason: "同一次上传中有同名文件，只导入了第一个。" };
    seen.add(name);
    return p.ok ? { name, file: p.file, reason: "" } : { name, file: null, reason: p.reason };
  });
  const accepted = entries.flatMap((e) => (e.file ? [e.file] : []));

  return withImportLock(async () => {
    const names = accepted.map((f) => f.name);
    const [pointsBefore, questionsBefore] = await Promise.all([pointsOfFiles(names), questionsOfFiles(names)]);
    await report("parsing", 0);
    let filesDone = 0;
    const summary =
      accepted.length > 0
        ? await importFiles(accepted, { origin: "upload", onFile: () => void report("parsing", ++filesDone) })
        : null;
    const changed = summary?.files.some((f) => f.status === "imported") ?? false;
    const generation = changed ? await regenerateBank({ onStage: (stage) => report(stage) }) : null;

    const [pointsAfter, questionsAfter, documents] = await Promise.all([
      pointsOfFiles(names),
      questionsOfFiles(names),
      prisma.document.findMany({
        where: { sourceFileName: { in: names }, archivedAt: null },
        orderBy: [{ sourceFileName: "asc" }, { ordinal: "asc" }],
        select: { id: true, title: true, sourceFileName: true, _count: { select: { passages: true } } },
      }),
    ]);
    const activeAfter = new Set(
      (
        await prisma.knowledgePoint.findMany({
          where: { id: { in: pointsBefore.map((p) => p.id) }, retiredAt: null },
          select: { id: true },
        })
      ).map((p) => p.id),
    );
    const questionIdsBefore = new Set(questionsBefore.map((q) => q.id));

    const files = entries.map((entry): UploadFileResult => {
      const imported = entry.file ? summary?.files.find((f) => f.file === entry.name) : undefined;
      if (!imported) {
        return {
          file: entry.name,
          status: "rejected",
          reason: entry.reason || "未导入",
          documents: [],
          documentCounts: emptyCounts,
          passages: 0,
          knowledgePoints: { total: 0, kept: 0, retired: 0, created: 0 },
          newDraftQuestions: 0,
        };
      }
      const before = pointsBefore.filter((kp) => kp.document.sourceFileName === entry.name).map((kp) => kp.id);
      const beforeSet = new Set(before);
      const after = pointsAfter.filter((kp) => kp.document.sourceFileName === entry.name);
      const ofFile = documents.filter((d) => d.sourceFileName === entry.name);
      return {
        file: entry.name,
        status: imported.status,
        ...(imported.reason ? { reason: imported.reason } : {}),
        documents: ofFile.map((d) => ({ id: d.id, title: d.title })),
        documentCounts: imported.documents,
        // Counted from what is stored, so an unchanged file still reports its passages.
        passages: ofFile.reduce((sum, d) => sum + d._count.passages, 0),
        knowledgePoints: {
          total: after.length,
          kept: before.filter((id) => activeAfter.has(id)).length,
          retired: before.filter((id) => !activeAfter.has(id)).length,
          created: after.filter((kp) => !beforeSet.has(kp.id)).length,
        },
        newDraftQuestions: questionsAfter.filter(
          (q) =>
            q.knowledgePoint.document.sourceFileName === entry.name &&
            q.status === "draft" &&
            q.knowledgePoint.retiredAt === null &&
            !questionIdsBefore.has(q.id),
        ).length,
      };
    });
    const ms = Date.now() - started;
    if (!runId)
      return { runId: await recordImportRun("upload", userId, { files, generation, ms }), files, generation, ms };
    await prisma.importRun.update({
      where: { id: runId },
      data: {
        status: "done",
        stage: null,
        filesDone: entries.length,
        finishedAt: new Date(),
        result: JSON.parse(JSON.stringify({ files, generation, ms })) as Prisma.InputJsonValue,
      },
    });
    return { runId, files, generation, ms };
  });
}

export async function listDocuments() {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      title: string;
      kind: string;
      date: Date | null;
      region: string | null;
      source_file: string;
      archived_at: Date | null;
      updated_at: Date;
      passages: number;
      points: number;
      approved: number;
      draft: number;
    }[]
  >`
    select d.id, d.title, d.kind::text as kind, d.date, d.region, d.source_file, d.archived_at, d.updated_at,
      (select count(*)::int from passages p where p.document_id = d.id) as passages,
      coalesce(k.points, 0)::int as points, coalesce(k.approved, 0)::int as approved, coalesce(k.draft, 0)::int as draft
    from documents d
    left join lateral (
      select count(distinct kp.id) as points,
        count(q.id) filter (where q.status = 'approved') as approved,
        count(q.id) filter (where q.status = 'draft') as draft
      from knowledge_points kp left join questions q on q.knowledge_point_id = kp.id
      where kp.document_id = d.id and kp.retired_at is null
    ) k on true
    order by d.archived_at is not null, d.source_file, d.ordinal`;
  await sweepInterruptedRuns();
  const runs = await prisma.importRun.findMany({
    orderBy: { createdAt: "desc" },
    take: 5,
    select: {
      id: true,
      source: true,
      createdAt: true,
      userId: true,
      result: true,
      status: true,
      error: true,
      filesTotal: true,
    },
  });
  const users = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: runs.flatMap((r) => (r.userId ? [r.userId] : [])) } },
        select: { id: true, displayName: true },
      })
    ).map((u) => [u.id, u.displayName]),
  );
  return {
    documents: rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      date: r.date ? r.date.toISOString().slice(0, 10) : null,
      region: r.region,
      file: r.source_file,
      archivedAt: r.archived_at?.toISOString() ?? null,
      updatedAt: r.updated_at.toISOString(),
      passages: r.passages,
      points: r.points,
      approved: r.approved,
      draft: r.draft,
    })),
    runs: runs.map((run) => {
      const result = run.result as { files?: { file: string; status: string }[] };
      const files = result.files ?? [];
      return {
        id: run.id,
        source: run.source,
        status: run.status,
        error: run.error,
        createdAt: run.createdAt.toISOString(),
        by: run.userId ? (users.get(run.userId) ?? null) : null,
        files: run.status === "done" ? files.length : run.filesTotal,
        imported: files.filter((f) => f.status === "imported").length,
        rejected: files.filter((f) => f.status === "rejected" || f.status === "failed").length,
      };
    }),
  };
}

/**
 * Archiving hides a document from new study sessions (the study pool skips archived documents)
 * and retires its automatic set; cards, reviews and attempts stay. Unarchiving brings both back.
 */
export async function setDocumentArchived(
  documentId: string,
  archived: boolean,
): Promise<{ ok: boolean; message: string }> {
  const doc = await prisma.document.findUnique({
    where: { id: documentId },
    select: { id: true, title: true, archivedAt: true },
  });
  if (!doc) return { ok: false, message: "文档不存在。" };
  if (archived === (doc.archivedAt !== null))
    return { ok: true, message: archived ? `《${doc.title}》已归档。` : `《${doc.title}》未归档。` };
  await prisma.$transaction([
    prisma.document.update({ where: { id: documentId }, data: { archivedAt: archived ? new Date() : null } }),
    prisma.questionSet.updateMany({
      where: { documentId, status: archived ? "published" : "archived" },
      data: { status: archived ? "archived" : "published" },
    }),
  ]);
  return {
    ok: true,
    message: archived
      ? `已归档《${doc.title}》：新的学习中不再出现它的题目，已有的学习记录保留。`
      : `已恢复《${doc.title}》。`,
  };
}
