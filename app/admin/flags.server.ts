import { prisma } from "~/db.server";
import { ReviewError, lockQuestions, logDecisions } from "./questions.server";

export const FLAG_RESOLUTIONS = ["approved", "edited", "rejected", "dismissed"] as const;
export type FlagResolution = (typeof FLAG_RESOLUTIONS)[number];

export const FLAG_GROUPS_PER_PAGE = 20;
export const RESOLVED_PER_PAGE = 30;

const QUESTION_SELECT = {
  id: true,
  format: true,
  stem: true,
  options: true,
  answer: true,
  status: true,
  score: true,
  editedAt: true,
  knowledgePoint: { select: { kind: true, document: { select: { id: true, title: true } } } },
} as const;

async function userNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const users = await prisma.user.findMany({
    where: { id: { in: unique } },
    select: { id: true, displayName: true, username: true },
  });
  return new Map(users.map((u) => [u.id, u.displayName || u.username]));
}

/**
 * Open flags grouped by question, the most recently flagged question first. Only one page of
 * groups is loaded, then the flags and questions of that page.
 */
export async function listOpenFlags(page = 1) {
  const [totals] = await prisma.$queryRaw<{ questions: number; flags: number }[]>`
    select count(distinct question_id)::int as questions, count(*)::int as flags from flags where resolved_at is null`;
  const questionCount = totals?.questions ?? 0;
  const pages = Math.max(1, Math.ceil(questionCount / FLAG_GROUPS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const groups = await prisma.flag.groupBy({
    by: ["questionId"],
    where: { resolvedAt: null },
    _count: { _all: true },
    _max: { createdAt: true },
    orderBy: [{ _max: { createdAt: "desc" } }, { questionId: "asc" }],
    skip: (current - 1) * FLAG_GROUPS_PER_PAGE,
    take: FLAG_GROUPS_PER_PAGE,
  });
  const questionIds = groups.map((g) => g.questionId);
  const [questions, flags] = await Promise.all([
    prisma.question.findMany({ where: { id: { in: questionIds } }, select: QUESTION_SELECT }),
    prisma.flag.findMany({
      where: { questionId: { in: questionIds }, resolvedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, questionId: true, userId: true, source: true, comment: true, createdAt: true },
    }),
  ]);
  const names = await userNames(flags.map((f) => f.userId));
  const questionById = new Map(questions.map((q) => [q.id, q]));
  return {
    totals: { questions: questionCount, flags: totals?.flags ?? 0 },
    page: current,
    pages,
    groups: groups.flatMap((group) => {
      const question = questionById.get(group.questionId);
      if (!question) return [];
      const { knowledgePoint, ...rest } = question;
      return [
        {
          question: { ...rest, kind: knowledgePoint.kind, document: knowledgePoint.document },
          count: group._count._all,
          latest: group._max.createdAt,
          flags: flags
            .filter((f) => f.questionId === group.questionId)
            .map((f) => ({
              id: f.id,
              source: f.source,
              comment: f.comment,
              createdAt: f.createdAt,
              reporter: f.userId ? (names.get(f.userId) ?? null) : null,
            })),
        },
      ];
    }),
  };
}

/** Resolved flags, the most recently resolved first, with who resolved them and how. */
export async function listResolvedFlags(page = 1) {
  const total = await prisma.flag.count({ where: { resolvedAt: { not: null } } });
  const pages = Math.max(1, Math.ceil(total / RESOLVED_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await prisma.flag.findMany({
    where: { resolvedAt: { not: null } },
    orderBy: [{ resolvedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * RESOLVED_PER_PAGE,
    take: RESOLVED_PER_PAGE,
    select: {
      id: true,
      source: true,
      comment: true,
      createdAt: true,
      resolvedAt: true,
      resolution: true,
      userId: true,
      resolvedById: true,
      question: { select: { id: true, stem: true, status: true } },
    },
  });
  const names = await userNames(rows.flatMap((r) => [r.userId, r.resolvedById]));
  return {
    total,
    page: current,
    pages,
    flags: rows.map(({ userId, resolvedById, ...flag }) => ({
      ...flag,
      reporter: userId ? (names.get(userId) ?? null) : null,
      resolvedBy: resolvedById ? (names.get(resolvedById) ?? "（已删除的用户）") : null,
    })),
  };
}

/**
 * Resolves the listed open flags of one question with one action; approving or rejecting the
 * question happens in the same transaction. Only the flags the administrator saw are resolved:
 * a report that arrived meanwhile stays open.
 */
export async function resolveFlags({
  questionId,
  flagIds,
  resolution,
  adminId,
}: {
  questionId: string;
  flagIds: string[];
  resolution: FlagResolution;
  adminId: string;
}): Promise<{ resolved: number }> {
  return prisma.$transaction(async (tx) => {
    await lockQuestions(tx, [questionId]);
    const question = await tx.question.findUnique({ where: { id: questionId }, select: { status: true } });
    if (!question) throw new ReviewError("找不到这道题目。", 404);
    if ((resolution === "approved" || resolution === "rejected") && question.status === "retired") {
      throw new ReviewError("已退役的题目不能批准或拒绝，请选择“忽略”。", 409);
    }
    const { count } = await tx.flag.updateMany({
      where: { id: { in: flagIds }, questionId, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedById: adminId, resolution },
    });
    if (count === 0) throw new ReviewError("这些反馈已被处理。", 409);
    if (resolution === "approved" || resolution === "rejected") {
      await tx.question.update({ where: { id: questionId }, data: { status: resolution } });
      await logDecisions(tx, [{ id: questionId, status: question.status }], resolution, adminId);
    }
    return { resolved: count };
  });
}
