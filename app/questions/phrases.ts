/**
 * Key phrases that are not in quotation marks but that an examiner asks all the same:
 *
 * - positioning statements (定位表述): X是…的首要任务 / 把X作为根本宗旨 / X这个首要任务 — the role
 *   noun is the knowledge (高质量发展 → 首要任务, 金融服务实体经济 → 根本宗旨);
 * - parallel series (并列提法): 精准治污、科学治污、依法治污 / 不敢腐、不能腐、不想腐 — items of one
 *   shape, asked by blanking the last one;
 * - counted pairs: 抓住种子和耕地两个要害 — the pair the count announces.
 *
 * The vocabulary is that of Party and government prose in general, never of one document.
 */
import type { CorpusIndex } from "./corpus";
import { makeFact, type Fact, type SentenceCtx } from "./facts";
import { SLOT } from "./reduce";
import { cjkCount, clauses, commonTail } from "./text";

/**
 * Role nouns of positioning statements, in families whose members are told apart in political
 * study (高质量发展是首要任务, 中国式现代化是中心任务): members of a family are the foils of one another.
 * A role outside any family is asked as 填空 only.
 */
const ROLE_FAMILIES: string[][] = [
  ["首要任务", "中心任务", "根本任务", "战略任务"],
  ["根本宗旨", "永恒主题", "根本目标", "基本原则"],
  ["总抓手", "突破口", "牛鼻子", "主攻方向"],
  ["硬道理", "第一要务", "最大的政治", "根本遵循"],
  ["核心要素", "根本动力", "关键一招", "必由之路"],
  ["重要法宝", "根本保证", "定海神针", "压舱石"],
];
const LONE_ROLES = [
  "主线",
  "底色",
  "生命线",
  "重中之重",
  "第一动力",
  "第一资源",
  "第一生产力",
  "本质要求",
  "战略性制度安排",
  "根本政治制度",
  "基本政治制度",
  "重要物质基础和政治基础",
  "物质基础和政治基础",
  "头号工程",
  "主阵地",
  "总开关",
  "根和魂",
  "最大公约数",
  "最大同心圆",
  "根本保障",
  "必然选择",
  "总基调",
];
const ROLES = [...ROLE_FAMILIES.flat(), ...LONE_ROLES].sort((a, b) => b.length - a.length);
const ROLE_ALT = ROLES.join("|");
/** X这个首要任务 / X这条主线 / 把X作为…的根本宗旨 / X是…的总抓手 (the role closes its clause). */
const DEMONSTRATIVE_RE = new RegExp(`([\\u4e00-\\u9fff“”]{2,16})这(?:个|条|一)(${ROLE_ALT})`, "g");
const COPULA_RE = new RegExp(`^(.*?)(?:是|就是|作为|成为)([^，。；！？]{0,24}?的)?(${ROLE_ALT})$`);

function familyOf(role: string): string[] | undefined {
  return ROLE_FAMILIES.find((f) => f.includes(role));
}

/** The positioned thing without the verbs around it (牢牢把握推进高质量发展 → 高质量发展), to merge restatements. */
function positioned(head: string): string {
  let x = head.replace(/[“”]/g, "");
  for (let i = 0; i < 4; i++) {
    x = x.replace(
      /^(?:[^，]*?[，])?(?:牢牢把握|紧紧围绕|毫不偏离|围绕|抓好|抓住|聚焦|把握|坚持把|坚持|把|推进|推动|牢记|用|要|必须|始终|他希望[^，]*?|我们)/,
      "",
    );
  }
  return x.replace(/(?:是|就是|作为|成为)$/, "").trim();
}

/** Whether some document puts the role right after the thing (改革开放关键一招, 改革开放这个关键一招). */
function saidOf(texts: Map<string, string>, subject: string, role: string): boolean {
  const head = subject.slice(-6);
  if (head.length < 2) return false;
  for (const text of texts.values()) {
    for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
      const next = text.slice(at + head.length, at + head.length + role.length + 6);
      const i = next.indexOf(role);
      if (i >= 0 && !/[。；，]/.test(next.slice(0, i))) return true;
    }
  }
  return false;
}

function positioningFact(
  ctx: SentenceCtx,
  at: number,
  role: string,
  body: string,
  head: string,
  corpus?: Map<string, string>,
): Fact | null {
  const bare = body.replace(SLOT, "");
  if (cjkCount(bare) < 8 || body.length > 120) return null;
  const family = familyOf(role);
  const s = ctx.sentence.text;
  // A foil must not be stated in the same sentence (…是首要任务，…是中心任务).
  // Nor a role a document gives the same thing in other words (用好改革开放关键一招 beside 改革开放是…根本动力).
  const subject = positioned(head);
  const docText = corpus?.get(ctx.doc.id) ?? s;
  const distractors = family
    ? family.filter((r) => r !== role && !s.includes(r) && !(corpus && saidOf(corpus, subject, r)))
    : [];
  return makeFact(ctx, {
    kind: "phrase",
    factType: "formulation",
    answer: role,
    at,
    len: role.length,
    subject: `定位：${positioned(head)}→${role}`,
    body,
    distractors,
    // A document that gives other things roles of the family (…的重要保障, …的本质要求) has several right fillings for
    // the blank: the single choice among those roles asks it.
    fill: !(family && distractors.length >= 3 && family.filter((r) => r !== role && docText.includes(r)).length >= 2),
    statement: false,
    weight: 0.8,
    located: true,
    ...(distractors.length < 3 ? { noSingle: true } : {}),
  });
}

export function extractPositioning(ctx: SentenceCtx, env?: { index: CorpusIndex }): Fact[] {
  const corpus = env?.index.docText;
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const cls = clauses(s);
  const seen = new Set<number>();
  for (const m of s.matchAll(DEMONSTRATIVE_RE)) {
    const role = m[2] ?? "";
    const at = (m.index ?? 0) + m[0].length - role.length;
    const c = cls.find((x) => at >= x.start && at < x.end);
    if (!c) continue;
    // 紧紧围绕、毫不偏离这条主线: the positioned thing is named elsewhere, the blank is unanswerable.
    if (cjkCount(positioned(m[1] ?? "")) < 3) continue;
    const body = `${s.slice(c.start, at)}${SLOT}${s.slice(at + role.length, c.end)}。`.replace(
      /^(?:要|必须|并|还|同时)/,
      "",
    );
    const f = positioningFact(ctx, at, role, body, s.slice(c.start, at - 2), corpus);
    if (f) {
      out.push(f);
      seen.add(at);
    }
  }
  cls.forEach((c, i) => {
    const m = COPULA_RE.exec(c.text);
    if (!m) return;
    const role = m[3] ?? "";
    const at = c.start + c.text.length - role.length;
    if (seen.has(at)) return;
    let head = m[1] ?? "";
    let start = c.start;
    // …，是全面从严治党的战略性制度安排: the subject is the clause before (巡视监督是…的重要组成部分).
    if (cjkCount(head) < 2 && i > 0) {
      const prev = cls[i - 1];
      if (!prev || !/是/.test(prev.text)) return;
      start = prev.start;
      head = prev.text;
    }
    // 把X作为…: the 把 clause is the subject; anything before it (坚持) belongs to it.
    if (cjkCount(head.replace(/^(?:坚持|必须|要|并|还|同时|始终)/, "")) < 2) return;
    const body = `${s.slice(start, at)}${SLOT}。`.replace(/^(?:要|必须|并|还|同时|因此|所以)/, "");
    const f = positioningFact(
      ctx,
      at,
      role,
      body,
      (m[1] ?? "").length >= 2 ? (m[1] ?? "") : head.replace(/是.*$/, ""),
      corpus,
    );
    if (f) out.push(f);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------

function commonHead(items: string[]): string {
  const first = items[0] ?? "";
  let n = 0;
  while (n < first.length && items.every((x) => x.length > n && x[n] === first[n])) n++;
  return first.slice(0, n);
}

const SERIES_RE = /(?:[\u4e00-\u9fff]{2,12}、){2,5}[\u4e00-\u9fff]{2,8}/g;
/** Words that open a clause's predicate, glued to a series' first item (全面准确落实精准治污). */
const SERIES_LEAD_RE =
  /^.*?(?:落实|推进|坚持|做到|实现|践行|弘扬|树立|把握|贯彻|发扬|突出|强化|统筹|促进|推动|做好|打造|建设|引导|加强|提高|增强|培育|形成|锻造)(?=[\u4e00-\u9fff]{2,8}$)/;

/**
 * A series of parallel items (3–6, one shape: a shared tail of two characters or more, or the
 * same short length with a shared character at one end) asked by blanking its last item.
 */
function at0(m: RegExpMatchArray): number {
  return m.index ?? 0;
}

export function extractSeries(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  for (const m of s.matchAll(SERIES_RE)) {
    const raw = m[0].split("、");
    const first = (raw[0] ?? "").replace(SERIES_LEAD_RE, "");
    const others = [first, ...raw.slice(1, -1)];
    const start = (m.index ?? 0) + (raw[0] ?? "").length - first.length;
    let last = raw[raw.length - 1] ?? "";
    // The last item may run on into what follows (依法治污方针, 命运与共的共同体): cut it to the shape.
    const otherTail = commonTail(others);
    const otherLens = new Set(others.map((x) => x.length));
    if (otherTail.length >= 2 && last.includes(otherTail))
      last = last.slice(0, last.indexOf(otherTail) + otherTail.length);
    else if (otherLens.size === 1 && last.length > (others[0] ?? "").length) {
      // Cut only where a word ends for sure (不想腐的…, 建新功”): 古树名|木 is a word cut in half.
      const n = (others[0] ?? "").length;
      if (!/^(?:的|等|和|与|及|”)/.test(last.slice(n))) continue;
      last = last.slice(0, n);
    }
    const items = [...others, last];
    if (items.length < 3 || items.length > 6) continue;
    const lens = items.map((x) => x.length);
    const tail = commonTail(items);
    const head = commonHead(items);
    const sameLen = lens.every((l) => l === lens[0]);
    const shaped =
      (tail.length >= 2 && tail.length < Math.min(...lens)) ||
      (sameLen && (lens[0] ?? 0) >= 3 && (lens[0] ?? 0) <= 4 && (tail.length === 1 || head.length >= 1)) ||
      (sameLen && lens[0] === 3 && items.length >= 4 && s[at0(m) - 1] === "“");
    if (!shaped) continue;
    // A roll of names (张三、李四、王五等6位委员) is no formulation.
    if (/^等(?:\d+|[一二两三四五六七八九十]+)(?:位|名|人|个)/.test(s.slice((m.index ?? 0) + m[0].length))) continue;
    if (items.some((x) => /^[和及与或等的]|[和及与或等的]$/.test(x) || x.length > 8)) continue;
    const at = start + items.slice(0, -1).join("、").length + 1;
    const c = clauses(s).find((x) => at >= x.start && at < x.end);
    if (!c) continue;
    const before = s.slice(c.start, at);
    const after = s.slice(at + last.length, c.end);
    // The series must be the point of its clause, not a list of places or names inside a long clause.
    if (cjkCount(before) - items.slice(0, -1).join("").length > 16 || cjkCount(after) > 16) continue;
    const body = `${before}${SLOT}${after}。`;
    if (cjkCount(body.replace(SLOT, "")) < 8) continue;
    // A formulation rather than an inventory: quoted, built on one head (以学铸魂、以学增智…), or
    // announcing a principle or requirement (…方针, …总要求, …的共同体理念).
    const formula =
      s[start - 1] === "“" ||
      head.length >= 1 ||
      /^(?:的)?(?:方针|原则|要求|总要求|理念|共同体理念|精神|机制|格局)/.test(after);
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "formulation",
        answer: last,
        at,
        len: last.length,
        subject: `并列提法：${items.join("、")}`,
        body,
        distractors: [],
        fill: true,
        statement: false,
        weight: formula ? 0.7 : 0.5,
        located: true,
      }),
    );
  }
  return out;
}

const PAIR_RE =
  /([\u4e00-\u9fff]{2,6})(和|与)([\u4e00-\u9fff]{2,6})(两)(个|件|项|大)([\u4e00-\u9fff]{2,4}?)(?=[，。；、]|$)/g;

/** 抓住种子和耕地两个要害 / 统筹发展和安全两件大事: the pair the count announces, asked as 填空. */
export function extractCountedPairs(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  for (const m of s.matchAll(PAIR_RE)) {
    let a = m[1] ?? "";
    a = a.replace(SERIES_LEAD_RE, "").replace(/^(?:抓住|统筹|抓好|办好|兼顾)/, "");
    if (a.length < 2) continue;
    const answer = `${a}${m[2] ?? ""}${m[3] ?? ""}`;
    const at = (m.index ?? 0) + (m[1] ?? "").length - a.length;
    const cls = clauses(s);
    const i = cls.findIndex((x) => at >= x.start && at < x.end);
    const c = cls[i];
    if (!c) continue;
    // 抓住____两个要害 alone says nothing of what: the clause before says whose and what for (扛起…粮食安全的重任).
    const prev = cls[i - 1];
    const from = prev && prev.sep === "，" && cjkCount(c.text) < 14 ? prev.start : c.start;
    const body = `${s.slice(from, at)}${SLOT}${s.slice(at + answer.length, c.end)}。`;
    if (cjkCount(body.replace(SLOT, "")) < 6) continue;
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "formulation",
        answer,
        at,
        len: answer.length,
        subject: `${m[4]}${m[5]}${m[6]}`,
        body,
        distractors: [],
        fill: true,
        statement: false,
        weight: 0.75,
        located: true,
      }),
    );
  }
  return out;
}
