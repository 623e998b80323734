/**
 * Figures in running text: number, magnitude, unit and qualifiers, found at token boundaries.
 * The vocabulary here is generic Chinese statistical and legal usage, not taken from any one document.
 */
import type { Figure } from "./types";
import { parseChineseNumber, toChineseNumber } from "./text";

/** Longest first so that 个百分点 wins over 个, 万千瓦 over 万. */
const UNITS = [
  "个百分点", "万千瓦时", "场次", "千瓦时", "平方公里", "平方米", "立方米", "标准箱", "人次", "架次", "元/月", "元/年",
  "美元", "千瓦", "公里", "公斤", "公顷", "个月", "小时", "分钟", "%", "‰", "PF", "GW", "元", "斤", "吨",
  "米", "亩", "方", "人", "名", "户", "个", "家", "所", "项", "件", "套", "座", "条", "部", "台", "辆", "列",
  "艘", "次", "场", "批", "天", "年", "周", "岁", "倍", "位", "册", "篇", "张", "间", "床", "处", "颗", "P",
];
/** Characters after a one-character unit that turn it into a word (人民, 家庭, 项目 …). */
const UNIT_WORD_STARTS: Record<string, string> = {
  人: "民口才员均类", 家: "庭乡门长", 个: "人体性", 名: "额单称义", 部: "门分署", 条: "件例款", 项: "目", 所: "有在以属得",
  位: "置于", 场: "景所", 批: "准示复", 期: "间限", 方: "面式案向法针", 列: "入车", 处: "理置罚", 台: "账阶", 年: "代度",
  次: "要", 元: "素", 间: "隙", 户: "籍口",
};
const MAGNITUDES = ["万亿", "千亿", "百亿", "亿", "千万", "百万", "万", "千"];
const PREFIXES = ["不超过", "不低于", "不少于", "不高于", "不多于", "超过", "高于", "低于", "近", "约", "逾"];
const SUFFIXES = ["左右", "以上", "以下", "以内", "多", "余"];

/** Units a law states periods and amounts in with Chinese numerals (三十年, 十五日, 五万元). */
const CN_UNITS = ["个工作日", "个月", "小时", "年", "日", "天", "周", "倍", "万元", "元", "级", "类"];

const alt = (xs: readonly string[]) => xs.map((x) => x.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");

const ARABIC_RE = new RegExp(
  `(${alt(PREFIXES)})?(\\d+(?:\\.\\d+)?)(多|余)?(${alt(MAGNITUDES)})?(${alt(UNITS)})?(${alt(SUFFIXES)})?`,
  "g",
);
const CHINESE_RE = new RegExp(
  `(${alt(PREFIXES)})?([一二两三四五六七八九十百千]+)(多|余)?(${alt(CN_UNITS)})(${alt(SUFFIXES)})?`,
  "g",
);

export interface FoundFigure extends Figure {
  /** Offsets of `text` (number … suffix, without the prefix) in the searched string. */
  start: number;
  end: number;
}

function build(
  prefix: string | undefined,
  num: string,
  many: string | undefined,
  magnitude: string | undefined,
  unit: string | undefined,
  suffix: string | undefined,
  numerals: "arabic" | "chinese",
): Omit<FoundFigure, "start" | "end"> | null {
  const value = numerals === "arabic" ? Number(num) : parseChineseNumber(num);
  if (value === null || !Number.isFinite(value)) return null;
  const dot = num.indexOf(".");
  return {
    text: `${num}${many ?? ""}${magnitude ?? ""}${unit ?? ""}${suffix ?? ""}`,
    value,
    unit: `${many ?? ""}${magnitude ?? ""}${unit ?? ""}`,
    prefix: prefix ?? "",
    suffix: suffix ?? "",
    numerals,
    decimals: dot < 0 ? 0 : num.length - dot - 1,
  };
}

/**
 * Figures in `s`. Skipped: years (2024年), dates (5月1日), ordinals (第3), numbers glued to Latin
 * letters (5G, C919), bare numbers without a unit, and anything inside quotation marks or 《》, which
 * names a programme rather than stating a quantity.
 */
export function findFigures(s: string, opts: { chinese?: boolean } = {}): FoundFigure[] {
  const out: FoundFigure[] = [];
  const quoted = quotedRanges(s);
  const inQuote = (i: number) => quoted.some(([a, b]) => i >= a && i < b);
  for (const m of s.matchAll(ARABIC_RE)) {
    const [, prefix, num = "", many, magnitude, unit, suffix] = m;
    const numStart = (m.index ?? 0) + (prefix?.length ?? 0);
    const end = (m.index ?? 0) + m[0].length;
    const before = s[numStart - 1] ?? "";
    const after = s[end] ?? "";
    if (/[A-Za-z\d.+×\-－]/.test(before) || /[A-Za-z\d]/.test(after) || /[A-Za-z+×]/.test(s[numStart + num.length] ?? "")) continue;
    if (before === "第" || /^[月日号时]/.test(s.slice(numStart + num.length))) continue;
    if (!magnitude && !unit) continue;
    if (unit === "周" && after === "年") continue;
    // A one-character unit that is really the start of a word: 2400多万人民, 3个人, 5家庭.
    if (unit && after && UNIT_WORD_STARTS[unit]?.includes(after)) continue;
    if (unit === "年" && !magnitude && /^\d{4}$/.test(num)) continue;
    if (unit === "年" && /^(?:代|级|度|前|后|来|间)/.test(s.slice(end))) continue;
    if (/^[-—~～至到]\d/.test(s.slice(end))) continue;
    if (inQuote(numStart)) continue;
    const f = build(prefix, num, many, magnitude, unit, suffix, "arabic");
    if (f) out.push({ ...f, start: numStart, end });
  }
  if (opts.chinese) {
    for (const m of s.matchAll(CHINESE_RE)) {
      const [, prefix, num = "", many, unit, suffix] = m;
      const numStart = (m.index ?? 0) + (prefix?.length ?? 0);
      const end = (m.index ?? 0) + m[0].length;
      const before = s[numStart - 1] ?? "";
      if (before === "第" || before === "每" || /[一二两三四五六七八九十百千万]/.test(before)) continue;
      // 一年 / 一日 are phrases (一年来, 一日游); 十四届 etc. never match CN_UNITS.
      if ((num === "一" || num === "两") && !prefix && !suffix) continue;
      if (unit === "级" || unit === "类") continue;
      if (inQuote(numStart)) continue;
      const f = build(prefix, num, many, undefined, unit, suffix, "chinese");
      if (f) out.push({ ...f, start: numStart, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function quotedRanges(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of s.matchAll(/“[^“”]*”|《[^《》]*》/g)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return out;
}

function fmt(value: number, decimals: number): string {
  // 2%, not 2.0%: reports drop a trailing zero, and a foil must look like the real figures.
  if (Number.isInteger(value)) return String(value);
  const own = String(value).split(".")[1]?.length ?? 0;
  return value.toFixed(Math.max(decimals, Math.min(own, 3)));
}

/** Writes `value` the way `like` is written: same numerals, magnitude, unit and qualifier. */
export function formatLike(like: Figure, value: number): string {
  let num = like.numerals === "chinese" ? toChineseNumber(value) : fmt(value, like.decimals);
  // Before a measure word 2 reads 两 (两个月, 两名), never 二个月.
  if (num === "二" && /^[个名种项次倍条位件家所批]/.test(like.unit)) num = "两";
  return `${num}${like.unit}${like.suffix}`;
}

/**
 * Plausible wrong values for a figure, nearest first: same precision, same unit, positive, and for
 * percentages a step that matches how such targets move (5% → 4.5%, 5.5%, 6%).
 */
export function nearbyValues(f: Figure): number[] {
  const v = f.value;
  const steps: number[] = [];
  const base = f.decimals > 0 ? 10 ** -f.decimals : 1;
  if (f.numerals === "chinese") {
    const ladder = [1, 2, 3, 5, 6, 7, 10, 15, 20, 25, 30, 40, 50, 60, 90, 100];
    return ladder.filter((x) => x !== v).sort((a, b) => Math.abs(a - v) - Math.abs(b - v) || a - b).slice(0, 6);
  }
  if (f.unit.includes("%") || f.unit === "个百分点") {
    if (f.decimals === 0) steps.push(...(v <= 10 ? [0.5, 1, 1.5, 2] : v <= 30 ? [1, 2, 3, 5] : [5, 10, 15, 20]));
    else if (Math.round(v * 10) % 5 === 0 && f.decimals === 1) steps.push(0.5, 1, 1.5, 2);
    else steps.push(base, base * 2, base * 3, base * 5);
  } else {
    const magnitude = 10 ** Math.floor(Math.log10(Math.max(Math.abs(v), base)));
    const unitStep = Math.max(base, magnitude / (v / magnitude >= 5 ? 1 : v / magnitude >= 2 ? 2 : 5));
    steps.push(unitStep, unitStep * 2, unitStep * 3, unitStep * 4);
  }
  const out: number[] = [];
  for (const s of steps) {
    for (const c of [v - s, v + s]) {
      const r = Number(c.toFixed(Math.max(f.decimals, s % 1 === 0 ? 0 : 1)));
      if (r > 0 && r !== v && !out.includes(r)) out.push(r);
    }
  }
  return out;
}
