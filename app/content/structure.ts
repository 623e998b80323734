/**
 * A document's paragraphs → passages with a structural path.
 *
 * - Laws: 章 › (节 ›) 条; one passage per article carrying its 款 (unnumbered lines) and 项
 *   (`（一）…`, which are not 款), so a question can cite 第十七条第二款 or item （三）.
 * - Reports and speeches: by headings `一、` / `（一）` / bare numerals / `附件`, with `——` bullets,
 *   `一是…` / `第一，…` paragraphs and `1.` items labelled in the path.
 * - News: by paragraph.
 * Boilerplate (attendance lists, datelines, source and citation lines, greetings, ※ notes, repeated
 * headlines) is kept and marked so the reader shows it and the question generator skips it.
 */
import type { DocumentKind } from "./infer";
import type { Paragraph } from "./normalize";
import { rawRange } from "./normalize";
import {
  ARTICLE_RE,
  ATTACHMENT_RE,
  BAOXUN_RE,
  CHAPTER_RE,
  DATELINE_RE,
  HEADING1_RE,
  HEADING2_RE,
  isLawHistoryLine,
  ITEM_RE,
  NUMBERED_RE,
  PAREN_NUMBERED_RE,
  SECTION_RE,
} from "./patterns";
import { isTitleLike, type DocumentSlice } from "./split";
import { parseCnNumber, textHash } from "./text";

export interface LawItem {
  /** `（三）` */
  label: string;
  text: string;
}
export interface LawClause {
  /** The 款's own text (for the first 款, without the `第X条` number). */
  text: string;
  items: LawItem[];
}
export interface LawArticle {
  /** `第二十条` */
  article: string;
  /** Article number as an integer (20). */
  number: number;
  chapter: string | null;
  section: string | null;
  clauses: LawClause[];
}

/**
 * - `history`: a statute's 题注 — its adoption, amendment and promulgation record, verbatim (one
 *   passage for all its lines), asked as 本法…经…通过 / 修订 and dating the document;
 * - `preamble`: a law's text before its first article (序言); `header`: lines shown but never asked.
 */
export type PassageRole = "heading" | "paragraph" | "article" | "preamble" | "history" | "header";

export interface ParsedPassage {
  /** Stable within the document: `${docId}:第二十条` for law articles, `${docId}:${ordinal}` otherwise. */
  id: string;
  ordinal: number;
  path: string[];
  text: string;
  rawText: string;
  startLine: number;
  endLine: number;
  /** sha256 of the text without punctuation and whitespace: equal for duplicate paragraphs. */
  textHash: string;
  boilerplate: boolean;
  role: PassageRole;
  /** Set on passages that open a section (`一、…`, `（三）…`, `附件1`). */
  heading?: string;
  /** A Xinhua-style dateline split off the paragraph (`新华社北京3月5日电`). */
  dateline?: string;
  /** Problems the question generator should know about, e.g. `mojibake`. */
  flags?: string[];
  law?: LawArticle;
}

const pathLabel = (s: string, max = 40) => {
  const cut = s.search(/[。：]/);
  const head = cut > 0 ? s.slice(0, cut) : s;
  return head.length > max ? `${head.slice(0, max)}…` : head;
};

// ---------------------------------------------------------------------------------------------
// Boilerplate

const OTHER_MATTERS_RE = /^(?:会议|会上)?还?(?:研究|审议|讨论)了?其他(?:事项|工作)。?$/;
const ADDRESS_RE = /^(?:各位代表|各位委员|同志们|朋友们|女士们|先生们|各位来宾|各位嘉宾|亲爱的[^，！：]{1,12})(?:[，、,]\s*(?:同志们|朋友们|女士们|先生们|各位来宾))*[！：!:]$/;
const THANKS_RE = /^(?:谢谢(?:大家|各位)?|再见)[！!。]?$/;
/** A speaker's own greetings (`我向大家致以…祝福`, `最后，祝大家…`), not a report that someone sent them. */
const GREETING_RE = /拜年|拜个早年|祝大家|祝各位|祝愿大家|致以(?:节日的)?(?:美好|诚挚|亲切)?(?:的)?(?:新春的)?(?:祝福|祝愿|问候)/;
const FIRST_PERSON_GREETING_RE = /^(?:最后，)?祝|(?:^|[，。！])(?:在此)?(?:我|我们)(?:谨)?(?:代表|向|给|在此)/;
/** The formula that opens a report: `现在，我代表…向大会报告…，请予审议…`. */
const REPORT_OPENING_RE = /^现在，我代表.{2,20}，向大会(?:作|报告).{0,30}请予审议/;
const ATTEND_VERB_RE = /(?:出席|列席|就座|参加|陪同|旁听|参会|在座)/;

/** Lists of names with an attendance verb: who sat on the rostrum, who accompanied whom. */
export function isAttendanceList(text: string): boolean {
  if (text.length > 400 || !ATTEND_VERB_RE.test(text)) return false;
  const sentences = text.split(/(?<=[。！？])/).filter((s) => s.trim() !== "");
  const last = sentences[sentences.length - 1] ?? "";
  // One short sentence whose verb closes it: `…蔡奇陪同考察。`, `…等参加联组会。`
  if (sentences.length === 1 && text.length <= 90 && /(?:出席|列席|参加|陪同|就座|旁听|参会)[^，。]{0,10}。$/.test(text)) {
    return true;
  }
  const tokens = text.split(/[、，,：:；;。\s]+/).filter((t) => t !== "");
  const names = tokens.filter((t) => /^[\u4e00-\u9fff]{2,3}$|^[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6}$/.test(t)).length;
  return names >= 5 && names / tokens.length >= 0.45 && ATTEND_VERB_RE.test(last);
}

export function isBoilerplateText(text: string, kind: Paragraph["kind"]): boolean {
  if (kind === "source" || kind === "citation" || kind === "note" || kind === "date" || kind === "byline") return true;
  if (OTHER_MATTERS_RE.test(text) || ADDRESS_RE.test(text) || THANKS_RE.test(text)) return true;
  if (text.length <= 120 && GREETING_RE.test(text) && FIRST_PERSON_GREETING_RE.test(text)) return true;
  if (REPORT_OPENING_RE.test(text)) return true;
  return isAttendanceList(text);
}

// ---------------------------------------------------------------------------------------------

interface Builder {
  docId: string;
  rawLines: readonly string[];
  passages: ParsedPassage[];
}

function push(
  b: Builder,
  p: { text: string; startLine: number; endLine: number; path: string[]; boilerplate: boolean; role: PassageRole },
  extra: Partial<ParsedPassage> = {},
  idSuffix?: string,
): ParsedPassage {
  const ordinal = b.passages.length + 1;
  let id = `${b.docId}:${idSuffix ?? ordinal}`;
  if (idSuffix && b.passages.some((q) => q.id === id)) id = `${id}-${ordinal}`;
  const passage: ParsedPassage = {
    id,
    ordinal,
    path: p.path,
    text: p.text,
    rawText: rawRange(b.rawLines, p.startLine, p.endLine),
    startLine: p.startLine,
    endLine: p.endLine,
    textHash: textHash(p.text),
    boilerplate: p.boilerplate,
    role: p.role,
    ...extra,
  };
  b.passages.push(passage);
  return passage;
}

/** The next line of a multi-line passage (a 题注 written one record a line). */
function extendPassage(b: Builder, passage: ParsedPassage, p: Paragraph): void {
  passage.text = `${passage.text}\n${p.text}`;
  passage.endLine = p.endLine;
  passage.rawText = rawRange(b.rawLines, passage.startLine, passage.endLine);
  passage.textHash = textHash(passage.text);
  if (p.flags) passage.flags = [...new Set([...(passage.flags ?? []), ...p.flags])];
}

function withFlags(p: Paragraph): Partial<ParsedPassage> {
  return p.flags ? { flags: [...p.flags] } : {};
}

// ---------------------------------------------------------------------------------------------
// Laws

function chapterLabel(text: string, re: RegExp, unit: string): string {
  const m = re.exec(text)!;
  const name = m[2]!.replace(/\s+/g, "");
  return name ? `第${m[1]}${unit} ${name}` : `第${m[1]}${unit}`;
}

function structureLaw(b: Builder, slice: DocumentSlice): void {
  let chapter: string | null = null;
  let section: string | null = null;
  let current: { paragraphs: Paragraph[]; law: LawArticle } | null = null;

  const flush = () => {
    if (!current) return;
    const first = current.paragraphs[0]!;
    const last = current.paragraphs[current.paragraphs.length - 1]!;
    const path = [chapter, section, current.law.article].filter((s): s is string => s !== null);
    const flags = [...new Set(current.paragraphs.flatMap((p) => p.flags ?? []))];
    push(
      b,
      {
        text: current.paragraphs.map((p) => p.text).join("\n"),
        startLine: first.startLine,
        endLine: last.endLine,
        path,
        boilerplate: false,
        role: "article",
      },
      { law: current.law, ...(flags.length ? { flags } : {}) },
      current.law.article,
    );
    current = null;
  };

  slice.paragraphs.forEach((p, index) => {
    const t = p.text;
    if (p.kind === "chapter") {
      flush();
      chapter = chapterLabel(t, CHAPTER_RE, "章");
      section = null;
      push(b, { text: chapter, startLine: p.startLine, endLine: p.endLine, path: [chapter], boilerplate: false, role: "heading" }, { heading: chapter });
      return;
    }
    if (p.kind === "section") {
      flush();
      section = chapterLabel(t, SECTION_RE, "节");
      const path = [chapter, section].filter((s): s is string => s !== null);
      push(b, { text: section, startLine: p.startLine, endLine: p.endLine, path, boilerplate: false, role: "heading" }, { heading: section });
      return;
    }
    const art = p.kind === "article" ? ARTICLE_RE.exec(t) : null;
    if (art) {
      flush();
      const label = `第${art[1]}条${art[2] ? `之${art[2]}` : ""}`;
      const number = /^\d+$/.test(art[1]!) ? Number(art[1]) : (parseCnNumber(art[1]!) ?? 0);
      current = {
        paragraphs: [p],
        law: { article: label, number, chapter, section, clauses: [{ text: art[3]!.trim(), items: [] }] },
      };
      return;
    }
    if (current) {
      current.paragraphs.push(p);
      const item = ITEM_RE.exec(t) ?? PAREN_NUMBERED_RE.exec(t);
      const clauses = current.law.clauses;
      const clause = clauses[clauses.length - 1]!;
      if (item && p.kind !== "text") {
        clause.items.push({ label: t.slice(0, t.length - item[2]!.length).trim(), text: item[2]!.trim() });
      } else {
        clauses.push({ text: t, items: [] });
      }
      return;
    }
    // Before the first article: the 题注 (adoption history), a preamble, or header lines.
    if (isLawHistoryLine(t)) {
      const previous = b.passages[b.passages.length - 1];
      if (previous?.role === "history") extendPassage(b, previous, p);
      else push(b, { text: t, startLine: p.startLine, endLine: p.endLine, path: ["题注"], boilerplate: false, role: "history" }, withFlags(p));
      return;
    }
    const inHeader = index < slice.headerCount;
    push(b, {
      text: t,
      startLine: p.startLine,
      endLine: p.endLine,
      path: chapter ? [chapter] : ["序言"],
      boilerplate: inHeader || isBoilerplateText(t, p.kind),
      role: inHeader ? "header" : "preamble",
    }, withFlags(p));
  });
  flush();
}

// ---------------------------------------------------------------------------------------------
// Reports, speeches, news

interface Level {
  level: number;
  label: string;
}

function structureGeneric(b: Builder, slice: DocumentSlice): void {
  const stack: Level[] = [];
  const pathOf = () => stack.map((l) => l.label);
  const open = (level: number, label: string) => {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ level, label });
  };
  let afterAttachment = false;

  slice.paragraphs.forEach((p, index) => {
    let text = p.text;
    const base = { startLine: p.startLine, endLine: p.endLine };
    const flags = withFlags(p);

    if (index < slice.headerCount) {
      push(b, { ...base, text, path: pathOf(), boilerplate: true, role: "header" }, flags);
      return;
    }

    // An attachment restarts the outline: 附件1 › its title › 一、… › 1.
    if (p.kind === "attachment") {
      const m = ATTACHMENT_RE.exec(text)!;
      const label = `附件${m[1] ?? ""}`;
      stack.length = 0;
      open(0, label);
      if (m[2]) open(0.5, m[2]);
      afterAttachment = !m[2];
      push(b, { ...base, text, path: pathOf(), boilerplate: false, role: "heading" }, { heading: label, ...flags });
      return;
    }
    if (afterAttachment && isTitleLike(p)) {
      afterAttachment = false;
      open(0.5, text);
      push(b, { ...base, text, path: pathOf(), boilerplate: false, role: "heading" }, { heading: text, ...flags });
      return;
    }
    afterAttachment = false;

    const heading = headingOf(p);
    if (heading) {
      open(heading.level, heading.label);
      // A heading line alone, or a heading that opens a paragraph (`（一）…。正文…`).
      const role: PassageRole = heading.label === text ? "heading" : "paragraph";
      push(b, { ...base, text, path: pathOf(), boilerplate: false, role }, { heading: heading.label, ...flags });
      return;
    }

    // 各位代表！ after the last numbered part of a section closes it: what follows speaks for the whole section.
    if (ADDRESS_RE.test(text.trim()) && stack.length > 1) stack.length = 1;

    let dateline: string | undefined;
    if (p.kind === "dateline") {
      const m = DATELINE_RE.exec(text) ?? BAOXUN_RE.exec(text);
      if (m) {
        dateline = m[0].trim();
        text = text.slice(m[0].length).trim();
      }
    }
    const leaf = leafLabel(p);
    const path = leaf ? [...pathOf(), leaf] : pathOf();
    const boilerplate = text === "" || isBoilerplateText(text, p.kind) || (p.kind === "text" && isTitleLike(p) && /^[\u4e00-\u9fff·]{2,4}$/.test(text));
    push(
      b,
      { ...base, text: text === "" ? (dateline ?? "") : text, path, boilerplate, role: "paragraph" },
      { ...(dateline ? { dateline } : {}), ...flags },
    );
  });
}

/** Section headings and their nesting level. Markdown headings nest by their `#` count. */
function headingOf(p: Paragraph): Level | null {
  const t = p.text;
  switch (p.kind) {
    case "part":
      return { level: 0.8, label: pathLabel(t) };
    case "heading1":
      return HEADING1_RE.test(t) ? { level: 1, label: pathLabel(t) } : null;
    case "numeral":
      return { level: 1, label: t };
    case "heading2":
      return HEADING2_RE.test(t) ? { level: 2, label: pathLabel(t) } : null;
    case "chapter":
      return { level: 0.8, label: chapterLabel(t, CHAPTER_RE, "章") };
    case "section":
      return { level: 0.9, label: chapterLabel(t, SECTION_RE, "节") };
    default:
      if (p.mdHeading !== undefined && p.mdHeading >= 2) return { level: p.mdHeading - 1, label: pathLabel(t) };
      return null;
  }
}

/** Labels for enumerated paragraphs that do not open a section (bullets, 一是…, 1. …). */
function leafLabel(p: Paragraph): string | null {
  const t = p.text;
  switch (p.kind) {
    case "bullet":
      return pathLabel(t, 30);
    case "ordinal":
      return pathLabel(t.split(/[，。]/)[0] ?? t, 30);
    case "numbered": {
      const m = NUMBERED_RE.exec(t) ?? PAREN_NUMBERED_RE.exec(t);
      return m ? `${m[1]}.` : null;
    }
    case "circled":
      return t.slice(0, 1);
    default:
      return null;
  }
}

export function structureDocument(
  slice: DocumentSlice,
  kind: DocumentKind,
  docId: string,
  rawLines: readonly string[],
): ParsedPassage[] {
  const b: Builder = { docId, rawLines, passages: [] };
  if (kind === "law") structureLaw(b, slice);
  else structureGeneric(b, slice);
  return b.passages;
}
