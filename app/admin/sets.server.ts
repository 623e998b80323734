import { z } from "zod";
import { prisma } from "~/db.server";
import type { Prisma, QuestionFormat, QuestionStatus } from "~/generated/prisma/client";

export const MAX_SET_QUESTIONS = 2000;
const FORMAT_ORDER: Record<QuestionFormat, number> = { single: 0, multiple: 1, truefalse: 2, fill: 3 };

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const questionFilterSchema = z.object({
  documentId: z.preprocess(blankToUndefined, z.uuid("请选择有效的文档").optional()),
  kind: z.preprocess(
    blankToUndefined,
    z.enum(["phrase", "target", "provision"], { error: "请选择有效的考点类型" }).optional(),
  ),
  format: z.preprocess(
    blankToUndefined,
    z.enum(["single", "multiple", "truefalse", "fill"], { error: "请选择有效的题型" }).optional(),
  ),
  status: z.preprocess(
    blankToUndefined,
    z.enum(["approved", "draft", "rejected", "retired", "any"], { error: "请选择有效的状态" }).default("approved"),
  ),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100, "搜索词最多 100 个字符").optional()),
});
export type QuestionFilter = z.infer<typeof questionFilterSchema>;

export type SetResult = { ok: true; message: string } | { ok: false; message: string };

function questionWhere(filter: QuestionFilter): Prisma.QuestionWhereInput {
  const status: QuestionStatus | undefined = filter.status === "any" ? undefined : filter.status;
  return {
    ...(status ? { status } : {}),
    ...(filter.format ? { format: filter.format } : {}),
    knowledgePoint: {
      // Retired facts only come back when asked for by status.
      ...(filter.status === "retired" || filter.status === "any" ? {} : { retiredAt: null }),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.documentId ? { documentId: filter.documentId } : { document: { archivedAt: null } }),
    },
    ...(filter.q
      ? {
          OR: [
            { stem: { contains: filter.q, mode: "insensitive" } },
            { sourceQuote: { contains: filter.q, mode: "insensitive" } },
            { knowledgePoint: { subject: { contains: filter.q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
}

const questionSummary = {
  id: true,
  stem: true,
  format: true,
  status: true,
  knowledgePointId: true,
  knowledgePoint: {
    select: {
      kind: true,
      passageKey: true,
      documentId: true,
      createdAt: true,
      document: { select: { title: true, sourceFileName: true, ordinal: true } },
    },
  },
} satisfies Prisma.QuestionSelect;

type SummaryRow = Prisma.QuestionGetPayload<{ select: typeof questionSummary }>;

/** Reading order: document, passage, knowledge point, then format (single first, fill last). */
async function inReadingOrder(rows: SummaryRow[]): Promise<SummaryRow[]> {
  const passages = await prisma.passage.findMany({
    where: {
      documentId: { in: [...new Set(rows.map((r) => r.knowledgePoint.documentId))] },
      key: { in: [...new Set(rows.map((r) => r.knowledgePoint.passageKey))] },
    },
    select: { documentId: true, key: true, ordinal: true },
  });
  const ordinal = new Map(passages.map((p) => [`${p.documentId}|${p.key}`, p.ordinal]));
  const key = (r: SummaryRow) =>
    [
      r.knowledgePoint.document.sourceFileName,
      String(r.knowledgePoint.document.ordinal).padStart(6, "0"),
      String(ordinal.get(`${r.knowledgePoint.documentId}|${r.knowledgePoint.passageKey}`) ?? 999999).padStart(6, "0"),
      // Within a passage, facts in the order generation produced them.
      r.knowledgePoint.createdAt.toISOString(),
      r.knowledgePointId,
      String(FORMAT_ORDER[r.format]),
    ].join("|");
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function summarize(row: SummaryRow) {
  return {
    id: row.id,
    stem: row.stem,
    format: row.format,
    status: row.status,
    kind: row.knowledgePoint.kind,
    document: row.knowledgePoint.document.title,
  };
}

export async function searchQuestions(filter: QuestionFilter, { limit = 50 }: { limit?: number } = {}) {
  const where = questionWhere(filter);
  const [total, rows] = await Promise.all([
    prisma.question.count({ where }),
    prisma.question.findMany({ where, select: questionSummary, take: MAX_SET_QUESTIONS }),
  ]);
  return { total, questions: (await inReadingOrder(rows)).slice(0, limit).map(summarize) };
}

async function matchingQuestionIds(filter: QuestionFilter): Promise<string[]> {
  const rows = await prisma.question.findMany({
    where: questionWhere(filter),
    select: questionSummary,
    take: MAX_SET_QUESTIONS,
  });
  return (await inReadingOrder(rows)).map((r) => r.id);
}

export async function filterChoices() {
  const documents = await prisma.document.findMany({
    where: { archivedAt: null },
    orderBy: [{ sourceFileName: "asc" }, { ordinal: "asc" }],
    select: { id: true, title: true },
  });
  return { documents };
}

export async function listSets() {
  const sets = await prisma.questionSet.findMany({
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    select: {
      id: true,
      title: true,
      status: true,
      audience: true,
      documentId: true,
      updatedAt: true,
      publishedAt: true,
      _count: { select: { items: true, attempts: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true } },
      assignments: { where: { withdrawnAt: null }, select: { group: { select: { name: true } } } },
    },
  });
  return sets.map((s) => ({
    id: s.id,
    title: s.title,
    status: s.status,
    audience: s.audience,
    automatic: s.documentId !== null,
    updatedAt: s.updatedAt.toISOString(),
    questions: s._count.items,
    attempts: s._count.attempts,
    version: s.versions[0]?.version ?? null,
    groups: s.assignments.map((a) => a.group.name),
  }));
}

/** A new draft set, filled from a filter when one is given (e.g. all approved provisions of a law). */
export async function createSet(input: {
  title: string;
  description: string;
  filter: QuestionFilter | null;
}): Promise<{ id: string; added: number }> {
  const questionIds = input.filter ? await matchingQuestionIds(input.filter) : [];
  const set = await prisma.questionSet.create({
    data: {
      title: input.title,
      description: input.description,
      items: { createMany: { data: questionIds.map((questionId, position) => ({ questionId, position })) } },
    },
    select: { id: true },
  });
  return { id: set.id, added: questionIds.length };
}

export async function getSetEditor(setId: string) {
  const set = await prisma.questionSet.findUnique({
    where: { id: setId },
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      audience: true,
      quizQuestionCount: true,
      documentId: true,
      publishedAt: true,
      items: {
        orderBy: { position: "asc" },
        select: { questionId: true, position: true, question: { select: questionSummary } },
      },
      versions: {
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          title: true,
          questionIds: true,
          description: true,
          publishedAt: true,
          publishedBy: true,
          _count: { select: { attempts: true } },
        },
      },
      assignments: {
        where: { withdrawnAt: null },
        select: { groupId: true, opensAt: true, dueAt: true, timeLimitSec: true, questionCount: true },
      },
    },
  });
  if (!set) return null;
  const [groups, publishers] = await Promise.all([
    // Members as the groups page counts them (managers apart), so the two pages agree.
    prisma.group.findMany({
      where: { archivedAt: null },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        timeZone: true,
        _count: { select: { memberships: { where: { role: "member" } } } },
      },
    }),
    prisma.user.findMany({
      where: { id: { in: set.versions.flatMap((v) => (v.publishedBy ? [v.publishedBy] : [])) } },
      select: { id: true, displayName: true },
    }),
  ]);
  const publisher = new Map(publishers.map((u) => [u.id, u.displayName]));
  const latest = set.versions[0];
  const itemIds = set.items.map((i) => i.questionId);
  const changedSinceVersion = latest
    ? latest.title !== set.title ||
      latest.description !== set.description ||
      latest.questionIds.join() !== itemIds.join()
    : null;
  return {
    set: {
      id: set.id,
      title: set.title,
      description: set.description,
      status: set.status,
      audience: set.audience,
      automatic: set.documentId !== null,
      quizQuestionCount: set.quizQuestionCount,
      publishedAt: set.publishedAt?.toISOString() ?? null,
    },
    items: set.items.map((i) => summarize(i.question)),
    learnerVisible: set.items.filter((i) => i.question.status === "approved").length,
    versions: set.versions.map((v) => ({
      id: v.id,
      version: v.version,
      title: v.title,
      questions: v.questionIds.length,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy ? (publisher.get(v.publishedBy) ?? null) : null,
      attempts: v._count.attempts,
    })),
    changedSinceVersion,
    assignments: set.assignments.map((a) => ({
      groupId: a.groupId,
      opensAt: a.opensAt?.toISOString() ?? null,
      dueAt: a.dueAt?.toISOString() ?? null,
      timeLimitSec: a.timeLimitSec,
      questionCount: a.questionCount,
    })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, timeZone: g.timeZone, members: g._count.memberships })),
  };
}

async function exists(setId: string) {
  return (await prisma.questionSet.count({ where: { id: setId } })) > 0;
}

export async function updateSetDetails(
  setId: string,
  input: { title: string; description: string; quizQuestionCount?: number | null },
): Promise<SetResult> {
  if (!(await exists(setId))) return { ok: false, message: "题集不存在。" };
  await prisma.questionSet.update({ where: { id: setId }, data: input });
  return { ok: true, message: "已保存标题、说明和测验题数。" };
}

/** Appends questions not yet in the set, in the order given; a repeated submit adds nothing twice. */
async function appendQuestions(setId: string, questionIds: string[]): Promise<number> {
  return prisma.$transaction(async (tx) => {
    // Row lock on the set: two appends at once must not hand out the same positions.
    await tx.$queryRaw`select id from question_sets where id = ${setId}::uuid for update`;
    const current = await tx.setItem.findMany({ where: { setId }, select: { questionId: true, position: true } });
    const present = new Set(current.map((i) => i.questionId));
    const fresh = [...new Set(questionIds)].filter((id) => !present.has(id));
    if (current.length + fresh.length > MAX_SET_QUESTIONS) throw new SetLimitError();
    const valid = new Set(
      (await tx.question.findMany({ where: { id: { in: fresh } }, select: { id: true } })).map((q) => q.id),
    );
    const start = current.reduce((max, i) => Math.max(max, i.position), -1) + 1;
    const rows = fresh
      .filter((id) => valid.has(id))
      .map((questionId, i) => ({ setId, questionId, position: start + i }));
    if (rows.length > 0) await tx.setItem.createMany({ data: rows });
    return rows.length;
  });
}

class SetLimitError extends Error {}

async function guardedAppend(setId: string, questionIds: string[]): Promise<SetResult> {
  if (!(await exists(setId))) return { ok: false, message: "题集不存在。" };
  try {
    const added = await appendQuestions(setId, questionIds);
    return { ok: true, message: added > 0 ? `已添加 ${added} 道题。` : "所选题目都已在题集中。" };
  } catch (error) {
    if (error instanceof SetLimitError) return { ok: false, message: `一个题集最多 ${MAX_SET_QUESTIONS} 道题。` };
    throw error;
  }
}

export async function addQuestions(setId: string, questionIds: string[]): Promise<SetResult> {
  if (questionIds.length === 0) return { ok: false, message: "请先勾选要添加的题目。" };
  return guardedAppend(setId, questionIds);
}

export async function addFromFilter(setId: string, filter: QuestionFilter): Promise<SetResult> {
  const ids = await matchingQuestionIds(filter);
  if (ids.length === 0) return { ok: false, message: "没有符合条件的题目。" };
  return guardedAppend(setId, ids);
}

async function renumber(tx: Prisma.TransactionClient, setId: string, order: string[]) {
  for (const [position, questionId] of order.entries()) {
    await tx.setItem.update({ where: { setId_questionId: { setId, questionId } }, data: { position } });
  }
}

export async function removeQuestion(setId: string, questionId: string): Promise<SetResult> {
  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`select id from question_sets where id = ${setId}::uuid for update`;
    await tx.setItem.deleteMany({ where: { setId, questionId } });
    const rest = await tx.setItem.findMany({
      where: { setId },
      orderBy: { position: "asc" },
      select: { questionId: true, position: true },
    });
    const changed = rest.filter((item, index) => item.position !== index);
    if (changed.length > 0)
      await renumber(
        tx,
        setId,
        rest.map((i) => i.questionId),
      );
  });
  return { ok: true, message: "已移除。" };
}

/**
 * Moves a question one place up or down. `from` is the position the page showed: a second click
 * that arrives after the first already moved it changes nothing.
 */
export async function moveQuestion(
  setId: string,
  questionId: string,
  from: number,
  direction: "up" | "down",
): Promise<SetResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`select id from question_sets where id = ${setId}::uuid for update`;
    const items = await tx.setItem.findMany({
      where: { setId },
      orderBy: { position: "asc" },
      select: { questionId: true },
    });
    const order = items.map((i) => i.questionId);
    const index = order.indexOf(questionId);
    if (index < 0) return { ok: false, message: "题目不在题集中。" } as const;
    if (index !== from) return { ok: true, message: "顺序已更新。" } as const;
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= order.length) return { ok: true, message: "已在最前或最后。" } as const;
    [order[index], order[target]] = [order[target]!, order[index]!];
    await renumber(tx, setId, order);
    return { ok: true, message: "顺序已更新。" } as const;
  });
}

/**
 * The set's assignments to groups other than `keep`: deleted when nobody attempted them, withdrawn
 * otherwise, so attempts keep their assignment and the group report its history.
 */
async function withdrawAssignments(tx: Prisma.TransactionClient, setId: string, keep: string[]) {
  const leaving = await tx.assignment.findMany({
    where: { setId, groupId: { notIn: keep }, withdrawnAt: null },
    select: { id: true, _count: { select: { attempts: true } } },
  });
  const unused = leaving.filter((a) => a._count.attempts === 0).map((a) => a.id);
  if (unused.length > 0) await tx.assignment.deleteMany({ where: { id: { in: unused } } });
  const withdrawn = leaving.filter((a) => a._count.attempts > 0).map((a) => a.id);
  if (withdrawn.length > 0)
    await tx.assignment.updateMany({ where: { id: { in: withdrawn } }, data: { withdrawnAt: new Date() } });
}

export interface AssignmentInput {
  groupId: string;
  opensAt: Date | null;
  dueAt: Date | null;
  timeLimitSec: number | null;
  /** Questions the assignment's quiz draws; null or absent: the set's number. */
  questionCount?: number | null;
}

/**
 * Publishes the set as it is now: a new version when the title, description or question list
 * differ from the latest version (so publishing twice makes one version), the audience, and the
 * group assignments. A group no longer chosen loses its assignment: deleted when nobody attempted
 * it, else withdrawn — kept with its attempts for the group report, closed to learners.
 */
export async function publishSet(
  setId: string,
  adminId: string,
  input: { audience: "everyone" | "groups"; assignments: AssignmentInput[] },
): Promise<SetResult & { version?: number }> {
  if (input.audience === "groups" && input.assignments.length === 0)
    return { ok: false, message: "请至少选择一个小组，或发布给所有人。" };
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`select id from question_sets where id = ${setId}::uuid for update`;
      const set = await tx.questionSet.findUnique({
        where: { id: setId },
        select: {
          title: true,
          description: true,
          status: true,
          items: {
            orderBy: { position: "asc" },
            select: {
              questionId: true,
              question: { select: { status: true, knowledgePoint: { select: { retiredAt: true } } } },
            },
          },
          versions: {
            orderBy: { version: "desc" },
            take: 1,
            select: { version: true, title: true, description: true, questionIds: true },
          },
        },
      });
      if (!set) return { ok: false, message: "题集不存在。" };
      if (set.status === "archived") return { ok: false, message: "已归档的题集不能发布，请先恢复。" };
      if (!set.items.some((i) => i.question.status === "approved" && i.question.knowledgePoint.retiredAt === null)) {
        return { ok: false, message: "题集中没有已审核通过的题目，学员将看不到任何题，暂不能发布。" };
      }
      const groups = await tx.group.findMany({
        where: { id: { in: input.assignments.map((a) => a.groupId) }, archivedAt: null },
        select: { id: true },
      });
      if (groups.length !== new Set(input.assignments.map((a) => a.groupId)).size)
        return { ok: false, message: "所选小组不存在或已归档，请刷新页面后重试。" };

      const questionIds = set.items.map((i) => i.questionId);
      const latest = set.versions[0];
      const unchanged =
        latest &&
        latest.title === set.title &&
        latest.description === set.description &&
        latest.questionIds.join() === questionIds.join();
      let version = latest?.version ?? 0;
      if (!unchanged) {
        version += 1;
        await tx.setVersion.create({
          data: { setId, version, title: set.title, description: set.description, questionIds, publishedBy: adminId },
        });
      }
      await tx.questionSet.update({
        where: { id: setId },
        // The first publication time orders new points in the daily session; republishing keeps it.
        data: {
          status: "published",
          audience: input.audience,
          ...(set.status === "published" ? {} : { publishedAt: new Date() }),
        },
      });
      await withdrawAssignments(
        tx,
        setId,
        input.assignments.map((a) => a.groupId),
      );
      for (const a of input.assignments) {
        // Choosing a withdrawn group again reopens its assignment (same row, same history).
        const data = {
          opensAt: a.opensAt,
          dueAt: a.dueAt,
          timeLimitSec: a.timeLimitSec,
          questionCount: a.questionCount ?? null,
          withdrawnAt: null,
        };
        await tx.assignment.upsert({
          where: { setId_groupId: { setId, groupId: a.groupId } },
          create: { setId, groupId: a.groupId, ...data },
          update: data,
        });
      }
      const audience = input.audience === "everyone" ? "所有人" : ` ${input.assignments.length} 个小组`;
      return {
        ok: true,
        version,
        message: unchanged
          ? `已更新发布设置（内容与 v${version} 相同，未生成新版本），面向${audience}。`
          : `已发布 v${version}，面向${audience}。`,
      };
    },
    { timeout: 30_000 },
  );
}

export async function setStatus(setId: string, status: "draft" | "archived"): Promise<SetResult> {
  const set = await prisma.questionSet.findUnique({ where: { id: setId }, select: { status: true } });
  if (!set) return { ok: false, message: "题集不存在。" };
  await prisma.questionSet.update({ where: { id: setId }, data: { status } });
  if (status === "archived") return { ok: true, message: "已归档：学员不再看到这个题集，历史记录保留。" };
  return {
    ok: true,
    message: set.status === "archived" ? "已恢复为草稿。" : "已撤回发布：题集回到草稿，已发布的版本保留。",
  };
}
