/**
 * A run of quoted formulations, each after its own word: 增强“四个意识”、坚定“四个自信”、做到“两个维护”;
 * 传统产业“脱胎换骨”、新兴产业“强筋壮骨”、未来产业“星火燎原”. One of them blanked beside the others is
 * recited, not recalled (extract.ts asks none of them alone); examiners ask the whole run, a blank per
 * formulation, the words before each shown: 增强“____”、坚定“____”、做到“____”.
 */
import { isFormulationText } from "./corpus";
import { makeFact, type Fact, type SentenceCtx } from "./facts";
import { reduceSentence, SLOT } from "./reduce";
import { cjkCount } from "./text";

/** Three to six 词“提法” joined by 、. */
const RUN_RE = /(?:[\u4e00-\u9fff]{1,4}“[^“”，。；]{2,10}”、){2,5}[\u4e00-\u9fff]{1,4}“[^“”，。；]{2,10}”/g;
const ITEM_RE = /([\u4e00-\u9fff]{1,4})“([^“”]+)”/g;

export function extractQuotedSets(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const out: Fact[] = [];
  for (const m of s.matchAll(RUN_RE)) {
    const run = m[0];
    const items = [...run.matchAll(ITEM_RE)].map((x) => ({ word: x[1] ?? "", text: x[2] ?? "" }));
    if (items.length < 3 || items.some((x) => !isFormulationText(x.text))) continue;
    // The same word before every item (推进“一网通办”、推进“一网统管”…) shows nothing that tells the blanks apart.
    if (new Set(items.map((x) => x.word)).size < items.length) continue;
    if (new Set(items.map((x) => x.text)).size < items.length) continue;
    const at = m.index ?? 0;
    const body = reduceSentence(s, at, at + run.length, { figures: false });
    if (!body || cjkCount(body.replace(SLOT, "")) < 4) continue;
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "formulation",
        answer: run,
        at,
        len: run.length,
        subject: `提法并举：${items.map((x) => x.text).join("、")}`,
        body,
        distractors: [],
        slots: { items: items.map((x) => x.text), pattern: items.map((x) => `${x.word}“${SLOT}”`).join("、") },
        noSingle: true,
        fill: true,
        statement: false,
        weight: 0.85,
        located: true,
      }),
    );
  }
  return out;
}
