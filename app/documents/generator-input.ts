/**
 * The question generator's input, built the same way on both paths that feed it:
 *
 * - the export (`npm run content -- export`, `sample`, the benchmarks): parsed documents straight
 *   from app/content;
 * - the database (`regenerateBank`, run by `npm start`, the CLI import and uploads): the stored
 *   Document and Passage rows, whose `structure` JSON holds what the parser found besides the text
 *   (role, heading, dateline, flags, law article).
 *
 * Both go through `generatorInput`, so the stored bank is the exported bank question for question
 * (tests/integration/stored-bank.test.ts). Pure: no database, no Remix.
 */
import type { DocumentKind, LawArticle, ParsedDocument, ParsedPassage, PassageRole } from "~/content";
import type { InputDocument, InputPassage, PassageRole as InputPassageRole } from "~/questions/types";

/**
 * Bumped when what `generatorInput` passes on changes, so that stored banks are regenerated even
 * though no document changed (it is part of regenerateBank's input hash).
 */
export const GENERATOR_INPUT_VERSION = "input-2";

/** Database enum values of DocumentKind (Prisma enums cannot hold `-`). */
export type StoredDocumentKind = "work_report" | "law" | "communique" | "speech" | "news" | "meeting";

export const KIND_TO_DB: Record<DocumentKind, StoredDocumentKind> = {
  "work-report": "work_report",
  law: "law",
  communique: "communique",
  speech: "speech",
  news: "news",
  meeting: "meeting",
};

const KIND_FROM_DB: Record<StoredDocumentKind, DocumentKind> = {
  work_report: "work-report",
  law: "law",
  communique: "communique",
  speech: "speech",
  news: "news",
  meeting: "meeting",
};

/** A passage's `structure` column: everything the parser found besides path, text and lines. */
export interface PassageStructure {
  role: PassageRole;
  heading?: string;
  dateline?: string;
  flags?: string[];
  law?: LawArticle;
}

export function passageStructure(passage: ParsedPassage): PassageStructure {
  const out: PassageStructure = { role: passage.role };
  if (passage.heading !== undefined) out.heading = passage.heading;
  if (passage.dateline !== undefined) out.dateline = passage.dateline;
  if (passage.flags !== undefined) out.flags = passage.flags;
  if (passage.law !== undefined) out.law = passage.law;
  return out;
}

/** What the generator reads of a document, whichever path it comes from. */
export interface GeneratorSourcePassage {
  id: string;
  ordinal: number;
  path: string[];
  text: string;
  boilerplate: boolean;
  role: PassageRole;
  heading?: string;
  flags?: string[];
  law?: { article: string; clauses: LawArticle["clauses"] };
}

export interface GeneratorSourceDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
  region: string | null;
  passages: readonly GeneratorSourcePassage[];
}

/** The one function that builds the generator's input (parsed documents satisfy the source type). */
export function generatorInput(doc: GeneratorSourceDocument): InputDocument {
  return {
    id: doc.id,
    title: doc.title,
    kind: doc.kind,
    date: doc.date,
    region: doc.region,
    passages: doc.passages.map((p): InputPassage => {
      const out: InputPassage = {
        id: p.id,
        ordinal: p.ordinal,
        path: [...p.path],
        text: p.text,
        boilerplate: p.boilerplate,
        role: p.role,
      };
      if (p.heading !== undefined) out.heading = p.heading;
      if (p.flags !== undefined && p.flags.length > 0) out.flags = [...p.flags];
      if (p.law !== undefined) out.law = { article: p.law.article, clauses: p.law.clauses };
      return out;
    }),
  };
}

/** A stored document with its passages, as `regenerateBank` reads them. */
export interface StoredDocument {
  key: string;
  title: string;
  kind: StoredDocumentKind;
  date: Date | null;
  region: string | null;
  passages: readonly {
    key: string;
    ordinal: number;
    path: string[];
    text: string;
    boilerplate: boolean;
    structure: unknown;
  }[];
}

/**
 * A stored document in the source shape. Rows imported before roles were stored (none are: the
 * import has always written `structure.role`) would read as paragraphs.
 */
export function storedDocumentSource(row: StoredDocument): GeneratorSourceDocument {
  return {
    id: row.key,
    title: row.title,
    kind: KIND_FROM_DB[row.kind],
    date: row.date ? row.date.toISOString().slice(0, 10) : null,
    region: row.region,
    passages: row.passages.map((p): GeneratorSourcePassage => {
      const structure = (p.structure ?? {}) as Partial<PassageStructure>;
      const out: GeneratorSourcePassage = {
        id: p.key,
        ordinal: p.ordinal,
        path: p.path,
        text: p.text,
        boilerplate: p.boilerplate,
        role: structure.role ?? "paragraph",
      };
      if (structure.heading !== undefined) out.heading = structure.heading;
      if (structure.flags !== undefined) out.flags = structure.flags;
      if (structure.law !== undefined) out.law = structure.law;
      return out;
    }),
  };
}

/**
 * Documents in the order the generator sees them on both paths: by source file name (code-point
 * order, as a folder is read), then by position in the file. Corpus statistics depend on it.
 */
export function compareGeneratorOrder(
  a: { sourceFileName: string; ordinal: number },
  b: { sourceFileName: string; ordinal: number },
): number {
  if (a.sourceFileName !== b.sourceFileName) return a.sourceFileName < b.sourceFileName ? -1 : 1;
  return a.ordinal - b.ordinal;
}

// The parser's output is a generator source as it is, and both sides name the same passage roles.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRoles: Same<PassageRole, InputPassageRole> = true;
const parsedIsSource = (d: ParsedDocument): GeneratorSourceDocument => d;
void sameRoles;
void parsedIsSource;
