import { describe, expect, it } from "vitest";
import {
  applyAnswer,
  isStable,
  newCardState,
  ratingFor,
  recallOrder,
  retrievability,
  scheduler,
  type CardState,
} from "./scheduler";

const t0 = new Date("2024-03-05T02:00:00Z");
const minutes = (card: { due: Date }, from: Date) => Math.round((card.due.getTime() - from.getTime()) / 60000);

describe("scheduler (ts-fsrs, fuzz off, pinned dates)", () => {
  it("maps right to Good and wrong to Again", () => {
    expect(ratingFor(true)).toBe(3);
    expect(ratingFor(false)).toBe(1);
  });

  it("walks a new card through the short learning steps into review", () => {
    const first = applyAnswer(newCardState(t0), true, t0, { fuzz: false });
    expect(first.card.state).toBe("learning");
    expect(minutes(first.card, t0)).toBe(10);

    const t1 = first.card.due;
    const second = applyAnswer(first.card, true, t1, { fuzz: false });
    expect(second.card.state).toBe("review");
    expect(second.card.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(second.card.reps).toBe(2);
  });

  it("brings a wrong answer back in a minute, and a lapse into relearning", () => {
    const wrong = applyAnswer(newCardState(t0), false, t0, { fuzz: false });
    expect(wrong.card.state).toBe("learning");
    expect(minutes(wrong.card, t0)).toBe(1);

    let card = applyAnswer(newCardState(t0), true, t0, { fuzz: false }).card;
    card = applyAnswer(card, true, card.due, { fuzz: false }).card;
    const reviewDue = card.due;
    const lapse = applyAnswer(card, false, reviewDue, { fuzz: false });
    expect(lapse.card.state).toBe("relearning");
    expect(lapse.card.lapses).toBe(1);
    expect(minutes(lapse.card, reviewDue)).toBe(10);
  });

  it("keeps intervals within a year and lengthens them with higher stability", () => {
    let card = newCardState(t0);
    let now = t0;
    const intervals: number[] = [];
    for (let i = 0; i < 12; i++) {
      card = applyAnswer(card, true, now, { fuzz: false }).card;
      intervals.push(card.scheduledDays);
      now = card.due;
    }
    expect(Math.max(...intervals)).toBeLessThanOrEqual(365);
    expect(intervals.at(-1)).toBe(365);
    expect(isStable(card)).toBe(true);
  });

  it("asks for more often with a higher desired retention", () => {
    const run = (desiredRetention: number) => {
      let card = applyAnswer(newCardState(t0), true, t0, { fuzz: false, desiredRetention }).card;
      card = applyAnswer(card, true, card.due, { fuzz: false, desiredRetention }).card;
      card = applyAnswer(card, true, card.due, { fuzz: false, desiredRetention }).card;
      return card.scheduledDays;
    };
    expect(run(0.97)).toBeLessThan(run(0.8));
  });

  it("reports retrievability falling with time", () => {
    let card = applyAnswer(newCardState(t0), true, t0, { fuzz: false }).card;
    card = applyAnswer(card, true, card.due, { fuzz: false }).card;
    const atDue = retrievability(card, card.due);
    const later = retrievability(card, new Date(card.due.getTime() + 30 * 86400_000));
    expect(atDue).toBeGreaterThan(0.85);
    expect(later).toBeLessThan(atDue);
    expect(retrievability(newCardState(t0), t0)).toBe(0);
  });

  it("computes retrievability exactly as ts-fsrs does, for cards across states and ages", () => {
    let card = newCardState(t0);
    let now = t0;
    for (let i = 0; i < 40; i++) {
      // Right three times in four, answered between an hour and 60 days after the previous answer.
      now = new Date(now.getTime() + (1 + ((i * 7919) % 1440)) * 3600_000);
      card = applyAnswer(card, i % 4 !== 3, now, { fuzz: false }).card;
      for (const later of [0, 5 * 3600_000, 3 * 86400_000, 45.5 * 86400_000]) {
        const at = new Date(now.getTime() + later);
        const expected = scheduler().get_retrievability(
          {
            ...card,
            elapsed_days: card.elapsedDays,
            scheduled_days: card.scheduledDays,
            learning_steps: card.learningSteps,
            last_review: card.lastReview ?? undefined,
            state: ["new", "learning", "review", "relearning"].indexOf(card.state),
          },
          at,
          false,
        );
        expect(retrievability(card, at)).toBe(expected);
      }
    }
  });

  it("orders cards by recall exactly as retrievability does, without the forgetting curve", () => {
    // Cards of many stabilities, each looked at from many ages: every pair must compare the same way.
    const cards: CardState[] = [newCardState(t0)];
    let card = newCardState(t0);
    let now = t0;
    for (let i = 0; i < 30; i++) {
      now = new Date(now.getTime() + (1 + ((i * 4099) % 900)) * 3600_000);
      card = applyAnswer(card, i % 5 !== 4, now, { fuzz: false }).card;
      cards.push(card);
    }
    const at = new Date(now.getTime() + 200 * 86400_000);
    const samples = cards.flatMap((c) =>
      [0, 1, 7, 40, 150].map((days) => ({
        card: c,
        at: new Date(Math.min(at.getTime(), (c.lastReview ?? t0).getTime() + days * 86400_000)),
      })),
    );
    const compare = (x: number, y: number) => (x === y ? 0 : Math.sign(x - y));
    // One instant per comparison, as a queue ranks all its cards at `now`.
    for (const a of samples) {
      for (const b of samples) {
        const byRecall = compare(retrievability(a.card, a.at), retrievability(b.card, a.at));
        const byOrder = compare(recallOrder(a.card, a.at), recallOrder(b.card, a.at));
        expect(byOrder).toBe(byRecall);
      }
    }
  });
});
