/**
 * Options that cannot be gamed (design §5.1, "Wrong options must never give the answer away"): the
 * key's place among sorted numbers is uniform, every phrase option is a string of the documents, the
 * key's length is no tell, 多选 key counts vary, and a false 判断 is really false.
 */
import { describe, expect, it } from "vitest";
import { contentCorpus } from "./content-corpus";
import { generateBank, lengthTell, multipleShape } from "./bank";
import { boundOf, falsifies, foilsAround, nearbyValues, optionValue } from "./figures";
import { article, doc, paragraph } from "./fixtures";
import type { Figure, Question } from "./types";

const corpus = contentCorpus;

const documents = corpus();
const bank = generateBank(documents);
const text = documents
  .flatMap((d) => d.passages.map((p) => p.text))
  .join("\n")
  .normalize("NFKC")
  .replace(/\s+/g, "");

const numeric = (q: Question) =>
  q.format === "single" &&
  q.kind !== "phrase" &&
  [...q.options, q.answer[0] ?? ""].every(
    (o) => optionValue(o) !== null && /^[^\u4e00-\u9fff]*[\d零〇一二两三四五六七八九十百千]/.test(o),
  );

function placeOf(q: Question): number {
  const values = q.options.map((o) => optionValue(o) as number).sort((a, b) => a - b);
  return values.indexOf(optionValue(q.answer[0] ?? "") as number);
}

describe("numeric options", () => {
  const fig = (value: number, unit: string, numerals: Figure["numerals"], prefix = "", suffix = ""): Figure => ({
    text: "",
    value,
    unit,
    prefix,
    suffix,
    numerals,
    decimals: 0,
  });

  it("places the key where the draw says, with foils from both sides of it", () => {
    const pool = ["4.5%左右", "5.5%左右", "4%左右", "6%左右", "3.5%左右", "6.5%左右"];
    for (let below = 0; below <= 3; below++) {
      const foils = foilsAround("5%左右", pool, below) ?? [];
      expect(foils).toHaveLength(3);
      expect(foils.filter((f) => (optionValue(f) as number) < 5)).toHaveLength(below);
    }
    // One side empty: the key could only sit at the edge, so no numeric 单选.
    expect(foilsAround("一万元以上", ["二万元以上", "三万元以上", "五万元以上"], 0)).toEqual([]);
    // Not a number: another rule chooses the foils.
    expect(foilsAround("国务院", ["省级人民政府"], 1)).toBeNull();
  });

  it("takes a law's periods from the values laws state, on both sides", () => {
    const days = nearbyValues(fig(15, "日", "chinese"));
    expect(days.slice(0, 4).sort((a, b) => a - b)).toEqual([7, 10, 20, 30]);
    const years = nearbyValues(fig(20, "年", "chinese"));
    expect(years.some((v) => v < 20) && years.some((v) => v > 20)).toBe(true);
    for (const v of nearbyValues(fig(30, "日", "chinese")))
      expect([1, 2, 3, 5, 7, 10, 15, 20, 45, 60, 90, 180]).toContain(v);
  });

  it("keeps a key's digits in the foils three steps below it (1170万 among 1020万…, not 570万)", () => {
    for (const v of nearbyValues(fig(1170, "万", "arabic")).slice(0, 6)) expect(String(Math.round(v))).toHaveLength(4);
    for (const v of nearbyValues(fig(2100, "亿元", "arabic")).slice(0, 6))
      expect(String(Math.round(v))).toHaveLength(4);
  });

  it("takes round foils for a round share and foils a learner can tell apart for one with decimals", () => {
    for (const v of nearbyValues(fig(30, "%", "arabic", "近")).slice(0, 4)) expect(v % 5).toBe(0);
    const share = { ...fig(35.6, "%", "arabic"), decimals: 1 };
    for (const v of nearbyValues(share).slice(0, 4)) expect(Math.abs(v - 35.6)).toBeGreaterThanOrEqual(0.99);
    const small = { ...fig(7.4, "%", "arabic"), decimals: 1 };
    for (const v of nearbyValues(small).slice(0, 4)) expect(Math.abs(v - 7.4)).toBeGreaterThanOrEqual(0.29);
  });

  it("spreads the key uniformly over the four places across a generated bank", () => {
    const places = [0, 0, 0, 0];
    for (const q of bank.questions.filter(numeric)) {
      const at = placeOf(q);
      places[at] = (places[at] ?? 0) + 1;
    }
    const n = places.reduce((a, b) => a + b, 0);
    // Enough keys to judge the spread (the bank asks no lesser figures, so fewer than it once did).
    expect(n).toBeGreaterThan(100);
    expect(Math.max(...places) / n).toBeLessThanOrEqual(0.35);
    expect(Math.min(...places) / n).toBeGreaterThanOrEqual(0.15);
  });
});

describe("phrase options", () => {
  it("offers only strings that occur in the documents", () => {
    const phrase = bank.questions.filter(
      (q) => q.kind === "phrase" && (q.format === "single" || q.format === "multiple"),
    );
    expect(phrase.length).toBeGreaterThan(50);
    for (const q of phrase)
      for (const o of q.options) expect(text).toContain(o.normalize("NFKC").replace(/\s+/g, "").replace(/^“|”$/g, ""));
    // No wrong count made up from a real one (三个确立 from 两个确立).
    for (const q of phrase) for (const o of q.options) expect(o).not.toMatch(/^“?[三四五]个确立”?$/);
  });

  it("never keys a 单选 on the unique longest or shortest option by half again", () => {
    const tells = bank.questions.filter(
      (q) =>
        q.format === "single" &&
        !numeric(q) &&
        lengthTell(
          q.answer[0] ?? "",
          q.options.filter((o) => o !== q.answer[0]),
        ),
    );
    expect(tells.map((q) => q.stem)).toEqual([]);
    expect(lengthTell("责令改正", ["处五万元以上五十万元以下罚款", "没收违法所得", "吊销相关许可证件"])).toBe(true);
    expect(lengthTell("首要任务", ["中心任务", "根本任务", "战略任务"])).toBe(false);
    // The one pair of names among single bodies is picked unread; among other pairs it is not.
    expect(lengthTell("原定密机关、单位", ["公安机关", "监察机关", "国家安全机关"])).toBe(true);
    expect(lengthTell("原定密机关、单位", ["上级机关、单位", "公安机关、检察院", "监察机关、法院"])).toBe(false);
  });
});

describe("多选", () => {
  it("varies its key count and always has a wrong option", () => {
    const multi = bank.questions.filter((q) => q.format === "multiple");
    expect(multi.length).toBeGreaterThan(20);
    const shapes = new Map<string, number>();
    for (const q of multi) {
      const keys = q.answer.length;
      expect(keys).toBeGreaterThanOrEqual(2);
      expect(keys).toBeLessThanOrEqual(4);
      expect(q.options.length).toBeGreaterThanOrEqual(4);
      expect(q.options.length).toBeLessThanOrEqual(5);
      expect(q.options.length).toBeGreaterThan(keys);
      shapes.set(`${keys}/${q.options.length}`, (shapes.get(`${keys}/${q.options.length}`) ?? 0) + 1);
    }
    expect(shapes.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...shapes.values()) / multi.length).toBeLessThanOrEqual(0.6);
  });

  it("draws shapes the list allows", () => {
    expect(multipleShape("0".repeat(64), 3, 0)).toBeNull();
    const seen = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const s = multipleShape(i.toString(16).padStart(24, "0").repeat(3), 4, 3);
      expect(s).not.toBeNull();
      if (s) seen.add(`${s.keys}/${s.wrong}`);
    }
    expect(seen.size).toBe(5);
    for (let i = 0; i < 16; i++) {
      const s = multipleShape(i.toString(16).padStart(24, "0").repeat(3), 3, 1);
      expect(s?.wrong).toBe(1);
      expect(s?.keys).toBeLessThanOrEqual(3);
    }
  });
});

describe("false 判断", () => {
  it("raises a lower bound and lowers an upper one", () => {
    expect(boundOf({ prefix: "", suffix: "以上" })).toBe("lower");
    expect(boundOf({ prefix: "", suffix: "", unit: "多万" })).toBe("lower");
    expect(boundOf({ prefix: "不超过", suffix: "" })).toBe("upper");
    expect(boundOf({ prefix: "", suffix: "" }, "力争突破")).toBe("lower");
    expect(boundOf({ prefix: "", suffix: "左右" }, "达到")).toBeNull();
    expect(falsifies({ prefix: "", suffix: "以上", value: 10 }, 9.5)).toBe(false);
    expect(falsifies({ prefix: "", suffix: "以上", value: 10 }, 10.5)).toBe(true);
    expect(falsifies({ prefix: "不超过", suffix: "", value: 30 }, 40)).toBe(false);
    expect(falsifies({ prefix: "不超过", suffix: "", value: 30 }, 20)).toBe(true);
  });

  const R = "report-t";
  const report = doc(R, "2031年某省政府工作报告", "work-report", "2031-01-20", "某省", [
    paragraph(
      R,
      1,
      "今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%以上；城镇新增就业60万人以上；粮食产量600亿斤以上；单位地区生产总值能耗降低3%以上；城镇调查失业率控制在5.5%以内。",
      ["二、2031年工作安排"],
    ),
    paragraph(
      R,
      2,
      "力争高新技术企业突破1.2万家，研发经费投入增长10%以上，新增高标准农田200万亩以上，培育专精特新中小企业500家以上。",
      ["二、2031年工作安排"],
    ),
  ]);
  const L = "law-t";
  const law = doc(L, "中华人民共和国示范期限法", "law", "2031-03-01", "全国", [
    article(L, 1, "第八条", "第二章 期限", [
      {
        text: "申请人应当自收到通知之日起不超过三十日提出复核；复核机关应当在不少于十五日的期限内听取意见。",
        items: [],
      },
    ]),
    article(L, 2, "第九条", "第二章 期限", [
      { text: "档案的保管期限，除另有规定外，一般不少于十年，重要档案不超过五十年。", items: [] },
    ]),
  ]);
  const b = generateBank([report, law]);

  it("never states a weaker bound as false (10%以上 → 9.5%以上 would be true)", () => {
    let checked = 0;
    for (const q of [...b.questions, ...bank.questions].filter(
      (x) => x.format === "truefalse" && x.answer[0] === "错误",
    )) {
      const m = /原文为“?(.+?)”?，而非“(.+?)”。/.exec(q.explanation);
      if (!m) continue;
      const [truth, foil] = [m[1] ?? "", m[2] ?? ""];
      const tv = optionValue(truth);
      const fv = optionValue(foil);
      if (tv === null || fv === null) continue;
      const before = q.stem.slice(0, q.stem.indexOf(foil));
      const bound = boundOf(
        {
          prefix: /(?:不超过|不高于|不多于|低于|不低于|不少于|超过|高于|逾)$/.exec(before)?.[0] ?? "",
          suffix: /(?:以上|以下|以内|左右|多|余)$/.exec(truth)?.[0] ?? "",
          unit: truth.replace(/^[\d.零〇一二两三四五六七八九十百千]+/, ""),
        },
        before,
      );
      if (bound === "lower") expect(fv, q.stem).toBeGreaterThan(tv);
      if (bound === "upper") expect(fv, q.stem).toBeLessThan(tv);
      if (bound) checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
