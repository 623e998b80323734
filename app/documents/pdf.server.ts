/**
 * PDF → plain text, one paragraph per line, for the content pipeline (which then does what it does
 * for a .txt: page-break joining, 繁→简, spaced digits …).
 *
 * Only PDFs with a text layer can be read: the text is pdf.js's (pure JavaScript, no native tool).
 * A PDF's text layer is a set of positioned glyph runs, not lines or paragraphs, so this module
 * rebuilds them: runs → rows by baseline, rows → columns where a page has a gutter, running headers,
 * footers and page numbers dropped when they repeat at the page edges, wrapped rows joined into
 * paragraphs by their margins and indents. Everything refused gets a Chinese reason for the
 * administrator; nothing is stored by this module.
 *
 * The signature is `(bytes) => Promise<result>` so that it fits any import path (in-request or a
 * background job) the same way.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { constants as zlibConstants, inflateSync } from "node:zlib";

export interface PdfLimits {
  /** More pages than this are refused before any page is read. */
  maxPages: number;
  /** Extracted characters (after layout) above this are refused. */
  maxChars: number;
  /** Decompressed size of all non-image streams together, checked before pdf.js parses the file. */
  maxInflatedBytes: number;
  /** Heap of the worker thread that runs pdf.js; a file needing more is refused. */
  workerHeapMb: number;
  /** Wall-clock time pdf.js may take for the whole file. */
  timeoutMs: number;
}

export const PDF_LIMITS: PdfLimits = {
  maxPages: 500,
  // A 500-page statute compilation has about 600,000 characters; four times that is no document.
  maxChars: 2_000_000,
  maxInflatedBytes: 128 * 1024 * 1024,
  workerHeapMb: 1024,
  // About 0.1 s a page on a busy two-core machine: 500 pages fit well within it.
  timeoutMs: 5 * 60_000,
};

export type PdfTextResult = { ok: true; text: string; pages: number; ms: number } | { ok: false; reason: string };

export const PDF_REJECT = {
  notPdf: "不是有效的 PDF 文件（文件开头没有 PDF 标识），可能是改了扩展名的其他文件；请上传原始 PDF。",
  truncated: "PDF 文件不完整（缺少文件结尾，可能是下载或上传中断）；请重新获取完整的文件后再上传。",
  encrypted: "该 PDF 已加密，需要密码才能打开；请去除密码保护后再上传，或上传 .docx/.txt。",
  corrupt: "PDF 文件已损坏，无法读取其中的文字；请重新导出 PDF，或上传 .docx/.txt。",
  scanned: "该 PDF 为扫描件，没有可提取的文字；请上传文字版或 .docx",
  tooComplex: "该 PDF 结构异常或过于复杂，解析超出了时间或内存上限，未导入；请重新导出 PDF，或上传 .docx/.txt。",
  tooManyPages: (pages: number, max: number) => `该 PDF 共 ${pages} 页，超过 ${max} 页的上限；请拆分后再上传。`,
  tooManyChars: (max: number) => `该 PDF 提取出的文字超过 ${max.toLocaleString("en-US")} 字的上限；请拆分后再上传。`,
  inflated: (max: number) =>
    `该 PDF 解压后的数据超过 ${Math.round(max / 1024 / 1024)} MB 的上限（文件异常或被恶意构造），未导入。`,
  mojibake: (page: number) =>
    `第 ${page} 页的文字无法正确提取：PDF 内嵌的中文字体缺少 ToUnicode 映射，提取出来是乱码。请用原始文档重新导出 PDF（嵌入字体时保留文字信息），或上传 .docx/.txt。`,
} as const;

// ---------------------------------------------------------------------------------------------
// Characters

/**
 * CJK Radicals Supplement characters drawn with the same glyph as an ideograph. Fonts such as Noto
 * CJK share one glyph between them, and PDF writers (Chromium/Skia among them) that build the
 * ToUnicode map from the font's cmap pick the lowest code point: 民 comes out as ⺠. NFKC does not
 * decompose this block, so the pairs are listed: every supplement radical that shares its glyph
 * with an ideograph in the cmaps of Noto Sans CJK SC and Noto Serif CJK SC (read from the fonts;
 * component forms such as ⺅ 亻 included, they are the same character in either spelling).
 */
// prettier-ignore
const RADICAL_SUPPLEMENT: Record<string, string> = {
  "\u2E82": "乛", "\u2E83": "乚", "\u2E85": "亻", "\u2E89": "刂", "\u2E8B": "㔾", "\u2E8F": "尣",
  "\u2E90": "尢", "\u2E92": "巳", "\u2E93": "幺", "\u2E94": "彑", "\u2E95": "彐", "\u2E96": "忄",
  "\u2E98": "扌", "\u2E99": "攵", "\u2E9B": "旡", "\u2E9E": "歺", "\u2E9F": "母", "\u2EA0": "民",
  "\u2EA1": "氵", "\u2EA3": "灬", "\u2EA4": "爫", "\u2EA6": "丬", "\u2EA8": "犭", "\u2EAD": "礻",
  "\u2EAF": "糹", "\u2EB0": "纟", "\u2EB1": "罓", "\u2EB3": "㓁", "\u2EB9": "耂", "\u2EBA": "肀",
  "\u2EBE": "艹", "\u2EC2": "衤", "\u2EC5": "见", "\u2EC6": "角", "\u2EC8": "讠", "\u2EC9": "贝",
  "\u2ECB": "车", "\u2ECC": "辶", "\u2ED0": "钅", "\u2ED1": "長", "\u2ED2": "镸", "\u2ED3": "长",
  "\u2ED4": "门", "\u2ED6": "阝", "\u2ED8": "青", "\u2ED9": "韦", "\u2EDA": "页", "\u2EDB": "风",
  "\u2EDC": "飞", "\u2EDD": "食", "\u2EDF": "飠", "\u2EE0": "饣", "\u2EE2": "马", "\u2EE3": "骨",
  "\u2EE4": "鬼", "\u2EE5": "鱼", "\u2EE6": "鸟", "\u2EE7": "卤", "\u2EE8": "麦", "\u2EE9": "黄",
  "\u2EEA": "黾", "\u2EEB": "斉", "\u2EEC": "齐", "\u2EEE": "齿", "\u2EEF": "竜", "\u2EF0": "龙",
  "\u2EF1": "龜", "\u2EF2": "亀", "\u2EF3": "龟", "\u2E8E": "兀", "\u2EAB": "罒", "\u2EB2": "罒",
  "\u2EC1": "虎", "\u2EC3": "覀",
};

/**
 * Ideographs that come out as another code point, found by printing every distinct ideograph of
 * content/ and of the development statutes (2,217) with Chromium in Noto Serif and Noto Sans CJK SC
 * and reading them back: 户 shares its glyph with the Kangxi radical ⼾, whose NFKC form is the
 * Traditional 戶 (a Traditional document is converted to Simplified anyway, so 戶 → 户 is safe);
 * 胶 shares its glyph with the Extension A character 㬵 in Noto Sans CJK SC.
 */
const SHARED_GLYPH: Record<string, string> = { "\u6236": "户", "\u3B35": "胶" };

/**
 * Kangxi radicals (U+2F00–U+2FD5: NFKC maps each to its ideograph), the supplement table and the
 * shared-glyph code points above, back to the ideographs they stand for. NFKC comes first: the
 * radical ⼾ decomposes to 戶, whose glyph in a Simplified font is 户's.
 */
export function mapRadicals(s: string): string {
  return s.replace(/[\u2E80-\u2EFF\u2F00-\u2FD5\u6236\u3B35]/g, (ch) => {
    const ideograph = RADICAL_SUPPLEMENT[ch] ?? (ch >= "\u2F00" && ch <= "\u2FD5" ? ch.normalize("NFKC") : ch);
    return SHARED_GLYPH[ideograph] ?? ideograph;
  });
}

/**
 * Characters official Chinese prose is made of: ASCII, Latin-1 punctuation, general punctuation,
 * letterlike symbols and number forms (℃ Ⅱ ①), CJK punctuation, the unified ideographs and
 * full-width forms. Glyph ids read as code points without a ToUnicode map land mostly elsewhere
 * (control characters, Extension A, symbols, other scripts, private use).
 */
function plausible(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xbf) ||
    cp === 0xd7 ||
    cp === 0xf7 ||
    (cp >= 0x2000 && cp <= 0x206f) ||
    (cp >= 0x2100 && cp <= 0x218f) ||
    (cp >= 0x2460 && cp <= 0x24ff) ||
    (cp >= 0x25a0 && cp <= 0x25ff) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xff00 && cp <= 0xffef)
  );
}

/** Share of a text's non-space characters that are implausible; 0 for an empty text. */
export function implausibleShare(text: string): number {
  let total = 0;
  let bad = 0;
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    total++;
    if (!plausible(ch.codePointAt(0)!)) bad++;
  }
  return total === 0 ? 0 : bad / total;
}

// ---------------------------------------------------------------------------------------------
// Bounded decompression check

const STREAM = Buffer.from("stream");
const ENDSTREAM = Buffer.from("endstream");

/**
 * Sum of the inflated sizes of the file's FlateDecode streams, stopping as soon as it passes `max`
 * (so memory stays bounded by `max`). pdf.js has no such limit, and a few hundred kilobytes of
 * deflated data can expand to gigabytes. Image streams are skipped: text extraction never decodes
 * them. Returns true when the limit is exceeded.
 */
export function exceedsInflateLimit(bytes: Uint8Array, max: number): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let from = 0;
  for (;;) {
    const at = buf.indexOf(STREAM, from);
    if (at < 0) return false;
    from = at + STREAM.length;
    // "endstream" also contains "stream"; only a keyword followed by an end of line opens data.
    if (at >= 3 && buf.subarray(at - 3, at).toString("latin1") === "end") continue;
    let start = from;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && buf[start - 1] !== 0x0d) continue;
    if (buf[start] === 0x0a) start++;
    const dict = buf.subarray(Math.max(0, at - 2048), at).toString("latin1");
    const ownDict = dict.slice(dict.lastIndexOf(" obj") + 1);
    const end = buf.indexOf(ENDSTREAM, start);
    if (end < 0) return false;
    from = end + ENDSTREAM.length;
    if (!/\/FlateDecode\b/.test(ownDict) || /\/Subtype\s*\/Image\b/.test(ownDict)) continue;
    try {
      total += inflateSync(buf.subarray(start, end), {
        maxOutputLength: max - total + 1,
        finishFlush: zlibConstants.Z_SYNC_FLUSH,
      }).length;
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) return true;
      // Damaged data: pdf.js decides what to make of it; it counts for nothing here.
    }
    if (total > max) return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Layout: positioned runs → paragraphs

/** A glyph run from pdf.js in page space (origin bottom left): baseline y, left x, advance width. */
export interface Run {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

export interface Row {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** A page's rows in reading order, grouped by column block: each block has its own margins. */
interface Block {
  rows: Row[];
  left: number;
  right: number;
}

const median = (values: number[]) => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Runs on one baseline (within a third of the font size) form a row, read left to right. */
function buildRows(runs: Run[]): Row[] {
  const sorted = runs.filter((r) => r.str !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Run[][] = [];
  for (const run of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(last[0]!.y - run.y) <= Math.max(1, 0.35 * Math.min(last[0]!.size, run.size))) last.push(run);
    else groups.push([run]);
  }
  const rows: Row[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    let prev: Run | null = null;
    for (const run of group) {
      // A space narrower than a quarter of the font size is justification filler, not a word space.
      if (run.str.trim() === "" && run.w < 0.25 * run.size) continue;
      // Fake bold: the same text drawn twice a fraction of a point apart.
      if (prev && prev.str === run.str && Math.abs(prev.x - run.x) < 0.3 * run.size) continue;
      const gap = run.x - end;
      // A gap stands for a space between Latin words or numbers only: Chinese has none, and justified
      // lines spread their characters apart.
      if (prev && gap > 0.25 * run.size && /[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(run.str)) text += " ";
      text += run.str;
      end = Math.max(end, run.x + run.w);
      prev = run;
    }
    const visible = group.filter((r) => r.str.trim() !== "");
    if (visible.length === 0 || text.trim() === "") continue;
    rows.push({
      text: text.replace(/\s+$/, ""),
      x0: Math.min(...visible.map((r) => r.x)),
      x1: Math.max(...visible.map((r) => r.x + r.w)),
      y: group[0]!.y,
      size: median(visible.map((r) => r.size)),
    });
  }
  return rows;
}

/**
 * A vertical gutter: an x band in the middle of the text that no run covers, on a page where many
 * rows have text on both sides of it. Runs crossing it belong to full-width rows (titles).
 */
function findGutter(runs: Run[]): number | null {
  const visible = runs.filter((r) => r.str.trim() !== "" && r.w > 0);
  if (visible.length < 20) return null;
  const minX = Math.min(...visible.map((r) => r.x));
  const maxX = Math.max(...visible.map((r) => r.x + r.w));
  const width = maxX - minX;
  if (width < 100) return null;
  const size = median(visible.map((r) => r.size));
  // Coverage counts baselines, not runs: some writers emit one run per glyph.
  const lines = new Map<number, Run[]>();
  for (const r of visible) {
    const key = Math.round(r.y / Math.max(1, size * 0.5));
    lines.set(key, [...(lines.get(key) ?? []), r]);
  }
  const bins = new Uint32Array(Math.ceil(width) + 2);
  for (const line of lines.values()) {
    const covered = new Uint8Array(bins.length);
    for (const r of line) for (let x = Math.floor(r.x - minX); x < Math.ceil(r.x + r.w - minX); x++) covered[x] = 1;
    covered.forEach((c, x) => (bins[x]! += c));
  }
  // Full-width rows (a title over both columns) may cross the gutter.
  const allowed = Math.floor(lines.size * 0.15);
  let best: { from: number; to: number } | null = null;
  let start = -1;
  for (let x = Math.floor(width * 0.2); x <= Math.ceil(width * 0.8) + 1; x++) {
    if (x <= Math.ceil(width * 0.8) && bins[x]! <= allowed) {
      if (start < 0) start = x;
    } else if (start >= 0) {
      if (!best || x - start > best.to - best.from) best = { from: start, to: x };
      start = -1;
    }
  }
  if (!best || best.to - best.from < Math.max(6, 0.8 * size)) return null;
  const gutter = minX + (best.from + best.to) / 2;
  // Columns: many baselines carry text on both sides of the gap.
  let both = 0;
  for (const line of lines.values())
    if (line.some((r) => r.x + r.w <= gutter) && line.some((r) => r.x >= gutter)) both++;
  return both >= Math.max(5, lines.size * 0.3) ? gutter : null;
}

function block(rows: Row[]): Block {
  return { rows, left: Math.min(...rows.map((r) => r.x0)), right: Math.max(...rows.map((r) => r.x1)) };
}

/** A page's rows in reading order: full-width rows where they stand, each column block top to bottom. */
export function pageBlocks(runs: Run[]): Block[] {
  const gutter = findGutter(runs);
  if (gutter === null) {
    const rows = buildRows(runs);
    return rows.length ? [block(rows)] : [];
  }
  // Full-width rows cut the page into bands; inside a band, the left column is read before the right.
  const crossing = (r: Run) => r.x < gutter && r.x + r.w > gutter && r.str.trim() !== "";
  const spanning = buildRows(runs.filter(crossing)).map((r) => r.y);
  const blocks: Block[] = [];
  const bandOf = (y: number) => spanning.filter((s) => s > y).length;
  const bands = new Map<number, { left: Run[]; right: Run[]; full: Row[] }>();
  const band = (k: number) => bands.get(k) ?? (bands.set(k, { left: [], right: [], full: [] }), bands.get(k)!);
  // A run on the baseline of a spanning row belongs to that row.
  const onSpanning = (r: Run) => spanning.some((s) => Math.abs(s - r.y) <= 0.35 * r.size);
  const fullRuns = runs.filter((r) => crossing(r) || onSpanning(r));
  for (const row of buildRows(fullRuns)) band(bandOf(row.y + 0.01) * 2 + 1).full.push(row);
  for (const r of runs) {
    if (crossing(r) || onSpanning(r)) continue;
    const b = band(bandOf(r.y) * 2);
    (r.x + r.w / 2 < gutter ? b.left : b.right).push(r);
  }
  for (const k of [...bands.keys()].sort((a, b) => a - b)) {
    const b = bands.get(k)!;
    if (b.full.length) blocks.push(block(b.full));
    for (const side of [b.left, b.right]) {
      const sideRows = buildRows(side);
      if (sideRows.length) blocks.push(block(sideRows));
    }
  }
  return blocks;
}

const PAGE_NUMBER_RE =
  /^[-—–－_·\s]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?(?:\s*[/／]\s*[0-9]{1,4}|\s*共\s*[0-9]{1,4}\s*页)?[-—–－_·\s]*$|^[-—–\s]*[ⅰ-ⅿⅠ-Ⅿivxlc]{1,6}[-—–\s]*$/i;

const edgeKey = (text: string) => text.replace(/[0-9０-９]+/g, "#").replace(/\s+/g, "");

/**
 * Running headers, footers and page numbers: the first and last rows of each page (one or two, set
 * apart from the body) are compared with the other pages' (digits stand for any number, positions
 * within a few points); text that comes back on at least half of the pages, and every edge row that
 * is only a page number, is dropped.
 */
export function dropPageFurniture(pages: Block[][]): Block[][] {
  // Headers and footers sit in the margin, set apart from the body: the one or two outermost rows
  // count only when a gap of more than one and a half line pitches separates them from the next row.
  const edges: Row[][] = [];
  const outermost: Row[][] = [];
  for (const blocks of pages) {
    const byY = blocks.flatMap((b) => b.rows).sort((a, b) => b.y - a.y);
    outermost.push(byY.length ? [byY[0]!, byY[byY.length - 1]!] : []);
    if (byY.length < 2) {
      edges.push(byY);
      continue;
    }
    // The low end of the row distances: a short page's few rows are not all one pitch apart.
    const distances = byY
      .slice(1)
      .map((r, k) => byY[k]!.y - r.y)
      .sort((a, b) => a - b);
    const pitch = distances[Math.floor(distances.length / 4)] || 2 * byY[0]!.size;
    const apart = (outer: Row, inner: Row | undefined) => !inner || Math.abs(outer.y - inner.y) > 1.5 * pitch;
    const group = (rows: Row[]) =>
      apart(rows[1]!, rows[2]) ? rows.slice(0, 2) : apart(rows[0]!, rows[1]) ? rows.slice(0, 1) : [];
    edges.push([...new Set([...group(byY), ...group([...byY].reverse())])]);
  }
  const counts = new Map<string, number>();
  const keyOf = (row: Row) => `${edgeKey(row.text)}@${Math.round(row.y / 4)}`;
  for (const rows of edges) {
    for (const key of new Set(
      rows.flatMap((row) => [keyOf(row), `${edgeKey(row.text)}@${Math.round(row.y / 4) + 1}`]),
    )) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const repeated = (row: Row) => {
    const n = Math.max(
      counts.get(keyOf(row)) ?? 0,
      counts.get(`${edgeKey(row.text)}@${Math.round(row.y / 4) + 1}`) ?? 0,
    );
    return pages.length >= 2 && n >= 2 && n >= pages.length / 2;
  };
  return pages.map((blocks, i) => {
    const drop = new Set([
      ...edges[i]!.filter((row) => repeated(row) || PAGE_NUMBER_RE.test(row.text)),
      // A bare page number is one even where the layout is tight.
      ...outermost[i]!.filter((row) => PAGE_NUMBER_RE.test(row.text)),
    ]);
    // Margins come from what is left: a footer or page number often reaches past the body's.
    return blocks
      .map((b) => b.rows.filter((r) => !drop.has(r)))
      .filter((rows) => rows.length > 0)
      .map(block);
  });
}

// Centred: well clear of both margins (an indented first line is clear of the left one only) and balanced.
const centred = (row: Row, b: Block) =>
  row.x0 > b.left + 3 * row.size &&
  b.right - row.x1 > 3 * row.size &&
  Math.abs(row.x0 - b.left - (b.right - row.x1)) < row.size;

/**
 * Wrapped rows → paragraphs. A row continues the previous one when the previous row reached the
 * right margin (within two and a half characters, or a tenth of a narrow column: line breaking
 * keeps punctuation and numbers together), the row is not indented, the line pitch is ordinary and the font size the same; two
 * centred rows in a row are one wrapped title.
 */
export function paragraphs(pages: Block[][]): string[] {
  // Margins are the column's, not the block's: a block whose rows are all indented, or all short (a
  // list, a last paragraph), does not show them. A block's left margin is the smallest left margin
  // of any block, on any page, at most two and a half characters to its left and overlapping it; its
  // right margin the widest row of the blocks sharing that left margin.
  const all = pages.flat();
  const size = median(all.flatMap((b) => b.rows.map((r) => r.size))) || 12;
  const leftOf = new Map<Block, number>();
  for (const b of all) {
    const near = all.filter((c) => c.left <= b.left && b.left - c.left <= 2.5 * size && c.right > b.left);
    leftOf.set(b, Math.min(b.left, ...near.map((c) => c.left)));
  }
  const rightOf = (left: number) =>
    Math.max(...all.filter((c) => Math.abs(leftOf.get(c)! - left) < 3).map((c) => c.right));
  pages = pages.map((blocks) =>
    blocks.map((b) => ({ ...b, left: leftOf.get(b)!, right: Math.max(b.right, rightOf(leftOf.get(b)!)) })),
  );
  // The line pitch of a font size is the low end of the distances between consecutive rows: where
  // paragraphs are set apart by spacing and most are one or two rows long, the median is the
  // paragraph distance itself.
  const pitchesBySize = new Map<number, number[]>();
  for (const b of pages.flat())
    b.rows.slice(1).forEach((r, i) => {
      const d = b.rows[i]!.y - r.y;
      const key = Math.round(r.size);
      if (d > 0 && Math.abs(b.rows[i]!.size - r.size) <= 0.1 * r.size)
        pitchesBySize.set(key, [...(pitchesBySize.get(key) ?? []), d]);
    });
  const pitchOf = (size: number) => {
    // Rows closer than 0.8 of the size are one line whose baselines jitter (super- and subscripts).
    const sorted = (pitchesBySize.get(Math.round(size)) ?? []).filter((d) => d >= 0.8 * size).sort((a, b) => a - b);
    return sorted.length ? sorted[Math.floor(sorted.length * 0.05)]! : 0;
  };
  const out: string[] = [];
  let prev: { row: Row; block: Block; pitch: number } | null = null;
  for (const blocks of pages) {
    for (const b of blocks) {
      b.rows.forEach((row, i) => {
        const pitch = pitchOf(row.size);
        let join = false;
        if (prev) {
          const p = prev.row;
          const sameSize = Math.abs(p.size - row.size) <= 0.1 * row.size;
          const full = p.x1 >= prev.block.right - Math.min(2.5 * p.size, 0.1 * (prev.block.right - prev.block.left));
          const indented = row.x0 > b.left + 0.5 * row.size;
          const sameBlock = prev.block === b;
          const gap = sameBlock && i > 0 ? p.y - row.y : 0;
          const ordinaryGap = !sameBlock || pitch === 0 || gap <= 1.35 * pitch;
          if (sameSize && ordinaryGap) {
            if (full && !indented && !centred(p, prev.block)) join = true;
            else if (sameBlock && centred(p, b) && centred(row, b) && gap <= 1.6 * row.size) join = true;
          }
        }
        if (join) {
          const last = out[out.length - 1]!;
          out[out.length - 1] =
            /[A-Za-z0-9,.;:]$/.test(last) && /^[A-Za-z0-9]/.test(row.text)
              ? `${last} ${row.text.trimStart()}`
              : last + row.text.trimStart();
        } else {
          out.push(row.text.trim());
        }
        prev = { row, block: b, pitch };
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// pdf.js

/**
 * pdf.js runs in a worker thread: parsing is CPU-bound (about 0.1 s a page) and would otherwise hold
 * the server's event loop for the length of a long document, and a hostile file that makes it
 * allocate without bound (through a filter the inflate check does not cover) only ends the worker,
 * which has its own heap limit and a deadline. The worker only reads glyph runs; everything else
 * (limits, mojibake, layout) happens here. Its source is a string so that it needs no file of its
 * own next to a bundled server build; it loads pdf.js from the installed package.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const pdfjs = await import(workerData.pdfjsUrl);
  const task = pdfjs.getDocument({
    data: workerData.bytes,
    cMapUrl: workerData.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: workerData.standardFontDataUrl,
    // Text only: no fonts installed into a page, no canvas, no eval'd glyph programs, no network.
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: true,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    parentPort.postMessage({ type: "refused", code: error && error.name === "PasswordException" ? "encrypted" : "corrupt" });
    return;
  }
  parentPort.postMessage({ type: "pages", pages: doc.numPages });
  if (doc.numPages > workerData.maxPages) return;
  for (let n = 1; n <= doc.numPages; n++) {
    let runs;
    try {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      runs = [];
      for (const item of content.items) {
        if (typeof item.str !== "string" || item.str === "") continue;
        const [a, b, c, d, e, f] = item.transform;
        runs.push({ str: item.str, a, b, c, d, x: e, y: f, w: item.width, h: item.height, font: item.fontName });
      }
      page.cleanup();
    } catch (error) {
      parentPort.postMessage({ type: "refused", code: "corrupt" });
      return;
    }
    parentPort.postMessage({ type: "page", n, runs });
  }
  await task.destroy();
  parentPort.postMessage({ type: "done" });
})().catch(() => parentPort.postMessage({ type: "refused", code: "corrupt" }));
`;

interface RawRun {
  str: string;
  a: number;
  b: number;
  c: number;
  d: number;
  x: number;
  y: number;
  w: number;
  h: number;
  font: string;
}
type WorkerMessage =
  | { type: "refused"; code: "encrypted" | "corrupt" }
  | { type: "pages"; pages: number }
  | { type: "page"; n: number; runs: RawRun[] }
  | { type: "done" };

/**
 * pdf.js's own data files, read from the installed package: the CMaps that map the predefined
 * Chinese encodings (UniGB-UCS2-H, GBK-EUC-H … used when a font such as 宋体 is named but not
 * embedded) to characters, and the metrics of the 14 standard fonts. Read from disk, never fetched.
 */
function pdfjsFiles() {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("pdfjs-dist/package.json"));
  return {
    pdfjsUrl: pathToFileURL(path.join(root, "legacy/build/pdf.mjs")).href,
    cMapUrl: `${root}/cmaps/`,
    standardFontDataUrl: `${root}/standard_fonts/`,
  };
}

/**
 * Body text is horizontal: rotated or skewed runs are watermarks (内部资料 across the page) and
 * margin notes, which would cut through the rows.
 */
export function upright(r: Pick<RawRun, "a" | "b" | "c" | "d">): boolean {
  return Math.abs(r.b) <= 0.01 * Math.abs(r.a) && Math.abs(r.c) <= 0.01 * Math.abs(r.d) && r.a > 0 && r.d > 0;
}

/** Private-use code points (bullets of symbol fonts) are no text. */
const PRIVATE_USE_RE = /[\uE000-\uF8FF]/g;

/**
 * A font whose characters are mostly implausible, with many different ones, is a CJK font without a
 * ToUnicode map even when the other fonts of the page read well (a heading font, say). A symbol
 * font repeats a few bullets, and is not mistaken for one.
 */
export function garbledPage(runs: Pick<RawRun, "str" | "font">[]): boolean {
  // Private-use characters are dropped from the text anyway; a garbled font using them is caught below.
  const text = runs
    .map((r) => r.str)
    .join("")
    .replace(PRIVATE_USE_RE, "");
  if (text.replace(/\s/g, "").length >= 10 && implausibleShare(text) > 0.2) return true;
  const byFont = new Map<string, string>();
  for (const r of runs) byFont.set(r.font, (byFont.get(r.font) ?? "") + r.str);
  for (const fontText of byFont.values()) {
    const chars = [...fontText.replace(/\s/g, "")];
    if (chars.length >= 10 && new Set(chars).size >= 10 && implausibleShare(fontText) > 0.5) return true;
  }
  return false;
}

function hasEof(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(
    Math.max(0, bytes.byteLength - 2048),
  );
  return tail.includes("%%EOF") && tail.includes("startxref");
}

function isPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes("%PDF-");
}

/**
 * The text of a PDF, one paragraph per line, or the reason it cannot be imported. Nothing is
 * stored; the caller hands the text to the same pipeline as a .txt.
 */
export async function pdfToText(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<PdfTextResult> {
  const started = Date.now();
  if (!isPdfHeader(bytes)) return { ok: false, reason: PDF_REJECT.notPdf };
  if (!hasEof(bytes)) return { ok: false, reason: PDF_REJECT.truncated };
  if (exceedsInflateLimit(bytes, limits.maxInflatedBytes))
    return { ok: false, reason: PDF_REJECT.inflated(limits.maxInflatedBytes) };

  const pages: Block[][] = [];
  let pageCount = 0;
  let chars = 0;
  const refusal = await new Promise<string | null>((resolve) => {
    // A copy: the caller's buffer stays attached and unchanged.
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...pdfjsFiles(), bytes: new Uint8Array(bytes), maxPages: limits.maxPages },
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb },
    });
    let settled = false;
    const finish = (reason: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(reason);
    };
    const timer = setTimeout(() => finish(PDF_REJECT.tooComplex), limits.timeoutMs);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "refused") finish(message.code === "encrypted" ? PDF_REJECT.encrypted : PDF_REJECT.corrupt);
      else if (message.type === "pages") {
        pageCount = message.pages;
        if (pageCount > limits.maxPages) finish(PDF_REJECT.tooManyPages(pageCount, limits.maxPages));
      } else if (message.type === "page") {
        if (garbledPage(message.runs)) return finish(PDF_REJECT.mojibake(message.n));
        const runs: Run[] = message.runs.filter(upright).map((r) => ({
          str: mapRadicals(r.str).replace(PRIVATE_USE_RE, ""),
          x: r.x,
          y: r.y,
          w: r.w,
          size: Math.hypot(r.c, r.d) || r.h,
        }));
        chars += runs.reduce((sum, r) => sum + r.str.length, 0);
        if (chars > limits.maxChars) return finish(PDF_REJECT.tooManyChars(limits.maxChars));
        pages.push(pageBlocks(runs));
      } else finish(null);
    });
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or a crash inside pdf.js.
    worker.on("error", (error: Error & { code?: string }) =>
      finish(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? PDF_REJECT.tooComplex : PDF_REJECT.corrupt),
    );
    worker.on("exit", () => finish(PDF_REJECT.corrupt));
  });
  if (refusal !== null) return { ok: false, reason: refusal };

  const text = paragraphs(dropPageFurniture(pages)).join("\n");
  // A scan has no text layer, or only a stray page number or stamp per page.
  const meaningful = text.replace(/[\s\p{P}\p{S}]/gu, "").length;
  if (meaningful < Math.max(20, 5 * pageCount)) return { ok: false, reason: PDF_REJECT.scanned };
  return { ok: true, text, pages: pageCount, ms: Date.now() - started };
}
