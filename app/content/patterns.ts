/**
 * Line patterns of Chinese official documents, shared by normalize (which must not join a heading to
 * the next line), split (document boundaries) and structure (sections, articles, items).
 * They describe genres, never a particular file: headings 一、/（一）, laws 第X章/第X条, Xinhua
 * datelines, compilation source lines, citation lines and so on.
 */
import { CJK } from "./text";

const N = "零〇一二三四五六七八九十百千两";

/** `(2024-01-10 来源：“学习强国”学习平台)`, `（2024-01-15 来源：《求是》2024年第2期）`, `2024-01-24 来源：…` */
export const SOURCE_LINE_RE = new RegExp(
  String.raw`^[（(]?\s*(?:(?:发布)?(?:时间|日期)[:：]\s*)?(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*(?:来源[:：]\s*(.*?))?\s*[）)]?$`,
);
/** `来源：新华社` on its own line (possibly followed by a date). */
export const SOURCE_ONLY_RE = /^[（(]?\s*来源[:：]\s*(.+?)\s*[）)]?$/;

/** `新华社北京3月5日电`, `新华社长沙3月20日电（记者 …）`, `本报北京1月5日讯`. */
export const DATELINE_RE = new RegExp(
  String.raw`^((?:新华社|中新社|[${CJK}]{1,8}?(?:社|报|网|台)))([${CJK}]{2,6}?)(\d{1,2})月(\d{1,2})日(?:电|讯)(?:\s*[（(][^）)]{0,30}[）)])?\s*`,
);
export const BAOXUN_RE = /^本报讯(?:\s*[（(][^）)]{0,30}[）)])?\s*/;

export const HEADING1_RE = new RegExp(`^([${N}]{1,3})、\\s*(.*)$`);
export const HEADING2_RE = new RegExp(`^[（(]([${N}]{1,3})[）)]\\s*(.*)$`);
export const PART_RE = new RegExp(`^第([${N}\\d]{1,4})(?:部分|编|篇)\\s*(.*)$`);
export const CHAPTER_RE = new RegExp(`^第([${N}\\d]{1,4})章(?:\\s+|(?=\\S)|$)(.*)$`);
export const SECTION_RE = new RegExp(`^第([${N}\\d]{1,4})节(?:\\s+|(?=\\S)|$)(.*)$`);
/**
 * `第一条 为了…` and `第三十四条网络运营者…` (no space). Excludes cross-references that merely start
 * a sentence (`第十七条第二款规定…`, `第五条、第六条…`).
 */
export const ARTICLE_RE = new RegExp(`^第([${N}\\d]{1,5})条(?:之([${N}]{1,3}))?(?![第、，,之的规])\\s*(.*)$`);
/** A law's item: `（一）…`, `（十三）…`. Same shape as HEADING2 — the genre decides which it is. */
export const ITEM_RE = HEADING2_RE;
/** `1. 帮扶就业…`, `12、…`; not a decimal (`3.73亿`). */
export const NUMBERED_RE = /^(\d{1,3})(?:[.．](?!\d)|、)\s*(.*)$/;
export const PAREN_NUMBERED_RE = /^[（(](\d{1,3})[）)]\s*(.*)$/;
export const CIRCLED_RE = /^([①-⑳])\s*(.*)$/;
/** `——经济总体回升向好。…` */
export const BULLET_RE = /^(?:——|[•●▪■◆])\s*(.*)$/;
/** `一是…`, `第一，…`, `其一，…` — enumerations written as paragraphs. */
export const ORDINAL_PARA_RE = new RegExp(`^(?:([${N}]{1,3})是|第([${N}]{1,3})[，,、]|其([${N}]{1,3})[，,、])`);
/** A bare numeral line used as an excerpt number: `一`, `十二`. */
export const BARE_NUMERAL_RE = new RegExp(`^[${N}]{1,3}$`);
export const ATTACHMENT_RE = /^附件\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?\s*(.*)$/;
/** `※这是…讲话的一部分。` */
export const NOTE_RE = /^※/;
/**
 * A whole-line parenthesised citation or date: `(2014年9月5日在…上的讲话)`, `(2024年2月8日，上午)`,
 * `（2022年12月19日《…》）`.
 */
export const CITATION_RE = /^[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$/;
/** A law's 题注: `（1988年9月5日…通过 …修订）`. */
export const LAW_HISTORY_RE = /^[（(].*(?:通过|修订|修正|公布|施行).*[）)]$/;
/** A full date in a 题注, Arabic (`2015年7月1日`) or Chinese (`一九八八年九月五日`). */
export const HISTORY_DATE_RE = new RegExp(
  String.raw`((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日`,
  "g",
);
/**
 * A statute's adoption or amendment record written as a plain line under its title:
 * `2015年7月1日 第十二届全国人民代表大会常务委员会第十五次会议通过`,
 * `根据2019年3月2日《国务院关于修改部分行政法规的决定》修订`, `2007年4月5日国务院令第492号公布`,
 * `自2008年5月1日起施行`. It opens with a date (or 根据 / 自 and a date), records an act, and has no
 * sentence punctuation: a sentence that mentions an adoption is running text, not a record.
 */
const PROMULGATION_LINE_RE = new RegExp(
  String.raw`^[（(]?\s*(?:根据|自)?\s*${HISTORY_DATE_RE.source}[^。！？!?]{0,300}(?:通过|修正|修订|修改|公布|发布|颁布|施行|批准|实施)[）)]?[。；;]?$`,
);

/**
 * A line of a statute's 题注 (its adoption, amendment, promulgation and entry-into-force record), in
 * parentheses (`（1988年9月5日…通过 2010年4月29日…修订）`) or plain. Never part of the title.
 */
export function isLawHistoryLine(s: string): boolean {
  if (s.length > 400) return false;
  return LAW_HISTORY_RE.test(s) || PROMULGATION_LINE_RE.test(s);
}
/** `——2024年1月30日在…会议上` (a speech's byline). */
export const BYLINE_RE = /^——\s*\d{4}年\d{1,2}月\d{1,2}日在.*(?:上|时)$/;
/** A line that is only a date: `2024年2月7日`. */
export const DATE_ONLY_RE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

export type LineKind =
  | "source"
  | "dateline"
  | "heading1"
  | "heading2"
  | "part"
  | "chapter"
  | "section"
  | "article"
  | "numbered"
  | "circled"
  | "bullet"
  | "ordinal"
  | "numeral"
  | "attachment"
  | "note"
  | "citation"
  | "byline"
  | "date"
  | "text";

/**
 * A compilation's source line. A parenthesised `（2024年2月2日）` alone is a date note, not a source
 * line: a source line names its source or uses the numeric `2024-01-10` form of web pages.
 */
export function isSourceLine(s: string): boolean {
  if (SOURCE_ONLY_RE.test(s)) return true;
  return SOURCE_LINE_RE.test(s) && (s.includes("来源") || /^[（(]?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(s));
}

/** Classify one normalized line by its leading pattern. Cheap: a few anchored regexes. */
export function classifyLine(s: string): LineKind {
  const c = s.charCodeAt(0);
  if (c === 0x2014 || c === 0x2022 || c === 0x25cf || c === 0x25aa || c === 0x25a0 || c === 0x25c6) {
    return BYLINE_RE.test(s) ? "byline" : BULLET_RE.test(s) ? "bullet" : "text";
  }
  if (c === 0xff08 || c === 0x28) {
    if (isSourceLine(s)) return "source";
    if (HEADING2_RE.test(s)) return "heading2";
    if (PAREN_NUMBERED_RE.test(s)) return "numbered";
    if (CITATION_RE.test(s)) return "citation";
    return "text";
  }
  if (c >= 0x30 && c <= 0x39) {
    if (isSourceLine(s)) return "source";
    if (DATE_ONLY_RE.test(s)) return "date";
    if (NUMBERED_RE.test(s)) return "numbered";
    return "text";
  }
  if (c >= 0x2460 && c <= 0x2473) return "circled";
  if (c === 0x203b) return "note";
  if (s.startsWith("第")) {
    if (CHAPTER_RE.test(s)) return "chapter";
    if (SECTION_RE.test(s)) return "section";
    if (ARTICLE_RE.test(s)) return "article";
    if (PART_RE.test(s)) return "part";
    if (ORDINAL_PARA_RE.test(s)) return "ordinal";
    return "text";
  }
  if (s.startsWith("附件") && ATTACHMENT_RE.test(s) && s.length <= 40) return "attachment";
  if (s.startsWith("来源") && SOURCE_ONLY_RE.test(s)) return "source";
  if (BARE_NUMERAL_RE.test(s)) return "numeral";
  if (HEADING1_RE.test(s)) return "heading1";
  if (ORDINAL_PARA_RE.test(s)) return "ordinal";
  if (DATELINE_RE.test(s) || BAOXUN_RE.test(s)) return "dateline";
  return "text";
}

/** Kinds that open a new paragraph: a page-break continuation never starts with one of them. */
export const OPENING_KINDS: ReadonlySet<LineKind> = new Set<LineKind>([
  "source", "dateline", "heading1", "heading2", "part", "chapter", "section", "article", "numbered",
  "circled", "bullet", "ordinal", "numeral", "attachment", "note", "citation", "byline", "date",
]);

/** Kinds that are complete by themselves even without closing punctuation (never joined to the next line). */
export const SELF_CONTAINED_KINDS: ReadonlySet<LineKind> = new Set<LineKind>([
  "source", "part", "chapter", "section", "numeral", "attachment", "note", "citation", "date", "byline",
]);
