/**
 * Figures in running text: number, magnitude, unit and qualifiers, found at token boundaries.
 * The vocabulary here is generic Chinese statistical and legal usage, not taken from any one document.
 */
import type { Figure } from "./types";
import { parseChineseNumber, toChineseNumber } from "./text";

/** Longest first so that 个百分点 wins over 个, 万千瓦 over 万. */
const UNITS = [
  "个百分点",
  "万千瓦时",
  "场次",
  "千瓦时",
  "平方公里",
  "平方米",
  "立方米",
  "标准箱",
  "人次",
  "架次",
  "元/月",
  "元/年",
  "美元",
  "千瓦",
  "公里",
  "公斤",
  "公顷",
  "个月",
  "小时",
  "分钟",
  "%",
  "‰",
  "PF",
  "GW",
  "元",
  "斤",
  "吨",
  "米",
  "亩",
  "方",
  "人",
  "名",
  "户",
  "个",
  "家",
  "所",
  "项",
  "件",
  "套",
  "座",
  "条",
  "部",
  "台",
  "辆",
  "列",
  "艘",
  "次",
  "场",
  "批",
  "天",
  "年",
  "周",
  "岁",
  "倍",
  "位",
  "册",
  "篇",
  "张",
  "间",
  "床",
  "处",
  "颗",
  "P",
];
/** Characters after a one-character unit that turn it into a word (人民, 家庭, 项目 …). */
const UNIT_WORD_STARTS: Record<string, string> = {
  人: "民口才员均类",
  家: "庭乡门长",
  个: "人体性",
  名: "额单称义",
  部: "门分署",
  条: "件例款",
  项: "目",
  所: "有在以属得",
  位: "置于",
  场: "景所",
  批: "准示复",
  期: "间限",
  方: "面式案向法针",
  列: "入车",
  处: "理置罚",
  台: "账阶",
  年: "代度",
  次: "要",
  元: "素",
  间: "隙",
  户: "籍口",
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
    if (
      /[A-Za-z\d.+×\-－]/.test(before) ||
      /[A-Za-z\d]/.test(after) ||
      /[A-Za-z+×]/.test(s[numStart + num.length] ?? "")
    )
      continue;
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
 * Values a law states periods, deadlines and amounts in (七日, 十五日, 三十日; 十年, 二十年, 三十年;
 * 一万元, 五万元, 十万元): foils of a Chinese-numeral figure come from the ladder of its unit, so a foil
 * is a value a law could state, never an odd one (二十五日) that a learner rules out at a glance.
 */
const LADDERS: [RegExp, number[]][] = [
  [/^(?:日|天|个工作日)$/, [1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 180]],
  [/^年$/, [1, 2, 3, 5, 10, 15, 20, 25, 30, 40, 50, 70, 100]],
  [/^个月$/, [1, 2, 3, 6, 9, 12, 18, 24, 36]],
  [/^小时$/, [1, 2, 4, 6, 8, 12, 24, 48, 72]],
  [/^周$/, [1, 2, 3, 4, 6, 8]],
  [/^倍$/, [1, 2, 3, 5, 10, 20]],
  [/^万元$/, [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000]],
  [/元$/, [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000]],
];
const DEFAULT_LADDER = [1, 2, 3, 5, 6, 7, 10, 15, 20, 25, 30, 40, 50, 60, 90, 100];

/**
 * Plausible wrong values for a figure, nearest first, on both sides of it: same precision, same unit,
 * positive, and a step that matches how such figures move (5% → 4.5%, 5.5%, 6%; 三十日 → 十五日, 六十日).
 */
/** The ladder of values a law states a figure's unit in (年: 一、二、三、五、十…), sorted ascending. */
export function ladderOf(f: Figure): number[] {
  return LADDERS.find(([re]) => re.test(f.unit))?.[1] ?? DEFAULT_LADDER;
}

export function nearbyValues(f: Figure): number[] {
  const v = f.value;
  const steps: number[] = [];
  const base = f.decimals > 0 ? 10 ** -f.decimals : 1;
  if (f.numerals === "chinese") {
    const ladder = ladderOf(f);
    // A value beyond the ladder (五十万元 on a ladder of 万元 up to 一万) keeps its own scale.
    const scaled =
      v > (ladder[ladder.length - 1] ?? 0)
        ? ladder.map((x) => x * 10 ** Math.floor(Math.log10(v / (ladder[ladder.length - 1] ?? 1)) + 1))
        : ladder;
    return [...new Set([...ladder, ...scaled])]
      .filter((x) => x !== v && x > 0 && x < 10000)
      .sort((a, b) => Math.abs(Math.log(a / v)) - Math.abs(Math.log(b / v)) || a - b)
      .slice(0, 12);
  }
  if (f.unit.includes("%") || f.unit === "个百分点") {
    // A round key (近30%, 超过50%) takes round foils, else it is the one round option; a key with decimals takes foils
    // far enough apart to be told from it by knowing it (35.6% against 35.5% is a quibble).
    if (f.decimals === 0 && v >= 10 && v % 10 === 0) steps.push(10, 20, 5, 30);
    else if (f.decimals === 0 && v >= 10 && v % 5 === 0) steps.push(5, 10, 15, 20);
    else if (f.decimals === 0) steps.push(...(v <= 10 ? [0.5, 1, 1.5, 2] : v <= 30 ? [1, 2, 3, 5] : [5, 10, 15, 20]));
    else if (Math.round(v * 10) % 5 === 0 && f.decimals === 1) steps.push(0.5, 1, 1.5, 2);
    else if (v >= 10) steps.push(1, 2, 3, 5);
    else steps.push(base * 3, base * 5, base * 8, base * 10);
  } else {
    const magnitude = 10 ** Math.floor(Math.log10(Math.max(Math.abs(v), base)));
    let unitStep = Math.max(base, magnitude / (v / magnitude >= 5 ? 1 : v / magnitude >= 2 ? 2 : 5));
    // 1170万 among 970万、770万、570万 is the one four-digit option: three steps down keep its digits.
    const room = (v - magnitude) / 3;
    if (v >= 10 && room < unitStep && room >= Math.max(base, unitStep / 4)) {
      const scale = 10 ** Math.floor(Math.log10(room));
      unitStep = Math.max(base, [5, 2, 1].map((m) => m * scale).find((x) => x <= room) ?? scale);
    }
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

/**
 * Which way a figure bounds what it measures: a lower bound (10%以上, 不少于三十日, 超过50%, 5600多万,
 * 突破2100亿元) or an upper bound (不超过三十年, 5%以内, 降到9.5%), or neither (5%左右, 三十日).
 * `before` is the text just before the figure, whose verb may bound it.
 */
export function boundOf(
  f: Pick<Figure, "prefix" | "suffix"> & { unit?: string },
  before = "",
): "lower" | "upper" | null {
  if (f.suffix === "左右" || /^(?:近|约)$/.test(f.prefix)) return null;
  if (
    /^(?:以上|多|余)$/.test(f.suffix) ||
    /^(?:多|余)/.test(f.unit ?? "") ||
    /^(?:不低于|不少于|超过|高于|逾)$/.test(f.prefix)
  )
    return "lower";
  if (/^(?:以下|以内)$/.test(f.suffix) || /^(?:不超过|不高于|不多于|低于)$/.test(f.prefix)) return "upper";
  if (/(?:突破|超过|达到|提高到|提升到|增加到|增至|不低于|不少于)$/.test(before)) return "lower";
  if (/(?:降到|降至|降低到|控制在|压减到|压缩到|不超过|低于)$/.test(before)) return "upper";
  return null;
}

/**
 * Whether a false statement with `foil` in place of `f` is really false: a lower bound only raised
 * (增长10%以上 → 增长9.5%以上 follows from the text, 增长11%以上 does not), an upper bound only lowered.
 */
export function falsifies(
  f: Pick<Figure, "prefix" | "suffix" | "value"> & { unit?: string },
  foil: number,
  before = "",
): boolean {
  const b = boundOf(f, before);
  if (b === "lower") return foil > f.value;
  if (b === "upper") return foil < f.value;
  return foil !== f.value;
}

const DATE_VALUE_RE = /(\d{4})年(\d{1,2})月(\d{1,2})日/;

/**
 * The number an option states, to order numeric options: a date as its day, else the first Arabic
 * number or run of Chinese numerals (三十日 → 30, 5.5%左右 → 5.5), scaled by its magnitude word.
 */
export function optionValue(s: string): number | null {
  const d = DATE_VALUE_RE.exec(s);
  if (d) return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) / 86_400_000;
  const a = /(\d+(?:\.\d+)?)(万亿|亿|万|千)?/.exec(s);
  const scale = (m: string | undefined) =>
    m === "万亿" ? 1e12 : m === "亿" ? 1e8 : m === "万" ? 1e4 : m === "千" ? 1e3 : 1;
  if (a) return Number(a[1]) * scale(a[2]);
  const c = /[零〇一二两三四五六七八九十百千]+/.exec(s);
  if (!c) return null;
  const n = parseChineseNumber(c[0]);
  if (n === null) return null;
  return n * scale(/^(万亿|亿|万)/.exec(s.slice((c.index ?? 0) + c[0].length))?.[1]);
}

/** Whether every option reads as a number of one kind (all dates, or all plain figures). */
function numericKind(s: string): "date" | "number" | null {
  if (DATE_VALUE_RE.test(s)) return "date";
  return optionValue(s) === null ? null : "number";
}

/**
 * Three foils around a numeric key with `below` of them (0–3) smaller than the key, taken best first
 * from each side of the ranked pool, so that the key's place among the sorted options says nothing:
 * a bank whose `below` is drawn uniformly has the key uniformly first, second, third or last. Where
 * the pool is short on one side, `redraw` picks among the places the key can take. Null when the key
 * is no number; empty when it can take only one place (or the pool has fewer than three foils).
 */
export function foilsAround(key: string, pool: readonly string[], below: number, redraw = below): string[] | null {
  const kind = numericKind(key);
  const k = optionValue(key);
  if (kind === null || k === null) return null;
  const lower: string[] = [];
  const upper: string[] = [];
  const seen = new Set<number>([k]);
  for (const x of pool) {
    const v = optionValue(x);
    if (v === null || numericKind(x) !== kind || seen.has(v)) continue;
    seen.add(v);
    (v < k ? lower : upper).push(x);
  }
  // The places the key can take: as many foils below it as the pool holds, as many above.
  const places: number[] = [];
  for (let n = 0; n <= 3; n++) if (lower.length >= n && upper.length >= 3 - n) places.push(n);
  // A key with one possible place (一倍以上 has nothing below it on the ladder) would always sit at
  // that edge: no numeric 单选 then. A key that cannot take the drawn place takes one drawn among
  // those it can.
  if (places.length < 2) return [];
  const n = places.includes(below) ? below : (places[redraw % places.length] as number);
  return [...lower.slice(0, n), ...upper.slice(0, 3 - n)];
}
