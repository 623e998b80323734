import type { PassageStructure } from "./generator-input";
import { prisma } from "~/db.server";

export async function listDocuments() {
  const documents = await prisma.document.findMany({
    where: { archivedAt: null },
    orderBy: [{ sourceFileName: "asc" }, { ordinal: "asc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      date: true,
      region: true,
      origin: true,
      sourceFileName: true,
      _count: { select: { passages: true } },
    },
  });
  return documents.map(({ _count, ...doc }) => ({ ...doc, passages: _count.passages }));
}

/** One definition, shared with the import that writes it and the generator input that reads it. */
export type { PassageStructure } from "./generator-input";

export async function getDocument(id: string) {
  const document = await prisma.document.findFirst({
    where: { id },
    select: {
      id: true,
      title: true,
      kind: true,
      date: true,
      region: true,
      origin: true,
      sourceFileName: true,
      startLine: true,
      endLine: true,
      archivedAt: true,
      passages: {
        orderBy: { ordinal: "asc" },
        select: {
          id: true,
          ordinal: true,
          path: true,
          text: true,
          startLine: true,
          endLine: true,
          boilerplate: true,
          textHash: true,
          structure: true,
        },
      },
    },
  });
  if (!document) return null;
  // Passages that also appear in other documents (the same report carried by two compilations).
  const hashes = document.passages.filter((p) => !p.boilerplate).map((p) => p.textHash);
  const elsewhere = await prisma.passage.findMany({
    where: { textHash: { in: hashes }, documentId: { not: id }, document: { archivedAt: null } },
    select: { textHash: true, ordinal: true, document: { select: { id: true, title: true } } },
  });
  const duplicates = new Map<string, { documentId: string; title: string; ordinal: number }[]>();
  for (const other of elsewhere) {
    const list = duplicates.get(other.textHash) ?? [];
    list.push({ documentId: other.document.id, title: other.document.title, ordinal: other.ordinal });
    duplicates.set(other.textHash, list);
  }
  return {
    ...document,
    passages: document.passages.map(({ textHash, structure, ...passage }) => ({
      ...passage,
      structure: structure as unknown as PassageStructure,
      alsoIn: duplicates.get(textHash) ?? [],
    })),
  };
}

/** The document's lines as they are in the source file, numbered as in the file. */
export async function getDocumentSource(id: string) {
  const document = await prisma.document.findUnique({
    where: { id },
    select: { id: true, title: true, sourceFileName: true, startLine: true, rawText: true },
  });
  if (!document) return null;
  const lines = document.rawText.split("\n").map((text, index) => ({ number: document.startLine + index, text }));
  return { id: document.id, title: document.title, sourceFileName: document.sourceFileName, lines };
}
