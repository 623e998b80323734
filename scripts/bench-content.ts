/**
 * Throughput of the content pipeline (decode + normalize + split + structure) on the corpus, and on
 * the corpus repeated 10× and 100× as separate in-memory files. Reports the median of several runs in
 * MB/s of raw input; per-byte cost should stay flat as the input grows.
 *
 *   npm run bench:content [-- --input content --runs 5]
 */
import { resolve } from "node:path";
import { parseFile, type SourceFile } from "../app/content/index";
import { readContentDirectory } from "./lib/content-files";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const input = resolve(flag("input", "content"));
const runs = Math.max(1, Number(flag("runs", "5")));

const { files: corpus } = await readContentDirectory(input);

function repeated(times: number): SourceFile[] {
  const out: SourceFile[] = [];
  for (let i = 0; i < times; i++) for (const f of corpus) out.push({ name: `r${i}_${f.name}`, bytes: f.bytes });
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// Warm up the JIT and the lazily built Traditional→Simplified converter.
for (const f of corpus) parseFile(f);

const rows: { label: string; files: number; mb: number; ms: number; mbs: number; docs: number }[] = [];
for (const [label, times] of [
  ["corpus ×1", 1],
  ["corpus ×10", 10],
  ["corpus ×100", 100],
] as const) {
  const files = repeated(times);
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const samples: number[] = [];
  let docs = 0;
  const n = times >= 100 ? Math.min(runs, 3) : runs;
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    docs = 0;
    for (const f of files) {
      const res = parseFile(f);
      if (res.ok) docs += res.documents.length;
    }
    samples.push(performance.now() - t0);
  }
  const ms = median(samples);
  const mb = bytes / 1e6;
  rows.push({ label, files: files.length, mb, ms, mbs: mb / (ms / 1000), docs });
}

console.log("| input | files | MB | median ms | MB/s | documents |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.files} | ${r.mb.toFixed(2)} | ${r.ms.toFixed(0)} | ${r.mbs.toFixed(2)} | ${r.docs} |`,
  );
}
