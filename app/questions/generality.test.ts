/**
 * An unseen statute and report written for this test (not from the corpus): the generator's rules
 * are genre rules, so a law on another subject and another province's report must come out right.
 */
import { describe, expect, it } from "vitest";
import { generateBank } from "./bank";
import { extractFormulationSeries } from "./series";
import { extractOrdinalLists } from "./lists";
import { lawListFoils } from "./law";
import { statuteBlanks } from "./statute";
import { buildCorpusIndex } from "./corpus";
import { extractDocument } from "./extract";
import { attachHorizonFoils } from "./horizons";
import { article, doc, items, paragraph } from "./fixtures";
import type { Question } from "./types";

const L = "law-reserve";
const law = doc(L, "中华人民共和国示范物资储备法", "law", "2030-04-26", "全国", [
  article(L, 1, "第二条", "第一章 总则", [
    { text: "本法所称储备物资，是指为应对突发事件所储备的救援物资、生活物资和医疗物资。", items: [] },
  ]),
  article(L, 2, "第三条", "第一章 总则", [
    {
      text: "国务院应急管理部门主管全国的物资储备工作。县级以上地方人民政府应急管理部门主管本行政区域的物资储备工作。",
      items: [],
    },
  ]),
  article(L, 3, "第五条", "第二章 储备管理", [
    {
      text: "储备单位应当建立下列制度：",
      items: items("物资入库验收制度；", "物资轮换更新制度；", "物资出库调拨制度；", "储备信息报送制度。"),
    },
  ]),
  article(L, 4, "第六条", "第二章 储备管理", [
    { text: "储备物资临近保质期的，储备单位应当在三个月内完成轮换。", items: [] },
  ]),
  article(L, 5, "第七条", "第三章 法律责任", [
    {
      text: "储备单位有下列行为之一的，由县级以上人民政府应急管理部门责令改正，给予警告；情节严重的，处五万元以上二十万元以下的罚款：",
      items: items("虚报、瞒报储备物资数量的；", "擅自动用、出借储备物资的；", "未按照规定轮换储备物资的。"),
    },
    { text: "任何单位和个人不得截留、挪用、私分储备物资。", items: [] },
  ]),
]);

const R = "report-x";
const report = doc(R, "2030年某省政府工作报告", "work-report", "2030-01-16", "某省", [
  paragraph(
    R,
    1,
    "今年全省经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业50万人以上，居民消费价格涨幅3%左右。",
    ["二、2030年工作安排"],
  ),
  paragraph(R, 2, "力争外贸规模突破2100亿元、增长10%以上。要把今年作为“项目攻坚年”，推进“首违不罚”柔性执法。", [
    "二、2030年工作安排",
    "（一）扩大开放",
  ]),
]);

const plenum = doc("plenum-z", "某省纪委全会公报", "communique", "2030-01-20", "某省", [
  paragraph(
    "plenum-z",
    1,
    "全会要求，持续深入推进反腐败斗争，严肃查处交通、水利、教育、环保、统计等领域腐败问题，坚决清除风险隐患。",
  ),
  paragraph("plenum-z", 2, "全会强调，深化水利、教育、环保等领域协同治理，形成工作合力。"),
]);
const review = doc("review-w", "某市工作会议", "meeting", "2030-02-10", "某市", [
  paragraph("review-w", 1, "会议要求，深化交通、应急、住建等领域协同治理，严肃查处燃气、消防、危化品等领域腐败问题。"),
]);

const other = doc("news-y", "某市召开会议", "meeting", "2030-02-01", "某市", [
  paragraph(
    "news-y",
    1,
    "会议强调，要深化公共服务“扩容下沉”，推进“一网通办”，服务“一带一路”建设，办好“一老一小”民生实事。",
  ),
]);

const bank = generateBank([law, report, other, plenum, review]);
const qs = (pred: (q: Question) => boolean) => bank.questions.filter(pred);

describe("an unseen statute", () => {
  it("asks the whole authority, not the 人民政府 inside 县级以上人民政府应急管理部门", () => {
    const fill = qs((q) => q.format === "fill" && q.source.passage === `${L}:第七条` && q.stem.includes("责令改正"));
    expect(fill.length).toBeGreaterThanOrEqual(1);
    for (const q of fill) expect(q.stem).not.toMatch(/____应急管理部门/);
    expect(fill.some((q) => q.answer[0] === "县级以上人民政府应急管理部门")).toBe(true);
    for (const q of qs((x) => x.format === "single" && x.answer[0] === "县级以上人民政府应急管理部门")) {
      // 县级以上地方人民政府应急管理部门 names the same authority: no foil.
      expect(q.options).not.toContain("县级以上地方人民政府应急管理部门");
    }
  });

  it("asks a 本法所称…是指 definition", () => {
    const q = qs((x) => x.format === "fill" && x.answer[0] === "储备物资" && x.source.passage === `${L}:第二条`)[0];
    expect(q?.stem).toContain("本法所称____，是指");
  });

  it("keeps both ends of a fine range in order and writes 两个月", () => {
    for (const q of qs((x) => x.format === "single" && x.answer[0] === "二十万元以下")) {
      for (const o of q.options) expect(o).not.toMatch(/^(?:一|二|三|四|五)万元以下$/);
    }
    for (const q of qs((x) => x.format === "single" && x.answer[0] === "五万元以上")) {
      for (const o of q.options) expect(o).not.toMatch(/^(?:二十|二十五|三十)万元以上$/);
    }
    const months = qs((x) => x.format === "single" && x.answer[0] === "三个月")[0];
    expect(months).toBeDefined();
    expect(months?.options).not.toContain("二个月");
    for (const o of months?.options ?? []) expect(o).toMatch(/^(?:[一两三六九]|十二|十八)个月$/);
  });

  it("offers no act as a wrong option among a list of 制度", () => {
    for (const q of qs(
      (x) => (x.format === "multiple" || x.format === "single") && x.source.passage === `${L}:第五条`,
    )) {
      for (const o of q.options) expect(o).toMatch(/制度$/);
    }
  });

  it("asks a prohibition that stands as its own 款 by its acts, never as a 判断 copied word for word", () => {
    const asked = qs((x) => x.stem.includes("不得") && x.source.quote.includes("截留、挪用、私分"));
    expect(asked.some((x) => x.format !== "truefalse" && x.answer.join("、").includes("挪用"))).toBe(true);
    expect(asked.filter((x) => x.format === "truefalse" && x.answer[0] === "正确")).toEqual([]);
  });
});

describe("an unseen report", () => {
  it("names the year in every target stem and resolves 今年", () => {
    const targets = qs((q) => q.kind === "target");
    expect(targets.length).toBeGreaterThan(0);
    for (const q of targets) expect(q.stem.replace(/^根据[^，]*，/, "")).toMatch(/2030年/);
    for (const q of bank.questions) expect(q.stem).not.toContain("今年");
  });

  it("offers no unrelated slogan from another region as a foil", () => {
    // 扩容下沉 / 一网通办 are the same length, but from another region and in another role: 首违不罚
    // has no fair set of foils, so it is asked as 填空 only.
    expect(qs((x) => x.kind === "phrase" && x.format === "single" && x.answer[0] === "“首违不罚”")).toEqual([]);
    expect(qs((x) => x.kind === "phrase" && x.format === "fill" && x.answer[0] === "首违不罚").length).toBe(1);
  });
});

describe("an unseen list of fields", () => {
  it("asks A、B、C等领域 as 多选: the governing verb kept in the stem, foils from another document's fields", () => {
    const q = qs((x) => x.format === "multiple" && x.source.document === "plenum-z")[0];
    expect(q?.stem).toBe(
      "根据《某省纪委全会公报》（2030年1月），“持续深入推进反腐败斗争，严肃查处……等领域腐败问题”。下列属于其中所列领域的有（ ）。",
    );
    const correct = ["交通", "水利", "教育", "环保", "统计"];
    for (const a of q?.answer ?? []) expect(correct).toContain(a);
    expect(q?.answer.length).toBeGreaterThanOrEqual(3);
    const wrong = (q?.options ?? []).filter((o) => !q?.answer.includes(o));
    expect(wrong.length).toBeGreaterThanOrEqual(1);
    // 交通 is a field of both documents: it is never a foil; 燃气/消防/危化品/应急/住建 may be.
    for (const w of wrong) expect(["燃气", "消防", "危化品", "应急", "住建"]).toContain(w);
  });

  it("never takes a foil from the document's own other lists", () => {
    // 燃气/消防/危化品 are fields of the city's other list: wrong here, but a learner reading the
    // document would find them among its fields. Foils come from the plenum's list on the same topic only.
    const q = qs(
      (x) => x.format === "multiple" && x.source.document === "review-w" && x.stem.includes("深化……等领域协同治理"),
    )[0];
    expect(q?.stem).toBe("根据《某市工作会议》（2030年2月），“深化……等领域协同治理”。下列属于其中所列领域的有（ ）。");
    expect(q?.answer.length).toBeGreaterThanOrEqual(2);
    for (const a of q?.answer ?? []) expect(["交通", "住建", "应急"]).toContain(a);
    for (const w of (q?.options ?? []).filter((o) => !q?.answer.includes(o)))
      expect(["水利", "教育", "环保", "统计"]).toContain(w);
  });
});

describe("unseen lists on two topics", () => {
  const a = doc("meeting-ta", "甲市纪委全会", "meeting", "2033-01-10", "甲市", [
    paragraph("meeting-ta", 1, "全会要求，持续深入推进反腐败斗争，严肃查处金融、国企、高校等领域腐败问题。"),
  ]);
  const b = doc("meeting-tb", "乙市安委会会议", "meeting", "2033-01-12", "乙市", [
    paragraph("meeting-tb", 1, "会议要求，守牢安全生产底线，排查整治燃气、消防、危化品等领域隐患。"),
  ]);
  const own = generateBank([a, b]).questions;

  it("offers no field of one topic as a wrong option for the other (危化品 among corruption fields)", () => {
    expect(own.filter((q) => q.format === "multiple" || q.format === "single")).toEqual([]);
  });
});

describe("an unseen law's principles", () => {
  const P = "law-records";
  const records = doc(P, "中华人民共和国示范登记法", "law", "2031-03-01", "全国", [
    article(P, 1, "第四条", "第一章 总则", [
      { text: "登记机构处理登记信息，应当遵循合法、正当、必要的原则，不得过度处理。", items: [] },
    ]),
    article(P, 2, "第五条", "第一章 总则", [
      { text: "登记机构公开登记信息，应当遵循公开、公平、公正的原则，及时、准确地公开。", items: [] },
    ]),
    article(P, 3, "第六条", "第一章 总则", [
      { text: "国家推动构建和平、安全、开放、合作的登记信息共享体系。", items: [] },
    ]),
  ]);
  const own = generateBank([records]).questions;

  it("asks a principle of short words as 多选, with another principle's words as wrong options", () => {
    const q = own.find((x) => x.format === "multiple" && x.source.passage === `${P}:第四条`);
    expect(q).toBeDefined();
    for (const a of q?.answer ?? []) expect(["合法", "正当", "必要"]).toContain(a);
    expect(q?.answer.length).toBeGreaterThanOrEqual(2);
    const wrong = (q?.options ?? []).filter((o) => !q?.answer.includes(o));
    expect(wrong.length).toBeGreaterThanOrEqual(1);
    for (const w of wrong) expect(["公开", "公平", "公正"]).toContain(w);
  });

  it("offers no list item that swallowed its governing verb (构建和平)", () => {
    for (const q of own.filter((x) => x.format === "multiple")) expect(q.options).not.toContain("构建和平");
  });
});

describe("an unseen law's definition, conditions and time words", () => {
  const S = "law-specimens";
  const specimens = doc(S, "中华人民共和国示范标本法", "law", "2032-05-01", "全国", [
    article(S, 1, "第二条", "第一章 总则", [
      { text: "从事标本采集、保藏、利用及其监督管理活动，适用本法。", items: [] },
      {
        text: "本法所称标本，是指科研机构、学校以及个人在野外考察、教学实习等活动中采集的对科学研究具有保存价值的各种动物、植物、矿物等不同形态的实物记录。",
        items: [],
      },
    ]),
    article(S, 2, "第九条", "第二章 采集", [
      {
        text: "非经国务院林业草原主管部门批准，任何组织和个人不得向境外机构提供在自然保护区内采集的珍稀标本。",
        items: [],
      },
    ]),
    article(S, 3, "第十条", "第二章 采集", [
      {
        text: "国家决定实施紧急管控后，标本保藏机构有权采取暂停对外提供标本的特别措施。",
        items: [],
      },
    ]),
  ]);
  const own = generateBank([specimens]).questions;

  it("asks the definition even when the article opens on a subjectless scope clause (从事…适用本法)", () => {
    const q = own.find((x) => x.format === "fill" && x.source.passage === `${S}:第二条` && x.answer[0] === "实物记录");
    expect(q?.stem).toContain("本法所称标本，是指");
    expect(q?.stem).not.toContain("适用本法");
  });

  it("never asks a condition clause without the rule it conditions (非经…批准)", () => {
    const stems = own.filter((x) => x.source.passage === `${S}:第九条`).map((x) => x.stem);
    expect(stems.length).toBeGreaterThan(0);
    for (const s of stems) expect(s).toContain("不得");
  });

  it("leaves the time word in the stem: 实施____后, not 紧急管控后 as the answer", () => {
    const answers = own.filter((x) => x.source.passage === `${S}:第十条`).flatMap((x) => x.answer);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers).toContain("紧急管控");
    for (const a of answers) expect(a).not.toMatch(/后$/);
  });
});

describe("an unseen communiqué's series", () => {
  const C = "plenum-series";
  const plenum = doc(C, "某市委全会公报", "communique", "2033-07-20", "某市", [
    paragraph(C, 1, "全会强调，必须健全现代城市治理体系，协同推进减负、提质、增效、创新，持续改善营商环境。"),
    paragraph(C, 2, "全会提出，要推出一批精品线路、精品客栈、网红打卡地，打响城市文旅品牌。"),
    paragraph(C, 3, "全会听取了市发展改革委、市交通运输局、市商务局关于降低物流成本的汇报。"),
    paragraph(C, 4, "全会要求，发挥好政府投资的带动作用，重点支持科技创新、新型基础设施、节能减排降碳。"),
    paragraph(
      C,
      8,
      "全会要求，坚持“减存遏增”全力化解地方债务，全面采取展期一批、置换一批、核销一批的分类稳妥有序化解措施。",
    ),
    paragraph(C, 5, "全会号召，全市要深刻领会和把握城市更新的目标、重点任务、基本路径、保障措施。"),
    paragraph(C, 6, "全会强调，要毫不动摇扶持、激励、引导民营经济发展，营造公平竞争的市场环境。"),
    paragraph(
      C,
      7,
      "全会强调，推进城市治理现代化，必须坚持人民城市理念，更加注重系统治理，更加注重源头治理，更加注重精准施策，为高质量发展提供有力保障。",
    ),
  ]);
  const series = extractFormulationSeries(plenum).map((f) => f.enumeration?.correct.join("、"));

  it("finds a series of short formulations and asks it a blank per item, in its order", () => {
    expect(series).toContain("减负、提质、增效、创新");
    const q = generateBank([plenum]).questions.find(
      (x) => x.format === "fill" && x.answer.join("、") === "减负、提质、增效、创新",
    );
    expect(q?.stem).toContain("健全现代城市治理体系，协同推进____、____、____、____。");
  });

  it("asks a series whose first item, after 的, is shorter than the others, and three verbs of one object", () => {
    const fills = generateBank([plenum]).questions.filter((x) => x.format === "fill");
    const points = fills.find((x) => x.answer.join("、") === "目标、重点任务、基本路径、保障措施");
    expect(points?.stem).toContain("深刻领会和把握城市更新的____、____、____、____。");
    const verbs = fills.find((x) => x.answer.join("、") === "扶持、激励、引导");
    expect(verbs?.stem).toContain("毫不动摇____、____、____民营经济发展");
  });

  it("shows a series with the clause that says what it is for (全力化解地方债务，采取____、____、____的措施)", () => {
    const q = generateBank([plenum]).questions.find(
      (x) => x.format === "fill" && x.answer.join("、") === "展期一批、置换一批、核销一批",
    );
    expect(q?.stem).toContain("坚持“减存遏增”全力化解地方债务，全面采取____、____、____的分类稳妥有序化解措施。");
  });

  it("asks clauses that open alike (更加注重A，更加注重B，更加注重C) as one series, with the sentence's topic", () => {
    const q = generateBank([plenum]).questions.find(
      (x) => x.format === "fill" && x.answer.join("、") === "系统治理、源头治理、精准施策",
    );
    expect(q?.stem).toContain("推进城市治理现代化，……更加注重____、____、____。");
  });

  it("takes no series cut at a wrong boundary (…打卡|地, …商务局|关于, 支持|科技创新)", () => {
    for (const x of series) expect(x).not.toMatch(/网红打卡$|关于$|^精品线路、精品客栈|^支持科技创新/);
  });
});

describe("an unseen plan's horizons", () => {
  const H = "plenum-horizon";
  const plenum = doc(H, "某省委全会公报", "communique", "2033-07-20", "某省", [
    paragraph(
      H,
      1,
      "全会指出，到二〇四〇年，全面建成现代化产业体系，城乡区域发展更加协调，基本实现公共服务均等化，为到本世纪中叶全面建成现代化强省奠定坚实基础。",
    ),
    paragraph(H, 2, "全会强调，到二〇三五年，基本建成创新型省份。"),
    paragraph(H, 3, "全会提出，到二〇四九年中华人民共和国成立一百周年时，全面建成现代化强省。"),
    paragraph(H, 4, "全会要求，到二〇三八年新区设立二十周年时，完成本决定提出的改革任务。"),
    paragraph(
      H,
      5,
      "全会强调，到二〇四五年，全面建成高水平开放型经济新体制，基本建成区域科技创新中心，城乡居民收入水平显著提高，基本实现生态环境根本好转，为到本世纪中叶全面建成美丽现代化强省奠定坚实基础。",
    ),
  ]);
  const own = generateBank([plenum]).questions;

  it("shows a purpose clause after the clause it serves (……，为到____…奠定坚实基础)", () => {
    const q = own.find((x) => x.format === "fill" && x.stem.includes("美丽现代化强省"));
    expect(q?.stem).toContain("到二〇四五年，……基本实现生态环境根本好转，为到____全面建成美丽现代化强省奠定坚实基础。");
  });

  it("offers no goal that names its own document (完成本决定提出的改革任务) as another horizon's", () => {
    const index = buildCorpusIndex([plenum]);
    const facts = extractDocument(plenum, index);
    attachHorizonFoils(facts, index.docText.values());
    const lists = facts.filter((f) => f.enumeration?.pattern === "horizon");
    expect(lists.length).toBeGreaterThan(0);
    for (const f of lists) expect(f.enumeration?.foreign.join("|")).not.toContain("本决定");
  });

  it("accepts 21世纪中叶 for 本世纪中叶, and asks no year an anniversary gives away (成立一百周年)", () => {
    const mid = own.find((x) => x.format === "fill" && x.answer.includes("本世纪中叶"));
    expect(mid?.answer).toContain("21世纪中叶");
    expect(mid?.answer).toContain("2050年");
    expect(own.flatMap((x) => x.answer)).not.toContain("二〇四九年");
  });

  it("asks the goals one horizon sets as 多选, with goals set for other horizons as wrong options", () => {
    const q = own.find((x) => x.format === "multiple" && x.stem.includes("到二〇四〇年要实现的目标"));
    const goals = ["全面建成现代化产业体系", "城乡区域发展更加协调", "基本实现公共服务均等化"];
    expect(q?.answer.length).toBeGreaterThanOrEqual(2);
    for (const a of q?.answer ?? []) expect(goals).toContain(a);
    const wrong = (q?.options ?? []).filter((o) => !q?.answer.includes(o));
    expect(wrong.length).toBeGreaterThanOrEqual(1);
    const later = [
      "全面建成高水平开放型经济新体制",
      "基本建成区域科技创新中心",
      "城乡居民收入水平显著提高",
      "基本实现生态环境根本好转",
    ];
    for (const w of wrong)
      expect(["全面建成现代化强省", "基本建成创新型省份", "全面建成美丽现代化强省", ...later]).toContain(w);
  });
});

describe("an unseen law's recipients", () => {
  const G = "law-relics";
  const relics = doc(G, "中华人民共和国示范文物法", "law", "2034-01-01", "全国", [
    article(G, 1, "第十二条", "第二章 保护", [
      { text: "国有馆藏文物的收藏单位应当建立藏品档案。严禁将国有馆藏文物出售给境外机构或者个人。", items: [] },
    ]),
  ]);
  const own = generateBank([relics]).questions;

  it("asks to whom a thing may not pass (出售给____)", () => {
    const q = own.find((x) => x.format === "fill" && x.answer[0] === "境外机构或者个人");
    expect(q?.stem).toContain("出售给____");
  });
});

describe("an unseen slogan qualifying a noun", () => {
  const P = "plenum-q";
  const plenum = doc(P, "某省委全会公报", "communique", "2033-07-20", "某省", [
    paragraph(
      P,
      1,
      "全会强调，推进全面深化改革，必须坚持马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观，全面贯彻新发展理念。",
    ),
    paragraph(
      P,
      2,
      "全会要求，全省各级党组织要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，保持自我革命的高度自觉。",
    ),
    paragraph(P, 3, "全会指出，要统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，奋力谱写新篇章。"),
  ]);
  const own = generateBank([plenum]).questions;

  it("blanks no word the dictionary holds (“三个代表”, “五位一体”): every reader completes it", () => {
    const answers = own.filter((q) => q.format !== "truefalse").flatMap((q) => q.answer);
    expect(answers).not.toContain("三个代表");
    expect(answers).not.toContain("五位一体");
    // A slogan the documents coined is still asked.
    expect(answers).toContain("两个确立");
  });
});

describe("an unseen speech's numbered points", () => {
  const S = "speech-points";
  const speech = doc(S, "某书记在全市干部大会上的讲话", "speech", "2033-03-01", "某市", [
    paragraph(S, 1, "近年来，我们持续推进基层治理体系和治理能力现代化，形成一系列新经验新做法，主要有以下几个方面。"),
    paragraph(S, 2, "第一，必须坚持党建引领，把党的领导贯穿基层治理全过程。"),
    paragraph(S, 3, "第二，必须坚持人民至上，让群众成为基层治理的参与者。"),
    paragraph(S, 4, "第三，必须坚持依法治理，提高基层治理法治化水平。"),
  ]);

  it("says what the points are of when the announcing clause names no topic (主要有以下几个方面)", () => {
    const lists = extractOrdinalLists(speech);
    expect(lists.length).toBeGreaterThan(0);
    for (const f of lists) expect(f.enumeration?.lead).toContain("基层治理体系和治理能力现代化");
  });
});

describe("an unseen law's list of terms", () => {
  const T = "law-terms";
  const terms = doc(T, "中华人民共和国示范信息法", "law", "2034-06-01", "全国", [
    article(T, 1, "第八条", "第二章 处理规则", [
      { text: "处理公共信息，应当遵循合法、正当、必要的原则，不得过度处理。", items: [] },
    ]),
    article(T, 2, "第九条", "第二章 处理规则", [
      { text: "国家建立信息安全产品和信息技术装备抽检、复检制度，由国家网信部门授权的机构进行检测。", items: [] },
    ]),
    article(T, 3, "第十条", "第二章 处理规则", [
      { text: "设区的市级以上网信部门建立信息安全风险评估制度、监测预警制度、应急处置制度。", items: [] },
    ]),
    article(T, 4, "第十一条", "第二章 处理规则", [
      { text: "处理信息的单位应当建立安全管理制度、教育培训制度、保密审查制度和责任追究制度。", items: [] },
    ]),
  ]);
  const own = generateBank([terms]).questions;

  it("asks a list of parallel terms with a blank per term, and explains every blank", () => {
    const q = own.find((x) => x.format === "fill" && x.answer.join("、") === "合法、正当、必要");
    expect(q?.stem).toContain("遵循____、____、____的原则");
    expect(q?.explanation).toContain("答案：合法；正当；必要。");
  });

  it("offers no 多选 over a list cut across its levels (…装备抽检、复检制度)", () => {
    for (const q of own.filter((x) => x.format === "multiple")) expect(q.options).not.toContain("复检制度");
    expect(own.some((x) => x.source.passage === `${T}:第九条`)).toBe(true);
  });
});

describe("an unseen report's paired slogans", () => {
  const W = "report-pairs";
  const report = doc(W, "2034年某省政府工作报告", "work-report", "2034-01-20", "某省", [
    paragraph(
      W,
      1,
      "我们要全面准确贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针，推动政务数据“应融尽融”、系统“应联尽联”。",
      ["二、2034年工作安排"],
    ),
  ]);
  const own = generateBank([report]).questions;

  it("blanks no slogan whose twin, one character swapped throughout, stands in the stem", () => {
    const blanks = own.filter((q) => q.format === "fill" || q.format === "single").flatMap((q) => q.answer);
    for (const a of blanks) expect(a).not.toMatch(/港人治港|澳人治澳|应融尽融|应联尽联/);
  });
});

describe("an unseen communiqué's long sentence of aims", () => {
  const A = "plenum-aims";
  const plenum = doc(A, "某市委全会公报", "communique", "2034-07-20", "某市", [
    paragraph(
      A,
      1,
      "全会强调，推进城市治理现代化，必须坚持人民城市人民建、人民城市为人民，完整准确全面贯彻新发展理念，统筹发展和安全，统筹城乡区域协调发展，持续优化营商环境，以数字化改革为牵引，以增进民生福祉为出发点和落脚点。",
    ),
  ]);
  const own = generateBank([plenum]).questions;

  it("keeps the topic the sentence states before its 必须 when a clause is cut from it", () => {
    const q = own.find((x) => x.format === "fill" && x.answer[0] === "数字化改革");
    expect(q?.stem).toContain("推进城市治理现代化，……");
  });
});

describe("an unseen law's determiners", () => {
  const D = "law-plans";
  const plans = doc(D, "中华人民共和国示范规划法", "law", "2034-09-01", "全国", [
    article(D, 1, "第六条", "第一章 总则", [
      { text: "县级以上人民政府应当将标本保护工作纳入本级国民经济和社会发展规划，所需经费列入本级预算。", items: [] },
    ]),
  ]);
  const own = generateBank([plans]).questions;

  it("leaves 本级 in the stem: the term is what is asked (纳入本级____)", () => {
    const q = own.find((x) => x.format === "fill" && x.answer[0] === "国民经济和社会发展规划");
    expect(q?.stem).toContain("纳入本级____");
  });
});

describe("an unseen law's duties and prohibitions", () => {
  const F = "law-forbid";
  const law = doc(F, "中华人民共和国示范物资法", "law", "2034-10-01", "全国", [
    article(F, 1, "第十条", "第二章 管理", [
      { text: "县级以上储备管理部门会同有关部门开展储备信息收集、分析、通报工作。", items: [] },
    ]),
    article(F, 2, "第十一条", "第二章 管理", [
      {
        text: "任何单位和个人不得有下列行为：",
        items: items("买卖、转送或者私自销毁储备物资；", "将储备物资赠送、出售、丢弃或者挪作他用。"),
      },
    ]),
    article(F, 3, "第十二条", "第二章 管理", [
      { text: "储备单位应当对储备物资进行登记、检查、维护，保证物资完好。", items: [] },
    ]),
  ]);
  const own = generateBank([law]).questions;

  it("takes no act the law forbids as a wrong option among duties (买卖 among 收集、分析、通报)", () => {
    const duties = own.filter(
      (q) => (q.format === "multiple" || q.format === "single") && q.stem.includes("开展储备信息"),
    );
    expect(duties.length).toBeGreaterThan(0);
    for (const q of duties)
      for (const o of q.options) expect(["买卖", "转送", "赠送", "出售", "丢弃"]).not.toContain(o);
  });
});

describe("an unseen law's classes and a list's object", () => {
  it("leaves a class count in the stem: 分为……三级 closes the list, not its last item", () => {
    const spans = statuteBlanks("标本按照科学价值分为珍稀标本、重要标本、一般标本三级。")
      .filter((b) => b.role === "list")
      .map((b) => "标本按照科学价值分为珍稀标本、重要标本、一般标本三级。".slice(b.at, b.at + b.len));
    expect(spans).toEqual(["珍稀标本、重要标本、一般标本"]);
  });

  it("takes a duty as a wrong option among prohibited acts only when it bears on the acts' object", () => {
    const L = "law-objects";
    const law = doc(L, "中华人民共和国示范标本法", "law", "2035-03-01", "全国", []);
    const acts = ["伪造、变造标本证书", "买卖、出租标本证书", "擅自携带标本出境"];
    // 变更登记标本 names only what the law's title names: no act on 证书, it is told apart unread.
    const foils = lawListFoils(acts, [], "任何单位和个人不得有下列行为：", ["变更登记标本", "妥善保管标本证书"], law);
    expect(foils).toContain("妥善保管标本证书");
    expect(foils).not.toContain("变更登记标本");
  });
});

describe("an unseen communiqué's positioning frames", () => {
  const P = "plenum-frames";
  const plenum = doc(P, "某省委全会公报", "communique", "2033-07-20", "某省", [
    paragraph(P, 1, "全会提出，法治是现代化强省建设的重要保障。"),
    paragraph(P, 2, "全会提出，开放是现代化强省建设的鲜明标识。"),
    paragraph(P, 3, "全会提出，城乡融合是现代化强省建设的必然要求。"),
    paragraph(P, 4, "全会提出，数字经济是现代化强省建设的重要引擎。"),
    paragraph(P, 5, "全会提出，教育、科技、人才是现代化强省建设的基础性、战略性支撑。"),
  ]);
  const own = generateBank([plenum]).questions;

  it("asks a role no sibling matches in length as a fill-in, the others among the siblings' roles", () => {
    const compound = own.filter((q) => q.answer.includes("基础性、战略性支撑"));
    expect(compound.map((q) => q.format)).toEqual(["fill"]);
    const single = own.find((q) => q.format === "single" && q.answer[0] === "鲜明标识");
    expect(single?.options).toEqual(expect.arrayContaining(["重要保障", "必然要求"]));
  });
});

describe("an unseen communiqué's adoption line", () => {
  const A = "plenum-adopted";
  const plenum = doc(A, "中共某省第十二届委员会第七次全体会议公报", "communique", "2033-11-28", "某省", [
    { ...paragraph(A, 0, "（2033年11月28日中国共产党某省第十二届委员会第七次全体会议通过）"), role: "header" },
    paragraph(A, 1, "全会听取和讨论了省委常委会受省委委托所作的工作报告。"),
  ]);

  it("asks when and by which meeting the communiqué was adopted", () => {
    const q = generateBank([plenum]).questions.find((x) => x.answer.includes("2033年11月28日"));
    expect(q?.format).toBe("fill");
    expect(q?.stem).toContain("本公报于____经中国共产党某省第十二届委员会第七次全体会议通过。");
  });
});

describe("an unseen law's rules on an activity", () => {
  const V = "law-activity";
  const law = doc(V, "中华人民共和国示范采集法", "law", "2035-05-01", "全国", [
    article(V, 1, "第九条", "第二章 采集", [
      { text: "开展标本采集活动，应当取得采集许可证，并向县级以上人民政府林业主管部门报告。", items: [] },
    ]),
  ]);

  it("asks a rule on whoever carries on an activity (开展…活动，应当…): the activity names them", () => {
    const asked = generateBank([law]).questions.filter((q) => q.format === "fill");
    expect(asked.some((q) => /第九条，开展标本采集活动，应当/.test(q.stem))).toBe(true);
  });
});

describe("an unseen speech's counted pair", () => {
  const S = "speech-pair";
  const speech = doc(S, "某书记在全省农村工作会议上的讲话", "speech", "2035-02-01", "某省", [
    paragraph(S, 1, "全省要扛起维护粮食安全的重任，抓住良种和良田两个关键，加快农机装备攻关。"),
  ]);

  it("asks the pair a count announces a blank per item, with the clause that says what for", () => {
    const q = generateBank([speech]).questions.find((x) => x.format === "fill" && x.answer.includes("良种"));
    expect(q?.answer).toEqual(["良种", "良田"]);
    expect(q?.stem).toContain("全省要扛起维护粮食安全的重任，抓住____和____两个关键。");
  });
});

describe("an unseen speech's sayings, rhetoric and speaker", () => {
  const S = "speech-sayings";
  const speech = doc(S, "某书记在全省高质量发展大会上的讲话", "speech", "2035-02-10", "某省", [
    paragraph(S, 1, "我们要以建设创新强省为主线，推动“两廊两带”建设，打造区域科技创新高地。"),
    paragraph(S, 2, "全省上下要摒弃“慢一点也没关系”的想法，树立“项目为王”的鲜明导向，加快重大项目建设。"),
    paragraph(S, 3, "抓落实要有什么问题就解决什么问题，坚决不搞那些华而不实、弄虚作假、敷衍塞责的东西。"),
    paragraph(S, 4, "要深入学习领会总书记提出的一系列新理念、新思路、新举措，推动全省改革开放不断深化。"),
    paragraph(S, 5, "要推动机构改革走深走实，构建系统完备、科学规范、运行高效的基层治理体系。"),
    paragraph(S, 6, "全体委员要认真落实履职承诺制度，高质量完成“三个一”履职任务，交出一份满意答卷。"),
    paragraph(S, 7, "特别要以县城为重要载体，推动城乡融合发展，加快农业转移人口市民化。"),
    paragraph(S, 8, "会议指出，总书记的重要讲话站位高远、思想深刻、内涵丰富、催人奋进，为做好全省工作指明了方向。"),
  ]);
  const qs = generateBank([speech]).questions;
  const asks = (item: string) => qs.filter((q) => q.answer.some((a) => a.includes(item)));

  it("names the speaker's place for 我们 (某省要…) and never leaves a 我们 the learner cannot place", () => {
    const aim = qs.find((q) => q.answer.includes("创新强省"));
    expect(aim?.stem).toContain("某省要以建设____为主线");
    for (const q of qs) expect(q.stem).not.toMatch(/(?:^|[，；：])我们(?!党|国)/);
    // 特别要在…: the subject is the sentence before's, which the stem lacks.
    expect(qs.filter((q) => q.source.passage.endsWith(":7") || q.answer.includes("县城"))).toEqual([]);
  });

  it("asks no attitude quoted as people voice it, nor idioms that only describe 'things', nor 一系列's vague many", () => {
    expect(asks("慢一点也没关系")).toEqual([]);
    expect(asks("华而不实")).toEqual([]);
    expect(asks("新思路")).toEqual([]);
    // Praise of a speech says how it reads, not what it says.
    expect(asks("站位高远")).toEqual([]);
    // A system's qualities are a formula, still asked.
    expect(asks("科学规范").length).toBeGreaterThanOrEqual(1);
    // “三个一” names no item: a statement with another count (“两个一”) turns on a digit alone.
    for (const q of qs) expect(q.stem).not.toMatch(/“[一两二四五六七八九十]个一”/);
  });
});

describe("an unseen news item's visit", () => {
  const N = "news-visit";
  const news = doc(N, "某区落实安全责任", "news", "2035-04-20", "某市", [
    paragraph(N, 1, "4月19日，某区委书记王建国带队开展燃气安全、校园安全、食品安全、交通安全督导调研。"),
    paragraph(N, 2, "王建国在调研时强调，要坚持安全第一、预防为主、综合治理的方针，压实企业主体责任。"),
  ]);
  const qs = generateBank([news]).questions;

  it("asks what the official said on the visit, not what the official inspected", () => {
    expect(qs.filter((q) => q.answer.some((a) => a.includes("燃气安全")))).toEqual([]);
    expect(qs.some((q) => q.answer.some((a) => a.includes("预防为主")))).toBe(true);
  });
});

describe("an unseen report's baseline year", () => {
  const R = "report-baseline";
  const report = doc(R, "2035年某省政府工作报告", "work-report", "2035-01-20", "某省", [
    paragraph(R, 1, "地区生产总值增长6.1%、居全国第5、创2015年以来最好位次，人均地区生产总值突破9万元。", [
      "一、2034年工作回顾",
    ]),
  ]);

  it("dates a review figure whose sentence names only a baseline year (2015年以来)", () => {
    const asked = generateBank([report]).questions.filter((q) => q.stem.includes("地区生产总值增长"));
    expect(asked.length).toBeGreaterThan(0);
    for (const q of asked) expect(q.stem).toContain("2034年，地区生产总值增长");
  });
});

describe("an unseen report's lessons, plan figures, long names and aims", () => {
  const R = "report-plan";
  const report = doc(R, "2036年某省政府工作报告", "work-report", "2036-01-18", "某省", [
    paragraph(R, 1, "实践充分表明，全省人民有信心、有能力、有办法战胜前进道路上的各种风险挑战。", [
      "一、2035年工作回顾",
    ]),
    paragraph(R, 2, "城乡居民基础养老金最低标准提高到每人每月200元，困难残疾人“两项补贴”标准提高到每人每月120元。", [
      "二、2036年工作安排",
    ]),
    paragraph(R, 3, "深入开展“千名干部进万家帮扶解难题”活动，推动惠企政策直达快享。", ["二、2036年工作安排"]),
    paragraph(R, 4, "以建设沿边开放经济带为重点，推动更高水平对外开放。", ["二、2036年工作安排"]),
    paragraph(R, 5, "以压紧压实主体责任为抓手，健全安全生产责任体系。", ["二、2036年工作安排"]),
  ]);
  const qs = generateBank([report]).questions;
  const from = (n: number) => qs.filter((q) => q.source.passage === `${R}:${n}`);

  it("dates no lesson the review draws, and dates a plan's figures with the plan's year", () => {
    expect(from(1).length).toBeGreaterThan(0);
    for (const q of from(1)) expect(q.stem).not.toMatch(/\d{4}年，/);
    expect(from(2).length).toBeGreaterThan(0);
    for (const q of from(2)) expect(q.stem).toContain("2036年，");
  });

  it("asks no long name to be typed back", () => {
    expect(qs.filter((q) => q.format === "fill" && q.answer.some((a) => a.includes("千名干部")))).toEqual([]);
  });

  it("leaves an aim's verb shown, but not half of a doubled verb", () => {
    const aim = qs.find((q) => q.format === "fill" && q.answer.includes("沿边开放经济带"));
    expect(aim?.stem).toContain("以建设____为重点");
    const duty = qs.find((q) => q.format === "fill" && q.answer.some((a) => a.includes("主体责任")));
    expect(duty?.answer).toEqual(["压紧压实主体责任"]);
  });
});

describe("an unseen law's light verbs and stock words", () => {
  const L = "law-light";
  const law = doc(L, "中华人民共和国某某保护法", "law", "2036-03-01", null, [
    article(L, 1, "第五条", "第一章 总则", [{ text: "机关、单位应当建立健全保密审查制度，明确审查责任。", items: [] }]),
    article(L, 2, "第六条", "第一章 总则", [
      { text: "任用、聘用关键岗位人员应当按照国家有关规定进行审查。", items: [] },
    ]),
    article(L, 3, "第七条", "第一章 总则", [{ text: "禁止非法复制、记录、存储受保护的信息。", items: [] }]),
    article(L, 4, "第八条", "第一章 总则", [
      { text: "运营者未履行保护义务的，主管部门可以对其主要负责人进行约谈。", items: [] },
    ]),
  ]);
  const fills = generateBank([law]).questions.filter((q) => q.format === "fill");

  it("asks no one-word blank after a light verb where the law names kinds of it, nor 非法", () => {
    expect(fills.filter((q) => q.answer.includes("审查") && q.stem.includes("进行____"))).toEqual([]);
    expect(fills.filter((q) => q.answer.includes("非法"))).toEqual([]);
    // 进行约谈 names the act itself: still asked.
    expect(fills.some((q) => q.answer.includes("约谈"))).toBe(true);
  });
});

describe("an unseen communiqué's run of formulations", () => {
  const C = "plenum-run";
  const plenum = doc(C, "某省委全会公报", "communique", "2036-07-20", "某省", [
    paragraph(
      C,
      1,
      "全会强调，要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚持稳中求进。",
    ),
    paragraph(C, 2, "要让传统产业“脱胎换骨”、新兴产业“强筋壮骨”、未来产业“星火燎原”，加快构建现代化产业体系。"),
    paragraph(C, 3, "要推进“一网通办”、推进“一网统管”、推进“一网协同”，提升政务服务效能。"),
  ]);
  const news = doc("news-run", "某市传达学习全会精神", "meeting", "2036-07-25", "某省", [
    paragraph("news-run", 1, "会议要求，全市上下要自觉增强“四个意识”、坚定“四个自信”、做到“两个维护”，抓好贯彻落实。"),
  ]);
  const bank = generateBank([plenum, news]);
  const runs = bank.questions.filter((q) => q.format === "fill" && q.answer.length === 3);

  it("asks a run of quoted formulations a blank each, the words before each shown, as one point wherever restated", () => {
    const loyal = runs.filter((q) => q.answer.join("、") === "四个意识、四个自信、两个维护");
    expect(loyal).toHaveLength(1);
    expect(loyal[0]?.stem).toContain("增强“____”、坚定“____”、做到“____”");
    const kp = bank.knowledgePoints.find((k) => k.id === loyal[0]?.knowledgePoint);
    expect(kp?.sources).toHaveLength(2);
    const stages = runs.find((q) => q.answer.includes("强筋壮骨"));
    expect(stages?.stem).toContain("传统产业“____”、新兴产业“____”、未来产业“____”");
  });

  it("asks no run whose words are all the same: nothing tells its blanks apart", () => {
    expect(runs.filter((q) => q.answer.includes("一网统管"))).toEqual([]);
  });
});

describe("an unseen communiqué's features of one subject", () => {
  const C = "plenum-features";
  const plenum = doc(C, "某省委全会公报", "communique", "2036-07-20", "某省", [
    paragraph(
      C,
      1,
      "全会提出，现代化新湖城是创新活力迸发的现代化新湖城。必须深入实施创新驱动发展战略，培育壮大新动能。",
    ),
    paragraph(C, 2, "全会提出，现代化新湖城是生态环境优美的现代化新湖城。必须完善绿色低碳发展机制，推进美丽城市建设。"),
  ]);
  const qs = generateBank([plenum]).questions;

  it("asks each feature a document gives one subject, with the sentence after it that names the field", () => {
    const q = qs.find((x) => x.format === "fill" && x.answer[0] === "生态环境优美");
    expect(q?.stem).toContain("现代化新湖城是____的现代化新湖城。必须完善绿色低碳发展机制");
    expect(qs.some((x) => x.format === "fill" && x.answer[0] === "创新活力迸发")).toBe(true);
  });
});

describe("an unseen communiqué's overall goal", () => {
  const C = "plenum-goal";
  const plenum = doc(C, "某省委全会公报", "communique", "2036-07-20", "某省", [
    paragraph(C, 1, "全会指出，建设现代化新湖城的总目标是加快构建现代化产业体系，全面建成区域科技创新中心。"),
  ]);
  const qs = generateBank([plenum]).questions;

  it("asks what the overall goal is to do, a blank per clause, its verbs shown", () => {
    const q = qs.find((x) => x.format === "fill" && x.stem.includes("总目标是"));
    expect(q?.stem).toContain("建设现代化新湖城的总目标是加快构建____，全面建成____。");
    expect(q?.answer).toEqual(["现代化产业体系", "区域科技创新中心"]);
  });
});

describe("an unseen communiqué's many positionings of one frame", () => {
  const C = "plenum-roles";
  const says = [
    "科技创新是高质量发展的核心动力",
    "人才是高质量发展的第一资源",
    "改革是高质量发展的根本动力",
    "开放是高质量发展的必由之路",
    "党的领导是高质量发展的根本保证",
    "绿色发展是高质量发展的鲜明底色",
    "法治是高质量发展的重要保障",
  ];
  const plenum = doc(
    C,
    "某省委全会公报",
    "communique",
    "2036-07-20",
    "某省",
    says.map((x, i) => paragraph(C, i + 1, `全会提出，${x}。`)),
  );
  const singles = generateBank([plenum]).questions.filter((q) => q.format === "single");

  it("does not give every question of the frame the same wrong options: the key would be the odd one out", () => {
    expect(singles.length).toBeGreaterThanOrEqual(3);
    const foils = singles.map((q) => q.options.filter((o) => !q.answer.includes(o)));
    for (const f of foils[0] ?? []) expect(foils.every((x) => x.includes(f))).toBe(false);
  });
});

describe("an unseen meeting's series of items that open alike", () => {
  const M = "meeting-alike";
  const news = doc(M, "某市召开主题教育总结会议", "meeting", "2036-03-02", "某市", [
    paragraph(M, 1, "会议强调，要明确目标任务，突出以学铸魂、以学增智、以学正风、以学促干，推动主题教育走深走实。"),
    paragraph(M, 2, "会议要求，全市党员干部要始终做到绝对忠诚、绝对可靠、绝对纯洁，以过硬作风推动工作落实。"),
  ]);
  const fills = generateBank([news]).questions.filter((q) => q.format === "fill");

  it("asks the series whole, never its last item alone beside the others that show half of it", () => {
    expect(fills.some((q) => q.answer.join("、") === "以学铸魂、以学增智、以学正风、以学促干")).toBe(true);
    expect(fills.filter((q) => q.answer.length === 1 && /^(?:以学|绝对)/.test(q.answer[0] ?? ""))).toEqual([]);
  });
});
