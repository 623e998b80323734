/** The project's own documents (`content/*.txt`) parsed as the import parses them: the real corpus the generator's tests run on. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFile, type ParsedDocument } from "~/content/index";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
/** Six public statutes the generator was not written on (the dev-eval layout: markdown, 题注, chapters). */
export const DEV_STATUTES = path.resolve(import.meta.dirname, "../../tests/fixtures/dev-statutes");

export function contentCorpus(dir = CONTENT): ParsedDocument[] {
  const out: ParsedDocument[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.(?:txt|md)$/.test(n))
    .sort()) {
    const r = parseFile({ name, bytes: readFileSync(path.join(dir, name)) });
    if (r.ok) out.push(...r.documents);
  }
  return out;
}
