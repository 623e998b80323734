/**
 * Text helpers of the question generator: numerals, answer normalization, clause splitting,
 * hashing and a seeded PRNG. Everything is pure so that generation is deterministic.
 */
import { createHash } from "node:crypto";

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿";

/**
 * 三十 → 30, 一百零五 → 105, 二〇二四 → 2024 (digit by digit when there is no unit), 一千二百万 → 12000000.
 * Returns null for anything that is not a Chinese numeral.
 */
export function parseChineseNumber(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十百千万亿]+$/.test(s)) return null;
  if (!/[零〇一二两三四五六七八九十]/.test(s)) return null;
  if (/^[零〇一二两三四五六七八九]{2,}$/.test(s)) {
    return Number([...s].map((c) => CN_DIGITS[c]).join(""));
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const small = CN_SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit || 1) * small;
      digit = 0;
      continue;
    }
    const big = CN_BIG_UNITS[ch];
    if (big !== undefined) {
      total = (total + section + digit) * big;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

const CN_NAMES = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 30 → 三十, 15 → 十五, 105 → 一百零五 (integers below 10000; law periods, counts). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return String(n);
  if (n < 10) return CN_NAMES[n] ?? String(n);
  const parts: string[] = [];
  const units = ["千", "百", "十", ""];
  const digits = String(n).padStart(4, "0").split("").map(Number);
  let zero = false;
  let started = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (started) zero = true;
      return;
    }
    if (zero) parts.push("零");
    zero = false;
    started = true;
    const unit = units[i] ?? "";
    // 十五 rather than 一十五 when the number starts at the tens.
    if (!(d === 1 && unit === "十" && parts.length === 0)) parts.push(CN_NAMES[d] ?? "");
    parts.push(unit);
  });
  return parts.join("");
}

/**
 * The form two answers are compared in: full/half width folded, spaces and punctuation removed,
 * Chinese numerals turned into Arabic (三十年 ≡ 30年, 百分之五 ≡ 5%), Latin letters lower-cased.
 * The learner side reuses it to check fill-in answers.
 */
export function normalizeAnswer(s: string): string {
  let t = s.normalize("NFKC").toLowerCase();
  t = t.replace(/百分之([零〇一二两三四五六七八九十百点.\d]+)/g, (_, n: string) => {
    const [intPart = "", frac] = n.split(/[点.]/);
    const v = /^\d+$/.test(intPart) ? Number(intPart) : parseChineseNumber(intPart);
    if (v === null) return `百分之${n}`;
    return frac !== undefined
      ? `${v}.${frac.replace(/[零〇一二三四五六七八九]/g, (c) => String(CN_DIGITS[c] ?? c))}%`
      : `${v}%`;
  });
  t = t.replace(/[零〇一二两三四五六七八九十百千万亿]+/g, (run) => {
    const v = parseChineseNumber(run);
    return v === null ? run : String(v);
  });
  return t.replace(/[\s\p{P}\p{S}]/gu, (c) => (c === "%" || c === "+" || c === "×" ? c : ""));
}

/** Accepted spellings of an answer: as written, and with Chinese/Arabic numerals swapped. */
export function answerVariants(answer: string): string[] {
  const out = new Set<string>([answer]);
  const arabic = answer.replace(/[零〇一二两三四五六七八九十百千]+(?=[年月日天个倍元万人项条级次周])/g, (run) => {
    const v = parseChineseNumber(run);
    return v === null ? run : String(v);
  });
  out.add(arabic);
  const chinese = answer
    .replace(/(?<![\d.])\d{1,3}(?![\d.%])(?=[年天个倍项条级次周])/g, (d) => toChineseNumber(Number(d)))
    // 两个, not 二个, before a measure word (but 第二个 stays an ordinal).
    .replace(/(?<![一二三四五六七八九十百千第])二(?=个)/g, "两");
  out.add(chinese);
  // A year is often typed without 年 (2035 for 二〇三五年).
  const year = /^(\d{4})年$/.exec(arabic);
  if (year) out.add(year[1] ?? "");
  // A date is often typed the short way (1987.9.5 for 1987年9月5日).
  const date = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(answer);
  if (date) out.add(`${date[1]}.${Number(date[2])}.${Number(date[3])}`);
  // 本世纪中叶 is the 21st century's middle, written either way…
  if (/^(?:本|二十一|21)世纪中叶$/.test(answer))
    // …and the plans that name it mean 2050.
    for (const x of ["本世纪中叶", "21世纪中叶", "二十一世纪中叶", "2050年", "2050"]) out.add(x);
  return [...out];
}

export function sha256(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

/** Text compared for duplicates: punctuation, symbols and whitespace removed. */
export function compact(s: string): string {
  return s.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");
}

export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Sentences of a passage with offsets, split after 。！？ (and after a closing quote that follows them). */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const re = /[。！？!?]+[”’」』）)]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    pushTrimmed(out, text, start, end);
    start = end;
  }
  pushTrimmed(out, text, start, text.length);
  return out;
}

function pushTrimmed(out: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  if (end > start) out.push({ text: text.slice(start, end), start, end });
}

/**
 * Clauses of a sentence, split at ，；：,; outside quotes, book-title marks and parentheses.
 * Offsets are relative to the sentence; `sep` is the punctuation that ended the clause.
 */
export interface Clause extends Span {
  sep: string;
}

export function clauses(sentence: string): Clause[] {
  const out: Clause[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence[i] ?? "";
    if ("“《（(「‘".includes(c)) depth++;
    else if ("”》）)」’".includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && "，；：,;:".includes(c)) {
      out.push({ text: sentence.slice(start, i), start, end: i, sep: c });
      start = i + 1;
    }
  }
  const tail = sentence.slice(start).replace(/[。！？!?]+$/, "");
  if (tail) out.push({ text: tail, start, end: start + tail.length, sep: "" });
  return out;
}

const REPORTING_VERB = "(?:强调|指出|提出|认为|要求|表示)";
const REPORTING_CLAUSE_RE = new RegExp(`^(?:会议|全会|大会|他|她)?${REPORTING_VERB}$`);
const ENDS_REPORTING_RE = new RegExp(`${REPORTING_VERB}$`);
const MODAL_OPENING_RE = /^(?:必须|要|就要|应当)/;
const INLINE_TOPIC_RE = /^([\u4e00-\u9fff、]{4,16}?)(?:必须|要|就要)/;

/** A clause that only says who speaks (全会强调, 会议要求): it names no topic. */
export function isReportingClause(text: string): boolean {
  return REPORTING_CLAUSE_RE.test(text);
}

/**
 * What a long sentence is about, for a clause cut from it at `from`: the clause before its 必须/要
 * (进一步全面深化改革，必须坚持…), or the words a clause opens on before its 要 (进一步全面深化改革要总结…).
 * "" when there is none, or it only says who speaks.
 */
export function topicBefore(cls: readonly Clause[], from: number): string {
  const modal = cls.findIndex((x) => MODAL_OPENING_RE.test(x.text));
  const topic =
    modal > 0 && (cls[modal]?.start ?? 0) < from
      ? (cls[modal - 1]?.text ?? "")
      : (cls
          .filter((x) => x.end <= from)
          .map((x) => INLINE_TOPIC_RE.exec(x.text)?.[1] ?? "")
          .find((t) => t !== "") ?? "");
  return cjkCount(topic) >= 4 && !ENDS_REPORTING_RE.test(topic) ? topic : "";
}

/** Occurrences of `needle` in `hay` that are not glued to other digits (6% is not inside 4.6%). */
export function findAtBoundary(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  const numericStart = /^[\d.]/.test(needle);
  const numericEnd = /[\d.]$/.test(needle);
  // 十年 is not inside 三十年: a Chinese numeral must not be glued to another numeral either.
  const cnStart = /^[零〇一二两三四五六七八九十百千]/.test(needle);
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1] ?? "";
    const after = hay[i + needle.length] ?? "";
    if (numericStart && /[\d.]/.test(before)) continue;
    if (cnStart && /[零〇一二两三四五六七八九十百千万]/.test(before)) continue;
    if (numericEnd && /\d/.test(after)) continue;
    if (numericEnd && after === "." && /\d/.test(hay[i + needle.length + 1] ?? "")) continue;
    out.push(i);
  }
  return out;
}

export function countAtBoundary(hay: string, needle: string): number {
  return findAtBoundary(hay, needle).length;
}

/** mulberry32: small, fast, seedable; enough for reproducible sampling and option shuffles. */
export function prng(seed: number | string): () => number {
  let a = typeof seed === "number" ? seed >>> 0 : parseInt(sha256(seed).slice(0, 8), 16);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic shuffle keyed by a string, so option order is stable across runs. */
export function seededShuffle<T>(items: readonly T[], key: string): T[] {
  const rand = prng(key);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** Character-bigram Jaccard similarity, used to keep near-duplicate items apart. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = compact(s);
    const set = new Set<string>();
    for (let i = 0; i < t.length - 1; i++) set.add(t.slice(i, i + 2));
    return set;
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.size === 0 || gb.size === 0) return a === b ? 1 : 0;
  let inter = 0;
  for (const g of ga) if (gb.has(g)) inter++;
  return inter / (ga.size + gb.size - inter);
}

export const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/;

export function cjkCount(s: string): number {
  return s.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
}

/** Whether a phrase's Chinese quotation marks pair up (“ as often as ”): a cut through a quote does not. */
export function balancedQuotes(x: string): boolean {
  return (x.match(/“/g)?.length ?? 0) === (x.match(/”/g)?.length ?? 0);
}

/**
 * Whether a stem repeats six characters running of a long answer outside its blank (支持____，鼓励数据开发利用和
 * 数据安全… for 数据开发利用和数据安全技术研究): the stem gives the answer away.
 */
export function echoes(answer: string, body: string): boolean {
  const a = compact(answer);
  if (a.length < 10) return false;
  const rest = compact(body.replace(/____|（ ）|\u0000/g, "|"));
  // Figures and dates share digits with their neighbours (2017年6月28日 beside 2017年6月27日): words only.
  for (let i = 0; i + 6 <= a.length; i++) {
    const w = a.slice(i, i + 6);
    if (!/[\d零〇一二两三四五六七八九十百千万]/.test(w) && rest.includes(w)) return true;
  }
  return false;
}

/** The ending all items share (核心密码、普通密码 → 密码), or "" when there is none. */
export function commonTail(items: string[]): string {
  const first = items[0] ?? "";
  let n = 0;
  while (n < first.length && items.every((x) => x.length > n && x[x.length - 1 - n] === first[first.length - 1 - n]))
    n++;
  return first.slice(first.length - n);
}
