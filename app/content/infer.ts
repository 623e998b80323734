/**
 * Document metadata inferred from text: kind, date, region, origin. Each rule reads the genre's
 * conventions (a Xinhua dateline, a compilation's source line, a report's opening sentence), never a
 * particular document.
 */
import type { Paragraph } from "./normalize";
import { ARTICLE_RE, BAOXUN_RE, DATELINE_RE, HISTORY_DATE_RE, isLawHistoryLine, SOURCE_LINE_RE, SOURCE_ONLY_RE } from "./patterns";
import { parseCnNumber } from "./text";

export type DocumentKind = "work-report" | "law" | "communique" | "speech" | "news" | "meeting";
export const DOCUMENT_KINDS: readonly DocumentKind[] = ["work-report", "law", "communique", "speech", "news", "meeting"];

// ---------------------------------------------------------------------------------------------
// Kind

const LAW_TITLE_RE = /(?:法|法典|条例|规定|办法|细则|规则|章程)(?:[（(][^）)]*[）)])?$/;

export function countArticles(paragraphs: readonly Paragraph[]): number {
  let n = 0;
  for (const p of paragraphs) if (p.kind === "article" && ARTICLE_RE.test(p.text)) n++;
  return n;
}

export function inferKind(title: string, paragraphs: readonly Paragraph[]): DocumentKind {
  const articles = countArticles(paragraphs);
  if ((LAW_TITLE_RE.test(title) && articles >= 1) || articles >= 8) return "law";
  if (/工作报告/.test(title) && !/开幕|闭幕|审议|讨论|听取/.test(title)) return "work-report";
  if (/公报/.test(title)) return "communique";
  // `习近平：在…上的讲话` — a speaker's name and a colon open the published texts of speeches.
  // `…传达学习…讲话精神` is a meeting that studied a speech.
  const studiesSpeech = /传达学习|学习贯彻|学习传达/.test(title);
  if (!studiesSpeech && (/讲话|致辞|演讲|贺信|复信|致信|回信|重要论述|发言/.test(title) || /^[\u4e00-\u9fff·]{2,6}：/.test(title))) {
    return "speech";
  }
  if (/会议|常委会|座谈会|分析会|推进会|全会|开幕|闭幕|集体学习|主持召开|大会|会见|审议/.test(title)) return "meeting";
  return "news";
}

// ---------------------------------------------------------------------------------------------
// Dates

const pad = (n: number) => String(n).padStart(2, "0");

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const YEAR_RE = /((?:19|20)\d{2})\s*年/g;
const CN_YEAR_RE = /([零〇一二三四五六七八九]{4})年/g;

function cnYear(s: string): number | null {
  let out = "";
  for (const ch of s) {
    const d = parseCnNumber(ch);
    if (d === null) return null;
    out += String(d);
  }
  return Number(out);
}

/** Years written in a string, Arabic or Chinese (二〇二四年). */
export function yearsIn(s: string): number[] {
  const years: number[] = [];
  for (const m of s.matchAll(YEAR_RE)) years.push(Number(m[1]));
  for (const m of s.matchAll(CN_YEAR_RE)) {
    const y = cnYear(m[1]!);
    if (y !== null && y >= 1900) years.push(y);
  }
  return years;
}

/**
 * The year a file is "about", for dates written without a year (`3月5日`). Source lines and a cover
 * are explicit; otherwise the most frequent year in the text, later year on ties (reports look back
 * at last year as often as they talk about this one).
 */
export function inferFileYear(paragraphs: readonly Paragraph[], cover: readonly string[]): number | null {
  const explicit: number[] = [];
  for (const p of paragraphs) {
    if (p.kind !== "source") continue;
    const m = SOURCE_LINE_RE.exec(p.text);
    if (m) explicit.push(Number(m[1]));
  }
  for (const c of cover) explicit.push(...yearsIn(c));
  const counts = new Map<number, number>();
  const add = (y: number) => counts.set(y, (counts.get(y) ?? 0) + 1);
  if (explicit.length > 0) explicit.forEach(add);
  else for (const p of paragraphs) yearsIn(p.text).forEach(add);
  let best: number | null = null;
  let bestCount = 0;
  for (const [y, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== null && y > best)) {
      best = y;
      bestCount = c;
    }
  }
  return best;
}

export interface HistoryDate {
  date: string;
  /** `自2024年5月1日起施行`: the entry into force, not an act of the legislature. */
  entryIntoForce: boolean;
}

/** The dates a 题注 records, Arabic or Chinese (一九八八年九月五日), in the order written. */
export function historyDates(text: string): HistoryDate[] {
  const out: HistoryDate[] = [];
  for (const m of text.matchAll(HISTORY_DATE_RE)) {
    const year = /^\d+$/.test(m[1]!) ? Number(m[1]) : cnYear(m[1]!);
    const month = parseCnNumber(m[2]!);
    const day = parseCnNumber(m[3]!);
    if (year === null || month === null || day === null) continue;
    const date = isoDate(year, month, day);
    if (!date) continue;
    const at = m.index ?? 0;
    const before = text.slice(Math.max(0, at - 1), at);
    const after = text.slice(at + m[0].length, at + m[0].length + 6);
    out.push({ date, entryIntoForce: before === "自" || /^\s*(?:起)?(?:施行|生效|实施)/.test(after) });
  }
  return out;
}

/**
 * The date of a statute from its 题注 lines: the latest adoption, amendment or promulgation; the
 * entry into force only when the record gives nothing else.
 */
export function lawHistoryDate(lines: readonly string[]): string | null {
  const dates = lines.flatMap(historyDates);
  const acts = dates.filter((d) => !d.entryIntoForce);
  const pool = (acts.length > 0 ? acts : dates).map((d) => d.date).sort();
  return pool[pool.length - 1] ?? null;
}

const FULL_DATE_RE = /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/g;
/** `3月18日至21日` (end taken: a report is dated when the event ends), `1月24日上午`, `3月5日`. */
const MONTH_DAY_RE = /(?<![\d年])(\d{1,2})月(\d{1,2})日(?:(?:至|到|—|-|－)(?:(\d{1,2})月)?(\d{1,2})日)?/;

/** `20日下午`, `21日电`: a day whose month the context gives (not part of 3月20日, not 20日内). */
const DAY_ONLY_RE = /(?<![\d月])(\d{1,2})日(?=上午|下午|晚间?|晚上|早上|电|召开|举行|在)/;
const MONTH_RE = /(?<![\d])(\d{1,2})月(?!\d{1,2}日)/;

export interface DateInference {
  date: string | null;
  origin: string | null;
}

/** The date of a document and who published it, from its header and opening paragraphs. */
export function inferDateAndOrigin(
  title: string,
  header: readonly Paragraph[],
  body: readonly Paragraph[],
  fileYear: number | null,
  /** The date of the document before this one in the same file (compilations run in order). */
  previous: string | null = null,
): DateInference {
  const titleYears = yearsIn(title);
  const year = titleYears[0] ?? fileYear ?? (previous ? Number(previous.slice(0, 4)) : null);
  let origin: string | null = null;

  for (const p of header) {
    const m = SOURCE_LINE_RE.exec(p.text);
    if (m) {
      origin = m[4]?.trim() || null;
      const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (date) return { date, origin };
    }
    const s = SOURCE_ONLY_RE.exec(p.text);
    if (s) origin = s[1]!.trim();
  }

  const opening = [...header, ...body].slice(0, 6);
  for (const p of opening) {
    const d = DATELINE_RE.exec(p.text);
    if (d) {
      origin ??= d[1]!;
      const date = year !== null ? isoDate(year, Number(d[3]), Number(d[4])) : null;
      return { date, origin };
    }
    if (BAOXUN_RE.test(p.text)) origin ??= "本报";
  }

  // A law is dated by its latest adoption, amendment or promulgation in the 题注 (one line or several).
  // The record is one run of lines, which may be long (a code amended a dozen times): it starts in
  // the opening paragraphs and goes on as long as lines are records.
  const all = [...header, ...body];
  const first = all.slice(0, 6).findIndex((p) => isLawHistoryLine(p.text));
  const record: string[] = [];
  for (let i = first; first >= 0 && i < all.length && isLawHistoryLine(all[i]!.text); i++) record.push(all[i]!.text);
  const history = lawHistoryDate(record);
  if (history) return { date: history, origin };

  // Otherwise the first date in the opening paragraphs, with the year from context when it lacks one.
  for (const p of opening.slice(0, 4)) {
    const full = new RegExp(FULL_DATE_RE.source).exec(p.text);
    const md = MONTH_DAY_RE.exec(p.text);
    if (full && (!md || full.index <= md.index)) {
      const date = isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
      if (date) return { date, origin };
    }
    if (md && year !== null) {
      const month = Number(md[3] ?? md[1]);
      const day = Number(md[4] ?? md[2]);
      const date = isoDate(year, month, day);
      if (date) return { date, origin };
    }
  }
  // A day alone (20日下午), with the month from the title, the opening, or the previous document.
  for (const p of opening.slice(0, 4)) {
    const d = DAY_ONLY_RE.exec(p.text);
    if (!d || year === null) continue;
    const m = MONTH_RE.exec(title) ?? MONTH_RE.exec(p.text.slice(0, d.index));
    const month = m ? Number(m[1]) : previous && Number(previous.slice(0, 4)) === year ? Number(previous.slice(5, 7)) : null;
    if (month === null) continue;
    const date = isoDate(year, month, Number(d[1]));
    if (date) return { date, origin };
  }
  return { date: null, origin };
}

// ---------------------------------------------------------------------------------------------
// Region

const PROVINCES = [
  "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
  "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
  "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
];
const CITIES = [
  "广州", "深圳", "长沙", "武汉", "南京", "杭州", "成都", "西安", "郑州", "济南", "沈阳", "长春", "哈尔滨", "石家庄",
  "太原", "呼和浩特", "包头", "鄂尔多斯", "赤峰", "合肥", "福州", "厦门", "南昌", "南宁", "海口", "贵阳", "昆明", "拉萨",
  "兰州", "西宁", "银川", "乌鲁木齐", "青岛", "大连", "宁波", "苏州", "无锡", "佛山", "东莞", "珠海", "株洲", "湘潭",
  "衡阳", "岳阳", "常德", "郴州", "永州", "怀化", "洛阳", "徐州", "温州", "泉州", "唐山", "保定", "大同", "桂林",
];
const PLACES = [...PROVINCES, ...CITIES].sort((a, b) => b.length - a.length);
const PLACE_ALT = PLACES.join("|");
const CITY_SET = new Set(CITIES);

/** A place named as the subject of a title: `湖南省…`, `长沙市…`, `在湖南考察`, `赴天津`, `江苏代表团`. */
const TITLE_PLACE_RE = new RegExp(
  `(?:(${PLACE_ALT})(?:省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)|(?:在|赴|到|对|驻|视察|考察|来自)(${PLACE_ALT})|^(${PLACE_ALT})|(${PLACE_ALT})(?:代表团|省委|市委|区委))`,
);
const BODY_PLACE_RE = new RegExp(`(${PLACE_ALT})(省|市|自治区|特别行政区|省委|市委|区委)?`, "g");
const NATIONAL_RE = /全国|中央|中共中央|国务院|党中央|中华人民共和国|中国共产党|全国人大|全国政协|中国人民解放军|国家/;
const NATIONAL_OPENING_RE = /国务院|全国人大|全国人民代表大会|全国政协|中共中央|中央政治局|党中央|新华社北京|总书记|国家主席/;

export function regionOfTitle(title: string): string | null {
  const m = TITLE_PLACE_RE.exec(title);
  if (!m) return null;
  return m[1] ?? m[2] ?? m[3] ?? m[4] ?? null;
}

export function inferRegion(title: string, kind: DocumentKind, body: readonly Paragraph[]): string | null {
  const fromTitle = regionOfTitle(title);
  if (fromTitle) return fromTitle;
  if (kind === "law" && /^中华人民共和国/.test(title)) return "全国";

  const scores = new Map<string, number>();
  for (const p of body) {
    // Datelines name where the reporter filed from, not what the article is about.
    const text = p.text.replace(DATELINE_RE, "");
    for (const m of text.matchAll(BODY_PLACE_RE)) {
      const place = m[1]!;
      scores.set(place, (scores.get(place) ?? 0) + (m[2] ? 2 : 1));
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  const dominance = top ? top[1] / Math.max(1, second?.[1] ?? 0) : 0;
  // A city's documents mention its province only in passing; a province's mention many cities.
  const strong = top && top[1] >= 5 && dominance >= 3;
  if (strong) return top[0];
  const opening = body.slice(0, 3).map((p) => p.text).join("");
  if (NATIONAL_RE.test(title) || NATIONAL_OPENING_RE.test(opening) || kind === "law") return "全国";
  if (top && top[1] >= 3 && dominance >= 2) return top[0];
  // Party-centre vocabulary throughout the text marks a national piece (a leader's published speech).
  let national = 0;
  for (const p of body) national += p.text.match(/党中央|中共中央|全国|国务院|中央|中国共产党|我国|中华民族/g)?.length ?? 0;
  return national >= 3 ? "全国" : null;
}

export function isCity(region: string): boolean {
  return CITY_SET.has(region);
}
