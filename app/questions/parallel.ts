/**
 * Parallel lists of reports, speeches and news: A、B、C、D等领域 / …等政策 / …等重点领域. The items a
 * sentence enumerates before 等 and a category noun become a 多选 knowledge point (“下列属于其中所列
 * 领域的有”), the sentence's clause with the list left out as its stem. Wrong options are items of
 * other documents' lists of the same category that the document itself never mentions, so they are
 * plausible and verifiably not in the list.
 *
 * Keys on generic wording only: the enumeration comma 、, the closing 等, a category noun, and the
 * governing verbs policy texts put before a list (聚焦、加强、支持…).
 */
import { makeFact, type Enumeration, type Fact, type SentenceCtx } from "./facts";
import { balancedQuotes, cjkCount, clauses, isReportingClause, similarity } from "./text";

/** Category nouns a list closes with (…等领域, …等消费政策, …等重大展会). */
const CATEGORY =
  "领域|方面|产业|行业|政策|改革|战略|事业|要素|生产要素|因素|灾害|自然灾害|展会|活动|平台|服务业态|业态|增长点|学科|成本|结构|手段|功能|问题|机构|指标|短板|人民团体";
/** Verbs that govern a list (聚焦A、B…): what precedes the first item in its segment. */
const GOVERNING =
  "聚焦|围绕|加强|深化|推进|推动|支持|培育|发展|实施|整治|查处|紧盯|统筹|落实|加快|强化|做好|办好|用好|建设|打造|出台|激发|降低|调整|优化|运用|涉及|包括|覆盖|补齐|壮大|引导|保障|排查|解决|开展|提振|扩大|积极|大力|深入|重点|严厉|严肃|持续|全面|着力|集中|进一步|坚决|依法|切实|稳步|对|在|把|从";

const LIST_RE = new RegExp(
  `((?:[\\u4e00-\\u9fff“”A-Za-z0-9]+、){2,11}[\\u4e00-\\u9fff“”A-Za-z0-9]{1,14})等((?:[\\u4e00-\\u9fff]{0,6}?)(?:${CATEGORY}))`,
  "g",
);
const GOVERNING_END = new RegExp(`(?:${GOVERNING}|[\\u4e00-\\u9fff]好)$`);
const GOVERNING_START = new RegExp(`^(?:${GOVERNING}|就|要)`);

/** An item that reads as a complete phrase: no dangling conjunction, balanced quotes, not a name list. */
function goodItem(x: string): boolean {
  if (cjkCount(x) < 2 || x.length > 14 || !balancedQuotes(x)) return false;
  if (/^[和及与或等的之]|[和及与或的之]$/.test(x)) return false;
  return true;
}

/**
 * The first item of a list: its segment runs from the clause start, so it may carry the verb that
 * governs the list (聚焦海上风电, 支持工会). The item is what follows the last governing verb, when it
 * is as long as the other items; the segment itself when it opens with no verb. Otherwise null: the
 * item's start is unknown and it is left out of the options.
 */
function firstItem(segment: string, others: string[]): { item: string; prefix: string } | null {
  const max = Math.max(...others.map((x) => x.length));
  for (let cut = segment.length - 2; cut >= 1; cut--) {
    const prefix = segment.slice(0, cut);
    if (!GOVERNING_END.test(prefix)) continue;
    const item = segment.slice(cut);
    return item.length <= max + 1 ? { item, prefix } : null;
  }
  if (GOVERNING_START.test(segment) || segment.length > max) return null;
  return { item: segment, prefix: "" };
}

/** A last item that joins two short items (资本和数据, 数字中国和农业强国) is two items. */
function splitLast(x: string): string[] {
  const m = /^([\u4e00-\u9fff“”]{2,4})[和与及]([\u4e00-\u9fff“”]{2,4})$/.exec(x);
  return m ? [m[1] ?? "", m[2] ?? ""] : [x];
}

export function extractParallelLists(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  for (const cl of clauses(s)) {
    for (const m of cl.text.matchAll(LIST_RE)) {
      const raw = (m[1] ?? "").split("、");
      const noun = m[2] ?? "";
      // Lists of people (…等党和国家领导人) and places (…等地) name no category: they do not match.
      // A numbered formula (…等十大产业项目) is a formula list; …等发现问题 is no category of items.
      if (/^[一二两三四五六七八九十百\d]/.test(noun) || (/问题$/.test(noun) && noun !== "问题")) continue;
      const rest = [...raw.slice(1, -1), ...splitLast(raw[raw.length - 1] ?? "")];
      if (rest.length < 2 || !rest.every(goodItem)) continue;
      const found = firstItem(raw[0] ?? "", rest);
      // A first item with 的 is a modifier kept with the verb (我区享有的西部大开发), not an item.
      const first = found && goodItem(found.item) && !found.item.includes("的") ? found : null;
      const items = first ? [first.item, ...rest] : rest;
      if (items.length < 3 || items.length > 12) continue;
      const lens = items.map((x) => x.length);
      if (Math.max(...lens) > 3 * Math.min(...lens) + 1) continue;
      if (new Set(items).size !== items.length) continue;
      // The clause with the list left out: the stem says what the list is about.
      // Without a sure first item, the whole segment is left out (聚焦……等领域 becomes ……等领域).
      const at = (m.index ?? 0) + (first ? first.prefix.length : 0);
      const listEnd = (m.index ?? 0) + (m[1] ?? "").length;
      const lead = `${cl.text.slice(0, at)}……等${cl.text.slice(listEnd + 1)}`.trim();
      // 就是要集中整治……等领域 / 聚焦……等方面突出问题: the clause before says what the list is about (shown in
      // the stem, not used to match foils), and a list that only points back (就是要…) is not asked without it.
      const idx = clauses(s).findIndex((x) => x.start === cl.start);
      const before = idx > 0 ? clauses(s)[idx - 1] : undefined;
      const pointsBack = /^(?:就是|也就是|即|这就是)/.test(lead);
      let context: string | undefined;
      if (pointsBack || cjkCount(lead) < 14 || /^(?:聚焦|围绕)/.test(lead)) {
        // A reporting clause (会议要求, 全会强调) says nothing of the topic.
        const topical = before && cjkCount(before.text) >= 4 && !isReportingClause(before.text);
        if (before && topical && before.text.length + lead.length < 60) context = before.text;
        else if (pointsBack) continue;
      }
      if (cjkCount(lead) < 6 || lead.length > 50 || !balancedQuotes(lead)) continue;
      const enumeration: Enumeration = {
        lead,
        noun,
        correct: items,
        foreign: [],
        pattern: "parallel",
        ...(context ? { context } : {}),
      };
      out.push(
        makeFact(ctx, {
          kind: "phrase",
          factType: "enumeration",
          answer: items.join("、"),
          at: cl.start + at,
          len: listEnd - at,
          subject: `${noun}：${lead}`,
          body: null,
          distractors: [],
          enumeration,
          fill: false,
          statement: false,
          weight: 0.6,
        }),
      );
    }
  }
  return out;
}

/**
 * What a list is said of: its lead without the list and its category (排查整治……等领域风险隐患 → 排查整治风险隐患), so
 * that two leads are not alike merely for both closing on 等领域.
 */
function topicOf(e: Enumeration | undefined): string {
  if (!e) return "";
  return e.lead.replace("……", "").replace(`等${e.noun}`, "");
}

/** How alike two lists' leads must be for one's items to serve as the other's wrong options. */
const MIN_LEAD_SIMILARITY = 0.12;

/** The category a list's noun names, for matching foils: its head (…领域, …政策). */
function headOf(noun: string): string {
  return new RegExp(`(?:${CATEGORY})$`).exec(noun)?.[0] ?? noun;
}

/**
 * Foils for parallel lists: items of other documents' lists of the same category, absent from this
 * document's text, of comparable length and unlike every correct item.
 */
export function attachParallelFoils(facts: Fact[], docText: (id: string) => string): void {
  const lists = facts.filter((f) => f.enumeration?.pattern === "parallel");
  for (const f of lists) {
    const e = f.enumeration as Enumeration;
    const own = docText(f.doc.id);
    const avg = e.correct.reduce((n, c) => n + c.length, 0) / e.correct.length;
    const pool: string[] = [];
    // Lists said of the same thing first: fields of corruption cases for fields of corruption cases.
    const near = lists
      .filter((o) => o.doc.id !== f.doc.id && headOf(o.enumeration?.noun ?? "") === headOf(e.noun))
      .map((o) => ({ o, sim: similarity(topicOf(o.enumeration), topicOf(e)) }))
      // Only lists said of the same thing: items of a list on another topic (电商 among 文旅业态, 财税金融 among
      // technology fields) are told apart without knowing the document.
      .filter((x) => x.sim >= MIN_LEAD_SIMILARITY)
      .sort(
        (a, b) => b.sim - a.sim || (a.o.doc.id < b.o.doc.id ? -1 : a.o.doc.id > b.o.doc.id ? 1 : a.o.start - b.o.start),
      )
      .map((x) => x.o);
    for (const o of near) {
      for (const item of o.enumeration?.correct ?? []) {
        if (own.includes(item) || pool.includes(item)) continue;
        if (Math.abs(item.length - avg) > Math.max(1.5, avg * 0.5)) continue;
        if (e.correct.some((c) => similarity(c, item) >= 0.3 || c.includes(item) || item.includes(c))) continue;
        pool.push(item);
      }
    }
    e.foreign = pool;
  }
}
