/** The project's own documents (`content/*.txt`) parsed as the import parses them: the real corpus the generator's tests run on. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFile, type ParsedDocument } from "~/content/index";

const CONTENT = path.resolve(import.meta.dirname, "../../content");

export function contentCorpus(): ParsedDocument[] {
  const out: ParsedDocument[] = [];
  for (const name of readdirSync(CONTENT).filter((n) => n.endsWith(".txt")).sort()) {
    const r = parseFile({ name, bytes: readFileSync(path.join(CONTENT, name)) });
    if (r.ok) out.push(...r.documents);
  }
  return out;
}
