import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { getGroupReport } from "~/groups/report.server";
import { createGroup } from "~/groups/groups.server";
import { action as loginAction } from "~/routes/login";
import { loader as reportLoader } from "~/routes/groups.$id.report";
import { loader as membersCsv } from "~/routes/groups.$id.report_.members[.]csv";
import { loader as assignmentsCsv } from "~/routes/groups.$id.report_.assignments[.]csv";
import { loader as weakestCsv } from "~/routes/groups.$id.report_.weakest[.]csv";
import { loader as itemsCsv } from "~/routes/groups.$id.report_.items[.]csv";
import { loader as memberProgressLoader } from "~/routes/groups.$id.members.$userId";
import { createDocument, createKnowledgePoint, createUser } from "../factories";
import { context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

// 12:00 in Shanghai on Wednesday 2024-03-06: the group's study day is 2024-03-06.
const NOW = new Date("2024-03-06T04:00:00Z");

async function signIn(user: { username: string; password: string }) {
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return sessionCookie(response);
}

async function member(groupId: string, userId: string, role: "member" | "manager" = "member") {
  // Joined before any of the history below: a report counts activity since joining only.
  await prisma.membership.create({ data: { groupId, userId, role, joinedAt: new Date("2023-11-01T00:00:00Z") } });
}

async function card(
  userId: string,
  knowledgePointId: string,
  fields: { stability: number; lastReview: string; createdAt?: string },
) {
  return prisma.card.create({
    data: {
      userId,
      knowledgePointId,
      state: "review",
      due: new Date("2024-04-01T00:00:00Z"),
      stability: fields.stability,
      difficulty: 5,
      reps: 3,
      lastReview: new Date(fields.lastReview),
      createdAt: new Date(fields.createdAt ?? "2024-02-01T00:00:00Z"),
    },
  });
}

/** `count` reviews at noon Shanghai time on a day. */
function reviews(
  target: { userId: string; cardId: string; knowledgePointId: string; questionId: string },
  day: string,
  outcomes: { correct: boolean; wasDue: boolean }[],
) {
  return outcomes.map(({ correct, wasDue }) => ({
    ...target,
    answer: {},
    correct,
    rating: correct ? 3 : 1,
    durationMs: 3000,
    wasDue,
    stateBefore: {},
    stateAfter: {},
    studyDay: day,
    reviewedAt: new Date(`${day}T04:00:00Z`),
  }));
}

const right = { correct: true, wasDue: true };
const wrong = { correct: false, wasDue: true };

async function attempt(
  userId: string,
  setId: string,
  questionIds: string[],
  fields: { startedAt: string; submittedAt?: string; score?: number; correct?: string[] },
) {
  return prisma.attempt.create({
    data: {
      userId,
      setId,
      questionIds,
      startedAt: new Date(fields.startedAt),
      submittedAt: fields.submittedAt ? new Date(fields.submittedAt) : null,
      score: fields.score ?? null,
      answers: fields.correct
        ? {
            create: questionIds
              .filter((id) => fields.correct!.includes(id) || fields.correct!.includes(`wrong:${id}`))
              .map((id) => ({ questionId: id, answer: [], correct: fields.correct!.includes(id), durationMs: 1000 })),
          }
        : undefined,
    },
  });
}

describe("group report on a hand-made history", () => {
  let groupId: string;
  let a: { id: string };
  let b: { id: string };
  let c: { id: string };
  const kps: { id: string; questionId: string }[] = [];
  let document: Awaited<ReturnType<typeof createDocument>>;

  beforeAll(async () => {
    groupId = (await createGroup({ name: "测试小组", description: "", timeZone: "Asia/Shanghai" })).id;
    a = await createUser({ displayName: "甲" });
    b = await createUser({ displayName: "乙" });
    c = await createUser({ displayName: "丙" });
    const manager = await createUser({ displayName: "组长" });
    for (const u of [a, b, c]) await member(groupId, u.id);
    await member(groupId, manager.id, "manager");

    document = await createDocument({ title: "报告测试文档" });
    const s1 = await prisma.questionSet.create({
      data: { title: "作业一", status: "published", publishedAt: new Date("2024-01-01T00:00:00Z") },
    });
    const s2 = await prisma.questionSet.create({
      data: { title: "作业二", status: "published", publishedAt: new Date("2024-01-01T00:00:00Z") },
    });
    for (let i = 0; i < 4; i++) {
      const { point, questions } = await createKnowledgePoint({
        document,
        setId: i < 2 ? s1.id : s2.id,
        subject: `考点${i + 1}`,
      });
      kps.push({ id: point.id, questionId: questions[0]!.id });
    }
    // A point outside every assigned set: studied, but not part of coverage.
    const { point: extra, questions: extraQuestions } = await createKnowledgePoint({ document, subject: "额外考点" });

    await prisma.assignment.create({
      data: {
        setId: s1.id,
        groupId,
        opensAt: new Date("2024-02-20T00:00:00Z"),
        dueAt: new Date("2024-03-01T10:00:00Z"),
      },
    });
    await prisma.assignment.create({
      data: {
        setId: s2.id,
        groupId,
        opensAt: new Date("2024-02-20T00:00:00Z"),
        dueAt: new Date("2024-03-10T10:00:00Z"),
      },
    });

    // Cards. A: three of the four assigned points (two mastered) and the extra one; B: one.
    const a1 = await card(a.id, kps[0]!.id, { stability: 25, lastReview: "2024-03-06T04:00:00Z" });
    await card(a.id, kps[1]!.id, { stability: 25, lastReview: "2024-03-01T04:00:00Z" });
    await card(a.id, kps[2]!.id, { stability: 2, lastReview: "2024-02-20T04:00:00Z" });
    // Created after the range we filter to later: counts for coverage only from then on.
    await card(a.id, extra.id, {
      stability: 30,
      lastReview: "2024-03-05T04:00:00Z",
      createdAt: "2024-03-05T04:00:00Z",
    });
    const b1 = await card(b.id, kps[0]!.id, { stability: 1, lastReview: "2024-02-20T04:00:00Z" });

    const ta = { userId: a.id, cardId: a1.id, knowledgePointId: kps[0]!.id, questionId: kps[0]!.questionId };
    const tb = { userId: b.id, cardId: b1.id, knowledgePointId: kps[0]!.id, questionId: kps[0]!.questionId };
    await prisma.review.createMany({
      data: [
        ...reviews(ta, "2024-02-01", [right]),
        ...reviews(ta, "2024-03-04", [right, right]),
        ...reviews(ta, "2024-03-05", [right, { correct: true, wasDue: false }]),
        ...reviews(ta, "2024-03-06", [right, wrong]),
        ...reviews(tb, "2024-02-20", [right, wrong, wrong, wrong]),
        // Extra reviews of point 1, to pass the weak-point threshold; another point stays under it.
        ...reviews({ ...tb, knowledgePointId: extra.id, questionId: extraQuestions[0]!.id }, "2024-02-21", [
          wrong,
          right,
        ]),
      ],
    });

    // Assignment one: A on time (80, then a late retake of 100 that must not replace it), B late (50), C nothing.
    await attempt(a.id, s1.id, [kps[0]!.questionId, kps[1]!.questionId], {
      startedAt: "2024-02-28T02:00:00Z",
      submittedAt: "2024-02-28T02:10:00Z",
      score: 80,
    });
    await attempt(a.id, s1.id, [kps[0]!.questionId, kps[1]!.questionId], {
      startedAt: "2024-03-02T02:00:00Z",
      submittedAt: "2024-03-02T02:10:00Z",
      score: 100,
    });
    await attempt(b.id, s1.id, [kps[0]!.questionId, kps[1]!.questionId], {
      startedAt: "2024-03-02T02:00:00Z",
      submittedAt: "2024-03-02T02:10:00Z",
      score: 50,
    });
    // An attempt before the assignment opened does not count for it.
    await attempt(c.id, s1.id, [kps[0]!.questionId], {
      startedAt: "2024-02-10T02:00:00Z",
      submittedAt: "2024-02-10T02:10:00Z",
      score: 100,
    });
    // Assignment two: A has started but not submitted.
    await attempt(a.id, s2.id, [kps[2]!.questionId], { startedAt: "2024-03-05T02:00:00Z" });
  });

  it("counts members, this week's active members, 30-day true retention", async () => {
    const report = await getGroupReport(groupId, {}, NOW);
    expect(report.today).toBe("2024-03-06");
    expect(report.range).toEqual({ from: "2024-02-06", to: "2024-03-06", days: 30 });
    expect(report.summary.members).toBe(3);
    expect(report.summary.activeThisWeek).toBe(1);
    // A: 4 of 5 due in range (02-01 is before it, one on 03-05 was not due); B: 1 of 4 on point 1, 1 of 2 on the extra point.
    expect(report.summary.retention).toEqual({ part: 6, whole: 11, rate: 6 / 11 });
  });

  it("measures coverage of the assigned sets' points and on-time completion of closed assignments", async () => {
    const report = await getGroupReport(groupId, {}, NOW);
    // Four points × three members; A has three, B one, C none.
    expect(report.summary.coverage).toEqual({ part: 4, whole: 12, rate: 1 / 3, points: 4 });
    // Only assignment one is due by the end of the range: A on time of 3 members.
    expect(report.summary.onTime).toEqual({ part: 1, whole: 3, rate: 1 / 3, assignments: 1 });
    const [one, two] = report.assignments;
    expect(one).toMatchObject({ title: "作业一", closed: true, submitted: 2, onTime: 1, averageScore: 65 });
    expect(two).toMatchObject({ title: "作业二", closed: false, submitted: 0, onTime: 0, averageScore: null });
  });

  it("fills each member's row: last day, streak, reviews, retention, mastery, results", async () => {
    const report = await getGroupReport(groupId, {}, NOW);
    const rows = new Map(report.members.map((m) => [m.displayName, m]));
    const [one, two] = report.assignments;
    expect(rows.get("甲")).toMatchObject({
      lastStudyDay: "2024-03-06",
      streak: 3,
      reviews7: 6,
      reviewsRange: 6,
      retention: { part: 4, whole: 5 },
      // Point 1 reviewed today and point 4 yesterday are within their stability; point 3 is 15 days past 2.
      mastery: { part: 3, whole: 4 },
      coverage: { part: 3, whole: 4 },
    });
    expect(rows.get("甲")!.results[one!.id]).toEqual({ status: "on_time", score: 80 });
    expect(rows.get("甲")!.results[two!.id]).toEqual({ status: "in_progress", score: null });
    expect(rows.get("乙")).toMatchObject({
      lastStudyDay: "2024-02-21",
      streak: 0,
      reviews7: 0,
      reviewsRange: 6,
      retention: { part: 2, whole: 6 },
      mastery: { part: 0, whole: 1 },
    });
    expect(rows.get("乙")!.results[one!.id]).toEqual({ status: "late", score: 50 });
    expect(rows.get("丙")).toMatchObject({
      lastStudyDay: null,
      streak: 0,
      reviews7: 0,
      retention: { part: 0, whole: 0, rate: null },
    });
    expect(rows.get("丙")!.results[one!.id]).toEqual({ status: "not_started", score: null });
  });

  it("keeps a streak that began before the scanned window", async () => {
    const d = await createUser({ displayName: "丁" });
    await member(groupId, d.id);
    const dc = await card(d.id, kps[3]!.id, { stability: 25, lastReview: "2024-03-06T04:00:00Z" });
    const target = { userId: d.id, cardId: dc.id, knowledgePointId: kps[3]!.id, questionId: kps[3]!.questionId };
    const days: string[] = [];
    for (let t = Date.parse("2023-11-20T00:00:00Z"); t <= Date.parse("2024-03-05T00:00:00Z"); t += 86_400_000)
      days.push(new Date(t).toISOString().slice(0, 10));
    await prisma.review.createMany({
      data: days.flatMap((day) => reviews(target, day, [{ correct: true, wasDue: false }])),
    });
    const report = await getGroupReport(groupId, {}, NOW);
    // Studied every day up to yesterday: the run survives today and counts all 107 days.
    expect(report.members.find((m) => m.displayName === "丁")!.streak).toBe(days.length);
    await prisma.review.deleteMany({ where: { userId: d.id } });
    await prisma.card.deleteMany({ where: { userId: d.id } });
    await prisma.membership.delete({ where: { groupId_userId: { groupId, userId: d.id } } });
  });

  it("draws 12 weekly trends ending with the range", async () => {
    const report = await getGroupReport(groupId, {}, NOW);
    expect(report.trends).toHaveLength(12);
    const last = report.trends.at(-1)!;
    expect(last).toMatchObject({
      start: "2024-02-29",
      end: "2024-03-06",
      activeMembers: 1,
      reviews: 6,
      retention: { part: 4, whole: 5 },
      averageScore: 75,
      submissions: 2,
    });
    // 02-22 – 02-28: A's on-time attempt (80) only.
    expect(report.trends.at(-2)).toMatchObject({ start: "2024-02-22", activeMembers: 0, reviews: 0, averageScore: 80 });
    // 02-15 – 02-21: B's reviews.
    expect(report.trends.at(-3)).toMatchObject({ activeMembers: 1, reviews: 6, retention: { part: 2, whole: 6 } });
    // A's review on 02-01 falls in the week 02-01 – 02-07.
    expect(report.trends.find((w) => w.start === "2024-02-01")).toMatchObject({ activeMembers: 1, reviews: 1 });
  });

  it("lists the weakest points with enough due reviews, linked to their passage", async () => {
    const report = await getGroupReport(groupId, {}, NOW);
    // Point 1: A 4 of 5 and B 1 of 4 due reviews right; the extra point has only 2 due reviews.
    expect(report.weakest).toHaveLength(1);
    expect(report.weakest[0]).toMatchObject({
      knowledgePointId: kps[0]!.id,
      documentId: document.id,
      passageOrdinal: 0,
      members: 2,
      retention: { part: 5, whole: 9, rate: 5 / 9 },
    });
  });

  it("filters by date range in the group's time zone", async () => {
    const report = await getGroupReport(groupId, { from: "2024-02-15", to: "2024-02-29" }, NOW);
    expect(report.range).toEqual({ from: "2024-02-15", to: "2024-02-29", days: 15 });
    const rows = new Map(report.members.map((m) => [m.displayName, m]));
    expect(rows.get("甲")).toMatchObject({ lastStudyDay: "2024-02-01", streak: 0, reviewsRange: 0 });
    expect(rows.get("乙")).toMatchObject({ lastStudyDay: "2024-02-21", reviewsRange: 6, reviews7: 0 });
    // Assignment one was due 03-01, after this range ended: nothing is closed yet.
    expect(report.summary.onTime.assignments).toBe(0);
    // The extra card was created on 03-05, after the range: but it is not an assigned point anyway.
    expect(report.summary.coverage.part).toBe(4);
    // Tomorrow's range end is clamped to today; garbage falls back to the default.
    expect((await getGroupReport(groupId, { from: "2024-13-40", to: "2099-01-01" }, NOW)).range).toEqual({
      from: "2024-02-06",
      to: "2024-03-06",
      days: 30,
    });
    // Noon on 03-06 Shanghai is still 03-05 in New York (study day from 04:00).
    await prisma.group.update({ where: { id: groupId }, data: { timeZone: "America/New_York" } });
    const ny = await getGroupReport(groupId, {}, NOW);
    expect(ny.today).toBe("2024-03-05");
    expect(ny.members.find((m) => m.displayName === "甲")!.lastStudyDay).toBe("2024-03-05");
    await prisma.group.update({ where: { id: groupId }, data: { timeZone: "Asia/Shanghai" } });
  });
});

describe("item analysis", () => {
  it("computes facility and upper-lower discrimination on first attempts and flags a negative item once", async () => {
    const groupId = (await createGroup({ name: "项目分析组", description: "", timeZone: "Asia/Shanghai" })).id;
    const document = await createDocument();
    const set = await prisma.questionSet.create({
      data: { title: "测验", status: "published", publishedAt: new Date("2024-01-01T00:00:00Z") },
    });
    const q: string[] = [];
    for (const subject of ["好题", "坏题", "易题"])
      q.push((await createKnowledgePoint({ document, setId: set.id, subject })).questions[0]!.id);
    const [good, bad, easy] = q as [string, string, string];
    await prisma.assignment.create({
      data: {
        setId: set.id,
        groupId,
        opensAt: new Date("2024-02-01T00:00:00Z"),
        dueAt: new Date("2024-03-01T00:00:00Z"),
      },
    });
    const members = [];
    for (let i = 0; i < 25; i++) {
      const user = await createUser();
      await member(groupId, user.id);
      members.push(user);
      // Score i × 4; the top 7 and bottom 7 of 25 (27 %, rounded) are the upper and lower groups.
      const correct = [
        ...(i >= 12 ? [good] : [`wrong:${good}`]),
        ...(i < 10 ? [bad] : [`wrong:${bad}`]),
        // Member 5 never answered the easy one: unanswered counts as wrong.
        ...(i === 5 ? [] : [easy]),
      ];
      await attempt(user.id, set.id, q, {
        startedAt: "2024-02-10T00:00:00Z",
        submittedAt: "2024-02-10T00:10:00Z",
        score: i * 4,
        correct,
      });
    }
    // A retake by the weakest member, all right: only first attempts are analysed.
    await attempt(members[0]!.id, set.id, q, {
      startedAt: "2024-02-11T00:00:00Z",
      submittedAt: "2024-02-11T00:10:00Z",
      score: 100,
      correct: q,
    });

    const report = await getGroupReport(groupId, { from: "2024-02-01", to: "2024-03-01" }, NOW);
    const [analysis] = report.itemAnalysis;
    expect(analysis!.attempts).toBe(25);
    const byId = new Map(analysis!.items.map((item) => [item.questionId, item]));
    expect(byId.get(good)).toMatchObject({
      attempts: 25,
      facility: 13 / 25,
      discrimination: 1,
      negative: false,
      flagged: false,
    });
    expect(byId.get(bad)).toMatchObject({
      attempts: 25,
      facility: 10 / 25,
      discrimination: -1,
      upperFacility: 0,
      lowerFacility: 1,
      negative: true,
      flagged: true,
    });
    expect(byId.get(easy)!.facility).toBe(24 / 25);
    expect(byId.get(easy)!.discrimination).toBeCloseTo(1 / 7, 10);
    // Most suspicious first.
    expect(analysis!.items[0]!.questionId).toBe(bad);

    // Once flagged, a report (a GET, and every CSV download) writes nothing: no transaction at all.
    const transactions = vi.spyOn(prisma, "$transaction");
    try {
      await getGroupReport(groupId, { from: "2024-02-01", to: "2024-03-01" }, NOW);
      await Promise.all([getGroupReport(groupId, {}, NOW), getGroupReport(groupId, {}, NOW)]);
      expect(transactions).not.toHaveBeenCalled();
    } finally {
      transactions.mockRestore();
    }
    const flags = await prisma.flag.findMany({ where: { source: "item_analysis" } });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ questionId: bad, userId: null, resolvedAt: null });
    expect(flags[0]!.comment).toContain("区分度为 -1.00");

    // Resolved by an administrator without an edit: not raised again.
    await prisma.flag.update({
      where: { id: flags[0]!.id },
      data: { resolvedAt: new Date("2024-03-02T00:00:00Z"), resolution: "题目无误" },
    });
    await getGroupReport(groupId, {}, NOW);
    expect(await prisma.flag.count({ where: { source: "item_analysis" } })).toBe(1);
    // Edited after that resolution: judged again — once, even by two reports at the same moment.
    await prisma.question.update({ where: { id: bad }, data: { editedAt: new Date("2024-03-03T00:00:00Z") } });
    await Promise.all([
      getGroupReport(groupId, {}, NOW),
      getGroupReport(groupId, {}, NOW),
      getGroupReport(groupId, {}, NOW),
    ]);
    expect(await prisma.flag.count({ where: { source: "item_analysis", resolvedAt: null } })).toBe(1);
  });
});

describe("report permissions and CSV", () => {
  let groupId: string;
  let cookies: Record<"manager" | "otherManager" | "member" | "admin" | "outsider", string>;
  const csvLoaders = { members: membersCsv, assignments: assignmentsCsv, weakest: weakestCsv, items: itemsCsv };

  beforeAll(async () => {
    groupId = (await createGroup({ name: "权限组", description: "", timeZone: "Asia/Shanghai" })).id;
    const otherGroupId = (await createGroup({ name: "别的组", description: "", timeZone: "Asia/Shanghai" })).id;
    const manager = await createUser();
    const otherManager = await createUser();
    const learner = await createUser({ displayName: '王,"小"明' });
    const admin = await createUser({ role: "admin" });
    const outsider = await createUser({ displayName: "=HYPERLINK(1)" });
    await member(groupId, manager.id, "manager");
    await member(otherGroupId, otherManager.id, "manager");
    await member(groupId, learner.id);
    await member(groupId, outsider.id);
    await prisma.membership.delete({ where: { groupId_userId: { groupId, userId: outsider.id } } });
    await member(groupId, outsider.id);
    cookies = {
      manager: await signIn(manager),
      otherManager: await signIn(otherManager),
      member: await signIn(learner),
      admin: await signIn(admin),
      outsider: await signIn(await createUser()),
    };
  });

  const call = (
    loader: typeof reportLoader | typeof membersCsv,
    path: string,
    cookie?: string,
    params: Record<string, string> = { id: groupId },
  ) => settle(Promise.resolve(loader({ request: getRequest(path, { cookie }), context: context(), params })));

  it("refuses managers of other groups, members and outsiders with 403 on the page and every CSV", async () => {
    for (const who of ["otherManager", "member", "outsider"] as const) {
      const page = await call(reportLoader, `/groups/${groupId}/report`, cookies[who]);
      expect((page as Response).status, who).toBe(403);
      for (const [name, loader] of Object.entries(csvLoaders)) {
        const result = await call(loader, `/groups/${groupId}/report/${name}.csv`, cookies[who]);
        expect((result as Response).status, `${who} ${name}`).toBe(403);
      }
    }
    const anonymous = await call(reportLoader, `/groups/${groupId}/report`);
    expect((anonymous as Response).status).toBe(302);
    const anonymousCsv = await call(membersCsv, `/groups/${groupId}/report/members.csv`);
    expect((anonymousCsv as Response).status).toBe(302);
  });

  it("lets the group's manager and administrators in", async () => {
    for (const who of ["manager", "admin"] as const) {
      const page = await call(reportLoader, `/groups/${groupId}/report`, cookies[who]);
      expect(page).not.toBeInstanceOf(Response);
      for (const [name, loader] of Object.entries(csvLoaders)) {
        const result = (await call(loader, `/groups/${groupId}/report/${name}.csv`, cookies[who])) as Response;
        expect(result.status, `${who} ${name}`).toBe(200);
      }
    }
    const missing = await call(reportLoader, "/groups/x/report", cookies.admin, {
      id: "00000000-0000-0000-0000-000000000000",
    });
    expect((missing as Response).status).toBe(404);
  });

  it("serves UTF-8 CSV with a BOM, Chinese headers, quoting and an attachment header", async () => {
    const response = (await call(membersCsv, `/groups/${groupId}/report/members.csv`, cookies.manager)) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="group-members-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(response.headers.get("Content-Disposition")!.split("''")[1]!)).toMatch(/^权限组-成员-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const [header, ...lines] = text.split("\r\n");
    expect(header!.startsWith("姓名,用户名,加入时间,最近学习日,连续学习天数")).toBe(true);
    expect(lines.some((line) => line.startsWith('"王,""小""明",'))).toBe(true);
    expect(lines.some((line) => line.startsWith("'=HYPERLINK(1),"))).toBe(true);
  });

  it("shows a member's progress to the manager only, and only for members of that group", async () => {
    const learner = await prisma.membership.findFirstOrThrow({
      where: { groupId, role: "member" },
      select: { userId: true },
    });
    const params = { id: groupId, userId: learner.userId };
    const ok = await settle(
      memberProgressLoader({ request: getRequest("/x", { cookie: cookies.manager }), context: context(), params }),
    );
    expect(ok).not.toBeInstanceOf(Response);
    const other = await settle(
      memberProgressLoader({ request: getRequest("/x", { cookie: cookies.otherManager }), context: context(), params }),
    );
    expect((other as Response).status).toBe(403);
    const self = await settle(
      memberProgressLoader({ request: getRequest("/x", { cookie: cookies.member }), context: context(), params }),
    );
    expect((self as Response).status).toBe(403);
    const stranger = (await createUser()).id;
    const notMember = await settle(
      memberProgressLoader({
        request: getRequest("/x", { cookie: cookies.manager }),
        context: context(),
        params: { id: groupId, userId: stranger },
      }),
    );
    expect((notMember as Response).status).toBe(404);
  });
});

describe("privacy: a manager sees activity since joining only", () => {
  it("leaves out, in the report and on the member's page, everything before the member joined", async () => {
    const groupId = (await createGroup({ name: "隐私测试组", description: "", timeZone: "Asia/Shanghai" })).id;
    const manager = await createUser();
    await member(groupId, manager.id, "manager");
    const cookie = await signIn(manager);
    const document = await createDocument();
    const set = await prisma.questionSet.create({
      data: { title: "隐私作业", status: "published", publishedAt: new Date("2024-01-01T00:00:00Z") },
    });
    const before = await createKnowledgePoint({ document, setId: set.id, subject: "旧考点" });
    const after = await createKnowledgePoint({ document, setId: set.id, subject: "新考点" });
    await prisma.assignment.create({
      data: {
        setId: set.id,
        groupId,
        opensAt: new Date("2024-01-01T00:00:00Z"),
        dueAt: new Date("2024-03-10T00:00:00Z"),
      },
    });

    // A learner with months of history is added on 2024-03-04 (Shanghai).
    const learner = await createUser({ displayName: "新成员" });
    await prisma.membership.create({
      data: { groupId, userId: learner.id, joinedAt: new Date("2024-03-04T02:00:00Z") },
    });
    const oldCard = await card(learner.id, before.point.id, {
      stability: 30,
      lastReview: "2024-02-20T04:00:00Z",
      createdAt: "2024-01-10T00:00:00Z",
    });
    const newCard = await card(learner.id, after.point.id, {
      stability: 30,
      lastReview: "2024-03-05T04:00:00Z",
      createdAt: "2024-03-05T04:00:00Z",
    });
    const oldTarget = {
      userId: learner.id,
      cardId: oldCard.id,
      knowledgePointId: before.point.id,
      questionId: before.questions[0]!.id,
    };
    const newTarget = {
      userId: learner.id,
      cardId: newCard.id,
      knowledgePointId: after.point.id,
      questionId: after.questions[0]!.id,
    };
    await prisma.review.createMany({
      data: [
        ...reviews(oldTarget, "2024-02-10", [wrong, wrong, wrong, right]),
        ...reviews(oldTarget, "2024-02-20", [wrong, right]),
        ...reviews(newTarget, "2024-03-05", [right, right, wrong]),
      ],
    });
    // A quiz taken before joining does not count for the group's assignment either.
    await attempt(learner.id, set.id, [before.questions[0]!.id], {
      startedAt: "2024-02-15T02:00:00Z",
      submittedAt: "2024-02-15T02:10:00Z",
      score: 100,
    });

    const report = await getGroupReport(groupId, { from: "2024-01-01", to: "2024-03-06" }, NOW);
    const row = report.members.find((m) => m.userId === learner.id)!;
    expect(row.reviewsRange).toBe(3);
    expect(row.lastStudyDay).toBe("2024-03-05");
    expect(row.retention).toMatchObject({ part: 2, whole: 3 });
    // Coverage: only the card started since joining.
    expect(row.coverage).toMatchObject({ part: 1, whole: 2 });
    expect(Object.values(row.results)).toEqual([{ status: "not_started", score: null }]);
    expect(report.trends.reduce((sum, w) => sum + w.reviews, 0)).toBe(3);

    const page = await memberProgressLoader({
      request: getRequest("/x", { cookie }),
      context: context(),
      params: { id: groupId, userId: learner.id },
    });
    expect(page.progress.totalReviews).toBe(3);
    expect(page.progress.studyDays).toBe(1);
    expect(page.progress.mastery.total.cards).toBe(1);
    // Lapsed three times, but before joining: not the group's business.
    expect(page.progress.lapses.total).toBe(0);
  });
});
