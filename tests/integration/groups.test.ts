import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  GroupError,
  INVITATION_SENT,
  acceptInvitation,
  addManager,
  archiveGroup,
  createGroup,
  inviteMember,
  joinByCode,
  leaderboard,
  listMyGroups,
  listMyInvitations,
} from "~/groups/groups.server";
import { getGroupReport } from "~/groups/report.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as memberLoader } from "~/routes/groups.$id.members.$userId";
import { action as adminGroupsAction, loader as adminGroupsLoader } from "~/routes/admin.groups";
import { action as groupAction, loader as groupLoader } from "~/routes/groups.$id._index";
import { action as groupsAction, loader as groupsLoader } from "~/routes/groups._index";
import { action as joinAction, loader as joinLoader } from "~/routes/join.$code";
import { action as loginAction } from "~/routes/login";
import { createDocument, createKnowledgePoint, createUser } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

async function signIn(user: { username: string; password: string }) {
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return sessionCookie(response);
}

async function events(groupId: string) {
  return await prisma.membershipEvent.findMany({
    where: { groupId },
    orderBy: { id: "asc" },
    select: { userId: true, actorId: true, action: true },
  });
}

describe("creating groups and naming managers", () => {
  it("lets administrators create a group and name a manager, and refuses learners", async () => {
    const admin = await createUser({ role: "admin" });
    const learner = await createUser();
    const adminCookie = await signIn(admin);
    const learnerCookie = await signIn(learner);

    const refused = await settle(
      adminGroupsLoader({
        request: getRequest("/admin/groups", { cookie: learnerCookie }),
        context: context(),
        params: {},
      }),
    );
    expect((refused as Response).status).toBe(403);
    const refusedAction = await settle(
      adminGroupsAction({
        request: formRequest(
          "/admin/groups",
          { intent: "create", name: "x", timeZone: "Asia/Shanghai" },
          { cookie: learnerCookie },
        ),
        context: context(),
        params: {},
      }),
    );
    expect((refusedAction as Response).status).toBe(403);

    const bad = actionData<{ errors: Record<string, string> }>(
      await adminGroupsAction({
        request: formRequest(
          "/admin/groups",
          { intent: "create", name: " ", timeZone: "Mars/Base" },
          { cookie: adminCookie },
        ),
        context: context(),
        params: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ name: "请输入小组名称", timeZone: expect.stringContaining("有效的时区") });

    await adminGroupsAction({
      request: formRequest(
        "/admin/groups",
        { intent: "create", name: "第一党支部", description: "每周学习", timeZone: "Asia/Urumqi" },
        { cookie: adminCookie },
      ),
      context: context(),
      params: {},
    });
    const group = await prisma.group.findFirstOrThrow({ where: { name: "第一党支部" } });
    expect(group).toMatchObject({ timeZone: "Asia/Urumqi", leaderboardEnabled: false, description: "每周学习" });
    expect(group.inviteCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

    await adminGroupsAction({
      request: formRequest(
        "/admin/groups",
        { intent: "add-manager", groupId: group.id, username: learner.username },
        { cookie: adminCookie },
      ),
      context: context(),
      params: {},
    });
    expect(
      await prisma.membership.findUnique({ where: { groupId_userId: { groupId: group.id, userId: learner.id } } }),
    ).toMatchObject({ role: "manager" });
    expect(await events(group.id)).toEqual([
      { userId: learner.id, actorId: admin.id, action: "added" },
      { userId: learner.id, actorId: admin.id, action: "promoted" },
    ]);
    const unknown = actionData<{ errors: Record<string, string> }>(
      await adminGroupsAction({
        request: formRequest(
          "/admin/groups",
          { intent: "add-manager", groupId: group.id, username: "nobody_here" },
          { cookie: adminCookie },
        ),
        context: context(),
        params: {},
      }),
    );
    expect(unknown.status).toBe(404);

    const listed = await adminGroupsLoader({
      request: getRequest("/admin/groups", { cookie: adminCookie }),
      context: context(),
      params: {},
    });
    expect(listed.groups.find((g) => g.id === group.id)?.managers.map((m) => m.id)).toEqual([learner.id]);
  });
});

describe("joining and membership changes", () => {
  it("joins by code (typed loosely) or by link, once, with an event", async () => {
    const group = await createGroup({ name: "加入测试", description: "", timeZone: "Asia/Shanghai" });
    const { inviteCode } = await prisma.group.findUniqueOrThrow({ where: { id: group.id } });
    const learner = await createUser();
    const cookie = await signIn(learner);

    const wrong = actionData<{ error: string }>(
      await groupsAction({
        request: formRequest("/groups", { code: "AAAA-AAAA" }, { cookie }),
        context: context(),
        params: {},
      }),
    );
    expect(wrong.status).toBe(404);
    expect(wrong.data.error).toContain("邀请码无效");

    const typed = `${inviteCode.slice(0, 4).toLowerCase()} - ${inviteCode.slice(4)}`;
    const joined = (await groupsAction({
      request: formRequest("/groups", { code: typed }, { cookie }),
      context: context(),
      params: {},
    })) as Response;
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe(`/groups/${group.id}`);
    expect(await joinByCode(learner.id, inviteCode)).toEqual({ groupId: group.id, joined: false });
    expect(await events(group.id)).toEqual([{ userId: learner.id, actorId: learner.id, action: "joined" }]);

    // By link: signed-out visitors log in first and come back; the link itself never joins on GET.
    const anonymous = await settle(
      joinLoader({ request: getRequest(`/join/${inviteCode}`), context: context(), params: { code: inviteCode } }),
    );
    expect((anonymous as Response).headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/join/${inviteCode}`)}`,
    );
    const other = await createUser();
    const otherCookie = await signIn(other);
    const shown = await joinLoader({
      request: getRequest(`/join/${inviteCode}`, { cookie: otherCookie }),
      context: context(),
      params: { code: inviteCode },
    });
    expect(shown).toMatchObject({ group: { id: group.id, name: "加入测试", members: 1 }, member: false });
    expect(await prisma.membership.count({ where: { groupId: group.id } })).toBe(1);
    const viaLink = (await joinAction({
      request: formRequest(`/join/${inviteCode}`, {}, { cookie: otherCookie }),
      context: context(),
      params: { code: inviteCode },
    })) as Response;
    expect(viaLink.headers.get("Location")).toBe(`/groups/${group.id}`);
    expect(
      await prisma.membership.findUnique({ where: { groupId_userId: { groupId: group.id, userId: other.id } } }),
    ).toMatchObject({ role: "member" });
  });

  it("lets managers invite (one answer for every name), remove members and regenerate the code; members may not", async () => {
    const group = await createGroup({ name: "管理测试", description: "", timeZone: "Asia/Shanghai" });
    const manager = await createUser();
    const admin = await createUser({ role: "admin" });
    await addManager(group.id, manager.username, admin.id);
    const managerCookie = await signIn(manager);
    const learner = await createUser({ displayName: "李四" });
    const post = (fields: Record<string, string>, cookie = managerCookie) =>
      settle(
        groupAction({
          request: formRequest(`/groups/${group.id}`, fields, { cookie }),
          context: context(),
          params: { id: group.id },
        }),
      );
    const invite = async (username: string) => {
      const result = actionData<{ error: string | null; message: string | null }>(
        await post({ intent: "invite", username }),
      );
      return { status: result.status, body: JSON.stringify(result.data) };
    };

    // A known, an unknown, a deactivated, an already invited and an already joined name: one answer.
    const gone = await createUser();
    await prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const answers = [
      await invite(learner.username.toUpperCase()),
      await invite("no_such_user"),
      await invite(gone.username),
      await invite(learner.username),
      await invite(manager.username),
    ];
    for (const answer of answers)
      expect(answer).toEqual({
        status: 200,
        body: JSON.stringify({ intent: "invite", error: null, message: INVITATION_SENT }),
      });
    expect(INVITATION_SENT).toBe("如该用户存在且尚未加入本小组，邀请已发送。对方接受后才会成为成员。");
    expect(
      await prisma.groupInvitation.findMany({
        where: { groupId: group.id },
        select: { userId: true, invitedById: true },
      }),
    ).toEqual([{ userId: learner.id, invitedById: manager.id }]);

    // Invited is not a member: not in the member list, not in the report, no progress page.
    expect(await prisma.membership.count({ where: { groupId: group.id, userId: learner.id } })).toBe(0);
    const managerPage = await groupLoader({
      request: getRequest(`/groups/${group.id}`, { cookie: managerCookie }),
      context: context(),
      params: { id: group.id },
    });
    expect(managerPage.members!.map((m) => m.id)).toEqual([manager.id]);
    expect(JSON.stringify(managerPage)).not.toContain(learner.username);
    const progress = await settle(
      memberLoader({
        request: getRequest(`/groups/${group.id}/members/${learner.id}`, { cookie: managerCookie }),
        context: context(),
        params: { id: group.id, userId: learner.id },
      }),
    );
    expect((progress as Response).status).toBe(404);
    expect((await getGroupReport(group.id, {}, new Date())).members.map((m) => m.userId)).not.toContain(learner.id);
    // The invited user cannot open the group before accepting.
    const learnerCookie = await signIn(learner);
    const early = await settle(
      groupLoader({
        request: getRequest(`/groups/${group.id}`, { cookie: learnerCookie }),
        context: context(),
        params: { id: group.id },
      }),
    );
    expect((early as Response).status).toBe(403);

    // The invitation shows on the learner's home page and 小组 page; only they can answer it.
    const home = await homeLoader({
      request: getRequest("/", { cookie: learnerCookie }),
      context: context(),
      params: {},
    });
    expect(home.invitations).toMatchObject([
      { groupId: group.id, groupName: "管理测试", invitedBy: manager.displayName },
    ]);
    const groupsPage = await groupsLoader({
      request: getRequest("/groups", { cookie: learnerCookie }),
      context: context(),
      params: {},
    });
    expect(groupsPage.invitations.map((i) => i.groupId)).toEqual([group.id]);
    const answer = (intent: string, cookie: string) =>
      settle(
        groupsAction({
          request: formRequest("/groups", { intent, groupId: group.id, back: "home" }, { cookie }),
          context: context(),
          params: {},
        }),
      );
    const outsiderCookie = await signIn(await createUser());
    const stranger = actionData<{ error: string }>(await answer("accept-invitation", outsiderCookie));
    expect(stranger).toEqual({ status: 404, data: { about: "invitation", error: "邀请不存在或已失效。" } });
    const accepted = (await answer("accept-invitation", learnerCookie)) as Response;
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/groups/${group.id}`);
    expect(
      await prisma.membership.findUnique({ where: { groupId_userId: { groupId: group.id, userId: learner.id } } }),
    ).toMatchObject({ role: "member" });
    expect(await prisma.groupInvitation.count({ where: { groupId: group.id } })).toBe(0);
    expect(actionData(await answer("accept-invitation", learnerCookie)).status).toBe(404);
    expect((await getGroupReport(group.id, {}, new Date())).members.map((m) => m.userId)).toContain(learner.id);

    // The member sees the group, but neither the invite code nor the member list, and cannot manage.
    const page = await groupLoader({
      request: getRequest(`/groups/${group.id}`, { cookie: learnerCookie }),
      context: context(),
      params: { id: group.id },
    });
    expect(page).toMatchObject({ role: "member", canManage: false, invite: null, members: null, ranking: null });
    const forbidden = await post({ intent: "invite", username: manager.username }, learnerCookie);
    expect((forbidden as Response).status).toBe(403);
    // Nor may an outsider open the group at all.
    const outsider = await settle(
      groupLoader({
        request: getRequest(`/groups/${group.id}`, { cookie: outsiderCookie }),
        context: context(),
        params: { id: group.id },
      }),
    );
    expect((outsider as Response).status).toBe(403);

    // Declining adds nothing and hides the invitation; the group cannot repeat it for 30 days (same answer).
    const other = await createUser();
    const otherCookie = await signIn(other);
    await invite(other.username);
    const declined = (await answer("decline-invitation", otherCookie)) as Response;
    expect(declined.headers.get("Location")).toBe("/");
    expect(await listMyInvitations(other.id)).toEqual([]);
    expect(await prisma.membership.count({ where: { groupId: group.id, userId: other.id } })).toBe(0);
    expect(actionData(await answer("accept-invitation", otherCookie)).status).toBe(404);
    expect(await invite(other.username)).toEqual(answers[0]);
    expect(await listMyInvitations(other.id)).toEqual([]);
    await prisma.groupInvitation.updateMany({
      where: { groupId: group.id, userId: other.id },
      data: { declinedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    await invite(other.username);
    expect((await listMyInvitations(other.id)).map((i) => i.groupId)).toEqual([group.id]);
    // Joining with the group's code answers a pending invitation too.
    await joinByCode(other.id, (await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).inviteCode);
    expect(await prisma.groupInvitation.count({ where: { groupId: group.id } })).toBe(0);
    await post({ intent: "remove-member", userId: other.id });

    const before = (await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).inviteCode;
    await post({ intent: "regenerate-invite" });
    const after = (await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).inviteCode;
    expect(after).not.toBe(before);
    await expect(joinByCode((await createUser()).id, before)).rejects.toThrow("邀请码无效");

    // A manager cannot be removed by a manager.
    expect(actionData(await post({ intent: "remove-member", userId: manager.id })).status).toBe(404);
    await post({ intent: "remove-member", userId: learner.id });
    expect(await prisma.membership.count({ where: { groupId: group.id, userId: learner.id } })).toBe(0);

    expect(await events(group.id)).toEqual([
      { userId: manager.id, actorId: admin.id, action: "added" },
      { userId: manager.id, actorId: admin.id, action: "promoted" },
      { userId: learner.id, actorId: learner.id, action: "joined" },
      { userId: other.id, actorId: other.id, action: "joined" },
      { userId: other.id, actorId: manager.id, action: "removed" },
      { userId: learner.id, actorId: manager.id, action: "removed" },
    ]);
  });

  it("hides invitations to an archived group and refuses to accept them", async () => {
    const group = await createGroup({ name: `归档邀请${Date.now()}`, description: "", timeZone: "Asia/Shanghai" });
    const manager = await createUser();
    await addManager(group.id, manager.username, (await createUser({ role: "admin" })).id);
    const learner = await createUser();
    await inviteMember(group.id, learner.username, manager.id);
    expect(await listMyInvitations(learner.id)).toHaveLength(1);
    await archiveGroup(group.id, new Date());
    expect(await listMyInvitations(learner.id)).toEqual([]);
    await expect(acceptInvitation(learner.id, group.id)).rejects.toThrow("邀请不存在或已失效。");
    // An archived group sends no new invitations either.
    await prisma.groupInvitation.deleteMany({ where: { groupId: group.id } });
    await inviteMember(group.id, learner.username, manager.id);
    expect(await prisma.groupInvitation.count({ where: { groupId: group.id } })).toBe(0);
  });

  it("shows the leaderboard only once a manager turns it on", async () => {
    const group = await createGroup({ name: "排行测试", description: "", timeZone: "Asia/Shanghai" });
    const manager = await createUser();
    await addManager(group.id, manager.username, manager.id);
    const a = await createUser({ displayName: "阿" });
    const b = await createUser({ displayName: "贝" });
    for (const u of [a, b])
      await joinByCode(u.id, (await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).inviteCode);
    const { point, questions } = await createKnowledgePoint({ document: await createDocument() });
    const now = new Date();
    const card = await prisma.card.create({
      data: {
        userId: b.id,
        knowledgePointId: point.id,
        state: "review",
        due: now,
        stability: 30,
        reps: 1,
        lastReview: now,
      },
    });
    await prisma.review.createMany({
      data: Array.from({ length: 3 }, () => ({
        userId: b.id,
        cardId: card.id,
        knowledgePointId: point.id,
        questionId: questions[0]!.id,
        answer: {},
        correct: true,
        rating: 3,
        durationMs: 1,
        wasDue: true,
        stateBefore: {},
        stateAfter: {},
        studyDay: "x",
        reviewedAt: now,
      })),
    });
    expect(await leaderboard(group.id, "reviews", now)).toBeNull();

    await groupAction({
      request: formRequest(
        `/groups/${group.id}`,
        { intent: "leaderboard", enabled: "on" },
        { cookie: await signIn(manager) },
      ),
      context: context(),
      params: { id: group.id },
    });
    const ranking = await leaderboard(group.id, "reviews", now);
    expect(ranking?.map((r) => [r.displayName, r.value, r.rank])).toEqual([
      ["贝", 3, 1],
      ["阿", 0, 2],
    ]);
    expect((await leaderboard(group.id, "mastery", now))?.map((r) => [r.displayName, r.value])).toEqual([
      ["贝", 1],
      ["阿", 0],
    ]);
    const memberPage = await groupLoader({
      request: getRequest(`/groups/${group.id}`, { cookie: await signIn(a) }),
      context: context(),
      params: { id: group.id },
    });
    expect(memberPage.ranking?.length).toBe(2);
  });

  it("lists my groups with open assignments and my status", async () => {
    const group = await createGroup({ name: "作业测试", description: "", timeZone: "Asia/Shanghai" });
    const learner = await createUser();
    await joinByCode(learner.id, (await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).inviteCode);
    const { setId, questions } = await createKnowledgePoint({ document: await createDocument() });
    const { setId: futureSet } = await createKnowledgePoint({ document: await createDocument() });
    const now = new Date("2024-03-06T04:00:00Z");
    await prisma.assignment.create({
      data: {
        setId,
        groupId: group.id,
        opensAt: new Date("2024-03-01T00:00:00Z"),
        dueAt: new Date("2024-03-05T00:00:00Z"),
      },
    });
    await prisma.assignment.create({
      data: { setId: futureSet, groupId: group.id, opensAt: new Date("2024-04-01T00:00:00Z") },
    });
    let [mine] = await listMyGroups(learner.id, now);
    expect(mine!.assignments).toHaveLength(1);
    expect(mine!.assignments[0]).toMatchObject({
      setId,
      overdue: true,
      result: { status: "not_started", score: null },
    });

    await prisma.attempt.create({
      data: {
        userId: learner.id,
        setId,
        questionIds: [questions[0]!.id],
        startedAt: new Date("2024-03-05T10:00:00Z"),
        submittedAt: new Date("2024-03-05T10:05:00Z"),
        score: 100,
      },
    });
    [mine] = await listMyGroups(learner.id, now);
    expect(mine!.assignments[0]).toMatchObject({ overdue: false, result: { status: "late", score: 100 } });
  });
});

describe("demo data", () => {
  it("seeds the demo group once, with history the report can read, and adds nothing when run again", async () => {
    const { seedDemo } = await import("~/groups/demo.server");
    const { getGroupReport } = await import("~/groups/report.server");
    const document = await createDocument();
    const { setId } = await createKnowledgePoint({ document });
    for (let i = 0; i < 5; i++) await createKnowledgePoint({ document, setId, formats: ["single"] });

    const first = await seedDemo();
    expect(first).toMatchObject({ created: true, members: 50, manager: "demo_manager" });
    expect(first.reviews).toBeGreaterThan(1000);
    expect(first.attempts).toBeGreaterThan(20);
    const counts = async () => ({
      groups: await prisma.group.count({ where: { name: "演示小组" } }),
      users: await prisma.user.count(),
      reviews: await prisma.review.count(),
      attempts: await prisma.attempt.count(),
      events: await prisma.membershipEvent.count(),
    });
    const before = await counts();
    const second = await seedDemo();
    expect(second).toMatchObject({
      created: false,
      groupId: first.groupId,
      members: 50,
      reviews: first.reviews,
      attempts: first.attempts,
    });
    expect(second.password).not.toBe(first.password);
    expect(await counts()).toEqual(before);

    const report = await getGroupReport(first.groupId, {});
    expect(report.summary.members).toBe(50);
    expect(report.summary.activeThisWeek).toBeGreaterThan(10);
    expect(report.summary.activeThisWeek).toBeLessThan(50);
    expect(report.summary.retention.rate).toBeGreaterThan(0.5);
    expect(report.members.some((m) => m.streak > 0)).toBe(true);
    expect(report.members.some((m) => m.lastStudyDay === null || m.reviews7 === 0)).toBe(true);
  });
});

describe("group names, renaming and archiving (issue 18, defect 5)", () => {
  it("refuses a second group of the same name (however written), renames, archives and restores", async () => {
    const admin = await createUser({ role: "admin" });
    const cookie = await signIn(admin);
    const post = async (fields: Record<string, string>) =>
      actionData<{ errors: Record<string, string>; message?: string }>(
        await adminGroupsAction({
          request: formRequest("/admin/groups", fields, { cookie }),
          context: context(),
          params: {},
        }),
      );
    const created = await post({ intent: "create", name: "ＡＢＣ 学习组", timeZone: "Asia/Shanghai" });
    expect(created.status).toBe(200);
    // Kept as typed; compared NFKC, case- and space-insensitively.
    const group = await prisma.group.findFirstOrThrow({ where: { name: "ＡＢＣ 学习组" } });
    // The second click on 创建小组, and the same name in other widths, cases and spacing.
    for (const name of ["ABC 学习组", " abc  学习组 ", "ａｂｃ 学习组"]) {
      const again = await post({ intent: "create", name, timeZone: "Asia/Shanghai" });
      expect(again.status).toBe(409);
      expect(again.data.errors.form).toBe("已有同名小组“ＡＢＣ 学习组”，请换一个名称。");
    }
    // Two at once: the unique index decides, one group and one clear refusal.
    const raced = await Promise.allSettled(
      [1, 2].map(() => createGroup({ name: "同时创建", description: "", timeZone: "Asia/Shanghai" })),
    );
    expect(await prisma.group.count({ where: { name: "同时创建" } })).toBe(1);
    expect(raced.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = raced.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(GroupError);
    expect((refused.reason as GroupError).status).toBe(409);
    expect(await prisma.group.count({ where: { nameKey: "abc 学习组" } })).toBe(1);

    await createGroup({ name: "第二组", description: "", timeZone: "Asia/Shanghai" });
    expect((await post({ intent: "rename", groupId: group.id, name: "第二组" })).status).toBe(409);
    const renamed = await post({ intent: "rename", groupId: group.id, name: "理论学习组（一）" });
    expect(renamed).toMatchObject({ status: 200, data: { message: "已改名为“理论学习组（一）”" } });
    expect((await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).name).toBe("理论学习组（一）");
    expect((await post({ intent: "rename", groupId: group.id, name: " " })).data.errors.name).toBe("请输入小组名称");

    // Archive: the invite code stops working, open assignments are withdrawn, history stays.
    const learner = await createUser();
    const setId = (await createKnowledgePoint()).setId;
    await prisma.assignment.create({ data: { setId, groupId: group.id } });
    await prisma.membership.create({ data: { groupId: group.id, userId: learner.id } });
    expect((await post({ intent: "archive", groupId: group.id })).status).toBe(200);
    const archived = await prisma.group.findUniqueOrThrow({
      where: { id: group.id },
      include: { assignments: true, memberships: true },
    });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.assignments.every((a) => a.withdrawnAt !== null)).toBe(true);
    expect(archived.memberships).toHaveLength(1);
    await expect(joinByCode((await createUser()).id, archived.inviteCode)).rejects.toBeInstanceOf(GroupError);
    expect((await listMyGroups(learner.id, new Date())).map((g) => g.id)).not.toContain(group.id);
    // Its name stays taken while it is archived, with a message that says where it is.
    const clash = await post({ intent: "create", name: "理论学习组(一)", timeZone: "Asia/Shanghai" });
    expect(clash.data.errors.form).toBe("已有同名小组“理论学习组（一）”（已归档），请恢复它或换一个名称。");
    expect((await post({ intent: "restore", groupId: group.id })).status).toBe(200);
    expect((await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).archivedAt).toBeNull();
  });
});
