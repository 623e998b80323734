import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { regenerateBank } from "~/admin/generation.server";
import { listQueue, parseQueueFilter } from "~/admin/questions.server";
import { prisma } from "~/db.server";
import { importFiles } from "~/documents/import.server";
import { loader as dashboardLoader } from "~/routes/admin._index";
import { action as flagsAction, loader as flagsLoader } from "~/routes/admin.flags";
import { action as editAction, loader as editLoader } from "~/routes/admin.questions.$id";
import { action as queueAction, loader as queueLoader } from "~/routes/admin.questions._index";
import { action as loginAction } from "~/routes/login";
import { createDocument, createUser } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

type Doc = Awaited<ReturnType<typeof createDocument>>;
type Format = "single" | "multiple" | "truefalse" | "fill";
type Status = "draft" | "approved" | "rejected" | "retired";

let counter = 0;

const DEFAULTS: Record<Format, { stem: string; options: string[]; answer: string[] }> = {
  single: {
    stem: "国内生产总值增长的预期目标是（ ）。",
    options: ["5%左右", "4.5%左右", "5.5%左右", "6%左右"],
    answer: ["5%左右"],
  },
  multiple: {
    stem: "下列属于国家秘密密级的有（ ）。",
    options: ["绝密", "机密", "秘密", "商业秘密"],
    answer: ["绝密", "机密", "秘密"],
  },
  truefalse: { stem: "城镇新增就业1000万人以上。", options: ["正确", "错误"], answer: ["错误"] },
  fill: { stem: "机密级国家秘密的保密期限不超过____。", options: [], answer: ["二十年", "20年"] },
};

/** A question of its own knowledge point, with exactly the properties a filter looks at. */
async function makeQuestion(
  document: Doc,
  {
    format = "single",
    status = "draft",
    score = 0.8,
    kind = "target",
    stem,
    options,
  }: {
    format?: Format;
    status?: Status;
    score?: number;
    kind?: "phrase" | "target" | "provision";
    stem?: string;
    options?: string[];
  } = {},
) {
  const n = counter++;
  const passage = document.passages[0]!;
  const point = await prisma.knowledgePoint.create({
    data: {
      fingerprint: `aq-${n}-${Math.random()}`,
      kind,
      documentId: document.id,
      passageKey: passage.key,
      quote: passage.text,
      answer: "x",
      subject: `s${n}`,
      data: {},
    },
  });
  const sample = DEFAULTS[format];
  return prisma.question.create({
    data: {
      key: `aq-${n}`,
      knowledgePointId: point.id,
      format,
      stem: stem ?? `第${n}题：${sample.stem}`,
      options: options ?? sample.options,
      answer: sample.answer,
      explanation: "",
      sourcePath: [],
      sourceQuote: passage.text,
      status,
      score,
      generatorVersion: "test",
    },
  });
}

async function cookieFor(role: "learner" | "admin") {
  const user = await createUser({ role });
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return { user, cookie: sessionCookie(response) };
}

const ids = (questions: { id: string }[]) => questions.map((q) => q.id).sort();

describe("review queue filters", () => {
  it("narrows by document, kind, format, status, score, open flags and text", async () => {
    const a = await createDocument({ text: "国内生产总值增长5%左右。" });
    const b = await createDocument();
    const draftSingle = await makeQuestion(a, {
      format: "single",
      score: 0.9,
      kind: "target",
      stem: "甲文档：国内生产总值增长的预期目标是（ ）。",
    });
    const draftFill = await makeQuestion(a, { format: "fill", score: 0.5, kind: "phrase" });
    const approvedTf = await makeQuestion(a, { format: "truefalse", status: "approved", score: 0.8 });
    const draftMultiple = await makeQuestion(b, { format: "multiple", score: 0.7, kind: "provision" });
    const retired = await makeQuestion(b, { status: "retired", score: 0.95 });
    const rejectedFlagged = await makeQuestion(b, { status: "rejected", score: 0.3 });
    const draftFlagged = await makeQuestion(b, { score: 0.6 });
    await prisma.flag.create({ data: { questionId: rejectedFlagged.id, comment: "答案有误" } });
    await prisma.flag.create({ data: { questionId: draftFlagged.id, comment: "题干不清" } });
    await prisma.flag.create({
      data: { questionId: draftMultiple.id, comment: "旧反馈", resolvedAt: new Date(), resolution: "dismissed" },
    });

    const list = async (params: Record<string, string>) => ids((await listQueue(parseQueueFilter(params))).questions);
    const inDocs = (params: Record<string, string>) =>
      Promise.all([list({ ...params, document: a.id }), list({ ...params, document: b.id })]).then(([x, y]) =>
        [...x, ...y].sort(),
      );

    // Default: drafts only.
    expect(await inDocs({})).toEqual(ids([draftSingle, draftFill, draftMultiple, draftFlagged]));
    expect(await list({ document: a.id })).toEqual(ids([draftSingle, draftFill]));
    expect(await list({ document: a.id, status: "all" })).toEqual(ids([draftSingle, draftFill, approvedTf]));
    expect(await list({ document: b.id, status: "retired" })).toEqual(ids([retired]));
    expect(await inDocs({ kind: "phrase" })).toEqual(ids([draftFill]));
    expect(await inDocs({ kind: "provision" })).toEqual(ids([draftMultiple]));
    expect(await inDocs({ format: "fill" })).toEqual(ids([draftFill]));
    expect(await inDocs({ format: "truefalse", status: "all" })).toEqual(ids([approvedTf]));
    expect(await inDocs({ minScore: "0.7" })).toEqual(ids([draftSingle, draftMultiple]));
    expect(await inDocs({ minScore: "0.7", status: "all" })).toEqual(
      ids([draftSingle, approvedTf, draftMultiple, retired]),
    );
    // Only open flags count: the resolved one on draftMultiple does not.
    expect(await inDocs({ flagged: "1", status: "all" })).toEqual(ids([rejectedFlagged, draftFlagged]));
    expect(await inDocs({ flagged: "1" })).toEqual(ids([draftFlagged]));
    // Text search looks in stems and in options, case-insensitively, with LIKE wildcards taken literally.
    expect(await inDocs({ q: "甲文档" })).toEqual(ids([draftSingle]));
    expect(await inDocs({ q: "商业秘密" })).toEqual(ids([draftMultiple]));
    expect(await inDocs({ q: "%" })).toEqual(ids([draftSingle, draftFlagged]));
    // Bad values fall back to "any" instead of failing the page.
    expect(parseQueueFilter({ status: "bogus", kind: "x", minScore: "abc", document: "not-a-uuid" })).toMatchObject({
      status: "draft",
      kind: undefined,
      minScore: undefined,
      document: undefined,
    });
  });

  it("shows each question with its options, answer, score and source passage through the loader", async () => {
    const { cookie } = await cookieFor("admin");
    const doc = await createDocument({ text: "前文。国内生产总值增长5%左右。后文。" });
    const question = await makeQuestion(doc, { score: 0.85 });
    await prisma.knowledgePoint.update({
      where: { id: question.knowledgePointId },
      data: { quote: "国内生产总值增长5%左右。" },
    });
    const result = await queueLoader({
      request: getRequest(`/admin/questions?document=${doc.id}`, { cookie }),
      context: context(),
      params: {},
    });
    expect(result.counts).toEqual({ total: 1, actionable: 1 });
    const row = result.questions[0]!;
    expect(row).toMatchObject({
      id: question.id,
      score: 0.85,
      status: "draft",
      options: DEFAULTS.single.options,
      answer: ["5%左右"],
      quote: "国内生产总值增长5%左右。",
    });
    expect(row.passage).toEqual({ ordinal: 0, text: "前文。国内生产总值增长5%左右。后文。", path: [] });
    expect(row.document).toEqual({ id: doc.id, title: doc.title });
    expect(result.documents.some((d) => d.id === doc.id)).toBe(true);
  });
});

describe("pagination", () => {
  it("counts every match and pages through them 25 at a time without repeats", async () => {
    const doc = await createDocument();
    const created = [];
    for (let i = 0; i < 60; i++) created.push(await makeQuestion(doc, { score: i / 100 }));
    const page = (n: number, sort = "source") =>
      listQueue(parseQueueFilter({ document: doc.id, page: String(n), sort }));
    const [first, second, third, beyond] = await Promise.all([page(1), page(2), page(3), page(9)]);
    expect(first.counts.total).toBe(60);
    expect(first.pages).toBe(3);
    expect([first.questions.length, second.questions.length, third.questions.length]).toEqual([25, 25, 10]);
    expect(new Set([...first.questions, ...second.questions, ...third.questions].map((q) => q.id)).size).toBe(60);
    // A page past the end shows the last page rather than nothing.
    expect(beyond.page).toBe(3);
    expect(ids(beyond.questions)).toEqual(ids(third.questions));
    const lowest = await page(1, "score-asc");
    expect(lowest.questions[0]!.score).toBe(0);
    const highest = await page(1, "score-desc");
    expect(highest.questions[0]!.score).toBe(0.59);
  });
});

describe("approving and rejecting", () => {
  it("approves all matching a filter: only matching, non-retired questions change, after confirming the count", async () => {
    const { cookie } = await cookieFor("admin");
    const doc = await createDocument();
    const other = await createDocument();
    const high = await Promise.all([0.8, 0.85, 0.9].map((score) => makeQuestion(doc, { score })));
    const low = await makeQuestion(doc, { score: 0.5 });
    const retired = await makeQuestion(doc, { score: 0.9, status: "retired" });
    const rejected = await makeQuestion(doc, { score: 0.9, status: "rejected" });
    const elsewhere = await makeQuestion(other, { score: 0.95 });

    const search = `?document=${doc.id}&minScore=0.8`;
    const shown = await queueLoader({
      request: getRequest(`/admin/questions${search}`, { cookie }),
      context: context(),
      params: {},
    });
    expect(shown.counts).toEqual({ total: 3, actionable: 3 });

    // A stale confirmation (the administrator saw another count) changes nothing.
    const stale = actionData<{ ok: boolean; error?: string }>(
      await queueAction({
        request: formRequest(
          "/admin/questions",
          { intent: "review-matching", decision: "approved", filter: search, confirmCount: "4" },
          { cookie },
        ),
        context: context(),
        params: {},
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.data.error).toBe("符合条件的题目已变为 3 道，请确认后再操作。");
    expect(await prisma.question.count({ where: { id: { in: high.map((q) => q.id) }, status: "approved" } })).toBe(0);

    const done = actionData<{ ok: boolean; message: string }>(
      await queueAction({
        request: formRequest(
          "/admin/questions",
          { intent: "review-matching", decision: "approved", filter: search, confirmCount: "3" },
          { cookie },
        ),
        context: context(),
        params: {},
      }),
    );
    expect(done).toEqual({ status: 200, data: { ok: true, message: "已批准符合筛选条件的 3 道题目。" } });
    const statuses = Object.fromEntries(
      (
        await prisma.question.findMany({
          where: { knowledgePoint: { documentId: { in: [doc.id, other.id] } } },
          select: { id: true, status: true },
        })
      ).map((q) => [q.id, q.status]),
    );
    for (const q of high) expect(statuses[q.id]).toBe("approved");
    expect(statuses[low.id]).toBe("draft");
    expect(statuses[retired.id]).toBe("retired");
    expect(statuses[rejected.id]).toBe("rejected");
    expect(statuses[elsewhere.id]).toBe("draft");

    // With every status shown, retired questions still match but are never touched.
    const all = `?document=${doc.id}&status=all&minScore=0.8`;
    const counts = (
      await queueLoader({ request: getRequest(`/admin/questions${all}`, { cookie }), context: context(), params: {} })
    ).counts;
    expect(counts).toEqual({ total: 5, actionable: 4 });
    await queueAction({
      request: formRequest(
        "/admin/questions",
        { intent: "review-matching", decision: "rejected", filter: all, confirmCount: "4" },
        { cookie },
      ),
      context: context(),
      params: {},
    });
    expect((await prisma.question.findUniqueOrThrow({ where: { id: retired.id } })).status).toBe("retired");
    expect((await prisma.question.findUniqueOrThrow({ where: { id: high[0]!.id } })).status).toBe("rejected");
  });

  it("reviews one question or a selection, and refuses retired ones", async () => {
    const { cookie } = await cookieFor("admin");
    const doc = await createDocument();
    const [one, two, three] = await Promise.all([
      makeQuestion(doc),
      makeQuestion(doc),
      makeQuestion(doc, { status: "retired" }),
    ]);
    const review = async (fields: Record<string, string>, idList: string[]) => {
      const request = formRequest("/admin/questions", fields, { cookie });
      const body = new URLSearchParams(fields);
      for (const id of idList) body.append("id", id);
      return actionData<{ ok: boolean; message?: string; error?: string }>(
        await queueAction({
          request: new Request(request.url, { method: "POST", headers: request.headers, body: body.toString() }),
          context: context(),
          params: {},
        }),
      );
    };
    expect((await review({ intent: "review", decision: "approved" }, [one!.id])).data.message).toBe(
      "已批准 1 道题目。",
    );
    const refused = await review({ intent: "review", decision: "approved" }, [three!.id]);
    expect(refused.status).toBe(409);
    expect(refused.data.error).toBe("已退役的题目不能批准或拒绝。");
    const mixed = await review({ intent: "review", decision: "rejected" }, [two!.id, three!.id]);
    expect(mixed.data.message).toBe("已拒绝 1 道题目，1 道已退役的题目未更改。");
    const rows = await prisma.question.findMany({ where: { id: { in: [one!.id, two!.id, three!.id] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [one!.id]: "approved",
      [two!.id]: "rejected",
      [three!.id]: "retired",
    });
    expect((await review({ intent: "review", decision: "maybe" }, [one!.id])).status).toBe(400);
  });

  it("records who approved or rejected what, one by one or in bulk, and shows it in the question's history", async () => {
    const { user: admin, cookie } = await cookieFor("admin");
    const doc = await createDocument();
    const [single, bulk, already] = await Promise.all([
      makeQuestion(doc, { score: 0.5 }),
      makeQuestion(doc, { score: 0.95 }),
      makeQuestion(doc, { score: 0.96, status: "approved" }),
    ]);
    await queueAction({
      request: formRequest("/admin/questions", { intent: "review", decision: "rejected", id: single.id }, { cookie }),
      context: context(),
      params: {},
    });
    const search = `?document=${doc.id}&status=all&minScore=0.9`;
    const done = actionData<{ ok: boolean }>(
      await queueAction({
        request: formRequest(
          "/admin/questions",
          { intent: "review-matching", decision: "approved", filter: search, confirmCount: "2" },
          { cookie },
        ),
        context: context(),
        params: {},
      }),
    );
    expect(done.data.ok).toBe(true);
    const history = await prisma.questionEdit.findMany({
      where: { questionId: { in: [single.id, bulk.id, already.id] } },
      select: { questionId: true, editorId: true, before: true, after: true },
    });
    // The one already approved changed nothing, so nothing is recorded for it.
    expect(history).toHaveLength(2);
    expect(history).toEqual(
      expect.arrayContaining([
        { questionId: single.id, editorId: admin.id, before: { status: "draft" }, after: { status: "rejected" } },
        { questionId: bulk.id, editorId: admin.id, before: { status: "draft" }, after: { status: "approved" } },
      ]),
    );
    const page = await editLoader({
      request: getRequest(`/admin/questions/${bulk.id}`, { cookie }),
      context: context(),
      params: { id: bulk.id },
    });
    expect(page.edits[0]).toMatchObject({
      editor: admin.displayName || admin.username,
      changes: [{ field: "status", before: "draft", after: "approved" }],
    });
  });
});

type EditResult = { ok: boolean; message?: string; error?: string; errors?: Record<string, unknown> };

async function saveEdit(cookie: string, id: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries({ intent: "save", ...fields })) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const request = new Request(`http://localhost:3000/admin/questions/${id}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000", Cookie: cookie },
    body: body.toString(),
  });
  return actionData<EditResult>(await editAction({ request, context: context(), params: { id } }));
}

async function versionOf(id: string) {
  return (await prisma.question.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString();
}

describe("editing a question", () => {
  it("refuses invalid edits with Chinese errors beside the fields and stores nothing", async () => {
    const { cookie } = await cookieFor("admin");
    const doc = await createDocument();
    const single = await makeQuestion(doc);
    const fill = await makeQuestion(doc, { format: "fill" });

    const empty = await saveEdit(cookie, single.id, {
      version: await versionOf(single.id),
      stem: " ",
      option: ["5%左右", "5%左右", ""],
      correct: ["0", "1"],
      explanation: "",
    });
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toEqual({
      stem: "请填写题干",
      option: { 1: "与选项 A 重复", 2: "选项不能为空" },
      answer: "单选题必须恰好有 1 个正确答案",
    });

    const leaked = await saveEdit(cookie, fill.id, {
      version: await versionOf(fill.id),
      stem: "机密级国家秘密的保密期限不超过二十年。",
      answer: "二十年\n20年",
      explanation: "",
    });
    expect(leaked.data.errors).toEqual({
      stem: "填空题的题干必须包含空格 ____ 或 （ ）",
      answer: "题干中已包含答案“二十年”",
    });

    expect(await prisma.questionEdit.count({ where: { questionId: { in: [single.id, fill.id] } } })).toBe(0);
    expect((await prisma.question.findUniqueOrThrow({ where: { id: single.id } })).editedAt).toBeNull();
  });

  it("records who changed what in the same transaction, sets editedAt and shows the history", async () => {
    const { cookie, user } = await cookieFor("admin");
    const doc = await createDocument();
    const question = await makeQuestion(doc, { format: "multiple" });
    const saved = await saveEdit(cookie, question.id, {
      version: await versionOf(question.id),
      stem: "根据《保守国家秘密法》，国家秘密的密级分为（ ）。",
      option: ["绝密", "机密", "秘密", "内部"],
      correct: ["0", "1", "2"],
      explanation: "第十三条",
      approve: "1",
    });
    expect(saved.data).toEqual({ ok: true, message: "已保存并已批准，修改记录见下方。" });
    const stored = await prisma.question.findUniqueOrThrow({ where: { id: question.id } });
    expect(stored).toMatchObject({
      stem: "根据《保守国家秘密法》，国家秘密的密级分为（ ）。",
      options: ["绝密", "机密", "秘密", "内部"],
      answer: ["绝密", "机密", "秘密"],
      explanation: "第十三条",
      status: "approved",
    });
    expect(stored.editedAt).not.toBeNull();
    const edits = await prisma.questionEdit.findMany({ where: { questionId: question.id } });
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({
      editorId: user.id,
      before: { stem: question.stem, options: question.options, answer: question.answer, explanation: "" },
      after: { stem: stored.stem, options: stored.options, answer: stored.answer, explanation: "第十三条" },
    });

    // Saving the same content again records nothing new; a form loaded before the save is refused.
    const same = await saveEdit(cookie, question.id, {
      version: await versionOf(question.id),
      stem: stored.stem,
      option: stored.options,
      correct: ["0", "1", "2"],
      explanation: "第十三条",
    });
    expect(same.data.message).toBe("内容没有变化。");
    const stale = await saveEdit(cookie, question.id, {
      version: question.updatedAt.toISOString(),
      stem: "改",
      option: stored.options,
      correct: ["0", "1"],
      explanation: "",
    });
    expect(stale.status).toBe(409);
    expect(await prisma.questionEdit.count({ where: { questionId: question.id } })).toBe(1);

    const page = await editLoader({
      request: getRequest(`/admin/questions/${question.id}?back=${encodeURIComponent("?status=all")}`, { cookie }),
      context: context(),
      params: { id: question.id },
    });
    expect(page.back).toBe("?status=all");
    expect(page.edits).toHaveLength(1);
    expect(page.edits[0]!.editor).toBe(user.username);
    // Saved with 批准: the status change is part of the same record.
    expect(page.edits[0]!.changes.map((c) => c.field)).toEqual(["stem", "options", "explanation", "status"]);
    expect(page.edits[0]!.changes[3]).toEqual({ field: "status", before: "draft", after: "approved" });
    expect(page.edits[0]!.changes[1]).toEqual({
      field: "options",
      before: "绝密 ｜ 机密 ｜ 秘密 ｜ 商业秘密",
      after: "绝密 ｜ 机密 ｜ 秘密 ｜ 内部",
    });
  });

  it("answers 404 for an unknown or malformed id", async () => {
    const { cookie } = await cookieFor("admin");
    for (const id of ["nope", "00000000-0000-4000-8000-000000000000"]) {
      const result = await settle(
        editLoader({ request: getRequest(`/admin/questions/${id}`, { cookie }), context: context(), params: { id } }),
      );
      expect((result as Response).status).toBe(404);
    }
  });

  it("keeps an edit when the bank is regenerated from the documents", async () => {
    const { cookie } = await cookieFor("admin");
    const dir = path.resolve(import.meta.dirname, "../fixtures/content");
    const names = (await readdir(dir)).filter((name) => /\.(txt|md)$/.test(name)).sort();
    await importFiles(
      await Promise.all(
        names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(dir, name))) })),
      ),
    );
    await regenerateBank({ force: true });
    const [target, untouched] = await prisma.question.findMany({
      where: { format: "single", generatorVersion: { not: "test" } },
      orderBy: { key: "asc" },
      take: 2,
    });
    expect(target && untouched).toBeTruthy();

    const stem = `${target!.stem.replace(/。$/, "")}（管理员修订）。`;
    const saved = await saveEdit(cookie, target!.id, {
      version: await versionOf(target!.id),
      stem,
      option: target!.options,
      correct: [String(target!.options.indexOf(target!.answer[0]!))],
      explanation: "管理员补充的解析",
    });
    expect(saved.data.ok).toBe(true);
    // An unedited question changed behind regeneration's back is put back; the edited one is not.
    await prisma.question.update({ where: { id: untouched!.id }, data: { stem: "被篡改的题干" } });

    const summary = await regenerateBank({ force: true });
    expect(summary.skipped).toBe(false);
    const after = await prisma.question.findUniqueOrThrow({ where: { id: target!.id } });
    expect(after.stem).toBe(stem);
    expect(after.explanation).toBe("管理员补充的解析");
    expect(after.editedAt).not.toBeNull();
    expect((await prisma.question.findUniqueOrThrow({ where: { id: untouched!.id } })).stem).toBe(untouched!.stem);
  });
});

describe("authorization", () => {
  it("refuses a learner (403) and an anonymous visitor (login) on every admin loader and action, changing nothing", async () => {
    const { cookie } = await cookieFor("learner");
    const doc = await createDocument();
    const question = await makeQuestion(doc);
    const flag = await prisma.flag.create({ data: { questionId: question.id } });
    const params = { id: question.id };
    const calls = (cookieHeader?: string) => {
      const opts = cookieHeader ? { cookie: cookieHeader } : {};
      return [
        () => dashboardLoader({ request: getRequest("/admin", opts), context: context(), params: {} }),
        () => queueLoader({ request: getRequest("/admin/questions", opts), context: context(), params: {} }),
        () =>
          queueAction({
            request: formRequest("/admin/questions", { intent: "review", decision: "approved", id: question.id }, opts),
            context: context(),
            params: {},
          }),
        () =>
          queueAction({
            request: formRequest(
              "/admin/questions",
              { intent: "review-matching", decision: "approved", filter: "", confirmCount: "1" },
              opts,
            ),
            context: context(),
            params: {},
          }),
        () => editLoader({ request: getRequest(`/admin/questions/${question.id}`, opts), context: context(), params }),
        () =>
          editAction({
            request: formRequest(`/admin/questions/${question.id}`, { intent: "save", version: "x", stem: "改" }, opts),
            context: context(),
            params,
          }),
        () =>
          editAction({
            request: formRequest(`/admin/questions/${question.id}`, { intent: "review", decision: "rejected" }, opts),
            context: context(),
            params,
          }),
        () => flagsLoader({ request: getRequest("/admin/flags", opts), context: context(), params: {} }),
        () => flagsLoader({ request: getRequest("/admin/flags?view=resolved", opts), context: context(), params: {} }),
        () =>
          flagsAction({
            request: formRequest(
              "/admin/flags",
              { intent: "resolve", questionId: question.id, flagId: flag.id, resolution: "rejected" },
              opts,
            ),
            context: context(),
            params: {},
          }),
      ];
    };
    for (const call of calls(cookie)) {
      const result = await settle(call() as Promise<unknown>);
      expect(result).toBeInstanceOf(Response);
      expect((result as Response).status).toBe(403);
    }
    for (const call of calls()) {
      const result = await settle(call() as Promise<unknown>);
      expect((result as Response).status).toBe(302);
      expect((result as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    expect((await prisma.question.findUniqueOrThrow({ where: { id: question.id } })).status).toBe("draft");
    expect((await prisma.flag.findUniqueOrThrow({ where: { id: flag.id } })).resolvedAt).toBeNull();
  });
});
