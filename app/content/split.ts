/**
 * Normalized paragraphs of one file → documents (a compilation holds many articles).
 *
 * Two genres of boundary exist in the sources:
 * - compilations of web articles give every article a source line (`(2024-01-10 来源：…)`) right
 *   after its title; when a file has several of them they are the only reliable anchors, because
 *   such articles repeat their headline and subtitles below the source line;
 * - otherwise an article starts with a title block: one or more headline lines (no sentence
 *   punctuation, no closing punctuation) followed by running text. Whitespace is no help: some files
 *   separate articles by a single blank line and paragraphs by none.
 */
import type { Paragraph } from "./normalize";
import { isLawHistoryLine, type LineKind } from "./patterns";
import { SENTENCE_PUNCT_RE, TERMINAL_RE } from "./text";

export interface DocumentSlice {
  /** Paragraphs forming the title (a title may span several lines). */
  titleParagraphs: Paragraph[];
  /** The title as one line (lines joined, see joinTitleLines). */
  title: string;
  /** Everything after the title, in order. */
  paragraphs: Paragraph[];
  /**
   * How many leading `paragraphs` form the header zone: source line, repeated headlines and
   * subtitles, author line, date notes. They are shown but never questioned.
   */
  headerCount: number;
  startLine: number;
  endLine: number;
}

export interface SplitResult {
  documents: DocumentSlice[];
  mode: "source-lines" | "title-blocks";
}

/** Kinds that may sit in a document's header zone between the title and the first real paragraph. */
const HEADER_KINDS: ReadonlySet<LineKind> = new Set<LineKind>(["source", "citation", "date", "byline"]);

/** A headline-like line: short, no sentence punctuation (quoted formulations aside), no closing punctuation. */
export function isTitleLike(p: Paragraph): boolean {
  if (p.mdHeading !== undefined) return p.mdHeading === 1;
  if (p.kind !== "text") return false;
  const t = p.text;
  if (t.length > 80 || t.length < 2) return false;
  // A statute's adoption record under its title (`2015年7月1日 第十二届…会议通过`) is its 题注.
  if (isLawHistoryLine(t)) return false;
  const unquoted = t.replace(/“[^”]*”|《[^》]*》|（[^）]*）/g, "");
  if (/[。！？；]/.test(unquoted)) return false;
  if (TERMINAL_RE.test(t) && !/[”》）]$/.test(t)) return false;
  if (/，/.test(unquoted) && t.length > 40) return false;
  return true;
}

/** A short line that only names a person or an office and a person (`习近平`, `自治区主席 王莉霞`). */
function isNameLine(t: string): boolean {
  return /^(?:[\u4e00-\u9fff]{2,12}\s)?[\u4e00-\u9fff·]{2,5}$/.test(t) && t.replace(/\s/g, "").length <= 14;
}

/**
 * Words that end a headline phrase. Lines of a multi-line title are separated by a space when the
 * earlier line ends in one (`…座谈会强调` / `在更高起点上…`), and concatenated when the line break
 * merely wrapped a long title (`…民革科技界` / `环境资源界委员时讲话`).
 */
const HEADLINE_END_RE =
  /(?:强调|指出|表示|要求|主持|出席|讲话|致辞|会议|分析会|座谈会|大会|全会|开幕|闭幕|精神|篇章|成效|发展|力量|生产力|监督|工作|报告|公报|指示|批示|贺信|复信|祝福|安全|稳定|势头|灾害|成本|换新|能力|理想|考察|陪同|[”》）])$/;

export function joinTitleLines(lines: readonly string[]): string {
  let out = "";
  for (const line of lines) {
    if (out === "") out = line;
    else out += HEADLINE_END_RE.test(out) || /\s/.test(out.slice(-1)) ? ` ${line}` : line;
  }
  return out.replace(/\s+/g, " ").trim();
}

/**
 * PDF extraction scatters stray spaces inside titles (`新时代 党的统一战线`). A table of contents
 * lists the same titles without them; a space is dropped when the TOC has the characters around it
 * adjacent. Spaces the TOC keeps (`铸牢中华民族共同体意识 推进…`) stay.
 */
export function repairTitleSpaces(title: string, toc: readonly string[]): string {
  if (!title.includes(" ") || toc.length === 0) return title;
  const joined = toc.join("\n");
  return title.replace(/(\S{1,3}) (?=(\S{1,3}))/g, (m, before: string, after: string) =>
    joined.includes(before + after) && !joined.includes(`${before} ${after}`) ? before : m,
  );
}

function sliceOf(titleParagraphs: Paragraph[], paragraphs: Paragraph[], headerCount: number): DocumentSlice {
  const first = titleParagraphs[0] ?? paragraphs[0]!;
  const last = paragraphs[paragraphs.length - 1] ?? titleParagraphs[titleParagraphs.length - 1]!;
  return {
    titleParagraphs,
    title: joinTitleLines(titleParagraphs.map((p) => p.text)),
    paragraphs,
    headerCount,
    startLine: first.startLine,
    endLine: last.endLine,
  };
}

/** A headline listing documents or topics (`审议《…》《…》`): no sentence end anywhere. */
function isHeadlineList(p: Paragraph): boolean {
  return p.kind === "text" && p.text.length <= 200 && !/[。！？；]/.test(p.text) && !TERMINAL_RE.test(p.text.replace(/[”》）]$/, ""));
}

/** Length of the header zone at the start of a document's paragraphs. */
function headerLength(paragraphs: readonly Paragraph[]): number {
  let n = 0;
  for (const p of paragraphs) {
    if (HEADER_KINDS.has(p.kind) || isTitleLike(p) || isNameLine(p.text) || isHeadlineList(p)) n++;
    else break;
  }
  return n;
}

function splitOnSourceLines(paragraphs: Paragraph[], anchors: number[]): DocumentSlice[] {
  // Each anchor's title is the run of headline-like lines just above it (at most three).
  const starts = anchors.map((a) => {
    let s = a;
    while (s > 0 && a - s < 3 && isTitleLike(paragraphs[s - 1]!) && !SENTENCE_PUNCT_RE.test(paragraphs[s - 1]!.text)) s--;
    return s;
  });
  const docs: DocumentSlice[] = [];
  if (starts[0]! > 0) docs.push(...splitOnTitles(paragraphs.slice(0, starts[0]!)));
  for (let i = 0; i < anchors.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < anchors.length ? starts[i + 1]! : paragraphs.length;
    const titleParagraphs = paragraphs.slice(start, anchors[i]!);
    const rest = paragraphs.slice(anchors[i]!, end);
    docs.push(sliceOf(titleParagraphs, rest, headerLength(rest)));
  }
  return docs;
}

/**
 * A presider line under a headline (林克庆主持 / 赵乐际…出席 蔡奇主持): it names who chaired the
 * meeting, it is not part of the title.
 */
const PRESIDER_RE = /^(?:[\u4e00-\u9fff]{2,30}(?:出席|参加)\s*)?[\u4e00-\u9fff]{2,4}主持(?:会议)?$/;

const SHORT_TITLE_RE = /^[\u4e00-\u9fff]{2,5}(?:法|法典|条例|规定|办法|细则|规则|决定|公报|报告|纲要)$/;

function splitOnTitles(paragraphs: Paragraph[]): DocumentSlice[] {
  const docs: DocumentSlice[] = [];
  let title: Paragraph[] = [];
  let body: Paragraph[] = [];
  let inHeader = false;
  const flush = () => {
    if (title.length > 0 || body.length > 0) docs.push(sliceOf(title, body, headerLength(body)));
    title = [];
    body = [];
  };
  for (let i = 0; i < paragraphs.length; ) {
    const p = paragraphs[i]!;
    // A maximal run of headline-like lines.
    let j = i;
    while (j < paragraphs.length && isTitleLike(paragraphs[j]!)) j++;
    // Trailing presider lines stay in the header zone, out of the title.
    let k = j;
    while (k - i > 1 && PRESIDER_RE.test(paragraphs[k - 1]!.text.trim())) k--;
    const presiders = paragraphs.slice(k, j);
    j = k;
    const run = paragraphs.slice(i, j);
    const runLength = run.reduce((n, q) => n + q.text.length, 0);
    const previous = body[body.length - 1];
    // Six characters tell a headline from a stray short line, but a markdown title or a short
    // instrument name (保密法, 某某条例) is a title all the same, not a person's name.
    const namedTitle = run.length > 0 && (run[0]!.mdHeading === 1 || SHORT_TITLE_RE.test(run[run.length - 1]!.text));
    const startsDocument =
      run.length > 0 &&
      j < paragraphs.length &&
      (runLength >= 6 || namedTitle) &&
      !(run.length === 1 && isNameLine(p.text) && !namedTitle) &&
      !inHeader &&
      previous?.kind !== "attachment";
    if (startsDocument) {
      flush();
      title = run;
      body.push(...presiders);
      inHeader = true;
      i = j + presiders.length;
      continue;
    }
    j += presiders.length;
    run.push(...presiders);
    if (run.length > 0) {
      body.push(...run);
      i = j;
      continue;
    }
    // The header zone lasts until the first paragraph of running text.
    if (!(HEADER_KINDS.has(p.kind) || isNameLine(p.text))) inHeader = false;
    if (title.length === 0 && body.length === 0 && docs.length === 0) inHeader = false;
    body.push(p);
    i++;
  }
  flush();
  return docs;
}

export function splitDocuments(paragraphs: Paragraph[], toc: readonly string[] = []): SplitResult {
  const anchors: number[] = [];
  paragraphs.forEach((p, i) => {
    if (p.kind === "source" && i > 0 && isTitleLike(paragraphs[i - 1]!)) anchors.push(i);
  });
  const mode = anchors.length >= 2 ? "source-lines" : "title-blocks";
  const documents = mode === "source-lines" ? splitOnSourceLines(paragraphs, anchors) : splitOnTitles(paragraphs);
  for (const d of documents) d.title = repairTitleSpaces(d.title, toc);
  return { documents, mode };
}
