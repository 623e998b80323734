/**
 * What an examiner refuses in a statute's fill-in or single choice, whatever the law: a blank any reader
 * fills from grammar or from the stem itself. Found by examiners reading random samples of the bank
 * built on statutes the generator was not written for (see design §5):
 *
 * - a blank that starts or ends on a connective (…进入____进行全国总动员 with 紧急状态、战争状态或者 as key)
 *   or on the 时 of a condition: the learner cannot tell where the answer stops;
 * - a long phrase (职责中知悉的商业秘密和个人隐私严格保密): nobody reproduces 15 characters word for word;
 * - legal stock wording every statute shares (予以配合, 合法权益, 违反本法…, 定期): known without the law;
 * - an answer the stem repeats (…存在档案安全隐患… 消除档案安全隐患) or the law's own title names
 *   (本法所称____ in the 密码法 → 密码).
 */
import { compact, cjkCount } from "./text";
import { taggedWords, wordBoundaries } from "./segment";

/** Connectives a phrase never starts or ends with, as words of their own (及 but not 及时). */
const CONNECTIVES = new Set(["或者", "以及", "和", "及", "并", "与", "或", "的", "而", "且", "并且"]);
/** A condition's 时 (…特别措施时), not the 时 of a word (及时, 同时, 临时…). */
const CONDITION_TIME_RE = /[^及同临暂当定按准适届随平适过实]时$/;
/**
 * Wording any statute uses for any duty: the manner adverbs, the cooperation and reporting verbs, the
 * protected-interest and liability boilerplate, and what every reader knows of the courts (人民法院…行使审判权). Generic legal Chinese, not the words of one law.
 */
const STOCK_WORDING_RE =
  /^(?:定期或者不定期|不定期|审判权|检察权|人民法院|人民检察院|定期|及时|依法|严格|立即|积极|予以配合|配合|予以协助|协助|予以支持|支持|提供便利|及时上报|上报|及时报告|报告|如实报告|分析评估|监督检查|统筹协调|合法权益|其合法权益|良好环境|良好氛围|泄露|泄露或者非法向他人提供|严格保密|保密|违反本法|违反本法规定|违反本法和有关法律|违反本法的规定|依法处理|依法处置|依法查处|依法惩治|及时依法处理|及时处理|依法进行|立即作出处理|监督和指导|指导和监督|社会责任|受法律保护)$/;
/** A generic noun, or a stock ending of a purpose clause: any reader fills it (采取必要的____ → 安全措施). */
const GENERIC_ANSWER_RE =
  /^(?:能力|力度|宪法法律|宪法和法律|制度|机制|体系|体制|水平|工作|国家|国家和社会|支持和便利|措施|安全措施|必要措施|便利|便利渠道|渠道|条件|环境|意识|责任|义务|权利|职责|作用|活动|服务|支持|保障|帮助|维护世界和平|维护国家安全(?:和利益)?|国家安全和利益|社会公共利益|公共利益)$|合法权益$/;
/** The parties every law lists alike (机关、团体、企业事业单位和其他组织). */
const STOCK_PARTY_RE =
  /^(?:国家机关|机关|团体|人民团体|社会团体|企业|事业单位|企业事业单位|企业事业组织|其他组织|组织|其他社会组织|个人|公民|法人|单位|武装力量|政党)$/;
/** What a law's own subject is followed by in a trivial blank: 网络安全宣传教育 in the 网络安全法. */
const SUBJECT_SUFFIX_RE = /^(?:工作|活动|宣传教育|教育|宣传|保护|管理|意识|能力|建设|事业|制度|体系|案件)$/;

/** Fill-in answers longer than this are not reproduced word for word; a body's full name may be longer. */
const MAX_FILL_CJK = 16;
const MAX_FILL_BODY_CJK = 18;
const BODY_END_RE = /(?:部门|机关|机构|委员会|人民政府|政府|国务院|法院|检察院|单位|组织|运营者|协会)$/;
/** A run the law uses this often is its vocabulary (国家安全 in a national-security law), not a hint. */
const LAW_VOCABULARY_USES = 12;
/** An actor named this often is the law's default actor. */
const DEFAULT_ACTOR_USES = 20;

/** Whether the law names a kind of `word` (保密审查 for 审查): a two-character qualifier glued to it that is no verb of its own. */
function namesAKindOf(word: string, lawText: string): boolean {
  for (const m of lawText.matchAll(new RegExp(`([\u4e00-\u9fff]{2})${word}`, "g"))) {
    const q = m[1] ?? "";
    if (
      !/^(?:进行|予以|加以|给予|经过|通过|接受|开展|组织|负责|依法|及时|严格|应当|可以|不得)$/.test(q) &&
      !/[的和与及或并、]$/.test(q)
    )
      return true;
  }
  return false;
}

/** The law's own subject: 中华人民共和国密码法 → 密码, 保守国家秘密法 → 保守国家秘密. */
export function lawSubject(title: string): string {
  return compact(title)
    .replace(/^中华人民共和国/, "")
    .replace(/(?:实施条例|条例|规定|办法|法)$/, "");
}

/** Words of two or more characters the answer is made of, by jieba. */
function contentWords(answer: string): string[] {
  const bounds = [...wordBoundaries(answer)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const w = answer.slice(bounds[i], bounds[i + 1]);
    if (cjkCount(w) >= 2 && !CONNECTIVES.has(w)) out.push(w);
  }
  return out;
}

/**
 * Whether the stem gives the answer away by repeating it: the answer's last four characters, its head, or
 * every word of an answer of several words (删除或者更正 after …予以删除…予以更正…) — unless the law uses
 * those words throughout.
 */
export function stemRepeatsAnswer(answer: string, body: string, lawText = ""): boolean {
  const a = compact(answer);
  const rest = compact(body.replace(/____|（ ）|\u0000/g, "|"));
  const rare = (w: string) => countOf(lawText, w) < LAW_VOCABULARY_USES;
  // Numbers are what such an answer asks (少于二十五年 beside 多于二十五年): their words are no hint.
  if (/[\d零〇一二两三四五六七八九十百千万]/.test(a)) return false;
  // The answer's head (…安全隐患, …应急预案) named again elsewhere in the stem.
  const head = a.slice(-4);
  if (cjkCount(a) >= 5 && rest.includes(head) && rare(head)) return true;
  // 网络安全风险 in the stem, 网络安全风险信息 the key: all but the answer's last word is shown.
  const stem = a.slice(0, -2);
  if (cjkCount(a) >= 7 && cjkCount(stem) >= 5 && rest.includes(stem) && rare(stem)) return true;
  const words = contentWords(answer);
  return words.length >= 2 && words.every((w) => rest.includes(w) && rare(w));
}

function countOf(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Words of `s` by jieba, as [start, end) offsets. */
function words(s: string): [number, number][] {
  const b = [...wordBoundaries(s)].sort((x, y) => x - y);
  return b.slice(1).map((end, i) => [b[i] as number, end]);
}

/** The word of `quote` that strictly contains offset `at` (starts before it, ends after it), if any. */
function wordAround(quote: string, at: number): string | null {
  let start = 0;
  for (const t of taggedWords(quote)) {
    if (start < at && at < start + t.word.length) return t.word;
    start += t.word.length;
  }
  return null;
}

/**
 * Whether a blank opens inside a word of the sentence (贯彻|执行…, 统筹|规划…): the stem then shows half a
 * word. jieba's joined verb-object words (提供情报|参考) are the exception: the object is its own phrase.
 */
function opensInsideWord(quote: string, at: number): boolean {
  const word = wordAround(quote, at);
  return word !== null && !/^(?:提供|进行|开展|实行|给予)/.test(word);
}

/** Whether a list blank closes inside a word (运用、保护和科技|保密能力建设): its last item is half a word. */
function closesInsideWord(quote: string, end: number): boolean {
  return wordAround(quote, end) !== null;
}

export type UnfairBlank =
  | "blank-split"
  | "blank-edge"
  | "open-list"
  | "generic"
  | "obvious-object"
  | "default-actor"
  | "fill-too-long"
  | "stock"
  | "answer-in-title"
  | "answer-in-heading"
  | "answer-repeated"
  | "answer-echo"
  | "answer-in-stem";

/** Why an examiner would refuse this blank of a statute, or null. `body` is the stem after its source label. */
export function unfairStatuteBlank(
  answer: string,
  body: string,
  {
    format,
    lawTitle,
    lawText,
    kind,
    quote,
    at,
    headings = [],
  }: {
    format: "fill" | "single";
    lawTitle: string;
    lawText: string;
    kind: "figure" | "date" | "list" | "other";
    quote: string;
    at: number;
    /** The chapter and section headings the article stands under. */
    headings?: string[];
  },
): UnfairBlank | null {
  const a = answer.replace(/[。，；]$/, "");
  const w = words(a);
  const first = w[0] ? a.slice(w[0][0], w[0][1]) : "";
  const last = w.length ? a.slice((w[w.length - 1] as [number, number])[0]) : "";
  // A blank that opens on a preposition (向危害国家安全的…) holds half of two phrases.
  const preposition = (taggedWords(a)[0]?.tag ?? "") === "p" && cjkCount(a) > 2;
  if (CONNECTIVES.has(first) || CONNECTIVES.has(last) || preposition || (cjkCount(a) >= 4 && CONDITION_TIME_RE.test(a)))
    return "blank-edge";
  const located = at >= 0 && quote.slice(at, at + a.length) === a;
  if (located && opensInsideWord(quote, at)) return "blank-split";
  if (located && a.includes("、") && closesInsideWord(quote, at + a.length)) return "blank-split";
  // 篡改、破坏、泄露或者非法|获取: a list of acts whose last item is no act ends inside the next one.
  if (a.includes("、")) {
    const items = a.split(/、|或者|和|及|与|或/).filter(Boolean);
    const tags = items.map((x) => taggedWords(x)[0]?.tag ?? "");
    const last = tags[tags.length - 1] ?? "";
    // (A modifier such as 非法 is no act; a noun-tagged act such as 私分 is one.)
    if (items.length >= 3 && tags.slice(0, -1).every((t) => t === "v") && /^(?:b|a|ad|d)$/.test(last))
      return "blank-split";
  }
  // 安全审查意见并监督执行, 国家安全工作需要: a blank that runs into a second predicate or ends on filler.
  if (/并(?:监督|采取|依法|及时|按照|向)|工作需要$|的需要$/.test(a)) return "blank-edge";
  if (located) {
    const tags = taggedWords(a);
    // 进行____ → 保护的关键信息基础设施: the blank opens on the verb of a relative clause.
    if (tags.length >= 3 && /^v/.test(tags[0]?.tag ?? "") && tags[1]?.word === "的") return "blank-edge";
  }
  // 行为向有关主管部门投诉、举报, 协调中央有关职能部门推进相关工作, 除应当____ → 遵守本法外: a blank holding a
  // preposition's phrase or a second verb with its object is a clause cut anywhere, not a term to recall.
  if (kind === "other" || kind === "list") {
    const tags = taggedWords(a);
    // (与/同 joining two nouns, 中国共产党对…工作的领导 and a blank before 的 are phrases: the 的 closes them.)
    const phrase = /的/.test(a) || (located && quote.slice(at + a.length).startsWith("的"));
    const prepositionAt = tags.findIndex((t, i) => i > 0 && t.tag === "p" && !/^(?:与|同|跟|和)$/.test(t.word));
    if (!phrase && cjkCount(a) > 4 && prepositionAt > 0) return "blank-edge";
    const nounAt = tags.findIndex((t, i) => i > 0 && /^n/.test(t.tag));
    const secondVerb = tags.findIndex((t, i) => i > nounAt && t.tag === "v");
    if (!phrase && !a.includes("、") && tags[0]?.tag === "v" && nounAt > 0 && secondVerb > nounAt) return "blank-edge";
    if (located && /外$/.test(a) && /除[^，。；]*$/.test(quote.slice(0, at))) return "blank-edge";
    // 在履行____，发现… → 职责中: the blank holds the 中 that closes the stem's 在.
    if (located && /(?:中|时|期间|过程中)$/.test(a) && /在$/.test(quote.slice(0, at))) return "blank-edge";
  }
  // A list the law leaves open (…网络攻击、网络侵入等安全风险): any subset fits the blank.
  if (located && a.includes("、") && quote.slice(at + a.length).startsWith("等")) return "open-list";
  if (kind === "figure" || kind === "date") return null;
  if (STOCK_WORDING_RE.test(a)) return "stock";
  // 对在……工作中做出突出贡献的组织和个人…给予表彰和奖励: the commendation clause every law closes its 总则 with.
  if (/(?:做出|作出)[\u4e00-\u9fff]{0,2}贡献$|成绩显著$/.test(a)) return "stock";
  // 对有关事项是否属于国家秘密、属于何种密级进行鉴定: an indirect question is a clause to retype, no term to recall.
  if (format === "fill" && /是否|何种/.test(a)) return "fill-too-long";
  // A run of evaluative adjectives (持续、可靠和有效) fits any such sentence.
  if (
    a.includes("、") &&
    a.split(/[、和及与]/).every((x) => /^(?:a|ad|an)$/.test(taggedWords(x)[0]?.tag ?? "") || x.length <= 1)
  )
    return "generic";
  if (GENERIC_ANSWER_RE.test(a)) return "generic";
  if (genericInstitution(a, lawTitle)) return "generic";
  // 增强____ → 维护国家安全的能力; 机关、团体、企业事业单位和其他组织: what every law says of itself.
  if (/的能力$/.test(a) && cjkCount(a) <= 10) return "generic";
  if (a.includes("、") && a.split(/、|和|以及|或者/).every((x) => STOCK_PARTY_RE.test(x))) return "stock";
  // A sanction's sentence asks its body, amount or period; with those shown, its object (个人信息, 主管机关…)
  // is the obvious word.
  if (
    kind === "other" &&
    !ACTOR_RE.test(a) &&
    !/[\d零〇一二两三四五六七八九十百千万]/.test(a) &&
    cjkCount(a) <= 6 &&
    /罚款|拘留|没收违法所得/.test(quote)
  )
    return "obvious-object";
  if (format === "fill" && kind !== "list" && cjkCount(a) > (BODY_END_RE.test(a) ? MAX_FILL_BODY_CJK : MAX_FILL_CJK))
    return "fill-too-long";
  // 采取____ (应对措施), 进行____ (检测), 可以给予____ (帮助): after a light verb, a short generic action noun
  // is what any such sentence says.
  const verbBefore = located ? quote.slice(Math.max(0, at - 2), at) : "";
  if (
    kind === "other" &&
    cjkCount(a) <= 6 &&
    /^(?:采取|进行|开展|给予|予以|作出|实施)$/.test(verbBefore) &&
    /(?:措施|帮助|处理|工作|活动|检查|评估|检测|服务|支持|保护|管理|协助|指导|监督)$/.test(a)
  )
    return "generic";
  // 依法予以____ → 处罚: the word any sanction clause of any law ends with.
  if (/^(?:予以|给予)$/.test(verbBefore) && /^(?:处罚|处分|奖励|表彰|处理)$/.test(a)) return "generic";
  // 按照国家有关规定进行____ → 审查: one word after a light verb, where the law also names a kind of it (保密审查),
  // has that kind for a right answer too. (进行____ → 约谈 names the act itself.)
  if (format === "fill" && /^(?:进行|予以|加以|给予)$/.test(verbBefore) && cjkCount(a) <= 2 && namesAKindOf(a, lawText))
    return "generic";
  // 禁止____复制 → 非法: what every prohibition says.
  if (a === "非法" || a === "擅自") return "stock";
  // The actor the law names throughout (网络运营者 in a network-security law, 机关、单位 in a secrecy law) fills
  // any of its blanks; a single choice among the law's other actors still asks which one it is.
  if (format === "fill" && ACTOR_RE.test(a) && countOf(lawText, compact(a)) >= DEFAULT_ACTOR_USES)
    return "default-actor";
  const subject = lawSubject(lawTitle);
  // 保守国家秘密法 names 国家秘密 too: 发生重大泄露____的 → 国家秘密案件 is read off the title.
  const object = subject.replace(/^(?:保守|保护|维护|促进|防治|防范)/, "");
  for (const named of new Set([subject, object]))
    if (
      named.length >= 2 &&
      (compact(a) === named || (compact(a).startsWith(named) && SUBJECT_SUFFIX_RE.test(compact(a).slice(named.length))))
    )
      return "answer-in-title";
  // ____（以下简称机关、单位）: the abbreviation half-gives the long name away, and a paraphrase of it fails.
  if (/^[（(]以下简称/.test(quote.slice(at + a.length))) return "answer-in-stem";
  // 法律、行政法规规定公开的事项，应当____ → 依法公开: a stock adverb before the stem's own verb.
  const adverbed = /^(?:依法|及时|严格|如实)([\u4e00-\u9fff]{2,4})$/.exec(a);
  if (adverbed && body.includes(adverbed[1] ?? "")) return "answer-echo";
  // The chapter the article stands in names it (监督检查工作 under 第五章 监督检查).
  // An actor is who the chapter is about (国家情报工作机构 under 国家情报工作机构职权): asking it is fair.
  // 加强档案信息化建设 under 第五章 档案信息化建设: the light verb before the heading's words adds nothing.
  const core = compact(a)
    .replace(/^(?:加强|推进|推动|开展|做好|建立|健全|建立健全|完善)/, "")
    .replace(/(?:工作|活动)$/, "");
  if (core.length >= 4 && !ACTOR_RE.test(core) && headings.some((h) => compact(h).includes(core)))
    return "answer-in-heading";
  if (kind !== "list" && stemRepeatsAnswer(a, body, lawText)) return "answer-repeated";
  return null;
}

/** Words any law joins to its own subject to name a system of its own (…安全管理制度, …工作机制). */
const INSTITUTION_WORDS = [
  "安全",
  "管理",
  "工作",
  "保护",
  "保障",
  "监督",
  "监管",
  "风险",
  "应急",
  "责任",
  "统一",
  "综合",
  "协调",
  "建设",
  "服务",
  "评估",
  "防控",
  "治理",
  "国家",
  "的",
  "和",
];
const INSTITUTION_HEAD_RE = /(?:制度|机制|体系|体制|办法|规定|措施|规范)$/;

/**
 * 建立健全____ → 数据安全管理制度 in the 数据安全法, 档案安全工作机制 in the 档案法: the law's own subject with generic
 * words and a head any law uses. Nothing in it is this law's own (网络安全等级保护制度 has 等级, 数据分类分级保护制度 has
 * 分类分级): any reader builds it from the law's title.
 */
function genericInstitution(answer: string, lawTitle: string): boolean {
  const a = compact(answer);
  const head = INSTITUTION_HEAD_RE.exec(a)?.[0];
  if (!head || a.includes("、")) return false;
  const subject = lawSubject(lawTitle);
  const parts = [...(subject.length >= 2 ? [subject, ...contentWords(subject)] : []), ...INSTITUTION_WORDS].sort(
    (x, y) => y.length - x.length,
  );
  let rest = a.slice(0, a.length - head.length);
  while (rest) {
    const part = parts.find((x) => rest.startsWith(x));
    if (!part) return false;
    rest = rest.slice(part.length);
  }
  return true;
}

/** Who acts or answers for something: the kind of answer an actor blank has. */
const ACTOR_RE =
  /(?:部门|机关|机构|委员会|政府|国务院|法院|检察院|单位|组织|运营者|提供者|经营者|处理者|人员|个人|公民|协会|企业|军队|武装力量|档案馆)$/;

/**
 * Whether a statute's single choice offers options of another kind than its key: events among actors
 * (网络安全事件 beside 网络运营者), or lists of nouns in a list of verbs' slot (方式、手段和渠道 beside
 * 防范、制止和惩治). A learner picks the one option that fits the sentence.
 */
/** Whether a phrase names who acts (部门, 机关, 运营者…). */
export function isActor(phrase: string): boolean {
  return ACTOR_RE.test(phrase.replace(/[“”]/g, ""));
}

export function mixedOptionKinds(key: string, options: readonly string[]): boolean {
  return options.some((o) => !sameOptionKind(key, o));
}

/** Whether an option is of the key's kind: an actor for an actor, a list of verbs for a list of verbs. */
export function sameOptionKind(key: string, option: string): boolean {
  const clean = (o: string) => o.replace(/[“”]/g, "");
  if (ACTOR_RE.test(clean(option)) !== ACTOR_RE.test(clean(key))) return false;
  if (!clean(key).includes("、")) return true;
  const verbal = (o: string) => (taggedWords(clean(o).split(/[、和与及]/)[0] ?? "")[0]?.tag ?? "").startsWith("v");
  return verbal(option) === verbal(key);
}
