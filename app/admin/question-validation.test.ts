import { describe, expect, it } from "vitest";
import { STEM_MAX, firstError, validateQuestion, type QuestionDraft } from "./question-validation";

const single: QuestionDraft = {
  format: "single",
  stem: "2024年《政府工作报告》提出，国内生产总值增长的预期目标是（ ）。",
  options: ["5%左右", "4.5%左右", "5.5%左右", "6%左右"],
  answer: ["5%左右"],
  explanation: "",
};
const multiple: QuestionDraft = {
  format: "multiple",
  stem: "国家秘密的密级分为（ ）。",
  options: ["绝密", "机密", "秘密", "内部"],
  answer: ["绝密", "机密", "秘密"],
  explanation: "",
};
const truefalse: QuestionDraft = {
  format: "truefalse",
  stem: "城镇新增就业1000万人以上。",
  options: ["正确", "错误"],
  answer: ["错误"],
  explanation: "",
};
const fill: QuestionDraft = {
  format: "fill",
  stem: "《中华人民共和国保守国家秘密法》自____起施行。",
  options: [],
  answer: ["2024年5月1日"],
  explanation: "",
};

function errorsOf(draft: QuestionDraft) {
  const result = validateQuestion(draft);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("validateQuestion", () => {
  it("accepts a good question of each format and normalizes whitespace", () => {
    for (const draft of [single, multiple, truefalse, fill]) expect(validateQuestion(draft).ok).toBe(true);
    const result = validateQuestion({
      ...single,
      stem: `  ${single.stem}\n`,
      options: [" 5%左右 ", "4.5%左右", "5.5%左右", "6%左右"],
      answer: ["5%左右"],
    });
    expect(result).toMatchObject({
      ok: true,
      question: { stem: single.stem, options: single.options, answer: ["5%左右"] },
    });
  });

  it("requires a stem of at most 300 characters", () => {
    expect(errorsOf({ ...single, stem: "   " }).stem).toBe("请填写题干");
    expect(errorsOf({ ...single, stem: "字".repeat(STEM_MAX + 1) }).stem).toMatch(/^题干不能超过 300 个字/);
    expect(validateQuestion({ ...single, stem: "（ ）".padEnd(STEM_MAX, "字") }).ok).toBe(true);
  });

  it("single choice: exactly one correct among at least two distinct options", () => {
    expect(errorsOf({ ...single, answer: [] }).answer).toBe("单选题必须恰好有 1 个正确答案");
    expect(errorsOf({ ...single, answer: ["5%左右", "6%左右"] }).answer).toBe("单选题必须恰好有 1 个正确答案");
    expect(errorsOf({ ...single, options: ["5%左右"] }).options).toBe("至少需要 2 个选项");
    expect(errorsOf({ ...single, options: ["5%左右", "4.5%左右", "5%左右 "] }).option).toEqual({ 2: "与选项 A 重复" });
    expect(errorsOf({ ...single, answer: ["7%左右"] }).answer).toBe("正确答案必须是选项之一");
  });

  it("multiple choice: at least two correct, and not every option", () => {
    expect(errorsOf({ ...multiple, answer: ["绝密"] }).answer).toBe("多选题至少需要 2 个正确答案");
    expect(errorsOf({ ...multiple, answer: multiple.options }).answer).toBe("多选题至少要有 1 个错误选项");
    expect(
      errorsOf({ ...multiple, options: ["绝密", "机密", "机密", "内部"], answer: ["绝密", "机密"] }).option,
    ).toEqual({ 2: "与选项 B 重复" });
  });

  it("refuses empty and overlong options", () => {
    expect(errorsOf({ ...single, options: ["5%左右", "", "6%左右"] }).option).toEqual({ 1: "选项不能为空" });
    expect(errorsOf({ ...single, options: ["5%左右", "长".repeat(201)] }).option).toEqual({
      1: "选项不能超过 200 个字",
    });
    expect(
      errorsOf({ ...single, options: Array.from({ length: 9 }, (_, i) => `选项${i}`), answer: ["选项0"] }).options,
    ).toBe("最多 8 个选项");
  });

  it("true/false: the answer is 正确 or 错误, and the options are fixed", () => {
    expect(errorsOf({ ...truefalse, answer: ["对"] }).answer).toBe("判断题的答案必须是“正确”或“错误”");
    expect(errorsOf({ ...truefalse, answer: ["正确", "错误"] }).answer).toBe("判断题的答案必须是“正确”或“错误”");
    expect(validateQuestion({ ...truefalse, options: ["对", "错"] })).toMatchObject({
      ok: true,
      question: { options: ["正确", "错误"] },
    });
  });

  it("fill-in: a blank in the stem and at least one accepted answer not given away by the stem", () => {
    expect(errorsOf({ ...fill, answer: ["", "  "] }).answer).toBe("填空题至少需要 1 个可接受的答案");
    expect(errorsOf({ ...fill, stem: "《中华人民共和国保守国家秘密法》自2024年5月1日起施行。" }).stem).toBe(
      "填空题的题干必须包含空格 ____ 或 （ ）",
    );
    expect(errorsOf({ ...fill, stem: "《保守国家秘密法》自____（2024年5月1日）起施行。" }).answer).toBe(
      "题干中已包含答案“2024年5月1日”",
    );
    expect(validateQuestion({ ...fill, stem: "《保守国家秘密法》自（ ）起施行。" }).ok).toBe(true);
    const variants = validateQuestion({ ...fill, answer: ["2024年5月1日", " 2024年5月1日", "", "2024.5.1"] });
    expect(variants).toMatchObject({ ok: true, question: { answer: ["2024年5月1日", "2024.5.1"], options: [] } });
  });

  it("fill-in with several blanks: one answer per blank, in order", () => {
    const stem = "密级分为____、____和____三级。";
    expect(validateQuestion({ ...fill, stem, answer: ["绝密", "机密", "秘密"] })).toMatchObject({
      ok: true,
      question: { answer: ["绝密", "机密", "秘密"] },
    });
    expect(errorsOf({ ...fill, stem, answer: ["绝密", "机密"] }).answer).toBe(
      "题干有 3 个空格，请按顺序为每个空格各填 1 个答案（现在 2 个）",
    );
    // Two blanks may take the same answer: they are not alternatives of one blank.
    expect(validateQuestion({ ...fill, stem: "不得____、不得____。", answer: ["泄露", "泄露"] }).ok).toBe(true);
  });

  it("limits the explanation and names the first error", () => {
    const errors = errorsOf({ ...single, stem: "", explanation: "解".repeat(1001) });
    expect(errors.explanation).toBe("解析不能超过 1000 个字");
    expect(firstError(errors)).toBe("请填写题干");
  });
});
