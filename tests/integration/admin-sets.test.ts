import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { getGroupReport } from "~/groups/report.server";
import { action as editorAction, loader as editorLoader } from "~/routes/admin.sets.$id";
import { action as setsAction, loader as setsLoader } from "~/routes/admin.sets._index";
import { action as loginAction } from "~/routes/login";
import { studyPool } from "~/study/pool.server";
import { attemptState, finishAttempt, listPublishedSets, startAttempt } from "~/study/sets.server";
import { createDocument, createKnowledgePoint, createUser } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

const BASE = "http://localhost:3000";

async function cookieFor(role: "learner" | "admin") {
  const user = await createUser({ role });
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return { user, cookie: sessionCookie(response) };
}

/** A POST with repeated fields (several groups, several questions). */
function postForm(path: string, entries: [string, string][], cookie: string): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
    body: new URLSearchParams(entries).toString(),
  });
}

type Result = { ok: boolean; message: string; intent: string };

async function edit(setId: string, entries: [string, string][], cookie: string) {
  return actionData<Result>(
    await editorAction({
      request: postForm(`/admin/sets/${setId}`, entries, cookie),
      context: context(),
      params: { id: setId },
    }),
  );
}

async function editor(setId: string, cookie: string, query = "") {
  return editorLoader({
    request: getRequest(`/admin/sets/${setId}${query}`, { cookie }),
    context: context(),
    params: { id: setId },
  });
}

async function createFromFilter(fields: Record<string, string>, cookie: string): Promise<string> {
  const response = (await setsAction({
    request: formRequest("/admin/sets", fields, { cookie }),
    context: context(),
    params: {},
  })) as Response;
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  return /\/admin\/sets\/([0-9a-f-]+)/.exec(location)![1]!;
}

async function bank() {
  const law = await createDocument({ title: "示范法" });
  const other = await createDocument({ title: "其他文档" });
  const lawPoints = [];
  for (let i = 0; i < 3; i++)
    lawPoints.push(
      await createKnowledgePoint({ document: law, formats: ["single", "truefalse"], subject: `示范法考点${i}` }),
    );
  const otherPoint = await createKnowledgePoint({ document: other, formats: ["single"] });
  // A draft question of the law: not picked by the default (approved) filter.
  const draft = lawPoints[0]!.questions[1]!;
  await prisma.question.update({ where: { id: draft.id }, data: { status: "draft" } });
  // The factory publishes a set per point; only the sets under test should be visible.
  await prisma.questionSet.updateMany({ data: { status: "archived" } });
  return { law, other, lawPoints, otherPoint, draft };
}

describe("building a set", () => {
  it("creates a set from a filter (approved single-choice questions of one document), in reading order", async () => {
    const { cookie } = await cookieFor("admin");
    const { law, lawPoints, draft } = await bank();
    const setId = await createFromFilter(
      {
        title: "示范法单选",
        description: "专项练习",
        source: "filter",
        documentId: law.id,
        format: "single",
        status: "approved",
      },
      cookie,
    );
    const page = await editor(setId, cookie);
    expect(page.editor.set).toMatchObject({ title: "示范法单选", description: "专项练习", status: "draft" });
    expect(page.editor.items.map((i) => i.id)).toEqual(lawPoints.map((p) => p.questions[0]!.id));
    expect(page.editor.items.every((i) => i.format === "single" && i.status === "approved")).toBe(true);

    // Searching for more, and adding one question by hand (the draft truefalse).
    const search = await editor(
      setId,
      cookie,
      `?search=1&documentId=${law.id}&status=any&q=${encodeURIComponent("示范法考点0")}`,
    );
    expect(search.search!.questions.map((q) => q.id)).toContain(draft.id);
    expect(
      (
        await edit(
          setId,
          [
            ["intent", "add"],
            ["questionId", draft.id],
          ],
          cookie,
        )
      ).data.ok,
    ).toBe(true);
    // A repeated submit adds nothing twice.
    await edit(
      setId,
      [
        ["intent", "add"],
        ["questionId", draft.id],
      ],
      cookie,
    );
    const after = await editor(setId, cookie);
    expect(after.editor.items.map((i) => i.id)).toEqual([...lawPoints.map((p) => p.questions[0]!.id), draft.id]);
    expect(after.editor.learnerVisible).toBe(3);

    // Add everything approved by filter: the truefalse questions not yet in it.
    const added = await edit(
      setId,
      [
        ["intent", "addFilter"],
        ["documentId", law.id],
        ["format", "truefalse"],
      ],
      cookie,
    );
    expect(added.data.message).toBe("已添加 2 道题。");

    const empty = await createFromFilter({ title: "空题集", source: "empty" }, cookie);
    expect((await editor(empty, cookie)).editor.items).toHaveLength(0);
    const list = await setsLoader({ request: getRequest("/admin/sets", { cookie }), context: context(), params: {} });
    expect(list.sets.find((s) => s.id === setId)).toMatchObject({ questions: 6, status: "draft" });

    const invalid = actionData<{ errors: Record<string, string> }>(
      await setsAction({
        request: formRequest("/admin/sets", { title: "" }, { cookie }),
        context: context(),
        params: {},
      }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.data.errors.title).toBe("请输入标题");
  });

  it("orders questions with move up / down, ignoring a stale second click, and removes them", async () => {
    const { cookie } = await cookieFor("admin");
    const { law } = await bank();
    const setId = await createFromFilter({ title: "排序", documentId: law.id, format: "single" }, cookie);
    const ids = (await editor(setId, cookie)).editor.items.map((i) => i.id);
    expect(ids).toHaveLength(3);
    await edit(
      setId,
      [
        ["intent", "move"],
        ["questionId", ids[2]!],
        ["from", "2"],
        ["direction", "up"],
      ],
      cookie,
    );
    // The same click again, sent before the page refreshed: it still says position 2, so nothing moves.
    await edit(
      setId,
      [
        ["intent", "move"],
        ["questionId", ids[2]!],
        ["from", "2"],
        ["direction", "up"],
      ],
      cookie,
    );
    expect((await editor(setId, cookie)).editor.items.map((i) => i.id)).toEqual([ids[0], ids[2], ids[1]]);
    await edit(
      setId,
      [
        ["intent", "move"],
        ["questionId", ids[0]!],
        ["from", "0"],
        ["direction", "down"],
      ],
      cookie,
    );
    expect((await editor(setId, cookie)).editor.items.map((i) => i.id)).toEqual([ids[2], ids[0], ids[1]]);
    await edit(
      setId,
      [
        ["intent", "remove"],
        ["questionId", ids[0]!],
      ],
      cookie,
    );
    expect((await editor(setId, cookie)).editor.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const positions = await prisma.setItem.findMany({
      where: { setId },
      orderBy: { position: "asc" },
      select: { position: true },
    });
    expect(positions.map((p) => p.position)).toEqual([0, 1]);
  });
});

describe("publishing", () => {
  it("publishes to everyone, then only to a group with open and due dates; unpublish hides it and keeps versions", async () => {
    const { user: admin, cookie } = await cookieFor("admin");
    const { law } = await bank();
    const member = await createUser();
    const outsider = await createUser();
    const group = await prisma.group.create({ data: { name: "一支部", inviteCode: "TESTCODE" } });
    const later = await prisma.group.create({ data: { name: "二支部", inviteCode: "TESTCOD2" } });
    await prisma.membership.create({ data: { groupId: group.id, userId: member.id } });
    await prisma.membership.create({ data: { groupId: later.id, userId: outsider.id } });
    const setId = await createFromFilter({ title: "发布测试", documentId: law.id, format: "single" }, cookie);
    const now = new Date();
    const visible = async (userId: string) => (await listPublishedSets(userId, now)).some((s) => s.id === setId);

    const everyone = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    expect(everyone.data).toMatchObject({ ok: true, message: "已发布 v1，面向所有人。" });
    expect(await visible(member.id)).toBe(true);
    expect(await visible(outsider.id)).toBe(true);
    const version = await prisma.setVersion.findFirstOrThrow({ where: { setId } });
    expect(version).toMatchObject({ version: 1, title: "发布测试", publishedBy: admin.id });

    const refused = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "groups"],
      ],
      cookie,
    );
    expect(refused.data).toMatchObject({ ok: false, message: "请至少选择一个小组，或发布给所有人。" });
    const badDates = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "groups"],
        ["group", group.id],
        [`opensAt:${group.id}`, "2030-03-02T09:00"],
        [`dueAt:${group.id}`, "2030-03-01T09:00"],
      ],
      cookie,
    );
    expect(badDates.data).toMatchObject({ ok: false, message: "一支部：截止时间应晚于开放时间。" });

    const toGroups = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "groups"],
        ["group", group.id],
        [`opensAt:${group.id}`, "2020-01-01T09:00"],
        [`dueAt:${group.id}`, "2099-12-31T18:00"],
        [`limit:${group.id}`, "20"],
        ["group", later.id],
        [`opensAt:${later.id}`, "2099-01-01T09:00"],
      ],
      cookie,
    );
    // Same content as v1: the audience changes, no new version.
    expect(toGroups.data).toMatchObject({
      ok: true,
      message: "已更新发布设置（内容与 v1 相同，未生成新版本），面向 2 个小组。",
    });
    expect(await prisma.setVersion.count({ where: { setId } })).toBe(1);
    const assignment = await prisma.assignment.findUniqueOrThrow({
      where: { setId_groupId: { setId, groupId: group.id } },
    });
    expect(assignment.opensAt?.toISOString()).toBe("2020-01-01T01:00:00.000Z");
    expect(assignment.dueAt?.toISOString()).toBe("2099-12-31T10:00:00.000Z");
    expect(assignment.timeLimitSec).toBe(1200);
    expect(await visible(member.id)).toBe(true);
    // The second group's assignment opens in 2099: its members do not see the set yet.
    expect(await visible(outsider.id)).toBe(false);

    // The assignment's time limit applies to the member's quiz, and the attempt refers to it.
    const attemptId = await startAttempt(member.id, setId, null, now);
    expect(await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      assignmentId: assignment.id,
      setVersionId: version.id,
      timeLimitSec: 1200,
    });

    const page = await editor(setId, cookie);
    expect(page.editor.assignments.map((a) => a.groupId).sort()).toEqual([group.id, later.id].sort());
    expect(page.editor.groups.map((g) => g.name)).toEqual(["一支部", "二支部"]);

    const unpublished = await edit(setId, [["intent", "unpublish"]], cookie);
    expect(unpublished.data.ok).toBe(true);
    expect(await visible(member.id)).toBe(false);
    expect((await prisma.questionSet.findUniqueOrThrow({ where: { id: setId } })).status).toBe("draft");
    expect(await prisma.setVersion.count({ where: { setId } })).toBe(1);

    await edit(setId, [["intent", "archive"]], cookie);
    const archivedPublish = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    expect(archivedPublish.data).toMatchObject({ ok: false, message: "已归档的题集不能发布，请先恢复。" });
    await edit(setId, [["intent", "restore"]], cookie);
    expect((await prisma.questionSet.findUniqueOrThrow({ where: { id: setId } })).status).toBe("draft");
  });

  it("withdraws, not deletes, the assignment of a group left out on republishing once members attempted it", async () => {
    const { cookie } = await cookieFor("admin");
    const { law } = await bank();
    const member = await createUser();
    const quiet = await createUser();
    const first = await prisma.group.create({ data: { name: "三支部", inviteCode: "TESTCOD3" } });
    const second = await prisma.group.create({ data: { name: "四支部", inviteCode: "TESTCOD4" } });
    await prisma.membership.create({ data: { groupId: first.id, userId: member.id } });
    await prisma.membership.create({ data: { groupId: second.id, userId: quiet.id } });
    const setId = await createFromFilter({ title: "撤回测试", documentId: law.id, format: "single" }, cookie);
    const now = new Date();
    const both: [string, string][] = [
      ["intent", "publish"],
      ["audience", "groups"],
      ["group", first.id],
      [`opensAt:${first.id}`, "2020-01-01T09:00"],
      [`dueAt:${first.id}`, "2099-12-31T18:00"],
      ["group", second.id],
    ];
    expect((await edit(setId, both, cookie)).data.ok).toBe(true);
    const assignment = await prisma.assignment.findUniqueOrThrow({
      where: { setId_groupId: { setId, groupId: first.id } },
    });
    const attemptId = await startAttempt(member.id, setId, null, now);
    await prisma.attempt.update({ where: { id: attemptId }, data: { submittedAt: now, score: 90 } });

    // Republished to neither group's liking: the first group is left out, then the second too.
    const onlySecond = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "groups"],
        ["group", second.id],
      ],
      cookie,
    );
    expect(onlySecond.data.ok).toBe(true);
    const kept = await prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
    expect(kept.withdrawnAt).not.toBeNull();
    expect(kept.opensAt?.toISOString()).toBe("2020-01-01T01:00:00.000Z");
    expect(kept.dueAt?.toISOString()).toBe("2099-12-31T10:00:00.000Z");
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).assignmentId).toBe(assignment.id);
    // Closed to the learner: the set is no longer theirs to open, nor a quiz to start.
    expect((await listPublishedSets(member.id, now)).some((s) => s.id === setId)).toBe(false);
    await expect(startAttempt(member.id, setId, null, now)).rejects.toThrow();
    const setPoints = await prisma.setItem.findMany({
      where: { setId },
      select: { question: { select: { knowledgePointId: true } } },
    });
    const pool = await studyPool(member.id, now);
    expect(setPoints.length).toBeGreaterThan(0);
    expect(setPoints.some((item) => pool.has(item.question.knowledgePointId))).toBe(false);
    // The editor shows the group unticked.
    expect((await editor(setId, cookie)).editor.assignments.map((a) => a.groupId)).toEqual([second.id]);
    // The report keeps the assignment, marked, with the member's result; it does not count toward on-time completion.
    const report = await getGroupReport(first.id, {}, now);
    expect(report.assignments).toHaveLength(1);
    expect(report.assignments[0]).toMatchObject({ id: assignment.id, closed: false, submitted: 1 });
    expect(report.assignments[0]!.withdrawnAt).not.toBeNull();
    expect(report.assignments[0]!.opensAt?.toISOString()).toBe("2020-01-01T01:00:00.000Z");
    expect(report.members[0]!.results[assignment.id]).toMatchObject({ score: 90 });

    // A group whose assignment nobody attempted simply loses it.
    await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    expect(await prisma.assignment.count({ where: { setId, groupId: second.id } })).toBe(0);
    expect(await prisma.assignment.count({ where: { id: assignment.id } })).toBe(1);

    // Choosing the first group again reopens the same assignment, history and all.
    await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "groups"],
        ["group", first.id],
      ],
      cookie,
    );
    const reopened = await prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
    expect(reopened).toMatchObject({ withdrawnAt: null, opensAt: null });
    expect((await listPublishedSets(member.id, now)).some((s) => s.id === setId)).toBe(true);
    const reopenedPool = await studyPool(member.id, now);
    expect(setPoints.every((item) => reopenedPool.has(item.question.knowledgePointId))).toBe(true);
  });

  it("reads open and due times in each group's own time zone", async () => {
    const { cookie } = await cookieFor("admin");
    const { law } = await bank();
    const west = await prisma.group.create({
      data: { name: "乌鲁木齐支部", inviteCode: "TESTCOD5", timeZone: "Asia/Urumqi" },
    });
    const east = await prisma.group.create({ data: { name: "北京支部", inviteCode: "TESTCOD6" } });
    const setId = await createFromFilter({ title: "时区测试", documentId: law.id, format: "single" }, cookie);
    const result = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "groups"],
        ["group", west.id],
        [`dueAt:${west.id}`, "2030-03-01T18:00"],
        ["group", east.id],
        [`dueAt:${east.id}`, "2030-03-01T18:00"],
      ],
      cookie,
    );
    expect(result.data.ok).toBe(true);
    const due = async (groupId: string) =>
      (
        await prisma.assignment.findUniqueOrThrow({ where: { setId_groupId: { setId, groupId } } })
      ).dueAt?.toISOString();
    // 18:00 where each group is: UTC+6 in Urumqi, UTC+8 in Beijing.
    expect(await due(west.id)).toBe("2030-03-01T12:00:00.000Z");
    expect(await due(east.id)).toBe("2030-03-01T10:00:00.000Z");
    const page = await editor(setId, cookie);
    expect(page.editor.groups.find((g) => g.id === west.id)?.timeZone).toBe("Asia/Urumqi");
  });

  it("refuses to publish a set without approved questions", async () => {
    const { cookie } = await cookieFor("admin");
    await bank();
    const setId = await createFromFilter({ title: "只有草稿", status: "draft" }, cookie);
    const result = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    expect(result.data).toMatchObject({
      ok: false,
      message: "题集中没有已审核通过的题目，学员将看不到任何题，暂不能发布。",
    });
  });

  it("makes version n+1 when a published set is edited and published again; an attempt on v1 still shows v1", async () => {
    const { cookie } = await cookieFor("admin");
    const { law, otherPoint } = await bank();
    const learner = await createUser();
    const setId = await createFromFilter({ title: "版本测试", documentId: law.id, format: "single" }, cookie);
    await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    const v1 = await prisma.setVersion.findFirstOrThrow({ where: { setId, version: 1 } });
    const v1Ids = v1.questionIds;

    const now = new Date();
    const attemptId = await startAttempt(learner.id, setId, null, now);
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).setVersionId).toBe(v1.id);

    // Edit: drop the first question, add one from another document, rename.
    await edit(
      setId,
      [
        ["intent", "remove"],
        ["questionId", v1Ids[0]!],
      ],
      cookie,
    );
    await edit(
      setId,
      [
        ["intent", "add"],
        ["questionId", otherPoint.questions[0]!.id],
      ],
      cookie,
    );
    await edit(
      setId,
      [
        ["intent", "details"],
        ["title", "版本测试（修订）"],
        ["description", ""],
      ],
      cookie,
    );
    const pending = await editor(setId, cookie);
    expect(pending.editor.changedSinceVersion).toBe(true);
    const republished = await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    expect(republished.data.message).toBe("已发布 v2，面向所有人。");
    // Publishing again without changes (a double click) makes no v3.
    await edit(
      setId,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    const versions = await prisma.setVersion.findMany({ where: { setId }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.title).toBe("版本测试（修订）");
    expect(versions[1]!.questionIds).toEqual([...v1Ids.slice(1), otherPoint.questions[0]!.id]);

    // The v1 attempt, finished unanswered, lists v1's questions as its mistakes.
    await finishAttempt(learner.id, attemptId, now);
    const results = await attemptState(learner.id, attemptId, now);
    expect(results.finished).toBe(true);
    if (!results.finished) return;
    expect(results.attempt.total).toBe(3);
    const v1Stems = (await prisma.question.findMany({ where: { id: { in: v1Ids } }, select: { stem: true } }))
      .map((q) => q.stem)
      .sort();
    expect(results.mistakes.map((m) => m.stem).sort()).toEqual(v1Stems);

    const v2Attempt = await startAttempt(learner.id, setId, null, now);
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: v2Attempt } })).setVersionId).toBe(versions[1]!.id);
  });

  it("lets an administrator edit and publish a document's automatic set", async () => {
    const { cookie } = await cookieFor("admin");
    const { law, lawPoints } = await bank();
    const auto = await prisma.questionSet.create({
      data: {
        title: law.title,
        documentId: law.id,
        status: "published",
        publishedAt: new Date(),
        items: { create: lawPoints.map((p, position) => ({ questionId: p.questions[0]!.id, position })) },
      },
    });
    const page = await editor(auto.id, cookie);
    expect(page.editor.set.automatic).toBe(true);
    await edit(
      auto.id,
      [
        ["intent", "details"],
        ["title", "示范法（精选）"],
        ["description", "管理员整理"],
      ],
      cookie,
    );
    await edit(
      auto.id,
      [
        ["intent", "remove"],
        ["questionId", lawPoints[2]!.questions[0]!.id],
      ],
      cookie,
    );
    const published = await edit(
      auto.id,
      [
        ["intent", "publish"],
        ["audience", "everyone"],
      ],
      cookie,
    );
    expect(published.data.message).toBe("已发布 v1，面向所有人。");
    const set = await prisma.questionSet.findUniqueOrThrow({ where: { id: auto.id }, include: { items: true } });
    expect(set).toMatchObject({ title: "示范法（精选）", documentId: law.id, status: "published" });
    expect(set.items).toHaveLength(2);
  });
});

describe("learners", () => {
  it("are refused by every set loader and action", async () => {
    const { cookie } = await cookieFor("learner");
    const { law } = await bank();
    const set = await prisma.questionSet.create({ data: { title: "不可改" } });
    const expect403 = async (promise: Promise<unknown>) =>
      expect(((await settle(promise)) as Response).status).toBe(403);
    await expect403(setsLoader({ request: getRequest("/admin/sets", { cookie }), context: context(), params: {} }));
    await expect403(
      setsAction({
        request: formRequest("/admin/sets", { title: "偷偷建", documentId: law.id }, { cookie }),
        context: context(),
        params: {},
      }),
    );
    await expect403(
      editorLoader({
        request: getRequest(`/admin/sets/${set.id}`, { cookie }),
        context: context(),
        params: { id: set.id },
      }),
    );
    for (const intent of [
      "details",
      "add",
      "addFilter",
      "remove",
      "move",
      "publish",
      "unpublish",
      "archive",
      "restore",
    ]) {
      await expect403(
        editorAction({
          request: postForm(
            `/admin/sets/${set.id}`,
            [
              ["intent", intent],
              ["title", "x"],
              ["audience", "everyone"],
            ],
            cookie,
          ),
          context: context(),
          params: { id: set.id },
        }),
      );
    }
    expect(await prisma.questionSet.findUniqueOrThrow({ where: { id: set.id } })).toMatchObject({
      title: "不可改",
      status: "draft",
    });
    expect(await prisma.questionSet.count({ where: { title: "偷偷建" } })).toBe(0);
  });
});
