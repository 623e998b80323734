/**
 * Extractors: passages → facts. A fact carries everything a question needs: the quote, the answer
 * and its offsets, a stem body with a slot for the answer, and candidate foils of the same type.
 */
import { documentYear, isPlanSection, isReviewSection, reportPeriod } from "./context";
import {
  AUTHORITY_PATTERNS,
  actorClass,
  authorityContinues,
  isContentPassage,
  longestAuthority,
  NOT_AUTHORITY_RE,
  isFormulationText,
  QUOTE_RE,
  type CorpusIndex,
  type QuotedOccurrence,
} from "./corpus";
import { falsifies, findFigures, formatLike, nearbyValues, optionValue, type FoundFigure } from "./figures";
import { reduceSentence, SLOT } from "./reduce";
import { taggedWords } from "./segment";
import {
  balancedQuotes,
  cjkCount,
  clauses,
  countAtBoundary,
  findAtBoundary,
  seededShuffle,
  sentences,
  sha256,
  similarity,
  parseChineseNumber,
  toChineseNumber,
  type Span,
} from "./text";
import type { FigureStatus, InputDocument, InputPassage } from "./types";
import { extractOrdinalLists } from "./lists";
import { extractParallelLists } from "./parallel";
import { extractStatuteClauses } from "./statute";
import { extractParallelSlots } from "./tuples";
import { extractAims, extractFrames, extractStatedGoals } from "./frames";
import { extractQuotedSets } from "./quoted-sets";
import { extractHorizonGoals, extractHorizons } from "./horizons";
import { extractDecisions } from "./decisions";
import { extractFormulationSeries } from "./series";
import { extractCountedPairs, extractPositioning, extractSeries } from "./phrases";
import { makeFact, uniq, type Enumeration, type Fact, type SentenceCtx } from "./facts";
import {
  dutyFoil,
  extractClassifications,
  extractConsequences,
  extractRankClauses,
  extractRankScopes,
  extractRegimes,
  extractRoles,
  lawListFoils,
  requiredActs,
} from "./law";

export type { Enumeration, Fact } from "./facts";

const FREQUENCIES = ["每年", "每半年", "每季度", "每月", "每两年", "每三年", "每五年"];
const GENERIC_AUTHORITIES = [
  "国务院",
  "全国人民代表大会常务委员会",
  "中央军事委员会",
  "省级人民政府",
  "县级以上地方人民政府",
  "公安机关",
  "国家安全机关",
  "人民法院",
  "人民检察院",
  "监察机关",
];

// ---------------------------------------------------------------------------------------------
// shared helpers

/** The line that introduces the items of a law (…履行下列安全保护义务：), for the item at `at`; null if none. */
function itemLead(text: string, at: number): string | null {
  const lines = text.slice(0, at).split("\n").reverse();
  for (const line of lines) {
    const t = line.replace(/^第[一二三四五六七八九十百零]+条(?:之[一二三四五六七八九十]+)?\s*/, "").trim();
    if (!t || /^[（(][一二三四五六七八九十]+[）)]/.test(t)) continue;
    if (!/[：:]$/.test(t)) return null;
    // The sentence that ends with the colon, not the whole paragraph before it.
    return (
      t
        .split(/(?<=[。；])/)
        .pop()
        ?.trim() ?? null
    );
  }
  return null;
}

/** Sentences of a passage, skipping a law article's own number (第二十条 …). */
function passageSentences(p: InputPassage): Span[] {
  const out: Span[] = [];
  let offset = 0;
  for (const line of p.text.split("\n")) {
    const label = /^第[一二三四五六七八九十百零]+条(?:之[一二三四五六七八九十]+)?\s*/.exec(line)?.[0] ?? "";
    for (const s of sentences(line.slice(label.length))) {
      out.push({ text: s.text, start: offset + label.length + s.start, end: offset + label.length + s.end });
    }
    offset += line.length + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// targets and figures

/**
 * Headline indicators of economic and social statistics: the figures an examiner asks first. Generic
 * statistical vocabulary, shared by every year's national and provincial reports.
 */
const HEADLINE_RE =
  /生产总值|GDP|新增就业|失业率|居民消费价格|粮食(?:产量|总产|播种面积)|总产|产量|可支配收入|赤字|专项债|特别国债|一般公共预算|预算内投资|固定资产投资|规上工业|规模工业|规模以上工业|进出口|社会消费品零售总额|城镇化率|能耗|研发经费|财政收入|经济总量/;
/** A figure's unit without its magnitude or 多/余 (1.2万家 → 家, 758万亩 → 亩). */
function baseUnit(unit: string): string {
  return unit.replace(/^(?:多|余)/, "").replace(/^(?:万亿|千亿|百亿|亿|千万|百万|万|千)/, "");
}

/** Units of tallies (个, 家, 场次…) that make a minor figure unless the indicator is a headline one. */
const MINOR_UNITS = new Set([
  "个",
  "家",
  "项",
  "所",
  "场",
  "场次",
  "批",
  "件",
  "套",
  "座",
  "处",
  "台",
  "辆",
  "列",
  "艘",
  "次",
  "架次",
  "人次",
  "名",
  "户",
  "位",
  "篇",
  "张",
  "间",
  "床",
  "颗",
  "部",
  "条",
  "册",
]);
/** A sentence reporting what a private person said (…告诉总书记，…): an anecdote. */
const REPORTED_SPEECH_RE = /告诉(?:总书记|记者|习近平)|对记者说|(?:高兴|笑着|激动)地说|介绍说/;

const TARGET_CUE_RE = /预期目标|主要目标|目标是|目标为|控制在/;
const PLAN_CUE_RE = /力争|确保|争取|计划|拟|预计|将|要|提高到|提升到|达到|新增|建设|建成|完成|实施/;
const RESULT_CUE_RE = /过去一年|去年|上年|一年来|五年来|累计|已经|实现了|取得/;
/**
 * A figure of a plan section is something to reach or do when a verb governs it (新增就业45万人, 推出33件民生实事,
 * 拟按3%安排) or a qualifier closes its clause (增长5%左右, 1200万人以上). Otherwise it describes the present
 * (我区60岁以上老年人546万、占常住人口的22.8%, 黄河流经…843.5公里): a status the plan quotes as its reason, neither
 * the plan year's target nor its result.
 */
const STATIVE_VERB_RE = /^(?:占|有|是|为|约|流经|位居|居|拥有|共有|总计|合计|相当于)$/;
function forwardFigure(clause: string, f: { start: number; end: number; prefix: string; suffix: string }): boolean {
  if ((f.prefix || f.suffix) && /^[，。；、]?$/.test(clause.slice(f.end, f.end + 1))) return true;
  const before = clause.slice(0, f.start - f.prefix.length);
  if (/力争|确保|争取|计划|拟|预计|目标|新建|新增|建设|改造|完成|实施|突破|提高|提升|增长|下降|降低/.test(before))
    return true;
  return taggedWords(before).some((w) => /^v/.test(w.tag) && !STATIVE_VERB_RE.test(w.word));
}

function figureStatus(ctx: SentenceCtx, clause: string, docYear: number | null): FigureStatus {
  const s = ctx.sentence.text;
  const years = [...s.matchAll(/(\d{4})年/g)].map((m) => Number(m[1]));
  if (TARGET_CUE_RE.test(s) && !RESULT_CUE_RE.test(s)) return "target";
  if (docYear !== null && years.some((y) => y < docYear) && !years.some((y) => y >= docYear)) return "result";
  // A report's passages are read in order: after 过去一年… and before 今年…, a figure is a result.
  const period = ctx.doc.kind === "work-report" ? reportPeriod(ctx.doc, ctx.passage) : null;
  if (isReviewSection(ctx.passage) || period === "prior-year" || period === "five-year" || RESULT_CUE_RE.test(s))
    return "result";
  if (/力争|确保|争取|计划|拟|预计/.test(clause) || isPlanSection(ctx.passage) || period === "plan") return "plan";
  if (ctx.doc.kind === "work-report" && PLAN_CUE_RE.test(clause)) return "plan";
  return "result";
}

/**
 * The bounds a figure's foils must respect when it is one end of a range (处五万元以上二十万元以下):
 * a lower bound stays below the upper one and the other way round, else the range reads as nonsense.
 */
function rangeBounds(f: FoundFigure, clause: string, law: boolean): { min: number; max: number } {
  const figs = findFigures(clause, { chinese: law });
  const i = figs.findIndex((g) => g.start === f.start);
  const next = figs[i + 1];
  const prev = figs[i - 1];
  let min = -Infinity;
  let max = Infinity;
  if (
    /以上|不少于|不低于/.test(f.suffix + f.prefix) &&
    next &&
    next.unit === f.unit &&
    /以下|不超过|不高于/.test(next.suffix + next.prefix) &&
    next.start - f.end <= 3
  )
    max = next.value;
  if (
    /以下|不超过|不高于/.test(f.suffix + f.prefix) &&
    prev &&
    prev.unit === f.unit &&
    /以上|不少于|不低于/.test(prev.suffix + prev.prefix) &&
    f.start - f.prefix.length - prev.end <= 3
  )
    min = prev.value;
  return { min, max };
}

function figureDistractors(
  f: FoundFigure,
  subjectTail: string,
  sentence: string,
  docText: string,
  law: boolean,
  clause = "",
): string[] {
  const out: string[] = [];
  const { min, max } = rangeBounds(f, clause, law);
  // In a law, the sibling values of a parallel list (三十年 / 二十年 / 十年) are the classic foils.
  const siblings = law
    ? findFigures(sentence, { chinese: true })
        .filter((g) => g.unit === f.unit && g.text !== f.text)
        .map((g) => g.value)
    : [];
  // A rate or a share (办结率, 覆盖率, 占…比重) never exceeds 100%, and “100%以上” is no rate at all.
  const rate = f.unit === "%" && /率|比重|占比|覆盖|达标|合格/.test(subjectTail);
  for (const v of [...siblings, ...nearbyValues(f)]) {
    if (v <= min || v >= max) continue;
    if (rate && (v > 100 || (v === 100 && /以上|超过/.test(f.suffix + f.prefix)))) continue;
    const text = formatLike(f, v);
    // Never true in the same document: the same indicator with this figure stated elsewhere. In a law,
    // an amount whose clause ends in the range's other bound (处十万元以上|一百万元以下) measures the
    // sanction of its own clause: another article's range (处十万元以上五十万元以下) is no truth here,
    // only the same sentence's other sanctions are.
    const rangeTail =
      law && /[一二两三四五六七八九十百千万]+(?:万元|元|日|天|年|个月|小时|倍)(?:以上|以下)$/.test(subjectTail);
    if (subjectTail && (rangeTail ? sentence : docText).includes(subjectTail + (f.prefix ?? "") + text)) continue;
    if (f.numerals === "arabic" && countAtBoundary(sentence, text) > 0 && !/^[一二三四五六七八九十]/.test(text))
      continue;
    out.push(text);
  }
  return uniq(out, f.text);
}

function extractFigures(ctx: SentenceCtx, index: CorpusIndex, law: boolean): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const docYear = documentYear(ctx.doc);
  const docText = index.docText.get(ctx.doc.id) ?? "";
  // （如果）把44.6%的户籍人口城镇化率提高到69.6%…，就会新增599万新市民: a supposition's figures are no result or target.
  if (!law && /(?:如果|假如|倘若|假设|要是)[^。；]*(?:就|将|则)|，(?:就会|就能|将会|就可以|就可)/.test(s)) return out;
  const sentenceUnits = findFigures(s, { chinese: law })
    .filter((g) => g.unit !== "%")
    .map((g) => baseUnit(g.unit));
  for (const cl of clauses(s)) {
    const figs = findFigures(cl.text, { chinese: law });
    if (figs.length === 0) continue;
    if (/分别|依次/.test(cl.text)) continue;
    for (const f of figs) {
      // Lists of figures (增长16.5%、8.7%) do not say which figure belongs to which indicator.
      // A 、 joins two figures of one list, or a figure and the next fact about the same indicator
      // (增长7.3%、居全国第3): only the former is ambiguous.
      const after = cl.text.slice(f.end, f.end + 1);
      const beforeText = cl.text.slice(0, f.start - f.prefix.length);
      const afterText = cl.text.slice(f.end);
      if (/^、\s*(?:近|约|超过)?\d/.test(afterText) || /\d[^，、；]{0,4}、\s*$/.test(beforeText)) continue;
      if (after === "和" || /^[和至到或~～-]/.test(after)) continue;
      const at = cl.start + f.start;
      const pre = cl.text.slice(0, f.start - f.prefix.length).replace(/^(?:——|[一二三四五六七八九十]+是)/, "");
      if (/[第每]$/.test(pre)) continue;
      // 等5位委员 / 以下10个方面 count a list the sentence itself spells out: trivia.
      if (/(?:等|以下|如下|下列)$/.test(pre)) continue;
      // Too vague to ask: a figure whose clause gives no indicator and whose sentence gives none either.
      const subject = pre.replace(/^(?:其中|全年|今年|力争|确保|争取|同时|并|还|累计)/, "").trim();
      if (cjkCount(subject) < 2 && cl.start === 0) continue;
      // Head counts of a meeting (出席会议的代表526人) are trivia, not knowledge.
      if (/出席|列席|到会|参会|应到|实到/.test(s.slice(0, at))) continue;
      // Trivia: casualty counts of an accident report, tallies of a livelihood-project checklist item.
      if (!law && /死亡|受伤|失联|被困|遇难|伤亡/.test(cl.text)) continue;
      if (!law && /牵头(?:责任)?单位/.test(s) && !HEADLINE_RE.test(s.slice(0, at))) continue;
      // An anecdote a reporter quotes (村民告诉总书记，家里10多亩玉米受灾) is colour, not a fact to learn.
      if (!law && ctx.doc.kind !== "work-report" && REPORTED_SPEECH_RE.test(s)) continue;
      const listBody = targetListBody(s, cl, at, f.text.length);
      const reduced = listBody ?? reduceSentence(s, at, at + f.text.length, { figures: true, chinese: law });
      if (!reduced) continue;
      // A law's sanction is asked with the violation it punishes (违反…的，……处一万元以上____罚款): a stem that lost
      // the sentence's opening condition keeps it before an ellipsis, or is not asked when it is too long to.
      const condition = law ? /^(.{4,60}?的)，/.exec(s)?.[1] : undefined;
      let body = reduced;
      if (law && condition && !reduced.includes(condition.slice(-8))) {
        // The words left out must hold no other condition (…造成严重后果的，): a tier's figure without its tier is false.
        const start = s.indexOf(
          reduced
            .replace(/^[，、]/, "")
            .replace(/\u0000.*$/, "")
            .slice(0, 6),
        );
        const omitted = start > 0 ? s.slice(condition.length + 1, start) : "";
        const tiered = /的[，,]|情节|后果|拒不/.test(omitted);
        if (
          /^(?:违反|有|未|不|拒不|擅自|利用|窃取|泄露|非法|明知|发现|因)/.test(condition) &&
          condition.length <= 50 &&
          start > 0 &&
          !tiered
        ) {
          body = `${condition}，……${reduced.replace(/^[，、]/, "")}`;
        } else if (/罚款|拘留|处分|没收|吊销/.test(s)) continue;
      }
      const status: FigureStatus = law ? "target" : figureStatus(ctx, cl.text, docYear);
      if (status === "plan" && !forwardFigure(cl.text, f)) continue;
      const tail = subject.slice(-6);
      const distractors = figureDistractors(f, tail, s, docText, law, cl.text);
      // A false 判断 must be false: a lower bound is only raised, an upper bound only lowered.
      const keyValue = optionValue(f.text);
      const statementFoil =
        distractors.find((d) => {
          const v = optionValue(d);
          // A last-digit change (22.7% → 22.8%) tests nothing worth remembering.
          const apart =
            keyValue !== null &&
            v !== null &&
            Math.abs(v - keyValue) >= Math.max(Math.abs(keyValue) * 0.05, 10 ** -f.decimals * 2);
          return (
            apart &&
            keyValue !== null &&
            v !== null &&
            falsifies({ prefix: f.prefix, suffix: f.suffix, unit: f.unit, value: keyValue }, v, beforeText)
          );
        }) ?? "";
      const hasQualifier = f.suffix !== "" || f.prefix !== "";
      // What the figure measures: its own clause, or the clause before when it opens subjectless (增长5.2%).
      const prevClauses = clauses(s)
        .filter((c) => c.end <= cl.start)
        .slice(-2)
        .map((c) => c.text)
        .join("，");
      // A change stated right after another figure (28.5万亿元、比上年增加1.1万亿元) is that figure's delta.
      const delta =
        (findFigures(pre, { chinese: law }).length > 0 && /(?:增加|减少|提高|下降|增长)$/.test(pre)) ||
        /^(?:比上年|比去年|较上年|较去年|比\d{4}年)[^，。；]{0,8}(?:增加|减少|提高|下降|增长|多|少)$/.test(subject);
      const minor = MINOR_UNITS.has(baseUnit(f.unit));
      // 园区规模工业企业突破1.2万家 counts firms: a tally is no headline indicator's value, whatever its words.
      const headline = !delta && !minor && HEADLINE_RE.test(`${prevClauses}，${pre}`);
      // 完成758万亩、……完成549万亩、……完成131万亩: one of three like figures side by side is swapped unnoticed.
      const alike = f.unit !== "%" && sentenceUnits.filter((u) => u === baseUnit(f.unit)).length >= 3;
      const weight =
        (law ? 0.9 : status === "target" ? 0.95 : status === "plan" ? 0.75 : 0.6) +
        (hasQualifier ? 0.05 : 0) -
        (cjkCount(subject) < 3 && !headline ? 0.1 : 0) +
        (!law && headline ? (status === "target" ? 0.05 : 0.25) : 0) -
        // A tally the plan sets (新增婴幼儿托位1.5万个, 净增高新技术企业1000家) is a task's detail, not a target of the year.
        (!law && minor && !headline ? (status === "target" ? 0.3 : 0.15) : 0) -
        (!law && ctx.doc.kind !== "work-report" && !headline ? 0.1 : 0) -
        (!law && alike && !headline ? 0.3 : 0) -
        (delta ? 0.2 : 0);
      out.push(
        makeFact(ctx, {
          kind: law ? "provision" : "target",
          factType: "figure",
          answer: f.text,
          at,
          len: f.text.length,
          subject: subject || pre,
          figure: {
            text: f.text,
            value: f.value,
            unit: f.unit,
            prefix: f.prefix,
            suffix: f.suffix,
            numerals: f.numerals,
            decimals: f.decimals,
          },
          status,
          body,
          distractors,
          fill: true,
          statement: true,
          statementFoil,
          weight: Math.min(1, weight),
          ...(listBody ? { located: true } : {}),
        }),
      );
    }
  }
  return out;
}

/**
 * A target of a target list (今年发展主要预期目标是：A；B，C…) is asked with the list's lead and its
 * own clause only: the sibling targets are facts of their own, and leaving them in makes the stem
 * long and the blank ambiguous.
 */
function targetListBody(
  s: string,
  cl: { text: string; start: number; end: number },
  at: number,
  len: number,
): string | null {
  const colon = s.search(/[：:]/);
  if (colon < 0 || cl.start <= colon) return null;
  const lead = s.slice(0, colon);
  if (!/预期目标|主要目标/.test(lead) || lead.length > 40) return null;
  const own = s.slice(cl.start, at) + SLOT + s.slice(at + len, cl.end);
  return `${lead.replace(/^(?:——|[一二三四五六七八九十]+是)/, "")}：${own.trim()}。`;
}

/** 今年发展主要预期目标是：A；B；C… — the whole list as one 多选 knowledge point. */
function extractTargetList(ctx: SentenceCtx, figures: Fact[]): Fact | null {
  const s = ctx.sentence.text;
  if (!TARGET_CUE_RE.test(s)) return null;
  const own = figures.filter((f) => f.quote === s && f.status === "target" && f.figure);
  if (own.length < 3) return null;
  const items: string[] = [];
  const foreign: string[] = [];
  for (const f of own) {
    const local = f.start - ctx.sentence.start;
    const cl = clauses(s).find((c) => local >= c.start && local < c.end);
    if (!cl) continue;
    const item = cl.text.replace(/^.*?[：:]/, "");
    if (item.length > 24 || cjkCount(item) < 4) continue;
    items.push(item);
    // A wrong option must be false: 1100万人以上 for 1200万人以上 would still hold.
    const wrong = f.statementFoil;
    if (wrong) foreign.push(item.replace(f.answer, wrong));
  }
  if (items.length < 3 || foreign.length < 2) return null;
  const colon = s.search(/[：:]/);
  const lead = colon > 0 ? s.slice(0, colon) : "主要预期目标";
  const first = own[0] as Fact;
  return {
    kind: "target",
    factType: "enumeration",
    doc: ctx.doc,
    passage: ctx.passage,
    quote: s,
    quoteStart: ctx.sentence.start,
    answer: items.join("；"),
    start: first.start,
    end: (own[own.length - 1] as Fact).end,
    subject: lead,
    status: "target",
    year: ctx.year,
    body: null,
    distractors: [],
    enumeration: { lead, noun: "目标", correct: items, foreign },
    fill: false,
    statement: false,
    weight: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// provisions

const DATE_RE = /\d{4}年\d{1,2}月\d{1,2}日/g;

function shiftedDates(date: string): string[] {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(date);
  if (!m) return [];
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const out: string[] = [];
  for (const delta of [-2, 2, -1, 1, 4, 6]) {
    let ny = y;
    let nm = mo + delta;
    while (nm < 1) {
      nm += 12;
      ny--;
    }
    while (nm > 12) {
      nm -= 12;
      ny++;
    }
    out.push(`${ny}年${nm}月${d === 1 ? 1 : d}日`);
  }
  out.push(`${y + 1}年1月1日`, `${y}年1月1日`, `${y}年${mo}月${d === 1 ? 15 : 1}日`);
  return out.filter((x) => {
    const [, yy, mm, dd] = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(x) ?? [];
    const dt = new Date(Date.UTC(Number(yy), Number(mm) - 1, Number(dd)));
    return dt.getUTCMonth() === Number(mm) - 1 && dt.getUTCDate() === Number(dd);
  });
}

function extractDates(ctx: SentenceCtx, docText: string): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const eventOf = (m: RegExpMatchArray) => {
    const rest = s.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60);
    return /^(?:起)?(施行|生效|实施)/.exec(rest)?.[1] ?? /^(第[^ ，。]{2,40}?(?:通过|修订|修正|公布))/.exec(rest)?.[1];
  };
  // As in a statute's 题注 (extractEnactment): the adoption and the revision in force, not an earlier revision or
  // an amendment — the text's history, not the law a learner studies.
  const matches = [...s.matchAll(DATE_RE)];
  const lastRevision = matches.filter((m) => /修订$/.test(eventOf(m) ?? "")).pop();
  for (const m of matches) {
    const at = m.index ?? 0;
    const event = eventOf(m);
    if (!event) continue;
    if (/修正$/.test(event) || (/修订$/.test(event) && m !== lastRevision)) continue;
    let body: string;
    if (/施行|生效|实施/.test(event)) {
      body = reduceSentence(s, at, at + m[0].length, { figures: false }) ?? "";
    } else {
      body = `本法于${SLOT}经${event}。`;
    }
    if (!body.includes(SLOT)) continue;
    const distractors = uniq(
      shiftedDates(m[0]).filter((d) => !docText.includes(d)),
      m[0],
    );
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: "date",
        answer: m[0],
        at,
        len: m[0].length,
        subject: /施行|生效|实施/.test(event) ? "施行日期" : event,
        body,
        distractors,
        fill: true,
        statement: true,
        weight: /施行|生效/.test(event) ? 1 : 0.8,
      }),
    );
  }
  return out;
}

/**
 * A statute's enactment: each line of its 题注 (2015年7月1日 第十二届…会议通过 / …修订) asked as 本法于____经…通过,
 * and its commencement (本法自…起施行) asked with the adoption or revision it belongs to, as examiners do
 * (本法于2016年11月7日经…通过，自____起施行). An amendment (修正) leaves the commencement of the text alone.
 */
function extractEnactment(doc: InputDocument, docText: string, facts: Fact[]): Fact[] {
  const history = doc.passages.find((p) => p.role === "history");
  if (!history) return [];
  const year = documentYear(doc);
  const out: Fact[] = [];
  let enacted: { date: string; event: string } | null = null;
  const lines = history.text
    .split("\n")
    .map((line) => ({ line, m: /(\d{4}年\d{1,2}月\d{1,2}日)\s*(第[^。]{2,120}?(通过|修订|修正|公布))/.exec(line) }))
    .filter((x): x is { line: string; m: RegExpExecArray } => x.m !== null);
  // The adoption and the revision in force are what examiners ask; an earlier revision or an amendment
  // (修正) is the text's history, not the law a learner studies.
  const lastRevision = lines.filter((x) => x.m[3] === "修订").pop();
  for (const { line, m } of lines) {
    if (m[3] === "修正" || (m[3] === "修订" && m !== lastRevision?.m)) continue;
    const date = m[1] ?? "";
    const event = m[2] ?? "";
    const at = history.text.indexOf(line);
    const ctx: SentenceCtx = {
      doc,
      passage: history,
      sentence: { text: line.trim(), start: at, end: at + line.length },
      year,
    };
    const distractors = uniq(
      shiftedDates(date).filter((d) => !docText.includes(d)),
      date,
    );
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: "date",
        answer: date,
        at: line.indexOf(date),
        len: date.length,
        subject: m[3] ?? "",
        body: `本法于${SLOT}经${event}。`,
        distractors,
        fill: true,
        statement: false,
        weight: 0.85,
        located: true,
      }),
    );
    if (m[3] === "通过" || m[3] === "修订") enacted = { date, event };
  }
  if (enacted) {
    for (const f of facts) {
      if (f.factType === "date" && f.subject === "施行日期" && f.body !== null && /^本法自/.test(f.quote)) {
        f.body = `本法自${SLOT}起施行（${enacted.date}经${enacted.event}）。`;
      }
    }
  }
  return out;
}

/**
 * The adoption line under a communiqué's or a resolution's title, （2024年7月18日中国共产党第二十届中央委员会第三次全体会议通过）:
 * when, and by which meeting, the text was adopted. Asked as a fill-in: the cited date already shows its month.
 */
function extractAdoption(doc: InputDocument): Fact[] {
  const genre = /(公报|决议|决定|纲要|规划|建议)$/.exec(doc.title.replace(/[》」]$/, ""))?.[1];
  if (!genre) return [];
  for (const p of doc.passages) {
    if (p.role !== "header") continue;
    const line = p.text.trim();
    const m = /^[（(](\d{4}年\d{1,2}月\d{1,2}日)([^（）()]{6,60}?)通过[）)]$/.exec(line);
    if (!m) continue;
    const date = m[1] ?? "";
    const body = `本${genre}于${SLOT}经${m[2] ?? ""}通过。`;
    const ctx: SentenceCtx = { doc, passage: p, sentence: { text: line, start: 0, end: line.length }, year: null };
    return [
      makeFact(ctx, {
        kind: "target",
        factType: "date",
        answer: date,
        at: line.indexOf(date),
        len: date.length,
        subject: "通过日期",
        body,
        distractors: [],
        noSingle: true,
        fill: true,
        statement: false,
        weight: 0.8,
        located: true,
      }),
    ];
  }
  return [];
}

/** 县级以上地方人民政府 and 县级以上人民政府 name the same authority: never foils of each other. */
export function sameAuthority(a: string, b: string): boolean {
  const key = (x: string) => x.replace(/地方|各级|本级/g, "");
  return key(a) === key(b);
}

function extractAuthorities(ctx: SentenceCtx, index: CorpusIndex): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const pool = [...(index.authorities.get(ctx.doc.id) ?? []), ...GENERIC_AUTHORITIES];
  const seen = new Set<string>();
  for (const re of AUTHORITY_PATTERNS) {
    for (const m of s.matchAll(re)) {
      let at = (m.index ?? 0) + m[0].indexOf(m[1] ?? "");
      // The longest authority ending in an authority suffix (应急管理部门, not 人民政府 of it).
      let a = longestAuthority(s, at + (m[1] ?? "").length, m[1] ?? "");
      if (authorityContinues(s, at + a.length)) continue;
      // 由其上级机关决定: the possessive ties the authority to the clause before; a foil would read 其公安机关.
      if (/^其/.test(a) || s[at - 1] === "其") continue;
      const trimmed = a.replace(/^(?:其|该|本|所在)/, "");
      if (/^有关/.test(trimmed)) continue;
      at += a.length - trimmed.length;
      a = trimmed;
      if ((a.length < 4 && a !== "国务院") || seen.has(a) || /[，；]/.test(a) || NOT_AUTHORITY_RE.test(a)) continue;
      seen.add(a);
      const distractors = uniq(
        // One authority against one: a list of authorities (公安机关、国家安全机关…) is no foil.
        pool.filter(
          (x) =>
            !x.includes(a) &&
            !a.includes(x) &&
            !s.includes(x) &&
            similarity(x, a) < 0.8 &&
            !sameAuthority(x, a) &&
            !/、/.test(x),
        ),
        a,
      )
        // A government for a government first: 中央军事委员会 drawing up 本级…发展规划 is false on its face.
        .sort(
          (x, y) =>
            Number(actorClass(y) === actorClass(a)) - Number(actorClass(x) === actorClass(a)) ||
            similarity(y, a) - similarity(x, a),
        );
      const body = reduceSentence(s, at, at + a.length, { figures: false });
      if (!body) continue;
      out.push(
        makeFact(ctx, {
          kind: "provision",
          factType: "authority",
          answer: a,
          at,
          len: a.length,
          subject: "职权主体",
          body,
          distractors,
          // A 判断 swaps in a body of the key's kind or none: 中央军事委员会 for 省级以上人民政府 is false on its face.
          statementFoil: distractors.find((x) => actorClass(x) === actorClass(a)) ?? "",
          fill: a.length <= 14,
          statement: true,
          weight: 0.9,
        }),
      );
    }
  }
  return out;
}

function extractFrequency(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const m = /(?:应当|须|必须)(每年|每半年|每季度|每月|每两年|每三年|每五年)/.exec(s);
  if (!m) return [];
  const ans = m[1] ?? "";
  const at = (m.index ?? 0) + m[0].length - ans.length;
  const body = reduceSentence(s, at, at + ans.length, { figures: false });
  if (!body) return [];
  return [
    makeFact(ctx, {
      kind: "provision",
      factType: "figure",
      answer: ans,
      at,
      len: ans.length,
      subject: "频次",
      body,
      distractors: uniq(
        FREQUENCIES.filter((x) => x !== ans),
        ans,
      ),
      fill: true,
      statement: true,
      weight: 0.9,
    }),
  ];
}

const DEFINITION_RE =
  /^([\u4e00-\u9fff]{2,12})(是指|是)([^。]{10,90}的(?:事项|行为|活动|人员|组织|信息|单位|机构|系统|场所|载体))。?$/;

/** 本法所称应急物资，是指…: a statute's own definition of a term. */
const STATUTE_TERM_RE =
  /^(本(?:法|条例|规定|办法|决定)(?:所称|中的|所指的?))([\u4e00-\u9fff]{2,12})(，?(?:是指|指|包括))([^。]{6,150})。?$/;

function extractDefinition(ctx: SentenceCtx, index: CorpusIndex): Fact[] {
  const s = ctx.sentence.text;
  const st = STATUTE_TERM_RE.exec(s);
  const m = st ? ([s, st[2], st[3], st[4]] as const) : DEFINITION_RE.exec(s);
  if (!m) return [];
  const lead = st?.[1] ?? "";
  const term = m[1] ?? "";
  if (/^(?:这|那|其|本|该|它)/.test(term) || (m[3] ?? "").includes(term)) return [];
  const docText = index.docText.get(ctx.doc.id) ?? "";
  const tail = term.slice(-2);
  const pool = new Set<string>();
  for (const mm of docText.matchAll(/（以下简称([^）]{2,10})）/g)) pool.add(mm[1] ?? "");
  for (const mm of docText.matchAll(new RegExp(`([\\u4e00-\\u9fff]{2})${tail}`, "g"))) {
    const cand = mm[0];
    if (!/[的和及与或对在为是将把被露守护取中他其之了]/.test(mm[1] ?? "") && cand !== term) pool.add(cand);
  }
  // Only terms of the same kind (ending like the defined term: 工作秘密 for 国家秘密) are fair foils.
  const distractors = uniq(
    [...pool].filter((x) => x.endsWith(tail) && !s.includes(x) && !x.includes(term) && !term.includes(x)),
    term,
  );
  return [
    makeFact(ctx, {
      kind: "provision",
      factType: "definition",
      answer: term,
      at: lead.length,
      len: term.length,
      subject: `${term}的定义`,
      body: lead + SLOT + s.slice(lead.length + term.length).replace(/。?$/, "。"),
      distractors,
      fill: true,
      statement: false,
      weight: 0.95,
    }),
  ];
}

/** 应当/不得/禁止: the provision as a true statement (判断), when short enough to read as one. */
function extractDuty(ctx: SentenceCtx, index: CorpusIndex): Fact[] {
  const s = ctx.sentence.text;
  if (!/应当|不得|禁止|必须/.test(s) || s.length > 90 || s.length < 14) return [];
  if (/下列|前款|本法第|[：:]$/.test(s)) return [];
  const docText = index.docText.get(ctx.doc.id) ?? "";
  // …应当根据工作需要限定在最小范围: the standard the duty sets, asked as 填空 when the law states it once.
  const tail = /(?:限定在|纳入|列入|确定为|报请|提请|移送)([\u4e00-\u9fff]{2,12})。?$/.exec(s);
  if (tail && docText.split(tail[1] ?? "").length === 2) {
    const ans = tail[1] ?? "";
    const at = (tail.index ?? 0) + tail[0].length - ans.length - (s.endsWith("。") ? 1 : 0);
    return [
      makeFact(ctx, {
        kind: "provision",
        factType: "duty",
        answer: ans,
        at,
        len: ans.length,
        subject: "义务性规定",
        body: `${s.slice(0, at)}${SLOT}${s.slice(at + ans.length)}`.replace(/。?$/, "。"),
        distractors: [],
        noSingle: true,
        fill: true,
        statement: false,
        weight: 0.6,
        located: true,
      }),
    ];
  }
  // (应当 → 可以 is no false variant: an examiner reads "may" as still true of what one must do.)
  const foil = dutyFoil(s, index, ctx.doc);
  return [
    makeFact(ctx, {
      kind: "provision",
      factType: "duty",
      answer: s,
      at: 0,
      len: s.length,
      subject: "义务性规定",
      body: null,
      distractors: [],
      fill: false,
      statement: true,
      weight: foil ? 0.8 : 0.55,
      ...(foil ? { statementFoil: foil, forceFalse: true } : {}),
    }),
  ];
}

const NOUN_RE = /下列(?:[^，：:]{0,24}?的)?([\u4e00-\u9fff]{2})(?:之一)?的?[，：:]/;

/** An item as an option: closing punctuation and the 的 of “…的情形” lists dropped, so lists compare. */
function itemText(t: string): string {
  return t
    .replace(/[；;。，,]+$/, "")
    .replace(/的$/, "")
    .trim();
}

function isCatchAll(t: string): boolean {
  return /^其他|^法律、行政法规规定的其他|其他.{0,12}(?:情形|行为|事项)$/.test(t);
}

function extractLawEnumerations(doc: InputDocument, p: InputPassage): Fact[] {
  const out: Fact[] = [];
  if (!p.law) return out;
  for (const clause of p.law.clauses) {
    const items = clause.items.map((i) => itemText(i.text)).filter((t) => t.length >= 4 && !isCatchAll(t));
    if (items.length < 3) continue;
    const lead = clause.text.replace(/^第[一二三四五六七八九十百]+条\s*/, "").trim();
    const noun = NOUN_RE.exec(lead)?.[1] ?? "情形";
    const leadStart = p.text.indexOf(lead);
    if (leadStart < 0) continue;
    const lastItem = clause.items[clause.items.length - 1];
    const end = lastItem ? p.text.indexOf(lastItem.text, leadStart) + lastItem.text.length : leadStart + lead.length;
    out.push({
      kind: "provision",
      factType: "enumeration",
      doc,
      passage: p,
      quote: lead,
      quoteStart: leadStart,
      answer: items.join("；"),
      start: leadStart,
      end: Math.max(end, leadStart + lead.length),
      subject: `${p.law.article}所列${noun}`,
      year: documentYear(doc),
      body: null,
      distractors: [],
      enumeration: { lead, noun, correct: items, foreign: [] },
      fill: false,
      statement: false,
      weight: 1,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// phrases

const CN_NUMERALS = "一二两三四五六七八九十";

export function isNumberedFormula(t: string): boolean {
  return new RegExp(`^[${CN_NUMERALS}\\d]+[个大项条种高新化]|^\\d+[+×]|[${CN_NUMERALS}][个大项条种]`).test(t);
}

/**
 * The shape of a formulation: numerals as N (digit runs collapsed), measure words kept, separators
 * (、 + ×) kept, and for other characters the pattern of repeats (一带一路 → ABAC, 应融尽融 → ABCB,
 * 首违不罚 → ABCD). Two formulations of one shape are the same kind of phrase.
 */
export function formulationShape(t: string): string {
  const numbered = isNumberedFormula(t);
  const seen = new Map<string, string>();
  let out = "";
  for (const ch of t.replace(/\d+(?:\.\d+)?/g, "0")) {
    if (numbered && (/[0]/.test(ch) || CN_NUMERALS.includes(ch))) out += "N";
    else if (numbered && /[个大项条种第]/.test(ch)) out += ch;
    else if (/[、+×%]/.test(ch)) out += ch;
    else {
      if (!seen.has(ch)) seen.set(ch, String.fromCharCode(65 + seen.size));
      out += seen.get(ch);
    }
  }
  return numbered ? `#${out.replace(/[A-Z]/g, "X")}` : out;
}

/** Same shape: both numbered formulas of one pattern (N个XXXX), or slogans of one repeat pattern. */
function sameShape(a: string, b: string): boolean {
  return formulationShape(a) === formulationShape(b);
}

/**
 * How good a foil `q` is for the formulation `t` quoted in `doc`: same document, same region, the
 * same governing verb or qualified noun (落实“…”, “…”激励政策) and the same head character each count.
 * A foil with none of these is an unrelated slogan of the same length.
 */
function foilAffinity(
  q: QuotedOccurrence,
  own: QuotedOccurrence | undefined,
  doc: InputDocument,
  t: string,
): { score: number; role: boolean } {
  let score = 0;
  if (q.docs.has(doc.id)) score += 2;
  if (q.regions.has(doc.region ?? "")) score += 1;
  // The same role in a sentence: governed by the same verb, qualifying the same noun, or built on
  // the same head (…工程, …计划), or a numbered formula of the same pattern.
  const left = own !== undefined && [...own.left].some((x) => q.left.has(x));
  const right = own !== undefined && [...own.right].some((x) => q.right.has(x));
  const head = q.text.slice(-1) === t.slice(-1) || (isNumberedFormula(t) && isNumberedFormula(q.text));
  if (left) score += 2;
  if (right) score += 2;
  if (head) score += 1;
  return { score, role: left || right || head };
}

/**
 * The shape of the national canon of counted slogans: a count, 个 and a two-character abstract noun (四个意识, 两个维护,
 * 三个代表), or N位一体. A document's own programmes are counted with 大/项 or longer nouns (十大技术攻关项目, 三大工程).
 */
function canonShape(t: string): boolean {
  return new RegExp(`^[${CN_NUMERALS}]+(?:个[\u4e00-\u9fff]{2}|位一体)$`).test(t);
}

function numeralSwaps(t: string): string[] {
  // Only counted formulas (四个意识, 八大行动) have a meaningful wrong count; 一带一路 has none.
  const m = new RegExp(`^([${CN_NUMERALS}])([个大项条种].+)$`).exec(t);
  if (!m) return [];
  const n = m[1] ?? "";
  const swaps = ["两", "三", "四", "五", "六", "八", "十"].filter((x) => x !== n && !(n === "二" && x === "两"));
  return swaps.map((x) => x + (m[2] ?? ""));
}

function formulationWeight(t: string, occ: { docs: Set<string>; count: number } | undefined): number {
  const spread = occ ? occ.docs.size : 1;
  const count = occ ? occ.count : 1;
  if (isNumberedFormula(t)) return Math.min(1, 0.8 + 0.05 * spread);
  // A slogan quoted once is often mere emphasis (“潮品”); recurrence is what makes it a formulation.
  if (spread >= 2 && t.length >= 3) return Math.min(0.9, 0.55 + 0.1 * spread);
  if (count >= 2 && t.length >= 4) return 0.55;
  // Quoted once: a four-character motto or a compound (人防+技防, 领头羊、火车头) is still a formulation
  // worth a card; a two- or three-character quote (“潮品”) is usually mere emphasis.
  if (t.length >= 4 || /[+×、]/.test(t)) return 0.5;
  return 0.3;
}

/** A short quoted span the segmenter's general dictionary reads as one word. */
function commonWordInQuotes(t: string): boolean {
  const words = taggedWords(t);
  return cjkCount(t) <= 4 && words.length === 1 && words[0]?.word === t;
}

/**
 * A quoted saying, not a term: an attitude quoted as people voice it (“发展不用太急了”的想法, “不讲细节、差不多就行”的心态)
 * or a phrase with a 的 of its own (“六句话的事实和道理”). Typed back it must match word for word,
 * and a learner who knows the point words it otherwise.
 */
function quotedSaying(t: string, after: string): boolean {
  if (/^的(?:念头|想法|心态|做法|思维|意识|观念|说法|倾向|心理|现象)/.test(after)) return true;
  return cjkCount(t) >= 7 && t.includes("的");
}

function extractQuoted(ctx: SentenceCtx, index: CorpusIndex): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const docText = index.docText.get(ctx.doc.id) ?? "";
  for (const m of s.matchAll(QUOTE_RE)) {
    const t = m[1] ?? "";
    if (!isFormulationText(t)) continue;
    // “一把手”, “半拉子”, “三个代表”: a word the general dictionary already holds is common speech in quotes, known to
    // every reader, not a formulation the document coined.
    if (commonWordInQuotes(t)) continue;
    if (quotedSaying(t, s.slice((m.index ?? 0) + m[0].length))) continue;
    const occ = index.quoted.get(t);
    // “六个一”履职任务: a count of ones, one document alone names and never spells out, is an internal label:
    // its number is all there is to recall. (“九个以” heads a list of 以… the document states.)
    if (/^[二两三四五六七八九十]+个一$/.test(t) && (occ?.docs.size ?? 1) <= 1) continue;
    const weight = formulationWeight(t, occ);
    if (weight < 0.45) continue;
    if (s.split(`“${t}”`).length > 2) continue;
    const at = m.index ?? 0;
    const body = reduceSentence(s, at, at + m[0].length, { figures: false });
    if (!body) continue;
    // The sentence must say something around the formulation, else the blank is unanswerable.
    if (cjkCount(body.replace(SLOT, "")) < 8) continue;
    // One of a set the documents always state together (“两个确立”…“两个维护”), shown beside the others, is
    // recited, not recalled: asked only as a statement.
    // A slogan of the canon's shape (“四个意识”, “五位一体”) beside another one in the stem (增强“____”、坚定“四个自信”)
    // is recited too, even in a document imported alone.
    const recited =
      [...body.matchAll(QUOTE_RE)].some(
        (o) =>
          (o[1] ?? "") !== t && (statedTogether(index, t, o[1] ?? "") || (canonShape(t) && canonShape(o[1] ?? ""))),
      ) || countedByStem(t, body);
    // Foils: formulations of the same shape, best related first (same document or region, same
    // governing verb or qualified noun); a stable per-sentence draw among equals, so the same three
    // famous slogans do not serve as foils for every question.
    const own = index.quoted.get(t);
    // “三个代表”重要思想, “四个全面”战略布局: a slogan qualifying a noun is told apart only from slogans the
    // documents put before the same noun (“两个维护” is no 重要思想, and is ruled out unread).
    const after = s.slice(at + m[0].length, at + m[0].length + 2);
    const qualified = /^[\u4e00-\u9fff]{2}$/.test(after) && !/^[的和与及是为等将把在对并]/.test(after) ? after : null;
    const ranked: { text: string; score: number; role: boolean }[] = [];
    for (const q of index.quoted.values()) {
      if (q.text === t || s.includes(q.text) || !sameShape(t, q.text)) continue;
      if (qualified && !q.right.has(qualified)) continue;
      if (similarity(q.text, t) >= 0.5 && !isNumberedFormula(t)) continue;
      const a = foilAffinity(q, own, ctx.doc, t);
      ranked.push({ text: q.text, score: a.score, role: a.role });
    }
    const order = new Map(
      seededShuffle(
        ranked.map((r) => r.text),
        `${t}|${s}`,
      ).map((x, i) => [x, i]),
    );
    ranked.sort((a, b) => b.score - a.score || (order.get(a.text) ?? 0) - (order.get(b.text) ?? 0));
    // Only related real formulations make a fair 单选; with fewer than three the formulation is asked
    // as 填空. A wrong count (三个确立 for 两个确立) is no option: it names a slogan that does not exist.
    // A numbered formula of the same pattern (两个维护 for 两个确立) is a fair foil from anywhere in the
    // corpus: what it tests is which formula the sentence names, and every one of them is real.
    const good = ranked.filter((r) => r.role && r.score >= (isNumberedFormula(t) ? 1 : 3)).map((r) => r.text);
    const distractors = uniq(good, t);
    const tailAfter = body.slice(body.indexOf(SLOT) + 1);
    const dangling = cjkCount(tailAfter) < 2;
    // A 判断 foil is a real formulation with the same head (政策落实年 for 消费促进年) where the corpus has one,
    // else a near miss of the count (三大工程 for 两大工程). Never one the corpus also puts after this sentence's
    // verb (坚持“两个结合” is true as well), and never a slogan of another shape: it reads absurd in place.
    const verb = s.slice(Math.max(0, at - 2), at);
    const sameHead = distractors.find(
      (d) =>
        d.slice(-2) === t.slice(-2) &&
        !isNumberedFormula(t) &&
        // The document's own other label (政策落实年 beside 消费促进年): one another document names may be
        // true of this one too (深入实施“千万工程”).
        (index.quoted.get(d)?.docs.has(ctx.doc.id) ?? false) &&
        !(index.quoted.get(d)?.left.has(verb) ?? false),
    );
    // A wrong count is a near miss only of a document's own label (十大技术攻关项目): a slogan several documents
    // state (“两个确立”) is known, and “三个确立” is rejected without reading.
    // (A counted abstract noun, “四个意识”, is the canon's shape: “两个意识” would be an invented slogan.)
    const ownLabel = (occ?.docs.size ?? 1) <= 1 && !canonShape(t);
    const statementFoil = sameHead ?? (ownLabel ? numeralSwaps(t).filter((x) => !docText.includes(x))[0] : undefined);
    // A formulation with no near-miss foil can only be asked as a true statement; a bank of such
    // statements teaches that 判断 on slogans is always 正确, so only a few well-known ones keep one,
    // and a formulation with a near miss is asked true only now and then.
    const draw = parseInt(sha256(`${t}|${s}`).slice(0, 2), 16);
    const trueOnly = !statementFoil && !(weight >= 0.8 && draw % 5 === 0);
    // “万家民营企业评营商环境”, “三湘四水·相约湖南”: a long name, or one with a separator mark, typed back must match
    // to the character; it is recognised among options, not recalled.
    // (A compound, 科学家+工程师+企业家 or 排头兵、领头羊、火车头, is typed a part at a time.)
    const longName = /[·•]/.test(t) || Math.max(...t.split(/[、+×，]/).map(cjkCount)) >= 9;
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "formulation",
        answer: t,
        at: at + 1,
        len: t.length,
        subject: `“${t}”`,
        body: body.replace(SLOT, `“${SLOT}”`),
        distractors,
        quoted: true,
        fill: !dangling && !recited && !longName,
        statement: !dangling && !trueOnly,
        weight,
        ...(statementFoil ? { statementFoil, forceFalse: draw % 4 !== 0 } : { statementFoil: "" }),
        ...(distractors.length < 3 || recited ? { noSingle: true } : {}),
      }),
    );
  }
  return out;
}

/**
 * Whether the stem lists the members a counted formulation counts (保障性住房建设、…、城中村改造等“____”
 * for 三大工程): the learner counts them instead of recalling the name.
 */
function countedByStem(t: string, body: string): boolean {
  const m = new RegExp(`^([${CN_NUMERALS}])[个大项条种]`).exec(t);
  const n = m ? parseChineseNumber((m[1] ?? "").replace("两", "二")) : null;
  if (n === null) return false;
  const before = body.slice(0, body.indexOf(SLOT)).replace(/[“”]/g, "");
  const clause = before.split(/[，；：。]/).pop() ?? "";
  const pieces = clause.replace(/等$/, "").split("、");
  if (pieces.length !== n) return false;
  // The list ends where the formulation starts (…城中村改造等“三大工程”, 安全生产、社会民生、生态环境“三条底线”),
  // not at a verb that governs the formulation (…基础制度、坚持“两个毫不动摇”).
  const rest = pieces.slice(1);
  return (
    /等$/.test(clause) ||
    (rest.every((x) => x.length >= 3) &&
      Math.max(...rest.map((x) => x.length)) - Math.min(...rest.map((x) => x.length)) <= 2)
  );
}

const together = new WeakMap<CorpusIndex, Map<string, boolean>>();

/** Whether the corpus states two quoted formulations in one sentence in at least three places of two documents. */
function statedTogether(index: CorpusIndex, a: string, b: string): boolean {
  let cache = together.get(index);
  if (!cache) together.set(index, (cache = new Map()));
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let n = 0;
  const docs = new Set<string>();
  for (const [doc, text] of index.docText) {
    if (!text.includes(`“${a}”`) || !text.includes(`“${b}”`)) continue;
    for (const sentence of text.split(/[。！？\n]/)) {
      if (sentence.includes(`“${a}”`) && sentence.includes(`“${b}”`)) {
        n++;
        docs.add(doc);
      }
    }
  }
  const out = n >= 3 && docs.size >= 2;
  cache.set(key, out);
  return out;
}

/** A list spelled out before its numbered formula: 产业培塑、创新提升、…、民生可感“八大行动”. */
function extractFormulaLists(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const re = new RegExp(
    `((?:[\\u4e00-\\u9fff]{2,8}、){2,}[\\u4e00-\\u9fff]{2,8})(“?)([${CN_NUMERALS}]+)(个|大|项|种|条|篇|件|类|支)([\\u4e00-\\u9fff]{1,3}?)(?=”|[，。；、：]|$)`,
    "g",
  );
  for (const m of s.matchAll(re)) {
    const list = m[1] ?? "";
    const numeral = m[3] ?? "";
    if (m[2] && s[(m.index ?? 0) + m[0].length] !== "”") continue;
    let items = list.split("、");
    const n = toChineseNumber(items.length);
    if (numeral !== n && !(numeral === "两" && items.length === 2)) {
      // The list may start with a verb glued to the first item (大力实施产业培塑): trim to the count.
      continue;
    }
    const formula = `${numeral}${m[4] ?? ""}${m[5] ?? ""}`;
    const first = items[0] ?? "";
    if (first.length > 4) {
      const lenOthers = items.slice(1).map((x) => x.length);
      const typical = lenOthers.sort((a, b) => a - b)[Math.floor(lenOthers.length / 2)] ?? 4;
      items[0] = first.slice(first.length - typical);
    }
    items = items.filter((x) => x.length >= 2);
    if (!wellFormedList(items)) continue;
    const at = (m.index ?? 0) + (list.length - list.length) + (first.length - (items[0] ?? "").length);
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "enumeration",
        answer: items.join("、"),
        at,
        len: m[0].length - (first.length - (items[0] ?? "").length),
        subject: `“${formula}”`,
        body: null,
        distractors: [],
        enumeration: { lead: formula, noun: "内容", correct: items, foreign: [] },
        fill: false,
        statement: false,
        weight: 0.95,
      }),
    );
  }
  return out;
}

/**
 * A list whose items are parallel: 3–12 items of comparable length, quotes balanced inside each
 * item, no item glued to a conjunction (领域和新型储能 is a split gone wrong).
 */
function wellFormedList(items: string[]): boolean {
  if (items.length < 3 || items.length > 12) return false;
  const lens = items.map((x) => x.length);
  if (Math.min(...lens) < 2 || Math.max(...lens) > 20 || Math.max(...lens) > 3 * Math.min(...lens)) return false;
  for (const x of items) {
    if (!balancedQuotes(x)) return false;
    if (/^[和及与或等]|[和及与或]$/.test(x) || (/.和./.test(x) && x.length > 8)) return false;
  }
  return true;
}

/** A glossary entry or definition of a formula: “六个工程”：A、B、C…。 */
function extractGlossaryList(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const m = /^“([^”]{2,12})”[：:是指为]{1,2}([^。]+)。?$/.exec(s);
  if (!m) return [];
  const formula = m[1] ?? "";
  const items = (m[2] ?? "").split(/[、；;]/).map((x) =>
    x
      .replace(/^(?:和|及|以及)/, "")
      .replace(/等$/, "")
      .trim(),
  );
  if (!wellFormedList(items) || /[，,]/.test(m[2] ?? "")) return [];
  return [
    makeFact(ctx, {
      kind: "phrase",
      factType: "enumeration",
      answer: items.join("、"),
      at: 0,
      len: s.length,
      subject: `“${formula}”`,
      body: null,
      distractors: [],
      enumeration: { lead: formula, noun: "内容", correct: items, foreign: [] },
      fill: false,
      statement: false,
      weight: 0.95,
    }),
  ];
}

function extractConcepts(ctx: SentenceCtx, index: CorpusIndex, used: Set<string>): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const taken: [number, number][] = [];
  const terms = [...index.concepts].sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  for (const [term, docs] of terms) {
    const i = s.indexOf(term);
    if (i < 0 || s.indexOf(term, i + 1) >= 0) continue;
    // The longest concept wins: 中华民族共同体 inside 中华民族共同体意识 is not asked separately.
    if (taken.some(([a, b]) => i < b && i + term.length > a)) continue;
    taken.push([i, i + term.length]);
    if (s[i - 1] === "“") continue;
    const key = `${ctx.doc.id}|${term}`;
    if (used.has(key)) continue;
    const body = reduceSentence(s, i, i + term.length, { figures: false });
    if (!body || cjkCount(body.replace(SLOT, "")) < 10) continue;
    // Options would be other concepts, and several may fit the sentence (加快构建…): asked as 填空 only.
    used.add(key);
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "concept",
        answer: term,
        at: i,
        len: term.length,
        subject: term,
        body,
        distractors: [],
        fill: true,
        statement: false,
        weight: Math.min(0.7, 0.4 + 0.03 * docs.size),
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** What a sentence extractor may read besides its sentence: the corpus, and what this sentence already gave. */
interface SentenceEnv {
  index: CorpusIndex;
  docText: string;
  /** The sentence belongs to a law (a statute, or a law quoted in another document). */
  law: boolean;
  /** Facts the extractors before this one found in the same sentence (in registry order). */
  sentenceFacts: Fact[];
  /** Concepts already asked in this document: a recurring concept is asked once. */
  conceptUsed: Set<string>;
  passageSentences: (p: InputPassage) => Span[];
}

interface SentenceExtractor {
  id: string;
  /** Law text, other documents, or both. */
  genre: "law" | "other" | "all";
  /**
   * Where the facts go: the passage's facts (default); `duties`, plain duties asked only where the article
   * offers nothing sharper; `clauses`, statute blanks asked on top of the sharper facts.
   */
  into?: "duties" | "clauses";
  extract(ctx: SentenceCtx, env: SentenceEnv): Fact[];
}

/**
 * Every sentence extractor, in the order their facts enter the bank (the order decides which of two
 * equal facts is kept). Adding an extractor is one module and one line here.
 */
const SENTENCE_EXTRACTORS: SentenceExtractor[] = [
  { id: "figures", genre: "all", extract: (ctx, env) => extractFigures(ctx, env.index, env.law) },
  { id: "dates", genre: "law", extract: (ctx, env) => extractDates(ctx, env.docText) },
  { id: "authorities", genre: "law", extract: (ctx, env) => extractAuthorities(ctx, env.index) },
  { id: "frequency", genre: "law", extract: extractFrequency },
  { id: "parallel-slots", genre: "law", extract: extractParallelSlots },
  { id: "rank-scopes", genre: "law", extract: extractRankScopes },
  { id: "rank-clauses", genre: "law", extract: extractRankClauses },
  { id: "classifications", genre: "law", extract: extractClassifications },
  { id: "roles", genre: "law", extract: extractRoles },
  { id: "regimes", genre: "law", extract: extractRegimes },
  { id: "consequences", genre: "law", extract: extractConsequences },
  { id: "definition", genre: "law", extract: (ctx, env) => extractDefinition(ctx, env.index) },
  { id: "duty", genre: "law", into: "duties", extract: (ctx, env) => extractDuty(ctx, env.index) },
  {
    id: "statute-clauses",
    genre: "law",
    into: "clauses",
    // Spans the sharper extractors already ask in this sentence are left to them.
    extract: (ctx, env) =>
      extractStatuteClauses(
        ctx,
        env.index,
        env.passageSentences,
        env.sentenceFacts.filter((f) => f.body !== null),
      ),
  },
  {
    id: "target-list",
    genre: "other",
    extract: (ctx, env) => {
      const list = extractTargetList(ctx, env.sentenceFacts);
      return list ? [list] : [];
    },
  },
  { id: "horizons", genre: "other", extract: (ctx, env) => extractHorizons(ctx, env.docText) },
  { id: "horizon-goals", genre: "other", extract: extractHorizonGoals },
  { id: "decisions", genre: "other", extract: extractDecisions },
  { id: "quoted", genre: "all", extract: (ctx, env) => extractQuoted(ctx, env.index) },
  { id: "quoted-sets", genre: "other", extract: extractQuotedSets },
  { id: "formula-lists", genre: "all", extract: extractFormulaLists },
  { id: "glossary-list", genre: "all", extract: extractGlossaryList },
  { id: "concepts", genre: "all", extract: (ctx, env) => extractConcepts(ctx, env.index, env.conceptUsed) },
  { id: "positioning", genre: "other", extract: extractPositioning },
  { id: "frames", genre: "other", extract: (ctx, env) => extractFrames(ctx, env.index, env.sentenceFacts) },
  { id: "aims", genre: "other", extract: (ctx, env) => extractAims(ctx, env.sentenceFacts) },
  { id: "stated-goals", genre: "other", extract: extractStatedGoals },
  { id: "series", genre: "other", extract: extractSeries },
  { id: "counted-pairs", genre: "other", extract: extractCountedPairs },
  { id: "parallel-lists", genre: "other", extract: extractParallelLists },
];

/** Extractors over a whole passage (an article's items under their lead). */
const PASSAGE_EXTRACTORS: {
  id: string;
  genre: "law" | "other" | "all";
  extract: (doc: InputDocument, p: InputPassage) => Fact[];
}[] = [{ id: "law-enumerations", genre: "law", extract: extractLawEnumerations }];

/** Extractors over a whole document, after its passages: they may read the facts already found. */
const DOCUMENT_EXTRACTORS: {
  id: string;
  genre: "law" | "other" | "all";
  extract: (doc: InputDocument, docText: string, facts: Fact[]) => Fact[];
}[] = [
  { id: "enactment", genre: "law", extract: extractEnactment },
  { id: "adoption", genre: "other", extract: (doc) => extractAdoption(doc) },
  { id: "ordinal-lists", genre: "all", extract: (doc) => extractOrdinalLists(doc) },
  { id: "formulation-series", genre: "other", extract: (doc) => extractFormulationSeries(doc) },
];

export function extractDocument(doc: InputDocument, index: CorpusIndex): Fact[] {
  const facts: Fact[] = [];
  const year = documentYear(doc);
  const law = doc.kind === "law";
  const docText = index.docText.get(doc.id) ?? "";
  const conceptUsed = new Set<string>();
  for (const p of doc.passages) {
    if (!isContentPassage(p)) continue;
    const garbled = p.flags?.includes("mojibake") === true;
    const isLawText = law || p.law !== undefined;
    const before = facts.length;
    const duties: Fact[] = [];
    // Blanks of a statute's clauses come on top of the sharper extractors' facts, not instead of them.
    const clauseFacts: Fact[] = [];
    for (const x of PASSAGE_EXTRACTORS)
      if (x.genre === "all" || (x.genre === "law") === isLawText) facts.push(...x.extract(doc, p));
    for (const sentence of passageSentences(p)) {
      // A law's item (（四）…；) means nothing without its lead: it is asked through its enumeration, and its
      // own figures and clauses are asked with the lead before it (…履行下列安全保护义务：（三）…进行____；).
      if (isLawText && /^[（(][一二三四五六七八九十]+[）)]/.test(sentence.text)) {
        const lead = itemLead(p.text, sentence.start);
        if (lead === null) continue;
        const ctx: SentenceCtx = { doc, passage: p, sentence, year };
        const taken: Fact[] = [];
        for (const f of [
          ...extractFigures(ctx, index, true),
          ...extractStatuteClauses(ctx, index, passageSentences, taken),
        ]) {
          if (f.body === null || lead.length + f.body.length > 170) continue;
          f.body = `${lead}${f.body.replace(/^[（(][一二三四五六七八九十]+[）)]/, (label) => label)}`;
          taken.push(f);
          clauseFacts.push(f);
        }
        continue;
      }
      // A paragraph with a garbled run still has sound sentences; only the garbled one is skipped.
      if (
        garbled &&
        (/\ufffd|[\u4e00-\u9fff]\?|\?[!?]/.test(sentence.text) ||
          (sentence.text.match(/“/g)?.length ?? 0) !== (sentence.text.match(/”/g)?.length ?? 0))
      )
        continue;
      const ctx: SentenceCtx = { doc, passage: p, sentence, year };
      const env: SentenceEnv = { index, docText, law: isLawText, sentenceFacts: [], conceptUsed, passageSentences };
      for (const x of SENTENCE_EXTRACTORS) {
        if (x.genre !== "all" && (x.genre === "law") !== isLawText) continue;
        const found = x.extract(ctx, env);
        if (x.into === "duties") duties.push(...found);
        else if (x.into === "clauses") clauseFacts.push(...found);
        else {
          facts.push(...found);
          env.sentenceFacts.push(...found);
        }
      }
    }
    // A plain duty is asked only where the article offers nothing sharper (a figure, an authority…),
    // and once per article, so that the bank is not a wall of “正确” statements.
    // A prohibition standing as its own 款 (任何单位和个人不得截留、挪用…) is asked even where the
    // article has sharper facts: it is what the article forbids.
    const ownClause = (d: Fact) =>
      d.quoteStart === 0 ||
      p.text[d.quoteStart - 1] === "\n" ||
      /^第[一二三四五六七八九十百零]+条\s*$/.test(
        p.text.slice(p.text.lastIndexOf("\n", d.quoteStart - 1) + 1, d.quoteStart),
      );
    if (facts.length === before && duties.length > 0) facts.push(...duties.slice(0, 1));
    else facts.push(...duties.filter((d) => d.body === null && /不得|禁止/.test(d.quote) && ownClause(d)).slice(0, 1));
    facts.push(...clauseFacts);
    // Two sentences of one article with the same sanction (…的，给予处分) are one card, not two.
    if (isLawText) {
      const seen = new Set<string>();
      for (let i = before; i < facts.length; i++) {
        const f = facts[i] as Fact;
        if (f.factType !== "duty" || f.body === null) continue;
        if (seen.has(f.answer)) {
          facts.splice(i, 1);
          i--;
        } else seen.add(f.answer);
      }
    }
  }
  for (const x of DOCUMENT_EXTRACTORS)
    if (x.genre === "all" || (x.genre === "law") === law) facts.push(...x.extract(doc, docText, facts));
  // A law's lists get foils that are lawful or neighbouring categories, never another list's items
  // (a penalty article repeats the prohibitions); target lists borrow altered figures (above), and
  // formulations' lists borrow from the whole corpus (bank.ts).
  const lawLists = facts.filter((f) => f.kind === "provision" && f.enumeration);
  const required = lawLists.length > 0 ? requiredActs(doc) : [];
  // One foil sentence serves one list: the same wrong option in every list would be learnt as such.
  const usedFoils = new Set<string>();
  for (const f of lawLists) {
    const e = f.enumeration as Enumeration;
    const siblings = lawLists.filter((o) => o !== f).flatMap((o) => o.enumeration?.correct ?? []);
    const foils = lawListFoils(e.correct, siblings, e.lead, required, doc);
    e.foreign = foils.filter((x) => !usedFoils.has(x));
    for (const x of e.foreign.slice(0, 3)) usedFoils.add(x);
  }
  attachForeignItems(facts.filter((f) => f.kind === "target"));
  return facts;
}

/**
 * Foils for 多选: items of another enumeration in the same document, not near-duplicates of any
 * correct item (a law repeats its prohibitions in its penalty article).
 */
export function attachForeignItems(facts: Fact[]): void {
  const enums = facts.filter(
    (f) => f.enumeration && f.factType === "enumeration" && f.enumeration.foreign.length === 0,
  );
  for (const f of enums) {
    const e = f.enumeration as Enumeration;
    const pool: string[] = [];
    // Items of the same kind first: if most correct items end alike (…金融, …工程), foils should too.
    const ends = new Map<string, number>();
    for (const c of e.correct) ends.set(c.slice(-2), (ends.get(c.slice(-2)) ?? 0) + 1);
    const [suffix, n] = [...ends].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    const sameNoun = enums.filter((o) => o !== f && o.enumeration?.noun === e.noun);
    const others = enums.filter((o) => o !== f && o.enumeration?.noun !== e.noun);
    for (const o of [...sameNoun, ...others]) {
      for (const item of o.enumeration?.correct ?? []) {
        if (e.correct.some((c) => similarity(c, item) >= 0.45 || c.includes(item) || item.includes(c))) continue;
        if (f.quote.includes(item)) continue;
        const avg = e.correct.reduce((n, c) => n + c.length, 0) / Math.max(1, e.correct.length);
        // Same shape: a four-character slogan among four-character slogans.
        if (Math.abs(item.length - avg) > Math.max(1.5, avg * 0.35)) continue;
        pool.push(item);
      }
    }
    // When (nearly) every item ends alike (…首选地, …佳选地), a foil that does not is spotted at a glance.
    const strict = n >= 2 && n >= e.correct.length - 1;
    const ranked =
      n >= 2
        ? [...pool.filter((x) => x.endsWith(suffix)), ...(strict ? [] : pool.filter((x) => !x.endsWith(suffix)))]
        : pool;
    e.foreign = uniq(ranked, "");
  }
}

export { findAtBoundary };
