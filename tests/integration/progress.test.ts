import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { loader as progressLoader } from "~/routes/progress";
import { action as loginAction } from "~/routes/login";
import { addDays, studyDay } from "~/study/day";
import { getProgress } from "~/study/progress.server";
import { MASTERY_MIN_STABILITY_DAYS } from "~/study/progress";
import { retrievability } from "~/study/scheduler";
import { createDocument, createKnowledgePoint, createUser } from "../factories";
import { context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

// 12:00 in Shanghai on Wednesday 2024-03-06: the study day is 2024-03-06, which began at 2024-03-05T20:00Z.
const NOW = new Date("2024-03-06T04:00:00Z");
const TODAY = "2024-03-06";

type Kind = "phrase" | "target" | "provision";
type State = "new" | "learning" | "review" | "relearning";

async function point(
  document: Awaited<ReturnType<typeof createDocument>>,
  kind: Kind,
  subject: string,
  { retired = false } = {},
) {
  const { point, questions } = await createKnowledgePoint({ document, subject });
  await prisma.knowledgePoint.update({
    where: { id: point.id },
    data: { kind, retiredAt: retired ? new Date("2024-01-01T00:00:00Z") : null },
  });
  return { id: point.id, questionId: questions[0]!.id, quote: point.quote };
}

async function card(
  userId: string,
  kp: { id: string },
  fields: { state: State; due: string; stability: number; lastReview: string | null; lapses?: number },
) {
  return prisma.card.create({
    data: {
      userId,
      knowledgePointId: kp.id,
      state: fields.state,
      due: new Date(fields.due),
      stability: fields.stability,
      difficulty: 5,
      reps: fields.state === "new" ? 0 : 3,
      lapses: fields.lapses ?? 0,
      lastReview: fields.lastReview ? new Date(fields.lastReview) : null,
    },
  });
}

/** `count` reviews on a study day, answered at noon Shanghai time that day. */
function reviews(
  target: { userId: string; cardId: string; knowledgePointId: string; questionId: string },
  day: string,
  count: number,
  { correct, wasDue }: { correct: boolean; wasDue: boolean },
) {
  return Array.from({ length: count }, () => ({
    ...target,
    answer: {},
    correct,
    rating: correct ? 3 : 1,
    durationMs: 4000,
    wasDue,
    stateBefore: {},
    stateAfter: {},
    studyDay: day,
    reviewedAt: new Date(`${day}T04:00:00Z`),
  }));
}

function dayRange(from: string, to: string): string[] {
  const days = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

describe("getProgress on a hand-made history", () => {
  let learnerId: string;
  let otherId: string;
  let docA: { id: string; title: string };
  let docB: { id: string; title: string };
  const cards: Record<string, { id: string; knowledgePointId: string }> = {};
  const points: Record<string, { id: string; questionId: string; quote: string }> = {};

  beforeAll(async () => {
    learnerId = (await createUser()).id;
    otherId = (await createUser()).id;
    const a = await createDocument({ title: "政府工作报告（测试）" });
    const b = await createDocument({ title: "保密法（测试）" });
    docA = a;
    docB = b;
    points.c1 = await point(a, "target", "经济增长预期目标");
    points.c2 = await point(a, "target", "城镇新增就业目标");
    points.c3 = await point(a, "phrase", "新质生产力");
    points.c4 = await point(b, "provision", "绝密级保密期限");
    points.c5 = await point(b, "provision", "机密级保密期限");
    points.c6 = await point(b, "provision", "秘密级保密期限");
    points.c7 = await point(a, "phrase", "尚未学习的提法");
    points.c8 = await point(a, "target", "已退役的目标", { retired: true });

    const specs: Record<string, Parameters<typeof card>[2]> = {
      // Overdue since February; reviewed 2 days ago with a stability of 10: recalled (R ≥ 0.9), but a
      // memory of 10 days is young, not mastered (MASTERY_MIN_STABILITY_DAYS).
      c1: {
        state: "review",
        due: "2024-02-20T00:00:00Z",
        stability: 10,
        lastReview: "2024-03-04T00:00:00Z",
        lapses: 3,
      },
      // Due at 03:59 on 03-07 Shanghai time, still study day 03-06; 15 days ≤ 30: mastered.
      c2: { state: "review", due: "2024-03-06T19:59:00Z", stability: 30, lastReview: "2024-02-20T00:00:00Z" },
      // Due at 04:00 on 03-07: tomorrow. Exactly 25 days with stability 25: R = 0.9, mastered.
      c3: {
        state: "review",
        due: "2024-03-06T20:00:00Z",
        stability: 25,
        lastReview: "2024-02-10T04:00:00Z",
        lapses: 5,
      },
      // Relearning, answered wrong an hour ago: R ≥ 0.9 by the curve, but a lapsed card is not mastered; due 03-10.
      c4: {
        state: "relearning",
        due: "2024-03-10T02:00:00Z",
        stability: 0.5,
        lastReview: "2024-03-06T03:00:00Z",
        lapses: 4,
      },
      // Due on 04-04 (the 30th day); 25.99999 days count as 25 whole days: mastered.
      c5: {
        state: "review",
        due: "2024-04-04T19:59:00Z",
        stability: 25,
        lastReview: "2024-02-09T04:00:01Z",
        lapses: 2,
      },
      // Due 04-05, past the horizon; 26 whole days > 25: not mastered.
      c6: { state: "review", due: "2024-04-04T20:00:00Z", stability: 25, lastReview: "2024-02-09T04:00:00Z" },
      // Never answered: not forecast, never mastered.
      c7: { state: "new", due: "2024-03-01T00:00:00Z", stability: 0, lastReview: null },
      // On a retired point: in nothing at all.
      c8: {
        state: "review",
        due: "2024-03-06T10:00:00Z",
        stability: 100,
        lastReview: "2024-03-01T00:00:00Z",
        lapses: 7,
      },
    };
    for (const [name, spec] of Object.entries(specs)) cards[name] = await card(learnerId, points[name]!, spec);

    const c1 = {
      userId: learnerId,
      cardId: cards.c1!.id,
      knowledgePointId: points.c1!.id,
      questionId: points.c1!.questionId,
    };
    await prisma.review.createMany({
      data: [
        // A five-day run early in 2023, before the heatmap's year: the longest streak.
        ...dayRange("2023-01-01", "2023-01-05").flatMap((day) => reviews(c1, day, 1, { correct: true, wasDue: false })),
        ...dayRange("2024-01-10", "2024-01-13").flatMap((day) => reviews(c1, day, 2, { correct: true, wasDue: true })),
        // The day before the 30-day window: its due reviews do not count.
        ...reviews(c1, "2024-02-05", 5, { correct: true, wasDue: true }),
        // The first day of the window.
        ...reviews(c1, "2024-02-06", 1, { correct: false, wasDue: true }),
        ...dayRange("2024-03-01", "2024-03-03").flatMap((day) => reviews(c1, day, 1, { correct: true, wasDue: false })),
        ...reviews(c1, "2024-03-05", 1, { correct: true, wasDue: true }),
        ...reviews(c1, "2024-03-05", 1, { correct: false, wasDue: false }),
        ...reviews(c1, "2024-03-06", 2, { correct: true, wasDue: true }),
        ...reviews(c1, "2024-03-06", 1, { correct: false, wasDue: true }),
        ...reviews(c1, "2024-03-06", 2, { correct: true, wasDue: false }),
      ],
    });

    // Another learner on the same points, busy on 03-04 (a gap in the first learner's streak),
    // with overdue cards and many lapses: none of it may leak.
    const otherCards = [];
    for (const name of ["c1", "c2", "c3", "c8"]) {
      otherCards.push(
        await card(otherId, points[name]!, {
          state: "review",
          due: "2024-03-01T00:00:00Z",
          stability: 400,
          lastReview: "2024-03-05T00:00:00Z",
          lapses: 9,
        }),
      );
    }
    const other = {
      userId: otherId,
      cardId: otherCards[0]!.id,
      knowledgePointId: points.c1!.id,
      questionId: points.c1!.questionId,
    };
    await prisma.review.createMany({
      data: [
        ...dayRange("2024-02-01", "2024-03-06").flatMap((day) =>
          reviews(other, day, 3, { correct: false, wasDue: true }),
        ),
        ...dayRange("2022-01-01", "2022-03-01").flatMap((day) =>
          reviews(other, day, 1, { correct: true, wasDue: true }),
        ),
      ],
    });
  });

  it("counts streaks over the whole history, current up to today", async () => {
    const progress = await getProgress(learnerId, NOW);
    expect(progress.today).toBe(TODAY);
    expect(progress.timeZone).toBe("Asia/Shanghai");
    expect(progress.totalReviews).toBe(29);
    expect(progress.studyDays).toBe(16);
    expect(progress.streak).toEqual({ current: 2, longest: 5, studiedToday: true });
    // The next morning before 04:00 is still 03-06; a day later the run survives until 03-07 ends.
    expect((await getProgress(learnerId, new Date("2024-03-06T19:59:00Z"))).streak).toEqual({
      current: 2,
      longest: 5,
      studiedToday: true,
    });
    expect((await getProgress(learnerId, new Date("2024-03-07T04:00:00Z"))).streak).toEqual({
      current: 2,
      longest: 5,
      studiedToday: false,
    });
    expect((await getProgress(learnerId, new Date("2024-03-08T04:00:00Z"))).streak.current).toBe(0);
  });

  it("fills the year heatmap with this learner's reviews per study day", async () => {
    const { heatmap } = await getProgress(learnerId, NOW);
    expect(heatmap.start).toBe("2023-03-06");
    expect(heatmap.end).toBe(TODAY);
    expect(heatmap.total).toBe(24);
    expect(heatmap.max).toBe(5);
    const cells = new Map(heatmap.weeks.flat().flatMap((cell) => (cell ? [[cell.day, cell] as const] : [])));
    expect(cells.get("2024-03-06")).toEqual({ day: "2024-03-06", count: 5, level: 4 });
    expect(cells.get("2024-03-05")).toEqual({ day: "2024-03-05", count: 2, level: 2 });
    expect(cells.get("2024-03-04")).toEqual({ day: "2024-03-04", count: 0, level: 0 });
    expect(cells.get("2024-01-10")).toEqual({ day: "2024-01-10", count: 2, level: 2 });
    expect(cells.get("2024-03-01")!.level).toBe(1);
    expect([...cells.values()].filter((cell) => cell.count > 0).map((cell) => cell.day)).toEqual([
      "2024-01-10",
      "2024-01-11",
      "2024-01-12",
      "2024-01-13",
      "2024-02-05",
      "2024-02-06",
      "2024-03-01",
      "2024-03-02",
      "2024-03-03",
      "2024-03-05",
      "2024-03-06",
    ]);
  });

  it("splits the last 30 days into right and wrong answers", async () => {
    const { recent } = await getProgress(learnerId, NOW);
    expect(recent).toHaveLength(30);
    expect(recent[0]).toEqual({ day: "2024-02-06", correct: 0, wrong: 1 });
    expect(recent[27]).toEqual({ day: "2024-03-04", correct: 0, wrong: 0 });
    expect(recent[28]).toEqual({ day: "2024-03-05", correct: 1, wrong: 1 });
    expect(recent[29]).toEqual({ day: "2024-03-06", correct: 4, wrong: 1 });
    expect(recent.reduce((sum, day) => sum + day.correct + day.wrong, 0)).toBe(11);
  });

  it("measures true retention on due reviews of the last 30 study days only", async () => {
    const { retention } = await getProgress(learnerId, NOW);
    // 03-06: 2 of 3, 03-05: 1 of 1, 02-06: 0 of 1; 02-05's five and January's eight are older.
    expect(retention).toEqual({ correct: 3, total: 5, rate: 0.6 });
  });

  it("forecasts due cards per study day, overdue on day 1, new and retired cards left out", async () => {
    const { forecast } = await getProgress(learnerId, NOW);
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toEqual({ day: TODAY, count: 2 });
    expect(forecast[1]).toEqual({ day: "2024-03-07", count: 1 });
    expect(forecast[4]).toEqual({ day: "2024-03-10", count: 1 });
    expect(forecast[29]).toEqual({ day: "2024-04-04", count: 1 });
    expect(forecast.reduce((sum, day) => sum + day.count, 0)).toBe(5);
  });

  it("computes mastery per kind and per document, in agreement with retrievability()", async () => {
    const { mastery } = await getProgress(learnerId, NOW);
    expect(mastery.total).toEqual({ cards: 7, mastered: 3 });
    expect(mastery.byKind).toEqual([
      { kind: "phrase", label: "提法", cards: 2, mastered: 1 },
      { kind: "target", label: "目标", cards: 2, mastered: 1 },
      { kind: "provision", label: "法条", cards: 3, mastered: 1 },
    ]);
    expect(mastery.byDocument).toEqual([
      { documentId: docA.id, title: docA.title, cards: 4, mastered: 2 },
      { documentId: docB.id, title: docB.title, cards: 3, mastered: 1 },
    ]);

    // The SQL threshold (whole days since the last review ≤ stability) is ts-fsrs's R ≥ 0.9, on
    // cards in the review state with a lasting memory only: the relearning c4 and the young c1 have
    // R ≥ 0.9 yet are not mastered.
    const stored = await prisma.card.findMany({ where: { userId: learnerId, knowledgePoint: { retiredAt: null } } });
    const recalled = stored.filter((c) => retrievability(c, NOW) >= 0.9);
    expect(recalled.map((c) => c.id).sort()).toEqual(
      [cards.c1!.id, cards.c2!.id, cards.c3!.id, cards.c4!.id, cards.c5!.id].sort(),
    );
    const lasting = recalled.filter((c) => c.state === "review" && c.stability >= MASTERY_MIN_STABILITY_DAYS);
    expect(lasting.map((c) => c.id).sort()).toEqual([cards.c2!.id, cards.c3!.id, cards.c5!.id].sort());
  });

  it("lists cards with three lapses or more, most lapsed first, with their point and document", async () => {
    const { lapses } = await getProgress(learnerId, NOW);
    expect(lapses.total).toBe(3);
    expect(lapses.cards).toEqual([
      {
        cardId: cards.c3!.id,
        lapses: 5,
        knowledgePointId: points.c3!.id,
        kind: "phrase",
        subject: "新质生产力",
        quote: points.c3!.quote,
        documentId: docA.id,
        documentTitle: docA.title,
      },
      {
        cardId: cards.c4!.id,
        lapses: 4,
        knowledgePointId: points.c4!.id,
        kind: "provision",
        subject: "绝密级保密期限",
        quote: points.c4!.quote,
        documentId: docB.id,
        documentTitle: docB.title,
      },
      {
        cardId: cards.c1!.id,
        lapses: 3,
        knowledgePointId: points.c1!.id,
        kind: "target",
        subject: "经济增长预期目标",
        quote: points.c1!.quote,
        documentId: docA.id,
        documentTitle: docA.title,
      },
    ]);
  });

  it("shows the other learner only their own figures", async () => {
    const progress = await getProgress(otherId, NOW);
    expect(progress.totalReviews).toBe(35 * 3 + 60);
    expect(progress.streak).toEqual({ current: 35, longest: 60, studiedToday: true });
    expect(progress.retention).toEqual({ correct: 0, total: 90, rate: 0 });
    expect(progress.forecast[0]).toEqual({ day: TODAY, count: 3 });
    expect(progress.mastery.total).toEqual({ cards: 3, mastered: 3 });
    expect(progress.lapses.total).toBe(3);
    expect(progress.lapses.cards.every((c) => c.lapses === 9)).toBe(true);
  });
});

describe("forecast days in other time zones", () => {
  it("buckets due instants in SQL exactly as studyDay() does, across a daylight-saving change", async () => {
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { timeZone: "America/New_York" } });
    const document = await createDocument();
    // New York springs forward at 02:00 on Sunday 2024-03-10: study days start at 09:00Z before, 08:00Z after.
    const now = new Date("2024-03-08T15:00:00Z");
    const dues = [
      "2024-03-01T00:00:00Z",
      "2024-03-08T08:59:59Z",
      "2024-03-08T09:00:00Z",
      "2024-03-10T07:59:59Z",
      "2024-03-10T08:00:00Z",
      "2024-03-10T08:30:00Z",
      "2024-03-11T07:59:00Z",
      "2024-03-11T08:00:00Z",
      "2024-04-06T07:59:59Z",
      "2024-04-06T08:00:00Z",
      // The 30th study day, 04-06, ends at 04-07T08:00Z (daylight time).
      "2024-04-07T07:59:59Z",
      "2024-04-07T08:00:00Z",
    ];
    for (const due of dues) {
      const { point: kp } = await createKnowledgePoint({ document });
      await card(user.id, kp, { state: "review", due, stability: 3, lastReview: "2024-03-01T00:00:00Z" });
    }
    const progress = await getProgress(user.id, now);
    const today = studyDay(now, "America/New_York");
    expect(today).toBe("2024-03-08");

    const expected = new Map<string, number>();
    for (const due of dues) {
      const day = studyDay(new Date(due), "America/New_York");
      const bucket = day < today ? today : day;
      if (bucket <= addDays(today, 29)) expected.set(bucket, (expected.get(bucket) ?? 0) + 1);
    }
    const actual = new Map(progress.forecast.filter((d) => d.count > 0).map((d) => [d.day, d.count]));
    expect(actual).toEqual(expected);
    expect(actual).toEqual(
      new Map([
        ["2024-03-08", 3],
        ["2024-03-09", 1],
        ["2024-03-10", 3],
        ["2024-03-11", 1],
        ["2024-04-05", 1],
        ["2024-04-06", 2],
      ]),
    );
  });
});

describe("/progress loader", () => {
  async function signIn() {
    const user = await createUser();
    const response = (await loginAction({
      request: formRequest("/login", { username: user.username, password: user.password }),
      context: context(),
      params: {},
    })) as Response;
    return { user, cookie: sessionCookie(response) };
  }

  it("sends anonymous visitors to log in", async () => {
    const result = await settle(progressLoader({ request: getRequest("/progress"), context: context(), params: {} }));
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fprogress");
  });

  it("gives a new learner empty figures, and today's review once they answer", async () => {
    const { user, cookie } = await signIn();
    const empty = await progressLoader({
      request: getRequest("/progress", { cookie }),
      context: context(),
      params: {},
    });
    expect(empty.totalReviews).toBe(0);
    expect(empty.streak).toEqual({ current: 0, longest: 0, studiedToday: false });
    expect(empty.retention).toEqual({ correct: 0, total: 0, rate: null });
    expect(empty.forecast.every((day) => day.count === 0)).toBe(true);
    expect(empty.mastery.total).toEqual({ cards: 0, mastered: 0 });
    expect(empty.lapses).toEqual({ total: 0, cards: [] });

    const { point: kp, questions } = await createKnowledgePoint();
    const now = new Date();
    const c = await card(user.id, kp, {
      state: "review",
      due: new Date(now.getTime() + 86_400_000).toISOString(),
      stability: 30,
      lastReview: now.toISOString(),
    });
    const today = studyDay(now, "Asia/Shanghai");
    await prisma.review.createMany({
      data: reviews(
        { userId: user.id, cardId: c.id, knowledgePointId: kp.id, questionId: questions[0]!.id },
        today,
        1,
        { correct: true, wasDue: true },
      ),
    });
    const after = await progressLoader({
      request: getRequest("/progress", { cookie }),
      context: context(),
      params: {},
    });
    expect(after.today).toBe(today);
    expect(after.totalReviews).toBe(1);
    expect(after.streak).toEqual({ current: 1, longest: 1, studiedToday: true });
    expect(after.retention.rate).toBe(1);
    expect(after.mastery.total).toEqual({ cards: 1, mastered: 1 });
  });
});
