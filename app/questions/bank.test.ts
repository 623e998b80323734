import { describe, expect, it } from "vitest";
import { contentCorpus } from "./content-corpus";
import { generateBank } from "./bank";
import { article, doc, items, paragraph } from "./fixtures";
import { sampleMarkdown } from "./sample";
import { normalizeAnswer } from "./text";
import { GENERATOR_VERSION, type InputDocument } from "./types";
import { blankCount } from "./blanks";

const corpus = contentCorpus;

const documents = corpus();
const bank = generateBank(documents);
const passages = new Map(documents.flatMap((d) => d.passages.map((p) => [p.id, { doc: d, passage: p }] as const)));

describe("bank over the corpus", () => {
  it("asks no report's lesser figure, to recall or to pick (技术合同成交额增长____), and its headline targets as fill-ins", () => {
    const lesser = bank.questions.filter((q) => q.stem.includes("技术合同成交额增长"));
    expect(lesser).toEqual([]);
    // A stated target is still a fill-in: it is what a learner must know by heart.
    expect(bank.questions.some((q) => q.format === "fill" && /国内生产总值增长____左右/.test(q.stem))).toBe(true);
  });

  it("asks no stem that opens on the 同 of a lost subject (同经过普选产生的____全国人大代表一道…)", () => {
    for (const q of bank.questions)
      expect(q.stem.replace(/^根据[^，]*》(?:（[^）]*）)?，/, ""), q.stem).not.toMatch(/^同经/);
  });

  it("asks no key that only adds its last word to a phrase the stem shows (“国家卓越工程师”、“____” → …团队)", () => {
    for (const q of bank.questions.filter(
      (x) => x.kind !== "provision" && (x.format === "fill" || x.format === "single"),
    )) {
      const head = normalizeAnswer(q.answer[0] ?? "").slice(0, -2);
      if (head.length >= 4) expect(normalizeAnswer(q.stem).includes(head), q.stem).toBe(false);
    }
  });

  it("is large and covers every kind and format", () => {
    expect(bank.questions.length).toBeGreaterThan(800);
    for (const kind of ["target", "provision", "phrase"] as const) expect(bank.stats.byKind[kind]).toBeGreaterThan(20);
    for (const format of ["single", "multiple", "truefalse", "fill"] as const)
      expect(bank.stats.byFormat[format]).toBeGreaterThan(5);
    const files = new Set(bank.knowledgePoints.map((k) => k.document.split("--")[0]));
    expect(files.size).toBe(new Set(documents.map((d) => d.id.split("--")[0])).size);
  });

  it("has exactly one correct option among four distinct ones in every single choice", () => {
    for (const q of bank.questions.filter((x) => x.format === "single")) {
      expect(q.options).toHaveLength(4);
      expect(new Set(q.options.map(normalizeAnswer)).size).toBe(4);
      expect(q.answer).toHaveLength(1);
      expect(q.options.filter((o) => q.answer.includes(o))).toHaveLength(1);
    }
  });

  it("has 4–6 distinct options and at least two correct in every multiple choice", () => {
    for (const q of bank.questions.filter((x) => x.format === "multiple")) {
      expect(q.options.length).toBeGreaterThanOrEqual(4);
      expect(q.options.length).toBeLessThanOrEqual(6);
      expect(new Set(q.options.map(normalizeAnswer)).size).toBe(q.options.length);
      expect(q.answer.length).toBeGreaterThanOrEqual(2);
      for (const a of q.answer) expect(q.options).toContain(a);
    }
  });

  it("asks the A、B、C等领域 lists of reports and communiqués as 多选 with foils absent from the document", () => {
    const lists = bank.questions.filter((q) => q.format === "multiple" && q.stem.includes("下列属于其中所列"));
    // Fewer since 1.6.0: a list whose only wrong options would come from lists on another topic is not asked; fewer
    // again since 1.13.0, when two leads are no longer alike merely for both closing on 等领域.
    expect(lists.length).toBeGreaterThanOrEqual(10);
    const texts = new Map(documents.map((d) => [d.id, d.passages.map((p) => p.text).join("\n")] as const));
    for (const q of lists) {
      // The stem quotes the clause with the list left out, and names what the list is about.
      expect(q.stem).toMatch(
        /^根据(?:\d{4}年)?《[^》]+》(?:（[^）]*）)?，(?:\d{4}年，|过去五年，)?“.*……等.*”。下列属于其中所列.+的有（ ）。$/,
      );
      const own = texts.get(q.source.document) ?? "";
      const wrong = q.options.filter((o) => !q.answer.includes(o));
      expect(wrong.length).toBeGreaterThanOrEqual(1);
      for (const a of q.answer) expect(q.source.quote).toContain(a);
      for (const w of wrong) expect(own).not.toContain(w);
      // Complete phrases: no governing verb glued to the first item, no dangling conjunction.
      for (const o of q.options.filter((x) => x.length <= 6))
        expect(o).not.toMatch(/^(?:聚焦|支持|加强|深化|严肃查处)|[和及与]$/);
    }
    // The fields of corruption cases have no list on the same topic in another document: their only wrong options
    // would be fields of safety hazards or of cooperation (烟草 among 危化品、非煤矿山), told apart unread.
    expect(lists.find((q) => q.stem.includes("严肃查处……等领域腐败问题”"))).toBeUndefined();
    // 资本和数据 closes a list of two-character factors: two items, not one.
    const factors = lists.find((q) => q.stem.includes("生产要素"));
    if (factors) for (const o of factors.options) expect(o).not.toContain("和");
  });

  it("never shows the answer in the stem and always has a blank where one is needed", () => {
    for (const q of bank.questions) {
      // The document's own title may contain the answer (国家秘密 in 保守国家秘密法) without giving it away.
      const stem = q.stem.replace(q.source.documentTitle, "《》");
      if (q.format === "fill") {
        expect(q.stem).toContain("____");
        expect(q.options).toEqual([]);
        expect(stem).not.toContain(q.answer[0] as string);
      }
      if (q.format === "single" || q.format === "multiple") {
        expect(q.stem).toContain("（ ）");
        for (const a of q.answer) expect(stem).not.toContain(a.replace(/^“|”$/g, ""));
      }
      if (q.format === "truefalse") expect(["正确", "错误"]).toContain(q.answer[0]);
      expect(q.stem.length).toBeLessThanOrEqual(200);
      expect(q.generatorVersion).toBe(GENERATOR_VERSION);
      expect(q.score).toBeGreaterThan(0);
      expect(q.score).toBeLessThanOrEqual(1);
    }
  });

  it("cites an existing, non-boilerplate passage whose text contains the quote", () => {
    for (const q of bank.questions) {
      const hit = passages.get(q.source.passage);
      expect(hit, q.id).toBeDefined();
      // A communiqué's adoption line stands in its header, the one header line a question cites.
      expect(hit?.passage.boilerplate && !/^[（(]\d{4}年[^）)]*通过[）)]$/.test(hit.passage.text.trim())).toBe(false);
      expect(hit?.passage.text).toContain(q.source.quote);
      expect(q.explanation).toContain(q.source.quote);
    }
    for (const kp of bank.knowledgePoints) {
      const text = passages.get(kp.passage)?.passage.text ?? "";
      expect(text.slice(kp.quoteStart, kp.quoteStart + kp.quote.length)).toBe(kp.quote);
      // A tuple's answer is its slots' values in order, each within its span.
      if (kp.factType === "tuple")
        for (const v of kp.answer.split("、")) expect(text.slice(kp.start, kp.end)).toContain(v);
      else if (kp.factType !== "enumeration") expect(text.slice(kp.start, kp.end)).toBe(kp.answer);
      for (const s of kp.sources) expect(passages.has(s.passage)).toBe(true);
    }
  });

  it("has no two questions with the same normalized stem and answer", () => {
    const seen = new Set<string>();
    for (const q of bank.questions) {
      const key = `${q.format}|${normalizeAnswer(q.stem)}|${q.answer.map(normalizeAnswer).sort().join("|")}`;
      expect(seen.has(key), q.stem).toBe(false);
      seen.add(key);
    }
    expect(new Set(bank.questions.map((q) => q.id)).size).toBe(bank.questions.length);
    expect(new Set(bank.knowledgePoints.map((k) => k.id)).size).toBe(bank.knowledgePoints.length);
  });

  it("merges a fact repeated in two documents into one knowledge point with two sources", () => {
    const merged = bank.knowledgePoints.filter((k) => new Set(k.sources.map((s) => s.document)).size > 1);
    expect(merged.length).toBeGreaterThan(0);
    const gdp = bank.knowledgePoints.filter(
      (k) => k.answer === "5%左右" && k.quote.includes("国内生产总值增长5%左右；"),
    );
    expect(gdp).toHaveLength(1);
  });

  it("is deterministic", () => {
    const again = generateBank(corpus());
    expect(JSON.stringify(again)).toBe(JSON.stringify(bank));
    expect(sampleMarkdown(bank, { n: 10, seed: 3 })).toBe(sampleMarkdown(again, { n: 10, seed: 3 }));
  });

  it("regenerates only the knowledge points of an edited passage", () => {
    const edited = corpus();
    const report = edited.find((d) => d.kind === "work-report" && d.region === "全国");
    const target = report?.passages.find((p) => p.text.includes("国内生产总值增长5%左右"));
    expect(target).toBeDefined();
    if (!report || !target) return;
    target.text = target.text.replace("国内生产总值增长5%左右", "国内生产总值增长4.5%左右");
    const after = generateBank(edited);
    // The edited passage, and passages that shared a knowledge point with it (the same fact quoted
    // in another document stops being the same fact once one copy changes).
    const shared = new Set([target.id]);
    for (const k of bank.knowledgePoints) {
      if (k.sources.some((s) => s.passage === target.id)) for (const s of k.sources) shared.add(s.passage);
    }
    const touched = (passage: string, sources: { passage: string }[]) =>
      shared.has(passage) || sources.some((s) => shared.has(s.passage));
    const before = new Map(
      bank.knowledgePoints.filter((k) => !touched(k.passage, k.sources)).map((k) => [k.fingerprint, k]),
    );
    const afterSet = new Map(
      after.knowledgePoints.filter((k) => !touched(k.passage, k.sources)).map((k) => [k.fingerprint, k]),
    );
    // Every knowledge point outside the edited passage keeps its fingerprint and its questions.
    for (const fp of before.keys()) expect(afterSet.has(fp)).toBe(true);
    const questionIds = (b: typeof bank, ids: Set<string>) =>
      b.questions
        .filter((q) => ids.has(q.knowledgePoint))
        .map((q) => q.id)
        .sort();
    const keptIds = new Set([...before.values()].map((k) => k.id));
    expect(questionIds(after, keptIds)).toEqual(questionIds(bank, keptIds));
    expect(after.knowledgePoints.some((k) => k.answer === "4.5%左右" && k.passage === target.id)).toBe(true);
  });
});

describe("unseen documents of the same genres", () => {
  const LAW = "law-archives";
  const law = doc(LAW, "中华人民共和国档案保管示范法", "law", "2025-06-30", "全国", [
    article(LAW, 1, "第三条", "第一章 总则", [{ text: "国家档案主管部门主管全国的档案保管工作。", items: [] }]),
    article(LAW, 2, "第九条", "第二章 档案的保管", [
      { text: "档案的保管期限分为永久和定期。定期档案的保管期限，除另有规定外，一般不少于十年。", items: [] },
    ]),
    article(LAW, 3, "第十二条", "第二章 档案的保管", [
      {
        text: "档案馆应当建立健全下列制度：",
        items: items("档案接收和征集制度；", "档案鉴定和销毁制度；", "档案安全保护制度；", "档案利用和公布制度；"),
      },
    ]),
    article(LAW, 4, "第十五条", "第三章 法律责任", [
      {
        text: "有下列行为之一的，由县级以上档案主管部门责令限期改正：",
        items: items("丢失属于国家所有的档案的；", "擅自提供、抄录、复制档案的；", "涂改、伪造档案的；"),
      },
    ]),
    article(LAW, 5, "第二十条", "第四章 附则", [{ text: "本法自2026年1月1日起施行。", items: [] }]),
  ]);
  const R = "report-2025";
  const report: InputDocument = doc(R, "2025年江西省政府工作报告", "work-report", "2025-01-15", "江西", [
    paragraph(R, 1, "——经济运行稳中有进。地区生产总值增长4.9%，规模工业增加值增长6.6%。城镇新增就业42.1万人。", [
      "一、2024年工作回顾",
      "——经济运行稳中有进",
    ]),
    paragraph(
      R,
      2,
      "今年经济社会发展主要预期目标是：地区生产总值增长5%左右；城镇新增就业40万人以上；城镇调查失业率5.5%左右；居民消费价格涨幅2%左右；粮食产量430亿斤以上。",
      ["二、2025年工作安排"],
    ),
    paragraph(R, 3, "坚持以“走在前、勇争先、善作为”为目标要求，推动“五个区域”建设取得新进展。", ["二、2025年工作安排"]),
    paragraph(
      R,
      4,
      "养老服务需求持续增长，全省65岁以上老年人612万、占常住人口的13.6%，要大力发展普惠养老服务，养老机构护理型床位占比提高到65%。",
      ["二、2025年工作安排"],
    ),
  ]);
  const result = generateBank([law, report]);

  it("asks a new law's period, authority, enumeration and date", () => {
    const stems = result.questions.map((q) => `${q.format}|${q.stem}|${q.answer.join("/")}`);
    expect(stems).toContain(
      "fill|根据《中华人民共和国档案保管示范法》第九条，定期档案的保管期限，除另有规定外，一般不少于____。|十年/10年",
    );
    expect(stems).toContain(
      "fill|根据《中华人民共和国档案保管示范法》第二十条，本法自____起施行。|2026年1月1日/2026.1.1",
    );
    const auth = result.questions.find((q) => q.format === "single" && q.answer[0] === "国家档案主管部门");
    expect(auth?.stem).toBe("根据《中华人民共和国档案保管示范法》第三条，（ ）主管全国的档案保管工作。");
    // The law offers no fair wrong option for its list of 制度: a 多选 of options all correct teaches
    // nothing about where the list ends, so the list is not asked as 多选.
    const multiple = result.questions.filter((q) => q.format === "multiple" && q.source.passage === `${LAW}:第十二条`);
    for (const q of multiple) expect(q.options.length).toBeGreaterThan(q.answer.length);
  });

  it("asks a new report's targets with scope and keeps results apart", () => {
    const gdp = result.questions.find((q) => q.format === "single" && q.answer[0] === "5%左右");
    expect(gdp?.stem).toBe(
      "根据2025年《江西省政府工作报告》，2025年经济社会发展主要预期目标是：地区生产总值增长（ ）。",
    );
    const kp = result.knowledgePoints.find((k) => k.answer === "4.9%");
    expect(kp?.status).toBe("result");
    expect(kp?.scope).toEqual({ region: "江西", year: 2024 });
    const jobs = result.knowledgePoints.find((k) => k.answer === "40万人以上");
    expect(jobs?.status).toBe("target");
    expect(result.questions.some((q) => q.format === "multiple" && q.kind === "target")).toBe(true);
  });

  it("never dates a status figure a plan quotes (老年人612万、占…13.6%) to the plan's year; its plan figure is asked", () => {
    const about = (answer: string) => result.questions.filter((q) => q.answer.includes(answer));
    expect(about("612万")).toEqual([]);
    expect(about("13.6%")).toEqual([]);
    expect(result.questions.some((q) => /65岁以上老年人/.test(q.stem) && q.format === "truefalse")).toBe(false);
    const beds = about("65%").find((q) => q.format === "fill");
    expect(beds?.stem).toMatch(/2025年/);
  });

  // A report digest without section headings: the review is told by how its passages open.
  const H = "report-2025-plain";
  const plain: InputDocument = doc(H, "2025年安徽省政府工作报告", "work-report", "2025-01-20", "安徽", [
    paragraph(H, 1, "过去一年，全省上下团结奋斗，经济运行稳中有进。地区生产总值增长5.8%，城镇新增就业68.2万人。"),
    paragraph(H, 2, "粮食总产量达到830.2亿斤，进出口总额增长5.3%。"),
    paragraph(H, 3, "过去五年，地区生产总值年均增长6.1%，累计城镇新增就业340万人。"),
    paragraph(H, 4, "今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业65万人以上。"),
    paragraph(H, 5, "进出口总额增长3%以上，粮食总产量稳定在830亿斤以上。"),
  ]);
  const plainBank = generateBank([plain]);

  it("dates a review without a heading to the years it reviews, never to the report's year", () => {
    // The stem after 根据2025年《…》，: the period it states.
    const stemOf = (answer: string) =>
      (plainBank.questions.find((q) => q.format !== "truefalse" && q.answer.includes(answer))?.stem ?? "").replace(
        /^根据.*?》，/,
        "",
      );
    expect(stemOf("5.8%")).toContain("2024年");
    expect(stemOf("830.2亿斤")).toContain("2024年");
    expect(stemOf("830.2亿斤")).not.toContain("2025年");
    expect(stemOf("6.1%")).toContain("过去五年");
    expect(stemOf("6.1%")).not.toMatch(/202[45]年/);
    expect(stemOf("5.5%左右")).toContain("2025年");
    expect(plainBank.knowledgePoints.find((k) => k.answer === "5.8%")?.status).toBe("result");
    expect(plainBank.knowledgePoints.find((k) => k.answer === "3%以上")?.status).not.toBe("result");
    // No result of the review is asked as if it were of the year the report plans.
    for (const k of plainBank.knowledgePoints.filter((x) => x.status === "result"))
      expect(k.scope?.year).not.toBe(2025);
  });

  // A communiqué the generator was not written on: its frames are found in the document itself.
  const C = "communique-2025";
  const communique = doc(C, "中国共产党某省委员会第五次全体会议公报", "communique", "2025-06-30", "某省", [
    paragraph(C, 1, "全会指出，科技创新是推动高质量发展的核心动力。"),
    paragraph(
      C,
      2,
      "全会强调，扩大开放是推动高质量发展的必由之路，深化改革是推动高质量发展的根本保障，人才是推动高质量发展的第一资源。",
    ),
    paragraph(C, 3, "全会要求，坚持稳中求进工作总基调，以数字经济为牵引，加快构建现代化产业体系。"),
  ]);
  const plenum = generateBank([communique]);

  it("asks the subject of the decision a plenum adopted, issuer and genre word in view", () => {
    const D = "plenum-decision";
    const plenumDoc = doc(D, "中国共产党某省第十二届委员会第七次全体会议公报", "communique", "2025-11-20", "某省", [
      paragraph(
        D,
        1,
        "全会听取和讨论了省委常委会的工作报告，审议通过了《中共某省委关于加快建设现代化产业体系、推动高质量发展的决定》。",
      ),
    ]);
    const q = generateBank([plenumDoc]).questions.find((x) => x.format === "fill" && x.stem.includes("审议通过"));
    expect(q?.stem).toContain("审议通过了《中共某省委关于____的决定》");
    expect(q?.answer[0]).toBe("加快建设现代化产业体系、推动高质量发展");
  });

  it("never invents a count of a canon-shaped slogan (“两个意识”) nor blanks one alone beside its siblings, in a document alone", () => {
    const alone = doc(
      "communique-alone",
      "中国共产党某市委员会第九次全体会议公报",
      "communique",
      "2025-07-01",
      "某市",
      [
        paragraph(
          "communique-alone",
          1,
          "全会强调，必须深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，推动全市高质量发展。",
        ),
        paragraph("communique-alone", 2, "全会要求，实施“四大攻坚行动”，打好产业转型升级攻坚战。"),
      ],
    );
    const b = generateBank([alone]);
    const text = alone.passages.map((p) => p.text).join("");
    for (const q of b.questions) {
      for (const m of q.stem.matchAll(/“([一二两三四五六七八九十]个[\u4e00-\u9fff]{2})”/g))
        expect(text).toContain(m[1]);
      if ((q.format === "fill" && q.answer.length === 1) || q.format === "single")
        expect(["四个意识", "四个自信", "两个维护"]).not.toContain(q.answer[0]?.replace(/[“”]/g, ""));
    }
    // The run asked whole, a blank each, is recalled, not recited.
    expect(b.questions.some((q) => q.answer.join("、") === "四个意识、四个自信、两个维护")).toBe(true);
  });

  it("asks a communiqué's X是Y的Z frames with the roles it gives the same frame as wrong options", () => {
    const q = plenum.questions.find((x) => x.format === "single" && x.answer[0] === "核心动力");
    expect(q?.stem).toContain("科技创新是推动高质量发展的（ ）");
    expect([...(q?.options ?? [])].sort()).toEqual(["核心动力", "必由之路", "根本保障", "第一资源"].sort());
    // Its fill-in would have four right answers: the document gives the frame to three other subjects.
    expect(plenum.questions.filter((x) => x.format === "fill" && x.answer[0] === "核心动力")).toEqual([]);
    const aim = plenum.questions.find((x) => x.format === "fill" && x.answer[0] === "数字经济");
    expect(aim?.stem).toContain("以____为牵引");
  });

  // A plan with horizons: when each goal is due is asked, the goal kept in the stem.
  const P = "plan-2026";
  const plan = doc(P, "中国共产党某市委员会关于制定国民经济和社会发展规划的建议", "communique", "2026-01-10", "某市", [
    paragraph(P, 1, "全会提出，到二〇三〇年，全市地区生产总值迈上新台阶，基本实现新型工业化。"),
    paragraph(
      P,
      2,
      "到2028年建市六十周年时，完成城市更新三年行动的各项任务，为到本世纪中叶建成现代化国际城市打下坚实基础。",
    ),
    paragraph(P, 3, "到2020年底，全市已建成5G基站三千个。"),
    paragraph(P, 4, "全会强调，以促进共同富裕、增进民生福祉为出发点和落脚点，推动城乡融合发展。"),
  ]);
  const planBank = generateBank([plan]);

  it("asks a plan's horizons as fill-ins, never a year already past, with the document's other horizons as foils", () => {
    const fillFor = (answer: string) => planBank.questions.find((q) => q.format === "fill" && q.answer[0] === answer);
    expect(fillFor("二〇三〇年")?.stem).toContain("到____，全市地区生产总值迈上新台阶");
    expect(fillFor("二〇三〇年")?.answer).toContain("2030年");
    expect(fillFor("2028年")?.stem).toContain("到____建市六十周年时，完成城市更新三年行动的各项任务");
    expect(fillFor("本世纪中叶")?.stem).toContain("为到____建成现代化国际城市打下坚实基础");
    // 到2020年底 in a 2026 text is a record of the past, not a horizon.
    expect(fillFor("2020年底")).toBeUndefined();
    // Three horizons give two foils each: not enough for a fair single choice.
    expect(planBank.questions.some((q) => q.format === "single" && q.answer[0] === "二〇三〇年")).toBe(false);
  });

  it("asks a series of formulations as 多选 with foils of the same family from other documents, never unrelated terms", () => {
    const A = "series-a";
    const B = "series-b";
    const bank = generateBank([
      doc(A, "中国共产党某省委员会全体会议公报", "communique", "2025-07-01", "某省", [
        paragraph(
          A,
          1,
          "全会强调，要不断推进党的自我净化、自我完善、自我革新、自我提高，协同推进降碳、减污、扩绿、增长。",
        ),
      ]),
      doc(B, "某市委常委会会议", "meeting", "2025-07-05", "某市", [
        paragraph(
          B,
          1,
          "会议要求，各级党组织要加强自我监督、自我管理、自我教育，推进立法、执法、司法、守法各环节改革。",
        ),
      ]),
    ]);
    const q = bank.questions.find((x) => x.format === "multiple" && x.answer.includes("自我净化"));
    expect(q?.stem).toContain("不断推进党的……");
    const wrong = (q?.options ?? []).filter((o) => !q?.answer.includes(o));
    expect(wrong.length).toBeGreaterThan(0);
    for (const o of wrong) expect(["自我监督", "自我管理", "自我教育"]).toContain(o);
    // 降碳、减污、扩绿、增长 share no word with any other series: no fair foils, not asked as a 多选.
    expect(bank.questions.some((x) => x.format === "multiple" && x.answer.includes("减污"))).toBe(false);
  });

  it("never falsifies a slogan several documents state by changing its count", () => {
    const X = "slogan-x";
    const Y = "slogan-y";
    const slogans = generateBank([
      doc(X, "某省委常委会会议", "meeting", "2025-03-01", "某省", [
        paragraph(X, 1, "会议强调，要深刻领悟“两个确立”的决定性意义，扎实推进“五大工程”建设，确保各项任务落到实处。"),
      ]),
      doc(Y, "某市委常委会会议", "meeting", "2025-03-02", "某市", [
        paragraph(Y, 1, "会议要求，全市上下要深刻领悟“两个确立”的决定性意义，持续推动高质量发展取得新成效。"),
      ]),
    ]);
    const judged = slogans.questions.filter((q) => q.format === "truefalse" && q.answer[0] === "错误");
    for (const q of judged) expect(q.stem).not.toMatch(/“(?:三|四|五|六|八|十)个确立”/);
  });

  it("asks a paired aim (以A、B为出发点和落脚点) as one fill-in, a blank per aim, its verbs shown", () => {
    const q = planBank.questions.find((x) => x.format === "fill" && x.answer[0] === "共同富裕");
    expect(q?.answer).toEqual(["共同富裕", "民生福祉"]);
    expect(q?.stem).toContain("以促进____、增进____为出发点和落脚点");
  });

  it("asks a report's headline figures, never its lesser ones (造林…万亩, 新增高速公路…公里) nor a tally", () => {
    const R = "report-2026-minor";
    const review = ["一、2025年工作回顾"];
    const report = generateBank([
      doc(R, "2026年某省政府工作报告", "work-report", "2026-01-20", "某省", [
        paragraph(R, 1, "过去一年，全省地区生产总值增长5.6%，一般公共预算收入增长4.1%。", review),
        paragraph(R, 2, "全年造林556万亩、种草1817万亩、防沙治沙950万亩，生态环境持续改善。", review),
        paragraph(R, 3, "自觉接受各方面监督，按时办复省人大代表建议660件、政协提案737件。", review),
        paragraph(R, 4, "交通建设持续推进，新增高速公路200公里、总里程达7530公里。", review),
        paragraph(R, 5, "今年确保完成造林300万亩、种草500万亩、治沙200万亩以上。", ["二、2026年工作安排"]),
      ]),
    ]);
    const asked = new Set(report.knowledgePoints.map((k) => k.answer));
    expect(asked.has("5.6%")).toBe(true);
    expect(asked.has("4.1%")).toBe(true);
    expect(["556万亩", "1817万亩", "950万亩"].filter((a) => asked.has(a))).toEqual([]);
    expect(["200公里", "7530公里"].filter((a) => asked.has(a))).toEqual([]);
    // A plan's three like figures side by side, one swapped for another unnoticed.
    expect(["300万亩", "500万亩", "200万亩以上"].filter((a) => asked.has(a))).toEqual([]);
    expect(asked.has("737件")).toBe(false);
    expect(asked.has("660件")).toBe(false);
  });

  it("asks a news item's own count (授予…名, …之一), never its lesser tallies (先后3次修订, 做好10个方面工作)", () => {
    const N = "news-minor";
    const news = generateBank([
      doc(N, "某省召开表彰大会", "news", "2026-03-01", "某省", [
        paragraph(N, 1, "大会授予120名个人“某省劳动模范”称号，号召全省上下向先进学习。"),
        paragraph(N, 2, "会议指出，近年来，省委先后3次修订某省巡视工作办法，不断推动巡视工作深化发展。"),
        paragraph(N, 3, "会议要求，真抓实干，重点做好12个方面工作，确保各项任务落到实处。"),
        paragraph(N, 4, "某省是全国17个重点林区之一，森林覆盖率持续提高。"),
      ]),
    ]);
    const asked = new Set(news.knowledgePoints.map((k) => k.answer));
    expect(asked.has("120名")).toBe(true);
    expect(asked.has("17个")).toBe(true);
    expect(asked.has("3次")).toBe(false);
    expect(asked.has("12个")).toBe(false);
  });

  it("dates a formulation of a report's review by the year reviewed, and one of its plan not at all", () => {
    const R = "report-review-phrase";
    const report = generateBank([
      doc(R, "2026年某省政府工作报告", "work-report", "2026-01-20", "某省", [
        paragraph(R, 1, "全省扎实开展“三抓三促”行动，营商环境持续改善。", ["一、2025年工作回顾"]),
        paragraph(R, 2, "今年要深入实施“五大攻坚”工程，推动高质量发展取得新成效。", ["二、2026年工作安排"]),
      ]),
    ]);
    const review = report.questions.find((q) => q.format === "fill" && q.answer.includes("三抓三促"));
    expect(review?.stem).toMatch(/^根据2026年《[^》]+》，2025年，/);
    const plan = report.questions.find((q) => q.format === "fill" && q.answer.includes("五大攻坚"));
    expect(plan?.stem).not.toMatch(/》，2025年/);
  });

  it("blanks no quoted slogan its verb gives away across the corpus (共建“____”), but a named one (新时代“____”)", () => {
    const texts = [
      "会议要求，扎实推进共建“一带一路”高质量发展，持续扩大对外贸易规模。",
      "会议强调，全市要深度融入共建“一带一路”，加快建设内陆开放高地。",
      "会议指出，要积极参与共建“一带一路”，推动口岸经济提质增效。",
      "会议提出，以共建“一带一路”为引领，坚持和发展新时代“枫桥经验”，推进矛盾纠纷化解。",
    ];
    const news = generateBank(
      texts.map((t, i) =>
        doc(`news-q${i}`, `某市会议${i}`, "meeting", `2026-03-0${i + 1}`, "某市", [paragraph(`news-q${i}`, 1, t)]),
      ),
    );
    const fills = news.questions.filter((q) => q.format === "fill");
    expect(fills.filter((q) => /(?:推进|融入|参与)共建“____”/.test(q.stem))).toEqual([]);
    expect(fills.flatMap((q) => q.answer)).toContain("枫桥经验");
  });

  it("asks no figure of a supposition (把……提高到……，就会新增……)", () => {
    const R = "report-suppose";
    const report = generateBank([
      doc(R, "2026年某省政府工作报告", "work-report", "2026-01-20", "某省", [
        paragraph(R, 1, "今年全省地区生产总值增长6%左右。", ["二、2026年工作安排"]),
        paragraph(R, 2, "把40.2%的户籍人口城镇化率提高到65.3%的常住人口城镇化率，就会新增320万新市民。", [
          "二、2026年工作安排",
        ]),
      ]),
    ]);
    const asked = new Set(report.knowledgePoints.map((k) => k.answer));
    expect(asked.has("6%左右")).toBe(true);
    for (const a of ["40.2%", "65.3%", "320万"]) expect(asked.has(a)).toBe(false);
  });

  it("never blanks a formulation the cited title names", () => {
    const N = "news-award";
    const news = generateBank([
      doc(N, "习近平在“国家卓越工匠奖”首次评选表彰之际作出重要指示", "news", "2026-01-19", null, [
        paragraph(N, 1, "党中央、国务院决定开展“国家卓越工匠奖”首次评选表彰，激励广大工匠投身强国建设。"),
        paragraph(N, 2, "要坚持“两个毫不动摇”，加快发展新质生产力，扎实推进“国家卓越工匠奖”评选。"),
      ]),
    ]);
    for (const q of news.questions.filter((x) => x.format !== "truefalse"))
      expect(q.answer, q.stem).not.toContain("国家卓越工匠奖");
    expect(news.questions.length).toBeGreaterThan(0);
  });

  it("asks no threshold that only defines a count, no figure of a glossary and no twin the stem shows", () => {
    const R = "report-2026-threshold";
    const M = "meeting-2026-twin";
    const bank = generateBank([
      doc(R, "2026年某省政府工作报告", "work-report", "2026-01-20", "某省", [
        paragraph(R, 1, "过去一年，全省地区生产总值增长5.6%，经济总量超500亿元的县市达8个。", ["一、2025年工作回顾"]),
        paragraph(R, 2, "“两件大事”：出台6部促进条例，推动各项工作落地见效。", [
          "附件",
          "《政府工作报告》有关名词解释",
        ]),
      ]),
      doc(M, "某市委常委会会议", "meeting", "2026-03-01", "某市", [
        paragraph(M, 1, "会议强调，要大力营造能消费、敢消费、愿消费的良好环境，推动消费持续扩容提质。"),
      ]),
    ]);
    const answers = new Set(bank.questions.filter((q) => q.format !== "truefalse").flatMap((q) => q.answer));
    expect(answers.has("5.6%")).toBe(true);
    expect(answers.has("500亿元")).toBe(false);
    expect(answers.has("6部")).toBe(false);
    // One item blanked beside its twins (能消费、敢消费、____) is filled from them; the series may be asked whole,
    // a blank per item.
    const single = bank.questions.filter((q) => q.format !== "truefalse" && blankCount(q.stem) <= 1);
    for (const a of ["能消费", "敢消费", "愿消费"]) expect(single.flatMap((q) => q.answer)).not.toContain(a);
  });

  it("does not blank a formulation in the frame two other documents state it in", () => {
    const meeting = (id: string, region: string, text: string) =>
      doc(id, `${region}委常委会会议`, "meeting", "2026-03-01", region, [paragraph(id, 1, text)]);
    const bank = generateBank([
      meeting("m-a", "甲省", "会议强调，要深刻领悟“两个确立”的决定性意义，扎实推动高质量发展。"),
      meeting("m-b", "乙省", "会议要求，全省上下要深刻领悟“两个确立”的决定性意义，奋力谱写新篇章。"),
      meeting("m-c", "丙省", "会议指出，必须深刻领悟“两个确立”的决定性意义，持续加强作风建设。"),
    ]);
    const blanks = bank.questions.filter((q) => q.format === "fill" || q.format === "single");
    for (const q of blanks) expect(q.answer, q.stem).not.toContain("两个确立");
  });

  it("asks no item of a series its siblings frame, no list the stem states elsewhere and no lost condition", () => {
    const M = "meeting-2026-series";
    const bank = generateBank([
      doc(M, "某市政府常务会议", "meeting", "2026-03-05", "某市", [
        paragraph(M, 1, "会议强调，要加快打造消费新场景、投资新场景、服务新场景，推动经济持续回升向好。"),
        paragraph(
          M,
          2,
          "涉密信息系统应当按照国家保密规定和标准规划、建设、运行、维护。保密设施、设备应当与涉密信息系统同步规划、同步建设、同步运行。",
        ),
        paragraph(M, 3, "把户籍人口城镇化率提高到常住人口城镇化率的水平，就会新增消费需求1万亿元以上。"),
      ]),
    ]);
    // A blank per item of the whole series is no item filled from its siblings: only one-blank questions count here.
    const asked = bank.questions.filter(
      (q) => (q.format === "fill" || q.format === "single") && blankCount(q.stem) <= 1,
    );
    for (const q of asked) {
      expect(q.answer.join(), q.stem).not.toMatch(/新场景|规划、建设、运行、维护/);
      expect(q.stem.replace(/^根据[^，]*，/, ""), q.stem).not.toMatch(/^(?:\d{4}年，)?就会/);
    }
  });

  it("judges no statement made only of slogans every document says", () => {
    const meeting = (id: string, region: string) =>
      doc(id, `${region}委常委会会议`, "meeting", "2026-03-01", region, [
        paragraph(id, 1, "会议要求，要增强“四个意识”、坚定“四个自信”、做到“两个维护”，推动各项工作落地见效。"),
      ]);
    const bank = generateBank([meeting("s-a", "甲省"), meeting("s-b", "乙省"), meeting("s-c", "丙省")]);
    const judged = bank.questions.filter((q) => q.format === "truefalse" && q.answer[0] === "正确");
    for (const q of judged) expect(q.stem).not.toContain("坚定“四个自信”、做到“两个维护”");
  });
});
