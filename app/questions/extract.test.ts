import { describe, expect, it } from "vitest";
import { generateBank } from "./bank";
import { article, doc, items, paragraph } from "./fixtures";
import { findFigures } from "./figures";
import { normalizeAnswer, parseChineseNumber } from "./text";
import type { Question } from "./types";

const TARGETS =
  "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右，生态环境质量持续改善。";

const report = doc("report-2024", "2024年《政府工作报告》", "work-report", "2024-03-05", "全国", [
  paragraph("report-2024", 1, TARGETS, ["二、2024年经济社会发展总体要求和政策取向"]),
  paragraph("report-2024", 2, "——安全发展基础巩固夯实。粮食产量1.39万亿斤，再创历史新高。", [
    "一、2023年工作回顾",
    "——安全发展基础巩固夯实",
  ]),
]);

const LAW = "law-secrets";
const law = doc(LAW, "中华人民共和国保守国家秘密法", "law", "2024-02-27", "全国", [
  article(LAW, 1, "第十三条", "第二章 国家秘密的范围和密级", [
    {
      text: "下列涉及国家安全和利益的事项，泄露后可能损害国家在政治、经济、国防、外交等领域的安全和利益的，应当确定为国家秘密：",
      items: items(
        "国家事务重大决策中的秘密事项；",
        "国防建设和武装力量活动中的秘密事项；",
        "外交和外事活动中的秘密事项以及对外承担保密义务的秘密事项；",
        "国民经济和社会发展中的秘密事项；",
        "科学技术中的秘密事项；",
        "维护国家安全活动和追查刑事犯罪中的秘密事项；",
        "经国家保密行政管理部门确定的其他秘密事项。",
      ),
    },
    { text: "政党的秘密事项中符合前款规定的，属于国家秘密。", items: [] },
  ]),
  article(LAW, 2, "第十七条", "第二章 国家秘密的范围和密级", [
    { text: "确定国家秘密的密级，应当遵守定密权限。", items: [] },
    {
      text: "中央国家机关、省级机关及其授权的机关、单位可以确定绝密级、机密级和秘密级国家秘密；设区的市级机关及其授权的机关、单位可以确定机密级和秘密级国家秘密。",
      items: [],
    },
  ]),
  article(LAW, 3, "第二十条", "第二章 国家秘密的范围和密级", [
    { text: "国家秘密的保密期限，除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。", items: [] },
  ]),
  article(LAW, 4, "第二十八条", "第三章 保密制度", [
    {
      text: "机关、单位应当加强对国家秘密载体的管理，任何组织和个人不得有下列行为：",
      items: items(
        "非法获取、持有国家秘密载体；",
        "买卖、转送或者私自销毁国家秘密载体；",
        "通过普通邮政、快递等无保密措施的渠道传递国家秘密载体；",
        "寄递、托运国家秘密载体出境；",
        "其他违反国家秘密载体保密规定的行为。",
      ),
    },
  ]),
  article(LAW, 5, "第二十三条", "第二章 国家秘密的范围和密级", [
    { text: "国家秘密的密级、保密期限和知悉范围的变更，由原定密机关、单位决定，也可以由其上级机关决定。", items: [] },
  ]),
  // Foils for the kinds of 第十三条 come from the law itself: the categories it names alongside 国家秘密.
  article(LAW, 7, "第五十条", "第五章 法律责任", [
    { text: "保密行政管理部门的工作人员对履行职责中知悉的国家秘密、商业秘密和个人隐私，应当予以保密。", items: [] },
  ]),
  article(LAW, 6, "第六十五条", "第六章 附则", [{ text: "本法自2024年5月1日起施行。", items: [] }]),
]);

const FORMULATION =
  "深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚定不移走中国特色社会主义道路。";
const speech = doc("speech-1", "习近平在湖南考察时强调", "news", "2024-03-21", "湖南", [
  paragraph("speech-1", 1, FORMULATION),
  paragraph("speech-1", 2, "要协调推进“四个全面”战略布局，坚持“两个结合”，牢记“三个务必”，不断开创工作新局面。"),
]);

const bank = generateBank([report, law, speech]);
const questionsOf = (pred: (q: Question) => boolean) => bank.questions.filter(pred);

describe("figures", () => {
  it("finds figures with unit and qualifier at token boundaries", () => {
    expect(findFigures(TARGETS).map((f) => f.text)).toEqual([
      "5%左右",
      "1200万人以上",
      "5.5%左右",
      "3%左右",
      "1.3万亿斤以上",
      "2.5%左右",
    ]);
    expect(findFigures("增长4.6%，比2023年提高").map((f) => f.text)).toEqual(["4.6%"]);
    expect(findFigures("5G用户普及率超过50%，C919投入运营").map((f) => [f.prefix, f.text])).toEqual([["超过", "50%"]]);
    expect(findFigures("绝密级不超过三十年", { chinese: true }).map((f) => [f.prefix, f.text, f.value])).toEqual([
      ["不超过", "三十年", 30],
    ]);
  });
});

describe("targets", () => {
  it("extracts every figure of the 2024 national targets line as a target of 2024, 全国", () => {
    const kps = bank.knowledgePoints.filter(
      (k) => k.document === "report-2024" && k.factType === "figure" && k.passage === "report-2024:1",
    );
    expect(kps.map((k) => k.answer).sort()).toEqual(
      ["1.3万亿斤以上", "1200万人以上", "2.5%左右", "3%左右", "5%左右", "5.5%左右"].sort(),
    );
    for (const k of kps) {
      expect(k.status).toBe("target");
      expect(k.scope).toEqual({ region: "全国", year: 2024 });
      expect(TARGETS.slice(k.start, k.end)).toBe(k.answer);
      expect(k.quote).toBe(TARGETS);
    }
  });

  it("asks the GDP target with foils of the same unit and qualifier", () => {
    const [q] = questionsOf((x) => x.format === "single" && x.answer[0] === "5%左右");
    expect(q?.stem).toBe("根据2024年《政府工作报告》，2024年发展主要预期目标是：国内生产总值增长（ ）。");
    expect(q?.options).toHaveLength(4);
    for (const o of q?.options ?? []) expect(o).toMatch(/^\d+(?:\.\d)?%左右$/);
    expect(q?.explanation).toContain(TARGETS);
  });

  it("tells a reported result from a target and dates it to the reviewed year", () => {
    const kp = bank.knowledgePoints.find((k) => k.answer === "1.39万亿斤");
    expect(kp?.status).toBe("result");
    expect(kp?.scope.year).toBe(2023);
    const fill = questionsOf((x) => x.format === "fill" && x.knowledgePoint === kp?.id)[0];
    expect(fill?.stem).toBe("根据2024年《政府工作报告》，2023年，粮食产量____，再创历史新高。");
  });

  it("asks the target list as 多选 with altered figures as wrong options", () => {
    const [q] = questionsOf((x) => x.format === "multiple" && x.kind === "target");
    expect(q?.stem).toBe("根据2024年《政府工作报告》，下列属于2024年发展主要预期目标的有（ ）。");
    expect(q?.answer.length).toBeGreaterThanOrEqual(2);
    for (const a of q?.answer ?? []) expect(TARGETS).toContain(a);
    for (const o of (q?.options ?? []).filter((x) => !q?.answer.includes(x))) expect(TARGETS).not.toContain(o);
  });
});

describe("provisions", () => {
  it("extracts the three classification periods of 第二十条", () => {
    const kps = bank.knowledgePoints.filter((k) => k.passage === `${LAW}:第二十条` && k.factType === "figure");
    expect(kps.map((k) => k.answer).sort()).toEqual(["三十年", "二十年", "十年"].sort());
    const single = questionsOf((x) => x.format === "single" && x.answer[0] === "二十年")[0];
    expect(single?.stem).toBe(
      "根据《中华人民共和国保守国家秘密法》第二十条，国家秘密的保密期限，除另有规定外，机密级不超过（ ）。",
    );
    expect(single?.options).toContain("三十年");
    expect(single?.options).toContain("十年");
    const fill = questionsOf((x) => x.format === "fill" && x.answer.includes("二十年"))[0];
    expect(fill?.answer).toEqual(expect.arrayContaining(["二十年", "20年"]));
    expect(fill?.source.path).toEqual(["第二章 国家秘密的范围和密级", "第二十条"]);
  });

  it("asks the three periods of 第二十条 together, with consistent wrong tuples", () => {
    const q = questionsOf(
      (x) => x.format === "single" && x.source.passage === `${LAW}:第二十条` && x.answer[0] === "三十年、二十年、十年",
    )[0];
    expect(q?.stem).toBe(
      "根据《中华人民共和国保守国家秘密法》第二十条，国家秘密的保密期限，除另有规定外，绝密级不超过（ ），机密级不超过（ ），秘密级不超过（ ）。",
    );
    expect(q?.options).toHaveLength(4);
    // Every wrong tuple keeps the order of the key (each value larger than the next), and none is the key reordered.
    for (const o of q?.options ?? []) {
      const values = o.split("、").map((v) => parseChineseNumber(v.replace(/年$/, "")) ?? NaN);
      expect(values).toHaveLength(3);
      expect(values[0]! > values[1]! && values[1]! > values[2]!, o).toBe(true);
    }
  });

  it("asks the items of 第十三条 as 多选, leaving out the catch-all item", () => {
    const q = questionsOf((x) => x.format === "multiple" && x.source.passage === `${LAW}:第十三条`)[0];
    expect(q?.stem).toContain("第十三条规定");
    expect(q?.stem).toContain("下列属于该条所列事项的有（ ）");
    expect(q?.answer.length).toBeGreaterThanOrEqual(2);
    for (const a of q?.answer ?? []) expect(a).toMatch(/秘密事项$/);
    expect(q?.options.join()).not.toContain("其他秘密事项");
    // Wrong options are neighbouring kinds of protected information, never items of another list
    // (which would be absurd here, and may be true where a penalty article repeats a prohibition).
    const wrong = (q?.options ?? []).filter((o) => !q?.answer.includes(o));
    expect(wrong.length).toBeGreaterThanOrEqual(1);
    for (const w of wrong) {
      expect(w).not.toContain("国家秘密载体");
      expect(w).toMatch(/商业秘密|个人隐私/);
    }
  });

  it("offers no prohibited act's lawful rewording (依法获取 for 非法获取) as a wrong option: anyone spots it", () => {
    const choices = questionsOf((x) => x.source.document === LAW && (x.options ?? []).length > 0);
    expect(choices.length).toBeGreaterThanOrEqual(5);
    for (const q of choices)
      for (const o of q.options ?? [])
        expect(o).not.toMatch(/^(?:依法|经[^，]{2,20}(?:批准|同意|许可)，|按照规定经批准后)/);
  });

  it("swaps in the missing rank for a false statement about 定密权限", () => {
    const q = questionsOf(
      (x) => x.format === "truefalse" && x.source.passage === `${LAW}:第十七条` && x.answer[0] === "错误",
    )[0];
    expect(q?.stem).toContain("设区的市级机关及其授权的机关、单位可以确定绝密级国家秘密");
  });

  it("asks the deciding authority and the date of entry into force", () => {
    const auth = questionsOf((x) => x.format === "fill" && x.answer[0] === "原定密机关、单位")[0];
    expect(auth?.stem).toBe(
      "根据《中华人民共和国保守国家秘密法》第二十三条，国家秘密的密级、保密期限和知悉范围的变更，由____决定，也可以由其上级机关决定。",
    );
    // Among single bodies (公安机关, 监察机关) the one pair of names would be picked unread: no single choice.
    expect(questionsOf((x) => x.format === "single" && x.answer[0] === "原定密机关、单位")).toEqual([]);
    const date = questionsOf((x) => x.format === "fill" && x.answer[0] === "2024年5月1日")[0];
    expect(date?.stem).toBe("根据《中华人民共和国保守国家秘密法》第六十五条，本法自____起施行。");
  });
});

describe("phrases", () => {
  it("blanks a numbered formulation, with no foil the governing verb rules out", () => {
    const fill = questionsOf((x) => x.format === "fill" && x.answer[0] === "两个确立")[0];
    expect(fill?.stem).toBe("根据《习近平在湖南考察时强调》（2024年3月），深刻领悟“____”的决定性意义。");
    // 坚定（ ）: only “四个自信” is ever said after 坚定 here (深刻领悟“两个确立”, 增强“四个意识”), so its foils
    // would fail on the verb alone; and beside “四个意识” and “两个维护” in the stem it is recited, not recalled:
    // neither 单选 nor 填空.
    expect(questionsOf((x) => x.format === "single" && x.answer[0] === "“四个自信”")).toEqual([]);
    expect(questionsOf((x) => x.format === "fill" && x.answer[0] === "四个自信")).toEqual([]);
    // Every option is a formulation the documents use: no wrong count made up (“三个自信”).
    const text = [report, law, speech].flatMap((d) => d.passages.map((p) => p.text)).join("\n");
    for (const q of questionsOf((x) => x.kind === "phrase" && (x.format === "single" || x.format === "multiple"))) {
      for (const o of q.options) expect(text).toContain(o.replace(/^“|”$/g, ""));
    }
  });
});

describe("normalizeAnswer", () => {
  it("folds width, spaces, punctuation and numerals", () => {
    expect(normalizeAnswer("三十年")).toBe(normalizeAnswer("30年"));
    expect(normalizeAnswer(" 30 年 ")).toBe(normalizeAnswer("３０年"));
    expect(normalizeAnswer("５％左右")).toBe(normalizeAnswer("5%左右"));
    expect(normalizeAnswer("百分之五左右")).toBe(normalizeAnswer("5%左右"));
    expect(normalizeAnswer("“两个确立”")).toBe(normalizeAnswer("两个确立"));
    expect(normalizeAnswer("二十年")).not.toBe(normalizeAnswer("三十年"));
    expect(normalizeAnswer("2024年5月1日")).toBe(normalizeAnswer("二〇二四年五月一日"));
  });
});

describe("law facts beyond figures", () => {
  const L = "law-new";
  const lawDoc = doc(L, "中华人民共和国示范保密法", "law", "2030-01-01", "全国", [
    article(L, 1, "第八条", "第一章 总则", [
      { text: "机关、单位应当实行保密工作责任制，健全保密管理制度。", items: [] },
    ]),
    article(L, 2, "第十四条", "第二章 密级", [
      { text: "国家秘密的密级分为绝密、机密、秘密三级。", items: [] },
      {
        text: "绝密级国家秘密是最重要的国家秘密，泄露会使国家安全和利益遭受特别严重的损害；机密级国家秘密是重要的国家秘密，泄露会使国家安全和利益遭受严重的损害；秘密级国家秘密是一般的国家秘密，泄露会使国家安全和利益遭受损害。",
        items: [],
      },
    ]),
    article(L, 3, "第三十条", "第三章 保密制度", [{ text: "涉密信息系统按照涉密程度实行分级保护。", items: [] }]),
    article(L, 4, "第三十九条", "第三章 保密制度", [
      {
        text: "机关、单位应当将涉及绝密级国家秘密的机构确定为保密要害部门，将集中存放国家秘密载体的专门场所确定为保密要害部位。",
        items: [],
      },
    ]),
    article(L, 5, "第四十三条", "第三章 保密制度", [
      { text: "涉密人员按照涉密程度分为核心涉密人员、重要涉密人员和一般涉密人员，实行分类管理。", items: [] },
    ]),
    article(L, 6, "第四十六条", "第三章 保密制度", [
      { text: "涉密人员离岗离职应当遵守国家保密规定。机关、单位应当实行脱密期管理。", items: [] },
    ]),
    article(L, 7, "第六十条", "第五章 法律责任", [
      {
        text: "取得保密资质的企业事业单位违反国家保密规定的，由保密行政管理部门责令限期整改，给予警告或者通报批评；有违法所得的，没收违法所得；情节严重的，暂停涉密业务、降低资质等级；情节特别严重的，吊销保密资质。",
        items: [],
      },
    ]),
    article(L, 8, "第六十二条", "第五章 法律责任", [
      { text: "违反本法规定，构成犯罪的，依法追究刑事责任。", items: [] },
    ]),
  ]);
  const b = generateBank([lawDoc]);
  const find = (format: string, pred: (q: Question) => boolean) =>
    b.questions.filter((q) => q.format === format && pred(q));

  it("asks a rank's meaning and swaps in a sibling rank for a false statement", () => {
    const fill = find("fill", (q) => q.answer[0] === "绝密级")[0];
    expect(fill?.stem).toBe(
      "根据《中华人民共和国示范保密法》第十四条，____国家秘密是最重要的国家秘密，泄露会使国家安全和利益遭受特别严重的损害。",
    );
    const tf = find("truefalse", (q) => q.stem.includes("机密级国家秘密是最重要的国家秘密"))[0];
    expect(tf?.answer).toEqual(["错误"]);
  });

  it("asks the member of an inline classification", () => {
    expect(find("fill", (q) => q.stem.includes("分为绝密、____、秘密三级"))[0]?.answer[0]).toBe("机密");
    expect(find("fill", (q) => q.stem.includes("核心涉密人员、____涉密人员"))[0]?.answer[0]).toBe("重要");
  });

  it("asks named regimes with the law's other regimes of the same kind as foils", () => {
    const q = find("single", (x) => x.answer[0] === "分级保护")[0];
    expect(q?.stem).toBe("根据《中华人民共和国示范保密法》第三十条，涉密信息系统按照涉密程度实行（ ）。");
    expect(q?.options).toEqual(expect.arrayContaining(["分类管理", "保密工作责任制", "脱密期管理"]));
    // A sentence opening with a generic actor keeps the topic sentence before it.
    const exit = find("fill", (x) => x.answer[0] === "脱密期管理")[0];
    expect(exit?.stem).toContain("涉密人员离岗离职应当遵守国家保密规定。机关、单位应当实行____");
    // 健全…制度 is asked as 填空 only: the law may require other 制度 of the same actor.
    expect(find("single", (x) => x.answer[0] === "保密管理制度")).toHaveLength(0);
  });

  it("asks consequences, telling the rungs of a penalty ladder apart", () => {
    // 构成犯罪的，依法追究刑事责任 closes every statute: guessed, not known, so not asked.
    expect(find("single", (q) => q.answer[0] === "追究刑事责任")).toHaveLength(0);
    const rung = find("truefalse", (q) => q.stem.includes("情节严重的，") && q.answer[0] === "错误")[0];
    expect(rung?.stem).toBe(
      "根据《中华人民共和国示范保密法》第六十条，取得保密资质的企业事业单位违反国家保密规定，情节严重的，吊销保密资质。",
    );
    // 有违法所得的，没收违法所得 answers itself and is not asked.
    expect(b.questions.some((q) => q.answer.includes("没收违法所得"))).toBe(false);
  });

  it("asks designations and swaps the sibling designation for a false statement", () => {
    // The sentence names its twin (…确定为保密要害部门，…确定为____): a false statement asks it instead.
    expect(find("fill", (q) => q.answer[0] === "保密要害部位")).toHaveLength(0);
    expect(
      find("truefalse", (q) => q.answer[0] === "错误" && q.source.passage === `${L}:第三十九条`).length,
    ).toBeGreaterThan(0);
  });
});

describe("ordinal lists of reports", () => {
  const R = "meeting-1";
  const m = doc(R, "某省人大会议开幕", "meeting", "2030-01-20", "某省", [
    paragraph(
      R,
      1,
      "省长在报告中指出，一年来，主要做了以下工作：一是加大宏观调控力度，推动经济运行持续好转；二是依靠创新引领产业升级，增强发展新动能；三是深化改革扩大开放，持续改善营商环境；四是着力抓好民生保障，推进社会事业发展。",
    ),
  ]);
  const o = doc("meeting-2", "某区政协会议开幕", "meeting", "2030-01-22", "某区", [
    paragraph(
      "meeting-2",
      1,
      "会议从四个方面总结了工作。一是把牢正确政治方向，加强党的领导；二是坚持大团结大联合，汇聚合力；三是加强和改进经常性工作，提质增效；四是扎实开展对口协作，开创新局面。",
    ),
  ]);
  const b = generateBank([m, o]);

  it("asks the heads of 一是…二是… as 多选 with heads of another document's list as foils", () => {
    const q = b.questions.find((x) => x.format === "multiple" && x.source.document === R);
    expect(q?.stem).toBe(
      "根据《某省人大会议开幕》（2030年1月），过去一年，主要做了以下工作。下列属于上述工作的有（ ）。",
    );
    for (const a of q?.answer ?? [])
      expect(["加大宏观调控力度", "依靠创新引领产业升级", "深化改革扩大开放", "着力抓好民生保障"]).toContain(a);
    const wrong = (q?.options ?? []).filter((x) => !q?.answer.includes(x));
    expect(wrong.length).toBeGreaterThan(0);
    for (const w of wrong)
      expect(["把牢正确政治方向", "坚持大团结大联合", "加强和改进经常性工作", "扎实开展对口协作"]).toContain(w);
  });

  it("never keys 不属于 on another document's head that shares no subject with the list (picked by topic alone)", () => {
    const reverse = b.questions.filter((x) => x.format === "single" && x.source.document === R);
    expect(b.questions.filter((x) => x.source.document === R).length).toBeGreaterThan(0);
    expect(reverse.filter((x) => x.stem.includes("不属于"))).toEqual([]);
  });
});

describe("target lists of a regional report", () => {
  const R = "report-im";
  const r = doc(R, "某自治区第十四届人民代表大会第二次会议政府工作报告", "work-report", "2030-02-04", "某区", [
    paragraph(
      R,
      1,
      "全区经济社会发展的主要预期目标是：地区生产总值增长6%以上；一般公共预算收入增长6%；城镇新增就业18万人以上，城镇调查失业率控制在6%左右；居民收入增长与经济增长基本同步。",
      ["二、2030年工作安排"],
    ),
  ]);
  const b = generateBank([r]);

  it("asks every target with the year, the list's lead and its own clause only", () => {
    const stems = b.questions.filter((q) => q.format === "fill").map((q) => `${q.stem}|${q.answer[0]}`);
    expect(stems).toContain(
      "根据2030年《某自治区政府工作报告》，2030年全区经济社会发展的主要预期目标是：一般公共预算收入增长____。|6%",
    );
    expect(stems).toContain(
      "根据2030年《某自治区政府工作报告》，2030年全区经济社会发展的主要预期目标是：城镇调查失业率控制在____左右。|6%",
    );
    expect(stems).toContain(
      "根据2030年《某自治区政府工作报告》，2030年全区经济社会发展的主要预期目标是：城镇新增就业____以上。|18万人",
    );
  });
});

describe("unquoted key phrases of an unseen speech (1.2)", () => {
  const S = "speech-2025";
  const speech = doc(S, "在某省考察时的讲话", "speech", "2025-04-02", "全国", [
    paragraph(
      S,
      1,
      "他强调，城乡融合发展是推进中国式现代化的必由之路。要牢牢把握扩大内需这个战略任务，坚持以案促改、以案促治、以案促建，抓住人才和资金两个关键。",
    ),
    paragraph(S, 2, "会议指出，要锻造一支以永远在路上的坚韧和执着，推动工作向纵深发展的队伍。"),
    // Foils of a positioning are roles the documents use: these give 战略任务 its three.
    paragraph(
      S,
      3,
      "高质量发展是新时代的首要任务。以中国式现代化全面推进强国建设是党的中心任务。立德树人是教育的根本任务。",
    ),
  ]);
  const bank = generateBank([speech]);
  const fill = (answer: string) => bank.questions.find((q) => q.format === "fill" && q.answer[0] === answer);

  it("asks positioning statements, parallel series and counted pairs", () => {
    expect(fill("必由之路")?.stem).toBe(
      "根据《在某省考察时的讲话》（2025年4月），城乡融合发展是推进中国式现代化的____。",
    );
    const task = bank.questions.find((q) => q.format === "single" && q.answer[0] === "战略任务");
    expect(task?.options.slice().sort()).toEqual(["中心任务", "战略任务", "根本任务", "首要任务"].sort());
    // One item of a series whose twins stand beside it (以案促改、以案促治、____) is filled from them.
    expect(fill("以案促建")).toBeUndefined();
    // The pair a count announces takes a blank per item.
    expect(bank.questions.find((q) => q.format === "fill" && q.answer.join("|") === "人才|资金")?.stem).toContain(
      "抓住____和____两个关键",
    );
  });

  it("never ends a stem on a dangling adverbial", () => {
    for (const q of bank.questions) expect(q.stem).not.toMatch(/坚韧和执着。$/);
  });
});
