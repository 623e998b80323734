import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { importFiles, type SourceFile } from "~/documents/import.server";
import { CONTENT_DIR } from "../../scripts/lib/content-files";

let corpus: SourceFile[];

beforeAll(async () => {
  const names = (await readdir(CONTENT_DIR)).filter((name) => name.endsWith(".txt")).sort();
  corpus = await Promise.all(
    names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(CONTENT_DIR, name))) })),
  );
});

async function snapshot() {
  const documents = await prisma.document.findMany({
    orderBy: { key: "asc" },
    select: {
      id: true,
      key: true,
      sourceFileName: true,
      title: true,
      importHash: true,
      updatedAt: true,
      archivedAt: true,
      _count: { select: { passages: true } },
    },
  });
  const passages = await prisma.passage.findMany({
    orderBy: [{ documentId: "asc" }, { ordinal: "asc" }],
    select: { id: true, key: true, text: true },
  });
  return { documents, passages };
}

function edited(file: SourceFile, from: string, to: string): SourceFile {
  const text = new TextDecoder().decode(file.bytes);
  if (!text.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return { name: file.name, bytes: new TextEncoder().encode(text.replace(from, to)) };
}

const byName = (name: string) => corpus.find((f) => f.name.startsWith(name))!;

describe("importing content/", () => {
  it("imports every document once and changes nothing the second time", async () => {
    const first = await importFiles(corpus);
    expect(first.rejected).toEqual([]);
    expect(first.files.map((f) => f.documents.created)).toEqual([9, 6, 3, 1, 24]);
    expect(first.documents).toBe(43);
    const before = await snapshot();

    const second = await importFiles(corpus);
    expect(second.files.map((f) => f.status)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect(await snapshot()).toEqual(before);

    const law = await prisma.document.findFirstOrThrow({ where: { kind: "law" }, include: { passages: true } });
    expect(law.title).toBe("中华人民共和国保守国家秘密法");
    expect(law.passages.filter((p) => (p.structure as { role?: string }).role === "article")).toHaveLength(65);
  });

  it("updates only the documents of an edited file, in place", async () => {
    const before = await snapshot();
    // A word changed in the body of 002's second news item.
    const changed = edited(byName("002"), "4月23日,广州市委常委会召开会议", "4月23日,广州市委常委会召开专题会议");
    const result = await importFiles(corpus.map((f) => (f.name === changed.name ? changed : f)));
    const file = result.files.find((f) => f.file === changed.name)!;
    expect(file.status).toBe("imported");
    expect(file.documents).toMatchObject({ created: 0, unchanged: 2, updated: 1, archived: 0 });
    expect(result.files.filter((f) => f.status === "unchanged")).toHaveLength(4);

    const after = await snapshot();
    expect(after.documents.map((d) => d.id)).toEqual(before.documents.map((d) => d.id));
    const differing = after.documents.filter(
      (d, i) => d.updatedAt.getTime() !== before.documents[i]!.updatedAt.getTime(),
    );
    expect(differing).toHaveLength(1);
    expect(differing[0]!.sourceFileName).toBe(changed.name);
    corpus = corpus.map((f) => (f.name === changed.name ? changed : f));
  });

  it("keeps the previous version of a file whose import fails half-way", async () => {
    const before = await snapshot();
    // A real PostgreSQL error on the third document's passages, after two documents were written.
    await prisma.$executeRawUnsafe(`
      create function refuse_marker() returns trigger language plpgsql as $$
      begin
        if new.text like '%故障注入%' then raise exception 'injected failure'; end if;
        return new;
      end $$`);
    await prisma.$executeRawUnsafe(
      `create trigger refuse_marker before insert or update on passages for each row execute function refuse_marker()`,
    );
    try {
      let file = edited(byName("000"), "十四届全国人大二次会议在京开幕", "十四届全国人大二次会议在京隆重开幕");
      file = edited({ name: file.name, bytes: file.bytes }, "会议还研究了其他事项。", "会议还研究了其他事项。故障注入");
      const result = await importFiles([file]);
      expect(result.files[0]).toMatchObject({ status: "failed" });
      expect(result.files[0]!.reason).toMatch(/导入失败，已保留之前的版本/);
      expect(await snapshot()).toEqual(before);
      expect(await prisma.sourceFile.findUniqueOrThrow({ where: { name: file.name } })).toMatchObject({
        contentHash: expect.any(String),
      });
      // The failed file is tried again next time rather than being taken as unchanged.
      const retry = await importFiles([file]);
      expect(retry.files[0]!.status).toBe("failed");
    } finally {
      await prisma.$executeRawUnsafe(`drop trigger refuse_marker on passages`);
      await prisma.$executeRawUnsafe(`drop function refuse_marker`);
    }
  });

  it("rejects unreadable files with a reason and still imports the others", async () => {
    const result = await importFiles([
      { name: "empty.txt", bytes: new Uint8Array() },
      { name: "binary.txt", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0xff, 0x00]) },
      {
        name: "new-law.md",
        bytes: new TextEncoder().encode(
          "# 某某条例\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本条例。\n\n第二条 本条例自2025年1月1日起施行。\n",
        ),
      },
    ]);
    expect(result.rejected.map((r) => r.file)).toEqual(["empty.txt", "binary.txt"]);
    expect(result.rejected.every((r) => r.reason.length > 0)).toBe(true);
    const law = await prisma.document.findFirstOrThrow({
      where: { sourceFileName: "new-law.md" },
      include: { passages: true },
    });
    expect(law.kind).toBe("law");
    expect(law.passages.map((p) => p.path.at(-1))).toContain("第二条");
  });

  it("archives documents that left their file instead of deleting them", async () => {
    const original = new TextEncoder().encode(
      "# 某某条例\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本条例。\n\n第二条 本条例自2025年1月1日起施行。\n",
    );
    const replaced = new TextEncoder().encode("# 另一部条例\n\n## 第一章 总则\n\n第一条 为了加强保护，制定本条例。\n");
    await importFiles([{ name: "swap.md", bytes: original }]);
    const result = await importFiles([{ name: "swap.md", bytes: replaced }]);
    expect(result.files[0]!.documents).toMatchObject({ created: 1, archived: 1 });
    const docs = await prisma.document.findMany({
      where: { sourceFileName: "swap.md" },
      orderBy: { createdAt: "asc" },
    });
    expect(docs).toHaveLength(2);
    expect(docs[0]!.archivedAt).not.toBeNull();
    expect(docs[1]!.archivedAt).toBeNull();
  });
});
