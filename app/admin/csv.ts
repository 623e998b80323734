/**
 * CSV in for administrators. Pure (no database): decoding what Excel saves on a Chinese Windows
 * machine, and RFC 4180 parsing. Files are written by the shared writer in ~/csv.
 */

export type CsvDecodeResult =
  { ok: true; text: string; encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "gb18030" } | { ok: false; reason: string };

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * "CSV UTF-8" from Excel carries a BOM; plain "CSV" on a Chinese Windows is GBK (read as GB18030,
 * its superset); "Unicode text" is UTF-16LE. Valid UTF-8 wins: GBK bytes are almost never valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): CsvDecodeResult {
  if (bytes.length === 0) return { ok: false, reason: "文件为空" };
  let text: string | null;
  let encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "gb18030";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = tryDecode("utf-8", bytes.subarray(3));
    encoding = "utf-8-bom";
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = tryDecode("utf-16le", bytes.subarray(2));
    encoding = "utf-16le";
  } else {
    if (bytes.includes(0))
      return { ok: false, reason: "不是文本文件（疑似二进制，例如 .xlsx）。请在 Excel 中“另存为 CSV”后上传。" };
    text = tryDecode("utf-8", bytes);
    encoding = "utf-8";
    if (text === null) {
      text = tryDecode("gb18030", bytes);
      encoding = "gb18030";
    }
  }
  if (text === null) return { ok: false, reason: "无法识别的编码（应为 UTF-8 或 GBK）" };
  if (text.trim() === "") return { ok: false, reason: "文件为空" };
  return { ok: true, text, encoding };
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts, for error messages people can find. */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; reason: string };

/**
 * RFC 4180 with the liberties spreadsheets take: CRLF or LF, quoted fields with doubled quotes and
 * line breaks, comma or (for "Unicode text" exports) tab as the delimiter, blank lines skipped.
 */
export function parseCsv(text: string): CsvParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = "";
      fieldStarted = false;
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      if (c !== " " && c !== "\t") fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, reason: `第 ${recordLine} 行的引号没有闭合` };
  endRecord();
  return { ok: true, records };
}
