/**
 * Benchmark of question generation: parses content/ once, then times generateBank over several
 * runs and prints the median with the bank's composition. `--sample N [--seed S]` also prints a
 * reproducible markdown sample for review.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFile, type ParsedDocument } from "../app/content/index";
import { generateBank, sampleMarkdown } from "../app/questions/index";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(arg("--runs") ?? 7);
const dir = path.resolve(arg("--dir") ?? "content");

const documents: ParsedDocument[] = [];
for (const name of readdirSync(dir)
  .filter((n) => n.endsWith(".txt"))
  .sort()) {
  const result = parseFile({ name, bytes: readFileSync(path.join(dir, name)) });
  if (result.ok) documents.push(...result.documents);
  else console.error(`skipped ${name}: ${result.reason}`);
}

const times: number[] = [];
let bank = generateBank(documents);
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  bank = generateBank(documents);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;

const { stats } = bank;
console.log(`documents ${stats.documents}, content passages ${stats.passages}`);
console.log(
  `generateBank median ${median.toFixed(0)} ms over ${runs} runs (min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms)`,
);
console.log(`knowledge points ${stats.knowledgePoints}, questions ${stats.questions}`);
const kpByKind: Record<string, number> = {};
for (const kp of bank.knowledgePoints)
  kpByKind[`${kp.kind}/${kp.factType}`] = (kpByKind[`${kp.kind}/${kp.factType}`] ?? 0) + 1;
console.log("knowledge points by kind/fact:", kpByKind);
const formats = ["single", "multiple", "truefalse", "fill"] as const;
console.log(["kind".padEnd(10), ...formats.map((f) => f.padStart(9)), "total".padStart(7)].join(""));
for (const kind of ["target", "provision", "phrase"] as const) {
  const row = formats.map((f) => String(stats.byKindFormat[`${kind}/${f}`] ?? 0).padStart(9));
  console.log([kind.padEnd(10), ...row, String(stats.byKind[kind]).padStart(7)].join(""));
}
console.log(
  [
    "total".padEnd(10),
    ...formats.map((f) => String(stats.byFormat[f]).padStart(9)),
    String(stats.questions).padStart(7),
  ].join(""),
);
console.log("dropped by the quality gate:", stats.dropped);
const n = arg("--sample");
if (n) console.log(`\n${sampleMarkdown(bank, { n: Number(n), seed: arg("--seed") ?? 1 })}`);
