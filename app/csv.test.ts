import { describe, expect, it } from "vitest";
import { csvCell, csvRows, toCsv } from "./csv";

describe("the shared CSV writer", () => {
  it("writes a BOM, Chinese headers, CRLF, RFC 4180 quoting, and numbers as numbers", () => {
    const csv = toCsv(
      ["姓名", "得分"],
      [
        ['王,"小"明', 85.5],
        ["=1+1", -3],
        ["多行\n文本", null],
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe('姓名,得分\r\n"王,""小""明",85.5\r\n\'=1+1,-3\r\n"多行\n文本",\r\n');
    expect(csvCell(0)).toBe("0");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("是");
    expect(csvCell(" 空格")).toBe('" 空格"');
  });

  it("neutralizes every text a spreadsheet would evaluate, a leading minus included", () => {
    for (const text of ["=SUM(A1)", "+1", "-A1", "-2+3", "@cmd", "\t=1", "\r=1", "-li"]) {
      expect(csvCell(text).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("-A1")).toBe("'-A1");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    // Numbers are numbers, never neutralized; ordinary text is left alone.
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("张三")).toBe("张三");
    expect(csvCell("a-b")).toBe("a-b");
  });

  it("writes rows without a BOM for text wrapped later", () => {
    expect(
      csvRows([
        ["用户名", "临时密码"],
        ["-A1", "abc"],
      ]),
    ).toBe("用户名,临时密码\r\n'-A1,abc\r\n");
  });
});
