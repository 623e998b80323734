/**
 * The rules an administrator's edit must satisfy before it reaches learners. Pure: the edit page
 * shows these messages beside the fields, and the server applies the same check before saving.
 */
import { blankCount } from "~/questions/blanks";

export type QuestionFormat = "single" | "multiple" | "truefalse" | "fill";

export interface QuestionDraft {
  format: QuestionFormat;
  stem: string;
  /** Choice texts in order; ignored for true/false (always 正确/错误) and fill-in (none). */
  options: string[];
  /** For choices: the correct option texts. True/false: ["正确"] or ["错误"]. Fill-in: accepted answers. */
  answer: string[];
  explanation: string;
}

export type QuestionField = "stem" | "options" | "answer" | "explanation";

export interface QuestionErrors {
  stem?: string;
  options?: string;
  /** Errors of individual option rows, by index. */
  option?: Record<number, string>;
  answer?: string;
  explanation?: string;
}

export type ValidationResult = { ok: true; question: QuestionDraft } | { ok: false; errors: QuestionErrors };

export const STEM_MAX = 300;
export const OPTION_MAX = 200;
export const EXPLANATION_MAX = 1000;
export const MAX_OPTIONS = 8;
export const TRUE_FALSE = ["正确", "错误"] as const;

/** Collapses the whitespace an editor might paste in; full-width spaces count too. */
function clean(text: string): string {
  return text.replace(/[\s\u3000]+/g, " ").trim();
}

function normalizeForComparison(text: string): string {
  return clean(text).toLowerCase();
}

export function validateQuestion(input: QuestionDraft): ValidationResult {
  const errors: QuestionErrors = {};
  const stem = clean(input.stem);
  const explanation = input.explanation.trim();

  if (stem.length === 0) errors.stem = "请填写题干";
  else if (stem.length > STEM_MAX) errors.stem = `题干不能超过 ${STEM_MAX} 个字（现在 ${stem.length} 个）`;
  if (explanation.length > EXPLANATION_MAX) errors.explanation = `解析不能超过 ${EXPLANATION_MAX} 个字`;

  let options: string[] = [];
  let answer: string[] = [];

  if (input.format === "single" || input.format === "multiple") {
    options = input.options.map(clean);
    const optionErrors: Record<number, string> = {};
    const seen = new Map<string, number>();
    options.forEach((option, index) => {
      if (option.length === 0) optionErrors[index] = "选项不能为空";
      else if (option.length > OPTION_MAX) optionErrors[index] = `选项不能超过 ${OPTION_MAX} 个字`;
      else {
        const key = normalizeForComparison(option);
        if (seen.has(key)) optionErrors[index] = `与选项 ${String.fromCharCode(65 + seen.get(key)!)} 重复`;
        else seen.set(key, index);
      }
    });
    if (Object.keys(optionErrors).length > 0) errors.option = optionErrors;
    if (options.length < 2) errors.options = "至少需要 2 个选项";
    else if (options.length > MAX_OPTIONS) errors.options = `最多 ${MAX_OPTIONS} 个选项`;

    const correct = new Set(input.answer.map(clean));
    answer = options.filter((option) => correct.has(option));
    const unknown = [...correct].filter((a) => !options.includes(a));
    if (unknown.length > 0) errors.answer = "正确答案必须是选项之一";
    else if (input.format === "single" && answer.length !== 1) errors.answer = "单选题必须恰好有 1 个正确答案";
    else if (input.format === "multiple" && answer.length < 2) errors.answer = "多选题至少需要 2 个正确答案";
    else if (input.format === "multiple" && answer.length === options.length && options.length >= 2)
      errors.answer = "多选题至少要有 1 个错误选项";
  } else if (input.format === "truefalse") {
    options = [...TRUE_FALSE];
    answer = input.answer.map(clean);
    if (answer.length !== 1 || !TRUE_FALSE.includes(answer[0] as (typeof TRUE_FALSE)[number])) {
      errors.answer = "判断题的答案必须是“正确”或“错误”";
    }
  } else {
    options = [];
    answer = [];
    // Generated fill-in stems use ____, an editor may type （ ） too (see blankCount). Several blanks take one
    // answer each, in order; one blank takes any number of accepted answers.
    const blanks = blankCount(stem);
    const seen = new Set<string>();
    for (const raw of input.answer) {
      const accepted = clean(raw);
      if (accepted.length === 0) continue;
      const key = normalizeForComparison(accepted);
      if (blanks <= 1 && seen.has(key)) continue;
      seen.add(key);
      answer.push(accepted);
    }
    if (answer.length === 0) errors.answer = "填空题至少需要 1 个可接受的答案";
    else if (blanks > 1 && answer.length !== blanks)
      errors.answer = `题干有 ${blanks} 个空格，请按顺序为每个空格各填 1 个答案（现在 ${answer.length} 个）`;
    else if (answer.some((a) => a.length > OPTION_MAX)) errors.answer = `答案不能超过 ${OPTION_MAX} 个字`;
    else if (stem.length > 0) {
      // A stem that still contains its answer gives it away.
      const leaked = answer.find((a) => stem.includes(a));
      if (leaked) errors.answer = `题干中已包含答案“${leaked}”`;
    }
    if (!errors.stem && stem.length > 0 && blankCount(stem) === 0)
      errors.stem = "填空题的题干必须包含空格 ____ 或 （ ）";
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, question: { format: input.format, stem, options, answer, explanation } };
}

/** The first message of a result, for places that show one line (bulk tools, logs). */
export function firstError(errors: QuestionErrors): string | undefined {
  return errors.stem ?? errors.options ?? Object.values(errors.option ?? {})[0] ?? errors.answer ?? errors.explanation;
}
