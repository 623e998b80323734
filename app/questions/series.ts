/**
 * Series of short formulations in communiqués, reports and speeches, stated as one run without 等:
 * 坚持解放思想、实事求是、与时俱进、求真务实; 不断推进党的自我净化、自我完善、自我革新、自我提高. Examiners ask
 * the whole series (“全会强调要坚持（ ）”). It becomes a 多选 whose keys are its own items and whose wrong
 * options are items of other series of the same shape: the same length and the affix all its items share
 * (自我净化、自我完善… → another 自我…; 普惠性、基础性… → another …性). They are real formulations of the
 * corpus, of the same kind, and absent from this document (or in another of its series), so only a learner
 * who knows the series can tell them apart. A series whose items share no affix has no such foils and is
 * not asked: items of another topic (执法 among 降碳、减污、扩绿) are ruled out unread.
 *
 * Keys on generic wording only: the enumeration comma, uniform item lengths, word boundaries.
 */
import type { InputDocument } from "./types";
import { isContentPassage } from "./corpus";
import { makeFact, type Enumeration, type Fact } from "./facts";
import { SLOT } from "./reduce";
import { taggedWords, wordBoundaries } from "./segment";
import { balancedQuotes, cjkCount, clauses, isReportingClause, sentences, topicBefore } from "./text";

const ITEM_RE = /^[\u4e00-\u9fff]{2,6}$/;

interface Series {
  items: string[];
  lead: string;
  /** The clause with the series as SLOT, asked as a fill-in with a blank per item; null when the series is no short formula. */
  fillBody: string | null;
  /** Offset of the first item in the sentence, and of the end of the last. */
  at: number;
  end: number;
}

/** The series of one clause, if it is one: three to eight items of one length (±1), the first cut from its verb. */
function seriesOf(clause: string): { items: string[]; prefix: string; tail: string; even: boolean } | null {
  if ((clause.match(/、/g)?.length ?? 0) < 2 || /等/.test(clause)) return null;
  const segs = clause.split("、");
  const inner = segs.slice(1, -1);
  if (!inner.every((x) => ITEM_RE.test(x))) return null;
  const len = inner[0]?.length ?? 0;
  if (inner.some((x) => Math.abs(x.length - len) > 1)) return null;
  // The last item is the last segment's head; what follows it (…为主线) is the clause's own words.
  const lastSeg = segs[segs.length - 1] ?? "";
  const lastBounds = wordBoundaries(lastSeg);
  const lastEnd = [len, len + 1, len - 1].find((n) => n >= 2 && n <= lastSeg.length && lastBounds.has(n));
  if (lastEnd === undefined) return null;
  let last = lastSeg.slice(0, lastEnd);
  let tail = lastSeg.slice(lastEnd);
  // The first item ends its segment; the words before it govern the series (坚持, 推进党的).
  const firstSeg = segs[0] ?? "";
  const firstBounds = wordBoundaries(firstSeg);
  // 把握……改革的主题、重大原则、重大举措: after 的 the first item may be shorter than its siblings.
  const firstStart = [len, len + 1, len - 1, len - 2]
    .map((n) => firstSeg.length - n)
    .find(
      (at, k) =>
        at >= 1 &&
        firstSeg.length - at >= 2 &&
        firstBounds.has(at) &&
        (k < 3 || firstSeg[at - 1] === "的") &&
        !/^[的之和与及]/.test(firstSeg.slice(at)),
    );
  if (firstStart === undefined) return null;
  const first = firstSeg.slice(firstStart);
  // The item right after 的 starts where no verb can have been glued to it: a sure boundary.
  const firstSure = firstSeg[firstStart - 1] === "的";
  // 科教兴国战略、人才强国战略、创新驱动发展战略: the word the other items end with ends the last one too.
  const { suffix } = sharedAffix([first, ...inner]);
  for (let n = suffix.length; n >= 2; n--) {
    const word = suffix.slice(-n);
    if (last.endsWith(word) || !tail.startsWith(word)) continue;
    last += word;
    tail = tail.slice(word.length);
    break;
  }
  const merged = last.length > lastEnd;
  const items = [first, ...inner, last];
  // A list of people (李玉超、李尚福…) is a roll, not a formulation.
  if (items.some((x) => (taggedWords(x)[0]?.tag ?? "").startsWith("nr"))) return null;
  // Nor is a list of places (京津冀、长三角、粤港澳…).
  const place = (x: string) => {
    const w = taggedWords(x);
    return w.length === 1 && w[0]?.tag === "ns";
  };
  if (items.filter(place).length >= 2) return null;
  if (
    !items.every((x) => ITEM_RE.test(x) || (merged && x === last && LONG_ITEM_RE.test(x))) ||
    new Set(items).size !== items.length ||
    items.length > 8
  )
    return null;
  // A series of names (北京、上海、广州) or of single generic words is no formulation: items of two characters
  // must be verbs' objects in a run of four or more (降碳、减污、扩绿、增长).
  // Three verbs governing one object (毫不动摇鼓励、支持、引导非公有制经济发展) are a formula too.
  const verbs = items.every((x) => {
    const w = taggedWords(x);
    return w.length === 1 && w[0]?.tag === "v";
  });
  if (len <= 2 && items.length < 4 && !(verbs && items.length === 3)) return null;
  // An item cut off its word (商务部关于, 民族地区的, 工业和) or one that alone lacks the word its siblings share
  // (精品路线、精品民宿、网红打卡|地) marks a wrong boundary, not a series.
  // 支持科技创新、新型基础设施、节能减排降碳: a first item that swallowed the verb governing the list is cut wrong too.
  // (以学铸魂、以学增智、以学正风: a preposition every item opens with is the formula's own, not a cut.)
  const opening = sharedAffix(items).prefix;
  if (items.some((x) => cutAtEdge(opening ? x.slice(opening.length) : x)) || oddOneOut(items) || governedFirst(items))
    return null;
  const prefix = firstSeg.slice(0, firstStart);
  // 一系列新思想、新观点、新论断: what 一系列 introduces is a vague many, not a formula to recall.
  if (/(?:一系列|一批)$/.test(prefix)) return null;
  // 不搞那些虚头巴脑、投机取巧、数据造假的东西; 形成勇于创新、真抓实干、开拓奋进的氛围: idioms that only describe
  // a mood or "things", sharing no word, are one speaker's rhetoric; other idioms fit the blanks as well. (A
  // system's qualities, 系统完备、科学规范、运行高效的…体系, are a formula.)
  if (
    /^的(?:浓厚)?[\u4e00-\u9fff]{0,4}?(?:氛围|风气|东西|事情)/.test(tail) &&
    items.every((x) => x.length === 4) &&
    !sharedAffix(items).prefix &&
    !sharedAffix(items).suffix
  )
    return null;
  // 重要讲话思想深邃、视野宏阔、论述精辟、内涵丰富: idioms praising a speech or an instruction say how it reads,
  // not what it says; any words of praise fit the blanks.
  if (
    /(?:讲话|指示|批示|论述|贺信|报告)(?:精神)?$/.test(prefix) &&
    items.every((x) => x.length === 4) &&
    !sharedAffix(items).prefix &&
    !sharedAffix(items).suffix
  )
    return null;
  const lengths = inner.map((x) => x.length);
  const within = (x: string) => x.length >= Math.min(...lengths) && x.length <= Math.max(...lengths);
  return {
    items,
    prefix,
    tail,
    even: (firstSure || within(first)) && (merged || within(last)),
  };
}

const LONG_ITEM_RE = /^[\u4e00-\u9fff]{2,8}$/;

/** An item that begins or ends on a preposition, a conjunction or a particle. */
function cutAtEdge(item: string): boolean {
  const words = taggedWords(item);
  const edge = (w: { tag: string } | undefined) => /^[pcu]/.test(w?.tag ?? "");
  return edge(words[0]) || edge(words[words.length - 1]);
}

/** Verbs that govern a list: glued to its first item they make it unlike the others. */
const GOVERNING_VERB_RE = /^(?:支持|推动|加强|加快|推进|促进|深化|实施|构建|完善|健全|坚持|落实|聚焦|围绕)/;

/** The first item alone opens on a governing verb (支持科技创新、新型基础设施、节能减排降碳). */
function governedFirst(items: readonly string[]): boolean {
  const [first, ...rest] = items;
  return first !== undefined && GOVERNING_VERB_RE.test(first) && !rest.some((x) => GOVERNING_VERB_RE.test(x));
}

/** All items but one share a word at their start or end: the one is cut wrong. */
function oddOneOut(items: readonly string[]): boolean {
  if (items.length < 3) return false;
  return items.some((_, i) => {
    const rest = items.filter((__, j) => j !== i);
    const { prefix, suffix } = sharedAffix(rest);
    const own = sharedAffix(items);
    return (prefix.length >= 2 && own.prefix.length < 2) || (suffix.length >= 2 && own.suffix.length < 2);
  });
}

/** Longest series asked as a fill-in: a fixed formula of a few short items, each its own blank. */
const MAX_FILL_ITEMS = 5;

/**
 * 协同推进____、____、____、____ → 降碳、减污、扩绿、增长: examiners ask a short fixed formula a blank per item, in its
 * order. The clause before a short one says what it is about (必须完善生态文明制度体系，协同推进…). Only a series
 * whose outer items have the inner ones' lengths: there a wrong boundary shows first (新产业 read as 产业).
 */
function fillBodyOf(
  cls: ReturnType<typeof clauses>,
  i: number,
  s: { items: string[]; prefix: string; tail: string; even: boolean },
): string | null {
  if (!s.even || s.items.length > MAX_FILL_ITEMS) return null;
  const own = `${s.prefix}${SLOT}${s.tail}`;
  const prev = cls[i - 1];
  // 全力化解政府债务，采取____、____…的措施: the clause before says what the series is for, unless it only reports.
  const reports = isReportingClause(prev?.text ?? "");
  const needed = cjkCount(own) < 12 || (cjkCount(own) < 20 && !reports && cjkCount(prev?.text ?? "") <= 30);
  const before = prev && prev.sep !== "；" && needed ? `${prev.text}，` : "";
  const body = `${before}${own}`.replace(/[。；，]?$/, "。");
  return cjkCount(body) >= 8 && balancedQuotes(body) ? body : null;
}

function seriesIn(sentence: string): Series[] {
  const out: Series[] = [];
  const cls = clauses(sentence);
  cls.forEach((c, i) => {
    const s = seriesOf(c.text);
    if (!s || cjkCount(s.prefix) < 1) return;
    // The clause with the series left out says what it is about; a bare verb takes the clause before it.
    let lead = `${s.prefix}……${s.tail}`;
    if (cjkCount(lead) < 8 && i > 0) lead = `${cls[i - 1]?.text ?? ""}，${lead}`;
    if (cjkCount(lead) < 6 || lead.length > 60 || !balancedQuotes(lead)) return;
    const at = c.start + s.prefix.length;
    out.push({ items: s.items, lead, at, end: c.end - s.tail.length, fillBody: fillBodyOf(cls, i, s) });
  });
  out.push(...anaphoraIn(sentence, cls));
  return out;
}

/**
 * 更加注重系统集成，更加注重突出重点，更加注重改革实效: three to five clauses that open on the same words and close on
 * a short item each are one series, asked a blank per item after the shared words (更加注重____、____、____). The
 * sentence's topic (what stands before its 必须/要) is shown, since such runs close long sentences.
 */
function anaphoraIn(sentence: string, cls: ReturnType<typeof clauses>): Series[] {
  const out: Series[] = [];
  for (let i = 0; i < cls.length;) {
    let j = i + 1;
    const head = (cls[i]?.text ?? "").slice(0, 2);
    while (j < cls.length && cls[j - 1]?.sep === "，" && head.length === 2 && cls[j]?.text.startsWith(head)) j++;
    const run = cls.slice(i, j);
    i = j;
    if (run.length < 3 || run.length > MAX_FILL_ITEMS) continue;
    let shared = run[0]?.text ?? "";
    for (const c of run) while (!c.text.startsWith(shared)) shared = shared.slice(0, -1);
    const items = run.map((c) => c.text.slice(shared.length));
    if (
      cjkCount(shared) < 2 ||
      !items.every((x) => ITEM_RE.test(x)) ||
      new Set(items).size !== items.length ||
      !run.every((c) => wordBoundaries(c.text).has(shared.length))
    )
      continue;
    const first = run[0] as { start: number };
    const topic = topicBefore(cls, first.start);
    const before = topic ? `${topic}，……` : "";
    const lead = `${before}${shared}……`;
    if (cjkCount(lead) < 6 || !balancedQuotes(lead)) continue;
    const at = first.start + shared.length;
    const end = (run[run.length - 1] as { end: number }).end;
    out.push({ items, lead, at, end, fillBody: `${before}${shared}${SLOT}。` });
  }
  return out;
}

/** Every series of a document, as 多选 facts with the document's other series of the same item length as foils. */
export function extractFormulationSeries(doc: InputDocument): Fact[] {
  const found: { fact: Fact; len: number }[] = [];
  for (const p of doc.passages) {
    if (!isContentPassage(p)) continue;
    for (const sentence of sentences(p.text)) {
      for (const s of seriesIn(sentence.text)) {
        if (visitReport(sentence.text.slice(0, s.at))) continue;
        const enumeration: Enumeration = { lead: s.lead, noun: "", correct: s.items, foreign: [], pattern: "series" };
        const fact = makeFact(
          { doc, passage: p, sentence, year: null },
          {
            kind: "phrase",
            factType: "enumeration",
            answer: s.items.join("、"),
            at: s.at,
            len: s.end - s.at,
            subject: `系列：${s.lead}`,
            body: s.fillBody,
            distractors: [],
            enumeration,
            fill: s.fillBody !== null,
            statement: false,
            weight: 0.62,
          },
        );
        found.push({ fact, len: s.items[1]?.length ?? 0 });
      }
    }
  }
  return found.map((f) => f.fact);
}

/**
 * 白云区委书记何镜清带队开展安全生产、消防安全…督导调研: what a named official inspected on a visit is a news
 * event, not a formulation. What the official said there (…考察时强调，…) is.
 */
function visitReport(before: string): boolean {
  return (
    /带队|调研|考察|走访|慰问|督导|检查/.test(before) &&
    !/强调|指出|要求|表示|提出/.test(before) &&
    taggedWords(before).some((w) => w.tag === "nr" && w.word.length >= 2)
  );
}

/** The prefix and suffix every item shares (自我…, …性), or "" where they share none. */
export function sharedAffix(items: readonly string[]): { prefix: string; suffix: string } {
  const first = items[0] ?? "";
  let prefix = "";
  for (let n = 1; n < first.length; n++)
    if (items.every((x) => x.startsWith(first.slice(0, n)) && x.length > n)) prefix = first.slice(0, n);
  let suffix = "";
  for (let n = 1; n < first.length; n++)
    if (items.every((x) => x.endsWith(first.slice(-n)) && x.length > n)) suffix = first.slice(-n);
  return { prefix, suffix };
}

/**
 * Wrong options for every series, from all documents' series: the same item length and the same affix, never
 * an item of this series' document that is not in another of its series (it may belong to this one).
 */
export function attachSeriesFoils(facts: readonly Fact[], docText: (id: string) => string): void {
  const all = facts.filter((f) => f.enumeration?.pattern === "series");
  for (const f of all) {
    const e = f.enumeration as Enumeration;
    // Only a shared word (自我…, 民主…, 更加…) makes a family; a shared character (…化, 全…) joins unrelated terms.
    const { prefix: p, suffix: q } = sharedAffix(e.correct);
    const prefix = p.length >= 2 ? p : "";
    const suffix = q.length >= 2 ? q : "";
    if (!prefix && !suffix) {
      f.weight = FILL_ONLY_WEIGHT;
      continue;
    }
    const len = e.correct[1]?.length ?? 0;
    const own = docText(f.doc.id);
    const elsewhereHere = new Set(
      all.filter((o) => o !== f && o.doc.id === f.doc.id).flatMap((o) => o.enumeration?.correct ?? []),
    );
    const foils: string[] = [];
    for (const o of all) {
      if (o === f) continue;
      for (const x of o.enumeration?.correct ?? []) {
        if (e.correct.includes(x) || foils.includes(x) || Math.abs(x.length - len) > (len >= 5 ? 1 : 0)) continue;
        // The whole affix, a one-character part too: 政治坚定 is told apart unread among 政治判断力、政治领悟力.
        if (!x.startsWith(p) || !x.endsWith(q)) continue;
        if (f.quote.includes(x) || (own.includes(x) && !elsewhereHere.has(x))) continue;
        foils.push(x);
      }
    }
    e.foreign = foils;
    if (foils.length === 0) f.weight = FILL_ONLY_WEIGHT;
  }
}

/** A series with no wrong options is a fill-in only: it ranks below a list asked with real ones (parallel lists weigh 0.6). */
const FILL_ONLY_WEIGHT = 0.56;
