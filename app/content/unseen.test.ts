/**
 * Documents the pipeline has never seen (written for this test): the rules are genre rules, so a
 * markdown law and a plain-text work report must come out structured without any code change.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFile, parseFiles } from "./index";

const fixture = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(fileURLToPath(new URL(`../../tests/fixtures/content/${name}`, import.meta.url)))),
});

describe("an unseen markdown law", () => {
  const r = parseFile(fixture("unseen-law.md"));

  it("is one law document with its title, date and region", () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.documents).toHaveLength(1);
    const law = r.documents[0]!;
    expect(law).toMatchObject({ title: "中华人民共和国示例管理法", kind: "law", region: "全国", date: "2025-06-01" });
  });

  it("parses chapters, articles, 款 and 项 from markdown headings and bold article numbers", () => {
    if (!r.ok) throw new Error(r.reason);
    const law = r.documents[0]!;
    const articles = law.passages.filter((p) => p.role === "article");
    expect(articles.map((p) => p.path)).toEqual([
      ["第一章 总则", "第一条"],
      ["第一章 总则", "第二条"],
      ["第二章 管理制度", "第三条"],
      ["第二章 管理制度", "第四条"],
      ["第三章 附则", "第五条"],
    ]);
    expect(articles[0]!.text).toBe("第一条 为了规范示例管理活动，保护当事人的合法权益，制定本法。");
    expect(articles[1]!.law!.clauses.map((c) => c.text)).toEqual([
      "在中华人民共和国境内从事示例管理活动，适用本法。",
      "本法所称示例，是指用于说明规则的样本。",
    ]);
    const a3 = articles[2]!.law!;
    expect(a3.clauses).toHaveLength(2);
    expect(a3.clauses[0]!.items.map((i) => i.label)).toEqual(["（一）", "（二）", "（三）"]);
    expect(a3.clauses[1]!.text.startsWith("前款规定的职责")).toBe(true);
    expect(articles[4]!.law!.clauses[0]!.text).toBe("本法自2026年1月1日起施行。");
  });
});

describe("an unseen work report", () => {
  const r = parseFile(fixture("unseen-report.txt"));

  it("is one work report dated from its opening sentence", () => {
    if (!r.ok) throw new Error(r.reason);
    expect(r.documents).toHaveLength(1);
    expect(r.documents[0]).toMatchObject({ title: "2025年某市政府工作报告", kind: "work-report", date: "2025-01-15" });
  });

  it("paths paragraphs by 一、 / （一） headings and labels bullets and 一是 paragraphs", () => {
    if (!r.ok) throw new Error(r.reason);
    const passages = r.documents[0]!.passages;
    const find = (s: string) => passages.find((p) => p.text.includes(s))!;
    expect(find("全市地区生产总值增长5.5%").path).toEqual(["一、2024年工作回顾"]);
    expect(find("经济运行稳中有进").path).toEqual(["一、2024年工作回顾", "——经济运行稳中有进"]);
    expect(find("地区生产总值增长5%左右").path).toEqual(["二、2025年工作安排"]);
    expect(find("实施消费提振行动").path).toEqual(["二、2025年工作安排", "（一）着力扩大有效需求", "一是促进消费"]);
    expect(find("研发经费投入增长10%以上").path).toEqual(["二、2025年工作安排", "（二）着力推进科技创新"]);
    // 各位代表！ after the last （二） closes it: the closing words speak for the whole section.
    expect(find("奋力谱写现代化建设新篇章").path).toEqual(["二、2025年工作安排"]);
    expect(find("谢谢大家").boilerplate).toBe(true);
    expect(find("各位代表").boilerplate).toBe(true);
  });
});

describe("manifest overrides through parseFiles", () => {
  it("applies file- and document-level overrides and reports manifest errors", () => {
    const manifest = `
files:
  unseen-report.txt:
    region: 示例市
    documents:
      2025年某市:
        title: 示例市2025年政府工作报告
        date: 2025-01-16
`;
    const result = parseFiles([fixture("unseen-report.txt"), fixture("unseen-law.md")], manifest);
    expect(result.manifestErrors).toEqual([]);
    const report = result.documents.find((d) => d.kind === "work-report")!;
    expect(report).toMatchObject({ title: "示例市2025年政府工作报告", date: "2025-01-16", region: "示例市" });
    // The id stays the one derived from the text, so a title fix does not orphan learners' cards.
    const plain = parseFile(fixture("unseen-report.txt"));
    expect(plain.ok && plain.documents[0]!.id).toBe(report.id);

    const bad = parseFiles([fixture("unseen-report.txt")], "unseen-report.txt:\n  kind: essay\n");
    expect(bad.manifestErrors).toEqual(["unseen-report.txt.kind：应为 work-report / law / communique / speech / news / meeting 之一"]);
    expect(bad.documents[0]!.kind).toBe("work-report");
  });
});
