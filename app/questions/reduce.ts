/**
 * Turning a source sentence into a stem body: keep the clause that states the fact and the clauses
 * that give it its subject, drop parallel clauses that state sibling facts (the other targets of a
 * target list, the other ranks of a period list), and mark where the answer goes.
 */
import { findFigures } from "./figures";
import { clauses, cjkCount, type Clause } from "./text";

/** Placeholder for the answer inside a stem body. */
export const SLOT = "\u0000";

const SUBJECTLESS_RE = /^(?:增长|下降|提高|降低|增加|减少|同比|比上年|占|达到?|居|分别|其中|年均|累计|均)/;
const LEADING_MARK_RE =
  /^(?:——|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[①-⑳])\s*/;
const MAX_BODY = 130;
const CONDITION_RE = /^(?:非经|未经|凡|如果|假如)|^经[^，]{2,30}?(?:批准|同意|许可|审查|审核|决定)$|^除[^，]*外$/;

export interface ReduceOptions {
  /** Figures are facts of their own: clauses stating other figures are parallel and dropped. */
  figures: boolean;
  chinese?: boolean;
}

function hasFigure(c: Clause, chinese: boolean): boolean {
  return findFigures(c.text, { chinese }).length > 0;
}

/**
 * `sentence` with [ansStart, ansEnd) replaced by SLOT and reduced to the clauses that matter.
 * Returns null when the answer cannot be located in one clause.
 */
export function reduceSentence(sentence: string, ansStart: number, ansEnd: number, opts: ReduceOptions): string | null {
  const cls = clauses(sentence);
  const k = cls.findIndex((c) => ansStart >= c.start && ansEnd <= c.end);
  if (k < 0) return null;
  const target = cls[k] as Clause;
  const keep = new Set<number>([k]);
  let budget = MAX_BODY - target.text.length;
  const chinese = opts.chinese ?? false;

  const pre = sentence.slice(target.start, ansStart).replace(LEADING_MARK_RE, "");
  let j = k - 1;
  if (opts.figures && j >= 0 && (cjkCount(pre) < 2 || SUBJECTLESS_RE.test(pre))) {
    keep.add(j);
    budget -= (cls[j] as Clause).text.length;
    j--;
  }
  // A share (…占比达到80%) is a share of the whole the clause before names (…产值达到2762亿元).
  if (j >= 0 && j === k - 1 && /占比|所占比重/.test(target.text) && !/占[^，比]{2,}比/.test(target.text)) {
    const c = cls[j] as Clause;
    if (c.text.length <= budget && c.sep !== "；" && c.sep !== ";") {
      keep.add(j);
      budget -= c.text.length;
      j--;
    }
  }
  let leads = 0;
  // The first of parallel figures (绝密级不超过三十年，机密级…) shares the lead of its siblings.
  const nextClause = cls[k + 1];
  let skipped = opts.figures && nextClause !== undefined && hasFigure(nextClause, chinese) && target.sep !== "；";
  let earliest = Math.min(...keep);
  // A clause that opens on its modal (应当自形成之日起满二十五年…) takes its subject from the clause before.
  const modalOpening = /^(?:应当|可以|不得|必须|由)/.test(target.text.replace(LEADING_MARK_RE, ""));
  const shortSubject = cjkCount(pre) < 6 || modalOpening;
  for (; j >= 0 && leads < 2; j--) {
    const c = cls[j] as Clause;
    if (opts.figures && (hasFigure(c, chinese) || c.sep === "；" || c.sep === ";")) {
      // A parallel sibling fact (or list item): skip it, the lead before it may still name the subject.
      skipped = true;
      continue;
    }
    if (c.text.length > budget) break;
    // A semicolon separates independent statements; a lead never crosses one.
    if (!opts.figures && (c.sep === "；" || c.sep === ";")) break;
    // Only a shared lead (a short topic before skipped siblings, or a clause ending in a colon) or a
    // needed subject is context; anything else is a separate statement.
    const lead = c.sep === "：" || c.sep === ":" || (skipped && c.text.length <= 12);
    const room = cjkCount(pre) < 3 || modalOpening ? 48 : 24;
    if (!lead && !(shortSubject && j === earliest - 1 && c.text.length <= room)) break;
    keep.add(j);
    earliest = j;
    budget -= c.text.length;
    leads++;
  }
  const next = cls[k + 1];
  // An adverbial clause (按照…部署, 以…) leads into a predicate further on: kept alone it dangles.
  const nextOk =
    next &&
    target.sep !== "；" &&
    target.sep !== "：" &&
    next.sep !== "：" &&
    !/包括$|如下$/.test(next.text) &&
    !/^(?:以|为了|通过|围绕|按照|依照|根据|面对|随着|立足|着眼|借助|依托|本着)/.test(next.text);
  // 非经…批准 / …的: a condition clause is no statement without the rule it conditions; that rule is kept or
  // the sentence is not asked.
  const condition = CONDITION_RE.test(target.text.replace(LEADING_MARK_RE, "")) || /的$/.test(target.text);
  if (condition && target.sep !== "；" && target.sep !== ";" && target.sep !== "：") {
    if (!next || next.text.length > budget) return null;
    keep.add(k + 1);
  } else if (
    next &&
    nextOk &&
    next.text.length <= 24 &&
    next.text.length <= budget &&
    !(opts.figures && hasFigure(next, chinese))
  ) {
    keep.add(k + 1);
  }
  const order = [...keep].sort((a, b) => a - b);
  let out = "";
  order.forEach((idx, n) => {
    const c = cls[idx] as Clause;
    let text = c.text;
    if (idx === k) {
      const a = ansStart - c.start;
      const b = ansEnd - c.start;
      text = text.slice(0, a) + SLOT + text.slice(b);
    }
    if (n === 0) text = text.replace(LEADING_MARK_RE, "");
    const last = n === order.length - 1;
    const sep = last ? "。" : c.sep === "：" || c.sep === ":" ? "：" : c.sep === "；" || c.sep === ";" ? "；" : "，";
    out += text + sep;
  });
  out = out.replace(/^[，；：、\s]+/, "").replace(/^(?:并且?|且|而且?|同时|还|也)(?=[\u4e00-\u9fff])/, "");
  if (!out.includes(SLOT)) return null;
  return out;
}
