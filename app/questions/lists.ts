/**
 * Ordinal lists of reports and speeches: 一是…；二是…；三是… inside a paragraph, and sections that
 * open 一是… / 第一，… one paragraph each. The list's heads become a 多选 knowledge point ("下列属于
 * 上述工作的有"), introduced by the sentence that announces the list (主要做了以下工作 / 重点做好
 * 10个方面工作). Wrong options are heads of other documents' lists that resemble no correct head.
 */
import { documentYear } from "./context";
import { isContentPassage } from "./corpus";
import type { Enumeration, Fact } from "./facts";
import { balancedQuotes, cjkCount, similarity } from "./text";
import type { InputDocument, InputPassage } from "./types";

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
/** A sentence that announces a list: 主要做了以下工作 / 从八个方面总结了… / 重点做好10个方面工作. */
const ANNOUNCE_RE = /以下|如下|方面|[0-9一二两三四五六七八九十]+(?:项|个|件|点)|几点/;

interface RawList {
  passage: InputPassage;
  lead: string;
  items: string[];
  start: number;
  end: number;
  quote: string;
  quoteStart: number;
}

/** The announcing clause of `before` (the text up to the first item), or null when it announces nothing. */
function announce(before: string): string | null {
  const sentence =
    before
      .replace(/[：:。\s]+$/, "")
      .split(/[。！？]/)
      .pop() ?? "";
  const parts = sentence
    .split(/[，,]/)
    .map((x) => x.trim())
    .filter(Boolean);
  let last = parts[parts.length - 1] ?? "";
  if (!ANNOUNCE_RE.test(last) || cjkCount(last) < 4 || last.length > 40) return null;
  // 主要有以下几个方面 names no topic: the clauses before it say what the points are of (…人民代表大会制度理论和实践
  // 创新，提出一系列新理念新思想新要求，主要有以下几个方面).
  if (/^(?:主要)?(?:有|包括|是)?(?:以下|如下)(?:几个方面|几点|方面|几项)?$/.test(last) && parts.length >= 2) {
    const before = parts.slice(Math.max(0, parts.length - 3), -1).join("，");
    if (before.length <= 60) last = `${before}，${last}`;
  }
  const looking = /一年来|过去一年/.test(sentence) && !/一年来|过去一年/.test(last) ? "过去一年，" : "";
  return looking + last;
}

/** The head of an item: its first clause, when it reads as a short task or point. */
function head(segment: string): string | null {
  const h = (segment.split(/[，；。,;：:]/)[0] ?? "").trim();
  if (cjkCount(h) < 4 || h.length > 30) return null;
  if (!balancedQuotes(h)) return null;
  return h;
}

function inlineLists(p: InputPassage): RawList[] {
  const out: RawList[] = [];
  const text = p.text;
  const first = text.indexOf("一是");
  if (first < 0) return out;
  const marks: number[] = [first];
  for (let n = 1; n < ORDINALS.length; n++) {
    const i = text.indexOf(`${ORDINALS[n]}是`, (marks[marks.length - 1] ?? 0) + 2);
    if (i < 0) break;
    // The marker starts a segment: after punctuation (；。：) or at a line start.
    if (!/[；。：;:\n]/.test(text[i - 1] ?? "")) break;
    marks.push(i);
  }
  if (marks.length < 3) return out;
  const lead = announce(text.slice(0, first));
  if (!lead) return out;
  const items: string[] = [];
  for (let k = 0; k < marks.length; k++) {
    const from = (marks[k] ?? 0) + (ORDINALS[k] ?? "").length + 1;
    const to = marks[k + 1] ?? text.length;
    const h = head(text.slice(from, to));
    if (!h) return out;
    items.push(h);
  }
  const sentenceStart = Math.max(text.lastIndexOf("。", first - 2) + 1, text.lastIndexOf("\n", first) + 1, 0);
  const end = text.indexOf("。", marks[marks.length - 1] ?? 0);
  out.push({
    passage: p,
    lead,
    items,
    start: first,
    end: end < 0 ? text.length : end + 1,
    quote: text.slice(sentenceStart, first).trim() || lead,
    quoteStart:
      sentenceStart + (text.slice(sentenceStart, first).length - text.slice(sentenceStart, first).trimStart().length),
  });
  return out;
}

/** 一是… / 第一，… opening consecutive paragraphs of one section. */
function sectionLists(doc: InputDocument): RawList[] {
  const out: RawList[] = [];
  const ps = doc.passages.filter((p) => isContentPassage(p));
  let i = 0;
  while (i < ps.length) {
    const run: { p: InputPassage; h: string }[] = [];
    for (let n = 0; i + n < ps.length && n < ORDINALS.length; n++) {
      const p = ps[i + n] as InputPassage;
      const ord = ORDINALS[n] ?? "";
      const m = new RegExp(`^(?:${ord}是|第${ord}，)`).exec(p.text);
      if (!m) break;
      const h = head(p.text.slice(m[0].length));
      if (!h) break;
      run.push({ p, h });
    }
    if (run.length >= 3) {
      const prev = ps[i - 1];
      const lead = prev && prev.text.length <= 120 ? announce(prev.text) : null;
      if (lead && prev) {
        out.push({
          passage: prev,
          lead,
          items: run.map((r) => r.h),
          start: 0,
          end: prev.text.length,
          quote: prev.text.trim(),
          quoteStart: prev.text.indexOf(prev.text.trim()),
        });
      }
      i += run.length;
    } else {
      i++;
    }
  }
  return out;
}

export function extractOrdinalLists(doc: InputDocument): Fact[] {
  if (doc.kind === "law") return [];
  const raws: RawList[] = [];
  for (const p of doc.passages) {
    if (!isContentPassage(p) || p.law) continue;
    raws.push(...inlineLists(p));
  }
  raws.push(...sectionLists(doc));
  return raws.map((r) => {
    const noun = /工作/.test(r.lead)
      ? "工作"
      : /任务/.test(r.lead)
        ? "任务"
        : /举措|措施/.test(r.lead)
          ? "举措"
          : "内容";
    const enumeration: Enumeration = { lead: r.lead, noun, correct: r.items, foreign: [] };
    return {
      kind: "phrase",
      factType: "enumeration",
      doc,
      passage: r.passage,
      quote: r.quote,
      quoteStart: r.quoteStart,
      answer: r.items.join("；"),
      start: r.start,
      end: r.end,
      subject: r.lead,
      year: documentYear(doc),
      body: null,
      distractors: [],
      enumeration,
      fill: false,
      statement: false,
      weight: 0.9,
      ordinal: true,
    } satisfies Fact;
  });
}

/** Wrong options for ordinal lists: heads of other documents' lists, unlike every correct head. */
/** The two-character opening most items share (必须…, 坚持…), or "" when there is none. */
function dominantOpening(items: string[]): string {
  const counts = new Map<string, number>();
  for (const x of items) counts.set(x.slice(0, 2), (counts.get(x.slice(0, 2)) ?? 0) + 1);
  const [top, n] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ["", 0];
  return n * 2 > items.length ? top : "";
}

export function attachOrdinalFoils(facts: Fact[]): void {
  const lists = facts.filter((f) => f.ordinal && f.enumeration);
  for (const f of lists) {
    const e = f.enumeration as Enumeration;
    const avg = e.correct.reduce((n, c) => n + c.length, 0) / Math.max(1, e.correct.length);
    const pool: string[] = [];
    const own = f.doc.passages.map((p) => p.text).join("\n");
    // A foil must open the way the correct heads do (必须… among 必须…), or a learner spots it.
    const opening = dominantOpening(e.correct);
    for (const o of lists) {
      if (o.doc.id === f.doc.id) continue;
      const theirs = dominantOpening(o.enumeration?.correct ?? []);
      for (const item of o.enumeration?.correct ?? []) {
        if (opening ? !item.startsWith(opening) : theirs !== "" && item.startsWith(theirs)) continue;
        if (e.correct.some((c) => similarity(c, item) >= 0.3 || c.includes(item) || item.includes(c))) continue;
        if (item.length < avg * 0.5 || item.length > avg * 2 || own.includes(item)) continue;
        if (!pool.includes(item)) pool.push(item);
      }
    }
    e.foreign = pool;
  }
}
