/**
 * The fact record every extractor produces, and the helpers extractors share to build one.
 */
import type { Span } from "./text";
import { compact } from "./text";
import type { FactType, Figure, FigureStatus, InputDocument, InputPassage, KnowledgeKind } from "./types";

export interface Enumeration {
  /** The sentence introducing the list (…不得有下列行为：), or the formula the list spells out. */
  lead: string;
  noun: string;
  correct: string[];
  /** Items of other enumerations of the same document: wrong options for 多选. */
  foreign: string[];
  /**
   * How the list was found, where its stem and foils differ: "parallel" for A、B、C等领域 inside a
   * sentence (the lead is the clause with the list left out), "heading" for sibling headings, "series" for a
   * run of short formulations without 等 (its foils are the same document's other series), "horizon" for the
   * goals one 到…年 sets (its foils are goals the corpus sets for another horizon).
   */
  pattern?: "parallel" | "heading" | "series" | "horizon";
  /** The clause before a parallel list's lead, shown in its stem when the lead alone names no topic. */
  context?: string;
}

export interface Fact {
  kind: KnowledgeKind;
  factType: FactType;
  doc: InputDocument;
  passage: InputPassage;
  quote: string;
  quoteStart: number;
  answer: string;
  start: number;
  end: number;
  subject: string;
  figure?: Figure;
  status?: FigureStatus;
  year: number | null;
  /** Stem body with SLOT where the answer goes; null for enumerations. */
  body: string | null;
  /** Wrong answers of the same type, best first. */
  distractors: string[];
  enumeration?: Enumeration;
  /** Options and answers are shown in quotation marks (formulations). */
  quoted?: boolean;
  /** Whether a fill-in variant is fair (the answer is recallable, not one of many paraphrases). */
  fill: boolean;
  /** Whether the plain statement can be asked as 判断 (true or with a foil swapped in). */
  statement: boolean;
  /** The foil a false 判断 uses when it differs from distractors[0]; "" means ask only the true statement. */
  statementFoil?: string;
  /** No 单选 variant (the distractors are not a fair set of four). */
  noSingle?: boolean;
  /** The 判断 variant is always the false one, with statementFoil (or distractors[0]) swapped in. */
  forceFalse?: boolean;
  /** An ordinal list (一是…二是…) of a report or speech, asked as “下列属于上述工作的有”. */
  ordinal?: boolean;
  /** The stem body alone locates the answer, even if the answer recurs elsewhere in the quote. */
  located?: boolean;
  /**
   * A multiple choice over the members of a list the stem blanks (…应当遵循（ ）的原则): the list's own items
   * as keys (2–4 of them) and items of the law's other lists as wrong options. `lead` replaces the body as
   * the stem when only some items are offered (the list is longer than four).
   */
  listChoice?: { options: string[]; answer: string[]; partial: boolean };
  /**
   * Blanks the extractor lays out itself, one SLOT per item in `pattern` (增强“SLOT”、坚定“SLOT”…; 继续完善和发展SLOT，
   * 推进SLOT): the fill-in puts `pattern` where the answer was and asks `items`.
   */
  slots?: { items: string[]; pattern: string };
  /** 0–1: how exam-worthy the fact is. */
  weight: number;
}

export const RANK_FAMILIES: string[][] = [
  ["绝密", "机密", "秘密"],
  ["特别重大", "重大", "较大", "一般"],
  ["核心", "重要", "一般"],
];

export interface SentenceCtx {
  doc: InputDocument;
  passage: InputPassage;
  sentence: Span;
  year: number | null;
}

export function makeFact(
  ctx: SentenceCtx,
  fields: Omit<Fact, "doc" | "passage" | "quote" | "quoteStart" | "year" | "start" | "end"> & {
    at: number;
    len: number;
  },
): Fact {
  const { at, len, ...rest } = fields;
  return {
    ...rest,
    doc: ctx.doc,
    passage: ctx.passage,
    quote: ctx.sentence.text,
    quoteStart: ctx.sentence.start,
    start: ctx.sentence.start + at,
    end: ctx.sentence.start + at + len,
    year: ctx.year,
  };
}

export function uniq(xs: string[], answer: string): string[] {
  const seen = new Set<string>([compact(answer)]);
  const out: string[] = [];
  for (const x of xs) {
    const k = compact(x);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}
