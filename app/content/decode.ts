/**
 * Bytes → text. Official documents arrive as UTF-8 (with or without BOM) or, from older Windows
 * tooling, GBK/GB18030. Anything else gets a clear Chinese reason instead of a half-decoded mess.
 */
import { countCjk } from "./text";

export type SourceEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

export type DecodeResult =
  | { ok: true; file: string; text: string; encoding: SourceEncoding }
  | { ok: false; file: string; reason: string };

export const REJECT = {
  empty: "文件为空",
  binary: "不是文本文件（疑似二进制）",
  encoding: "无法识别的编码（不是 UTF-8 或 GBK）",
  noChinese: "没有中文内容",
} as const;

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Control characters other than TAB/LF/CR/FF/VT/ESC are a strong binary signal. A NUL byte alone is
 * enough (text formats we accept never contain one; UTF-16 is recognised by its BOM before this check).
 */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) control++;
  }
  return control > 8 && control / n > 0.01;
}

export function decodeBytes(file: string, bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, file, reason: REJECT.empty };

  let text: string | null = null;
  let encoding: SourceEncoding = "utf-8";

  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = tryDecode("utf-16le", bytes.subarray(2));
    encoding = "utf-16le";
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = tryDecode("utf-16be", bytes.subarray(2));
    encoding = "utf-16be";
  } else {
    if (looksBinary(bytes)) return { ok: false, file, reason: REJECT.binary };
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      text = tryDecode("utf-8", bytes.subarray(3));
      encoding = "utf-8-bom";
    } else {
      text = tryDecode("utf-8", bytes);
      encoding = "utf-8";
      // Invalid UTF-8 that is valid GB18030 (a superset of GBK/GB2312) is taken as GB18030. Valid UTF-8
      // is never re-tried: UTF-8 Chinese is almost never valid GBK by accident, but the reverse is not true.
      if (text === null) {
        text = tryDecode("gb18030", bytes);
        encoding = "gb18030";
      }
    }
  }
  if (text === null) return { ok: false, file, reason: REJECT.encoding };

  // CRLF (Windows) and lone CR (old Mac) both become LF so that line numbers match `sed -n Np`.
  text = text.replace(/\r\n?/g, "\n");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  if (text.trim() === "") return { ok: false, file, reason: REJECT.empty };
  // A few stray control characters (copy-paste accidents) are removed; many mean it was never text.
  const controls = text.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g)?.length ?? 0;
  if (controls > 8 && controls / text.length > 0.01) return { ok: false, file, reason: REJECT.binary };
  if (controls > 0) text = text.replace(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g, "");
  if (countCjk(text) === 0) return { ok: false, file, reason: REJECT.noChinese };
  return { ok: true, file, text, encoding };
}
