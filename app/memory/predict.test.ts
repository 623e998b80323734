import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMETERS } from "./defaults";
import { SIMULATED_RETENTIONS, predictedRetention, simulateWorkload } from "./predict";
import { FAST_FORGETTER, SLOW_FORGETTER, syntheticLearner } from "./synthetic";

describe("predictions from a learner's cards and parameters", () => {
  const learners = [
    ["defaults", DEFAULT_PARAMETERS, 1],
    ["fast forgetter", FAST_FORGETTER, 2],
    ["slow forgetter", SLOW_FORGETTER, 3],
  ] as const;

  it("offers 0.80 … 0.97 in steps of 0.01", () => {
    expect(SIMULATED_RETENTIONS).toHaveLength(18);
    expect(SIMULATED_RETENTIONS[0]).toBe(0.8);
    expect(SIMULATED_RETENTIONS.at(-1)).toBe(0.97);
  });

  for (const [name, parameters, seed] of learners) {
    it(`${name}: a higher desired retention never predicts fewer reviews`, () => {
      const { cards, reviews } = syntheticLearner({
        trueParameters: parameters,
        seed,
        reviews: 1500,
        firstDay: "2026-01-01",
      });
      const now = new Date(reviews.at(-1)!.reviewedAt.getTime() + 86_400_000);
      const workload = simulateWorkload(cards, parameters, now);
      expect(workload.map((w) => w.retention)).toEqual(SIMULATED_RETENTIONS);
      expect(workload[0]!.total).toBeGreaterThan(0);
      for (let i = 1; i < workload.length; i++)
        expect(workload[i]!.total).toBeGreaterThanOrEqual(workload[i - 1]!.total);
      expect(workload.at(-1)!.total).toBeGreaterThan(workload[0]!.total);
    });
  }

  it("recall falls over 30 days without study, and faster for a fast forgetter's parameters", () => {
    const { cards, reviews } = syntheticLearner({
      trueParameters: DEFAULT_PARAMETERS,
      seed: 4,
      reviews: 1000,
      firstDay: "2026-01-01",
    });
    const now = new Date(reviews.at(-1)!.reviewedAt.getTime() + 3600_000);
    const today = predictedRetention(cards, DEFAULT_PARAMETERS, now)!;
    const later = predictedRetention(cards, DEFAULT_PARAMETERS, now, 30)!;
    expect(today).toBeGreaterThan(later);
    expect(today).toBeLessThanOrEqual(1);
    expect(later).toBeGreaterThan(0);
    // Same cards, a steeper curve (FSRS-6's decay w20): less is left in 30 days.
    const steeper = [...DEFAULT_PARAMETERS];
    steeper[20] = 0.6;
    expect(predictedRetention(cards, steeper, now, 30)!).toBeLessThan(later);
    expect(predictedRetention([], DEFAULT_PARAMETERS, now)).toBeNull();
  });
});
