// Every count here is read from the reporting database (DATABASE_REPLICA_URL when set): the
// overview may lag a replica's few seconds; nothing here writes.
import { reportingPrisma as prisma } from "~/db.server";

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
  /** A one-line reading of the run's result, whatever shape its importer gave it. */
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
      select: { id: true, source: true, createdAt: true, userId: true, result: true },
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
      summary: summarizeImport(run.result),
    })),
  };
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
