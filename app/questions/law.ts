/**
 * Law-specific extractors: the facts an examiner asks about a statute beyond its figures and
 * authorities — who may determine which rank, what a rank means, inline classifications (分为…三级),
 * roles (…为定密责任人), named regimes (实行保密工作责任制), legal consequences (依法追究刑事责任),
 * and sound wrong options for the items of an enumeration article.
 *
 * Everything here keys on generic statutory Chinese (可以确定, 分为, 实行, 情节严重的, 未经…批准),
 * never on a particular law.
 */
import { AUTHORITY_SUFFIX, actorClass, type CorpusIndex } from "./corpus";
import { makeFact, RANK_FAMILIES, uniq, type Fact, type SentenceCtx } from "./facts";
import { findFigures } from "./figures";
import { SLOT } from "./reduce";
import { taggedWords } from "./segment";
import { clauses, commonTail, similarity } from "./text";
import type { InputDocument } from "./types";

// ---------------------------------------------------------------------------------------------
// ranks

const RANK_ALT = RANK_FAMILIES.map((f) => f.join("|")).join("|");

function familyOf(rank: string): string[] | undefined {
  return RANK_FAMILIES.find((f) => f.includes(rank));
}

/** 绝密级、机密级和秘密级 / 机密级和秘密级 / 绝密级: ranks in family order, joined the way the law joins them. */
export function formatRanks(ranks: string[], suffix: string): string {
  const xs = ranks.map((r) => r + suffix);
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join("、")}和${xs[xs.length - 1] ?? ""}`;
}

function subsets<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << xs.length; mask++) out.push(xs.filter((_, i) => (mask >> i) & 1));
  return out;
}

interface RankScopeClause {
  actor: string;
  tail: string;
  members: string[];
  family: string[];
  suffix: string;
  run: string;
  at: number;
}

const SCOPE_RE = new RegExp(
  `^(.{2,40}?)((?:及其|或者其)[^，；]{0,12}?)?(?:可以|有权|负责)(?:确定|决定|认定|审批|办理)((?:${RANK_ALT})级?(?:(?:、|和|或者|及)(?:${RANK_ALT})级?)*)`,
);

function rankScopeClauses(s: string): RankScopeClause[] {
  const out: RankScopeClause[] = [];
  for (const cl of s.split(/[；;]/).reduce<{ text: string; at: number }[]>((acc, t) => {
    const prev = acc[acc.length - 1];
    acc.push({ text: t, at: prev ? prev.at + prev.text.length + 1 : 0 });
    return acc;
  }, [])) {
    const m = SCOPE_RE.exec(cl.text);
    if (!m) continue;
    const run = m[3] ?? "";
    const family = RANK_FAMILIES.find((f) => f.some((r) => run.startsWith(r)));
    if (!family) continue;
    const members = family.filter((r) => new RegExp(`(?:^|[、和者及])${r}`).test(run));
    if (members.length === 0) continue;
    out.push({
      actor: (m[1] ?? "").replace(/^(?:其中|但是|另外)，?/, ""),
      tail: m[2] ?? "",
      members,
      family,
      suffix: run.includes("级") ? "级" : "",
      run,
      at: cl.at + cl.text.indexOf(run, (m[1] ?? "").length),
    });
  }
  return out;
}

/**
 * 设区的市级机关…可以确定机密级和秘密级国家秘密: asked as 单选 over rank sets (every wrong set
 * includes a rank the actor may not determine) and as a false 判断 with a missing rank added.
 * The actor allowed the top rank is asked by name, with a sibling actor swapped in for 判断.
 */
export function extractRankScopes(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const scopes = rankScopeClauses(s);
  for (const sc of scopes) {
    const missing = sc.family.filter((r) => !sc.members.includes(r));
    const body = `${s.slice(0, sc.at)}${SLOT}${s.slice(sc.at + sc.run.length)}`;
    const own = clauseAround(body);
    if (!own) continue;
    if (missing.length > 0) {
      const wrong = subsets(sc.family)
        .filter((sub) => sub.some((r) => missing.includes(r)))
        .sort((a, b) => b.length - a.length || sc.family.indexOf(a[0] ?? "") - sc.family.indexOf(b[0] ?? ""))
        .map((sub) => formatRanks(sub, sc.suffix));
      out.push(
        makeFact(ctx, {
          kind: "provision",
          factType: "rank",
          answer: sc.run,
          at: sc.at,
          len: sc.run.length,
          subject: "定密权限",
          body: own,
          distractors: uniq(wrong, sc.run),
          statementFoil: (missing[0] ?? "") + sc.suffix,
          forceFalse: true,
          fill: false,
          statement: true,
          weight: 0.95,
          located: true,
        }),
      );
    }
    // Who may determine the top rank: asked only when no sibling clause grants it too.
    const top = sc.family[0] ?? "";
    const siblings = scopes.filter((o) => o !== sc);
    if (sc.members.includes(top) && siblings.length > 0 && siblings.every((o) => !o.members.includes(top))) {
      const actor = sc.actor;
      const actorAt = s.indexOf(actor);
      if (actorAt < 0 || actor.length < 4) continue;
      const actorBody = clauseAround(`${s.slice(0, actorAt)}${SLOT}${s.slice(actorAt + actor.length)}`);
      if (!actorBody) continue;
      const foils = uniq(
        siblings.map((o) => o.actor),
        actor,
      );
      out.push(
        makeFact(ctx, {
          kind: "provision",
          factType: "authority",
          answer: actor,
          at: actorAt,
          len: actor.length,
          subject: "定密权限主体",
          body: actorBody,
          distractors: foils,
          noSingle: true,
          fill: actor.length <= 16,
          statement: false,
          weight: 0.95,
          located: true,
        }),
      );
    }
  }
  return out;
}

/**
 * A sentence that opens with a generic actor (机关、单位应当…) continues the topic of the sentence
 * before it in the same paragraph (涉密人员离岗离职…): that sentence is prepended when short.
 */
function withTopic(ctx: SentenceCtx, body: string): string {
  if (!/^(?:机关、单位|有关机关|其|该|上述)/.test(body)) return body;
  const text = ctx.passage.text;
  const lineStart = text.lastIndexOf("\n", ctx.sentence.start - 1) + 1;
  const before = text
    .slice(lineStart, ctx.sentence.start)
    .replace(/^第[一二三四五六七八九十百零]+条\s*/, "")
    .trim();
  const prev =
    before
      .split(/(?<=[。！？])/)
      .filter((x) => x.trim())
      .pop()
      ?.trim() ?? "";
  if (!prev || prev.length + body.length > 130) return body;
  return `${prev}${body}`;
}

/** The ；-segment of `body` that holds SLOT, closed with 。 (a law's parallel clauses are separate facts). */
function clauseAround(body: string): string | null {
  const parts = body.split(/[；;]/);
  const own = parts.find((p) => p.includes(SLOT));
  if (!own) return null;
  return own.replace(/[。．]?$/, "。").replace(/^[，、\s]+/, "");
}

/**
 * 绝密级国家秘密是最重要的国家秘密，…；机密级国家秘密是…: parallel clauses keyed by rank. Each is
 * asked as 填空 of the rank and as a false 判断 with a sibling rank swapped in.
 */
export function extractRankClauses(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const re = new RegExp(`^(${RANK_ALT})(级)`);
  const segs: { text: string; at: number }[] = [];
  let at = 0;
  for (const t of s.split(/[；;]/)) {
    segs.push({ text: t, at });
    at += t.length + 1;
  }
  const keyed = segs.filter((g) => re.test(g.text));
  if (keyed.length < 2) return out;
  for (const g of keyed) {
    if (findFigures(g.text, { chinese: true }).length > 0) continue;
    if (clauses(g.text).length < 2 && g.text.length < 12) continue;
    const m = re.exec(g.text);
    const rank = m?.[1] ?? "";
    const fam = familyOf(rank);
    if (!fam) continue;
    const others = keyed.map((k) => re.exec(k.text)?.[1] ?? "").filter((r) => r && r !== rank);
    if (others.length === 0) continue;
    const answer = `${rank}级`;
    const body = `${SLOT}${g.text.slice(answer.length)}`.replace(/[。]?$/, "。");
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: "rank",
        answer,
        at: g.at,
        len: answer.length,
        subject: `${answer}的含义`,
        body,
        distractors: others.map((r) => `${r}级`),
        statementFoil: `${others[0] ?? ""}级`,
        forceFalse: true,
        noSingle: true,
        fill: true,
        statement: true,
        weight: 0.9,
        located: true,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// classifications, roles, regimes

const ITEM = "[\\u4e00-\\u9fff](?:(?![和及])[\\u4e00-\\u9fff]){0,9}";
const CLASSIFY_RE = new RegExp(
  `(分为|划分为|分成)((?:${ITEM}、)+${ITEM}(?:(?:和|以及|及)${ITEM})?|${ITEM}(?:和|以及|及)${ITEM})(?:([一二两三四五六七八九十])(级|类|种|个等级))?`,
  "g",
);

/**
 * 分为绝密、机密、秘密三级 / 分为核心涉密人员、重要涉密人员和一般涉密人员: the classification
 * asked as 填空 of its middle member (the head only, when the members share a tail).
 */
export function extractClassifications(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  for (const m of s.matchAll(CLASSIFY_RE)) {
    const list = m[2] ?? "";
    const items = list.split(/、|和|以及|及/).filter(Boolean);
    if (items.length < 3 || items.length > 6) continue;
    if (new Set(items).size !== items.length) continue;
    const count = m[3];
    if (
      count &&
      ["", "", "两", "三", "四", "五", "六"][items.length] !== count &&
      !(count === "二" && items.length === 2)
    )
      continue;
    const tail = commonTail(items);
    const mid = items[Math.floor(items.length / 2)] ?? "";
    const head = tail && mid.length > tail.length ? mid.slice(0, mid.length - tail.length) : mid;
    if (head.length < 2 && !familyOf(head)) continue;
    const listAt = (m.index ?? 0) + (m[1] ?? "").length;
    const midAt = listAt + list.indexOf(mid);
    const body = clauseAround(`${s.slice(0, midAt)}${SLOT}${s.slice(midAt + head.length)}`);
    if (!body) continue;
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: "enumeration",
        answer: head,
        at: midAt,
        len: head.length,
        subject: `${items.join("、")}的分类`,
        body,
        distractors: [],
        noSingle: true,
        fill: true,
        statement: false,
        weight: 0.95,
      }),
    );
  }
  return out;
}

const ROLE_RE = /^([^，。；]{4,30}?)为([\u4e00-\u9fff]{2,8}(?:责任人|负责人|人员|机构|机关|部门|单位))，(?:负责|承担)/;

const DESIGNATE_RE = /将([^，。；]{4,40}?)(?:确定|认定|列)为([\u4e00-\u9fff]{2,10}?)(?=[，。；]|$)/g;

/**
 * 将…的机构确定为保密要害部门，将…的专门场所确定为保密要害部位: each designation asked as 填空,
 * and as a false 判断 with its sibling designation swapped in.
 */
function extractDesignations(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const found = [...s.matchAll(DESIGNATE_RE)].map((m) => ({
    term: m[2] ?? "",
    at: (m.index ?? 0) + m[0].length - (m[2] ?? "").length,
  }));
  return found.flatMap((d) => {
    const sib = found.find((o) => o !== d && o.term !== d.term);
    const body = clauseAround(`${s.slice(0, d.at)}${SLOT}${s.slice(d.at + d.term.length)}`);
    if (!body || /^(?:国家秘密|秘密)$/.test(d.term)) return [];
    return [
      makeFact(ctx, {
        kind: "provision",
        factType: "definition",
        answer: d.term,
        at: d.at,
        len: d.term.length,
        subject: `${d.term}的范围`,
        body,
        distractors: sib ? [sib.term] : [],
        noSingle: true,
        fill: true,
        statement: sib !== undefined,
        ...(sib ? { statementFoil: sib.term, forceFalse: true } : {}),
        weight: 0.9,
        located: true,
      }),
    ];
  });
}

/** 机关、单位主要负责人及其指定的人员为定密责任人，负责…: the role asked as 填空. */
export function extractRoles(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const m = ROLE_RE.exec(s);
  if (!m) return extractDesignations(ctx);
  const role = m[2] ?? "";
  const at = (m[1] ?? "").length + 1;
  const body = clauseAround(`${s.slice(0, at)}${SLOT}${s.slice(at + role.length)}`);
  if (!body) return [];
  return [
    makeFact(ctx, {
      kind: "provision",
      factType: "definition",
      answer: role,
      at,
      len: role.length,
      subject: `${role}的范围`,
      body,
      distractors: [],
      noSingle: true,
      fill: true,
      statement: false,
      weight: 0.9,
    }),
  ];
}

const REGIME_VERB = "实行|实施|建立健全|建立|健全|坚持|遵循";
const REGIME_TAIL = "责任制|制度|机制|管理|保护|安全观|原则|方针";
const REGIME_RE = new RegExp(`(${REGIME_VERB})([\\u4e00-\\u9fff]{2,10}?(${REGIME_TAIL}))(?=[，。；]|$)`, "g");
/** Which regimes read naturally after which verbs: 实行分级保护, 建立…机制, 坚持…安全观. */
const REGIME_GROUPS: [RegExp, RegExp][] = [
  [/^(?:实行|实施)$/, /^(?:责任制|管理|保护)$/],
  [/^(?:坚持|遵循)$/, /^(?:安全观|原则|方针)$/],
];

interface Regime {
  text: string;
  group: number;
}

/** Named regimes of a law (保密工作责任制, 分级保护, 分类管理…), the foils of one another. */
const regimeCache = new WeakMap<InputDocument, Regime[]>();

function regimeGroup(verb: string, tail: string): number {
  return REGIME_GROUPS.findIndex(([v, t]) => v.test(verb) && t.test(tail));
}

function regimesOf(doc: InputDocument): Regime[] {
  const hit = regimeCache.get(doc);
  if (hit) return hit;
  const out: Regime[] = [];
  for (const p of doc.passages) {
    for (const m of p.text.matchAll(REGIME_RE)) {
      const t = m[2] ?? "";
      const group = regimeGroup(m[1] ?? "", m[3] ?? "");
      if (group >= 0 && !out.some((r) => r.text === t) && !/^(?:本|其|该|相应|有关|相关|必要)/.test(t))
        out.push({ text: t, group });
    }
  }
  regimeCache.set(doc, out);
  return out;
}

/**
 * 机关、单位应当实行保密工作责任制: the regime asked as 填空; where the verb fixes the kind of regime
 * (实行…管理/保护/责任制, 坚持…观/原则), also as 单选 and 判断 with the law's other regimes of that kind.
 * A 制度/机制 is asked as 填空 only: the law may impose another 制度 on the same actor elsewhere.
 */
export function extractRegimes(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const pool = regimesOf(ctx.doc);
  for (const m of s.matchAll(REGIME_RE)) {
    const t = m[2] ?? "";
    if (/^(?:本|其|该|相应|有关|相关|必要)/.test(t)) continue;
    const at = (m.index ?? 0) + m[0].length - t.length;
    const own = clauseAround(`${s.slice(0, at)}${SLOT}${s.slice(at + t.length)}`);
    if (!own) continue;
    const body = withTopic(ctx, own);
    const group = regimeGroup(m[1] ?? "", m[3] ?? "");
    const foils =
      group < 0
        ? []
        : pool
            .filter(
              (r) =>
                r.group === group && r.text !== t && !s.includes(r.text) && !r.text.includes(t) && !t.includes(r.text),
            )
            .map((r) => r.text)
            .sort((a, b) => similarity(b, t) - similarity(a, t) || (a < b ? -1 : 1));
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: "concept",
        answer: t,
        at,
        len: t.length,
        subject: t,
        body,
        distractors: uniq(foils, t),
        fill: true,
        statement: foils.length > 0,
        weight: group >= 0 ? 0.9 : 0.7,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// legal consequences

const CONSEQUENCE_RE =
  /^(?:依法|由[^，；。]{2,30}?)?(?:对[^，；。]{2,30}?)?(给予处分|追究刑事责任|给予警告或者通报批评|给予警告|通报批评|没收违法所得|吊销[^，；。]{2,8}|暂停[^，；。]{2,16}|责令[^，；。]{2,12}|处[^，；。]{2,16}罚款)$/;
/** Consequences that can both follow one act (a crime may also be sanctioned): never foils of each other. */
const OVERLAPPING = [["给予处分", "追究刑事责任", "给予警告"]];

function consequenceOf(t: string): string | null {
  return CONSEQUENCE_RE.exec(t)?.[1] ?? null;
}

const consequenceCache = new WeakMap<InputDocument, string[]>();

function consequencesOf(doc: InputDocument): string[] {
  const hit = consequenceCache.get(doc);
  if (hit) return hit;
  const out: string[] = [];
  for (const p of doc.passages) {
    for (const c of clauses(p.text.replace(/\n/g, "。"))) {
      const k = consequenceOf(c.text.replace(/[。]$/, ""));
      if (k && !out.includes(k)) out.push(k);
    }
  }
  consequenceCache.set(doc, out);
  return out;
}

/**
 * …构成犯罪的，依法追究刑事责任 / 情节特别严重的，吊销保密资质: the consequence attached to a
 * condition, asked as 单选 with the law's other consequences and as 判断 with a sibling swapped in.
 */
export function extractConsequences(ctx: SentenceCtx): Fact[] {
  const out: Fact[] = [];
  const s = ctx.sentence.text;
  const pool = consequencesOf(ctx.doc);
  const cls = clauses(s);
  cls.forEach((c, i) => {
    const k = consequenceOf(c.text);
    if (!k || i === 0) return;
    const cond = cls[i - 1];
    if (!cond || !/的$/.test(cond.text)) return;
    const at = c.start + c.text.lastIndexOf(k);
    const overlap = OVERLAPPING.find((g) => g.some((x) => k.includes(x))) ?? [];
    const inSentence = cls.map((x) => consequenceOf(x.text)).filter((x): x is string => x !== null);
    const rung = /^情节/.test(cond.text);
    // A rung (情节严重的) is told apart from its sibling rungs; the base sanctions apply to every rung.
    const rungs = rung
      ? cls
          .filter((x, j) => j > 0 && /^情节/.test(cls[j - 1]?.text ?? "") && x !== c)
          .map((x) => consequenceOf(x.text))
          .filter((x): x is string => x !== null)
      : [];
    // After 对…人员 only a sanction of persons (给予…) reads as a sentence.
    const personal = /对[^，；。]{2,30}$/.test(c.text.slice(0, c.text.lastIndexOf(k)));
    // A sanction the sentence imposes in other words (没收违法所得 where it reads 没收违法产品和违法所得) is
    // no wrong option: a pool sanction whose verb the rest of the sentence uses may be true of it.
    const rest = s.slice(0, at) + s.slice(at + k.length);
    const saidHere = (x: string) => {
      const verb = /^(?:没收|吊销|责令|暂扣|暂停|撤销|取消|给予|处)/.exec(x)?.[0];
      return verb !== undefined && rest.includes(verb);
    };
    const foils = uniq(
      [...rungs, ...pool.filter((x) => !inSentence.includes(x) && !saidHere(x))].filter(
        (x) => !overlap.some((o) => x.includes(o)) && (!personal || /^给予/.test(x)),
      ),
      k,
    );
    // Guessable from its own condition (有违法所得的，没收违法所得).
    if (k.length >= 4 && cond.text.includes(k.slice(2))) return;
    // The main condition (the first clause ending in 的) and, for a rung (情节严重的), the rung.
    const main = cls.findIndex((x, j) => j < i && /的$/.test(x.text));
    const keep = cls.slice(0, main + 1).map((x) => x.text);
    if (main !== i - 1) keep[keep.length - 1] = (keep[keep.length - 1] ?? "").replace(/的$/, "");
    if (main !== i - 1) keep.push(cond.text);
    keep.push(c.text.slice(0, at - c.start) + SLOT + c.text.slice(at - c.start + k.length));
    const body = `${keep.join("，")}。`;
    if (body.length > 150) return;
    out.push(
      makeFact(ctx, {
        kind: "provision",
        factType: "duty",
        answer: k,
        at,
        len: k.length,
        subject: "法律责任",
        body,
        // One false 判断 per ladder of rungs: 情节严重的→吊销 and 情节特别严重的→暂停 are one swap asked twice.
        distractors: foils,
        fill: foils.length < 3 && k.length <= 8,
        statement: foils.length > 0 && !(rung && rungs.some((r) => s.indexOf(r) < s.indexOf(k))),
        weight: 0.9,
        ...(rung && rungs.length > 0 ? { forceFalse: true } : {}),
      }),
    );
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// duties with a meaningful false variant

/**
 * An 应当/不得 statement turned false by a swap a learner must know: the one rank it names
 * (绝密级 → 机密级), or its specific subject authority swapped for a sibling authority of the law.
 */
export function dutyFoil(s: string, index: CorpusIndex, doc: InputDocument): string | null {
  const ranks = [...s.matchAll(new RegExp(`(${RANK_ALT})级`, "g"))];
  if (ranks.length === 1) {
    const r = ranks[0]?.[1] ?? "";
    const fam = familyOf(r) ?? [];
    const other = fam[fam.indexOf(r) + 1] ?? fam[fam.indexOf(r) - 1];
    if (other) return s.replace(`${r}级`, `${other}级`);
  }
  const subject = /^(.{4,30}?)(?:应当|不得|负责|主管)/.exec(s)?.[1] ?? "";
  if (
    subject &&
    new RegExp(`${AUTHORITY_SUFFIX}$`).test(subject) &&
    /^(?:国家|中央|省|县级|设区的市|国务院|全国)/.test(subject)
  ) {
    const pool = (index.authorities.get(doc.id) ?? []).filter(
      (a) =>
        a !== subject &&
        a.replace(/地方|各级|本级/g, "") !== subject.replace(/地方|各级|本级/g, "") &&
        !s.includes(a) &&
        !a.includes(subject) &&
        !subject.includes(a) &&
        // A government for a government (中央军事委员会 drawing up 本级…发展规划 is false on its face).
        actorClass(a) === actorClass(subject) &&
        /^(?:国家|中央|省|县级|设区的市|国务院|全国)/.test(a),
    );
    pool.sort((a, b) => similarity(b, subject) - similarity(a, subject) || (a < b ? -1 : 1));
    const foil = pool[0];
    if (foil) return foil + s.slice(subject.length);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// wrong options for the items of an enumeration article

/** The category a list of kinds names in its lead (…应当确定为国家秘密 → 国家秘密). */
function listCategory(lead: string): string | null {
  return (
    /(?:确定为|属于|列为|认定为)([\u4e00-\u9fff]{2,8}?)(?:的范围)?[：:]?$/.exec(lead.replace(/[：:]$/, ""))?.[1] ?? null
  );
}

/**
 * Neighbouring categories a law itself names, for a list of kinds of `category` (国家秘密): terms the law
 * lists alongside it (国家秘密、商业秘密和个人隐私 → 商业秘密, 个人隐私), and what it expressly puts
 * outside it (…不属于国家秘密但泄露后会造成一定不利影响的事项 → that class of matters).
 */
export function neighbourCategories(doc: InputDocument, category: string): string[] {
  const out: string[] = [];
  const term = "[\u4e00-\u9fff]{2,6}";
  for (const p of doc.passages) {
    for (const sentence of p.text.replace(/^第[一二三四五六七八九十百零]+条\s*/gm, "").split(/[。；\n]/)) {
      for (const m of sentence.matchAll(new RegExp(`${category}((?:、|和|以及)${term})+(?=[，。；、]|$|的|等)`, "g"))) {
        for (const x of m[0].slice(category.length).split(/、|以及|和/)) {
          const t = x.replace(/^(?:其他|有关|相关)/, "").replace(/等$/, "");
          if (t.length < 2 || t === category || t.includes(category) || /的|^(?:其|属于|是|为|对|在|应|可)/.test(t))
            continue;
          out.push(t);
        }
      }
      const ex = new RegExp(`([^，。；：]{4,30}?)不属于${category}但([^，。；：]{4,30}的(?:事项|信息|情形))`).exec(
        sentence,
      );
      if (ex) {
        const head = (ex[1] ?? "").replace(/^(?:机关、单位|[^，]{0,8}?)对/, "");
        out.push(`${head}、${ex[2] ?? ""}`.replace(/^、/, ""));
      }
    }
  }
  return uniq(out, category);
}

/**
 * Wrong options for a law's list: for a list of kinds, the neighbouring categories the law itself
 * names; for a list of acts, acts the law requires. Items of another list are never used: a penalty
 * article repeats the prohibitions, and a catch-all item may cover them. Nor is an item's lawful
 * counterpart (非法获取 → 依法获取, 未经批准 → 经批准): anyone sees a lawful act is no prohibition.
 */
export function lawListFoils(
  correct: string[],
  siblingItems: string[],
  lead: string,
  required: string[] = [],
  doc?: InputDocument,
): string[] {
  const category = listCategory(lead);
  const tail = commonTail(correct);
  const kinds = category !== null && tail.length >= 2 && !/行为$/.test(tail);
  if (kinds) return doc ? neighbourCategories(doc, category).filter((x) => !correct.some((c) => c.includes(x))) : [];
  // Items that share a head noun (…制度, …机制) are kinds, not acts: an act is no foil among them.
  if (tail.length >= 2 && !/行为$|的$/.test(tail)) return [];
  // Acts the law requires (对拟公开的信息进行保密审查) are never prohibited. They are ranked by closeness
  // to the list's subject matter; an act that shares no wording with the list is off topic.
  const closeness = (x: string) => Math.max(...correct.map((c) => similarity(c, x)));
  const title = doc?.title ?? "";
  const topic = sharedNouns(correct, title);
  const duties = required
    .filter(
      (x) =>
        !lead.includes(x) &&
        !correct.some((c) => similarity(c, x) >= 0.5) &&
        !siblingItems.some((c) => similarity(c, x) >= 0.5),
    )
    .filter((x) => closeness(x) >= 0.08)
    // 携带、传递、买卖……国家秘密载体: a duty on another object (每年审核所确定的国家秘密) is told apart unread.
    // Without such an object, the duty shares a word of its own with some item (审核 is in none of 复制、销毁…).
    .filter((x) =>
      (topic.length > 0 ? topic : sharedNouns([x], title)).some(
        (w) => correct.some((c) => c.includes(w)) && x.includes(w),
      ),
    )
    .sort((a, b) => closeness(b) - closeness(a) || (a < b ? -1 : 1));
  return uniq(duties, "");
}

/**
 * The nouns most of a list's items name (载体 in 携带…国家秘密载体, 买卖…国家秘密载体), other than what the law's
 * own title names: the object the list is about.
 */
function sharedNouns(items: readonly string[], title: string): string[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const words = new Set(
      taggedWords(item)
        .filter((w) => w.word.length >= 2 && /^(?:n|vn)/.test(w.tag) && !title.includes(w.word))
        .map((w) => w.word),
    );
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => items.length === 1 || n * 2 >= items.length + 1).map(([w]) => w);
}

/**
 * What a law requires, as acts (…应当依法对拟公开的信息进行保密审查 → 依法对拟公开的信息进行保密审查):
 * foils for its lists of prohibited acts and sanctioned situations.
 */
export function requiredActs(doc: InputDocument): string[] {
  const out: string[] = [];
  for (const p of doc.passages) {
    for (const sentence of p.text.replace(/^第[一二三四五六七八九十百零]+条\s*/gm, "").split(/[。；\n]/)) {
      const m = /应当([^，。；：]{8,30})$/.exec(sentence) ?? /应当([^，。；：]{8,30})，/.exec(sentence);
      const act = m?.[1] ?? "";
      // A concrete act (立即采取补救措施…), not a standard (符合国家保密规定) or a generic effort (加强…管理).
      if (
        !act ||
        act.length < 10 ||
        /下列|前款|本法|规定的$|的$|^(?:按照|根据|依照|符合|遵守|具备|加强|当|是|在|与)/.test(act)
      )
        continue;
      if (!out.includes(act)) out.push(act);
    }
  }
  return out;
}
