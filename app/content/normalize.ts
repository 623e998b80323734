/**
 * Text → normalized paragraphs, each mapped back to its 1-based source line range.
 *
 * The source files are web pages, PDFs and word-processor exports pasted into text: pinyin after
 * characters, Traditional script, ASCII punctuation, spaces around numbers, sentences cut at page
 * breaks (sometimes with the seam character printed twice), tables of contents, covers, share
 * buttons, photo credits. Everything here is a general rule over such artefacts; the raw text is kept
 * alongside so that a citation can always show what the source really says.
 */
import * as OpenCC from "opencc-js";
import {
  classifyLine,
  OPENING_KINDS,
  SELF_CONTAINED_KINDS,
  type LineKind,
} from "./patterns";
import { CJK, CJK_RE, countCjk, isCjkChar, SENTENCE_PUNCT_RE, TERMINAL_RE } from "./text";

export type DropReason =
  | "toc"
  | "cover"
  | "page-number"
  | "running-header"
  | "share-footer"
  | "photo-credit"
  | "url"
  | "non-chinese"
  | "rule";

export interface Paragraph {
  /** Normalized text of the paragraph (page-break pieces joined). */
  text: string;
  /** 1-based source line numbers, inclusive. */
  startLine: number;
  endLine: number;
  kind: LineKind;
  /** Markdown heading level (`#` count) if the source line was a markdown heading. */
  mdHeading?: number;
  /** Suspicious content the question generator should not trust. */
  flags?: string[];
}

export interface Join {
  line: number;
  nextLine: number;
  /** The character removed because it was printed on both sides of the page break. */
  removedDuplicate?: string;
}

export interface NormalizeResult {
  paragraphs: Paragraph[];
  /** The raw source lines (index 0 = line 1), for raw text and citations. */
  rawLines: string[];
  dropped: { line: number; text: string; reason: DropReason }[];
  joins: Join[];
  traditional: boolean;
  /** Titles listed in a table of contents (page numbers stripped), used to repair titles. */
  toc: string[];
  /** Cover lines before a table of contents (e.g. an issue number that tells the year). */
  cover: string[];
}

// ---------------------------------------------------------------------------------------------
// Traditional → Simplified

/**
 * Characters that exist only in Traditional script and are frequent in official prose. Counting them
 * is enough to tell a Traditional document from a Simplified one that quotes a name or two.
 */
const TRADITIONAL_ONLY = new Set(
  "們這個來時會國說對發學與為關點動業實進長開問經體現過還麼當從後將應區種設無義機書車東見視氣電話讓認門頭題記傳統總務產連線權選導團陽聯響買賣歲條術級織際絕綜協議師隊幹盡錄麗歷觀黨領貫徹習歡華錢濟構護質層廣優勢標準鄉鎮縣財農辦論數據網絡環熱帶戰營態藝強軍衛聖紀萬億創議專勞稱縮擴雙費識",
);

let converter: ((s: string) => string) | null = null;
function toSimplified(s: string): string {
  converter ??= OpenCC.Converter({ from: "hk", to: "cn" });
  return converter(s);
}

export function looksTraditional(text: string): boolean {
  let hits = 0;
  for (const ch of text) if (TRADITIONAL_ONLY.has(ch)) hits++;
  if (hits < 3) return false;
  return hits / Math.max(1, countCjk(text)) > 0.02;
}

// ---------------------------------------------------------------------------------------------
// Per-line cleaning

const TONE_VOWEL = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
/** `長(cháng)`, `會(huì )`, `長（cháng）`: a tone-marked syllable in parentheses right after a character. */
const PINYIN_RE = new RegExp(
  `([${CJK}])[(（]\\s?([a-zü]{0,6}[${TONE_VOWEL}][a-zü${TONE_VOWEL}]{0,5})\\s?[)）]`,
  "g",
);
const URL_RE_SPACED = /\s*(?:https?:\/\/|www\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+\s*/g;
const CJK_SPACE_DIGIT_RE = new RegExp(`([${CJK}])[ ]+(?=[0-9])`, "g");
const DIGIT_SPACE_CJK_RE = new RegExp(`([0-9%])[ ]+(?=[${CJK}%])`, "g");
const CJK_SPACE_SHORT_LATIN_RE = new RegExp(`([${CJK}])[ ]+(?=[A-Za-z]{1,4}(?![A-Za-z]))`, "g");
const SHORT_LATIN_SPACE_CJK_RE = new RegExp(`((?:^|[^A-Za-z])[0-9A-Za-z]{0,3}[A-Za-z])[ ]+(?=[${CJK}])`, "g");
const SPACE_AROUND_FW_PUNCT_RE = /[ ]+(?=[，。；：！？、）」』”’》】])|(?<=[（「『“‘《【，。；：！？、])[ ]+/g;
const AND_RE = new RegExp(`([${CJK}])\\s+and\\s+(?=[${CJK}])`, "g");
const ASCII_QUOTES_RE = /"([^"\n]*)"/g;
const PAREN_RE = /\(([^()]*)\)/g;

function toHalfWidthAlnum(s: string): string {
  return s
    .replace(/[０-９Ａ-Ｚａ-ｚ％＋]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/(\d)．(?=\d)/g, "$1.");
}

/** ASCII punctuation inside Chinese text → full-width, but not inside numbers (1,000) or times (10:30). */
function fullWidthPunct(s: string): string {
  s = s.replace(PAREN_RE, (m, inner: string, offset: number, whole: string) =>
    CJK_RE.test(inner) || isCjkChar(whole[offset - 1]) ? `（${inner}）` : m,
  );
  s = s.replace(ASCII_QUOTES_RE, (m, inner: string) => (CJK_RE.test(inner) ? `“${inner}”` : m));
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== "," && ch !== ";" && ch !== ":" && ch !== "!" && ch !== "?") {
      out += ch;
      continue;
    }
    const prev = s[i - 1] ?? "";
    const next = s[i + 1] ?? "";
    const digitBefore = prev >= "0" && prev <= "9";
    const digitAfter = next >= "0" && next <= "9";
    if (ch === ",") out += digitBefore && /^\d{3}(?!\d)/.test(s.slice(i + 1, i + 5)) ? "," : "，";
    else if (ch === ";") out += "；";
    else if (ch === ":") out += (digitBefore && digitAfter) || next === "/" ? ":" : "：";
    // ! and ? only after Chinese text: elsewhere they may be part of a URL or code.
    else out += isCjkChar(prev) || "”）」".includes(prev) ? (ch === "!" ? "！" : "？") : ch;
  }
  return out;
}

function fixSpaces(s: string): string {
  return s
    .replace(/[ ]{2,}/g, " ")
    .replace(CJK_SPACE_DIGIT_RE, "$1")
    .replace(DIGIT_SPACE_CJK_RE, "$1")
    .replace(CJK_SPACE_SHORT_LATIN_RE, "$1")
    .replace(SHORT_LATIN_SPACE_CJK_RE, "$1")
    .replace(SPACE_AROUND_FW_PUNCT_RE, "");
}

export interface CleanedLine {
  text: string;
  mdHeading?: number;
  flags?: string[];
}

/** All single-line rules, in an order where each one sees the output of the previous. */
export function cleanLine(raw: string, traditional: boolean): CleanedLine {
  let s = raw
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g, " ")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .trim();
  if (s === "") return { text: "" };
  s = toHalfWidthAlnum(s);

  let mdHeading: number | undefined;
  const md = /^(#{1,6})\s+/.exec(s);
  if (md) {
    mdHeading = md[1]!.length;
    s = s.slice(md[0].length).replace(/\s+#+\s*$/, "");
  }
  s = s.replace(/^>\s?/, "").replace(/^[-*+]\s+(?=[^\d\s-])/, "");
  s = s.replace(/\*\*|__/g, "");
  // Single emphasis (*重点* / _重点_) around a run of text, never a lone * (3*4) or a snake_case name.
  s = s.replace(/(^|[^\w*])\*([^*\s][^*]*?)\*(?![\w*])/gu, "$1$2").replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/gu, "$1$2");

  let flags: string[] | undefined;
  // Text decoded with the wrong code page leaves `?` or U+FFFD between characters (`出?!碧`).
  if (/\ufffd/.test(s) || new RegExp(`[${CJK}]\\?[!?]?[${CJK}]`).test(s)) flags = ["mojibake"];

  s = s
    .replace(URL_RE_SPACED, (_m, offset: number, whole: string) => {
      // Keep one space only where the URL separated two Latin words.
      const before = whole[offset - 1] ?? "";
      const after = whole[offset + _m.length] ?? "";
      return /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after) ? " " : "";
    })
    .replace(/[（(]\s*[)）]/g, "");
  s = s.replace(PINYIN_RE, "$1");
  if (traditional) s = toSimplified(s);
  s = s.replace(AND_RE, "$1和");
  if (CJK_RE.test(s)) s = fullWidthPunct(s);
  s = fixSpaces(s).trim();
  const out: CleanedLine = { text: s };
  if (mdHeading !== undefined) out.mdHeading = mdHeading;
  if (flags) out.flags = flags;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Noise lines

const SHARE_WORDS = new Set([
  "微信", "朋友圈", "微博", "新浪微博", "腾讯微博", "QQ", "QQ空间", "QQ好友", "豆瓣", "Facebook", "Twitter",
  "LinkedIn", "分享", "分享到", "分享到：", "打印", "【打印】", "打印本页", "【打印本页】", "关闭", "【关闭】",
  "关闭窗口", "【关闭窗口】", "返回顶部", "收藏", "【收藏】", "扫一扫", "扫一扫在手机打开当前页", "相关链接",
]);
const TOC_ENTRY_RE = /^(.+?)\s*(?:\t+|[.．…·。]{2,}\s*|\s{2,})\s*\d{1,4}$/;
const TOC_HEADER_RE = /^目\s*录$|^目次$|^contents$/i;
const PAGE_NUMBER_RE = /^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4})$/;
const PHOTO_CREDIT_RE = /(?:记者|摄影|通讯员|均为|图为|供图|图片来源|视频)[^。]{0,40}摄[）)]?$|[ ]\S{2,4}[ ]摄[）)]?$|^[（(].{0,30}摄[）)]$/;
const EDITOR_RE = /^[（(【[]?\s*(?:责任编辑|责编|编辑|校对|审核|监制)[:：]\s*\S{1,12}(?:\s+\S{1,12}){0,3}\s*[）)】\]]?$/;

function dropReason(s: string): DropReason | null {
  if (SHARE_WORDS.has(s)) return "share-footer";
  if (EDITOR_RE.test(s)) return "share-footer";
  if (PAGE_NUMBER_RE.test(s)) return "page-number";
  if (!CJK_RE.test(s)) {
    if (/^[\p{P}\p{S}\s]+$/u.test(s)) return "rule";
    if (/[A-Za-z]/.test(s)) return /^(?:https?:|www\.)/.test(s) ? "url" : "non-chinese";
  }
  if (PHOTO_CREDIT_RE.test(s) && s.length <= 200) return "photo-credit";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Page-break joining

/** A line ending in one of these cannot be complete: the next line must continue it. */
const HANGING_END_RE = /[，、“‘《（(【第—]$/;
/**
 * Characters that are commonly written doubled (常常, 人人, 年年, 一一 …). A seam between two pages
 * that shows one of them twice is left alone: the doubling is probably real.
 */
const REDUPLICATING = new Set(
  "常人天年月日个处家户时事层步多久好看大小渐刚仅往纷深稳牢紧实在默悄轻慢早明清干净欢喜高兴快乐平安亲热一三两重种样条件句字声片点滴生世代辈星想试说谈坐走跑问等哈呵嘻嘿冉匆勃赫滔源洋涛熊彬济井巍谆孜兢翼翼侃蒸皑寥芸莘碌斑累频屡".split(""),
);

function countOccurrences(hay: string, needle: string, limit = 2): number {
  let n = 0;
  let i = hay.indexOf(needle);
  while (i !== -1 && n < limit) {
    n++;
    i = hay.indexOf(needle, i + needle.length);
  }
  return n;
}

/**
 * Decide whether the character shared by the two sides of a seam was printed twice by the PDF
 * extractor (`战|战略性`, `牵头责|责任单位`) rather than being a real doubled character (`人民|民主`,
 * `常|常`). The file itself serves as a small corpus: the reading that occurs elsewhere in the file
 * wins (`牵头责任单` occurs, `头责责任` does not); without evidence, common reduplications and doubled
 * forms seen elsewhere are kept, and a word-start after punctuation (`、战|战略`) or a pair that never
 * occurs elsewhere (`头责`) is treated as an extraction artefact.
 */
function isSeamDuplicate(a: string, b: string, corpus: string): boolean {
  const ch = a[a.length - 1];
  if (!ch || ch !== b[0] || !isCjkChar(ch)) return false;
  const left = a.slice(-2);
  const doubled = countOccurrences(corpus, left + b.slice(0, 2));
  const deduped = countOccurrences(corpus, left + b.slice(1, 3));
  if (deduped !== doubled) return deduped > doubled;
  if (REDUPLICATING.has(ch)) return false;
  if (countOccurrences(corpus, ch + ch, 1) > 0) return false;
  const before = a[a.length - 2];
  if (!isCjkChar(before)) return true;
  return countOccurrences(corpus, before + ch, 1) === 0;
}

type JoinVerdict = "no" | "yes" | "weak";

function continuationVerdict(text: string, kind: LineKind): JoinVerdict {
  if (TERMINAL_RE.test(text)) return "no";
  if (SELF_CONTAINED_KINDS.has(kind) || kind === "byline") return "no";
  if (HANGING_END_RE.test(text)) return "yes";
  // A heading (一、… / （一）…) without a sentence in it is complete as it stands.
  if ((kind === "heading1" || kind === "heading2") && !/。/.test(text)) return "no";
  if (kind === "dateline" && text.length < 40 && !SENTENCE_PUNCT_RE.test(text)) return "no";
  if (SENTENCE_PUNCT_RE.test(text)) return "yes";
  if (kind === "numbered" || kind === "circled" || kind === "bullet" || kind === "ordinal" || kind === "article") {
    return "yes";
  }
  // No sentence punctuation: most likely a headline. Only an enumeration (、) of some length is
  // treated as running text, and then only if what follows closes a sentence.
  if (text.includes("、") && text.length >= 20) return "weak";
  return "no";
}

function joinText(a: string, b: string): string {
  const last = a[a.length - 1] ?? "";
  const first = b[0] ?? "";
  return /[A-Za-z]/.test(last) && /[A-Za-z]/.test(first) ? `${a} ${b}` : a + b;
}

// ---------------------------------------------------------------------------------------------

interface WorkLine {
  line: number;
  text: string;
  kind: LineKind;
  mdHeading?: number;
  flags?: string[];
}

export function normalizeText(text: string): NormalizeResult {
  const rawLines = text.split("\n");
  const traditional = looksTraditional(text);
  const dropped: NormalizeResult["dropped"] = [];
  const toc: string[] = [];
  const cover: string[] = [];

  const cleaned: (CleanedLine & { line: number })[] = [];
  for (let i = 0; i < rawLines.length; i++) {
    const c = cleanLine(rawLines[i]!, traditional);
    if (c.text !== "") cleaned.push({ ...c, line: i + 1 });
  }

  // Table of contents: a `目录` header followed by `title<TAB>page` lines (blank lines and entries cut
  // with `...` included), or a run of at least three such entries without a header.
  const isToc = new Array<boolean>(cleaned.length).fill(false);
  for (let i = 0; i < cleaned.length; i++) {
    const startsHeader = TOC_HEADER_RE.test(cleaned[i]!.text);
    let j = startsHeader ? i + 1 : i;
    let entries = 0;
    while (j < cleaned.length && TOC_ENTRY_RE.test(rawLines[cleaned[j]!.line - 1]!.trim())) {
      entries++;
      j++;
    }
    if (entries >= 3 || (startsHeader && entries >= 1)) {
      for (let k = i; k < j; k++) {
        isToc[k] = true;
        const m = TOC_ENTRY_RE.exec(rawLines[cleaned[k]!.line - 1]!.trim());
        if (m) toc.push(m[1]!.replace(/\s*[.．…。·]+$/, "").trim());
      }
      // A cover is whatever short, sentence-free text precedes a table of contents at the start.
      if (cover.length === 0 && i <= 12 && cleaned.slice(0, i).every((c) => c.text.length <= 60 && !/[。！？]/.test(c.text))) {
        for (let k = 0; k < i; k++) {
          cover.push(cleaned[k]!.text);
          isToc[k] = true;
          dropped.push({ line: cleaned[k]!.line, text: cleaned[k]!.text, reason: "cover" });
        }
      }
      for (let k = i; k < j; k++) dropped.push({ line: cleaned[k]!.line, text: cleaned[k]!.text, reason: "toc" });
      i = j - 1;
    }
  }

  // Running headers/footers: the same short headline-like line repeated on many pages.
  const counts = new Map<string, number>();
  for (const c of cleaned) {
    if (c.text.length <= 30 && !SENTENCE_PUNCT_RE.test(c.text)) counts.set(c.text, (counts.get(c.text) ?? 0) + 1);
  }

  const work: WorkLine[] = [];
  for (let i = 0; i < cleaned.length; i++) {
    if (isToc[i]) continue;
    const c = cleaned[i]!;
    let reason = dropReason(c.text);
    if (!reason && (counts.get(c.text) ?? 0) >= 8) reason = "running-header";
    if (reason) {
      dropped.push({ line: c.line, text: c.text, reason });
      continue;
    }
    const w: WorkLine = { line: c.line, text: c.text, kind: classifyLine(c.text) };
    if (c.mdHeading !== undefined) w.mdHeading = c.mdHeading;
    if (c.flags) w.flags = c.flags;
    work.push(w);
  }
  dropped.sort((a, b) => a.line - b.line);

  // Page-break joins. The corpus for the seam-duplicate test is the cleaned text itself.
  const corpus = work.map((w) => w.text).join("\n");
  const joins: Join[] = [];
  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < work.length; i++) {
    const first = work[i]!;
    let text = first.text;
    let kind = first.kind;
    let endLine = first.line;
    let flags = first.flags;
    // Markdown headings are explicit structure and never page-break fragments.
    while (first.mdHeading === undefined && i + 1 < work.length) {
      const verdict = continuationVerdict(text, kind);
      if (verdict === "no") break;
      const next = work[i + 1]!;
      if (next.mdHeading !== undefined || OPENING_KINDS.has(next.kind)) break;
      // The next line is a title if a compilation source line follows it.
      const after = work[i + 2];
      if (after && after.kind === "source") break;
      if (verdict === "weak" && !TERMINAL_RE.test(next.text)) break;
      let nextText = next.text;
      const join: Join = { line: endLine, nextLine: next.line };
      if (isSeamDuplicate(text, nextText, corpus)) {
        join.removedDuplicate = nextText[0]!;
        nextText = nextText.slice(1);
      }
      joins.push(join);
      text = fixSpaces(joinText(text, nextText));
      kind = classifyLine(text);
      endLine = next.line;
      if (next.flags) flags = [...new Set([...(flags ?? []), ...next.flags])];
      i++;
    }
    const p: Paragraph = { text, startLine: first.line, endLine, kind };
    if (first.mdHeading !== undefined) p.mdHeading = first.mdHeading;
    if (flags) p.flags = flags;
    paragraphs.push(p);
  }

  return { paragraphs, rawLines, dropped, joins, traditional, toc, cover };
}

/** Raw source text of a line range (1-based, inclusive). */
export function rawRange(rawLines: readonly string[], startLine: number, endLine: number): string {
  return rawLines.slice(startLine - 1, endLine).join("\n");
}
