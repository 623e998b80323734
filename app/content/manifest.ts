/**
 * Optional `content/manifest.yaml`: corrections an administrator makes where inference cannot know
 * (a date the text never states, a preferred title). Pure: takes the YAML text.
 *
 * ```yaml
 * files:                                  # the `files:` wrapper is optional
 *   003_f10083796e051e66.txt:
 *     date: 2024-03-13                    # file-level fields apply to every document of the file
 *     region: 长沙                         # (title only when the file holds a single document)
 *     documents:
 *       吴桂英在长沙市传达学习全国两会精神会议上强调:   # inferred title, a prefix of it, or a document id
 *         title: 吴桂英在长沙市传达学习全国两会精神会议上强调
 *         kind: meeting
 * ```
 */
import { parse } from "yaml";
import { DOCUMENT_KINDS, type DocumentKind } from "./infer";

export interface DocumentOverrides {
  title?: string;
  kind?: DocumentKind;
  date?: string | null;
  region?: string | null;
  origin?: string | null;
}

export interface FileOverrides extends DocumentOverrides {
  /** Keyed by inferred title, title prefix (≥ 4 characters) or document id. */
  documents?: Record<string, DocumentOverrides>;
}

export interface Manifest {
  files: Record<string, FileOverrides>;
}

export type ManifestResult = { ok: true; manifest: Manifest } | { ok: false; errors: string[] };

const FIELDS = new Set(["title", "kind", "date", "region", "origin"]);

function readOverrides(value: unknown, where: string, errors: string[], allowDocuments: boolean): FileOverrides {
  const out: FileOverrides = {};
  if (value === null || value === undefined) return out;
  if (typeof value !== "object" || Array.isArray(value)) {
    errors.push(`${where}：应为键值对`);
    return out;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === "documents" && allowDocuments) {
      if (typeof v !== "object" || v === null || Array.isArray(v)) {
        errors.push(`${where}.documents：应为以标题为键的键值对`);
        continue;
      }
      out.documents = {};
      for (const [docKey, docValue] of Object.entries(v as Record<string, unknown>)) {
        out.documents[docKey] = readOverrides(docValue, `${where}.documents.${docKey}`, errors, false);
      }
      continue;
    }
    if (!FIELDS.has(key)) {
      errors.push(`${where}：未知字段 ${key}`);
      continue;
    }
    if (key === "date") {
      const date = v instanceof Date ? v.toISOString().slice(0, 10) : v;
      if (date === null) out.date = null;
      else if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date))) out.date = date;
      else errors.push(`${where}.date：日期格式应为 YYYY-MM-DD`);
    } else if (key === "kind") {
      if (typeof v === "string" && (DOCUMENT_KINDS as readonly string[]).includes(v)) out.kind = v as DocumentKind;
      else errors.push(`${where}.kind：应为 ${DOCUMENT_KINDS.join(" / ")} 之一`);
    } else if (key === "region" || key === "origin") {
      if (v === null) out[key] = null;
      else if (typeof v === "string" && v.trim() !== "") out[key] = v.trim();
      else errors.push(`${where}.${key}：应为文字或 null`);
    } else if (key === "title") {
      if (typeof v === "string" && v.trim() !== "") out.title = v.trim();
      else errors.push(`${where}.title：不能为空`);
    }
  }
  return out;
}

export function parseManifest(yamlText: string): ManifestResult {
  let data: unknown;
  try {
    data = parse(yamlText);
  } catch (error) {
    return { ok: false, errors: [`manifest.yaml 无法解析：${(error as Error).message}`] };
  }
  if (data === null || data === undefined) return { ok: true, manifest: { files: {} } };
  if (typeof data !== "object" || Array.isArray(data)) return { ok: false, errors: ["manifest.yaml 顶层应为以文件名为键的键值对"] };
  const root = data as Record<string, unknown>;
  const filesNode = "files" in root && typeof root.files === "object" && root.files !== null ? root.files : root;
  const errors: string[] = [];
  const files: Record<string, FileOverrides> = {};
  for (const [file, value] of Object.entries(filesNode as Record<string, unknown>)) {
    files[file] = readOverrides(value, file, errors, true);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, manifest: { files } };
}

/** Overrides for a file, matched by exact name or by name without extension. */
export function overridesForFile(manifest: Manifest | undefined, fileName: string): FileOverrides | undefined {
  if (!manifest) return undefined;
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return manifest.files[base] ?? manifest.files[base.replace(/\.[^.]+$/, "")];
}

/** The document-level entry for a document, if any (exact title, id, then longest title prefix). */
export function overridesForDocument(
  file: FileOverrides | undefined,
  doc: { id: string; title: string },
): DocumentOverrides | undefined {
  const docs = file?.documents;
  if (!docs) return undefined;
  if (docs[doc.title]) return docs[doc.title];
  if (docs[doc.id]) return docs[doc.id];
  const keys = Object.keys(docs)
    .filter((k) => k.length >= 4 && doc.title.startsWith(k))
    .sort((a, b) => b.length - a.length);
  return keys[0] ? docs[keys[0]] : undefined;
}
