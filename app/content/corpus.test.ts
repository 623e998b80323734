/**
 * The pipeline on the real corpus in content/. Expectations follow shared/corpus/TEXT-QUALITY.md.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFile, parseFiles, type ParsedDocument, type ParsedPassage } from "./index";

const dir = fileURLToPath(new URL("../../content/", import.meta.url));
const names = readdirSync(dir).filter((n) => n.endsWith(".txt")).sort();
const load = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(dir + name)) });

const docs: Record<string, ParsedDocument[]> = {};
const fileOf = (prefix: string) => names.find((n) => n.startsWith(prefix))!;
const docsOf = (prefix: string) => docs[fileOf(prefix)]!;
const allDocs = () => Object.values(docs).flat();
const allPassages = () => allDocs().flatMap((d) => d.passages);
const passageAt = (doc: ParsedDocument, line: number) =>
  doc.passages.find((p) => p.startLine <= line && line <= p.endLine);

beforeAll(() => {
  for (const name of names) {
    const r = parseFile(load(name));
    if (!r.ok) throw new Error(`${name}: ${r.reason}`);
    docs[name] = r.documents;
  }
});

describe("document split", () => {
  it("finds the expected number of documents per file", () => {
    expect(names).toHaveLength(5);
    expect(Object.fromEntries(names.map((n) => [n.slice(0, 3), docs[n]!.length]))).toEqual({
      "000": 9,
      "001": 6,
      "002": 3,
      "003": 1,
      "004": 24,
    });
  });

  it("starts every 004 article at its title line and ends it before the next", () => {
    const starts = docsOf("004").map((d) => d.source.startLine);
    expect(starts).toEqual([
      42, 92, 106, 150, 184, 220, 242, 254, 276, 322, 350, 384, 436, 450, 484, 519, 673, 709, 737, 767, 791, 835, 1165, 1195,
    ]);
    const ends = docsOf("004").map((d) => d.source.endLine);
    expect(ends.slice(0, 3)).toEqual([90, 104, 148]);
    expect(ends[ends.length - 1]).toBe(1239);
  });

  it("joins titles spread over several lines", () => {
    expect(docsOf("000").map((d) => d.title)).toEqual([
      "十四届全国人大二次会议在京开幕",
      "习近平在参加江苏代表团审议时的讲话",
      "习近平在看望参加政协会议的民革科技界环境资源界委员时讲话",
      "习近平出席解放军和武警部队代表团全体会议并发表重要讲话",
      "习近平主持召开新时代推动中部地区崛起座谈会的讲话",
      "习近平在湖南考察时的讲话",
      "中共中央政治局召开会议 中共中央总书记习近平主持会议",
      "省委常委会会议及有关会议精神",
      "市委常委会会议及有关会议精神",
    ]);
    expect(docsOf("001")[1]!.title).toBe("习近平在湖南考察时强调 坚持改革创新求真务实 奋力谱写中国式现代化湖南篇章");
    expect(docsOf("001")[2]!.title).toBe("习近平主持召开新时代推动中部地区崛起座谈会强调 在更高起点上扎实推动中部地区崛起");
    // The presider line (林克庆主持 / 周海兵主持) under a headline is not part of the title.
    expect(docsOf("002")[1]!.title).toBe("广州市委常委会传达学习习近平总书记关于巡视工作重要讲话精神 以高度的政治自觉思想自觉行动自觉接受巡视监督");
    expect(docsOf("003")[0]!.title).not.toContain("主持");
  });

  it("removes stray PDF spaces from titles where the table of contents has none", () => {
    const titles = docsOf("004").map((d) => d.title);
    expect(titles[2]).toBe("习近平：完整、准确、全面贯彻落实关于做好新时代党的统一战线工作的重要思想");
    expect(titles[3]).toBe("习近平在省部级主要领导干部推动金融高质量发展专题研讨班开班式上的重要讲话精神");
    expect(titles[8]).toBe("习近平：铸牢中华民族共同体意识 推进新时代党的民族工作高质量发展");
  });

  it("gives every document a stable, unique id derived from file and title", () => {
    const ids = allDocs().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of allDocs()) expect(d.id).toMatch(new RegExp(`^${d.source.file.replace(/\.txt$/, "")}--[0-9a-f]{8}(-\\d+)?$`));
    const again = parseFile(load(fileOf("004")));
    expect(again.ok && again.documents.map((d) => d.id)).toEqual(docsOf("004").map((d) => d.id));
  });
});

describe("metadata", () => {
  it("dates documents from datelines, source lines, openings and law history, with the year from context", () => {
    expect(docsOf("000").map((d) => d.date)).toEqual([
      "2024-03-05", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-20", "2024-03-21", "2024-03-29", "2024-03-12", "2024-03-13",
    ]);
    // 001: 3月5日 (year from title), 3月18日至21日, `20日下午` (month from the document before it in the
    // compilation), 1月24日, 3月23日, law revision date.
    expect(docsOf("001").map((d) => d.date)).toEqual(["2024-03-05", "2024-03-21", "2024-03-20", "2024-01-24", "2024-03-23", "2024-02-27"]);
    expect(docsOf("002").map((d) => d.date)).toEqual(["2023-04-21", "2023-04-23", "2023-04-19"]);
    // 003 only says `13日下午`.
    expect(docsOf("003")[0]!.date).toBeNull();
  });

  it("reads all three source-line formats of 004 (ASCII, full-width and no parentheses)", () => {
    const d = docsOf("004");
    expect([d[0]!.date, d[0]!.origin]).toEqual(["2024-01-10", "“学习强国”学习平台"]);
    expect([d[2]!.date, d[2]!.origin]).toEqual(["2024-01-15", "《求是》2024年第2期"]);
    expect([d[7]!.date, d[8]!.date, d[8]!.origin]).toEqual(["2024-01-24", "2024-01-31", "《求是》2024年第3期"]);
    // Not in date order in the file: the source line wins over position.
    expect(d.slice(16, 20).map((x) => x.date)).toEqual(["2024-02-19", "2024-02-23", "2024-01-29", "2024-02-02"]);
    expect(d[18]!.origin).toBe("澎湃新闻·澎湃号·政务");
    expect(docsOf("000")[0]!.origin).toBe("新华社");
  });

  it("infers kinds", () => {
    const kinds = (prefix: string) => docsOf(prefix).map((d) => d.kind);
    expect(kinds("001")).toEqual(["work-report", "news", "meeting", "work-report", "meeting", "law"]);
    expect(kinds("004")[0]).toBe("communique");
    expect(kinds("004")[21]).toBe("work-report");
    expect(kinds("004")[23]).toBe("speech");
    expect(kinds("004")[14]).toBe("speech");
    expect(kinds("000")[0]).toBe("meeting");
    expect(kinds("002")[1]).toBe("meeting");
  });

  it("infers regions", () => {
    const regions = (prefix: string) => docsOf(prefix).map((d) => d.region);
    expect(regions("000")).toEqual(["全国", "江苏", "全国", "全国", "全国", "湖南", "全国", "广东", "广州"]);
    expect(regions("001")).toEqual(["全国", "湖南", "全国", "湖南", "湖南", "全国"]);
    expect(regions("002")).toEqual(["广州", "广州", "广州"]);
    expect(regions("003")).toEqual(["长沙"]);
    const r4 = regions("004");
    expect(r4.slice(18)).toEqual(["内蒙古", "内蒙古", "内蒙古", "内蒙古", "内蒙古", "内蒙古"]);
    expect([r4[0], r4[2], r4[5], r4[6], r4[11], r4[15]]).toEqual(["全国", "全国", "云南", "全国", "天津", "全国"]);
  });
});

describe("the law (001)", () => {
  let law: ParsedDocument;
  let articles: ParsedPassage[];
  const article = (label: string) => articles.find((p) => p.law?.article === label)!.law!;
  beforeAll(() => {
    law = docsOf("001")[5]!;
    articles = law.passages.filter((p) => p.role === "article");
  });

  it("has 6 chapters and 65 articles in order", () => {
    expect(law.title).toBe("中华人民共和国保守国家秘密法");
    expect(law.passages.filter((p) => p.role === "heading").map((p) => p.heading)).toEqual([
      "第一章 总则",
      "第二章 国家秘密的范围和密级",
      "第三章 保密制度",
      "第四章 监督管理",
      "第五章 法律责任",
      "第六章 附则",
    ]);
    expect(articles).toHaveLength(65);
    expect(articles.map((p) => p.law!.number)).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
  });

  it("paths articles by chapter and gives them path-based ids", () => {
    const a20 = articles.find((p) => p.law?.article === "第二十条")!;
    expect(a20.path).toEqual(["第二章 国家秘密的范围和密级", "第二十条"]);
    expect(a20.id).toBe(`${law.id}:第二十条`);
    expect([a20.startLine, a20.endLine]).toEqual([537, 540]);
    expect(a20.law!.clauses[1]!.text).toBe("国家秘密的保密期限，除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。");
  });

  it("parses 款 and 项: items are not paragraphs", () => {
    const a13 = article("第十三条");
    expect(a13.clauses).toHaveLength(2);
    expect(a13.clauses[0]!.items).toHaveLength(7);
    expect(a13.clauses[0]!.items[2]).toEqual({ label: "（三）", text: "外交和外事活动中的秘密事项以及对外承担保密义务的秘密事项；" });
    expect(a13.clauses[1]!.text).toBe("政党的秘密事项中符合前款规定的，属于国家秘密。");

    const a17 = article("第十七条");
    expect(a17.clauses).toHaveLength(4);
    expect(a17.clauses[0]!.text).toBe("确定国家秘密的密级，应当遵守定密权限。");
    expect(a17.clauses[1]!.text.startsWith("中央国家机关、省级机关及其授权的机关、单位可以确定")).toBe(true);

    const a57 = article("第五十七条");
    expect(a57.clauses[0]!.items).toHaveLength(13);
    expect(a57.clauses[0]!.items[12]!.label).toBe("（十三）");
    expect(a57.clauses).toHaveLength(2);
    expect(article("第二十八条").clauses[0]!.items).toHaveLength(6);
  });

  it("handles an article number without a following space and chapter names with inner spaces", () => {
    const a34 = article("第三十四条");
    expect(a34.clauses[0]!.text.startsWith("网络运营者应当加强对其用户发布的信息的管理")).toBe(true);
    expect(article("第六十五条").clauses[0]!.text).toBe("本法自2024年5月1日起施行。");
    expect(article("第六十五条").chapter).toBe("第六章 附则");
  });

  it("keeps the adoption history as the 题注, not as boilerplate", () => {
    const note = law.passages.find((p) => p.path[0] === "题注")!;
    expect(note.boilerplate).toBe(false);
    expect(note.role).toBe("history");
    expect(note.text).toContain("2024年2月27日");
  });
});

describe("report structure", () => {
  it("paths report paragraphs by 一、 and （一） headings, inline or on their own line", () => {
    const national = docsOf("001")[0]!;
    const targets = national.passages.find((p) => p.text.startsWith("今年发展主要预期目标是"))!;
    expect(targets.path).toEqual(["二、2024年经济社会发展总体要求和政策取向"]);
    expect(targets.text).toContain("国内生产总值增长5%左右");
    const inline = passageAt(national, 76)!;
    expect(inline.path).toEqual(["三、2024年政府工作任务", "（一）大力推进现代化产业体系建设，加快发展新质生产力"]);

    const hunan = docsOf("001")[3]!;
    expect(passageAt(hunan, 320)!.path).toEqual(["二、关于2024年工作", "（一）着力推动经济持续回升向好"]);
    expect(passageAt(hunan, 316)!.role).toBe("heading");
  });

  it("labels —— bullets and 一是 paragraphs", () => {
    const national = docsOf("001")[0]!;
    expect(passageAt(national, 12)!.path).toEqual(["一、2023年工作回顾", "——经济总体回升向好"]);
    expect(passageAt(national, 30)!.path).toEqual(["一、2023年工作回顾", "一是加大宏观调控力度"]);
  });

  it("nests attachments, their sections and numbered items", () => {
    const report = docsOf("004")[21]!;
    const item31 = passageAt(report, 1113)!;
    expect(item31.path).toEqual(["附件1", "自治区2024年33件民生实事清单", "四、改善群众居住环境方面11件", "31."]);
    expect(passageAt(report, 1147)!.path).toEqual(["附件2", "《政府工作报告》有关名词解释"]);
  });

  it("structures bare-numeral excerpts with their citation lines as boilerplate", () => {
    const npc = docsOf("004")[15]!;
    expect(passageAt(npc, 527)!.path).toEqual(["一"]);
    expect(passageAt(npc, 529)!.boilerplate).toBe(true);
    expect(passageAt(npc, 639)!.path).toEqual(["十六"]);
  });
});

describe("normalization on the corpus", () => {
  it("leaves no pinyin annotation, table of contents, URL or tab anywhere", () => {
    for (const d of allDocs()) {
      for (const s of [d.title, ...d.passages.map((p) => p.text)]) {
        expect(s).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+ ?[)）]/);
        expect(s).not.toMatch(/\t|\.\.\.|www\.|https?:/);
      }
    }
    const p004 = docsOf("004").flatMap((d) => d.passages);
    expect(p004.some((p) => p.startLine < 42)).toBe(false);
    expect(p004.some((p) => p.text === "目 录" || p.text.includes("INNER MONGOLIA"))).toBe(false);
  });

  it("joins sentences cut by page breaks into one passage", () => {
    const imNews = docsOf("004")[20]!;
    const targets = passageAt(imNews, 817)!;
    expect([targets.startLine, targets.endLine]).toEqual([815, 817]);
    expect(targets.text).toContain("城镇调查失业率控制在6%左右");
    expect(passageAt(docsOf("004")[0]!, 70)!.text).toContain("健全并严格执行“第一议题”制度");
    expect(passageAt(docsOf("004")[15]!, 647)!.text).toContain("立法权、监督权、决定权、任免权");
    expect(passageAt(docsOf("004")[21]!, 889)!.text).toContain("农业节水3.73亿立方米");
  });

  it("removes the character duplicated at a page-break seam", () => {
    const report = docsOf("004")[21]!;
    const p865 = passageAt(report, 867)!;
    expect(p865.text).toContain("高技术制造业、战略性新兴产业");
    expect(p865.text).not.toContain("战战");
    const p1113 = passageAt(report, 1115)!;
    expect(p1113.text).toContain("（牵头责任单位：自治区邮政管理局）");
    expect(p1113.text).not.toContain("责责");
    // The raw text still shows what the source says.
    expect(p865.rawText).toContain("战\n\n战略性");
  });

  it("removes spaces around numbers in 004", () => {
    for (const p of docsOf("004").flatMap((d) => d.passages)) {
      expect(p.text).not.toMatch(/[\u4e00-\u9fff] +[0-9]|[0-9%] +[\u4e00-\u9fff]/);
    }
    const report = docsOf("004")[21]!;
    expect(passageAt(report, 921)!.text).toContain("地区生产总值增长6%以上");
    expect(passageAt(report, 859)!.text).toContain("地区生产总值增长7.3%、居全国第3");
    expect(passageAt(report, 859)!.text).not.toContain("**");
    expect(passageAt(report, 977)!.text).toContain("办事效率和专业化水平");
  });

  it("uses full-width punctuation in 002", () => {
    for (const d of docsOf("002")) {
      for (const s of [d.title, ...d.passages.map((p) => p.text)]) expect(s).not.toMatch(/[,;:()]/);
    }
    expect(passageAt(docsOf("002")[0]!, 4)!.text.startsWith("4月21日下午，广州市召开2023年一季度")).toBe(true);
    expect(passageAt(docsOf("002")[2]!, 17)!.text).toContain("（机场路院区）");
  });

  it("drops the share footer of 002", () => {
    expect(docsOf("002")[2]!.source.endLine).toBe(20);
    expect(docsOf("002").flatMap((d) => d.passages).some((p) => /微信|Twitter/.test(p.text))).toBe(false);
  });

  it("converts 003 to Simplified, removes the photo caption and flags the mojibake", () => {
    const doc = docsOf("003")[0]!;
    expect(doc.title.startsWith("吴桂英在长沙市传达学习全国两会精神会议上强调")).toBe(true);
    const text = doc.passages.map((p) => p.text).join("");
    expect(text).not.toMatch(/[長會發質產實業進個學開點務動書關領創場話線協優術樹經來環營態過見門問風傳國為]/);
    expect(text).toContain("长沙市传达学习全国两会精神会议召开");
    expect(text).not.toContain("摄");
    expect(doc.passages.some((p) => p.startLine === 7)).toBe(false);
    expect(passageAt(doc, 10)!.flags).toEqual(["mojibake"]);
    // Raw text keeps the source as it is.
    expect(passageAt(doc, 6)!.rawText).toContain("長(cháng)沙");
  });
});

describe("boilerplate and duplicates", () => {
  it("marks attendance lists, datelines, source and citation lines, greetings and notes as boilerplate", () => {
    const opening = docsOf("000")[0]!;
    expect(passageAt(opening, 6)!.boilerplate).toBe(true);
    expect(passageAt(opening, 20)!.boilerplate).toBe(true);
    expect(passageAt(opening, 13)!.boilerplate).toBe(false);
    expect(passageAt(opening, 3)!.dateline).toBe("新华社北京3月5日电");
    expect(passageAt(opening, 3)!.text.startsWith("第十四届全国人民代表大会第二次会议5日上午")).toBe(true);

    const politburo = docsOf("000")[6]!;
    expect(passageAt(politburo, 153)!).toMatchObject({ text: "会议还研究了其他事项。", boilerplate: true });
    expect(passageAt(docsOf("000")[7]!, 173)!.boilerplate).toBe(true);

    const d4 = docsOf("004");
    expect(passageAt(d4[0]!, 44)!.boilerplate).toBe(true);
    expect(passageAt(d4[2]!, 148)!.boilerplate).toBe(true);
    expect(passageAt(d4[15]!, 535)!.boilerplate).toBe(true);
    expect(passageAt(d4[14]!, 492)!.boilerplate).toBe(true);
    expect(passageAt(d4[14]!, 516)!.boilerplate).toBe(true);
    expect(passageAt(d4[14]!, 517)!.boilerplate).toBe(true);
    expect(passageAt(d4[23]!, 1239)!.boilerplate).toBe(true);
    expect(passageAt(d4[18]!, 749)!.boilerplate).toBe(true);
    // News leads that mention greetings sent by someone else are content.
    expect(passageAt(d4[12]!, 440)!.boilerplate).toBe(false);
    // Repeated headlines under a source line are shown but not questioned.
    expect(passageAt(d4[5]!, 226)!).toMatchObject({ boilerplate: true, role: "header" });
  });

  it("links duplicate passages by textHash, within a file and across files", () => {
    const tianjin = docsOf("004")[11]!;
    const hashes = [404, 408, 410].map((l) => passageAt(tianjin, l)!.textHash);
    expect(new Set(hashes).size).toBe(1);

    const fromXinhua = passageAt(docsOf("000")[5]!, 125)!;
    const fromHunanPack = passageAt(docsOf("001")[1]!, 184)!;
    expect(fromXinhua.dateline).toBe("新华社长沙3月21日电");
    expect(fromXinhua.textHash).toBe(fromHunanPack.textHash);

    const result = parseFiles(names.map(load));
    const group = result.duplicateGroups.find((g) => g.textHash === fromXinhua.textHash)!;
    expect(group.passageIds).toEqual([fromXinhua.id, fromHunanPack.id]);
  });

  it("keeps line numbers and raw text consistent with the source", () => {
    const raw = readFileSync(dir + fileOf("001"), "utf8").split("\n");
    for (const p of allPassages().filter((q) => q.id.startsWith(fileOf("001").replace(".txt", "")))) {
      expect(p.rawText).toBe(raw.slice(p.startLine - 1, p.endLine).join("\n"));
      expect(p.textHash).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const d of allDocs()) {
      expect(d.passages.map((p) => p.ordinal)).toEqual(d.passages.map((_, i) => i + 1));
      expect(new Set(d.passages.map((p) => p.id)).size).toBe(d.passages.length);
    }
  });
});
