import { describe, expect, it } from "vitest";
import { CardTable, chooseNext, type QueueCard, type QueueState } from "./queue";
import { newCardState, recallOrder } from "./scheduler";

// 2024-03-05 12:00 in Shanghai: study day 2024-03-05, which ends at 2024-03-05T20:00Z.
const NOW = new Date("2024-03-05T04:00:00Z");
const DAY = 86_400_000;
const MINUTE = 60_000;

function card(kp: string, fields: Partial<QueueCard>): QueueCard {
  return { ...newCardState(NOW), id: `card-${kp}`, knowledgePointId: kp, recentFormats: [], reps: 3, ...fields };
}

function review(kp: string, daysAgo: number, stability: number, dueIn = -DAY): QueueCard {
  return card(kp, {
    state: "review",
    stability,
    lastReview: new Date(NOW.getTime() - daysAgo * DAY),
    due: new Date(NOW.getTime() + dueIn),
  });
}

function stateWith(cards: QueueCard[], extra: Partial<QueueState> = {}): QueueState {
  const pool = new Map<string, unknown>(["a", "b", "c", "d", "n1", "n2", "n3"].map((kp) => [kp, {}]));
  return {
    timeZone: "Asia/Shanghai",
    dailyNewLimit: 2,
    extraNew: 0,
    drill: false,
    pool,
    cards: new CardTable(pool, cards),
    unstudied: ["n1", "n2"],
    unstudiedComplete: false,
    created: [],
    reviews: [],
    ...extra,
  };
}

describe("the daily queue", () => {
  it("asks a due learning step first, then the review least likely remembered, and counts what is left", () => {
    const cards = [
      review("a", 10, 30),
      review("b", 10, 3),
      card("c", { state: "relearning", due: new Date(NOW.getTime() - MINUTE) }),
    ];
    const first = chooseNext(stateWith(cards), NOW)!;
    expect(first.chosen?.kp).toBe("c");
    expect(first.progress).toEqual({ done: 0, remaining: 1 + 2 + 2, learning: 1 });
    const second = chooseNext(stateWith(cards.slice(0, 2)), NOW)!;
    // 10 days on a 3-day stability is forgotten sooner than 10 days on 30.
    expect(second.chosen?.kp).toBe("b");
    expect(recallOrder(cards[1]!, NOW)).toBeLessThan(recallOrder(cards[0]!, NOW));
  });

  it("mixes in a new point every fourth question while reviews wait, within the daily allowance", () => {
    const reviews = (n: number) => Array.from({ length: n }, (_, i) => ["a", `q${i}`, "2024-03-05"] as const);
    const state = (done: number, created: number[] = []) =>
      stateWith([review("a", 5, 2)], { reviews: reviews(done), created });
    expect(chooseNext(state(2), NOW)!.chosen?.kp).toBe("a");
    expect(chooseNext(state(3), NOW)!.chosen).toEqual({ kp: "n1", card: null });
    // Two new points already introduced today: the allowance is spent.
    const spent = chooseNext(state(3, [NOW.getTime() - MINUTE, NOW.getTime() - 2 * MINUTE]), NOW)!;
    expect(spent.chosen?.kp).toBe("a");
    expect(spent.progress.remaining).toBe(1);
  });

  it("leaves out reviews due after the study day and points outside the pool, and asks a step due soon when nothing else is left", () => {
    const soon = card("c", { state: "learning", due: new Date(NOW.getTime() + 5 * MINUTE) });
    const later = review("a", 1, 10, 2 * DAY);
    const outside = review("x", 30, 1);
    const result = chooseNext(stateWith([soon, later, outside], { unstudied: [], unstudiedComplete: true }), NOW)!;
    expect(result.chosen?.kp).toBe("c");
    // The step is what is left: counted, and told apart as 巩固中.
    expect(result.progress).toEqual({ done: 0, remaining: 1, learning: 1 });
    const none = chooseNext(stateWith([later, outside], { unstudied: [], unstudiedComplete: true }), NOW)!;
    expect(none.chosen).toBeNull();
  });

  it("counts a point missed again and again as one step 巩固中, not as the day's remaining work", () => {
    const day = (n: number) => Array.from({ length: n }, (_, i) => ["c", `q${i}`, "2024-03-05"] as const);
    for (const misses of [1, 5, 13]) {
      // Just missed again: its next step is a minute away.
      const missed = card("c", { state: "relearning", due: new Date(NOW.getTime() + MINUTE) });
      const result = chooseNext(
        stateWith([missed], { unstudied: [], unstudiedComplete: true, reviews: day(misses) }),
        NOW,
      )!;
      expect(result.progress).toEqual({ done: misses, remaining: 1, learning: 1 });
    }
  });

  it("asks a point through the variant it was asked through today", () => {
    const result = chooseNext(
      stateWith([review("a", 5, 2)], {
        reviews: [
          ["a", "question-1", "2024-03-05"],
          ["b", "question-2", "2024-03-04"],
        ],
      }),
      NOW,
    )!;
    expect(result.askedToday).toBe("question-1");
    expect(result.progress.done).toBe(1);
  });

  it("says when it holds too few never-studied points to tell (a new day after many were introduced)", () => {
    expect(chooseNext(stateWith([], { unstudied: ["n1"] }), NOW)).toBeNull();
    expect(chooseNext(stateWith([], { unstudied: ["n1"], unstudiedComplete: true }), NOW)!.chosen?.kp).toBe("n1");
  });

  it("drills lapsed cards not reviewed today, weakest first, whatever their due date", () => {
    const reviewedToday = review("a", 0, 1);
    const weak = review("b", 20, 2, 40 * DAY);
    const strong = review("c", 20, 50, 40 * DAY);
    const result = chooseNext(stateWith([reviewedToday, weak, strong], { drill: true }), NOW)!;
    expect(result.chosen?.kp).toBe("b");
    expect(result.progress.remaining).toBe(2);
  });

  it("ranks a card updated in the table by its new values", () => {
    const state = stateWith([review("a", 10, 3), review("b", 10, 30)], { unstudied: [], unstudiedComplete: true });
    state.cards.set(review("a", 0, 3, 3 * DAY));
    expect(chooseNext(state, NOW)!.chosen?.kp).toBe("b");
    expect(state.cards.size).toBe(2);
  });
});
