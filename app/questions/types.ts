/**
 * Types of the question generator. The input types are the structural subset of the content
 * pipeline's ParsedDocument/ParsedPassage that generation reads, so the generator can be fed by
 * app/content, by a test fixture or by an admin preview without depending on parser internals.
 */

export const GENERATOR_VERSION = "questions-1.26.0";

export type DocumentKind = "work-report" | "law" | "communique" | "speech" | "news" | "meeting";

export interface LawItem {
  label: string;
  text: string;
}

export interface LawClause {
  text: string;
  items: LawItem[];
}

/**
 * What a passage is in its document (app/content's PassageRole): only paragraphs, law articles, a
 * law's preamble and its 题注 (`history`: adoption and amendment record) carry content; headings and
 * header lines never do.
 */
export type PassageRole = "heading" | "paragraph" | "article" | "preamble" | "history" | "header";

export interface InputPassage {
  id: string;
  ordinal: number;
  path: string[];
  text: string;
  boilerplate: boolean;
  /** Absent only in hand-built test passages, which are then content. */
  role?: PassageRole;
  heading?: string;
  /** Problems the pipeline found in the text, e.g. `mojibake` (a garbled run: its sentences are skipped). */
  flags?: string[];
  law?: { article: string; clauses: LawClause[] };
}

export interface InputDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
  region: string | null;
  passages: InputPassage[];
}

export type KnowledgeKind = "phrase" | "target" | "provision";
export type QuestionFormat = "single" | "multiple" | "truefalse" | "fill";

/** What a figure reports: a goal set for the period, a plan or commitment, or an achieved result. */
export type FigureStatus = "target" | "plan" | "result";

export type FactType =
  | "figure" // target / plan / result figure, or a law's period, amount, frequency
  | "date" // a law's date (施行日期)
  | "authority" // who decides, approves, determines
  | "rank" // a rank with its attached value or scope (绝密级 … 三十年)
  | "enumeration" // items of a list (法条 （一）…, 八大行动, 预期目标 list)
  | "definition" // X是…的事项 / X是指…
  | "duty" // 应当 / 不得 / 禁止
  | "formulation" // quoted slogan or numbered formula
  | "concept" // recurring named concept
  | "principle" // a statute's principle or 方针 (坚持…, 遵循…的原则, 以X为Y)
  | "object" // the object of a statutory duty, power or prohibition (应当进行保密审查)
  | "list" // the members of a list inside a provision (统一、开放、竞争、有序)
  | "tuple"; // parallel slots of one frame asked together (绝密级…三十年，机密级…二十年，秘密级…十年)

export interface Figure {
  /** The figure as written in the passage (normalized spacing): 5%左右, 1200万人以上, 三十年. */
  text: string;
  value: number;
  /** Magnitude word + unit, e.g. 万人, 万亿斤, %, 年. */
  unit: string;
  /** Prefix qualifier (不超过, 超过, 近, …) and suffix qualifier (左右, 以上, 多, …). */
  prefix: string;
  suffix: string;
  /** Chinese numerals (三十年) or Arabic digits (30年). */
  numerals: "arabic" | "chinese";
  /** Digits after the decimal point, to build distractors of the same precision. */
  decimals: number;
}

export interface KnowledgePointSource {
  document: string;
  passage: string;
}

export interface KnowledgePoint {
  /** `kp_` + fingerprint prefix: stable across re-imports as long as the fact is unchanged. */
  id: string;
  fingerprint: string;
  kind: KnowledgeKind;
  factType: FactType;
  /** Exact sentence from passage.text that states the fact. */
  quote: string;
  /** The answer as it appears in the passage (the figure, the authority, the formulation…). */
  answer: string;
  /** Items of an enumeration (the correct set), empty otherwise. */
  items: string[];
  /** Short human label of what is asked (国内生产总值增长, 机密级保密期限, 第十三条所列事项). */
  subject: string;
  figure?: Figure;
  status?: FigureStatus;
  document: string;
  passage: string;
  /** Offsets of the answer (or the enumeration span) in passage.text. */
  start: number;
  end: number;
  /** Offsets of the quote in passage.text. */
  quoteStart: number;
  scope: { region: string | null; year: number | null };
  /** Structural path of the passage: 第几条 / 第几部分. */
  path: string[];
  sources: KnowledgePointSource[];
}

export interface QuestionSource {
  document: string;
  /** Human-readable document label used in stems: 2024年《政府工作报告》. */
  documentTitle: string;
  passage: string;
  path: string[];
  quote: string;
}

export interface Question {
  /** Stable: from the knowledge point fingerprint + format + variant index. */
  id: string;
  knowledgePoint: string;
  kind: KnowledgeKind;
  format: QuestionFormat;
  /** Which variant of this format (0, 1, …): the id's last component. */
  variant: number;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
  source: QuestionSource;
  score: number;
  generatorVersion: string;
}

export interface BankStats {
  documents: number;
  passages: number;
  knowledgePoints: number;
  questions: number;
  byKind: Record<KnowledgeKind, number>;
  byFormat: Record<QuestionFormat, number>;
  byKindFormat: Record<string, number>;
  dropped: Record<string, number>;
}

export interface Bank {
  generatorVersion: string;
  knowledgePoints: KnowledgePoint[];
  questions: Question[];
  stats: BankStats;
}
