/** Builders of small documents for the generator's tests (same shape as app/content's output). */
import type { InputDocument, InputPassage, LawClause } from "./types";

export function paragraph(docId: string, ordinal: number, text: string, path: string[] = []): InputPassage {
  return { id: `${docId}:${ordinal}`, ordinal, path, text, boilerplate: false };
}

export function doc(
  id: string,
  title: string,
  kind: InputDocument["kind"],
  date: string | null,
  region: string | null,
  passages: InputPassage[],
): InputDocument {
  return { id, title, kind, date, region, passages };
}

/** A law article passage: `第X条 …` with its 款 on separate lines and its 项 under the 款. */
export function article(
  docId: string,
  ordinal: number,
  label: string,
  chapter: string,
  clauses: LawClause[],
): InputPassage {
  const lines: string[] = [];
  clauses.forEach((c, i) => {
    lines.push(i === 0 ? `${label} ${c.text}` : c.text);
    for (const item of c.items) lines.push(`${item.label}${item.text}`);
  });
  return {
    id: `${docId}:${label}`,
    ordinal,
    path: [chapter, label],
    text: lines.join("\n"),
    boilerplate: false,
    law: { article: label, clauses },
  };
}

export function items(...texts: string[]): { label: string; text: string }[] {
  const labels = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];
  return texts.map((text, i) => ({ label: `（${labels[i] ?? String(i + 1)}）`, text }));
}
