/**
 * Small character-level helpers shared by the content pipeline.
 * Everything here is pure and allocation-light: it runs on every line of every imported file.
 */
import { createHash } from "node:crypto";

/** CJK unified ideographs (incl. extension A and compatibility) plus 〇. */
export const CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3007";
export const CJK_RE = new RegExp(`[${CJK}]`);
const CJK_GLOBAL_RE = new RegExp(`[${CJK}]`, "g");

export function isCjkChar(ch: string | undefined): boolean {
  return ch !== undefined && CJK_RE.test(ch);
}

export function countCjk(s: string): number {
  return s.match(CJK_GLOBAL_RE)?.length ?? 0;
}

/** Chinese numerals as used in headings and article numbers (第二十三条, （十三）, 二〇二四). */
export const CN_NUM = "零〇一二三四五六七八九十百千两";

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 二十三 → 23, 一百零五 → 105, 十 → 10. Returns null for anything that is not a Chinese numeral. */
export function parseCnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || !/^[零〇一二三四五六七八九十百千两]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d !== undefined) {
      current = d;
    } else {
      const unit = ch === "十" ? 10 : ch === "百" ? 100 : 1000;
      total += (current || 1) * unit;
      current = 0;
    }
  }
  return total + current;
}

/** Ending punctuation after which a line is a complete paragraph (a page break cannot be inside). */
export const TERMINAL_RE = /[。！？；：”’）」』】…!?;:)]$/;

/** Sentence-internal punctuation: its presence marks a line as running text rather than a headline. */
export const SENTENCE_PUNCT_RE = /[，。；！？,;!?]/;

/** sha256 hex of a UTF-8 string. */
export function sha256(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

export function shortHash(s: string, length = 10): string {
  return sha256(s).slice(0, length);
}

/**
 * The text a duplicate detector compares: punctuation, symbols and whitespace removed, so that
 * "增长 6% 以上" and "增长6%以上，" — or a paragraph with ASCII commas and one with full-width ones — match.
 */
export function hashableText(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, "");
}

export function textHash(s: string): string {
  return sha256(hashableText(s));
}
