/**
 * Parallel slots of a law asked together: one frame stated for several cases in a row (绝密级不超过三十年，
 * 机密级不超过二十年，秘密级不超过十年). Examiners ask the values as one tuple (A. 三十年、二十年、十年), so a
 * learner must know which value goes with which case, not only that the values occur.
 *
 * Wrong options are consistent tuples: every value moved the same number of steps along its unit's ladder
 * (二十五年、十五年、五年 / 四十年、二十五年、十五年), so the order and the spacing of the values give nothing away,
 * and no wrong tuple is a statement the law makes. Keys on figures and punctuation only.
 */
import { makeFact, type Fact, type SentenceCtx } from "./facts";
import { findFigures, formatLike, ladderOf, type FoundFigure } from "./figures";
import { SLOT } from "./reduce";

const MAX_SENTENCE = 150;
/** Between two slots of one frame: the next case's label, no sentence end, no range bound. */
const GAP_RE = /^[，；、][^。，；！？]{1,12}$/;

/** Runs of figures sharing unit, suffix and the words just before them (不超过…, 不超过…). */
function slotRuns(s: string, figs: FoundFigure[]): FoundFigure[][] {
  const runs: FoundFigure[][] = [];
  let run: FoundFigure[] = [];
  const frame = (f: FoundFigure) => `${s.slice(Math.max(0, f.start - 3), f.start)}|${f.unit}|${f.suffix}`;
  for (const f of figs) {
    const prev = run[run.length - 1];
    const gap = prev ? s.slice(prev.end, f.start - 3) : "";
    if (prev && frame(prev) === frame(f) && GAP_RE.test(gap) && !/以上|以下|至/.test(gap)) {
      run.push(f);
      continue;
    }
    if (run.length >= 2) runs.push(run);
    run = [f];
  }
  if (run.length >= 2) runs.push(run);
  return runs;
}

/** Every value moved by `shift` steps on the ladder of its unit; null when one falls off or two collide. */
function shifted(run: FoundFigure[], shift: number): string | null {
  const values: number[] = [];
  for (const f of run) {
    const ladder = ladderOf(f);
    const i = ladder.indexOf(f.value);
    const v = ladder[i + shift];
    if (i < 0 || v === undefined) return null;
    values.push(v);
  }
  if (new Set(values).size !== values.length) return null;
  return run.map((f, i) => formatLike(f, values[i] as number)).join("、");
}

export function extractParallelSlots(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  if (s.length > MAX_SENTENCE) return [];
  const out: Fact[] = [];
  for (const run of slotRuns(s, findFigures(s, { chinese: true }))) {
    const key = run.map((f) => f.text).join("、");
    const foils: string[] = [];
    for (const shift of [-1, 1, -2, 2, -3, 3]) {
      const t = shifted(run, shift);
      if (t && t !== key && !foils.includes(t)) foils.push(t);
    }
    if (foils.length < 3) continue;
    let body = "";
    let at = 0;
    run.forEach((f, i) => {
      body += s.slice(at, f.start) + (i === 0 ? SLOT : "（ ）");
      at = f.end;
    });
    body = `${body}${s.slice(at)}`.replace(/[。；;]?$/, "。");
    const first = run[0] as FoundFigure;
    const last = run[run.length - 1] as FoundFigure;
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: "tuple",
        answer: key,
        at: first.start,
        len: last.end - first.start,
        subject: "并列数值",
        body,
        distractors: foils,
        fill: false,
        statement: false,
        weight: 0.97,
        located: true,
      }),
    );
  }
  return out;
}
