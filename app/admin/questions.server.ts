import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { QueueFilter } from "~/components/admin/queue-filter";
import { validateQuestion, type QuestionDraft, type QuestionErrors } from "./question-validation";

export { KNOWLEDGE_KINDS, QUESTION_FORMATS, QUESTION_STATUSES } from "~/vocabulary";
export { parseQueueFilter, queueSearch, type QueueFilter } from "~/components/admin/queue-filter";

export const PAGE_SIZE = 25;

export type ReviewDecision = "approved" | "rejected";

/** A refusal the page shows as is (Chinese), with the HTTP status to answer it with. */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The filter as one SQL condition over `questions q join knowledge_points kp`. The list, its count
 * and "apply to all matching" share it, so a bulk change touches exactly what the page counted.
 */
function filterCondition(filter: QueueFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (filter.status !== "all") parts.push(Prisma.sql`q.status = ${filter.status}::"QuestionStatus"`);
  if (filter.format) parts.push(Prisma.sql`q.format = ${filter.format}::"QuestionFormat"`);
  if (filter.kind) parts.push(Prisma.sql`kp.kind = ${filter.kind}::"KnowledgeKind"`);
  if (filter.document) parts.push(Prisma.sql`kp.document_id = ${filter.document}::uuid`);
  if (filter.minScore !== undefined) parts.push(Prisma.sql`q.score >= ${filter.minScore}`);
  if (filter.flagged) {
    parts.push(Prisma.sql`exists (select 1 from flags f where f.question_id = q.id and f.resolved_at is null)`);
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    parts.push(
      Prisma.sql`(q.stem ilike ${pattern} or exists (select 1 from unnest(q.options) as o(text) where o.text ilike ${pattern}))`,
    );
  }
  return Prisma.join(parts, " and ");
}

const ORDER: Record<QueueFilter["sort"], Prisma.Sql> = {
  // Reading order through each document keeps a knowledge point's variants and its neighbours together.
  source: Prisma.sql`d.source_file, d.ordinal, p.ordinal nulls last, q.key`,
  "score-asc": Prisma.sql`q.score asc, q.key`,
  "score-desc": Prisma.sql`q.score desc, q.key`,
};

export interface QueueCounts {
  total: number;
  /** Matching questions a bulk change may touch (retired ones are never re-reviewed). */
  actionable: number;
}

export async function countQueue(filter: QueueFilter): Promise<QueueCounts> {
  const [row] = await prisma.$queryRaw<{ total: number; actionable: number }[]>`
    select count(*)::int as total, (count(*) filter (where q.status <> 'retired'))::int as actionable
    from questions q join knowledge_points kp on kp.id = q.knowledge_point_id
    where ${filterCondition(filter)}`;
  return row ?? { total: 0, actionable: 0 };
}

/** One page of the review queue, each question with its source passage; a few indexed queries per page. */
export async function listQueue(filter: QueueFilter) {
  const counts = await countQueue(filter);
  const pages = Math.max(1, Math.ceil(counts.total / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const idRows = await prisma.$queryRaw<{ id: string }[]>`
    select q.id from questions q
    join knowledge_points kp on kp.id = q.knowledge_point_id
    join documents d on d.id = kp.document_id
    left join passages p on p.document_id = kp.document_id and p.key = kp.passage_key
    where ${filterCondition(filter)}
    order by ${ORDER[filter.sort]}
    limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`;
  const ids = idRows.map((r) => r.id);
  const questions = ids.length > 0 ? await loadQuestions(ids) : [];
  return { questions, counts, page, pages, pageSize: PAGE_SIZE };
}

async function loadQuestions(ids: string[]) {
  const rows = await prisma.question.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      format: true,
      stem: true,
      options: true,
      answer: true,
      explanation: true,
      score: true,
      status: true,
      editedAt: true,
      sourcePath: true,
      sourceQuote: true,
      knowledgePoint: {
        select: { kind: true, quote: true, passageKey: true, document: { select: { id: true, title: true } } },
      },
      _count: { select: { flags: { where: { resolvedAt: null } } } },
    },
  });
  const passages = await findPassages(
    rows.map((r) => ({ documentId: r.knowledgePoint.document.id, key: r.knowledgePoint.passageKey })),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { knowledgePoint: kp, _count, ...question } = row;
    return [
      {
        ...question,
        kind: kp.kind,
        quote: kp.quote,
        document: kp.document,
        passage: passages.get(`${kp.document.id}\u0000${kp.passageKey}`) ?? null,
        openFlags: _count.flags,
      },
    ];
  });
}

export type QueueQuestion = Awaited<ReturnType<typeof loadQuestions>>[number];

/** Passages by (document, key): the knowledge point names its passage by key, not by row id. */
async function findPassages(refs: { documentId: string; key: string }[]) {
  const unique = [...new Map(refs.map((r) => [`${r.documentId}\u0000${r.key}`, r])).values()];
  if (unique.length === 0) return new Map<string, { ordinal: number; text: string; path: string[] }>();
  const rows = await prisma.passage.findMany({
    where: { OR: unique.map((r) => ({ documentId: r.documentId, key: r.key })) },
    select: { documentId: true, key: true, ordinal: true, text: true, path: true },
  });
  return new Map(
    rows.map((r) => [`${r.documentId}\u0000${r.key}`, { ordinal: r.ordinal, text: r.text, path: r.path }]),
  );
}

/** Documents that have questions, for the queue's document filter. */
export async function listQueueDocuments() {
  return prisma.document.findMany({
    where: { knowledgePoints: { some: {} } },
    orderBy: [{ sourceFileName: "asc" }, { ordinal: "asc" }],
    select: { id: true, title: true, archivedAt: true },
  });
}

/**
 * Approves or rejects the given questions. Retired questions are refused: they left their document,
 * and reviving one would put a vanished fact back in front of learners.
 */
export async function reviewQuestions(
  ids: string[],
  decision: ReviewDecision,
  editorId: string,
): Promise<{ changed: number; retired: number }> {
  const unique = [...new Set(ids)];
  return prisma.$transaction(async (tx) => {
    await lockQuestions(tx, unique);
    const found = await tx.question.findMany({ where: { id: { in: unique } }, select: { id: true, status: true } });
    if (found.length === 0) throw new ReviewError("找不到这道题目，可能已被删除。", 404);
    const retired = found.filter((q) => q.status === "retired").length;
    if (retired === found.length) {
      throw new ReviewError(
        found.length === 1 ? "已退役的题目不能批准或拒绝。" : "所选题目均已退役，不能批准或拒绝。",
        409,
      );
    }
    const { count } = await tx.question.updateMany({
      where: { id: { in: unique }, status: { not: "retired" } },
      data: { status: decision },
    });
    await logDecisions(
      tx,
      found.filter((q) => q.status !== "retired"),
      decision,
      editorId,
    );
    return { changed: count, retired };
  });
}

/**
 * Locks the questions for this transaction: what is read next is what the decision changes, so two
 * administrators deciding at once record one change each, from the status the other left.
 */
export async function lockQuestions(tx: Prisma.TransactionClient, ids: string[]): Promise<void> {
  await tx.$executeRaw`select 1 from questions where id = any(${ids}::uuid[]) order by id for update`;
}

/**
 * Who approved or rejected a question, and when, goes into its history beside content edits (a
 * QuestionEdit whose before and after hold the status). Questions already in that status are skipped.
 */
export async function logDecisions(
  tx: Prisma.TransactionClient,
  questions: { id: string; status: string }[],
  decision: ReviewDecision,
  editorId: string,
): Promise<void> {
  const changed = questions.filter((q) => q.status !== decision);
  if (changed.length === 0) return;
  await tx.questionEdit.createMany({
    data: changed.map((q) => ({
      questionId: q.id,
      editorId,
      before: { status: q.status },
      after: { status: decision },
    })),
  });
}

/**
 * Approves or rejects every non-retired question matching the filter. `confirmed` is the count the
 * administrator saw and confirmed: if the queue changed since, nothing changes and they are asked again.
 */
export async function reviewMatching(
  filter: QueueFilter,
  decision: ReviewDecision,
  confirmed: number,
  editorId: string,
): Promise<{ changed: number }> {
  try {
    return await prisma.$transaction(async (tx) => {
      // One statement for any number of questions: the update, and the history rows of those whose status changed.
      const [result] = await tx.$queryRaw<{ changed: number }[]>`
        with target as (
          select q.id, q.status::text as before from questions q join knowledge_points kp on kp.id = q.knowledge_point_id
          where ${filterCondition(filter)} and q.status <> 'retired'
          for update of q
        ), updated as (
          update questions set status = ${decision}::"QuestionStatus", updated_at = now()
          from target where questions.id = target.id
          returning target.id, target.before
        ), logged as (
          insert into question_edits (question_id, editor_id, before, after)
          select id, ${editorId}::uuid, jsonb_build_object('status', before), jsonb_build_object('status', ${decision}::text)
          from updated where before <> ${decision}::text
          returning 1
        )
        select count(*)::int as changed from updated`;
      const changed = result?.changed ?? 0;
      if (changed !== confirmed) throw new CountChanged(changed);
      return { changed };
    });
  } catch (error) {
    if (error instanceof CountChanged) {
      throw new ReviewError(`符合条件的题目已变为 ${error.count} 道，请确认后再操作。`, 409);
    }
    throw error;
  }
}

class CountChanged extends Error {
  constructor(readonly count: number) {
    super("count changed");
  }
}

// ---------------------------------------------------------------------------------------------
// Editing one question

const EDITABLE = { stem: true, options: true, answer: true, explanation: true } as const;
type Snapshot = Pick<QuestionDraft, "stem" | "options" | "answer" | "explanation">;

export async function getQuestionForEdit(id: string) {
  const question = await prisma.question.findUnique({
    where: { id },
    select: {
      id: true,
      key: true,
      format: true,
      ...EDITABLE,
      score: true,
      status: true,
      editedAt: true,
      updatedAt: true,
      generatorVersion: true,
      sourcePath: true,
      sourceQuote: true,
      knowledgePoint: {
        select: {
          kind: true,
          quote: true,
          passageKey: true,
          retiredAt: true,
          document: { select: { id: true, title: true } },
        },
      },
      edits: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: {
          id: true,
          before: true,
          after: true,
          createdAt: true,
          editor: { select: { displayName: true, username: true } },
        },
      },
      flags: {
        where: { resolvedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, source: true, comment: true, createdAt: true },
      },
    },
  });
  if (!question) return null;
  const { knowledgePoint: kp, edits, ...rest } = question;
  const passages = await findPassages([{ documentId: kp.document.id, key: kp.passageKey }]);
  return {
    question: rest,
    kind: kp.kind,
    quote: kp.quote,
    pointRetired: kp.retiredAt !== null,
    document: kp.document,
    passage: passages.get(`${kp.document.id}\u0000${kp.passageKey}`) ?? null,
    edits: edits.map((edit) => ({
      id: edit.id.toString(),
      createdAt: edit.createdAt,
      editor: edit.editor ? edit.editor.displayName || edit.editor.username : "（已删除的用户）",
      changes: diffSnapshots(
        edit.before as Partial<Snapshot & { status: string }>,
        edit.after as Partial<Snapshot & { status: string }>,
      ),
    })),
  };
}

export interface FieldChange {
  field: keyof Snapshot | "status";
  before: string;
  after: string;
}

const show = (value: unknown) => (Array.isArray(value) ? value.join(" ｜ ") : typeof value === "string" ? value : "");

function diffSnapshots(
  before: Partial<Snapshot & { status: string }>,
  after: Partial<Snapshot & { status: string }>,
): FieldChange[] {
  return ([...Object.keys(EDITABLE), "status"] as (keyof Snapshot | "status")[]).flatMap((field) => {
    const a = show(before[field]);
    const b = show(after[field]);
    return a === b ? [] : [{ field, before: a, after: b }];
  });
}

export type SaveResult = { ok: true; changed: boolean } | { ok: false; errors: QuestionErrors };

/**
 * Saves an administrator's edit: the question, a QuestionEdit row with who and what it was before,
 * and `editedAt` (which keeps regeneration's hands off it) in one transaction. `version` is the
 * `updatedAt` the form was loaded with, so two administrators cannot silently overwrite each other.
 */
export async function saveQuestionEdit({
  id,
  editorId,
  version,
  draft,
  approve = false,
  resolveFlags = false,
}: {
  id: string;
  editorId: string;
  version: string;
  draft: Omit<QuestionDraft, "format">;
  approve?: boolean;
  resolveFlags?: boolean;
}): Promise<SaveResult> {
  return prisma.$transaction(async (tx) => {
    await lockQuestions(tx, [id]);
    const current = await tx.question.findUnique({
      where: { id },
      select: { format: true, status: true, updatedAt: true, ...EDITABLE },
    });
    if (!current) throw new ReviewError("找不到这道题目。", 404);
    if (current.updatedAt.toISOString() !== version) {
      throw new ReviewError("这道题目刚被修改过（可能是另一位管理员），请刷新页面后再编辑。", 409);
    }
    const result = validateQuestion({ ...draft, format: current.format });
    if (!result.ok) return { ok: false, errors: result.errors };
    if (approve && current.status === "retired") throw new ReviewError("已退役的题目不能批准。", 409);

    const before: Snapshot = {
      stem: current.stem,
      options: current.options,
      answer: current.answer,
      explanation: current.explanation,
    };
    const after: Snapshot = {
      stem: result.question.stem,
      options: result.question.options,
      answer: result.question.answer,
      explanation: result.question.explanation,
    };
    const changed = JSON.stringify(before) !== JSON.stringify(after);
    const approving = approve && current.status !== "approved";
    const now = new Date();
    if (changed) {
      await tx.question.update({
        // Guarded by the version too: a concurrent writer between the read and here makes this fail.
        where: { id, updatedAt: current.updatedAt },
        data: { ...after, editedAt: now, ...(approve ? { status: "approved" } : {}) },
      });
      const status = approving
        ? { before: { status: current.status }, after: { status: "approved" } }
        : { before: {}, after: {} };
      await tx.questionEdit.create({
        data: {
          questionId: id,
          editorId,
          before: { ...before, ...status.before },
          after: { ...after, ...status.after },
        },
      });
    } else if (approving) {
      await tx.question.update({ where: { id }, data: { status: "approved" } });
      await logDecisions(tx, [{ id, status: current.status }], "approved", editorId);
    }
    if (resolveFlags) {
      await tx.flag.updateMany({
        where: { questionId: id, resolvedAt: null },
        data: {
          resolvedAt: now,
          resolvedById: editorId,
          resolution: changed ? "edited" : approve ? "approved" : "dismissed",
        },
      });
    }
    return { ok: true, changed };
  });
}
