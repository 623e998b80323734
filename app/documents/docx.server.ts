/**
 * .docx → plain text, guarded against zip bombs. A .docx is a zip of XML parts; a hostile one
 * declares (or hides) a word/document.xml that inflates to hundreds of MB, and mammoth builds a DOM
 * of all of it (300 MB inflated took the server past 6 GB). So the archive is read here first: the
 * central directory's declared sizes and compression ratios are checked, every XML part is inflated
 * with a hard output cap (a part that lies about its size stops at the cap, it is never inflated in
 * full), the paragraphs of the body are counted, and only then does mammoth see a rebuilt archive
 * holding just the parts it reads, already inflated and measured.
 */
import { inflateRawSync } from "node:zlib";
import { writeZip } from "./zip";
import mammoth from "mammoth";

export const DOCX_LIMITS = {
  /** word/document.xml inflated. A 300-page report is a few MB of XML. */
  documentXmlBytes: 10 * 1024 * 1024,
  /** All XML parts together (styles, numbering, notes, headers…). */
  totalXmlBytes: 20 * 1024 * 1024,
  /** Inflated / compressed, for parts over 1 MB: Word's XML compresses about 5–20 times. */
  compressionRatio: 200,
  /** <w:p> elements in the body: one line each in the text. */
  paragraphs: 20_000,
  /** Entries in the archive (a real .docx has a few dozen). */
  entries: 5_000,
} as const;

/** A refusal with the message the administrator sees. */
export class DocxRefusal extends Error {}

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const TOO_LARGE = `Word 文档内容过大：解压后超过 ${MB(DOCX_LIMITS.documentXmlBytes)}（疑似压缩炸弹或内容异常），未导入。请拆分文档或另存为 .txt 后再上传。`;
const CORRUPT = "无法读取这个 Word 文档：文件已损坏，或不是 .docx 格式。";

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The central directory: where each part is, how it is compressed and how large it says it is. */
function centralDirectory(zip: Buffer): Entry[] {
  // The end-of-central-directory record is in the last 64 KB + 22 bytes (after an optional comment).
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new DocxRefusal(CORRUPT);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const offset = zip.readUInt32LE(end + 16);
  // ZIP64 markers: a Word document never needs them (parts of 4 GB), a bomb might.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new DocxRefusal(TOO_LARGE);
  if (count > DOCX_LIMITS.entries) throw new DocxRefusal(`Word 文档结构异常（包含 ${count} 个部件），未导入。`);
  if (offset + size > zip.length) throw new DocxRefusal(CORRUPT);
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new DocxRefusal(CORRUPT);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One part's bytes, inflated with the output capped at what it declared (and at `cap`). */
function inflateEntry(zip: Buffer, entry: Entry, cap: number): Buffer {
  const local = entry.localOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new DocxRefusal(CORRUPT);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new DocxRefusal(CORRUPT);
  if (entry.flags & 0x1) throw new DocxRefusal("Word 文档已加密，无法读取。请取消密码保护后再上传。");
  if (entry.method === 0) {
    if (entry.size !== data.length) throw new DocxRefusal(CORRUPT);
    return Buffer.from(data);
  }
  if (entry.method !== 8) throw new DocxRefusal(CORRUPT);
  let out: Buffer;
  try {
    // zlib stops as soon as the output passes the limit: a part that lies about its size costs at
    // most `cap` bytes, never its real inflated size.
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(entry.size, cap)) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      throw new DocxRefusal(entry.size > cap ? TOO_LARGE : CORRUPT);
    }
    throw new DocxRefusal(CORRUPT);
  }
  if (out.length !== entry.size) throw new DocxRefusal(CORRUPT);
  return out;
}

/** The XML parts mammoth reads, checked and inflated; media and other binaries are left out. */
export function readDocxParts(bytes: Uint8Array): Map<string, Buffer> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(zip).filter((e) => /\.(xml|rels)$/i.test(e.name) && !e.name.endsWith("/"));
  const body = entries.find((e) => e.name === "word/document.xml");
  if (!body) throw new DocxRefusal(CORRUPT);
  // Declared sizes first: most bombs say what they are, and are refused before any inflating.
  let declared = 0;
  for (const entry of entries) {
    declared += entry.size;
    if (entry === body && entry.size > DOCX_LIMITS.documentXmlBytes) throw new DocxRefusal(TOO_LARGE);
    if (entry.size > 1024 * 1024 && entry.size / Math.max(1, entry.compressedSize) > DOCX_LIMITS.compressionRatio)
      throw new DocxRefusal(TOO_LARGE);
  }
  if (declared > DOCX_LIMITS.totalXmlBytes) throw new DocxRefusal(TOO_LARGE);
  const parts = new Map<string, Buffer>();
  let inflated = 0;
  for (const entry of entries) {
    const cap = Math.min(
      entry === body ? DOCX_LIMITS.documentXmlBytes : DOCX_LIMITS.totalXmlBytes,
      DOCX_LIMITS.totalXmlBytes - inflated,
    );
    const data = inflateEntry(zip, entry, cap);
    inflated += data.length;
    parts.set(entry.name, data);
  }
  return parts;
}

/** Counts <w:p> / <w:p …> elements (not <w:pPr>, <w:proofErr>…) without building anything. */
export function countParagraphs(xml: Buffer): number {
  const text = xml.toString("latin1");
  let count = 0;
  const pattern = /<w:p[\s>/]/g;
  while (pattern.exec(text) !== null) count++;
  return count;
}

/** A zip of stored (uncompressed) entries: what mammoth reads once the parts have been measured. */
function storedZip(parts: Map<string, Buffer>): Buffer {
  return writeZip([...parts].map(([name, data]) => ({ name, data })));
}

/**
 * A .docx as plain text, one paragraph per line (mammoth separates paragraphs with a blank line;
 * the content pipeline reads lines as paragraphs, so the blank lines would only add noise).
 * Throws DocxRefusal with the Chinese reason when the file is refused.
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  const parts = readDocxParts(bytes);
  const paragraphs = countParagraphs(parts.get("word/document.xml")!);
  if (paragraphs > DOCX_LIMITS.paragraphs) {
    throw new DocxRefusal(
      `Word 文档段落过多（${paragraphs} 段，上限 ${DOCX_LIMITS.paragraphs} 段），未导入。请拆分后再上传。`,
    );
  }
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: storedZip(parts) }));
  } catch {
    throw new DocxRefusal(CORRUPT);
  }
  return value
    .split(/\n+/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "")
    .join("\n");
}
