import { describe, expect, it } from "vitest";
import { checkAnswer, pickVariant, presentedOptions } from "./answers";

describe("checkAnswer", () => {
  it("single choice and true/false compare option texts", () => {
    expect(checkAnswer({ format: "single", answer: ["5%左右"] }, ["5%左右"])).toBe(true);
    expect(checkAnswer({ format: "single", answer: ["5%左右"] }, ["6%左右"])).toBe(false);
    expect(checkAnswer({ format: "single", answer: ["5%左右"] }, ["5%左右", "6%左右"])).toBe(false);
    expect(checkAnswer({ format: "truefalse", answer: ["错误"] }, ["错误"])).toBe(true);
    expect(checkAnswer({ format: "truefalse", answer: ["错误"] }, [])).toBe(false);
  });
  it("multiple choice is all-or-nothing", () => {
    const q = { format: "multiple" as const, answer: ["绝密", "机密", "秘密"] };
    expect(checkAnswer(q, ["秘密", "绝密", "机密"])).toBe(true);
    expect(checkAnswer(q, ["绝密", "机密"])).toBe(false);
    expect(checkAnswer(q, ["绝密", "机密", "秘密", "商业秘密"])).toBe(false);
  });
  it("fill-in accepts width, space, punctuation and numeral variants", () => {
    const q = { format: "fill" as const, answer: ["二十年"] };
    expect(checkAnswer(q, ["二十年"])).toBe(true);
    expect(checkAnswer(q, ["20年"])).toBe(true);
    expect(checkAnswer(q, [" ２０ 年。"])).toBe(true);
    expect(checkAnswer(q, ["十年"])).toBe(false);
    expect(checkAnswer(q, [""])).toBe(false);
    expect(checkAnswer({ format: "fill", answer: ["两个确立"] }, ["“两个确立”"])).toBe(true);
    expect(checkAnswer({ format: "fill", answer: ["5%左右"] }, ["5％左右"])).toBe(true);
  });
  it("a fill-in with several blanks takes one item per blank, in any order, every blank required", () => {
    const q = { format: "fill" as const, answer: ["核心密码", "普通密码", "商用密码"], blanks: 3 };
    expect(checkAnswer(q, ["核心密码", " 普通密码。", "商用密码"])).toBe(true);
    expect(checkAnswer(q, ["普通密码", "核心密码", "商用密码"])).toBe(true);
    expect(checkAnswer(q, ["核心密码", "核心密码", "商用密码"])).toBe(false);
    expect(checkAnswer(q, ["核心密码", "普通密码", "商业密码"])).toBe(false);
    expect(checkAnswer(q, ["核心密码", "", "商用密码"])).toBe(false);
    expect(checkAnswer(q, ["核心密码、普通密码和商用密码"])).toBe(false);
    // One accepted answer of a several-blank key is no answer to the whole.
    expect(checkAnswer(q, ["核心密码"])).toBe(false);
  });
});

describe("presentedOptions", () => {
  it("shuffles per token, reproducibly, and keeps true/false in order", () => {
    const q = { format: "single" as const, options: ["甲", "乙", "丙", "丁"] };
    expect(presentedOptions(q, "token-1")).toEqual(presentedOptions(q, "token-1"));
    expect([...presentedOptions(q, "token-1")].sort()).toEqual([...q.options].sort());
    const orders = new Set(["a", "b", "c", "d", "e", "f"].map((t) => presentedOptions(q, t).join("")));
    expect(orders.size).toBeGreaterThan(1);
    expect(presentedOptions({ format: "truefalse", options: ["错误", "正确"] }, "x")).toEqual(["正确", "错误"]);
    expect(presentedOptions({ format: "fill", options: [] }, "x")).toEqual([]);
  });
});

describe("pickVariant", () => {
  const variants = [
    { id: "q-fill", format: "fill" as const },
    { id: "q-single", format: "single" as const },
    { id: "q-tf", format: "truefalse" as const },
  ];
  it("asks a new point with a choice format and rotates formats", () => {
    expect(pickVariant(variants, { stable: false, recentFormats: [] })!.id).toBe("q-single");
    expect(pickVariant(variants, { stable: false, recentFormats: ["single"] })!.id).toBe("q-tf");
  });
  it("asks a stable point as fill-in", () => {
    expect(pickVariant(variants, { stable: true, recentFormats: [] })!.id).toBe("q-fill");
  });
  it("repeats today's variant rather than a sibling", () => {
    expect(pickVariant(variants, { stable: true, askedToday: "q-tf", recentFormats: [] })!.id).toBe("q-tf");
  });
  it("falls back to what exists", () => {
    expect(pickVariant([{ id: "only", format: "fill" as const }], { stable: false, recentFormats: [] })!.id).toBe(
      "only",
    );
    expect(pickVariant([], { stable: false, recentFormats: [] })).toBeNull();
  });
});
