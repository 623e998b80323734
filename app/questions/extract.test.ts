import { describe, expect, it } from "vitest";
import { generateBank } from "./bank";
import { article, doc, items, paragraph } from "./fixtures";
import { findFigures } from "./figures";
import { normalizeAnswer } from "./text";
import type { Question } from "./types";

const TARGETS =
  "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右，生态环境质量持续改善。";

const report = doc("report-2024", "2024年《政府工作报告》", "work-report", "2024-03-05", "全国", [
  paragraph("report-2024", 1, TARGETS, ["二、2024年经济社会发展总体要求和政策取向"]),
  paragraph("report-2024", 2, "——安全发展基础巩固夯实。粮食产量1.39万亿斤，再创历史新高。", ["一、2023年工作回顾", "——安全发展基础巩固夯实"]),
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
  article(LAW, 6, "第六十五条", "第六章 附则", [{ text: "本法自2024年5月1日起施行。", items: [] }]),
]);

const FORMULATION = "深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚定不移走中国特色社会主义道路。";
const speech = doc("speech-1", "习近平在湖南考察时强调", "news", "2024-03-21", "湖南", [paragraph("speech-1", 1, FORMULATION)]);

const bank = generateBank([report, law, speech]);
const questionsOf = (pred: (q: Question) => boolean) => bank.questions.filter(pred);

describe("figures", () => {
  it("finds figures with unit and qualifier at token boundaries", () => {
    expect(findFigures(TARGETS).map((f) => f.text)).toEqual(["5%左右", "1200万人以上", "5.5%左右", "3%左右", "1.3万亿斤以上", "2.5%左右"]);
    expect(findFigures("增长4.6%，比2023年提高").map((f) => f.text)).toEqual(["4.6%"]);
    expect(findFigures("5G用户普及率超过50%，C919投入运营").map((f) => [f.prefix, f.text])).toEqual([["超过", "50%"]]);
    expect(findFigures("绝密级不超过三十年", { chinese: true }).map((f) => [f.prefix, f.text, f.value])).toEqual([["不超过", "三十年", 30]]);
  });
});

describe("targets", () => {
  it("extracts every figure of the 2024 national targets line as a target of 2024, 全国", () => {
    const kps = bank.knowledgePoints.filter((k) => k.document === "report-2024" && k.factType === "figure" && k.passage === "report-2024:1");
    expect(kps.map((k) => k.answer).sort()).toEqual(["1.3万亿斤以上", "1200万人以上", "2.5%左右", "3%左右", "5%左右", "5.5%左右"].sort());
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
    expect(single?.stem).toBe("根据《中华人民共和国保守国家秘密法》第二十条，国家秘密的保密期限，除另有规定外，机密级不超过（ ）。");
    expect(single?.options).toContain("三十年");
    expect(single?.options).toContain("十年");
    const fill = questionsOf((x) => x.format === "fill" && x.answer.includes("二十年"))[0];
    expect(fill?.answer).toEqual(expect.arrayContaining(["二十年", "20年"]));
    expect(fill?.source.path).toEqual(["第二章 国家秘密的范围和密级", "第二十条"]);
  });

  it("asks the items of 第十三条 as 多选, leaving out the catch-all item", () => {
    const q = questionsOf((x) => x.format === "multiple" && x.source.passage === `${LAW}:第十三条`)[0];
    expect(q?.stem).toContain("第十三条规定");
    expect(q?.stem).toContain("下列属于该条所列事项的有（ ）");
    expect(q?.answer.length).toBeGreaterThanOrEqual(2);
    for (const a of q?.answer ?? []) expect(a).toMatch(/秘密事项$/);
    expect(q?.options.join()).not.toContain("其他秘密事项");
    for (const wrong of (q?.options ?? []).filter((o) => !q?.answer.includes(o))) expect(wrong).toContain("国家秘密载体");
  });

  it("swaps in the missing rank for a false statement about 定密权限", () => {
    const q = questionsOf((x) => x.format === "truefalse" && x.source.passage === `${LAW}:第十七条` && x.answer[0] === "错误")[0];
    expect(q?.stem).toContain("设区的市级机关及其授权的机关、单位可以确定绝密级国家秘密");
  });

  it("asks the deciding authority and the date of entry into force", () => {
    const auth = questionsOf((x) => x.format === "single" && x.answer[0] === "原定密机关、单位")[0];
    expect(auth?.stem).toBe("根据《中华人民共和国保守国家秘密法》第二十三条，国家秘密的密级、保密期限和知悉范围的变更，由（ ）决定，也可以由其上级机关决定。");
    expect(auth?.options).not.toContain("其上级机关");
    const date = questionsOf((x) => x.format === "fill" && x.answer[0] === "2024年5月1日")[0];
    expect(date?.stem).toBe("根据《中华人民共和国保守国家秘密法》第六十五条，本法自____起施行。");
  });
});

describe("phrases", () => {
  it("blanks a numbered formulation and offers formulations of the same shape", () => {
    const fill = questionsOf((x) => x.format === "fill" && x.answer[0] === "两个确立")[0];
    expect(fill?.stem).toBe("根据《习近平在湖南考察时强调》（2024年3月），深刻领悟“____”的决定性意义。");
    const single = questionsOf((x) => x.format === "single" && x.answer[0] === "“四个自信”")[0];
    expect(single).toBeDefined();
    for (const o of single?.options ?? []) expect(o).toMatch(/^“[一二两三四五六七八九十]个.{2}”$/);
    expect(single?.options).not.toContain("“四个意识”");
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
