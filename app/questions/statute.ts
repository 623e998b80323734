/**
 * Statute clauses: the spans an examiner blanks in any article of any statute or regulation, found by
 * general statutory cues — the responsible or approving body (由…负责, 经…批准, 向…报告), the subject of
 * a duty (…应当), the object of a governing verb (坚持/实行/纳入/签订/进行…), a principle (遵循…的原则,
 * 以X为Y), a definition's defining parts (本法所称X，是指…), what is prohibited (不得/禁止…), the
 * members of a list (统一、开放、竞争、有序), a date without a year (每年4月15日).
 *
 * Each span becomes a fill-in; it is also asked as single choice where the same document offers three
 * honest wrong options of the same kind: spans the law itself uses in the same role (other bodies, other
 * objects with the same head noun), of similar length, none of which makes a statement the law also
 * makes. Nothing here names a law, an article or a term.
 */
import { sameOptionKind } from "./fairness";
import { AUTHORITY_SUFFIX, actorClass, type CorpusIndex } from "./corpus";
import { makeFact, uniq, type Fact, type SentenceCtx } from "./facts";
import { SLOT, reduceSentence } from "./reduce";
import { isVerbIn, taggedWords, onWordBoundaries, wordBoundaries } from "./segment";
import {
  balancedQuotes,
  cjkCount,
  commonTail,
  compact,
  echoes,
  seededShuffle,
  sha256,
  similarity,
  type Span,
} from "./text";
import type { FactType, InputDocument, InputPassage } from "./types";

export type BlankRole = "body" | "party" | "object" | "principle" | "definition" | "prohibited" | "list" | "date";

export interface StatuteBlank {
  at: number;
  len: number;
  role: BlankRole;
  weight: number;
}

/** Within one clause: no clause or sentence punctuation. */
const C = "[^，。；：！？,;:]";
const END = "(?=[，。；：,;:]|$)";
const AUTH_END = new RegExp(`${AUTHORITY_SUFFIX}$`);
const PARTY_END = /(?:者|人员|组织|单位|个人|公民|法人|企业|机构|机关|部门|当事人|经营者|运营者|提供者|负责人)$/;

/** Governing verbs whose object an examiner blanks, by how sharply the object is fixed by the law. */
const STRONG_VERBS = [
  "建立健全",
  "坚持",
  "遵循",
  "实行",
  "实施",
  "纳入",
  "列入",
  "签订",
  "进行",
  "采取",
  "制定",
  "划定",
  "给予",
  "予以",
  "依照",
  "属于",
  "确定为",
  "列为",
  "认定为",
  "保守",
  "享受",
  "享有",
  "负有",
  "设立",
  "统筹",
  "贯彻",
  "吊销",
  "没收",
  "承担",
  "履行",
  "遵守",
  "建立",
  "健全",
  "储存",
  "存储",
  "接受",
  "设置",
  "含有",
  "具有",
  "提出",
  "明确",
  "负责",
  "行使",
  "分为",
  "经过",
  "选择",
  "考虑",
  "构建",
  "进入",
  "处",
];
const MEDIUM_VERBS = [
  "保障",
  "维护",
  "保护",
  "提供",
  "使用",
  "开展",
  "组织",
  "完善",
  "防范",
  "处置",
  "监测",
  "防御",
  "惩治",
  "收集",
  "利用",
  "泄露",
  "窃取",
  "出售",
  "侵入",
  "干扰",
  "破坏",
  "公布",
  "发布",
  "报送",
  "移交",
  "倡导",
  "培养",
  "增强",
  "形成",
  "处于",
  "以及",
  "提交",
  "披露",
];
const WEAK_VERBS = ["加强", "提高", "推进", "推动", "促进", "支持", "鼓励", "发展", "巩固", "引导", "加大"];
const VERB_WEIGHT = new Map<string, number>([
  ...STRONG_VERBS.map((v) => [v, 0.9] as const),
  ...MEDIUM_VERBS.map((v) => [v, 0.8] as const),
  ...WEAK_VERBS.map((v) => [v, 0.68] as const),
]);
const VERB_RE = new RegExp(
  `(${[...VERB_WEIGHT.keys()].sort((a, b) => b.length - a.length).join("|")})(${C}{2,60})${END}`,
  "g",
);
/** 处 governs a sanction only: 处…罚款/拘留/警告 (not 处理, 处于, 处置). */
const SANCTION_RE = /^(.+?)(?:的)?(罚款|拘留|警告|处分)$/;

/** An object that is only a reference or a generic word asks nothing of the law. */
const EMPTY_OBJECT_RE =
  /^(?:本法|本条|前款|前条|本章|下列|以下|上述|该|其|有关(?:规定|工作|部门)?$|必要(?:的)?(?:措施|支持|协助)?$|措施$|工作$|活动$|职责$|规定$|管理$|义务$|责任$|监督管理$|支持$|帮助$|便利$|保护$|协助$|配合$|服务$|要求$|决定$|规定的$)/;
const PREPOSITION_RE =
  /^(?:对|向|在|从|与|按照|依照|根据|通过|由|经|为|于|将|把|以|被|其|之|的|了|着|和|或者|并|及|等|理|置)/;
/** Modifiers that say nothing (相应的抚恤优待): the head after them is what is asked. */
const EMPTY_MODIFIER_RE = /^(?:相应的|必要的|有关的|相关的|所[\u4e00-\u9fff]{1,6}的)/;
/** A head noun that any clause could end in (…的事项): blanked alone it asks nothing. */
const GENERIC_HEAD_RE =
  /^(?:事项|情形|行为|活动|信息|措施|工作|人员|单位|问题|内容|方面|领域|规定|要求|情况|材料|职责|范围|能力)$/;
/** A subject that is everybody (任何个人和组织, 国家) is no fact to remember. */
const GENERIC_SUBJECT_RE = /^(?:国家|任何|一切|各方|本法|本条|其|该|上述|有关)/;

/**
 * Stock wording of statutes in general (…给予表彰和奖励, 依照法律、行政法规的规定, 采取必要的保护措施, 没收违法所得,
 * 增强全社会的…意识): blanked, any reader of any law fills it in.
 */
const STOCK_RE =
  /^(?:表彰(?:和|、)?奖励|表彰|奖励|法律、行政法规|法律、(?:行政)?法规(?:和国家有关规定)?|有关法律、行政法规|国家有关规定|保护措施|必要措施|违法所得|违法产品和违法所得|法律责任|依法追究法律责任|警告|责令改正|(?:依法)?追究刑事责任|处置措施|(?:全社会|公民|人民群众)的[\u4e00-\u9fff]{0,6}意识)$/;

const SUBJECT_NEXT =
  "应当|必须|可以|有权|不得|负责|主管|统一|依法|依照|按照|会同|对|在|向|承担|享有|有|须|为|根据|组织|指导|监督|制定|建立|实行";
const SUBJECT_RE = new RegExp(`^((?:${C}{2,40}的，)?)(${C}{3,24}?)(?=${SUBJECT_NEXT})`);
const GOVERNED_BODY_RE = new RegExp(
  `(?:向|由|经|报|报请|提请|接受|为|通过)(${C}{3,30}?(?:会同${C}{3,20}?)?)(?=批准|同意|备案|报告|提供|移交|通报|申请|负责|共同|决定|审批|审查|依法|处|责令|给予|没收|吊销|组织|制定|规定|的监督|统一|确定|认定|提交|报送|上报|汇报|公布|征求|指定)`,
  "g",
);
const PRINCIPLE_RE = /(坚持|遵循|贯彻|实行|奉行)([^。；]{4,70}?)的(?:基本)?(?:原则|方针|工作方针)/g;
const AIM_RE =
  /以([^，。；、]{2,14}?)为(宗旨|根本|基础|保障|依托|核心|重点|主线|目标|导向|原则|前提|中心|主体|根本遵循|限度|限|依据|标准|目的)/g;
const DEFINITION_RE = /(?:所称|所指的?)?([\u4e00-\u9fff]{2,12})，?是指(.{4,})$/;
/** X为Y at a clause's end (…决定为最终决定, …的最高密级为绝密级). */
const IS_RE = new RegExp(`([\\u4e00-\\u9fff]{2})为(${C}{2,10})$`);
const PROHIBITION_RE = new RegExp(`(不得|禁止|严禁)(${C}{2,34})${END}`, "g");
/** What a party must or may do, when the clause ends in a short verb phrase (应当在境内存储, 可以越级上报). */
const MODAL_VP_RE = new RegExp(`(应当|必须|可以|有权|须)(${C}{2,12})$`);
const MODAL_CHAIN_RE = new RegExp(`(应当|必须|须)(${C}{2,12}?)(?=并(?:及时|立即|依法)?[\\u4e00-\\u9fff])`);
/** Defined abbreviations: X（以下简称/统称Y）. */
const ABBREVIATION_RE = /([^，。；：（]{4,40})（以下(?:简称|统称)[^）]{2,16}）/g;
/** 有X的义务/权利: the duty or right itself. */
/** 都有保护档案的义务; 都有维护国家安全的责任和义务 — a pair of duties is one blank, never cut in half. */
const DUTY_RE = /(?:都有|均有|有|负有|享有)([\u4e00-\u9fff]{2,16}的(?:义务|权利|责任)(?:和(?:义务|权利|责任))?)/g;
const DATE_RE = /每年(?:的)?(\d{1,2}月\d{1,2}日)/g;
/** A character of a list item: a conjunction ends the item. */
const ITEM = "(?:(?!和(?![平谐睦解美])|及|或)[\\u4e00-\\u9fff])";

/** A list: two or more short items joined by 、 (the last one maybe by 和/或者). */
function isList(t: string): boolean {
  return t.includes("、") && uniformItems(listItems(t));
}

function trimObject(raw: string): string {
  return raw.replace(/(?:的规定|规定|的要求|的有关规定)(?:执行|处罚|办理|处理)?$/, "").replace(/等$/, "");
}

/**
 * Every examinable span of one sentence of a statute, best first, with overlapping spans resolved: a list
 * inside an object (建立集中统一、高效权威的…体制) is the span, and of two nested spans the sharper one wins.
 */
export function statuteBlanks(s: string): StatuteBlank[] {
  const found: StatuteBlank[] = [];
  const push = (at: number, text: string, role: BlankRole, weight: number) => {
    if (at < 0 || !text) return;
    let t = text;
    // Spans end where the clause's own words do: no trailing 的/等/punctuation, no opening connective.
    while (/[的等、]$/.test(t)) t = t.slice(0, -1);
    // …预审和执行逮捕以及法律规定的其他职权: the item before 的其他 is the catch-all's qualifier, no item.
    if (
      t.includes("、") &&
      s
        .slice(at + t.length)
        .replace(/^的/, "")
        .startsWith("其他")
    ) {
      const cut = Math.max(t.lastIndexOf("以及"), t.lastIndexOf("、"), t.lastIndexOf("或者"));
      if (cut > 0) t = t.slice(0, cut);
    }
    // 各种文字、图表、声像: the quantifier belongs to the whole list, not to its first item.
    if (t.includes("、") && /^(?:各种|各类|各项|一切)/.test(t)) {
      t = t.slice(2);
      at += 2;
    }
    // 数据汇聚、关联引发的风险: the causing verb belongs to the modifier clause, not to the list's last item.
    if (t.includes("、")) {
      const cause = /(?:引发|导致|造成|带来|引起|产生)$/.exec(t);
      if (cause && taggedWords(t).pop()?.word === cause[0]) t = t.slice(0, -cause[0].length);
    }
    // 实施国防动员后，…: the time word closes the clause; the act before it is what is asked.
    if (cjkCount(t) >= 4 && /[后时前]$/.test(t) && taggedWords(t).pop()?.word.length === 1) t = t.slice(0, -1);
    // 获取、分析、研判、预警工作: the generic head stays in the stem, the list is asked.
    if (t.includes("、") && /(?:工作|活动)$/.test(t)) t = t.slice(0, -2);
    // 分为绝密、机密、秘密三级: the count closes the whole list, not its last item, and stays in the stem.
    if (t.includes("、")) t = t.replace(/(?<=[\u4e00-\u9fff]{2})[一二两三四五六七八九十]+(?:级|类|种|档|等)$/, "");
    while (/^[、，]/.test(t)) {
      t = t.slice(1);
      at++;
    }
    // 纳入本级国民经济和社会发展规划: the determiner (本级, 本行政区域) points back at the subject; the term is what is asked.
    const own = /^(?:本行政区域内|本级|本地区|本部门|本单位)(?!、)/.exec(t);
    if (own && cjkCount(t) - own[0].length >= 4 && !t.includes("、") && !t.startsWith("有关", own[0].length)) {
      t = t.slice(own[0].length);
      at += own[0].length;
    }
    // 在境内存储: the locative preposition stays in the stem (应当在____), what follows it is asked.
    if (/^[在于]/.test(t) && cjkCount(t) >= 4 && (taggedWords(s.slice(at, at + t.length))[0]?.tag ?? "") === "p") {
      t = t.slice(1);
      at++;
    }
    // A long modifier phrase (平等团结互助和谐的社会主义民族关系) is asked by its modifier, the noun it
    // qualifies left in the stem: one term per blank, short enough to recall word for word.
    if (cjkCount(t) > 16 && !t.includes("、")) {
      const cut = t.lastIndexOf("的");
      if (cut >= 4 && t.length - cut - 1 >= 2) t = t.slice(0, cut);
    }
    const max = role === "list" || role === "principle" ? 60 : 34;
    if (cjkCount(t) < 2 || t.length > max) return;
    // A span cut before its noun (保障工作的具体) or ending in a catch-all (公民、法人和其他) is no phrase.
    if (/(?:其他|其它)$/.test(t) || (!t.includes("、") && /(?:具体|相关|有关|必要|一般|主要)$/.test(t))) return;
    // 法律规定的其他职权: a catch-all names nothing to recall.
    if (/^[^、]*的?其他[\u4e00-\u9fff]{1,4}$/.test(t)) return;
    // Stock wording every statute shares asks nothing of this one.
    if (STOCK_RE.test(t)) return;
    if (!balancedQuotes(t) || /[《》]/.test(t.replace(/^《[^》]+》$/, ""))) return;
    if ((t.match(/（/g)?.length ?? 0) !== (t.match(/）/g)?.length ?? 0)) return;
    if (!onWordBoundaries(s, at, at + t.length)) return;
    found.push({ at, len: t.length, role, weight });
  };

  for (const m of s.matchAll(PRINCIPLE_RE)) {
    let x = m[2] ?? "";
    let at = (m.index ?? 0) + (m[1] ?? "").length;
    // 坚持总体国家安全观，遵循…的原则: the principle is what the last governing verb introduces.
    const inner = /.*[，、](?:坚持|遵循|贯彻|实行|奉行)/.exec(x);
    if (inner) {
      at += inner[0].length;
      x = x.slice(inner[0].length);
    }
    push(at, x, "principle", 0.95);
  }
  for (const m of s.matchAll(AIM_RE)) push((m.index ?? 0) + 1, m[1] ?? "", "principle", 0.93);

  const def = DEFINITION_RE.exec(s.replace(/。$/, ""));
  if (def) {
    const bodyAt = s.indexOf("是指") + 2;
    const body = def[2] ?? "";
    if (body.length <= 24) push(bodyAt, body, "definition", 0.93);
    else {
      // The defining parts: the phrase up to the first 的 with its noun, and the head after the last one.
      const first = /^([^的，]{2,16}的[\u4e00-\u9fff]{2,4}?)(?=对|进行|在|以|和|，|$)/.exec(body);
      if (first) push(bodyAt, first[1] ?? "", "definition", 0.92);
      const last = body.lastIndexOf("的");
      if (last > 0 && body.length - last - 1 >= 2 && !GENERIC_HEAD_RE.test(body.slice(last + 1)))
        push(bodyAt + last + 1, body.slice(last + 1).split(/[，。；]/)[0] ?? "", "definition", 0.9);
    }
  }
  for (const cl of s.replace(/。$/, "").split(/[，；]/)) {
    const isA = /^(?:[\u4e00-\u9fff、]{2,20})?是([^，。；]{2,24}的)([\u4e00-\u9fff]{2,10})$/.exec(cl);
    if (!isA || def || GENERIC_HEAD_RE.test(isA[2] ?? "")) continue;
    push(s.indexOf(cl) + cl.length - (isA[2] ?? "").length, isA[2] ?? "", "definition", 0.88);
  }
  for (const cl of s.split(/[，；。]/)) {
    const m = IS_RE.exec(cl);
    if (!m || /^(?:以|作|认|成|称|改|视)$/.test((m[1] ?? "").slice(-1))) continue;
    const at = s.indexOf(cl) + (m.index ?? 0) + 3;
    // 为 standing as a word of its own, not the end of 行为/作为.
    const words = wordBoundaries(s);
    if (!words.has(at - 1) || !words.has(at)) continue;
    push(at, m[2] ?? "", "object", 0.86);
  }

  const subject = SUBJECT_RE.exec(s);
  if (subject) {
    const cond = subject[1] ?? "";
    const x = (subject[2] ?? "").replace(/^(?:但是|但|对|除|并且?)，?/, "");
    // …办法由国务院制定: the body follows 由, the words before it are the object.
    const governed = /[由经向对]/.test(x);
    const at = cond.length + (subject[2] ?? "").length - x.length;
    const authority = AUTH_END.test(x);
    if (
      !governed &&
      (authority || PARTY_END.test(x)) &&
      !(GENERIC_SUBJECT_RE.test(x) && !authority) &&
      !/^(?:国家|中央|国务院)$/.test(x) &&
      !/[的]$/.test(x)
    ) {
      push(at, x, authority ? "body" : "party", authority ? 0.93 : 0.85);
    }
  }
  for (const m of s.matchAll(GOVERNED_BODY_RE)) {
    let x = (m[1] ?? "").replace(/^(?:其|该|本级|所在)/, "");
    const end = (m.index ?? 0) + m[0].length;
    // …会同档案形成单位或者|移交单位共同负责: a body cut at its conjunction runs on to the next body's end.
    if (/(?:或者|和|及|、)$/.test(x)) {
      const more = new RegExp(`^${C}{1,12}?${AUTHORITY_SUFFIX}`).exec(s.slice(end));
      if (!more) continue;
      x += more[0];
    }
    if (!AUTH_END.test(x.replace(/会同.*$/, "")) || /^有关/.test(x)) continue;
    if (!AUTH_END.test(x) && !/会同/.test(x)) continue;
    push(
      end - (m[1] ?? "").length + ((m[1] ?? "").length - (m[1] ?? "").replace(/^(?:其|该|本级|所在)/, "").length),
      x,
      "body",
      0.92,
    );
  }
  for (const m of s.matchAll(ABBREVIATION_RE)) {
    const x = (m[1] ?? "").replace(/^.*(?:将|对|由|的)(?=[^、的]*、)/, "");
    if (isList(x) || AUTH_END.test(x)) push((m.index ?? 0) + (m[1] ?? "").length - x.length, x, "list", 0.9);
  }
  // 五年内不得从事…, 终身不得…: how long a bar lasts.
  for (const cl of s.split(/[，；。]/)) {
    const m = /^(?:[\u4e00-\u9fff]{0,4}?)((?:[一二三四五六七八九十百\d]+(?:年|个月|日)内)|终身)(?=不得|禁止)/.exec(cl);
    if (m) push(s.indexOf(cl) + m[0].length - (m[1] ?? "").length, m[1] ?? "", "object", 0.93);
  }
  // 对X进行Y: whom or what the measure is taken on.
  for (const m of s.matchAll(new RegExp(`对(${C}{2,30}?)进行`, "g"))) {
    let x = m[1] ?? "";
    let at = (m.index ?? 0) + 1;
    const cut = x.lastIndexOf("的");
    if (cut >= 0) {
      at += cut + 1;
      x = x.slice(cut + 1);
    }
    if (x.length >= 3 && !/^(?:其|该|本|有关$|下列|上述|以下)/.test(x) && !GENERIC_HEAD_RE.test(x))
      push(at, x, "party", 0.84);
  }
  // 出卖、赠送给外国人或者外国组织: to whom a thing may not pass (a verb ending in 给 and its recipient).
  for (const m of s.matchAll(new RegExp(`(?:出卖|出售|赠送|转让|转送|提供|交|卖)给(${C}{2,16}?)(?=[，。；]|$)`, "g"))) {
    const x = m[1] ?? "";
    if (!/^(?:其|该|本|他人$|下列|上述|以下)/.test(x) && !GENERIC_HEAD_RE.test(x))
      push((m.index ?? 0) + m[0].length - x.length, x, "party", 0.89);
  }
  // 每年至少进行一次: how often.
  for (const m of s.matchAll(/每(?:年|半年|季度|月|两年|三年)(?:至少)?(?:进行|开展|组织)?一次/g))
    push(m.index ?? 0, m[0], "date", 0.93);
  // 在X的基础上: what a duty builds on.
  for (const m of s.matchAll(new RegExp(`在(${C}{4,20}?)的基础上`, "g")))
    push((m.index ?? 0) + 1, m[1] ?? "", "object", 0.82);
  // 对国家和社会具有保存价值: to whom something matters.
  for (const m of s.matchAll(new RegExp(`对(${C}{2,12}?)(?:具有|有)(?=${C}{0,6}(?:价值|意义|影响|作用))`, "g"))) {
    push((m.index ?? 0) + 1, m[1] ?? "", "party", 0.84);
  }
  // 应当定期/及时/如实…: how a duty is done.
  // …，定期或者不定期进行安全审查 / 鼓励…单位自愿接受…: the manner is the fact, wherever the duty is stated.
  // (及时, 立即 and 主动 go with nearly every duty: blanked alone they are guessed, not known.)
  for (const m of s.matchAll(/(定期或者不定期|定期|不定期|如实|自愿|无偿)(?=[\u4e00-\u9fff]{2})/g)) {
    const at = m.index ?? 0;
    const words = wordBoundaries(s);
    if (!words.has(at) || !words.has(at + (m[1] ?? "").length)) continue;
    // Right after the modal, a short duty (应当及时归还或者恢复原状) is asked whole by the modal rule below.
    const afterModal = /(?:应当|必须|须)$/.test(s.slice(0, at));
    push(at, m[1] ?? "", "object", afterModal ? 0.77 : (m[1] ?? "").length > 2 ? 0.87 : 0.83);
  }
  // 由具备资格的机构安全认证合格后: the outcome a body must certify.
  for (const m of s.matchAll(
    /(?:安全|质量)?(?:检测|认证|检验|评估|测评|考核|鉴定|审查){1,2}合格(?=后|的|，|或者|方可|。|$)/g,
  )) {
    push(m.index ?? 0, m[0], "object", 0.85);
  }
  // 国家规定不得归档的材料…: who sets the rule a clause applies.
  for (const cl of s.split(/[，；。]/)) {
    const m = /^(国家|国务院|[\u4e00-\u9fff]{2,12}(?:部门|机关))规定(?=不得|应当|禁止|必须)/.exec(cl);
    if (m) push(s.indexOf(cl), m[1] ?? "", "body", 0.86);
  }
  // …的行为受法律保护: the law's answer to the act.
  for (const m of s.matchAll(/(受法律保护|受国家保护|依法受到保护)(?=。|$)/g))
    push(m.index ?? 0, m[1] ?? "", "object", 0.85);
  // 应当通过…组织的国家安全审查: the review a party must pass (its organiser is asked as a body).
  for (const m of s.matchAll(
    /(?:应当|必须|须)通过([^，。；]{2,40}?(?:审查|评估|检测|认证|验收|考核))(?=[，。；]|$)/g,
  )) {
    const x = m[1] ?? "";
    const cut = x.lastIndexOf("的");
    const t = cut >= 0 ? x.slice(cut + 1) : x;
    push((m.index ?? 0) + m[0].length - t.length, t, "object", 0.88);
  }
  // …，不履行维护国家安全义务或者从事危害国家安全活动的，依法追究…: the neglected duty a sanction turns on.
  for (const m of s.matchAll(/(?:^|，)((?:不|未|拒不|拒绝)[\u4e00-\u9fff]{3,14})或者[\u4e00-\u9fff]{4,16}的，/g)) {
    push((m.index ?? 0) + m[0].indexOf(m[1] ?? ""), m[1] ?? "", "prohibited", 0.84);
  }
  for (const m of s.matchAll(DUTY_RE))
    push((m.index ?? 0) + m[0].length - (m[1] ?? "").length, m[1] ?? "", "object", 0.88);

  for (const m of s.matchAll(PROHIBITION_RE)) {
    const t = trimObject(m[2] ?? "");
    // 发现法律、行政法规禁止发布的信息的: a condition that mentions a prohibition, not one.
    if (EMPTY_OBJECT_RE.test(t) || /的$/.test(m[2] ?? "")) continue;
    // 国家规定不得归档的材料: 不得 inside a relative clause names a thing, it forbids nothing here.
    if (/^[\u4e00-\u9fff]{1,6}的[\u4e00-\u9fff]{1,4}$/.test(t)) continue;
    const at = (m.index ?? 0) + (m[1] ?? "").length;
    // 禁止在私人交往和通信中涉及国家秘密: where the act is barred is the fact.
    const where = /^在([\u4e00-\u9fff、和]{2,12})中/.exec(t);
    if (where) push(at + 1, where[1] ?? "", "prohibited", 0.92);
    // A short prohibited act (不得设置恶意程序) is asked whole, with its verb.
    push(at, t, "prohibited", t.length <= 12 ? 0.91 : 0.88);
    // A sentence that is nothing but the prohibition (禁止买卖属于国家所有的档案) keeps its object in view and
    // asks the act: blanked whole, the stem would say only 禁止____.
    const rest = s.slice(at + t.length).replace(/[。；]$/, "");
    if (cjkCount(s.slice(0, m.index ?? 0)) < 4 && rest === "") {
      const words = wordBoundaries(s);
      const verbEnd = [...words].filter((w) => w > at && w - at <= 3).sort((a, b) => a - b)[0];
      if (verbEnd !== undefined && cjkCount(t.slice(verbEnd - at)) >= 4 && !/^[、和或]/.test(s.slice(verbEnd))) {
        push(at, s.slice(at, verbEnd), "prohibited", 0.92);
      }
    }
  }
  for (const cl of s.split(/[，；。]/)) {
    // …应当立即采取补救措施并及时报告…: the first duty of a chain ends at 并.
    const m = MODAL_VP_RE.exec(cl) ?? MODAL_CHAIN_RE.exec(cl);
    if (!m || EMPTY_OBJECT_RE.test(m[2] ?? "") || /^(?:是|有|对|向|为|由|依照|按照|根据|依法$)/.test(m[2] ?? ""))
      continue;
    if (/^在/.test(m[2] ?? "") && (m[2] ?? "").length > 7) continue;
    // 应当加强档案工作: a generic duty any law states of its own field.
    if (/^(?:加强|做好|重视|支持|推进)[\u4e00-\u9fff]{0,6}工作$/.test(m[2] ?? "")) continue;
    const at = s.indexOf(cl) + (m.index ?? 0) + (m[1] ?? "").length;
    // What must be done once a condition is met (…涉嫌泄露国家秘密的，应当立即停止传输该信息) is the article's point.
    const afterCondition = /的[，,]$/.test(s.slice(0, s.indexOf(cl)));
    push(at, m[2] ?? "", "object", afterCondition ? 0.9 : 0.78);
  }
  // 保密期限已满的，自行解密: the consequence a condition brings.
  for (const m of s.matchAll(/的，([\u4e00-\u9fff]{2,8})(?=[。；]|$)/g)) {
    const x = m[1] ?? "";
    // 有违法所得的，没收违法所得 answers itself.
    const condition =
      s
        .slice(0, m.index ?? 0)
        .split(/[，；。]/)
        .pop() ?? "";
    const echo = [...Array(Math.max(0, x.length - 2)).keys()].some((i) => condition.includes(x.slice(i, i + 3)));
    if (!echo && !/^(?:应当|可以|不得|由|依照|按照|给予|处)/.test(x)) push((m.index ?? 0) + 2, x, "object", 0.9);
  }
  // 建议…将其调离涉密岗位: what is done to the person.
  for (const m of s.matchAll(/将其([\u4e00-\u9fff]{2,8})(?=[。，；]|$)/g))
    push((m.index ?? 0) + 2, m[1] ?? "", "object", 0.86);

  // Overlapping matches: 处 of 处理者 must not hide the 明确 that follows it in the same clause.
  VERB_RE.lastIndex = 0;
  for (let m = VERB_RE.exec(s); m; VERB_RE.lastIndex = (m.index ?? 0) + 1, m = VERB_RE.exec(s)) {
    const verb = m[1] ?? "";
    let obj = trimObject(m[2] ?? "");
    let at = (m.index ?? 0) + verb.length;
    // 不属于/未经/非法: a negated verb belongs to a modifier, not to the clause's own predicate.
    if (/[不未非无]$/.test(s.slice(0, m.index ?? 0))) continue;
    // The verb must be a word of its own (发展 is no verb in 发展利益), and the first of a chain (负责统筹协调X
    // asks what 负责 governs, not what 统筹 does).
    const words = wordBoundaries(s);
    // (处 may be cut as part of 并处; the sanction rule below checks it instead.)
    // jieba keeps some verb–object pairs as one word (提供情报|参考): a strong verb opening a four-character word
    // still governs what follows.
    const fused =
      !words.has((m.index ?? 0) + verb.length) &&
      verb.length === 2 &&
      (VERB_WEIGHT.get(verb) ?? 0) >= 0.8 &&
      words.has((m.index ?? 0) + 4);
    if ((verb !== "处" && !words.has(m.index ?? 0)) || (!words.has((m.index ?? 0) + verb.length) && !fused)) continue;
    // 社会组织应当…: the verb was the end of the subject's noun.
    if (/^(?:应当|必须|可以|不得|有权|须)/.test(obj)) continue;
    const before = s.slice(Math.max(0, (m.index ?? 0) - 4), m.index ?? 0);
    if ([...VERB_WEIGHT.keys()].some((v) => v.length >= 2 && before.endsWith(v))) continue;
    // 监测、防御、处置…: the verb is itself an item of a list of verbs, not the head of an object.
    if (/^、/.test(obj) || PREPOSITION_RE.test(obj) || EMPTY_OBJECT_RE.test(obj)) continue;
    // 支持开展数据安全知识宣传普及: the object is an action of its own, with many rewordings; not a term to recall.
    if (/^(?:开展|推进|加强|推动|促进|提高|组织|实施|建立|完善)/.test(obj)) continue;
    // 履行职责情况开展经常性的监督检查: an object holding a verb of its own is a clause, not a term.
    if (/.{2}(?:开展|进行|实施|采取)/.test(obj) && !obj.includes("、")) continue;
    // 开展数据处理活动应当加强…: an object never runs into the next duty.
    if (/应当|必须|可以|不得/.test(obj)) continue;
    // 统筹规划, 保障能力: jieba's compound is a word of its own when nothing but its tail would be asked.
    if (fused && (obj.length <= 2 || GENERIC_HEAD_RE.test(obj))) continue;
    // 在履行…职责中: an adverbial of time, not an object.
    const clauseStart = Math.max(s.lastIndexOf("，", m.index ?? 0), s.lastIndexOf("；", m.index ?? 0)) + 1;
    if (/^在/.test(s.slice(clauseStart)) && /(?:中|时|后|前|过程中)$/.test(obj)) continue;
    // 属于国家所有的档案: a relative clause naming the thing, not a classification to recall.
    if (verb === "属于" && obj.includes("的")) continue;
    let weight = VERB_WEIGHT.get(verb) ?? 0.7;
    // 使用X进行Y / 披露X等Y: X is what the verb governs, the rest its purpose or its category.
    const purpose = /^(.{2,20}?)(?:进行|用于|予以)/.exec(obj);
    if (purpose) obj = purpose[1] ?? obj;
    const category = /^(.{2,20}?)等(.{2,12})$/.exec(obj);
    if (category) obj = category[1] ?? obj;
    if (verb === "处") {
      // A sanction's amount or term is one unit with its bounds (一万元以上十万元以下), without the noun.
      const sanction = SANCTION_RE.exec(obj);
      if (!sanction) continue;
      // 警告或者十五日以下拘留: alternatives are asked whole.
      if (!/或者|或/.test(sanction[1] ?? "")) obj = (sanction[1] ?? "").replace(/的$/, "");
      weight = 0.95;
    }
    // 维护国家安全的需要: the need is the frame, what is needed the object.
    obj = obj.replace(/的(?:需要|要求|情况|规定)[\u4e00-\u9fff]*$/, "");
    const empty = EMPTY_MODIFIER_RE.exec(obj);
    if (empty && obj.length - empty[0].length >= 2) {
      at += empty[0].length;
      obj = obj.slice(empty[0].length);
    }
    // LIST的NOUN: the list is what is asked (集中统一、高效权威), the noun names it.
    const mod = /^(.+[、和].+?)的([\u4e00-\u9fff、]{2,14})$/.exec(obj);
    if (mod && isList(mod[1] ?? "") && !/的/.test(mod[1] ?? "")) {
      push(at, mod[1] ?? "", "list", weight + 0.03);
      if (verb !== "处") continue;
    }
    // MOD的LIST (重点领域的网络安全政策、工作任务和措施): the list is asked, its modifier shown.
    const tail = /^([^、]{2,14})的([^的]+)$/.exec(obj);
    // Bounded by 的 and the clause's end, a list may mix long and short items (网络安全政策、工作任务和措施).
    if (tail && (tail[2] ?? "").includes("、") && listItems(tail[2] ?? "").every((x) => x.length <= 12)) {
      push(at + (tail[1] ?? "").length + 1, tail[2] ?? "", "list", weight);
      continue;
    }
    if (obj.includes("、") && isList(obj)) {
      push(at, obj, "list", weight);
      continue;
    }
    // A long object that opens with a modifier clause (…的X): the head is asked, with its modifier shown.
    if (obj.length > 20) {
      const cut = obj.lastIndexOf("的");
      if (cut < 0 || obj.length - cut - 1 < 2 || GENERIC_HEAD_RE.test(obj.slice(cut + 1))) continue;
      at += cut + 1;
      obj = obj.slice(cut + 1);
    }
    if (obj.includes("、") && !isList(obj)) continue;
    push(at, obj, obj.includes("、") ? "list" : "object", weight);
  }

  // A list at the end of a clause, after the word that governs it (…等重要行业和领域, 通过接受捐献、购买、代存等方式).
  for (const cl of s.split(/[，；。：]/)) {
    if (!cl.includes("、")) continue;
    const m =
      /(?:的|对|于|将|把|通过|包括|是|有|为)([^的对于将把]{2,50}?)(?:等[\u4e00-\u9fff]{0,8}|的[\u4e00-\u9fff]{2,8})?$/.exec(
        cl,
      );
    const x = m?.[1] ?? "";
    if (!m || !isList(x) || x.split("、").length < 3) continue;
    push(s.indexOf(cl) + (m.index ?? 0) + m[0].indexOf(x, 1), x, "list", 0.84);
  }
  // Lists of like items with no governing verb before them (坚持互信、互利、平等、协作…).
  for (const m of s.matchAll(new RegExp(`(?:${ITEM}{2,4}、)+${ITEM}{2,4}(?:(?:和|及|以及|或者)${ITEM}{2,4})?`, "g"))) {
    const raw = m[0];
    const items = raw.split(/、|和(?![平谐睦解美])|及|以及|或者/).filter(Boolean);
    if (items.length < 3) continue;
    // Items of like length: the middle ones fix it, the outer ones are cut to it (境内建设 → 建设, 使用网络 → 使用).
    const middle = items.slice(1, -1);
    const lens = new Set(middle.map((x) => x.length));
    if (lens.size !== 1) continue;
    const n = [...lens][0] ?? 0;
    const firstRaw = items[0] ?? "";
    const lastRaw = items[items.length - 1] ?? "";
    if (firstRaw.length < n || lastRaw.length < n) continue;
    // Outer items are cut where the items are verbs sharing an object (…、维护和使用网络), or at a verb before
    // the list and a 等 after it; nouns are whole words (个人信息、隐私和商业秘密 is no list of 信息…商业).
    const pre = firstRaw.slice(0, firstRaw.length - n);
    const post = lastRaw.slice(n);
    const verbs = middle.every((x) => isVerbIn(s, x));
    if (pre && !verbs && !isVerbIn(s, pre) && !/(?:向|对|在|为|于|以|从|与|将|把|由|经|包括|是|有)$/.test(pre))
      continue;
    if (post && !verbs && !/^等/.test(post)) continue;
    // Only verbs sharing an object (…、维护和使用网络) are cut at their edges; a list of longer items must
    // stand between a stop and a stop (国家安全机关、公安机关和有关军事机关 is no list of 安全机关…有关军事).
    if (n > 2) {
      const before = s[(m.index ?? 0) - 1] ?? "";
      const after = s[(m.index ?? 0) + raw.length] ?? "";
      if (firstRaw.length !== n || lastRaw.length !== n) continue;
      const words = wordBoundaries(s);
      if (!words.has(m.index ?? 0) || !words.has((m.index ?? 0) + raw.length)) continue;
      if (
        /[\u4e00-\u9fff]/.test(before) &&
        /[\u4e00-\u9fff]/.test(after) &&
        !/[的对在于和与为将把从及]/.test(before) &&
        !/[的等和与及]/.test(after)
      )
        continue;
    }
    const at = (m.index ?? 0) + firstRaw.length - n;
    const span = raw.slice(firstRaw.length - n, raw.length - (lastRaw.length - n));
    push(at, span, "list", 0.86);
  }

  for (const m of s.matchAll(DATE_RE))
    push((m.index ?? 0) + m[0].length - (m[1] ?? "").length, m[1] ?? "", "date", 0.95);

  // Nested or overlapping spans: keep the heavier; at equal weight the shorter (the sharper blank).
  found.sort((a, b) => b.weight - a.weight || a.len - b.len || a.at - b.at);
  const kept: StatuteBlank[] = [];
  for (const b of found) {
    if (kept.some((k) => b.at < k.at + k.len && k.at < b.at + b.len)) continue;
    // The object of a weak verb (促进行业健康发展) is asked only where the sentence offers little else.
    if (b.weight < 0.7 && kept.length >= 2) continue;
    kept.push(b);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// wrong options

/**
 * statuteBlanks of a sentence, computed once: the wrong-option pool reads every sentence of a law, and each
 * sentence is then asked from the same blanks.
 */
const blanksCache = new Map<string, readonly StatuteBlank[]>();
function blanksOf(s: string): readonly StatuteBlank[] {
  let hit = blanksCache.get(s);
  if (!hit) {
    if (blanksCache.size >= 20_000) blanksCache.clear();
    hit = statuteBlanks(s);
    blanksCache.set(s, hit);
  }
  return hit;
}

export interface PoolEntry {
  text: string;
  role: BlankRole;
  sentence: string;
  /** The sentence forbids or sanctions (不得…, or an item under 不得有下列行为 / 有下列行为之一的). */
  forbidding?: boolean;
  /** From another law: asked only where the law asked never states it. */
  foreign?: boolean;
}

/**
 * Whether a sentence forbids or sanctions an act: it says 不得/禁止/严禁, or it is an item (（二）买卖…) under a lead
 * that does (不得有下列行为：, 有下列行为之一的，…).
 */
function forbids(passage: string, start: number, sentence: string, span: string): boolean {
  const FORBID = /不得|禁止|严禁|有下列(?:行为|情形)之一/;
  // The clause of the span, with the words that govern it (不得买卖、转送…), not a later clause (…的原则，不得过度处理).
  const at = Math.max(0, sentence.indexOf(span));
  const from = Math.max(...["，", "；", "："].map((c) => sentence.lastIndexOf(c, at - 1))) + 1;
  if (FORBID.test(sentence.slice(from, at + span.length))) return true;
  if (!/^[（(][一二三四五六七八九十]+[）)]/.test(sentence)) return false;
  const lead = passage.slice(0, start).replace(/\s*(?:[（(][一二三四五六七八九十]+[）)][^\n]*\n?)*$/, "");
  return FORBID.test(
    lead
      .split(/[。\n]/)
      .filter(Boolean)
      .pop() ?? "",
  );
}

const poolCache = new WeakMap<InputDocument, PoolEntry[]>();

/** The spans the law itself uses in each role: the only source of wrong options. */
function poolOf(doc: InputDocument, sentencesOf: (p: InputPassage) => Span[]): PoolEntry[] {
  const hit = poolCache.get(doc);
  if (hit) return hit;
  const out: PoolEntry[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (p.boilerplate) continue;
    for (const sp of sentencesOf(p)) {
      for (const b of blanksOf(sp.text)) {
        const text = sp.text.slice(b.at, b.at + b.len);
        const key = `${b.role}|${text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ text, role: b.role, sentence: sp.text, forbidding: forbids(p.text, sp.start, sp.text, text) });
      }
    }
  }
  poolCache.set(doc, out);
  return out;
}

/** Roles whose spans may stand in for one another. */
const COMPATIBLE: Record<BlankRole, BlankRole[]> = {
  body: ["body"],
  party: ["party", "body"],
  object: ["object", "list", "prohibited"],
  principle: ["principle", "list"],
  definition: ["definition", "object"],
  prohibited: ["prohibited", "object"],
  list: ["list", "principle", "object"],
  date: [],
};

function headOf(t: string): string {
  return t.replace(/[”》）]$/, "").slice(-2);
}

function itemCount(t: string): number {
  return t.split(/、|和|以及|或者|及/).filter(Boolean).length;
}

/**
 * Three wrong options for a blank, or fewer when the law has no honest ones: same role, same head noun
 * (…审查, …制度) or for a list the same number of items, length within 1.4× of the key, not in the
 * sentence, not nested in the key, and never completing the blank's own context elsewhere in the law.
 */
export function statuteFoils(
  answer: string,
  role: BlankRole,
  sentence: string,
  at: number,
  pool: PoolEntry[],
  docText: string,
): string[] {
  const roles = COMPATIBLE[role];
  const head = headOf(answer);
  const n = itemCount(answer);
  const left = sentence.slice(Math.max(0, at - 4), at).replace(/^.*[，。；：、]/, "");
  const right = sentence.slice(at + answer.length, at + answer.length + 4).replace(/[，。；：、].*$/, "");
  const fits = (x: string) => {
    if (x === answer || sentence.includes(x) || x.includes(answer) || answer.includes(x)) return false;
    // 国家安全机关、公安机关 for 公安机关、国家安全机关, 单位或者个人 for 单位和个人: the same answer.
    if (itemSetKey(x) === itemSetKey(answer)) return false;
    // 要求采取措施 among 有效保密措施: an option that opens with a verb where the key is a noun phrase.
    if (!VERB_START_RE.test(answer) && VERB_START_RE.test(x)) return false;
    // 网络安全事件 among actors, 方式、手段和渠道 among lists of verbs: the odd kind is ruled out unread.
    if (!sameOptionKind(answer, x)) return false;
    // 持续、可靠和有效 among 招录、培养和管理; 属于国家所有的档案 for 禁止（ ） where the key is an act.
    if (role !== "body" && role !== "party" && !sameOpening(answer, x)) return false;
    // 下列情况, 上述事项: words that point at a list are no option.
    if (/^(?:下列|上述|以下)|前款|本款|本条|前条/.test(x)) return false;
    if (x.length > answer.length * 1.4 || answer.length > x.length * 1.4) return false;
    // True elsewhere in the law: the foil completes the same context there.
    if (left.length >= 2 && docText.includes(left + x)) return false;
    if (right.length >= 2 && docText.includes(x + right)) return false;
    return true;
  };
  const candidates = pool.filter((e) => roles.includes(e.role) && fits(e.text));
  const score = (e: PoolEntry) => {
    let s = 0;
    if (e.role === role) s += 2;
    if (headOf(e.text) === head) s += 3;
    if (role === "list" || role === "principle") s += itemCount(e.text) === n ? 2 : -2;
    if ((role === "body" || role === "party") && e.text.slice(-1) === answer.slice(-1)) s += 1;
    s += similarity(e.text, answer);
    s -= Math.abs(e.text.length - answer.length) / Math.max(answer.length, 1);
    return s;
  };
  const ranked = candidates
    .map((e) => ({ e, s: score(e) }))
    .sort((a, b) => b.s - a.s || (a.e.text < b.e.text ? -1 : 1));
  // Only spans of the same kind are fair: a different head noun or item count is spotted at a glance.
  const fair = ranked.filter((r) => {
    // A government among governments (县级以上人民政府 / 省级以上人民政府), a department among departments: an
    // enterprise offered as the maker of a national 办法 is ruled out unread.
    if (role === "body" || role === "party")
      return AUTH_END.test(r.e.text) === AUTH_END.test(answer) && actorClass(r.e.text) === actorClass(answer);
    // A list among lists: same number of items, and items of the same kind (sharing a character with the key's items).
    if (role === "list" || role === "principle")
      return itemCount(r.e.text) === n && [...r.e.text].some((ch) => /[\u4e00-\u9fff]/.test(ch) && answer.includes(ch));
    return headOf(r.e.text) === head;
  });
  const out: string[] = [];
  for (const r of fair) {
    // Two foils that are near copies of each other teach the learner to pick the odd one out.
    if (out.some((o) => similarity(o, r.e.text) >= 0.7)) continue;
    out.push(r.e.text);
    if (out.length === 3) break;
  }
  return uniq(out, answer);
}

/** Parts of speech a word may stand for: a verbal noun (管理) is an act and a thing. */
function wordClasses(t: string): Set<string> {
  const tag = rawTag(t);
  if (tag === "vn") return new Set(["v", "n"]);
  if (/^v/.test(tag)) return new Set(["v"]);
  if (/^n/.test(tag)) return new Set(["n"]);
  if (/^a/.test(tag)) return new Set(["a"]);
  return new Set([tag]);
}

/** Whether two spans open on words of one part of speech, item by item for lists (招录、培养 / 收储、保管). */
function sameOpening(key: string, x: string): boolean {
  const firsts = (t: string) => (t.includes("、") ? listItems(t) : [t]);
  const keyClasses = new Set(firsts(key).flatMap((i) => [...wordClasses(i)]));
  return firsts(x).every((i) => [...wordClasses(i)].some((c) => keyClasses.has(c)));
}

const VERB_START_RE = /^(?:要求|采取|开展|进行|加强|建立|实行|实施|履行|依法|按照|依照|组织|提供|推进|促进)/;

/** The items of a span as a set (order and connectives ignored): 单位和个人 ≡ 单位或者个人. */
export function itemSetKey(t: string): string {
  return t
    .split(/、|以及|或者|和|及|与|或/)
    .map((x) => x.trim())
    .filter(Boolean)
    .sort()
    .join("|");
}

/** The items of a list span: 公正、公平、便民 → 公正 | 公平 | 便民. */
export function listItems(t: string): string[] {
  // 统一领导、分级负责，创新发展、服务大局: a principle written in pairs of like words, the pairs parted by ，.
  if (t.includes("，")) {
    const parts = t
      .split(/[、，]/)
      .map((x) => x.trim())
      .filter(Boolean);
    if (parts.length >= 3 && parts.every((x) => x.length === parts[0]?.length)) return parts;
  }
  const byComma = t
    .split("、")
    .map((x) => x.trim())
    .filter(Boolean);
  // Items that are pairs themselves (内部安全和外部安全、国土安全和国民安全) are split at 、 only.
  if (byComma.length >= 2 && byComma.filter((x) => /和|与|及/.test(x)).length >= 2) return byComma;
  return t
    .split(/、|以及|或者|和(?![平谐睦解美])|及/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * 多选 over a list's items: 2–4 of them as keys (all of them when the list has at most four), one or two
 * items of the law's other lists as wrong options — of like length, sharing no item with this list, and
 * found nowhere in the same article (a wrong option must be wrong here, not merely elsewhere).
 */
/**
 * Items of like size (统一领导、协同联动、有序高效; 公民、法人和其他组织): a list whose outer items run on
 * into the sentence (国家安全、公共利益、个人、组织合法权益造成) was cut in the wrong place.
 */
const HEAD_NOUN_END = /(?:机构|组织|单位|部门|机关|人员|企业|学校)$/;

export function uniformItems(items: string[]): boolean {
  if (items.length < 2 || items.some((x) => x.length > 12 || cjkCount(x) < 1)) return false;
  // 禁止、限制或者其他: a catch-all is no item.
  if (items.some((x) => /^其他|^其它|等$/.test(x))) return false;
  // 本单位的人员防范、制止…: an item with a noun phrase before its verb is a clause, not a list member.
  if (
    items.some(
      (x) =>
        x.length >= 7 &&
        /^[\u4e00-\u9fff]{2,}的[\u4e00-\u9fff]{2,}[\u4e00-\u9fff]{2}$/.test(x) &&
        x.indexOf("的") < x.length - 3,
    )
  )
    return false;
  // 我国在外层空间、国际海底区域…: a list opening on a pointer or preposition is a clause cut at 、.
  if (/^(?:我国|我|在|对|向|把|将|从)/.test(items[0] ?? "")) return false;
  // 企业、社会团体和教育、科研机构: a bare modifier before a headed last item shares that head (教育机构).
  const last = items[items.length - 1] ?? "";
  const beforeLast = items[items.length - 2] ?? "";
  if (HEAD_NOUN_END.test(last) && beforeLast.length <= 2 && !HEAD_NOUN_END.test(beforeLast)) return false;
  const lens = items.map((x) => x.length);
  const min = Math.min(...lens);
  const max = Math.max(...lens);
  return max <= Math.max(min * 2, min + 2);
}

/** jieba's tag of the word a span opens with. */
function rawTag(x: string): string {
  return taggedWords(x)[0]?.tag ?? "";
}

/** The part of speech a list item opens with, by jieba: v, n, a… (vn counts as n: 监督检查 is a noun there). */
function kindOfItem(x: string): string {
  const tag = rawTag(x);
  return tag === "vn" ? "n" : tag.slice(0, 1);
}

/** Two short words of one length that share a character in the same place (防范 / 防止, 处置 / 处理). */
function nearSynonym(a: string, b: string): boolean {
  return a.length === b.length && a.length <= 3 && [...a].some((ch, i) => b[i] === ch);
}

/** Per corpus: the same document among other laws has other foreign lists. */
const otherListsCache = new WeakMap<CorpusIndex, Map<InputDocument, PoolEntry[]>>();

/** The lists of the corpus's other laws (合法、正当、必要 beside 公开、公平、公正), after the law's own. */
function otherLawLists(doc: InputDocument, index: CorpusIndex, sentencesOf: (p: InputPassage) => Span[]): PoolEntry[] {
  let byDoc = otherListsCache.get(index);
  if (!byDoc) otherListsCache.set(index, (byDoc = new Map()));
  const hit = byDoc.get(doc);
  if (hit) return hit;
  const out = index.laws
    .filter((d) => d !== doc)
    .flatMap((d) => poolOf(d, sentencesOf))
    .filter((e) => e.role === "list" || e.role === "principle")
    .map((e) => ({ ...e, foreign: true }));
  byDoc.set(doc, out);
  return out;
}

/** The shapes of a 多选: [keys, options]. */
const MULTIPLE_SHAPES: readonly (readonly [number, number])[] = [
  [2, 4],
  [3, 4],
  [2, 5],
  [3, 5],
  [4, 5],
];

/**
 * 支持企业、研究机构和高等学校; 构建和平、安全、开放: the first item swallowed the verb that governs the list,
 * so its items are no options.
 */
function swallowsVerb(items: string[]): boolean {
  const [first, ...rest] = items;
  if (!first || taggedWords(first).length < 2 || rawTag(first) !== "v") return false;
  return (
    rest.every((x) => rawTag(x) !== "v") || rest.every((x) => x.length === rest[0]?.length && x.length < first.length)
  );
}

export function listChoice(
  answer: string,
  article: string,
  pool: PoolEntry[],
  lawText = "",
  role: BlankRole = "list",
): Fact["listChoice"] {
  const items = listItems(answer);
  // A pair (国家标准、行业标准) is a phrase to recall, not a list to choose from: a 多选 needs three items.
  if (
    items.length < 3 ||
    items.length > 12 ||
    new Set(items).size !== items.length ||
    !uniformItems(items) ||
    swallowsVerb(items)
  )
    return undefined;
  // Items of one head (核心密码、普通密码、商用密码; 科学性、准确性…) take foils of that head only.
  const tail = commonTail(items);
  // Items are whole words where the article states them (需要收集、使用数据 is no list of 需要收集 and 使用数据).
  const words = wordBoundaries(article);
  const from = article.indexOf(answer);
  if (from >= 0) {
    let at = from;
    for (const x of items) {
      const i = article.indexOf(x, at);
      if (i < 0 || !words.has(i) || !words.has(i + x.length)) return undefined;
      at = i + x.length;
    }
  }
  // 安全保密产品和保密技术装备抽检、复检制度: a last item closing on the head the whole list shares (…制度) while
  // the others lack it is a list cut across its levels, not items to choose from.
  const lastItem = items[items.length - 1] ?? "";
  const head = /(?:制度|机制|体系|工作|活动|措施)$/.exec(lastItem)?.[0];
  if (head && !items.slice(0, -1).some((x) => x.endsWith(head))) return undefined;
  // 买卖、转送或者私自（销毁）: a last item that is an adverb of the verb after it was cut from its act.
  if (from >= 0 && rawTag(lastItem) === "d" && article[from + answer.length] !== "的") return undefined;
  const avg = items.reduce((n, x) => n + x.length, 0) / items.length;
  const minLen = Math.min(...items.map((x) => x.length));
  const maxLen = Math.max(...items.map((x) => x.length));
  const chars = new Set([...items.join("")]);
  const itemKinds = new Set(items.map(kindOfItem));
  const maxWords = Math.max(...items.map((x) => taggedWords(x).length));
  const seen = new Set(items);
  const foils: { text: string; score: number }[] = [];
  // Acts a law forbids (买卖、丢弃) are no members of a list of duties (收集、分析、通报), nor duties of a list of
  // prohibited acts: a foil from the other side is eliminated unread.
  const ownAt = Math.max(0, article.lastIndexOf("\n", Math.max(0, article.indexOf(answer))) + 1);
  const ownSentence = article.slice(ownAt).split(/[。\n]/)[0] ?? "";
  const ownForbids = forbids(article, ownAt, ownSentence, answer);
  for (const e of pool) {
    if (e.role !== "list" && e.role !== "principle") continue;
    if ((e.forbidding ?? false) !== ownForbids) continue;
    const theirs = listItems(e.text);
    if (!uniformItems(theirs)) continue;
    for (const x of theirs) {
      if (seen.has(x) || article.includes(x) || Math.abs(x.length - avg) > Math.max(1, avg * 0.4)) continue;
      // Another law's item the law asked also states may be true of it.
      if (e.foreign && lawText.includes(x)) continue;
      // An item cut out of a longer word (实施本行业 of 实施本行业、本领域) is no option.
      const at = e.sentence.indexOf(x);
      const words = wordBoundaries(e.sentence);
      if (at < 0 || !words.has(at) || !words.has(at + x.length)) continue;
      if (x.length < minLen - 1 || x.length > maxLen + 1) continue;
      // Items of one length take foils of that length; a pointer (本系统, 该单位) or another's act (要求…停止)
      // is no member of any list; and a foil's part of speech is the items' (no 必要 among nouns).
      if (minLen === maxLen && minLen <= 2 && x.length !== minLen) continue;
      if (/^(?:本|该|其|上述|有关|要求)/.test(x)) continue;
      if (itemKinds.size === 1 && !itemKinds.has(kindOfItem(x)) && minLen <= 2) continue;
      // A verbal noun (建设, 管理) among things (设施、设备、库房) is an act, spotted as such.
      if (minLen <= 2 && items.every((i) => rawTag(i) === "n") && rawTag(x) !== "n") continue;
      // An actor among actors, and no more words than the items have (范围有规定 among 互联互通、安全可控).
      if (!sameOptionKind(items[0] ?? "", x) || taggedWords(x).length > maxWords) continue;
      if (items.some((i) => i.includes(x) || x.includes(i))) continue;
      if (tail && !x.endsWith(tail)) continue;
      // A near-synonym of an item (防止 for 防范, 处理 for 处置, 检测 for 监测) makes a quibble, not a foil.
      if (items.some((i) => nearSynonym(i.slice(0, i.length - tail.length), x.slice(0, x.length - tail.length))))
        continue;
      seen.add(x);
      // Items of the same kind first: sharing a character or the last one (…性, …化) with the key's items.
      const shared = [...x].filter((ch) => chars.has(ch)).length;
      const sameEnd = items.some((i) => i.slice(-1) === x.slice(-1)) ? 1 : 0;
      // A principle's foils are best other principles' members (公正、公平 for 合法、正当、必要).
      const sameRole = role === "principle" && e.role === "principle" ? 1.5 : 0;
      foils.push({ text: x, score: shared + sameEnd * 2 + sameRole - (e.foreign ? 0.5 : 0) });
    }
  }
  // A wrong option of another kind altogether (主权 among 保护、营救) is spotted without knowing the law.
  // A short word of the items' own part of speech from another lawful list (公平 among 合法、正当、必要) is a
  // foil of that kind even with no character in common.
  const kin = foils.filter((f) => f.score >= 1 || (minLen <= 3 && itemKinds.has(kindOfItem(f.text))));
  foils.length = 0;
  foils.push(...kin);
  if (foils.length === 0) return undefined;
  const strongFoil = (f: { text: string; score: number }) =>
    f.score >= 2 && items.every((i) => rawTag(i) === rawTag(f.text));
  const key = sha256(`${article}|${answer}`);
  const h = parseInt(key.slice(0, 8), 16);
  foils.sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : 1));
  // One wrong option among the whole list is found by its oddness alone (公布 among 公正、严格、科学、高效):
  // a 多选 is asked with two wrong options, or with one that shares the items' part of speech and wording.
  const loneFoilFair = strongFoil(foils[0]!);
  // The shape (keys, options) is drawn from the article, so that no key count pays.
  const shapes = MULTIPLE_SHAPES.filter(
    ([keys, total]) => keys <= items.length && total - keys <= foils.length && (total - keys >= 2 || loneFoilFair),
  );
  const shape = shapes[h % Math.max(1, shapes.length)];
  if (!shape) return undefined;
  const [nKeys, total] = shape;
  const right =
    items.length === nKeys
      ? items
      : seededShuffle(items, `${key}:k`)
          .slice(0, nKeys)
          .sort((a, b) => items.indexOf(a) - items.indexOf(b));
  const wrong = foils.slice(0, total - nKeys).map((f) => f.text);
  return {
    options: seededShuffle([...right, ...wrong], `${key}:o`),
    answer: right,
    partial: right.length < items.length,
  };
}

// ---------------------------------------------------------------------------------------------
// facts

const FACT_TYPE: Record<BlankRole, FactType> = {
  body: "authority",
  party: "authority",
  object: "object",
  principle: "principle",
  definition: "definition",
  prohibited: "object",
  list: "list",
  date: "date",
};

const SUBJECT_LABEL: Record<BlankRole, string> = {
  body: "职权主体",
  party: "义务主体",
  object: "法定事项",
  principle: "原则方针",
  definition: "定义",
  prohibited: "禁止性规定",
  list: "所列事项",
  date: "日期",
};

/** Blanks asked per sentence: a long sentence is several facts, but not every phrase of it. */
const MAX_BLANKS_PER_SENTENCE = 3;
const MAX_BODY = 150;

const MAX_PARAGRAPH = 140;

/**
 * The stem of a blank in a short paragraph (款) of several sentences is the whole paragraph: the sentence
 * before gives the topic (国家对密码实行分类管理。密码分为____。), the one after the exception (…应当在境内
 * 存储。因业务需要，确需向境外提供的，…), and a rule is not asked without what qualifies it.
 */
function withParagraph(ctx: SentenceCtx, b: StatuteBlank, answer: string): string | null {
  const text = ctx.passage.text;
  const lineStart = text.lastIndexOf("\n", ctx.sentence.start - 1) + 1;
  const lineEndRaw = text.indexOf("\n", ctx.sentence.end);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const line = text.slice(lineStart, lineEnd);
  const label = ARTICLE_LABEL.exec(line)?.[0] ?? "";
  const para = line.slice(label.length);
  const at = ctx.sentence.start - lineStart - label.length + b.at;
  if (para.length > MAX_PARAGRAPH || at < 0) return null;
  // A list item's paragraph is the list; the answer must be there once only.
  if (/^[（(][一二三四五六七八九十]+[）)]/.test(para) || para.split(answer).length !== 2) return null;
  const lead = topicLead(text, lineStart, answer);
  if (para === ctx.sentence.text && !lead) return null;
  const body = `${para.slice(0, at)}${SLOT}${para.slice(at + b.len)}`.replace(/[。；;]?$/, "。");
  return lead && lead.length + body.length <= MAX_PARAGRAPH
    ? `${lead}${body}`
    : para === ctx.sentence.text
      ? null
      : body;
}

const ARTICLE_LABEL = /^第[一二三四五六七八九十百零]+条(?:之[一二三四五六七八九十]+)?\s*/;
const MAX_LEAD = 40;
/** A statute's clause opening on its modal or verb (应当…, 从事…): a rule that does not say whom it binds. */
export const SUBJECTLESS_RULE_OPENING = /^(?:应当|可以|不得|必须|开展|从事|进行)/;

/**
 * The article's opening paragraph when it is a short topic sentence (国家对密码实行分类管理。) and the
 * paragraph asked is the one right after it: examiners state the topic before the rule (…，密码分为____).
 */
function topicLead(text: string, lineStart: number, answer: string): string | null {
  if (lineStart === 0) return null;
  const prevStart = text.lastIndexOf("\n", lineStart - 2) + 1;
  if (prevStart !== 0) return null;
  const prev = text.slice(0, lineStart - 1);
  const lead = prev.slice(ARTICLE_LABEL.exec(prev)?.[0].length ?? 0).trim();
  if (!lead || lead.length > MAX_LEAD || !/。$/.test(lead) || lead.includes(answer) || /[：:]$/.test(lead)) return null;
  // 从事…活动，适用本法: a scope clause opens on its verb, and a stem opening so reads as a rule without its party.
  if (SUBJECTLESS_RULE_OPENING.test(lead)) return null;
  return lead;
}

/**
 * The facts of one statute sentence. `taken` holds the spans (passage offsets) other extractors already
 * ask; a blank overlapping one of them is left to that extractor.
 */
/**
 * Whether a blank that is no list can be written from memory: a term (up to 14 characters), or a longer noun
 * phrase (国民教育体系和公务员教育培训体系, 国家安全危机的信息报告和发布机制). A long verb phrase (负责…工作, 协调…工作)
 * or a prohibited act longer than one act is a clause to retype, asked only with options.
 */
function recallableTerm(answer: string, role: string): boolean {
  const n = compact(answer).length;
  if (n <= 14) return true;
  // A prohibited act is a verb phrase by nature: one act (利用行政手段强制转让商用密码技术) is recalled, a clause is not.
  if (role === "prohibited") return n <= 16;
  if (n > 24) return false;
  const words = taggedWords(answer);
  const head = words[words.length - 1]?.tag ?? "";
  const opensOnVerb = (words[0]?.tag ?? "").startsWith("v") && !answer.includes("的");
  return /^(?:n|vn|j)/.test(head) && !opensOnVerb;
}

export function extractStatuteClauses(
  ctx: SentenceCtx,
  index: CorpusIndex,
  sentencesOf: (p: InputPassage) => Span[],
  taken: { start: number; end: number }[],
): Fact[] {
  const s = ctx.sentence.text;
  const docText = index.docText.get(ctx.doc.id) ?? "";
  const pool = poolOf(ctx.doc, sentencesOf);
  const lawName = ctx.doc.title
    .replace(/^《|》$/g, "")
    .replace(/^中华人民共和国/, "")
    .replace(/法$/, "");
  const out: Fact[] = [];
  for (const b of blanksOf(s)) {
    if (out.length >= MAX_BLANKS_PER_SENTENCE) break;
    const start = ctx.sentence.start + b.at;
    const end = start + b.len;
    // Left to a sharper extractor when it asks this span (or it with a word around it); a longer span than theirs
    // (the whole classification 核心密码、普通密码和商用密码 around their 普通) and a shorter one inside a long one
    // (the range 二百万元以上一千万元以下 inside their 处…罚款 sanction) are questions of their own.
    if (taken.some((t) => t.start <= start && end <= t.end && t.end - t.start <= b.len + 2)) continue;
    const answer = s.slice(b.at, b.at + b.len);
    // 保障____ for 数据安全 in the 数据安全法: the law's own name is no fact of it.
    if (lawName.length >= 2 && lawName.includes(answer)) continue;
    // An answer the sentence states twice cannot be blanked once.
    if (s.split(answer).length > 2) continue;
    // The paragraph's other sentences may restate the answer (…按照数据分类分级保护制度): then the sentence alone.
    const para = withParagraph(ctx, b, answer);
    const body =
      (para && !echoes(answer, para) ? para : null) ??
      (s.length <= MAX_BODY
        ? `${s.slice(0, b.at)}${SLOT}${s.slice(b.at + b.len)}`.replace(/[。；;]?$/, "。")
        : reduceSentence(s, b.at, b.at + b.len, { figures: false }));
    // A reduced stem must still say something: a subject and a predicate around the blank.
    if (!body || cjkCount(body.replace(SLOT, "")) < 4) continue;
    const foils = b.role === "date" ? [] : statuteFoils(answer, b.role, s, b.at, pool, docText);
    const choice =
      b.role === "list" ||
      b.role === "principle" ||
      ((b.role === "prohibited" || b.role === "object") && isList(answer))
        ? listChoice(
            answer,
            ctx.passage.text,
            [...pool, ...otherLawLists(ctx.doc, index, sentencesOf)],
            docText,
            b.role,
          )
        : undefined;
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: FACT_TYPE[b.role],
        answer,
        at: b.at,
        len: b.len,
        subject: SUBJECT_LABEL[b.role],
        body,
        distractors: foils,
        // A list asked as 多选 over its items is not asked again as a single choice over whole lists.
        noSingle: foils.length < 3 || choice !== undefined,
        // A fill-in asks a term or a short list, not a clause to retype (数据的收集、存储、使用、加工…).
        fill:
          b.role === "list" || answer.includes("、")
            ? listItems(answer).length <= (b.role === "principle" ? 6 : 4) &&
              compact(answer).length <= (b.role === "principle" ? 40 : 30)
            : recallableTerm(answer, b.role),
        statement: false,
        weight: b.weight,
        located: true,
        ...(choice ? { listChoice: choice } : {}),
      }),
    );
  }
  return out;
}
