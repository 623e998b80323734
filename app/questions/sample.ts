/** Reproducible random samples of a bank as markdown, for human review of generated questions. */
import { prng } from "./text";
import type { Bank, Question } from "./types";
import { blankCount } from "./blanks";

const FORMAT_LABEL: Record<Question["format"], string> = {
  single: "单选",
  multiple: "多选",
  truefalse: "判断",
  fill: "填空",
};
const KIND_LABEL: Record<Question["kind"], string> = { phrase: "提法", target: "目标", provision: "法条" };

export function questionMarkdown(q: Question, n?: number): string {
  const lines: string[] = [];
  lines.push(`### ${n !== undefined ? `${n}. ` : ""}[${KIND_LABEL[q.kind]}·${FORMAT_LABEL[q.format]}] ${q.stem}`);
  if (q.format === "single" || q.format === "multiple") {
    q.options.forEach((o, i) => {
      const correct = q.answer.includes(o);
      lines.push(`- ${String.fromCharCode(65 + i)}. ${o}${correct ? " ✅" : ""}`);
    });
    const letters = q.options.map((o, i) => (q.answer.includes(o) ? String.fromCharCode(65 + i) : "")).join("");
    lines.push(`\n**答案**：${letters}`);
  } else if (q.format === "fill" && blankCount(q.stem) > 1) {
    // One answer per blank, in order.
    lines.push(`\n**答案**：${q.answer.join("；")}（每空一项）`);
  } else {
    // Accepted spellings of the one answer.
    lines.push(`\n**答案**：${q.answer.join(" / ")}`);
  }
  lines.push(`\n**解析**：${q.explanation}`);
  lines.push(`\n<sub>${q.id} · score ${q.score} · ${q.generatorVersion}</sub>`);
  return lines.join("\n");
}

/** n questions drawn without replacement; the same bank and seed always give the same sample. */
export function sampleMarkdown(bank: Bank, opts: { n: number; seed: number | string }): string {
  const rand = prng(opts.seed);
  const pool = [...bank.questions];
  const chosen: Question[] = [];
  while (chosen.length < opts.n && pool.length > 0) {
    const i = Math.floor(rand() * pool.length);
    chosen.push(pool.splice(i, 1)[0] as Question);
  }
  const head = `# 题目抽样（${chosen.length}/${bank.questions.length}，seed=${opts.seed}，${bank.generatorVersion}）`;
  return [head, ...chosen.map((q, i) => questionMarkdown(q, i + 1))].join("\n\n");
}
