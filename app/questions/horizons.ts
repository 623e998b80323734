/**
 * Horizons of plans, plenary documents and reports: 到二〇三五年，全面建成…; 为到本世纪中叶全面建成…奠定坚实基础;
 * 到二〇二九年中华人民共和国成立八十周年时，完成…. When a goal is due is what examiners ask of such a sentence
 * (“到____，基本实现社会主义现代化”): the time is blanked, the goal stays in the stem.
 *
 * The wrong options of a single choice are the document's own other horizons, each the deadline of another
 * goal in the same text, so none is invented and none can be ruled out without knowing which goal is whose;
 * with fewer than three of them the horizon is a fill-in only.
 */
import { makeFact, type Fact, type SentenceCtx } from "./facts";
import { SLOT } from "./reduce";
import { clauses, cjkCount, parseChineseNumber } from "./text";

/** A year (2035年, 二〇三五年, …年底) or the mid-century horizon, after 到. */
const HORIZON = "(?:20\\d{2}|二〇[〇一二三四五六七八九]{2})年(?:底|末)?|(?:本|二十一|21)世纪中叶";
const HORIZON_RE = new RegExp(`到(${HORIZON})`, "g");
/** What a goal says: something is to be reached, built or finished by then. */
const GOAL_RE = /实现|建成|完成|达到|形成|基本|全面|取得|超过|力争|确保|提高到|降到|突破|迈上|基本建立|建立|健全/;
const MAX_BODY = 90;

function yearOf(horizon: string): number | null {
  const m = /^(20\d{2}|二〇[〇一二三四五六七八九]{2})年/.exec(horizon);
  return m ? (/^\d/.test(m[1] ?? "") ? Number(m[1]) : parseChineseNumber(m[1] ?? "")) : null;
}

/** Every horizon a document names, in order of first use: the foils of each other. */
function horizonsOf(text: string): string[] {
  return [...new Set([...text.matchAll(HORIZON_RE)].map((m) => m[1] ?? ""))];
}

export function extractHorizons(ctx: SentenceCtx, docText: string): Fact[] {
  const s = ctx.sentence.text;
  const out: Fact[] = [];
  const cls = clauses(s);
  for (const m of s.matchAll(HORIZON_RE)) {
    const answer = m[1] ?? "";
    const at = (m.index ?? 0) + 1;
    const year = yearOf(answer);
    // A year already past when the document was written is a record, not a horizon (到2023年底，已…).
    if (year !== null && ctx.year !== null && year < ctx.year) continue;
    const i = cls.findIndex((c) => at >= c.start && at < c.end);
    const c = cls[i];
    if (!c) continue;
    // The goal: the rest of the horizon's clause, or the clause after it when the horizon stands alone
    // (到二〇三五年，全面建成…), or names the occasion (到二〇二九年…八十周年时，完成…).
    const restOfClause = s.slice(at + answer.length, c.end);
    const next = cls[i + 1];
    const own = cjkCount(restOfClause) >= 6 && !/时$/.test(restOfClause);
    const goal = own || !next ? restOfClause : `${restOfClause}${next.text}`;
    if (cjkCount(goal) < 6 || !GOAL_RE.test(goal)) continue;
    const end = own ? c.end : (next?.end ?? c.end);
    const from = c.start;
    const text = s.length <= MAX_BODY ? s : s.slice(from, end);
    const offset = s.length <= MAX_BODY ? 0 : from;
    const body = `${text.slice(0, at - offset)}${SLOT}${text.slice(at - offset + answer.length)}`.replace(
      /[。；，：]?$/,
      "。",
    );
    if (cjkCount(body.replace(SLOT, "")) < 8) continue;
    const distractors = horizonsOf(docText).filter((h) => h !== answer && yearOf(h) !== year);
    out.push(
      makeFact(ctx, {
        kind: "target",
        factType: "date",
        answer,
        at,
        len: answer.length,
        subject: `时限：${goal.slice(0, 24)}`,
        body,
        distractors,
        fill: true,
        statement: false,
        weight: 0.86,
        located: true,
        ...(distractors.length < 3 ? { noSingle: true } : {}),
      }),
    );
  }
  return out;
}
