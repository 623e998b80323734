/**
 * Statutes in the common published layouts: a title line, then the adoption and amendment record
 * (题注) as plain lines or in parentheses, then the chapters. The title is the statute's name alone;
 * the record is one passage of its own (path 题注, role history) kept verbatim, and dates the
 * document. The six dev statutes are public texts copied from ../shared/dev-eval/documents; the
 * expectations are derived from each file itself (its title line, its record lines, the date in its
 * file name), never written per statute.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lawName, parseFile, parseFiles, parseText, type ParsedDocument } from "./index";
import { historyDates, lawHistoryDate } from "./infer";
import { isLawHistoryLine } from "./patterns";

const devDir = fileURLToPath(new URL("../../tests/fixtures/dev-statutes/", import.meta.url));
const fixtureDir = fileURLToPath(new URL("../../tests/fixtures/content/", import.meta.url));
const devNames = readdirSync(devDir).filter((n) => n.endsWith(".md")).sort();

function parseOne(dir: string, name: string): ParsedDocument {
  const r = parseFile({ name, bytes: new Uint8Array(readFileSync(dir + name)) });
  if (!r.ok) throw new Error(`${name}: ${r.reason}`);
  expect(r.documents).toHaveLength(1);
  return r.documents[0]!;
}

/** The layout read naively: `# title`, the record lines up to `<!-- INFO END -->`. */
function layoutOf(name: string): { title: string; record: string[] } {
  const lines = readFileSync(devDir + name, "utf8").split("\n").map((l) => l.trim());
  const titleAt = lines.findIndex((l) => l.startsWith("# "));
  const end = lines.indexOf("<!-- INFO END -->");
  return { title: lines[titleAt]!.slice(2).trim(), record: lines.slice(titleAt + 1, end).filter((l) => l !== "") };
}

describe("the dev statutes (markdown: title, record lines, INFO END, chapters)", () => {
  it("has six of them", () => expect(devNames).toHaveLength(6));

  for (const name of devNames) {
    describe(name, () => {
      const doc = parseOne(devDir, name);
      const { title, record } = layoutOf(name);

      it("is a law titled by its name alone", () => {
        expect(doc.kind).toBe("law");
        expect(doc.title).toBe(title);
        expect(doc.title).not.toMatch(/\d|通过|修正|修订|公布|[（(]/);
        expect(doc.region).toBe("全国");
      });

      it("keeps the record lines verbatim as one 题注 passage that is asked, not boilerplate", () => {
        expect(record.length).toBeGreaterThan(0);
        const history = doc.passages.filter((p) => p.role === "history");
        expect(history).toHaveLength(1);
        const note = history[0]!;
        expect(note.path).toEqual(["题注"]);
        expect(note.boilerplate).toBe(false);
        expect(note.ordinal).toBe(1);
        expect(note.text.split("\n")).toEqual(record);
        // No other passage repeats a record line; the first chapter follows the record.
        for (const p of doc.passages.slice(1)) for (const line of record) expect(p.text).not.toContain(line);
        expect(doc.passages[1]!.role).toBe("heading");
        expect(doc.passages[1]!.path[0]).toMatch(/^第一章/);
        // The raw source range spans the record lines.
        for (const line of record) expect(note.rawText).toContain(line);
      });

      it("is dated by the latest adoption or amendment in the record (the date its file is named by)", () => {
        const named = /\((\d{4}-\d{2}-\d{2})\)/.exec(name)![1]!;
        expect(doc.date).toBe(named);
      });
    });
  }
});

describe("manifest overrides", () => {
  it("win over the date a 题注 gives, and leave the 题注 passage alone", () => {
    const name = devNames[0]!;
    const file = { name, bytes: new Uint8Array(readFileSync(devDir + name)) };
    const plain = parseFiles([file]).documents[0]!;
    const overridden = parseFiles([file], `${name}:\n  date: 2001-02-03\n`).documents[0]!;
    expect(overridden.date).toBe("2001-02-03");
    expect(overridden.id).toBe(plain.id);
    expect(overridden.passages).toEqual(plain.passages);
  });
});

describe("a plain-text regulation (title, 公布 and 根据…修订 lines, articles without chapters)", () => {
  const doc = parseOne(fixtureDir, "unseen-regulation.txt");

  it("is titled by its name and dated by its latest revision", () => {
    expect(doc).toMatchObject({ kind: "law", title: "示例公共数据管理条例", date: "2020-11-29" });
  });

  it("has its three record lines as the 题注 and its articles after it", () => {
    const [note, ...rest] = doc.passages;
    expect(note).toMatchObject({ role: "history", path: ["题注"], boilerplate: false });
    expect(note!.text).toBe(
      [
        "2011年3月1日国务院令第600号公布",
        "根据2016年2月6日《国务院关于修改部分行政法规的决定》第一次修订",
        "根据2020年11月29日《国务院关于修改和废止部分行政法规的决定》第二次修订",
      ].join("\n"),
    );
    expect(rest.map((p) => p.path)).toEqual([["第一条"], ["第二条"], ["第三条"], ["第四条"]]);
    expect(rest.every((p) => p.role === "article")).toBe(true);
  });
});

describe("a plain-text statute with an edition note and a parenthesised record in Chinese numerals", () => {
  const doc = parseOne(fixtureDir, "unseen-statute-plain.txt");

  it("drops the edition note from the title and dates it by the last amendment, not the entry into force", () => {
    expect(doc).toMatchObject({ kind: "law", title: "中华人民共和国示例保护法", date: "2021-04-29" });
    const note = doc.passages[0]!;
    expect(note).toMatchObject({ role: "history", path: ["题注"] });
    expect(note.text).toMatch(/^（一九九八年六月二十六日.*自二〇二一年七月一日起施行）$/);
  });
});

describe("a long record, one amendment a line", () => {
  it("is one 题注 and dates the statute by its last line", () => {
    const lines = ["1997年3月14日 第八届全国人民代表大会第五次会议修订"];
    for (let n = 1; n <= 9; n++) lines.push(`${2000 + n}年${n}月${n + 10}日 第${n}次会议《关于修改〈示例法〉的决定》第${n}次修正`);
    const text = ["# 中华人民共和国示例法", "", ...lines, "", "## 第一章 总则", "", "第一条 为了示例，制定本法。", ""].join("\n");
    const [doc] = parseText("long-record.md", text);
    expect(doc).toMatchObject({ kind: "law", title: "中华人民共和国示例法", date: "2009-09-19" });
    expect(doc!.passages[0]!.text.split("\n")).toEqual(lines);
  });
});

describe("record lines", () => {
  it("recognises adoption, amendment, promulgation and entry-into-force lines, plain or in parentheses", () => {
    for (const line of [
      "2015年7月1日 第十二届全国人民代表大会常务委员会第十五次会议通过",
      "1996年7月5日 第八届全国人民代表大会常务委员会第二十次会议《关于修改〈中华人民共和国档案法〉的决定》第一次修正",
      "根据2019年3月2日《国务院关于修改部分行政法规的决定》修订",
      "2007年4月5日中华人民共和国国务院令第492号公布",
      "自2008年5月1日起施行",
      "（2024年7月18日中国共产党第二十届中央委员会第三次全体会议通过）",
      "一九八八年九月五日第七届全国人民代表大会常务委员会第三次会议通过",
    ]) {
      expect(isLawHistoryLine(line), line).toBe(true);
    }
  });

  it("does not take running text or titles for a record", () => {
    for (const line of [
      "中华人民共和国国家安全法",
      "2024年3月5日，十四届全国人大二次会议在京开幕。会议审议通过了政府工作报告。",
      "本法自2024年5月1日起施行。",
      "第一条 为了规范示例管理活动，制定本法。",
      "2024年工作回顾",
    ]) {
      expect(isLawHistoryLine(line), line).toBe(false);
    }
  });

  it("reads dates in Arabic and Chinese numerals and tells the entry into force apart", () => {
    expect(historyDates("（一九九八年六月二十六日…通过 自二〇二一年七月一日起施行）")).toEqual([
      { date: "1998-06-26", entryIntoForce: false },
      { date: "2021-07-01", entryIntoForce: true },
    ]);
    expect(lawHistoryDate(["2019年10月26日…通过", "2019年10月26日主席令第三十五号公布", "自2020年1月1日起施行"])).toBe("2019-10-26");
    expect(lawHistoryDate(["自2020年1月1日起施行"])).toBe("2020-01-01");
    expect(lawHistoryDate([])).toBeNull();
  });

  it("strips edition notes from law names only", () => {
    expect(lawName("中华人民共和国示例法（2018年修正）")).toBe("中华人民共和国示例法");
    expect(lawName("中华人民共和国示例法(2015年7月1日第十二届全国人民代表大会常务委员会第十五次会议通过)")).toBe("中华人民共和国示例法");
    expect(lawName("中华人民共和国示例法（试行）")).toBe("中华人民共和国示例法（试行）");
  });
});
