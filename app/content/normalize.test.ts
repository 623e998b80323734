import { describe, expect, it } from "vitest";
import { cleanLine, looksTraditional, normalizeText } from "./normalize";

const clean = (s: string, traditional = false) => cleanLine(s, traditional).text;
const paras = (s: string) => normalizeText(s).paragraphs.map((p) => p.text);

describe("cleanLine", () => {
  it("drops single markdown emphasis but keeps a lone asterisk or underscore", () => {
    expect(clean("要坚持*高质量发展*这个首要任务")).toBe("要坚持高质量发展这个首要任务");
    expect(clean("_新质生产力_是关键")).toBe("新质生产力是关键");
    expect(clean("3*4=12")).toBe("3*4=12");
    expect(clean("a_b_c")).toBe("a_b_c");
  });
  it("removes pinyin annotations, with or without a space before the closing parenthesis", () => {
    expect(clean("長(cháng)沙市傳達學(xué)習全國兩會(huì )精神", true)).toBe("长沙市传达学习全国两会精神");
    expect(clean("发(fā)展新质(zhì)生产(chǎn)力")).toBe("发展新质生产力");
    expect(clean("長（cháng）沙", true)).toBe("长沙");
  });

  it("keeps parenthesised ASCII that is not pinyin", () => {
    expect(clean("手机应用(app)很好")).toBe("手机应用（app）很好");
    expect(clean("人工智能(AI)发展")).toBe("人工智能（AI）发展");
  });

  it("converts Traditional to Simplified only when asked", () => {
    expect(clean("為實現美好藍圖貢獻力量", true)).toBe("为实现美好蓝图贡献力量");
    expect(clean("為實現", false)).toBe("為實現");
  });

  it("turns ASCII punctuation inside Chinese text full-width, but not inside numbers or times", () => {
    expect(clean("4月21日下午,广州市召开会议;会议强调:要(加快)发展!")).toBe(
      "4月21日下午，广州市召开会议；会议强调：要（加快）发展！",
    );
    expect(clean("投资1,000亿元,10:30开会")).toBe("投资1,000亿元，10:30开会");
    expect(clean("他说\"两个确立\"很重要")).toBe("他说“两个确立”很重要");
  });

  it("removes spaces between Chinese and numbers, percentages and units", () => {
    expect(clean("地区生产总值增长 7.3%、居全国第 3")).toBe("地区生产总值增长7.3%、居全国第3");
    expect(clean("2024 年 2 月 7 日")).toBe("2024年2月7日");
    expect(clean("增长 6% 以上，煤炭产量 12.2 亿吨")).toBe("增长6%以上，煤炭产量12.2亿吨");
    expect(clean("附件 1")).toBe("附件1");
    expect(clean("（2021-2030 年）")).toBe("（2021-2030年）");
  });

  it("keeps intended spaces between Chinese phrases", () => {
    expect(clean("“京蒙协作 政协助力”")).toBe("“京蒙协作 政协助力”");
  });

  it("turns NBSP and ideographic spaces into spaces and trims", () => {
    expect(clean("\u00a0\u00a0\u00a0\u00a0会议还研究了其他事项。 ")).toBe("会议还研究了其他事项。");
    expect(clean("第一条\u3000为了规范")).toBe("第一条 为了规范");
  });

  it("turns full-width digits and letters into ASCII", () => {
    expect(clean("增长５．２％，ＧＤＰ")).toBe("增长5.2%，GDP");
  });

  it("removes markdown emphasis and heading markers", () => {
    expect(clean("——**主要经济指标增速位居全国第一方阵**。")).toBe("——主要经济指标增速位居全国第一方阵。");
    expect(cleanLine("## 第一章 总则", false)).toEqual({ text: "第一章 总则", mdHeading: 2 });
  });

  it("replaces a stray English `and` between Chinese words", () => {
    expect(clean("全面提升办事效率 and 专业化水平")).toBe("全面提升办事效率和专业化水平");
  });

  it("removes URLs", () => {
    expect(clean("创新驱动平台（www.mengkeju.com）。")).toBe("创新驱动平台。");
    expect(clean("详见 https://example.com/a?b=1 网站")).toBe("详见网站");
  });

  it("flags mojibake", () => {
    expect(cleanLine("“借船出?!碧岣咄赓Q能级", false).flags).toEqual(["mojibake"]);
  });
});

describe("looksTraditional", () => {
  it("tells Traditional text from Simplified text quoting a name", () => {
    expect(looksTraditional("吳桂英在長沙市傳達學習全國兩會精神會議上強調因地制宜加快發展新質生產力")).toBe(true);
    expect(looksTraditional("习近平在湖南考察时强调，坚持改革创新，求真务实。")).toBe(false);
  });
});

describe("normalizeText: noise lines", () => {
  it("drops a table of contents and the cover before it, keeping the titles for repair", () => {
    const r = normalizeText(
      ["某大学", "理论学习参考", "（2024年 第2期）", "", "目 录", "", "第一篇文章\t1", "第二篇文章\t8", "", "第三篇 文章 ...\t12", "", "第一篇文章", "正文。"].join("\n"),
    );
    expect(r.paragraphs.map((p) => p.text)).toEqual(["第一篇文章", "正文。"]);
    expect(r.toc).toEqual(["第一篇文章", "第二篇文章", "第三篇 文章"]);
    expect(r.cover).toEqual(["某大学", "理论学习参考", "（2024年 第2期）"]);
    expect(r.dropped.filter((d) => d.reason === "toc")).toHaveLength(4);
  });

  it("drops page numbers, share buttons, editor lines and photo credits", () => {
    const text = ["标题", "正文第一段。", "- 12 -", "12", "微信", "新浪微博", "QQ空间", "Facebook", "（责任编辑：王某）", "图为会议现场。新华社记者 李某某 摄", "正文第二段。"].join("\n");
    expect(paras(text)).toEqual(["标题", "正文第一段。", "正文第二段。"]);
  });

  it("drops a running header repeated on every page", () => {
    const pages = Array.from({ length: 9 }, (_, i) => `理论学习参考\n第${i + 1}页的正文。`).join("\n");
    expect(paras(pages)).not.toContain("理论学习参考");
    expect(paras(pages)).toHaveLength(9);
  });
});

describe("normalizeText: page-break joins", () => {
  it("joins a sentence cut by a page break and keeps the source line range", () => {
    const r = normalizeText("全会强调，坚持把金融\n\n服务实体经济作为根本宗旨。\n下一段。");
    expect(r.paragraphs[0]).toMatchObject({ text: "全会强调，坚持把金融服务实体经济作为根本宗旨。", startLine: 1, endLine: 3 });
    expect(r.paragraphs[1]).toMatchObject({ text: "下一段。", startLine: 4, endLine: 4 });
  });

  it("joins numbers and units split across the break", () => {
    expect(paras("盘活开发区，农业节水 3.73\n\n亿立方米、农田灌溉水有效利用。")).toEqual(["盘活开发区，农业节水3.73亿立方米、农田灌溉水有效利用。"]);
  });

  it("removes a character printed on both sides of the seam", () => {
    const r = normalizeText("非煤产业快速增长，制造业、战\n\n战略性新兴产业增长较快。");
    expect(r.paragraphs.map((p) => p.text)).toEqual(["非煤产业快速增长，制造业、战略性新兴产业增长较快。"]);
    expect(r.joins).toEqual([{ line: 1, nextLine: 3, removedDuplicate: "战" }]);
    expect(paras("31. 建设服务点 5000 个（牵头责\n\n责任单位：自治区邮政管理局）。\n32. 牵头责任单位是交通厅。")[0]).toBe(
      "31. 建设服务点5000个（牵头责任单位：自治区邮政管理局）。",
    );
  });

  it("keeps real doubled characters at a seam", () => {
    expect(paras("会议指出，我们要常\n\n常反思自己的工作，做到心中有数。")).toEqual(["会议指出，我们要常常反思自己的工作，做到心中有数。"]);
    expect(paras("全会要求，坚持人民\n\n民主原则，发展全过程人民民主。")).toEqual(["全会要求，坚持人民民主原则，发展全过程人民民主。"]);
    expect(paras("会议提出，要做到年\n\n年有进步。")).toEqual(["会议提出，要做到年年有进步。"]);
  });

  it("does not join titles, headings, source lines, list markers or bare numerals", () => {
    expect(paras("某某会议在京召开\n新华社北京3月5日电 会议召开。")).toEqual(["某某会议在京召开", "新华社北京3月5日电 会议召开。"]);
    expect(paras("一、总体要求\n为了发展，制定本办法。")).toEqual(["一、总体要求", "为了发展，制定本办法。"]);
    expect(paras("一\n\n我们要坚持，人民当家作主。")).toEqual(["一", "我们要坚持，人民当家作主。"]);
    expect(paras("会议强调，要加快\n（一）推进改革；")).toEqual(["会议强调，要加快", "（一）推进改革；"]);
    expect(paras("会议强调，要加快发展\n第二条 本法适用于全国。")).toEqual(["会议强调，要加快发展", "第二条 本法适用于全国。"]);
  });

  it("does not join the last line of an article to the next article's title", () => {
    const text = "上一篇的最后一句，没有句号\n\n下一篇文章的标题\n\n(2024-01-10 来源：新华网)\n正文。";
    expect(paras(text)).toEqual(["上一篇的最后一句，没有句号", "下一篇文章的标题", "（2024-01-10来源：新华网）", "正文。"]);
  });
});
