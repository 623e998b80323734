/**
 * Document-level context a question needs to stand alone: how to name the document in a stem,
 * which year and region it speaks for, and which years its sections look back on.
 */
import type { InputDocument, InputPassage } from "./types";

export type ReportPeriod = "prior-year" | "five-year" | "plan";

export function documentYear(doc: InputDocument): number | null {
  const m = /^(\d{4})/.exec(doc.date ?? "") ?? /(\d{4})年/.exec(doc.title);
  return m ? Number(m[1]) : null;
}

function documentMonth(doc: InputDocument): number | null {
  const m = /^\d{4}-(\d{2})/.exec(doc.date ?? "");
  return m ? Number(m[1]) : null;
}

/** The headline part of a long title: up to the first space, else the whole title. */
export function shortTitle(title: string): string {
  const t = title.replace(/\s+/g, " ").trim();
  const head = t.split(" ")[0] ?? t;
  return head.length >= 6 ? head : t;
}

/**
 * How a stem names the document: 2024年《政府工作报告》, 2024年《湖南省政府工作报告》,
 * 《中华人民共和国保守国家秘密法》, 《习近平在湖南考察时强调》（2024年3月）.
 */
export function documentLabel(doc: InputDocument): string {
  const year = documentYear(doc);
  const title = doc.title.replace(/\s+/g, " ").trim();
  if (doc.kind === "law") return `《${title.replace(/^《|》$/g, "")}》`;
  if (doc.kind === "work-report") {
    const inner = /《([^》]+)》/.exec(title)?.[1];
    let name = inner ?? title.replace(/^\d{4}年/, "");
    // 内蒙古自治区第十四届人民代表大会第二次会议政府工作报告 → 内蒙古自治区政府工作报告
    name = name.replace(/第[一二三四五六七八九十]+届.*?会议(?:上的)?/, "").replace(/[（(].*?[）)]/g, "");
    const y = /(\d{4})年/.exec(title)?.[1] ?? (year !== null ? String(year) : "");
    return `${y ? `${y}年` : ""}《${name}》`;
  }
  const month = documentMonth(doc);
  const date = year !== null ? `${year}年${month !== null ? `${month}月` : ""}` : "";
  // 《省委常委会会议及有关会议精神》 names no province: the stem says whose meeting it was.
  const short = shortTitle(title);
  const region = doc.region && doc.region !== "全国" && !short.includes(doc.region) ? doc.region : "";
  const when = [region, date].filter(Boolean).join("，");
  return `《${short}》${when ? `（${when}）` : ""}`;
}

/** 一、2023年工作回顾 / 过去一年工作回顾: a section that reports results rather than sets goals. */
export function isReviewSection(passage: InputPassage): boolean {
  return passage.path.some((p) => /回顾|过去一年|过去五年|上年|工作总结/.test(p));
}

/** 关于2024年工作 / 2024年政府工作任务 / 工作安排: a section that sets goals and plans. */
export function isPlanSection(passage: InputPassage): boolean {
  return passage.path.some((p) => /任务|安排|关于\d{4}年|今年|总体要求|目标|部署|实事/.test(p));
}

const periodCache = new WeakMap<InputDocument, Map<string, ReportPeriod | null>>();

/** How a passage opens when it starts a report's review of five years, of one year, or its plan. */
const FIVE_YEAR_RE = /^(?:过去五年|五年来|本届政府(?:任期内|履职以来)|过去十年|十年来)/;
const PRIOR_YEAR_RE = /^(?:过去一年|一年来|去年|上一年)/;
const PLAN_RE =
  /^(?:今年|\d{4}年是|\d{4}年(?:经济社会发展|发展)?(?:的)?主要预期目标|今年(?:经济社会)?发展(?:的)?主要预期目标|做好今年|做好\d{4}年|\d{4}年政府工作)/;

/**
 * The period a passage of a work report speaks of, read in document order: a review heading (一、2023年工作回顾)
 * or a passage that opens 过去一年 / 过去五年 starts a review, one that opens 今年 / 2024年主要预期目标 or a plan
 * heading starts the plan; each holds until the next. Null before any such mark.
 */
export function reportPeriod(doc: InputDocument, passage: InputPassage): ReportPeriod | null {
  let map = periodCache.get(doc);
  if (!map) {
    map = new Map();
    let current: ReportPeriod | null = null;
    for (const p of doc.passages) {
      const text = p.text.trim();
      // A section's heading decides for every passage under it; the way passages open decides elsewhere.
      if (isReviewSection(p)) current = p.path.some((x) => /过去五年|五年来|十年/.test(x)) ? "five-year" : "prior-year";
      else if (isPlanSection(p)) current = "plan";
      else if (FIVE_YEAR_RE.test(text)) current = "five-year";
      else if (PRIOR_YEAR_RE.test(text)) current = "prior-year";
      else if (PLAN_RE.test(text)) current = "plan";
      map.set(p.id, current);
    }
    periodCache.set(doc, map);
  }
  return map.get(passage.id) ?? null;
}
