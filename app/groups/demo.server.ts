/**
 * Demo data for the group report: a group of simulated learners with 60 days of history, each
 * review answered with the probability FSRS's forgetting curve gives at that moment (so retention,
 * mastery and streaks look like a real group's), and quizzes on the published sets it was assigned.
 * Seeded randomness: the same database gets the same story.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { addDays, studyDay, studyDayStart } from "~/study/day";
import { applyAnswer, newCardState, retrievability, type CardState } from "~/study/scheduler";
import { generateInviteCode } from "./invite";

export const DEMO_GROUP_NAME = "演示小组";
export const DEMO_MANAGER = "demo_manager";
/**
 * Demo rows carry fixed ids (the "de…" prefix), so the seed recognises its own data and nothing
 * else: a real group that happens to be called 演示小组, or a real person called demo_007, is never
 * reused, enrolled or given a new password.
 */
export const DEMO_GROUP_ID = "de000000-0000-4000-8000-000000000000";
/** The demo manager is number 0, the members 1…50. */
export function demoUserId(index: number): string {
  return `de000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`;
}
const demoUsername = (index: number) => (index === 0 ? DEMO_MANAGER : `demo_${String(index).padStart(3, "0")}`);

/** The seed would have to touch accounts that are not its own: it stops and changes nothing. */
export class DemoConflictError extends Error {}
const TIME_ZONE = "Asia/Shanghai";
const DAYS = 60;
const MEMBERS = 50;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "霞",
  "平",
  "刚",
  "桂英",
  "建华",
  "晓东",
  "海燕",
  "志强",
  "文博",
  "思远",
  "雨欣",
  "子涵",
];

/** mulberry32: small, fast, and seeded, so a re-seed on an empty database tells the same story. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Profile = "diligent" | "lapsing" | "absent";

interface Persona {
  profile: Profile;
  /** Chance of studying on a given day, before any drop-off. */
  rate: number;
  /** Day index after which a lapsing learner mostly stops. */
  dropAfter: number;
  /** Added to recall probability: some people simply know the material better. */
  skill: number;
  newPerDay: number;
}

function persona(index: number, rnd: () => number): Persona {
  const profile: Profile = index % 10 < 6 ? "diligent" : index % 10 < 9 ? "lapsing" : "absent";
  return {
    profile,
    rate: profile === "diligent" ? 0.8 + rnd() * 0.2 : profile === "lapsing" ? 0.5 + rnd() * 0.3 : 0.15,
    dropAfter: profile === "lapsing" ? 15 + Math.floor(rnd() * 35) : profile === "absent" ? 8 : DAYS,
    skill: (rnd() - 0.5) * 0.2,
    newPerDay: 5 + Math.floor(rnd() * 6),
  };
}

export interface DemoResult {
  created: boolean;
  groupId: string;
  inviteCode: string;
  manager: string;
  password: string;
  members: number;
  reviews: number;
  attempts: number;
}

/**
 * Creates the demo group once, in one transaction (an interrupted run leaves nothing behind, and the
 * next run starts afresh); run again, it only resets the demo manager's password (printed, never
 * stored in clear) so the report can be opened, and adds nothing. It refuses to run when any demo
 * username (demo_manager, demo_001…) belongs to an account it did not create.
 */
export async function seedDemo({ now = new Date(), log = (_: string) => {} } = {}): Promise<DemoResult> {
  const usernames = Array.from({ length: MEMBERS + 1 }, (_, i) => demoUsername(i));
  const taken = await prisma.user.findMany({
    where: { username: { in: usernames } },
    select: { id: true, username: true },
  });
  const foreign = taken.filter((u) => u.id !== demoUserId(usernames.indexOf(u.username))).map((u) => u.username);
  if (foreign.length > 0) {
    throw new DemoConflictError(
      `以下用户名已被不属于演示数据的账号使用：${foreign.slice(0, 5).join("、")}${foreign.length > 5 ? ` 等 ${foreign.length} 个` : ""}。为避免改动真实账号，演示数据未生成，数据库没有任何改动。`,
    );
  }
  const password = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  const existing = await prisma.group.findUnique({
    where: { id: DEMO_GROUP_ID },
    select: { id: true, inviteCode: true },
  });
  if (existing) {
    const manager = await prisma.user.upsert({
      where: { id: demoUserId(0) },
      create: { id: demoUserId(0), username: DEMO_MANAGER, displayName: "演示小组管理员", passwordHash },
      update: { passwordHash, deactivatedAt: null },
      select: { id: true },
    });
    await prisma.membership.upsert({
      where: { groupId_userId: { groupId: existing.id, userId: manager.id } },
      create: { groupId: existing.id, userId: manager.id, role: "manager" },
      update: { role: "manager" },
    });
    const [members, reviews, attempts] = await Promise.all([
      prisma.membership.count({ where: { groupId: existing.id, role: "member" } }),
      prisma.review.count({ where: { user: { memberships: { some: { groupId: existing.id, role: "member" } } } } }),
      prisma.attempt.count({ where: { assignment: { groupId: existing.id } } }),
    ]);
    return {
      created: false,
      groupId: existing.id,
      inviteCode: existing.inviteCode,
      manager: DEMO_MANAGER,
      password,
      members,
      reviews,
      attempts,
    };
  }

  const sets = await prisma.questionSet.findMany({
    where: {
      status: "published",
      items: { some: { question: { status: "approved", knowledgePoint: { retiredAt: null } } } },
    },
    orderBy: [{ publishedAt: "asc" }, { title: "asc" }],
    take: 3,
    select: {
      id: true,
      title: true,
      items: {
        where: { question: { status: "approved", knowledgePoint: { retiredAt: null } } },
        orderBy: { position: "asc" },
        take: 20,
        select: { questionId: true, question: { select: { knowledgePointId: true } } },
      },
    },
  });
  if (sets.length === 0)
    throw new Error("没有已发布的题集：请先导入资料并发布题集（npm start 的演示模式会自动发布）。");

  const memberPassword = await hashPassword(randomBytes(12).toString("base64url"));
  return prisma.$transaction((tx) => createDemo(tx, { now, log, sets, password, passwordHash, memberPassword }), {
    timeout: 30 * 60_000,
    maxWait: 30_000,
  });
}

type DemoSet = { id: string; title: string; items: { questionId: string; question: { knowledgePointId: string } }[] };

async function createDemo(
  prisma: Prisma.TransactionClient,
  {
    now,
    log,
    sets,
    password,
    passwordHash,
    memberPassword,
  }: {
    now: Date;
    log: (line: string) => void;
    sets: DemoSet[];
    password: string;
    passwordHash: string;
    memberPassword: string;
  },
): Promise<DemoResult> {
  const manager = await prisma.user.upsert({
    where: { id: demoUserId(0) },
    create: { id: demoUserId(0), username: DEMO_MANAGER, displayName: "演示小组管理员", passwordHash },
    update: { passwordHash, deactivatedAt: null },
    select: { id: true },
  });
  const today = studyDay(now, TIME_ZONE);
  const firstDay = addDays(today, -(DAYS - 1));
  // Group names are unique: a real group already called 演示小组 keeps its name, the demo takes another.
  let name = DEMO_GROUP_NAME;
  for (
    let n = 1;
    (await prisma.$queryRaw<unknown[]>`select 1 from groups where name_key = group_name_key(${name})`).length > 0;
    n++
  ) {
    name = n === 1 ? `${DEMO_GROUP_NAME}（演示数据）` : `${DEMO_GROUP_NAME}（演示数据 ${n}）`;
  }
  const group = await prisma.group.create({
    data: {
      id: DEMO_GROUP_ID,
      name,
      description: "模拟成员与 60 天学习记录，用于体验小组报告。",
      timeZone: TIME_ZONE,
      inviteCode: generateInviteCode(),
    },
    select: { id: true, inviteCode: true },
  });
  await prisma.membership.create({ data: { groupId: group.id, userId: manager.id, role: "manager" } });
  await prisma.membershipEvent.create({
    data: { groupId: group.id, userId: manager.id, actorId: null, action: "promoted" },
  });

  // Assignments: one long past, one recently due, one still open.
  const schedule = [
    { opens: addDays(today, -50), due: addDays(today, -40) },
    { opens: addDays(today, -24), due: addDays(today, -14) },
    { opens: addDays(today, -5), due: addDays(today, 5) },
  ];
  const assignments = [];
  for (const [index, set] of sets.entries()) {
    const when = schedule[index]!;
    assignments.push({
      ...(await prisma.assignment.upsert({
        where: { setId_groupId: { setId: set.id, groupId: group.id } },
        create: {
          setId: set.id,
          groupId: group.id,
          opensAt: studyDayStart(when.opens, TIME_ZONE),
          dueAt: new Date(studyDayStart(when.due, TIME_ZONE).getTime() + 14 * 3_600_000),
        },
        update: {},
        select: { id: true, opensAt: true, dueAt: true },
      })),
      set,
      opensDay: when.opens,
    });
  }
  // What learners study: the assigned sets' points first, in the order they were assigned.
  const pointQuestion = new Map<string, string>();
  for (const set of sets)
    for (const item of set.items)
      if (!pointQuestion.has(item.question.knowledgePointId))
        pointQuestion.set(item.question.knowledgePointId, item.questionId);
  // Then the rest of the bank, as the daily session would bring it, so diligent members never run dry.
  const others = await prisma.question.findMany({
    where: {
      status: "approved",
      knowledgePoint: { retiredAt: null },
      knowledgePointId: { notIn: [...pointQuestion.keys()] },
    },
    orderBy: { key: "asc" },
    take: 600,
    select: { id: true, knowledgePointId: true },
  });
  for (const q of others) if (!pointQuestion.has(q.knowledgePointId)) pointQuestion.set(q.knowledgePointId, q.id);
  const pointOrder = [...pointQuestion.keys()];

  const rnd = random(20240306);
  let reviewCount = 0;
  let attemptCount = 0;
  for (let i = 0; i < MEMBERS; i++) {
    const p = persona(i, rnd);
    const username = demoUsername(i + 1);
    const displayName = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
    const id = demoUserId(i + 1);
    const user = await prisma.user.upsert({
      where: { id },
      create: { id, username, displayName, passwordHash: memberPassword },
      update: {},
      select: { id: true },
    });
    const joinedAt = studyDayStart(addDays(firstDay, -3), TIME_ZONE);
    await prisma.membership.create({ data: { groupId: group.id, userId: user.id, joinedAt } });
    await prisma.membershipEvent.create({
      data: { groupId: group.id, userId: user.id, actorId: user.id, action: "joined", createdAt: joinedAt },
    });

    const cards = new Map<string, CardState & { createdAt: Date }>();
    const reviews: Prisma.ReviewCreateManyInput[] = [];
    let nextNew = 0;
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(firstDay, d);
      const rate = d > p.dropAfter ? p.rate * 0.1 : p.rate;
      if (rnd() >= rate) continue;
      // A session at a plausible hour: 07:00–22:00.
      let t = new Date(studyDayStart(day, TIME_ZONE).getTime() + (3 + rnd() * 15) * 3_600_000);
      if (t > now) continue;
      const due = [...cards.entries()].filter(([, c]) => c.due <= t).slice(0, 40);
      const fresh: [string, CardState & { createdAt: Date }][] = [];
      for (let n = 0; n < p.newPerDay && nextNew < pointOrder.length; n++) {
        const point = pointOrder[nextNew++]!;
        const card = { ...newCardState(t), createdAt: t };
        cards.set(point, card);
        fresh.push([point, card]);
      }
      for (const [point, card] of [...due, ...fresh]) {
        t = new Date(t.getTime() + (8 + rnd() * 20) * 1000);
        // The forgetting curve decides: recall with probability R now (plus personal skill);
        // a new point is a first encounter, answered from the question's own hints.
        const r = card.state === "new" ? 0.7 : retrievability(card, t);
        const correct = rnd() < Math.min(0.99, Math.max(0.02, r + p.skill));
        const wasDue = card.state === "review" && card.due <= t;
        const before = { ...card };
        const { card: after, rating } = applyAnswer(card, correct, t, { fuzz: false });
        Object.assign(card, after);
        reviews.push({
          userId: user.id,
          cardId: "",
          knowledgePointId: point,
          questionId: pointQuestion.get(point)!,
          answer: [],
          correct,
          rating,
          durationMs: 3000 + Math.floor(rnd() * 9000),
          wasDue,
          stateBefore: JSON.parse(JSON.stringify(before)),
          stateAfter: JSON.parse(JSON.stringify(after)),
          studyDay: studyDay(t, TIME_ZONE),
          reviewedAt: t,
        });
        // Learning steps come back within the session.
        if (!correct && rnd() < 0.8) {
          t = new Date(t.getTime() + 600_000);
          const again = applyAnswer(card, true, t, { fuzz: false });
          reviews.push({
            ...reviews.at(-1)!,
            correct: true,
            rating: again.rating,
            wasDue: false,
            stateBefore: JSON.parse(JSON.stringify(card)),
            stateAfter: JSON.parse(JSON.stringify(again.card)),
            reviewedAt: t,
            studyDay: studyDay(t, TIME_ZONE),
          });
          Object.assign(card, again.card);
        }
      }
    }

    const cardIds = new Map<string, string>();
    for (const [point, card] of cards) {
      const { createdAt, ...state } = card;
      const row = await prisma.card.upsert({
        where: { userId_knowledgePointId: { userId: user.id, knowledgePointId: point } },
        create: { userId: user.id, knowledgePointId: point, ...state, createdAt },
        update: {},
        select: { id: true },
      });
      cardIds.set(point, row.id);
    }
    for (let start = 0; start < reviews.length; start += 1000) {
      await prisma.review.createMany({
        data: reviews.slice(start, start + 1000).map((r) => ({ ...r, cardId: cardIds.get(r.knowledgePointId)! })),
      });
    }
    reviewCount += reviews.length;

    // Quizzes: diligent members on time, lapsing ones sometimes late or not at all, absent ones never.
    for (const assignment of assignments) {
      const takes = p.profile === "diligent" ? rnd() < 0.95 : p.profile === "lapsing" ? rnd() < 0.6 : rnd() < 0.1;
      if (!takes) continue;
      const late = p.profile !== "diligent" && rnd() < 0.4;
      const dueAt = assignment.dueAt!;
      const opensAt = assignment.opensAt!;
      const startedAt = late
        ? new Date(dueAt.getTime() + (1 + rnd() * 48) * 3_600_000)
        : new Date(opensAt.getTime() + rnd() * (dueAt.getTime() - opensAt.getTime() - 3_600_000));
      if (startedAt > now) continue;
      const submittedAt = new Date(startedAt.getTime() + (5 + rnd() * 10) * 60_000);
      const questionIds = assignment.set.items.map((item) => item.questionId);
      const answers = assignment.set.items.map((item) => {
        const card = cards.get(item.question.knowledgePointId);
        const r = card && card.state !== "new" ? retrievability(card, startedAt) : 0;
        return {
          questionId: item.questionId,
          answer: [],
          correct: rnd() < Math.min(0.98, 0.45 + 0.5 * r + p.skill),
          durationMs: 4000 + Math.floor(rnd() * 20000),
          answeredAt: submittedAt,
        };
      });
      const score = Math.round((answers.filter((a) => a.correct).length / Math.max(1, answers.length)) * 1000) / 10;
      await prisma.attempt.create({
        data: {
          userId: user.id,
          setId: assignment.set.id,
          assignmentId: assignment.id,
          questionIds,
          startedAt,
          submittedAt,
          score,
          answers: { create: answers },
        },
      });
      attemptCount++;
    }
    if ((i + 1) % 10 === 0) log(`  ${i + 1}/${MEMBERS} members simulated`);
  }
  return {
    created: true,
    groupId: group.id,
    inviteCode: group.inviteCode,
    manager: DEMO_MANAGER,
    password,
    members: MEMBERS,
    reviews: reviewCount,
    attempts: attemptCount,
  };
}
