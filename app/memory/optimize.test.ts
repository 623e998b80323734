import { describe, expect, it } from "vitest";
import { applyAnswer, newCardState } from "~/study/scheduler";
import { historyItems, timeSeriesSplit, type ReviewRecord } from "./history";
import { DEFAULT_PARAMETERS, evaluate, fitParameters } from "./optimize";
import { FAST_FORGETTER, SLOW_FORGETTER, syntheticLearner } from "./synthetic";

function records(learner: ReturnType<typeof syntheticLearner>): ReviewRecord[] {
  return learner.reviews.map((r) => ({ cardId: String(r.card), rating: r.rating, studyDay: r.studyDay, reviewedAt: r.reviewedAt.getTime() }));
}

/** The interval the scheduler gives a card after N right answers, one a day apart as due. */
function intervalAfterGoodAnswers(parameters: readonly number[] | null, answers: number): number {
  let card = newCardState(new Date("2026-01-01T01:00:00Z"));
  let now = card.due;
  for (let i = 0; i < answers; i++) {
    card = applyAnswer(card, true, now, { fuzz: false, parameters }).card;
    now = card.due;
  }
  return card.scheduledDays;
}

describe("fitting FSRS parameters to synthetic learners", () => {
  for (const [name, truth, seed] of [
    ["fast forgetter", FAST_FORGETTER, 11],
    ["slow forgetter", SLOW_FORGETTER, 12],
  ] as const) {
    it(`${name}: the fitted set predicts the later reviews better than the defaults`, async () => {
      const learner = records(syntheticLearner({ trueParameters: truth, seed, reviews: 2000, firstDay: "2026-01-01" }));
      const decision = await fitParameters(learner, { current: null });
      expect(decision.outcome).toBe("fitted");
      if (decision.outcome !== "fitted") return;
      expect(decision.parameters).toHaveLength(21);
      expect(decision.after.logLoss).toBeLessThan(decision.before.logLoss);
      // The stored set (refitted on everything) also beats the defaults on the later reviews.
      const { test } = timeSeriesSplit(historyItems(learner));
      expect(evaluate(decision.parameters, test).logLoss).toBeLessThan(evaluate(DEFAULT_PARAMETERS, test).logLoss);
    });
  }

  it("a fast forgetter gets shorter next intervals than the defaults give, a slow one longer", async () => {
    const fast = await fitParameters(records(syntheticLearner({ trueParameters: FAST_FORGETTER, seed: 21, reviews: 2000, firstDay: "2026-01-01" })), { current: null });
    const slow = await fitParameters(records(syntheticLearner({ trueParameters: SLOW_FORGETTER, seed: 22, reviews: 2000, firstDay: "2026-01-01" })), { current: null });
    if (fast.outcome !== "fitted" || slow.outcome !== "fitted") throw new Error(`fits: ${fast.outcome}, ${slow.outcome}`);
    for (const answers of [2, 3, 4]) {
      const byDefault = intervalAfterGoodAnswers(null, answers);
      expect(intervalAfterGoodAnswers(fast.parameters, answers)).toBeLessThan(byDefault);
      expect(intervalAfterGoodAnswers(slow.parameters, answers)).toBeGreaterThan(byDefault);
    }
  });

  it("too little history keeps the defaults and counts what is missing", async () => {
    const learner = records(syntheticLearner({ trueParameters: FAST_FORGETTER, seed: 5, reviews: 150, firstDay: "2026-01-01" }));
    const decision = await fitParameters(learner, { current: null });
    expect(decision).toMatchObject({ outcome: "insufficient", reviews: 150 });
  });
});
