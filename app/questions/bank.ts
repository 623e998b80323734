/**
 * generateBank: documents → knowledge points → variants → quality gate → bank.
 * Pure and deterministic: option order and sampling are keyed by fingerprints, never by Math.random.
 */
import { documentLabel, documentYear, isReviewSection, reportPeriod } from "./context";
import { buildCorpusIndex, isContentPassage } from "./corpus";
import { attachForeignItems, extractDocument, type Fact } from "./extract";
import { attachOrdinalFoils } from "./lists";
import { foilsAround } from "./figures";
import { attachParallelFoils } from "./parallel";
import { attachSeriesFoils } from "./series";
import { attachHorizonFoils } from "./horizons";
import { SLOT } from "./reduce";
import { blankCount } from "./blanks";
import { isVerbIn, leadingVerb, taggedWords } from "./segment";
import { SUBJECTLESS_RULE_OPENING, itemSetKey, listItems } from "./statute";
import { isActor, mixedOptionKinds, unfairStatuteBlank } from "./fairness";
import {
  answerVariants,
  cjkCount,
  compact,
  echoes,
  countAtBoundary,
  findAtBoundary,
  normalizeAnswer,
  seededShuffle,
  sha256,
  similarity,
} from "./text";
import {
  GENERATOR_VERSION,
  type Bank,
  type BankStats,
  type InputDocument,
  type KnowledgeKind,
  type KnowledgePoint,
  type Question,
  type QuestionFormat,
} from "./types";

const BLANK_CHOICE = "（ ）";
const BLANK_FILL = "____";
const MAX_STEM = 200;
/** Knowledge points kept per passage (best first), so a long paragraph does not flood the bank. */
const MAX_POINTS_PER_PASSAGE = 6;
const MAX_QUESTIONS_PER_PASSAGE = 12;
/**
 * A statute's article is short and dense: every clause of it may be examined, so its cap only stops a
 * runaway article (a long list of sanctions), not the facts of an ordinary one.
 */
const MAX_POINTS_PER_ARTICLE = 20;
const MAX_QUESTIONS_PER_ARTICLE = 40;
/**
 * Knowledge points per formulation across the bank: “两个维护” is quoted in nearly every political
 * text, and twenty blanks on it would be twenty copies of one card.
 */
const MAX_POINTS_PER_FORMULATION = 2;
/** Lists found in running text asked per passage, on top of its other facts (one 多选 or fill-in each). */
const MAX_LISTS_PER_PASSAGE = 2;
/** Report figures below this weight are neither a headline indicator nor a stated target (see extract.ts). */
const MINOR_FIGURE_WEIGHT = 0.7;

const KIND_ORDER: Record<string, number> = { law: 0, "work-report": 1, communique: 2, speech: 3, meeting: 4, news: 5 };

interface Candidate {
  format: QuestionFormat;
  variant: number;
  stem: string;
  options: string[];
  answer: string[];
  /** Length of the stem's document prefix (根据《…》第X条，), which the answer check skips. */
  prefix?: number;
  /** Texts that must not occur in the stem (the correct option(s), the fill answer). */
  secret: string[];
  score: number;
  note?: string;
}

function articleOf(fact: Fact): string {
  return fact.passage.law?.article ?? fact.passage.path.find((p) => /^第[一二三四五六七八九十百零]+条/.test(p)) ?? "";
}

function stemPrefix(fact: Fact): string {
  const label = documentLabel(fact.doc);
  if (fact.doc.kind === "law" || fact.passage.law) return `根据${label}${articleOf(fact)}，`;
  return `根据${label}，`;
}

/** A number with a unit of measure (700元/月, 3万户, 6%): what makes a plan's sentence read as a result without its year. */
const FIGURE_IN_STEM_RE = /\d+(?:\.\d+)?\s*(?:%|‰|万|亿|千|百|元|个|户|人|名|家|所|项|公里|千米|亩|吨|千瓦)/;

/** Makes a relative time absolute (今年 → 2024年) and dates results that the sentence leaves undated. */

function anchorTime(fact: Fact, body: string): string {
  // List marks are layout, not wording: （一）全力推动… / …，二是加快…，三是推动….
  body = body
    .replace(
      /^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是](?=[\u4e00-\u9fff\u0000“])|\d+[.、．]\s*)/,
      "",
    )
    .replace(/([，；])[一二三四五六七八九十]+是(?=[\u4e00-\u9fff\u0000])/g, "$1");
  const year = documentYear(fact.doc);
  if (year === null) return body;
  // 今年/明年 are relative to the document's date: resolved wherever they stand (…要把今年作为…).
  let out = body.replace(/今年(?!度)/g, `${year}年`).replace(/明年(?!度)/g, `${year + 1}年`);
  // 全区经济社会发展的主要预期目标是：… / 力争外贸规模突破2100亿元 names no year; the learner must
  // know which year's target or plan it is.
  if (fact.kind === "target" && (fact.status === "target" || fact.status === "plan") && !/\d{4}年/.test(out)) {
    out = /^(?:全区|全省|全市|全国|全县|本省|本市|本区)/.test(out) ? `${year}年${out}` : `${year}年，${out}`;
  }
  // 我区/我省/我市 is the speaker's own place: a stem names it (内蒙古, 湖南) to stand alone.
  const region = fact.doc.region;
  if (region && region !== "全国" && fact.doc.kind !== "law") out = out.replace(/我(?:区|省|市)(?![委政])/g, region);
  // 我们要… opens a speaker's clause: the stem names who that is where the document says (内蒙古要…), and else
  // states the point without the speaker (要以铸牢…为主线), never a 我们 the learner cannot place.
  const us = region && region !== "全国" ? region : "";
  out = out.replace(/(^|[，；：])我们(?!党|国|的)(?:也)?/g, (_, sep: string) => `${sep}${us}`);
  // A checklist item's lead unit (（牵头责任单位：…）) is bookkeeping, not part of the fact.
  out = out.replace(/[（(]牵头(?:责任)?单位[：:][^）)]*[）)]/g, "");
  // A speech's or news item's 一年来/过去一年 opens its sentence; a stem that dropped it names the year.
  const opening = /^(?:[^，。]{0,12}?)(一年来|过去一年|去年|五年来|过去五年)/.exec(fact.quote)?.[1];
  if (
    fact.kind === "target" &&
    fact.doc.kind !== "work-report" &&
    opening &&
    !/\d{4}年|一年来|过去一年|去年|五年来|过去五年/.test(out)
  ) {
    out = /五年/.test(opening) ? `过去五年，${out}` : `${year - 1}年，${out}`;
  }
  // A report's review speaks of the year before it (or of the five years before), read from its headings and
  // from how its passages open (过去一年… / 过去五年… / 今年…); its other sections of the year it plans. A result
  // is dated either way; a formulation or another figure of the review (“四个十大”项目年度投资任务全面完成) too.
  // 创2010年以来最好位次 names a baseline, not the period the figure belongs to.
  const dated = /\d{4}年(?!以来|以前|来)|过去一年|去年|上年|一年来|过去五年|五年来|十年来/.test(out);
  // 实践充分表明，…中国人民有勇气、有智慧…: a lesson the review draws holds beyond its year; dated it reads as
  // that year's event.
  const lesson = /^(?:[^，。]{0,6}?)(?:实践|事实|历史)(?:充分|再次|已经)?(?:表明|证明|告诉我们)/.test(fact.quote);
  if (fact.doc.kind === "work-report" && !dated && !lesson) {
    const result = fact.kind === "target" && fact.status === "result";
    const reviewed = fact.kind === "phrase" || (fact.kind === "target" && fact.status === undefined);
    const period = result || reviewed ? reportPeriod(fact.doc, fact.passage) : null;
    if (period === "five-year") out = `过去五年，${out}`;
    else if (period === "prior-year") out = `${year - 1}年，${out}`;
    else if (result) out = `${year}年，${out}`;
    // 城市低保标准提高到700元/月，残疾人“____”标准提高到90元/月: a plan's figures read as done without its year.
    else if (period === "plan" && fact.kind === "phrase" && FIGURE_IN_STEM_RE.test(out)) out = `${year}年，${out}`;
  }
  return out;
}

/** A lead quoted as the document words it: a period the stem adds (2023年，) stands before the quotation marks. */
function quoted(anchored: string, lead: string): string {
  const added = anchored.endsWith(lead) ? anchored.slice(0, anchored.length - lead.length) : "";
  return /^(?:\d{4}年|过去五年)，$/.test(added) ? `${added}“${lead}”` : `“${anchored}”`;
}

function fill(body: string, with_: string): string {
  return body.replace(SLOT, with_);
}

function pathText(fact: Fact): string {
  const parts = fact.passage.path.filter((p) => p.trim());
  return parts.length ? `（${parts.join(" › ")}）` : "";
}

function explanation(fact: Fact, extra = ""): string {
  return `${extra}出处：${documentLabel(fact.doc)}${pathText(fact)}。原文：“${fact.quote}”`;
}

function quoteOpt(fact: Fact, t: string): string {
  return fact.quoted ? `“${t}”` : t;
}

function pick<T>(xs: readonly T[], n: number, key: string): T[] {
  return seededShuffle(xs, key).slice(0, n);
}

/** Text as the options are compared: width folded, spaces dropped. */
function flat(t: string): string {
  return t.normalize("NFKC").replace(/\s+/g, "");
}

/**
 * The documents' text, to check that a wrong option is a real formulation: a phrase option that occurs
 * in no document (“三个确立” made from “两个确立”) teaches a slogan that does not exist.
 */
export interface OptionContext {
  corpus: string;
  /** Each document's text without punctuation or spaces, by id: where stock wording is counted. */
  texts: Map<string, string>;
  /** How many foils lie below a numeric key, by fingerprint (see generateBank). */
  places: Map<string, number>;
}

export function fingerprintOf(f: Fact): string {
  return sha256([f.doc.id, f.kind, f.factType, compact(f.subject), compact(f.quote), compact(f.answer)].join("|"));
}

const occursCache = new WeakMap<OptionContext, Map<string, boolean>>();

function occurs(ctx: OptionContext, t: string): boolean {
  let cache = occursCache.get(ctx);
  if (!cache) occursCache.set(ctx, (cache = new Map()));
  let hit = cache.get(t);
  if (hit === undefined) {
    const x = flat(t).replace(/^“|”$/g, "");
    hit = x.length > 0 && ctx.corpus.includes(x);
    cache.set(t, hit);
  }
  return hit;
}

/** The first `n` of `xs` that pass `keep`, in order. */
function firstThat<T>(xs: readonly T[], keep: (x: T) => boolean, n: number): T[] {
  const out: T[] = [];
  for (const x of xs) {
    if (out.length >= n) break;
    if (keep(x)) out.push(x);
  }
  return out;
}

/**
 * The key is the unique longest or shortest option by half again, or the only short one that pairs
 * two names (原定密机关、单位 among 公安机关, 监察机关…) or the only one that does not: a learner picks it unread.
 */
export function lengthTell(key: string, foils: readonly string[]): boolean {
  const k = flat(key).length;
  const ls = foils.map((f) => flat(f).length);
  if (ls.length === 0) return false;
  const paired = (x: string) => /[\u4e00-\u9fff]、[\u4e00-\u9fff]/.test(x);
  if (foils.length >= 2 && k <= 12 && foils.every((f) => paired(f) !== paired(key))) return true;
  return k >= 1.5 * Math.max(...ls) || k * 1.5 <= Math.min(...ls);
}

/**
 * `n` foils from the ranked pool, best first, such that the key's length is no tell: the first
 * combination in rank order (of the pool's first ten) that passes. Null when none does.
 */
export function lengthHonest(key: string, pool: readonly string[], n: number): string[] | null {
  const cands = pool.slice(0, 10);
  const idx: number[] = [];
  const walk = (from: number): string[] | null => {
    if (idx.length === n) {
      const foils = idx.map((i) => cands[i] as string);
      return lengthTell(key, foils) ? null : foils;
    }
    for (let i = from; i <= cands.length - (n - idx.length); i++) {
      idx.push(i);
      const r = walk(i + 1);
      idx.pop();
      if (r) return r;
    }
    return null;
  };
  return walk(0);
}

/** How many of a numeric key's three foils lie below it: from the fingerprint, uniform over 0–3. */
export function foilsBelow(fp: string): number {
  return parseInt(fp.slice(8, 16), 16) % 4;
}

/**
 * The shape of a 多选: 2–4 keys among 4–5 options, drawn from the fingerprint among the shapes the
 * list allows (enough correct items, at least one wrong option), so that no key count pays.
 */
export function multipleShape(fp: string, correct: number, foreign: number): { keys: number; wrong: number } | null {
  const shapes: { keys: number; wrong: number }[] = [];
  for (const [keys, total] of [
    [2, 4],
    [3, 4],
    [2, 5],
    [3, 5],
    [4, 5],
  ] as const) {
    const wrong = total - keys;
    if (keys <= correct && wrong >= 1 && wrong <= foreign) shapes.push({ keys, wrong });
  }
  if (shapes.length === 0) return null;
  return shapes[parseInt(fp.slice(16, 24), 16) % shapes.length] ?? null;
}

/** The three foils of a 单选, or null when no fair set of three exists. */
function singleFoils(fact: Fact, fp: string, opts: OptionContext): string[] | null {
  // The first ten real ones are all the choice below looks at.
  let pool = fact.kind === "phrase" ? firstThat(fact.distractors, (d) => occurs(opts, d), 10) : fact.distractors;
  // 坚定（ ）: a slogan among slogans the documents never put after that verb (深刻领悟“两个确立”, 做到“两个维护”)
  // fails on the collocation alone; the foils are slogans the corpus also says after it.
  if (fact.kind === "phrase" && fact.quoted) {
    const at = fact.start - fact.quoteStart;
    const verb = flat(fact.quote.slice(Math.max(0, at - 6), at))
      .replace(/[“"]$/, "")
      .slice(-2);
    if (/^[\u4e00-\u9fff]{2}$/.test(verb))
      pool = pool.filter((d) => {
        const x = flat(d).replace(/^“|”$/g, "");
        return opts.corpus.includes(`${verb}“${x}”`) || opts.corpus.includes(`${verb}${x}`);
      });
  }
  if (pool.length < 3) return null;
  if (fact.kind !== "phrase") {
    const around = foilsAround(
      fact.answer,
      pool,
      opts.places.get(fp) ?? foilsBelow(fp),
      parseInt(fp.slice(24, 32), 16),
    );
    if (around) return around.length === 3 ? around : null;
  }
  return lengthHonest(fact.answer, pool, 3);
}

function candidatesFor(fact: Fact, fp: string, opts: OptionContext): Candidate[] {
  const out: Candidate[] = [];
  const prefix = stemPrefix(fact);
  const w = fact.weight;
  if (fact.enumeration) {
    const e = fact.enumeration;
    const label = documentLabel(fact.doc);
    let stemHead: string;
    if (fact.kind === "provision") {
      const lead = e.lead.replace(/[：:]$/, "");
      stemHead = `${label}${articleOf(fact)}规定：“${lead}：……”下列属于该条所列${e.noun}的有${BLANK_CHOICE}。`;
    } else if (e.pattern === "horizon") {
      stemHead = `根据${label}，下列属于${e.lead}要实现的${e.noun}的有${BLANK_CHOICE}。`;
    } else if (fact.kind === "target") {
      const year = documentYear(fact.doc);
      let lead = e.lead
        .replace(/^.*?(?:提出了?|确定了?|明确了?)/, "")
        .replace(/^今年/, year !== null ? `${year}年` : "")
        .replace(/(?:是|为)$/, "");
      if (year !== null && !/\d{4}年/.test(lead)) lead = `${year}年${lead}`;
      stemHead = `根据${label}，下列属于${lead}的有${BLANK_CHOICE}。`;
    } else if (e.pattern === "series") {
      stemHead = `根据${label}，${quoted(anchorTime(fact, e.lead), e.lead)}。下列属于其中省略内容的有${BLANK_CHOICE}。`;
    } else if (e.pattern === "parallel") {
      const lead = e.context ? `${e.context}，${e.lead}` : e.lead;
      stemHead = `根据${label}，${quoted(anchorTime(fact, lead), lead)}。下列属于其中所列${e.noun}的有${BLANK_CHOICE}。`;
    } else if (fact.ordinal) {
      const year = documentYear(fact.doc);
      const period =
        fact.doc.kind === "work-report"
          ? reportPeriod(fact.doc, fact.passage)
          : isReviewSection(fact.passage)
            ? "prior-year"
            : null;
      const dated =
        /\d{4}年|过去一年|一年来|过去五年|五年来/.test(e.lead) ||
        year === null ||
        (period !== "prior-year" && period !== "five-year")
          ? e.lead
          : period === "five-year"
            ? `过去五年，${e.lead}`
            : `${year - 1}年，${e.lead}`;
      stemHead = `根据${label}，${dated}。下列属于上述${e.noun}的有${BLANK_CHOICE}。`;
    } else {
      stemHead = `根据${label}，下列属于“${e.lead}”的有${BLANK_CHOICE}。`;
    }
    const correct = e.correct;
    // A phrase list's wrong options are items of real lists: never a string no document contains.
    const foreign = fact.kind === "phrase" ? e.foreign.filter((x) => occurs(opts, x)) : e.foreign;
    // A law's foils come best first (the duties closest to the list's acts first), and
    // so do a parallel list's (the lists said of the same thing first).
    const ranked =
      fact.kind === "provision" || e.pattern === "parallel" || e.pattern === "series" || e.pattern === "horizon";
    // A 多选 is asked only with a wrong option: options all correct teach nothing about where the
    // list ends.
    const shape = correct.length >= 3 ? multipleShape(fp, correct.length, foreign.length) : null;
    if (shape) {
      const right = pick(correct, shape.keys, `${fp}:m:c`);
      // A foil that is a altered copy of a chosen correct item would give both away.
      const apart = foreign.filter((x) => right.every((r) => similarity(r, x) < 0.6));
      const from = apart.length >= shape.wrong ? apart : foreign;
      const wrong = ranked ? from.slice(0, shape.wrong) : pick(from, shape.wrong, `${fp}:m:f`);
      out.push({
        format: "multiple",
        variant: 0,
        stem: stemHead,
        options: seededShuffle([...right, ...wrong], `${fp}:m:o`),
        answer: right,
        secret: right,
        score: w,
      });
    }
    if (correct.length >= 3 && foreign.length >= 1) {
      // The wrong item is the key here: one whose length does not stand out among three correct ones.
      const order = ranked ? foreign.slice(0, 4) : seededShuffle(foreign, `${fp}:s:f`).slice(0, 4);
      const rights = seededShuffle(correct, `${fp}:s:c`);
      for (const x of order) {
        // The correct item the wrong one was altered from (就业60万人 for 就业70万人) would give it away.
        const apart = rights.filter((r) => similarity(r, x) < 0.6);
        const right = lengthHonest(x, apart.length >= 3 ? apart : rights, 3);
        if (!right) continue;
        // Another document's head on another subject (统战工作 among 人大制度's 必须坚持…) is the odd one out
        // by topic alone: as the one key it must share a word of substance with the heads it stands among.
        if (fact.ordinal && !sharesTopic(x, right)) continue;
        const reverse = stemHead.replace(/下列属于(.*)的有（ ）。$/, "下列不属于$1的是（ ）。");
        out.push({
          format: "single",
          variant: 0,
          stem: reverse,
          options: seededShuffle([...right, x], `${fp}:s:o`),
          answer: [x],
          secret: [x],
          score: w * 0.9,
        });
        break;
      }
    }
    // A short fixed series is also asked a blank per item, in its order (协同推进____、____、____、____).
    const slots = fact.fill && fact.body !== null ? blankSlots(fact) : null;
    if (slots && fact.body !== null) {
      out.push({
        format: "fill",
        variant: 0,
        stem: prefix + fill(anchorTime(fact, fact.body), slots.pattern),
        options: [],
        prefix: prefix.length,
        answer: slots.items,
        secret: [fact.answer],
        score: w * 0.8,
      });
    }
    return out;
  }
  if (fact.factType === "duty" && fact.body === null) {
    const foil = fact.statementFoil;
    if (foil) {
      out.push({
        format: "truefalse",
        variant: 0,
        stem: `${prefix}${foil.replace(/。?$/, "。")}`,
        options: ["正确", "错误"],
        answer: ["错误"],
        secret: [],
        score: w * 0.85,
        note: `原文为“${fact.quote.replace(/。$/, "")}”。`,
      });
    }
    // A duty copied word for word and keyed 正确 (不得有危害国家安全的行为) is judged by common sense:
    // examiners refused every one they were shown. A duty is judged only with something changed in it.
    return out;
  }
  if (fact.body === null) return out;
  const body = anchorTime(fact, fact.body);
  if (fact.listChoice) {
    const lc = fact.listChoice;
    const stem = lc.partial
      ? `${prefix}“${fill(body, "……").replace(/。$/, "")}”，其中所列的有${BLANK_CHOICE}。`
      : prefix + fill(body, BLANK_CHOICE);
    out.push({
      format: "multiple",
      variant: 0,
      stem,
      prefix: prefix.length,
      options: lc.options,
      answer: lc.answer,
      secret: lc.answer,
      score: w * 0.95,
    });
  }
  const answerShown = quoteOpt(fact, fact.answer);
  const singleBody = fact.quoted ? body.replace(`“${SLOT}”`, BLANK_CHOICE) : fill(body, BLANK_CHOICE);
  const foils = fact.noSingle ? null : singleFoils(fact, fp, opts);
  if (foils) {
    const wrong = foils.map((d) => quoteOpt(fact, d));
    out.push({
      format: "single",
      variant: 0,
      stem: prefix + singleBody,
      prefix: prefix.length,
      options: seededShuffle([answerShown, ...wrong], `${fp}:single`),
      answer: [answerShown],
      secret: [fact.answer],
      score: w,
    });
  }
  if (fact.fill) {
    const slots = blankSlots(fact);
    const qualifier = figureQualifier(fact);
    out.push(
      slots
        ? {
            format: "fill",
            variant: 0,
            stem: prefix + fill(body, slots.pattern),
            options: [],
            prefix: prefix.length,
            answer: slots.items,
            secret: [fact.answer],
            score: w * 0.85,
          }
        : {
            format: "fill",
            variant: 0,
            // 增长____以上: a figure's qualifier stays in the stem, or a learner who writes 20% for 20%以上 is wrong
            // for want of a word nothing in the stem asked for.
            stem: prefix + fill(body, `${BLANK_FILL}${qualifier}`),
            options: [],
            prefix: prefix.length,
            answer: answerVariants(fact.answer.slice(0, fact.answer.length - qualifier.length)),
            secret: [fact.answer],
            score: w * (fact.answer.length > 10 ? 0.75 : 0.9),
          },
    );
  }
  if (fact.statement) {
    const foil = fact.statementFoil !== undefined ? fact.statementFoil || undefined : fact.distractors[0];
    const makeFalse =
      foil !== undefined &&
      (fact.forceFalse === true || fact.factType === "rank" || parseInt(fp.slice(-2), 16) % 2 === 0);
    if (makeFalse) {
      out.push({
        format: "truefalse",
        variant: 0,
        stem: prefix + fill(body, foil),
        options: ["正确", "错误"],
        answer: ["错误"],
        prefix: prefix.length,
        secret: [],
        score: w * 0.85,
        note: `原文为${fact.quoted ? answerShown : `“${answerShown}”`}，而非${fact.quoted ? `“${foil}”` : `“${foil}”`}。`,
      });
    } else if (fact.factType !== "rank" && !(fact.kind === "provision" && fact.factType === "duty")) {
      // A plain duty stated as it stands (…应当配合有关部门采取相关安全措施) is judged 正确 by common sense: a duty
      // is only judged with something changed in it.
      out.push({
        format: "truefalse",
        variant: 0,
        stem: prefix + fill(body, fact.answer),
        options: ["正确", "错误"],
        answer: ["正确"],
        prefix: prefix.length,
        secret: [],
        score: w * 0.8,
      });
    }
  }
  return out;
}

const LOST_CONDUCT_RE =
  /^(?:尚不构成犯罪|构成犯罪|情节(?:较重|严重|特别严重|较轻)的|对直接负责的主管人员|违反本法第[^，]{1,12}条(?:第[^，]{1,4}款)?(?:的)?规定，……|或者|并且?|以及|但是|给予警告|处(?:[^，]{0,3})[一二三四五六七八九十百千万\d])|(?:违反)?前款(?:规定)?的?[，、]?/;

/**
 * A sanction's stem without the conduct it punishes (尚不构成犯罪的，可以并处…, 违反本法第N条规定，……), one that
 * opens on a connective or a sanction (或者…, 给予警告，…, 处…罚款), or one that points at a 前款 it does not show.
 */
function lostConduct(body: string | null): boolean {
  return body !== null && LOST_CONDUCT_RE.test(body);
}

/** How many documents other than `own` contain `needle`, counted up to `enough`. */
function otherDocsWith(texts: Map<string, string>, own: string, needle: string, enough = Infinity): number {
  let n = 0;
  for (const [id, text] of texts) if (id !== own && text.includes(needle) && ++n >= enough) break;
  return n;
}

/** 深刻领悟“____”的决定性意义, 加快建设____: the formulation in its frame, stated alike by two other documents. */
function stockFrame(fact: Fact, texts: Map<string, string>): boolean {
  const at = fact.start - fact.quoteStart;
  if (at < 0 || fact.quote.slice(at, at + fact.answer.length) !== fact.answer) return false;
  const left = compact(fact.quote.slice(Math.max(0, at - 6), at)).slice(-2);
  const right = compact(fact.quote.slice(at + fact.answer.length, at + fact.answer.length + 6)).slice(0, 2);
  // 以县城为重要载体, 以先进制造业为支撑: the 以A为B frame is what examiners ask of a formulation; a positioning
  // (高质量发展这个首要任务) asks the role among its family's others.
  if (left.length < 2 || right.length < 2 || left.endsWith("以") || right.startsWith("为")) return false;
  if (fact.subject.startsWith("定位：")) return false;
  if (otherDocsWith(texts, fact.doc.id, `${left}${compact(fact.answer)}${right}`, 2) >= 2) return true;
  // 加快建设____ → 现代化产业体系: the verb and its object, said alike by three other documents. A quoted
  // slogan (新时代“枫桥经验”) is a name to learn, wherever it is said — unless its very verb comes with it
  // everywhere (共建“一带一路”): then the verb gives it away.
  if (fact.quoted && !isVerbIn(left, left)) return false;
  return otherDocsWith(texts, fact.doc.id, `${left}${compact(fact.answer)}`, 3) >= 3;
}

/**
 * Whether the answer with the two characters before it occurs in two or more other documents: the
 * corpus's own measure of boilerplate. An actor is never stock (国家网信部门 is named by several laws).
 */
function stockElsewhere(fact: Fact, texts: Map<string, string>): boolean {
  const at = fact.start - fact.quoteStart;
  const left = compact(fact.quote.slice(Math.max(0, at - 6), at)).slice(-2);
  const needle = `${left}${compact(fact.answer)}`;
  // Amounts and periods are what a sanction asks, and a law's principle is its own however many laws share it.
  if (
    left.length < 2 ||
    needle.length < 5 ||
    isActor(fact.answer) ||
    fact.factType === "principle" ||
    /^(?:坚持|遵循|贯彻)$/.test(left)
  )
    return false;
  if (/[\d零〇一二两三四五六七八九十百千万]/.test(fact.answer)) return false;
  return otherDocsWith(texts, fact.doc.id, needle, 2) >= 2;
}

/**
 * A short word most documents use (信息, 利用, 整改, 有关部门): any reader fills it, whatever the
 * law says. An actor is what examiners ask (由国务院…), however common its name.
 */
function commonWord(fact: Fact, texts: Map<string, string>): boolean {
  const word = compact(fact.answer);
  // A longer term (国家秘密, 历史记录) is a term of art even where every law uses it; 有关部门 is no actor to learn.
  if (/^有关/.test(word) ? word.length > 6 : word.length > 2 || isActor(word)) return false;
  const n = otherDocsWith(texts, fact.doc.id, word);
  return n >= 3 && n >= (texts.size - 1) * 0.4;
}

const STOCK_SANCTION_RE = /^(?:责令改正|给予警告|警告|(?:依法)?追究刑事责任|(?:依法)?给予处分|责令改正，给予警告)$/;

/**
 * Whether `text` holds a string of the answer's length that differs from it in one place: four characters or
 * more anywhere, three only as a whole item of a series (能消费、敢消费、____).
 */
function twinIn(text: string, answer: string): boolean {
  const a = answer.replace(/[“”"]/g, "");
  if (a.length < 3 || /[\d零〇一二两三四五六七八九十百千万]/.test(a)) return false;
  const t = text.replace(/[“”"]/g, "");
  const edge = (ch: string | undefined) => ch === undefined || /[、，。；：\s]/.test(ch);
  for (let i = 0; i + a.length <= t.length; i++) {
    let diff = 0;
    let at = -1;
    // 港人治港 beside 澳人治澳: one character swapped for another throughout is one difference too.
    const swaps = new Map<string, string>();
    for (let j = 0; j < a.length && diff <= 1; j++) {
      const ch = a[j] ?? "";
      const other = t[i + j] ?? "";
      if (other === ch) continue;
      if (swaps.get(ch) === other) continue;
      swaps.set(ch, other);
      diff++;
      at = j;
    }
    // “人工智能+” beside 人工智能等: the mark is the term's own, not a sibling's character.
    if (diff !== 1 || !/[\u4e00-\u9fff]/.test(a[at] ?? "")) continue;
    if (a.length >= 4 || (edge(t[i - 1]) && edge(t[i + a.length]))) return true;
  }
  return false;
}

/**
 * Whether the blank stands in a 、-series beside an item that ends as another item does (…转型、…转型、____,
 * 学习基地、理论研究基地、____): the siblings say what the blank is.
 */
function seriesItem(body: string, slot: string, answer: string): boolean {
  const at = body.indexOf(slot);
  if (at < 0) return false;
  const before = body.slice(0, at);
  const after = body.slice(at + slot.length);
  if (!before.endsWith("、") && !after.startsWith("、")) return false;
  const leftOfLeft = before.endsWith("、")
    ? (
        before
          .slice(0, -1)
          .split(/[，。；：“”"]/)
          .pop() ?? ""
      ).split("、")
    : [];
  const right = after.startsWith("、") ? (after.slice(1).split(/[，。；：、“”"]/)[0] ?? "") : "";
  // The blank's neighbour counts twice: as the item next to it and as one of the series before it.
  const left = leftOfLeft[leftOfLeft.length - 1] ?? "";
  const siblings = [left, right, ...leftOfLeft].filter((x) => x.length >= 2);
  // A word of two characters to recall before a shared ending of two (命运 of 休戚与共、荣辱与共、____) is
  // asked; one character (愿 of 能消费、敢消费、____) is any reader's guess.
  const ending = answer.slice(-2);
  if (answer.length === 4 && siblings.filter((x) => x.length === 4 && x.endsWith(ending)).length >= 2) return false;
  // 绝对忠诚、绝对可靠、____ → 绝对纯洁: items opening alike are one series, asked whole (a blank per item), and
  // its last item alone is half shown by the others.
  const opening = answer.slice(0, 2);
  // (The first item carries the words before the series: 始终做到绝对忠诚.)
  const alike = siblings.filter((x) => x.length >= 3 && x.slice(-answer.length).startsWith(opening));
  if (answer.length >= 3 && new Set(alike).size >= 2) return true;
  // Two siblings sharing their last character (…转型, …基地) are a series of one kind.
  for (let i = 0; i < siblings.length; i++)
    for (let j = i + 1; j < siblings.length; j++)
      if (siblings[i] !== siblings[j] && siblings[i]?.slice(-1) === siblings[j]?.slice(-1)) return true;
  return false;
}

/** The qualifier closing a figure's answer (20%以上 → 以上, 5%左右 → 左右), or "". */
function figureQualifier(fact: Fact): string {
  if (!fact.figure) return "";
  return /\d[^\d]*?(以上|左右|以内|以下)$/.exec(fact.answer)?.[1] ?? "";
}

/**
 * A list answer asked one blank per item, as examiners write it (网络安全信息____、____、____和____): each blank a
 * term to recall, the list's own 、/和/或者 kept between them. Null when the answer is no list of two to six
 * terms, or its items cannot be found in order (the answer is then one blank).
 */
function blankSlots(fact: Fact): { items: string[]; pattern: string } | null {
  if (fact.slots) return { items: fact.slots.items, pattern: fact.slots.pattern.split(SLOT).join(BLANK_FILL) };
  const a = fact.answer;
  if (!/[、和或及]/.test(a) || fact.quoted) return null;
  // 种子和耕地两个要害: the pair a count announces is two items.
  const counted = fact.kind === "phrase" && /^两(?:个|件|项|大)/.test(fact.subject);
  const items = fact.kind === "provision" || counted ? listItems(a) : a.split("、");
  // Parallel terms of like size (合法、正当、必要; 泄露、毁损、丢失): items of unlike size or with a 的/等 of their own
  // (网络产品、服务的提供者; 信息报告和发布机制) share a head or a modifier, and split apart they are no terms.
  const lengths = items.map((x) => x.length);
  // A series' items were cut on word boundaries already (…改革的主题、重大原则、重大举措): their sizes may differ.
  // So are a paired aim's (以促进社会公平正义、增进人民福祉为出发点和落脚点).
  const cut = fact.enumeration?.pattern === "series" || fact.subject.startsWith("以…为");
  if (
    items.length < 2 ||
    items.length > 6 ||
    items.some((x) => cjkCount(x) < 2 || x.length > 12 || /[的等]/.test(x)) ||
    (!cut && Math.max(...lengths) - Math.min(...lengths) > 1)
  )
    return null;
  // Two items joined by 和/或者 alone may share a head the first lacks (外国司法或者执法机构, 国民经济和社会发展规划):
  // they are split only when both are short words or end alike (技术侦察措施和身份保护措施).
  if (!a.includes("、") && !items.every((x) => x.length <= 2) && new Set(items.map((x) => x.slice(-1))).size > 1)
    return null;
  // 以促进____、增进____为出发点和落脚点: a paired aim's verbs stay shown, so 社会公平正义 alone is right.
  const verbs = fact.subject.startsWith("以…为") ? items.map((x) => leadingVerb(x)) : [];
  const asked =
    verbs.length > 0 && verbs.every((v) => v !== "") ? items.map((x, i) => x.slice(verbs[i]?.length)) : items;
  let pattern = "";
  let from = 0;
  for (const [i, item] of items.entries()) {
    const at = a.indexOf(item, from);
    const gap = a.slice(from, at);
    // Only list words may stand between two blanks: anything else means the split was not a list's.
    if (at < 0 || (from > 0 && !/^(?:、|，|和|与|及|以及|或者|、以及|、或者)$/.test(gap)) || (from === 0 && at !== 0))
      return null;
    pattern += `${gap}${item.slice(0, item.length - (asked[i] ?? item).length)}${BLANK_FILL}`;
    from = at + item.length;
  }
  return from === a.length ? { items: asked, pattern } : null;
}

/** Nouns every document of the genre uses, whatever it is about: sharing one says nothing of topic. */
const UBIQUITOUS_NOUN_RE = /^(?:领导|工作|发展|建设|问题|方面|全面|中国|国家|社会|人民)$/;

/** Whether `item` shares a noun of two characters or more with one of `others` (制度 in …制度体系…). */
function sharesTopic(item: string, others: readonly string[]): boolean {
  const nouns = (x: string) =>
    taggedWords(x)
      .filter((w) => w.word.length >= 2 && /^(?:n|vn)/.test(w.tag) && !UBIQUITOUS_NOUN_RE.test(w.word))
      .map((w) => w.word);
  const own = new Set(nouns(item));
  return others.some((o) => nouns(o).some((w) => own.has(w)));
}

/** A rule on whoever carries on an activity: 开展数据处理活动，应当… / 从事…业务的，不得…. */
const ACTIVITY_RULE_RE = /^(?:开展|从事|进行)[^，。；]{2,30}?(?:活动|业务)(?:的)?，?(?:应当|不得|必须|可以)/;

/** Why a candidate must not be emitted, or null when it passes. */
function gate(c: Candidate, fact: Fact, opts: OptionContext): string | null {
  if (c.stem.length > MAX_STEM) return "stem-too-long";
  // The document's own title may contain the answer (国家秘密 in 保守国家秘密法): that is no hint.
  const body = c.stem.slice(c.prefix ?? 0);
  // 特别要在…取得更大成效 goes on from the sentence before, whose subject (天津要…) the stem lacks.
  if (/^(?:特别|尤其|还|更|也)要/.test(body)) return "subjectless";
  // One blank of several shown elsewhere in the stem is given away too.
  const slotAnswers = c.format === "fill" && blankCount(c.stem) > 1 ? c.answer : [];
  // 国家秘密的密级分为____、____、____三级 → 秘密: an item inside the term the law is named after gives nothing away.
  const inTitleTerm = (at: number, s: string) =>
    fact.kind === "provision" && fact.doc.title.includes(body.slice(Math.max(0, at - 2), at + s.length));
  for (const s of [...c.secret, ...slotAnswers]) {
    const seen = s ? findAtBoundary(body, s) : [];
    if (seen.some((at) => !(slotAnswers.includes(s) && at >= 2 && inTitleTerm(at, s)))) return "answer-in-stem";
    // A formulation the cited title names (《…在“国家工程师奖”首次评选表彰之际…》) is given away by the title; a
    // law's title naming its defined term (《数据安全法》, 本法所称数据) is how every statute quiz cites it.
    if (fact.kind === "phrase" && cjkCount(s) >= 3 && c.stem.slice(0, c.prefix ?? 0).includes(s))
      return "answer-in-title";
    // “人工智能+” is not given away by 人工智能 in a 填空, but it is among four options.
    const keep = c.format === "fill" ? (t: string) => t.normalize("NFKC").replace(/[^\p{L}\p{N}+×]/gu, "") : compact;
    const k = keep(s);
    if (k.length >= 4 && keep(body).includes(k)) return "answer-in-stem";
  }
  // 超____的县市达8个: a threshold that only defines a count is no figure of the report's own.
  if (fact.kind === "target" && fact.figure) {
    const after = fact.quote.slice(fact.start - fact.quoteStart + fact.answer.length);
    if (/^的[^，。；、]{1,10}?(?:达|有|达到|超过|共)?\d/.test(after)) return "threshold";
  }
  // “港人治港”、“____” → 澳人治澳; 保密要害部门 beside 保密要害部位: a twin one character away gives it away.
  if (c.format === "fill" || c.format === "single") {
    for (const a of c.secret) if (!fact.figure && twinIn(body, a)) return "twin-in-stem";
    const slot = c.format === "fill" ? BLANK_FILL : BLANK_CHOICE;
    // 全面转型、协同转型、创新转型、____: one item of a series its siblings frame is filled from them.
    if (c.secret.some((a) => seriesItem(body, slot, a))) return "series-item";
    // 规划、建设、运行、维护 beside 同步规划、同步建设、同步运行: most of a list the stem states elsewhere.
    for (const a of c.secret) {
      const items = a.split(/、|和|及|与|或者/).filter((x) => x.length >= 2);
      if (items.length >= 3 && items.filter((x) => body.includes(x)).length * 2 >= items.length)
        return "answer-repeated";
    }
  }
  // 增强“四个意识”、坚定“四个自信”、做到“两个维护”… judged 正确: slogans every document says, nothing to get wrong.
  if (c.format === "truefalse" && c.answer[0] === "正确" && fact.kind === "phrase") {
    const quoted = [...body.matchAll(/“([^”]{2,12})”/g)].map((m) => m[1] ?? "");
    const common = (q: string) => otherDocsWith(opts.texts, fact.doc.id, q, 2) >= 2;
    if (quoted.length >= 2 && quoted.every(common)) return "stock-statement";
  }
  // A stem opening on the consequence of a condition it lost (就会新增…) says nothing to judge.
  // (A law's sanction amount keeps its own condition check below.)
  if (!(fact.kind === "provision" && fact.figure) && /^(?:\d{4}年，)?(?:就会|就能|就要|则|才能)/.test(body))
    return "no-condition";
  // A blank whose answer occurs twice in the source sentence is ambiguous about which one is meant.
  if (
    (c.format === "single" || c.format === "fill") &&
    !fact.enumeration &&
    !fact.located &&
    countAtBoundary(fact.quote, fact.answer) > 1
  ) {
    return "answer-twice-in-quote";
  }
  if (c.format === "single" || c.format === "multiple") {
    const norm = c.options.map(normalizeAnswer);
    if (new Set(norm).size !== norm.length) return "options-collide";
    const correct = c.options.filter((o) => c.answer.includes(o)).length;
    if (c.format === "single" && (c.options.length !== 4 || correct !== 1)) return "single-shape";
    if (c.format === "multiple" && (c.options.length < 4 || c.options.length > 6 || correct < 2))
      return "multiple-shape";
  }
  if (c.format === "fill" && !c.stem.includes(BLANK_FILL)) return "fill-no-blank";
  if (c.format !== "fill" && c.format !== "truefalse" && !c.stem.includes(BLANK_CHOICE)) return "choice-no-blank";
  if (/[\u0000]/.test(c.stem)) return "slot-left";
  // A 判断 needs a statement to judge, not a fragment (在“国家工程师奖”首次评选表彰之际。), nor a sanction
  // without the conduct it punishes (尚不构成犯罪的，情节较重的，可以并处…).
  if (c.format === "truefalse" && (cjkCount(body) < 18 || body.includes("……"))) return "fragment";
  // A sanction without the conduct it punishes (尚不构成犯罪的，可以并处… / 对直接负责的主管人员…处… /
  // 违反本法第二十七条规定，……) asks the amount of nothing a learner can name.
  if (fact.kind === "provision" && lostConduct(body)) return "no-conduct";
  // 先后1次, 累计1项: a count those words make plural, changed to one, is false on its face.
  if (
    c.format === "truefalse" &&
    c.answer[0] === "错误" &&
    /(?:先后|累计|分别|共)(?:1|一)(?:次|个|项|批|届)/.test(body)
  )
    return "implausible";
  // The current plan's label (“十四五”) is known to every reader of the year.
  if (fact.kind === "phrase" && c.format !== "truefalse" && /^[“"]?十[一二三四五六七八九]五[”"]?$/.test(fact.answer))
    return "stock";
  // How many delegates attended a meeting is procedure, not the meeting's content.
  if (
    fact.kind === "target" &&
    (fact.doc.kind === "news" || fact.doc.kind === "meeting") &&
    /人$/.test(fact.answer) &&
    /(?:应到|实到|出席|列席)[^。，；]{0,12}$|代表[^。，；]{0,6}$/.test(
      fact.quote.slice(0, fact.start - fact.quoteStart),
    )
  )
    return "procedural";
  // A blank inside a title (《关于…奋力书写____新篇章的意见》) asks for the wording of a title, not a fact.
  // (The decision a meeting adopted is asked by its subject: 审议通过了《中共中央关于____的决定》.)
  if (/《[^》]*(?:____|（ ）)[^《]*》/.test(body) && !fact.subject.startsWith("通过：")) return "blank-in-title";
  if (truncated(body, fact.quote, fact.passage.text)) return "truncated";
  // Stock sanctions any penalty article opens with (责令改正, 给予警告) are guessed, not known: neither blanked
  // nor judged true or false.
  if (fact.kind === "provision" && STOCK_SANCTION_RE.test(fact.answer.replace(/[。，]$/, ""))) return "stock";
  if (fact.kind === "provision" && c.format === "truefalse" && /(?:责令改正|给予警告)。$/.test(body)) return "stock";
  if (fact.kind === "provision" && (c.format === "fill" || c.format === "single") && !fact.enumeration) {
    const kind =
      fact.figure || fact.factType === "figure" || fact.factType === "rank" || fact.factType === "tuple"
        ? "figure"
        : fact.factType === "date"
          ? "date"
          : fact.answer.includes("、") || fact.factType === "list"
            ? "list"
            : "other";
    const unfair = unfairStatuteBlank(fact.answer, body, {
      format: c.format,
      lawTitle: fact.doc.title,
      lawText: opts.texts.get(fact.doc.id) ?? "",
      kind,
      quote: fact.quote,
      at: fact.start - fact.quoteStart,
      headings: fact.passage.path.filter((h) => !/^第[一二三四五六七八九十百零]+条/.test(h)),
    });
    if (unfair) return unfair;
    // Wording other documents put in the same place (给予表彰和奖励, 不得压制和打击报复) is the statutes'
    // common stock, known without this one.
    if ((kind === "other" || kind === "list") && stockElsewhere(fact, opts.texts)) return "stock";
    if (kind === "other" && commonWord(fact, opts.texts)) return "common-word";
    if (c.format === "single" && !fact.figure && kind === "other" && mixedOptionKinds(fact.answer, c.options))
      return "option-kinds";
  }
  if (fact.kind === "phrase" && c.format !== "truefalse" && !fact.enumeration && stockFrame(fact, opts.texts)) {
    return "stock-frame";
  }
  // A law's stem that opens at 由… lost the condition its sanction depends on.
  if (fact.kind === "provision" && /^由/.test(body)) return "no-condition";
  // …第二十七条，应当自形成之日起满____ / 开展网络安全____评估等活动: a rule without whom it binds.
  // 开展数据处理活动，应当…: a rule on whoever carries on an activity names them by the activity.
  if (fact.kind === "provision" && SUBJECTLESS_RULE_OPENING.test(body) && !ACTIVITY_RULE_RE.test(body))
    return "no-subject";
  // …有下列行为之一的 without the items: the stem points at a list it does not show.
  // A sanction's amount then says nothing of the offence it punishes; who imposes it stays clear.
  const pointsAtList = /下列/.test(body) && !/下列[^：:。]*[：:](?!……)[^。]/.test(body);
  if (
    fact.kind === "provision" &&
    !fact.enumeration &&
    (/[：:]。?$/.test(body) || (pointsAtList && fact.factType !== "authority"))
  )
    return "unlisted";
  // Options that are the key reordered or with another connective (单位或者个人 for 单位和个人) are also right.
  if (c.format === "single" && new Set(c.options.map(itemSetKey)).size !== c.options.length)
    return "options-equivalent";
  // An answer whose words the stem repeats (支持____，鼓励数据开发利用… → 数据开发利用…) is given away.
  // (Where the extractor laid out the blanks, the words it shows around them are no echo: the items are asked.)
  const asked = fact.slots?.items ?? [fact.answer];
  if ((c.format === "fill" || c.format === "single") && !fact.enumeration && asked.some((a) => echoes(a, body)))
    return "answer-echo";
  // 国家卓越工程师 in the stem, 国家卓越工程师团队 the key: the key only adds its last word to what the stem shows.
  if ((c.format === "fill" || c.format === "single") && fact.kind !== "provision" && !fact.enumeration) {
    const head = compact(fact.answer).slice(0, -2);
    if (cjkCount(head) >= 4 && compact(body.replace(/____|（ ）/g, "|")).includes(head)) return "answer-echo";
  }
  // A stem whose statement lost its subject (根据…，是中国社会…的历史结果) cannot be judged.
  const own = body.replace(/^(?:\d{4}年，)/, "");
  if (
    /^(?:是|也是|就是|都是|即|为此|对此|这是|这|高于|低于|增长|下降|占(?=[全总\d])|居(?=[全世中首前第])|比上年|同比|分别|他|她|他们|她们|当地|同(?=[^比时步等样])|并且|而且)/.test(
      own,
    )
  )
    return "no-subject";
  if (lostSubject(own, fact.quote)) return "no-subject";
  return null;
}

/**
 * A stem whose subject stayed in the part of the sentence the reduction dropped: a clause of parallel
 * predicates (…深刻回答了…；深刻回答了…) whose subject opens the first one, or a predicate that opens
 * with an adverb or a bare verb (有效降低…, 完成投资…) after a dropped lead.
 */
function lostSubject(own: string, quote: string): boolean {
  const head = own.slice(0, 4);
  if (!/^[\u4e00-\u9fff]{4}$/.test(head)) return false;
  // A stem that opens with the article's topic sentence (not part of the quote) kept everything before the blank.
  if (!quote.includes(own.slice(0, 8))) return false;
  const first = quote.indexOf(head);
  if (first <= 0) return false;
  // The kept text repeats a predicate the sentence states more than once, and the subject that opens
  // the first one (这一重要思想深刻回答了…) is not kept.
  if (quote.indexOf(head, first + 1) >= 0 && /[\u4e00-\u9fff]/.test(quote[first - 1] ?? "")) return true;
  return /^(?:有效(?:降低|提升|提高|缓解|解决)|完成投资|占比|分别|累计|先后|相继)/.test(own);
}

/**
 * A stem cut before its main verb: the last kept clause is an adverbial that the source sentence
 * goes on to complete (…以永远在路上的坚韧和执着。/ …让我们能够在更广阔的文化空间中。).
 */
function truncated(body: string, quote: string, passage = ""): boolean {
  const text = body.replace(/。$/, "");
  const lastRaw = text.split(/[，；：。]/).pop() ?? "";
  // A clause that ends in the blank is completed by the answer (…工作的____, a figure's …稳定在____以上).
  if (/(?:____|（ ）)(?:以上|左右|以内|以下)?”?$/.test(lastRaw)) return false;
  const last = lastRaw.replace(/____|（ ）/g, "");
  if (!last) return false;
  const tail = compact(last).slice(-4);
  if (tail && compact(quote).endsWith(tail)) return false;
  // A stem that keeps the whole paragraph ends where a sentence of the passage ends.
  if (last.length >= 4 && (passage.includes(`${last}。`) || passage.includes(`${last}；`))) return false;
  // 以____为牵引 is a whole frame, not an adverbial waiting for its verb.
  if (/^以.{0,20}为[\u4e00-\u9fff]{2,8}$/.test(last) && /(?:____|（ ）)/.test(lastRaw)) return false;
  // A closing reservation (依照其规定, 依法不予公开的除外) completes its sentence.
  if (/(?:规定|除外|为准|执行|处理|办理)$/.test(last)) return false;
  return (
    /^(?:以|为了|通过|围绕|按照|依照|根据|面对|随着|立足|着眼|借助|依托|本着)/.test(last) ||
    (/[在于从]/.test(last) && /(?:中|之中|之际|方面|基础上|过程中|上|里)$/.test(last)) ||
    /的$/.test(last)
  );
}

/**
 * A report's or a news item's figure that is neither a headline indicator nor a stated target (weights: extract.ts):
 * 处置闲置土地1.2万亩, 先后3次修订, 重点做好10个方面工作. In news the event's own count stays: how many it honours
 * (授予81名个人…称号) and one of how many a place is (全国13个粮食主产省之一).
 */
function minorFigure(f: Fact): boolean {
  if (f.kind !== "target" || f.factType !== "figure" || f.doc.kind === "law" || f.weight >= MINOR_FIGURE_WEIGHT)
    return false;
  if (f.doc.kind === "work-report") return true;
  const at = f.start - f.quoteStart;
  const before = f.quote.slice(0, Math.max(0, at));
  const after = f.quote.slice(at + f.answer.length);
  return !(/授予$/.test(before) || /^[^，。；]{0,12}之一/.test(after));
}

function mergeKey(f: Fact): string {
  // A stated figure is identified by what it measures, not by the sentence around it: a news summary
  // and the report it summarizes state the same target in different words.
  if (f.kind === "target" && f.factType === "figure" && cjkCount(f.subject) >= 4) {
    return [
      f.kind,
      f.factType,
      f.status ?? "",
      f.doc.region ?? "",
      documentYear(f.doc) ?? "",
      compact(f.subject),
      compact(f.answer),
    ].join("|");
  }
  // A list is the same list wherever it is quoted, whatever the sentence that introduces it.
  if (f.factType === "enumeration" && f.kind !== "provision") {
    return [f.kind, f.factType, f.doc.region ?? "", documentYear(f.doc) ?? "", compact(f.answer)].join("|");
  }
  // A law's provision belongs to that law: two laws may share a sentence (本法自…起施行) but not a fact.
  if (f.kind === "provision")
    return [f.kind, f.factType, compact(f.doc.title), compact(f.quote), compact(f.answer)].join("|");
  // A positioning (高质量发展 → 首要任务), or a run of formulations (增强“四个意识”、坚定“四个自信”…), is one fact
  // however often and wherever it is restated.
  if (f.kind === "phrase" && (f.subject.startsWith("定位：") || f.subject.startsWith("提法并举：")))
    return [f.kind, f.factType, compact(f.subject)].join("|");
  // The same sentence reprinted by another outlet is the same fact, even when one copy lacks a date.
  if (f.kind === "phrase") return [f.kind, f.factType, compact(f.quote), compact(f.answer)].join("|");
  return [
    f.kind,
    f.factType,
    f.doc.region ?? "",
    documentYear(f.doc) ?? "",
    compact(f.subject),
    compact(f.quote),
    compact(f.answer),
  ].join("|");
}

function emptyStats(): BankStats {
  return {
    documents: 0,
    passages: 0,
    knowledgePoints: 0,
    questions: 0,
    byKind: { phrase: 0, target: 0, provision: 0 },
    byFormat: { single: 0, multiple: 0, truefalse: 0, fill: 0 },
    byKindFormat: {},
    dropped: {},
  };
}

export function generateBank(documents: readonly InputDocument[]): Bank {
  const stats = emptyStats();
  const docs = [...documents].sort(
    (a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const index = buildCorpusIndex(docs);
  const optionContext: OptionContext = {
    corpus: flat([...index.docText.values()].join("\n")),
    places: new Map(),
    texts: new Map([...index.docText].map(([id, text]) => [id, compact(text)])),
  };
  stats.documents = docs.length;

  // Extract and merge: the same fact in two places is one knowledge point with several sources.
  const groups = new Map<string, { fact: Fact; sources: { document: string; passage: string }[] }>();
  const order: string[] = [];
  const extracted: Fact[] = [];
  for (const doc of docs) {
    stats.passages += doc.passages.filter((p) => isContentPassage(p)).length;
    extracted.push(...extractDocument(doc, index));
  }
  attachOrdinalFoils(extracted);
  attachParallelFoils(extracted, (id) => index.docText.get(id) ?? "");
  attachSeriesFoils(extracted, (id) => index.docText.get(id) ?? "");
  attachHorizonFoils(extracted, index.docText.values());
  attachForeignItems(
    extracted.filter(
      (f) =>
        f.kind === "phrase" &&
        !f.ordinal &&
        f.enumeration?.pattern !== "parallel" &&
        f.enumeration?.pattern !== "series",
    ),
  );
  {
    for (const fact of extracted) {
      const key = mergeKey(fact);
      const g = groups.get(key);
      const src = { document: fact.doc.id, passage: fact.passage.id };
      if (g) {
        if (!g.sources.some((s) => s.document === src.document && s.passage === src.passage)) g.sources.push(src);
        continue;
      }
      groups.set(key, { fact, sources: [src] });
      order.push(key);
    }
  }

  // Best facts of each passage first; the cap keeps long passages from flooding the bank.
  const byPassage = new Map<string, string[]>();
  for (const key of order) {
    const g = groups.get(key);
    if (!g) continue;
    const list = byPassage.get(g.fact.passage.id) ?? [];
    list.push(key);
    byPassage.set(g.fact.passage.id, list);
  }

  // The numeric facts of one passage take different places among their options (the three amounts
  // of an article are not all keyed second smallest): sorted by fingerprint, they take consecutive
  // places from a start drawn from their fingerprints. A passage with one such fact draws its place
  // from its fingerprint alone; an edit elsewhere changes none of them.
  for (const [, keys] of byPassage) {
    const fps = keys
      .map((k) => groups.get(k)?.fact)
      .filter(
        (f): f is Fact =>
          f !== undefined &&
          f.kind !== "phrase" &&
          (f.figure !== undefined || f.factType === "figure" || f.factType === "date") &&
          // Facts the gate refuses take no place: the places of those asked stay spread.
          !(f.kind === "provision" && lostConduct(f.body)),
      )
      .map(fingerprintOf)
      .sort();
    const start = fps.length ? foilsBelow(sha256(fps.join("|"))) : 0;
    fps.forEach((fp, i) => optionContext.places.set(fp, (start + i) % 4));
  }

  const knowledgePoints: KnowledgePoint[] = [];
  const questions: Question[] = [];
  const seenStems = new Set<string>();
  const stemAnswers = new Map<string, string>();
  const perFormulation = new Map<string, number>();
  const drop = (why: string) => {
    stats.dropped[why] = (stats.dropped[why] ?? 0) + 1;
  };

  for (const [, keys] of byPassage) {
    const ranked = keys
      .map((k) => groups.get(k))
      .filter((g): g is NonNullable<typeof g> => g !== undefined)
      .sort((a, b) => b.fact.weight - a.fact.weight || a.fact.start - b.fact.start);
    let points = 0;
    let asked = 0;
    let lists = 0;
    for (const g of ranked) {
      // Stated targets and laws' key figures are exempt: a target list is bounded by itself.
      const essential =
        (g.fact.weight >= 0.95 && g.fact.kind !== "phrase") || (g.fact.kind === "target" && g.fact.weight >= 0.85);
      // A list found in running text is asked on top of the passage's other facts, one per passage:
      // it takes no blank or statement away, and a paragraph of lists does not become a page of 多选.
      // A series with no wrong options is a fill-in like any blank: it counts among the passage's other facts.
      const extraList =
        g.fact.enumeration?.pattern === "parallel" ||
        (g.fact.enumeration?.pattern === "series" && g.fact.enumeration.foreign.length > 0);
      const article = g.fact.kind === "provision";
      const maxPoints = article ? MAX_POINTS_PER_ARTICLE : MAX_POINTS_PER_PASSAGE;
      const maxAsked = article ? MAX_QUESTIONS_PER_ARTICLE : MAX_QUESTIONS_PER_PASSAGE;
      if (extraList ? lists >= MAX_LISTS_PER_PASSAGE : !essential && (points >= maxPoints || asked >= maxAsked)) {
        drop("passage-cap");
        continue;
      }
      const f = g.fact;
      // A glossary or annex (附件, 名词解释) explains terms: its figures are no year's results or targets.
      if (f.kind === "target" && f.factType === "figure" && f.passage.path.some((h) => /^附件|名词解释/.test(h))) {
        drop("annex-figure");
        continue;
      }
      // A report's lesser figures (below the headline indicators and the stated targets: 处置闲置土地1.2万亩,
      // 跨境人民币收付2584.2亿元) are colour, not knowledge: examiners refuse them as trivia, to recall or to pick.
      if (minorFigure(f)) {
        drop("minor-figure");
        continue;
      }
      // Counted per region: a city's meeting taking up a slogan is its own fact for its learners.
      const formulationKey = `${f.answer}|${f.doc.region ?? ""}`;
      // A law's principle (坚持总体国家安全观) is that law's own provision, however many laws share it.
      const capped = (f.factType === "formulation" || f.factType === "concept") && f.kind !== "provision";
      if (capped && (perFormulation.get(formulationKey) ?? 0) >= MAX_POINTS_PER_FORMULATION) {
        drop("formulation-cap");
        continue;
      }
      const fingerprint = fingerprintOf(f);
      const kpId = `kp_${fingerprint.slice(0, 20)}`;
      const emitted: Question[] = [];
      for (const c of candidatesFor(f, fingerprint, optionContext)) {
        const why = gate(c, f, optionContext);
        if (why) {
          drop(why);
          continue;
        }
        const dupKey = `${c.format}|${normalizeAnswer(c.stem)}|${c.answer.map(normalizeAnswer).sort().join("|")}`;
        if (seenStems.has(dupKey)) {
          drop("duplicate");
          continue;
        }
        seenStems.add(dupKey);
        // One stem, one key: the same words asking for two different answers cannot both be right.
        if (c.format !== "truefalse") {
          // Blanks stay in the key: a fill-in (____) and a choice (（ ）) on one sentence are different stems.
          const stemKey = c.stem.normalize("NFKC").replace(/\s+/g, "");
          const key = c.answer.map(normalizeAnswer).sort().join("|");
          const prior = stemAnswers.get(stemKey);
          if (prior !== undefined && prior !== key) {
            drop("conflicting-stem");
            continue;
          }
          stemAnswers.set(stemKey, key);
        }
        const answerNote =
          c.format === "truefalse"
            ? (c.note ?? "")
            : `答案：${c.format === "multiple" || (c.format === "fill" && blankCount(c.stem) > 1) ? c.answer.join("；") : (c.answer[0] ?? "")}。`;
        emitted.push({
          id: `q_${fingerprint.slice(0, 20)}_${c.format}_${c.variant}`,
          knowledgePoint: kpId,
          kind: f.kind,
          format: c.format,
          variant: c.variant,
          stem: c.stem,
          options: c.format === "fill" ? [] : c.options,
          answer: c.answer,
          explanation: explanation(f, answerNote),
          source: {
            document: f.doc.id,
            documentTitle: documentLabel(f.doc),
            passage: f.passage.id,
            path: f.passage.path,
            quote: f.quote,
          },
          score: Math.max(0, Math.min(1, Number(c.score.toFixed(3)))),
          generatorVersion: GENERATOR_VERSION,
        });
      }
      if (emitted.length === 0) continue;
      if (capped) perFormulation.set(formulationKey, (perFormulation.get(formulationKey) ?? 0) + 1);
      if (extraList) lists++;
      else {
        points++;
        asked += emitted.length;
      }
      questions.push(...emitted);
      const year = documentYear(f.doc);
      knowledgePoints.push({
        id: kpId,
        fingerprint,
        kind: f.kind,
        factType: f.factType,
        quote: f.quote,
        answer: f.answer,
        items: f.enumeration?.correct ?? [],
        subject: f.subject,
        ...(f.figure ? { figure: f.figure } : {}),
        ...(f.status ? { status: f.status } : {}),
        document: f.doc.id,
        passage: f.passage.id,
        start: f.start,
        end: f.end,
        quoteStart: f.quoteStart,
        scope: {
          region: f.doc.region,
          year:
            f.status === "result" &&
            year !== null &&
            f.doc.kind === "work-report" &&
            reportPeriod(f.doc, f.passage) !== "plan" &&
            reportPeriod(f.doc, f.passage) !== null
              ? year - 1
              : year,
        },
        path: f.passage.path,
        sources: g.sources,
      });
    }
  }

  knowledgePoints.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  questions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  stats.knowledgePoints = knowledgePoints.length;
  stats.questions = questions.length;
  for (const q of questions) {
    stats.byKind[q.kind as KnowledgeKind]++;
    stats.byFormat[q.format]++;
    const k = `${q.kind}/${q.format}`;
    stats.byKindFormat[k] = (stats.byKindFormat[k] ?? 0) + 1;
  }
  return { generatorVersion: GENERATOR_VERSION, knowledgePoints, questions, stats };
}
