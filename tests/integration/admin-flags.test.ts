import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { action as flagsAction, loader as flagsLoader } from "~/routes/admin.flags";
import { action as editAction } from "~/routes/admin.questions.$id";
import { action as loginAction } from "~/routes/login";
import { createKnowledgePoint, createUser } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie } from "../support/requests";

async function cookieFor(role: "learner" | "admin", displayName?: string) {
  const user = await createUser({ role, displayName });
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return { user, cookie: sessionCookie(response) };
}

function post(path: string, fields: Record<string, string | string[]>, cookie: string): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000", Cookie: cookie },
    body: body.toString(),
  });
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

async function resolve(cookie: string, questionId: string, flagIds: string[], resolution: string) {
  return actionData<{ ok: boolean; message?: string; error?: string }>(
    await flagsAction({
      request: post("/admin/flags", { intent: "resolve", questionId, flagId: flagIds, resolution }, cookie),
      context: context(),
      params: {},
    }),
  );
}

describe("flags", () => {
  it("groups open flags by question, newest first, with counts, sources, reporters and comments", async () => {
    const { cookie } = await cookieFor("admin");
    const learner = await createUser({ displayName: "王五" });
    const older = (await createKnowledgePoint({ formats: ["single"] })).questions[0]!;
    const newer = (await createKnowledgePoint({ formats: ["fill"] })).questions[0]!;
    const done = (await createKnowledgePoint({ formats: ["truefalse"] })).questions[0]!;
    await prisma.flag.createMany({
      data: [
        { questionId: older.id, userId: learner.id, comment: "选项B也对", createdAt: minutesAgo(30) },
        {
          questionId: older.id,
          source: "item_analysis",
          comment: "区分度为负（-0.12，42 次作答）",
          createdAt: minutesAgo(20),
        },
        { questionId: older.id, userId: learner.id, comment: "", createdAt: minutesAgo(10) },
        { questionId: newer.id, userId: learner.id, comment: "答案写法不唯一", createdAt: minutesAgo(1) },
        {
          questionId: done.id,
          comment: "已处理的",
          createdAt: minutesAgo(60),
          resolvedAt: minutesAgo(50),
          resolution: "dismissed",
        },
      ],
    });

    const page = await flagsLoader({ request: getRequest("/admin/flags", { cookie }), context: context(), params: {} });
    const open = page.open!;
    expect(open.totals).toEqual({ questions: 2, flags: 4 });
    expect(open.groups.map((g) => [g.question.id, g.count])).toEqual([
      [newer.id, 1],
      [older.id, 3],
    ]);
    const group = open.groups[1]!;
    expect(group.flags.map((f) => [f.source, f.comment, f.reporter])).toEqual([
      ["learner", "", "王五"],
      ["item_analysis", "区分度为负（-0.12，42 次作答）", null],
      ["learner", "选项B也对", "王五"],
    ]);
    expect(group.question).toMatchObject({
      stem: older.stem,
      options: older.options,
      answer: older.answer,
      kind: "target",
    });
  });

  it("resolving records who, when and how; rejecting the question happens in the same step", async () => {
    const { cookie, user } = await cookieFor("admin", "审核员甲");
    const question = (await createKnowledgePoint()).questions[0]!;
    const seen = await prisma.flag.create({
      data: { questionId: question.id, comment: "答案错了", createdAt: minutesAgo(5) },
    });
    // Arrives after the administrator loaded the page: not in the form, so it stays open.
    const later = await prisma.flag.create({ data: { questionId: question.id, comment: "我也觉得" } });

    const result = await resolve(cookie, question.id, [seen.id], "rejected");
    expect(result).toEqual({ status: 200, data: { ok: true, message: "已处理 1 条反馈：拒绝该题。" } });
    const flag = await prisma.flag.findUniqueOrThrow({ where: { id: seen.id } });
    expect(flag).toMatchObject({ resolvedById: user.id, resolution: "rejected" });
    expect(Date.now() - flag.resolvedAt!.getTime()).toBeLessThan(60_000);
    expect((await prisma.question.findUniqueOrThrow({ where: { id: question.id } })).status).toBe("rejected");
    // The question's history says who rejected it.
    expect(
      await prisma.questionEdit.findMany({
        where: { questionId: question.id },
        select: { editorId: true, after: true },
      }),
    ).toEqual([{ editorId: user.id, after: { status: "rejected" } }]);
    expect((await prisma.flag.findUniqueOrThrow({ where: { id: later.id } })).resolvedAt).toBeNull();

    // Resolving the same flags twice is refused rather than silently re-stamped.
    expect((await resolve(cookie, question.id, [seen.id], "dismissed")).status).toBe(409);

    const resolved = (
      await flagsLoader({
        request: getRequest("/admin/flags?view=resolved", { cookie }),
        context: context(),
        params: {},
      })
    ).resolved!;
    const row = resolved.flags.find((f) => f.id === seen.id)!;
    expect(row).toMatchObject({
      resolution: "rejected",
      resolvedBy: "审核员甲",
      comment: "答案错了",
      question: { id: question.id, status: "rejected" },
    });
    expect(resolved.flags.some((f) => f.id === later.id)).toBe(false);
  });

  it("approves as is, dismisses, and marks edited without touching the question's status", async () => {
    const { cookie } = await cookieFor("admin");
    const approveQ = (await createKnowledgePoint()).questions[0]!;
    const dismissQ = (await createKnowledgePoint()).questions[0]!;
    const editedQ = (await createKnowledgePoint()).questions[0]!;
    await prisma.question.update({ where: { id: approveQ.id }, data: { status: "draft" } });
    const flags = await Promise.all(
      [approveQ, dismissQ, editedQ].map((q) => prisma.flag.create({ data: { questionId: q.id } })),
    );

    await resolve(cookie, approveQ.id, [flags[0]!.id], "approved");
    await resolve(cookie, dismissQ.id, [flags[1]!.id], "dismissed");
    await resolve(cookie, editedQ.id, [flags[2]!.id], "edited");
    const questions = await prisma.question.findMany({ where: { id: { in: [approveQ.id, dismissQ.id, editedQ.id] } } });
    expect(questions.every((q) => q.status === "approved")).toBe(true);
    const stored = await prisma.flag.findMany({
      where: { id: { in: flags.map((f) => f.id) } },
      orderBy: { createdAt: "asc" },
    });
    expect(stored.map((f) => f.resolution).sort()).toEqual(["approved", "dismissed", "edited"]);
  });

  it("refuses to approve or reject a retired question, but lets its flags be dismissed", async () => {
    const { cookie } = await cookieFor("admin");
    const question = (await createKnowledgePoint()).questions[0]!;
    await prisma.question.update({ where: { id: question.id }, data: { status: "retired" } });
    const flag = await prisma.flag.create({ data: { questionId: question.id } });
    for (const resolution of ["approved", "rejected"]) {
      const refused = await resolve(cookie, question.id, [flag.id], resolution);
      expect(refused.status).toBe(409);
      expect(refused.data.error).toBe("已退役的题目不能批准或拒绝，请选择“忽略”。");
    }
    expect((await prisma.flag.findUniqueOrThrow({ where: { id: flag.id } })).resolvedAt).toBeNull();
    expect((await resolve(cookie, question.id, [flag.id], "dismissed")).data.ok).toBe(true);
    expect((await prisma.question.findUniqueOrThrow({ where: { id: question.id } })).status).toBe("retired");
    expect((await resolve(cookie, question.id, [flag.id], "bogus")).status).toBe(400);
  });

  it("resolves a question's flags as edited when the edit page saves with that box ticked", async () => {
    const { cookie, user } = await cookieFor("admin");
    const question = (await createKnowledgePoint({ formats: ["fill"] })).questions[0]!;
    const flag = await prisma.flag.create({ data: { questionId: question.id, comment: "应接受“二十年”以外的写法" } });
    const response = actionData<{ ok: boolean }>(
      await editAction({
        request: post(
          `/admin/questions/${question.id}`,
          {
            intent: "save",
            version: question.updatedAt.toISOString(),
            stem: question.stem,
            answer: "二十年\n20年\n廿年",
            explanation: "",
            resolveFlags: "1",
          },
          cookie,
        ),
        context: context(),
        params: { id: question.id },
      }),
    );
    expect(response.data.ok).toBe(true);
    expect(await prisma.flag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({
      resolution: "edited",
      resolvedById: user.id,
    });
    expect((await prisma.question.findUniqueOrThrow({ where: { id: question.id } })).answer).toEqual([
      "二十年",
      "20年",
      "廿年",
    ]);
  });
});
