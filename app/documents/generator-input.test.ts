/**
 * Without a database: a parsed document stored the way the import stores it (`structure` JSON,
 * enum kind, Date) reads back as the same generator input. The integration test
 * tests/integration/stored-bank.test.ts checks the same through PostgreSQL, down to the bank.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFiles, type ParsedDocument } from "~/content";
import {
  compareGeneratorOrder,
  generatorInput,
  KIND_TO_DB,
  passageStructure,
  storedDocumentSource,
  type StoredDocument,
} from "./generator-input";

function read(dirUrl: URL, ext: RegExp) {
  const dir = fileURLToPath(dirUrl);
  return readdirSync(dir)
    .filter((n) => ext.test(n))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(dir + name)) }));
}

/** What importFiles writes for a document, as Prisma reads it back. */
function stored(doc: ParsedDocument): StoredDocument {
  return {
    key: doc.id,
    title: doc.title,
    kind: KIND_TO_DB[doc.kind],
    date: doc.date ? new Date(`${doc.date}T00:00:00Z`) : null,
    region: doc.region,
    passages: doc.passages.map((p) => ({
      key: p.id,
      ordinal: p.ordinal,
      path: p.path,
      text: p.text,
      boilerplate: p.boilerplate,
      structure: JSON.parse(JSON.stringify(passageStructure(p))) as unknown,
    })),
  };
}

describe("the generator input", () => {
  const corpora = {
    "content/": parseFiles(read(new URL("../../content/", import.meta.url), /\.txt$/)).documents,
    "dev statutes": parseFiles(read(new URL("../../tests/fixtures/dev-statutes/", import.meta.url), /\.md$/)).documents,
  };

  for (const [name, documents] of Object.entries(corpora)) {
    it(`is the same from parsed and from stored documents (${name})`, () => {
      expect(documents.length).toBeGreaterThan(0);
      for (const doc of documents)
        expect(generatorInput(storedDocumentSource(stored(doc)))).toEqual(generatorInput(doc));
    });
  }

  it("carries role and flags, and only what the generator reads", () => {
    const law = corpora["dev statutes"][0]!;
    const input = generatorInput(law);
    expect(input.passages[0]).toMatchObject({ role: "history", path: ["题注"] });
    expect(input.passages.filter((p) => p.role === "heading").length).toBeGreaterThan(0);
    const article = input.passages.find((p) => p.law)!;
    expect(Object.keys(article.law!).sort()).toEqual(["article", "clauses"]);
    expect(Object.keys(input).sort()).toEqual(["date", "id", "kind", "passages", "region", "title"]);
    const garbled = corpora["content/"]
      .flatMap((d) => generatorInput(d).passages)
      .filter((p) => p.flags?.includes("mojibake"));
    // content/ has one paragraph with a garbled run; the generator skips its garbled sentences.
    expect(garbled).toHaveLength(1);
  });

  it("orders documents by file name in code-point order, then by position", () => {
    const rows = [
      { sourceFileName: "国家安全法.md", ordinal: 0 },
      { sourceFileName: "001_b.txt", ordinal: 1 },
      { sourceFileName: "001_b.txt", ordinal: 0 },
      { sourceFileName: "Zeta.txt", ordinal: 0 },
      { sourceFileName: "alpha.txt", ordinal: 0 },
    ];
    const names = rows.map((r) => r.sourceFileName);
    expect([...rows].sort(compareGeneratorOrder).map((r) => `${r.sourceFileName}#${r.ordinal}`)).toEqual([
      "001_b.txt#0",
      "001_b.txt#1",
      "Zeta.txt#0",
      "alpha.txt#0",
      "国家安全法.md#0",
    ]);
    // The same order as a folder read with Array.prototype.sort (scripts/lib/content-files.ts).
    expect([...new Set([...rows].sort(compareGeneratorOrder).map((r) => r.sourceFileName))]).toEqual(
      [...new Set(names)].sort(),
    );
  });
});
