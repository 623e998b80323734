/**
 * Horizons of plans, plenary documents and reports: 到二〇三五年，全面建成…; 为到本世纪中叶全面建成…奠定坚实基础;
 * 到二〇二九年中华人民共和国成立八十周年时，完成…. When a goal is due is what examiners ask of such a sentence
 * (“到____，基本实现社会主义现代化”): the time is blanked, the goal stays in the stem.
 *
 * The wrong options of a single choice are the document's own other horizons, each the deadline of another
 * goal in the same text, so none is invented and none can be ruled out without knowing which goal is whose;
 * with fewer than three of them the horizon is a fill-in only.
 */
import { makeFact, type Enumeration, type Fact, type SentenceCtx } from "./facts";
import { SLOT } from "./reduce";
import { balancedQuotes, clauses, cjkCount, parseChineseNumber } from "./text";

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
    // 到____中华人民共和国成立八十周年时: the anniversary gives the year away (1949 + 80).
    if (/成立[一二三四五六七八九十百\d]+周年/.test(restOfClause)) continue;
    const next = cls[i + 1];
    const own = cjkCount(restOfClause) >= 6 && !/时$/.test(restOfClause);
    const goal = own || !next ? restOfClause : `${restOfClause}${next.text}`;
    if (cjkCount(goal) < 6 || !GOAL_RE.test(goal)) continue;
    const end = own ? c.end : (next?.end ?? c.end);
    // 为到____全面建成…奠定坚实基础: a purpose clause is shown after the clause it is the purpose of.
    const from = /^为/.test(c.text) && i > 0 ? (cls[i - 1] as { start: number }).start : c.start;
    const text = s.length <= MAX_BODY ? s : s.slice(from, end);
    const offset = s.length <= MAX_BODY ? 0 : from;
    // The horizon the sentence opens on anchors the purpose (到二〇三五年，……，为到____…): its contrast is the fact.
    const anchor = cls.slice(0, Math.max(0, i - 1)).find((x) => ALONE_RE.test(x.text));
    const cut = offset > 0 && from < c.start ? (anchor ? `${anchor.text}，……` : "……") : "";
    const body = `${cut}${text.slice(0, at - offset)}${SLOT}${text.slice(at - offset + answer.length)}`.replace(
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

/** A document naming itself (本决定, 本规划): its words point nowhere once cut from it. */
const SELF_REFERENCE_RE = /本(?:决定|规划|纲要|意见|公报|报告|方案|条例|办法|法)/;

/** A horizon standing alone as its clause: 到二〇三五年，… */
const ALONE_RE = new RegExp(`^到(${HORIZON})$`);
/** What closes a goal written as the ground for another one (…强国奠定坚实基础). */
const GROUND_RE = /(?:奠定|打下)[^，。；]*基础$/;

/** One horizon's key: 2035年 and 二〇三五年 are one horizon; so are 本世纪中叶 and 二十一世纪中叶. */
function horizonKey(h: string): string {
  return String(yearOf(h) ?? "世纪中叶");
}

/** The goal clauses after a horizon's own clause, up to the sentence's next horizon or a clause of another kind. */
function goalClauses(cls: ReturnType<typeof clauses>, i: number): { text: string; end: number }[] {
  const goals: { text: string; end: number }[] = [];
  for (const g of cls.slice(i + 1)) {
    // 为到本世纪中叶…奠定坚实基础 is the next horizon's goal, not this one's.
    if (/^(?:为|到|并|要|使)/.test(g.text) || /到(?:20\d{2}|二〇[〇一二三四五六七八九]{2})年|世纪中叶/.test(g.text))
      break;
    if (cjkCount(g.text) < 6 || g.text.length > 24 || !balancedQuotes(g.text)) break;
    goals.push({ text: g.text, end: g.end });
    if (g.sep !== "，") break;
  }
  return goals;
}

/**
 * 到二〇三五年，全面建成…，…更加完善，基本实现…: the goals one horizon sets, asked as 多选
 * (“到二〇三五年要实现的目标有”). Its wrong options are attached over the corpus (`attachHorizonFoils`).
 */
export function extractHorizonGoals(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const cls = clauses(s);
  const out: Fact[] = [];
  cls.forEach((c, i) => {
    const m = ALONE_RE.exec(c.text);
    const horizon = m?.[1];
    if (!horizon) return;
    const year = yearOf(horizon);
    if (year !== null && ctx.year !== null && year < ctx.year) return;
    const goals = goalClauses(cls, i);
    if (goals.length < 3 || !goals.some((g) => GOAL_RE.test(g.text))) return;
    const first = cls[i + 1] as { start: number };
    const last = goals[goals.length - 1] as { end: number };
    const correct = goals.map((g) => g.text);
    out.push(
      makeFact(ctx, {
        kind: "target",
        factType: "enumeration",
        answer: correct.join("、"),
        at: first.start,
        len: last.end - first.start,
        subject: `目标：到${horizon}`,
        body: null,
        distractors: [],
        enumeration: { lead: `到${horizon}`, noun: "目标", correct, foreign: [], pattern: "horizon" },
        fill: false,
        statement: false,
        weight: 0.84,
      }),
    );
  });
  return out;
}

/** Every goal the corpus sets, by horizon: the goal clause after each 到…年 of every document. */
function goalsByHorizon(docTexts: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const text of docTexts) {
    for (const sentence of text.split(/[。！？\n]/)) {
      const cls = clauses(sentence);
      for (const m of sentence.matchAll(HORIZON_RE)) {
        const h = m[1] ?? "";
        const at = (m.index ?? 0) + 1 + h.length;
        const i = cls.findIndex((c) => at > c.start && at <= c.end);
        const c = cls[i];
        if (!c) continue;
        const rest = sentence.slice(at, c.end).replace(GROUND_RE, "");
        // 到二〇二九年…八十周年时，完成…: the occasion is no goal; the next clause is.
        const goals = cjkCount(rest) >= 6 && !/时$/.test(rest) ? [rest] : goalClauses(cls, i).map((x) => x.text);
        const set = out.get(horizonKey(h)) ?? new Set<string>();
        for (const g of goals) set.add(g.replace(GROUND_RE, ""));
        out.set(horizonKey(h), set);
      }
    }
  }
  return out;
}

/**
 * Wrong options of each horizon's goals: goals the corpus sets for another horizon (全面建成社会主义现代化强国 by
 * mid-century among the 2035 goals), never a clause any document says after this horizon. A learner must know
 * which goal is due when; every option is a goal the documents really set.
 */
export function attachHorizonFoils(facts: readonly Fact[], docTexts: Iterable<string>): void {
  const lists = facts.filter((f) => f.enumeration?.pattern === "horizon");
  if (lists.length === 0) return;
  const byHorizon = goalsByHorizon(docTexts);
  for (const f of lists) {
    const e = f.enumeration as Enumeration;
    const key = horizonKey(e.lead.replace(/^到/, ""));
    const own = byHorizon.get(key) ?? new Set<string>();
    const foils: string[] = [];
    for (const [k, goals] of byHorizon) {
      if (k === key) continue;
      for (const g of goals) {
        if (own.has(g) || foils.includes(g) || e.correct.includes(g)) continue;
        if (cjkCount(g) < 6 || g.length > 24 || !GOAL_RE.test(g) || !balancedQuotes(g)) continue;
        // 完成本决定提出的改革任务: a goal that points at its own document means nothing among another's goals.
        if (SELF_REFERENCE_RE.test(g)) continue;
        // A goal only a word away from one of this horizon's (基本实现 vs 全面实现) would be a trap, not knowledge.
        if ([...own].some((o) => o.includes(g) || g.includes(o))) continue;
        foils.push(g);
      }
    }
    e.foreign = foils;
  }
}
