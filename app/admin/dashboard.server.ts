// Every count here is read from the reporting database (DATABASE_REPLICA_URL when set): the
// overview may lag a replica's few seconds; nothing in getDashboard writes.
import { reportingPrisma as prisma } from "~/db.server";
import { IMPORT_STAGES, sweepInterruptedRuns, type ImportStage } from "~/documents/import-jobs.server";

/**
 * The overview as the page shows it: runs whose process died are first marked 已中断 (on the primary),
 * so they do not read 进行中 for ever; everything else is read.
 */
export async function getDashboardPage() {
  await sweepInterruptedRuns();
  return getDashboard();
}
import { importStatusLabel, type ImportStatus } from "~/vocabulary";

export async function getDashboardCounts() {
  const [users, admins] = await Promise.all([prisma.user.count(), prisma.user.count({ where: { role: "admin" } })]);
  return { users, admins };
}

type Status = "draft" | "approved" | "rejected" | "retired";
type Kind = "phrase" | "target" | "provision";

export interface ImportSummary {
  id: string;
  source: string;
  createdAt: Date;
  user: string | null;
  status: ImportStatus;
  /** The status in Chinese (排队中, 进行中 · 解析文档, 失败 …). */
  statusLabel: string;
  /** A one-line reading of the run's result, whatever shape its importer gave it, or why it failed. */
  summary: string;
}

/**
 * Everything the overview shows, in a handful of aggregate queries: none of them loads rows per
 * question, so the page costs the same with 500 or 50,000 questions (one scan of questions).
 */
export async function getDashboard() {
  const [counts, documents, byKindAndStatus, flags, publishedSets, runs] = await Promise.all([
    getDashboardCounts(),
    prisma.document.count({ where: { archivedAt: null } }),
    prisma.$queryRaw<{ kind: Kind; status: Status; count: number }[]>`
      select kp.kind::text as kind, q.status::text as status, count(*)::int as count
      from questions q join knowledge_points kp on kp.id = q.knowledge_point_id
      group by 1, 2`,
    prisma.$queryRaw<{ flags: number; questions: number }[]>`
      select count(*)::int as flags, count(distinct question_id)::int as questions from flags where resolved_at is null`,
    prisma.questionSet.count({ where: { status: "published" } }),
    prisma.importRun.findMany({
      orderBy: { createdAt: "desc" },
      take: 5,
      select: {
        id: true,
        source: true,
        createdAt: true,
        userId: true,
        result: true,
        status: true,
        stage: true,
        error: true,
        filesDone: true,
        filesTotal: true,
      },
    }),
  ]);

  const byStatus: Record<Status, number> = { draft: 0, approved: 0, rejected: 0, retired: 0 };
  const byKind: Record<Kind, Record<Status, number>> = {
    phrase: { draft: 0, approved: 0, rejected: 0, retired: 0 },
    target: { draft: 0, approved: 0, rejected: 0, retired: 0 },
    provision: { draft: 0, approved: 0, rejected: 0, retired: 0 },
  };
  for (const row of byKindAndStatus) {
    byStatus[row.status] += row.count;
    byKind[row.kind][row.status] += row.count;
  }

  const userIds = [...new Set(runs.flatMap((r) => (r.userId ? [r.userId] : [])))];
  const users =
    userIds.length > 0
      ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })
      : [];
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));

  return {
    ...counts,
    documents,
    questions: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, byKind },
    openFlags: flags[0] ?? { flags: 0, questions: 0 },
    publishedSets,
    recentImports: runs.map((run): ImportSummary => ({
      id: run.id,
      source: run.source,
      createdAt: run.createdAt,
      user: run.userId ? (nameOf.get(run.userId) ?? null) : null,
      ...describeRun(run),
    })),
  };
}

/**
 * A run's status and its line: a finished run says what it produced; a waiting or running one how
 * far it is; a failed or interrupted one why (and what an interrupted one kept).
 */
export function describeRun(run: {
  status: ImportStatus;
  stage: string | null;
  error: string | null;
  result: unknown;
  filesDone: number;
  filesTotal: number;
}): {
  status: ImportStatus;
  statusLabel: string;
  summary: string;
} {
  const label = importStatusLabel(run.status);
  const stage = run.stage ? (IMPORT_STAGES[run.stage as ImportStage] ?? null) : null;
  const files = run.filesTotal > 0 ? `${run.filesDone}/${run.filesTotal} 个文件` : null;
  switch (run.status) {
    case "queued":
      return {
        status: run.status,
        statusLabel: label,
        summary: files ? `等待处理 ${run.filesTotal} 个文件` : "等待处理",
      };
    case "running":
      return { status: run.status, statusLabel: stage ? `${label} · ${stage}` : label, summary: files ?? "处理中" };
    case "failed":
      return { status: run.status, statusLabel: label, summary: run.error || "导入失败，原因未记录" };
    case "interrupted": {
      const kept = summarizeImport(run.result);
      return {
        status: run.status,
        statusLabel: label,
        summary: [run.error || "导入被中断", kept === "—" ? null : `已保留：${kept}`].filter(Boolean).join("；"),
      };
    }
    case "done":
      return { status: run.status, statusLabel: label, summary: summarizeImport(run.result) };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const num = (value: unknown) => (typeof value === "number" ? value : Array.isArray(value) ? value.length : undefined);

/**
 * The importer owns the shape of `result`; read the common counts defensively so that a change
 * there degrades this line instead of breaking the overview.
 */
export function summarizeImport(result: unknown): string {
  if (!isRecord(result)) return "—";
  const parts: string[] = [];
  const files = num(result.files);
  if (files !== undefined) parts.push(`${files} 个文件`);
  const documents = isRecord(result.documents) ? num(result.documents.created) : num(result.documents);
  if (documents !== undefined)
    parts.push(isRecord(result.documents) ? `新增 ${documents} 篇文档` : `${documents} 篇文档`);
  const rejected = num(result.rejected);
  if (rejected) parts.push(`${rejected} 个被拒绝`);
  const generation = isRecord(result.generation)
    ? result.generation
    : isRecord(result.regeneration)
      ? result.regeneration
      : undefined;
  const questions = generation && isRecord(generation.questions) ? num(generation.questions.created) : undefined;
  if (questions !== undefined) parts.push(`新增 ${questions} 道题目`);
  return parts.length > 0 ? parts.join("，") : "—";
}
