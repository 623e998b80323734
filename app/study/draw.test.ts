import { describe, expect, it } from "vitest";
import type { Format } from "./answers";
import { drawQuiz, practiceOrder, revealsAnswerOf, suggestedMinutes, type DrawItem } from "./draw";

/** A seeded generator (mulberry32): draws differ by seed and repeat for one seed. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORMATS: Format[] = ["single", "multiple", "truefalse", "fill"];

/** `points` knowledge points with all four variants each, in source order (the 保密法 set's shape). */
function bank(points: number): DrawItem[] {
  return Array.from({ length: points }, (_, p) =>
    FORMATS.map((format) => ({
      questionId: `q${p}-${format}`,
      knowledgePointId: `kp${p}`,
      format,
      stem: format === "truefalse" ? `第${p}条的期限为答案${p}号。` : `第${p}条的期限为（ ）。`,
      answer: format === "truefalse" ? ["正确"] : [`答案${p}号`],
    })),
  ).flat();
}

describe("drawQuiz", () => {
  it("draws the set number of questions, one variant per knowledge point, formats mixed, shuffled per attempt", () => {
    const items = bank(30);
    const drawn = drawQuiz(items, 20, seeded(1));
    expect(drawn).toHaveLength(20);
    const chosen = drawn.map((id) => items.find((i) => i.questionId === id)!);
    expect(new Set(chosen.map((c) => c.knowledgePointId)).size).toBe(20);
    const perFormat = FORMATS.map((f) => chosen.filter((c) => c.format === f).length);
    for (const n of perFormat) expect(n).toBeGreaterThanOrEqual(4);
    const again = drawQuiz(items, 20, seeded(2));
    expect(again).not.toEqual(drawn);
    // Not in source order.
    const order = chosen.map((c) => Number(c.knowledgePointId.slice(2)));
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
  });

  it("takes every point when the set has fewer than the count", () => {
    expect(drawQuiz(bank(5), 20, seeded(3))).toHaveLength(5);
  });

  it("never draws a stem holding another drawn question's answer while other points are left", () => {
    const items = bank(5);
    // A question on another point whose stem spells kp0's answer.
    items.push({
      questionId: "leak",
      knowledgePointId: "kp9",
      format: "single",
      stem: "答案0号是第0条的期限。",
      answer: ["别的"],
    });
    for (let seed = 0; seed < 50; seed++) {
      const chosen = drawQuiz(items, 5, seeded(seed)).map((id) => items.find((i) => i.questionId === id)!);
      expect(chosen).toHaveLength(5);
      for (const c of chosen)
        expect(
          revealsAnswerOf(
            c.stem,
            chosen.filter((o) => o !== c),
          ),
        ).toBe(false);
    }
  });
});

describe("practiceOrder", () => {
  it("never puts two variants of one point next to each other", () => {
    const order = practiceOrder(bank(3));
    expect(order).toHaveLength(12);
    for (let i = 1; i < order.length; i++) expect(order[i]!.knowledgePointId).not.toBe(order[i - 1]!.knowledgePointId);
  });
});

describe("revealsAnswerOf and suggestedMinutes", () => {
  it("ignores 正确/错误 and one-character answers; the limit fits the count", () => {
    expect(revealsAnswerOf("这是正确的说法", [{ format: "truefalse", answer: ["正确"] }])).toBe(false);
    expect(revealsAnswerOf("密级分为三级", [{ format: "fill", answer: ["三"] }])).toBe(false);
    expect(revealsAnswerOf("机密级不超过二十年", [{ format: "fill", answer: ["二十年"] }])).toBe(true);
    expect(suggestedMinutes(20)).toBe(15);
    expect(suggestedMinutes(4)).toBe(5);
  });
});
