import { describe, expect, it } from "vitest";
import { decodeBytes, REJECT } from "./decode";
import { parseFile } from "./index";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeBytes", () => {
  it("decodes UTF-8 without BOM", () => {
    const r = decodeBytes("a.txt", utf8("中文标题\n正文。"));
    expect(r).toEqual({ ok: true, file: "a.txt", text: "中文标题\n正文。", encoding: "utf-8" });
  });

  it("strips a UTF-8 BOM", () => {
    const r = decodeBytes("bom.txt", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("中文")]));
    expect(r.ok && r.text).toBe("中文");
    expect(r.ok && r.encoding).toBe("utf-8-bom");
  });

  it("converts CRLF and lone CR to LF so line numbers stay those of the source", () => {
    const r = decodeBytes("crlf.txt", utf8("第一行。\r\n第二行。\r第三行。"));
    expect(r.ok && r.text).toBe("第一行。\n第二行。\n第三行。");
  });

  it("detects GBK (GB18030) when the bytes are not valid UTF-8", () => {
    // 中 = D6 D0, 文 = CE C4 in GBK.
    const bytes = new Uint8Array([0xd6, 0xd0, 0xce, 0xc4, 0x0d, 0x0a, 0x41, 0xd6, 0xd0, 0xce, 0xc4]);
    const r = decodeBytes("gbk.txt", bytes);
    expect(r).toEqual({ ok: true, file: "gbk.txt", text: "中文\nA中文", encoding: "gb18030" });
  });

  it("decodes UTF-16 with a byte-order mark", () => {
    const s = "中文。";
    const le = new Uint8Array(2 + s.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      le[2 + i * 2] = c & 0xff;
      le[3 + i * 2] = c >> 8;
    }
    const r = decodeBytes("u16.txt", le);
    expect(r.ok && r.text).toBe("中文。");
  });

  it("rejects an empty or blank file", () => {
    expect(decodeBytes("e.txt", new Uint8Array())).toEqual({ ok: false, file: "e.txt", reason: REJECT.empty });
    expect(decodeBytes("b.txt", utf8(" \n\t\n"))).toEqual({ ok: false, file: "b.txt", reason: "文件为空" });
  });

  it("rejects binary content", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(decodeBytes("x.png", png)).toEqual({ ok: false, file: "x.png", reason: "不是文本文件（疑似二进制）" });
  });

  it("rejects bytes that are neither UTF-8 nor GBK", () => {
    const r = decodeBytes("bad.txt", new Uint8Array([0xe4, 0xb8, 0xad, 0xff, 0xff, 0xff]));
    expect(r).toEqual({ ok: false, file: "bad.txt", reason: "无法识别的编码（不是 UTF-8 或 GBK）" });
  });

  it("rejects text without any Chinese", () => {
    expect(decodeBytes("en.txt", utf8("Hello world.\nNothing here."))).toEqual({
      ok: false,
      file: "en.txt",
      reason: "没有中文内容",
    });
  });

  it("removes a few stray control characters instead of rejecting the file", () => {
    const r = decodeBytes("c.txt", utf8("中文\u0007正文。"));
    expect(r.ok && r.text).toBe("中文正文。");
  });
});

describe("parseFile on unusual encodings", () => {
  it("parses a GBK file with CRLF into a document", () => {
    // 中文国家中文 / 中文。 with a CRLF between: a title line and a body line (国 = B9 FA, 家 = BC D2, 。 = A1 A3).
    const title = [0xd6, 0xd0, 0xce, 0xc4, 0xb9, 0xfa, 0xbc, 0xd2, 0xd6, 0xd0, 0xce, 0xc4];
    const bytes = new Uint8Array([...title, 0x0d, 0x0a, 0xd6, 0xd0, 0xce, 0xc4, 0xa1, 0xa3]);
    const r = parseFile({ name: "gbk.txt", bytes });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.encoding).toBe("gb18030");
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0]!.title).toBe("中文国家中文");
    expect(r.documents[0]!.passages.map((p) => [p.text, p.startLine])).toEqual([["中文。", 2]]);
  });

  it("returns the rejection reason for a binary file", () => {
    const r = parseFile({ name: "x.bin", bytes: new Uint8Array([0, 1, 2, 3]) });
    expect(r).toEqual({ ok: false, file: "x.bin", reason: "不是文本文件（疑似二进制）" });
  });
});
