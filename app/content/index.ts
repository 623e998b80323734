/**
 * The content pipeline: bytes → documents → passages. Pure (no database, no Remix); used by
 * `scripts/content.ts` and by the admin upload route.
 *
 *   decode → normalize (+ page-break joins, line map) → split into documents → infer metadata
 *   → structure into passages → apply manifest overrides
 */
import { decodeBytes, type SourceEncoding } from "./decode";
import {
  inferDateAndOrigin,
  inferFileYear,
  inferKind,
  inferRegion,
  type DocumentKind,
} from "./infer";
import {
  overridesForDocument,
  overridesForFile,
  parseManifest,
  type DocumentOverrides,
  type FileOverrides,
  type Manifest,
} from "./manifest";
import { looksTraditional, normalizeText, rawRange } from "./normalize";
import { splitDocuments } from "./split";
import { structureDocument, type ParsedPassage } from "./structure";
import { sha256, shortHash } from "./text";

export type { DocumentKind } from "./infer";
export type { DocumentOverrides, FileOverrides, Manifest } from "./manifest";
export type { LawArticle, LawClause, LawItem, ParsedPassage, PassageRole } from "./structure";
export type { SourceEncoding } from "./decode";
export { decodeBytes, REJECT } from "./decode";
export { normalizeText, cleanLine } from "./normalize";
export { parseManifest } from "./manifest";
export { DOCUMENT_KINDS } from "./infer";

export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

export interface ParsedDocument {
  /** `${fileStem}--${hash(inferred title)}`: stable across re-imports and manifest title edits. */
  id: string;
  title: string;
  kind: DocumentKind;
  /** YYYY-MM-DD or null when the text does not say. */
  date: string | null;
  /** 全国, a province (湖南, 内蒙古 …) or a city (广州, 长沙 …); null when unknown. */
  region: string | null;
  /** Publisher or agency: 新华社, 《求是》2024年第2期, “学习强国”学习平台 … */
  origin: string | null;
  source: { file: string; startLine: number; endLine: number };
  /** Normalized text: passages joined by newlines. */
  text: string;
  /** Raw source lines of the document (title included). */
  rawText: string;
  /** sha256 of `text`. */
  contentHash: string;
  passages: ParsedPassage[];
}

export type ParseFileResult =
  | { ok: true; file: string; encoding: SourceEncoding; traditional: boolean; documents: ParsedDocument[] }
  | { ok: false; file: string; reason: string };

export interface ParseFilesResult {
  files: ParseFileResult[];
  documents: ParsedDocument[];
  rejected: { file: string; reason: string }[];
  /** Problems in manifest.yaml (the manifest is then ignored). */
  manifestErrors: string[];
  /**
   * Non-boilerplate passages whose normalized text is identical (the same paragraph in two files or
   * twice in one): each group lists passage ids, first occurrence first.
   */
  duplicateGroups: { textHash: string; passageIds: string[] }[];
}

const fileStem = (name: string) => (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]+$/, "");

function applyOverrides(doc: ParsedDocument, o: DocumentOverrides | undefined): void {
  if (!o) return;
  if (o.title !== undefined) doc.title = o.title;
  if (o.kind !== undefined) doc.kind = o.kind;
  if (o.date !== undefined) doc.date = o.date;
  if (o.region !== undefined) doc.region = o.region;
  if (o.origin !== undefined) doc.origin = o.origin;
}

/**
 * A statute's title is its name alone: an edition note after it (`（2018年修正）`, `（2015年7月1日…通过）`)
 * belongs to its history, not to the name every question cites.
 */
const EDITION_NOTE_RE = /\s*[（(][^（）()]*(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年[^（）()]*(?:通过|修正|修订|公布|施行|文本|版)[^（）()]*[）)]$/;

export function lawName(title: string): string {
  const name = title.replace(EDITION_NOTE_RE, "").trim();
  return name === "" ? title : name;
}

/** Parse already-decoded text. `file` is the name recorded in sources and ids. */
export function parseText(file: string, text: string, overrides?: FileOverrides): ParsedDocument[] {
  const norm = normalizeText(text);
  const { documents: slices } = splitDocuments(norm.paragraphs, norm.toc);
  const fileYear = inferFileYear(norm.paragraphs, norm.cover);
  const stem = fileStem(file);
  const usedIds = new Set<string>();

  let previousDate: string | null = null;
  const documents = slices.map((slice) => {
    const header = slice.paragraphs.slice(0, slice.headerCount);
    const body = slice.paragraphs.slice(slice.headerCount);
    const kind = inferKind(slice.title || stem, body);
    const title = kind === "law" ? lawName(slice.title || stem) : slice.title || stem;
    const { date, origin } = inferDateAndOrigin(title, header, body, fileYear, previousDate);
    if (date) previousDate = date;
    const region = inferRegion(title, kind, body);

    // Same title twice in one file (two 中央政治局会议 in a compilation): the date tells them apart,
    // then the position as a last resort.
    let id = `${stem}--${shortHash(title, 8)}`;
    if (usedIds.has(id)) id = `${stem}--${shortHash(`${title}|${date ?? ""}`, 8)}`;
    for (let n = 2; usedIds.has(id); n++) id = `${stem}--${shortHash(title, 8)}-${n}`;
    usedIds.add(id);

    const passages = structureDocument(slice, kind, id, norm.rawLines);
    const docText = passages.map((p) => p.text).join("\n");
    const doc: ParsedDocument = {
      id,
      title,
      kind,
      date,
      region,
      origin,
      source: { file, startLine: slice.startLine, endLine: slice.endLine },
      text: docText,
      rawText: rawRange(norm.rawLines, slice.startLine, slice.endLine),
      contentHash: sha256(docText),
      passages,
    };
    return doc;
  });

  // Pieces of a regional compilation that never name their place belong to the file's place.
  const regional = documents.map((d) => d.region).filter((r): r is string => r !== null && r !== "全国");
  if (regional.length > 0 && !documents.some((d) => d.region === "全国")) {
    const counts = new Map<string, number>();
    for (const r of regional) counts.set(r, (counts.get(r) ?? 0) + 1);
    const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    for (const d of documents) if (d.region === null && top) d.region = top[0];
  }

  for (const doc of documents) {
    if (documents.length === 1) applyOverrides(doc, overrides);
    else if (overrides) {
      const { title: _ignoredTitle, ...fileLevel } = overrides;
      applyOverrides(doc, fileLevel);
    }
    applyOverrides(doc, overridesForDocument(overrides, { id: doc.id, title: doc.title }));
  }
  return documents;
}

export function parseFile(input: SourceFile, overrides?: FileOverrides): ParseFileResult {
  const decoded = decodeBytes(input.name, input.bytes);
  if (!decoded.ok) return decoded;
  const documents = parseText(input.name, decoded.text, overrides);
  if (documents.length === 0) return { ok: false, file: input.name, reason: "没有可识别的正文内容" };
  const traditional = looksTraditional(decoded.text);
  return { ok: true, file: input.name, encoding: decoded.encoding, traditional, documents };
}

export function parseFiles(files: readonly SourceFile[], manifestText?: string): ParseFilesResult {
  let manifestErrors: string[] = [];
  let manifest: Manifest | undefined;
  if (manifestText !== undefined && manifestText.trim() !== "") {
    const m = parseManifest(manifestText);
    if (m.ok) manifest = m.manifest;
    else manifestErrors = m.errors;
  }
  const results = files.map((f) => parseFile(f, overridesForFile(manifest, f.name)));
  const documents = results.flatMap((r) => (r.ok ? r.documents : []));
  const rejected = results.flatMap((r) => (r.ok ? [] : [{ file: r.file, reason: r.reason }]));

  const byHash = new Map<string, string[]>();
  for (const d of documents) {
    for (const p of d.passages) {
      if (p.boilerplate || p.role === "heading" || p.text.length < 12) continue;
      const ids = byHash.get(p.textHash);
      if (ids) ids.push(p.id);
      else byHash.set(p.textHash, [p.id]);
    }
  }
  const duplicateGroups = [...byHash.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([textHash, passageIds]) => ({ textHash, passageIds }));

  return { files: results, documents, rejected, manifestErrors, duplicateGroups };
}
