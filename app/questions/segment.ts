/**
 * Word boundaries of Chinese text, so that a blank never starts or ends inside a word (负责|人,
 * 收集|者). jieba (@node-rs/jieba, its dictionary shipped inside the npm package) keeps the compounds of
 * legal and political prose together where ICU's segmenter splits them.
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

let jieba: Jieba | null = null;
const cache = new Map<string, Set<number>>();
const CACHE_LIMIT = 20_000;

/** Offsets in `s` where a word starts, plus s.length. */
export function wordBoundaries(s: string): Set<number> {
  const hit = cache.get(s);
  if (hit) return hit;
  jieba ??= Jieba.withDict(dict);
  const out = new Set<number>([0, s.length]);
  let at = 0;
  for (const w of jieba.cut(s, false)) {
    at += w.length;
    out.add(at);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(s, out);
  return out;
}

/**
 * Whether [start, end) of `s` leaves every word whole enough: an edge may fall inside a compound that jieba
 * keeps together (提供情报|参考), but never so that one character of a word is stranded on either side of it
 * (负责|人, 收集|者) — that is a word cut in two.
 */
export function onWordBoundaries(s: string, start: number, end: number): boolean {
  const b = [...wordBoundaries(s)].sort((x, y) => x - y);
  const fine = (at: number) => {
    if (b.includes(at)) return true;
    const next = b.find((x) => x > at) ?? s.length;
    const prev = [...b].reverse().find((x) => x < at) ?? 0;
    return at - prev >= 2 && next - at >= 2;
  };
  return fine(start) && fine(end);
}

const tagCache = new Map<string, { word: string; tag: string }[]>();

/** The words of `s` with their part-of-speech tags (v, n, p…), in order. */
export function taggedWords(s: string): { word: string; tag: string }[] {
  let tags = tagCache.get(s);
  if (!tags) {
    jieba ??= Jieba.withDict(dict);
    tags = jieba.tag(s, false);
    if (tagCache.size >= CACHE_LIMIT) tagCache.clear();
    tagCache.set(s, tags);
  }
  return tags;
}

/** Whether `word` is tagged a verb (v, vn, vd…) where it stands in `s`. */
export function isVerbIn(s: string, word: string): boolean {
  return taggedWords(s).some((t) => t.word === word && t.tag.startsWith("v"));
}

/** The verb an aim opens with (促进 in 促进社会公平正义), when four or more characters of object follow it; else "". */
export function leadingVerb(item: string): string {
  const first = taggedWords(item)[0];
  const rest = item.slice(first?.word.length ?? 0).replace(/[^\u4e00-\u9fff]/g, "");
  // 压紧压实政治责任: a doubled verb (A紧A实) is one act; its second half is no object.
  if (!first || first.word.length !== 2 || rest.startsWith(first.word[0] ?? "")) return "";
  return /^vn?$/.test(first.tag) && rest.length >= 4 ? first.word : "";
}
