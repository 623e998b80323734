import { describe, expect, it } from "vitest";
import { DOCX_LIMITS } from "~/documents/docx.server";
import { writeZip, type ZipEntry } from "~/documents/zip";
import { IMPORT_LIMITS } from "~/documents/import.server";
import { prisma } from "~/db.server";
import { uploadAsAdmin } from "./import-helpers";

// Hostile files are made here, in memory: a few hundred KB of zip that claims (or hides) tens of
// MB of XML. Nothing large is committed.

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const documentXml = (body: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    "utf8",
  );

function docx(body: Buffer, options: Partial<ZipEntry> = {}): Buffer {
  return writeZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES), deflate: true },
    { name: "_rels/.rels", data: Buffer.from(RELS), deflate: true },
    { name: "word/document.xml", data: body, deflate: true, ...options },
  ]);
}

/** A body of `count` paragraphs, `repeat` copies of one article: compresses about 1,000 to one. */
function repetitiveBody(count: number): Buffer {
  return documentXml(paragraph("第一条 为了规范档案工作，加强档案管理，制定本法。").repeat(count));
}

async function storedCounts() {
  const [files, documents, passages] = await Promise.all([
    prisma.sourceFile.count(),
    prisma.document.count(),
    prisma.passage.count(),
  ]);
  return { files, documents, passages };
}

describe("import limits", () => {
  it("refuses a .docx whose document.xml declares 60 MB from its central directory, before inflating it", async () => {
    const body = repetitiveBody(Math.ceil((60 * 1024 * 1024) / 90));
    expect(body.length).toBeGreaterThan(DOCX_LIMITS.documentXmlBytes * 5);
    const bomb = docx(body);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = await storedCounts();
    const started = performance.now();
    const [file] = await uploadAsAdmin([{ name: "bomb.docx", bytes: bomb }]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(file).toMatchObject({ file: "bomb.docx", status: "rejected" });
    expect(file!.reason).toContain("Word 文档内容过大");
    expect(await storedCounts()).toEqual(before);
  });

  it("stops inflating a part that lies about its size, and refuses it as damaged", async () => {
    // Declares 4 KB, holds 40 MB: the ratio check sees nothing unusual; the capped inflate stops at 4 KB.
    const body = repetitiveBody(Math.ceil((40 * 1024 * 1024) / 90));
    const liar = docx(body, { declaredSize: 4096 });
    const before = await storedCounts();
    const rssBefore = process.memoryUsage().rss;
    const [file] = await uploadAsAdmin([{ name: "liar.docx", bytes: liar }]);
    expect(file).toMatchObject({ status: "rejected" });
    expect(file!.reason).toContain("无法读取这个 Word 文档");
    // Inflating it in full would have taken 40 MB for the text and far more for mammoth's DOM.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect(await storedCounts()).toEqual(before);
  });

  it("refuses a part compressed far beyond what Word's XML does, even under the size limit", async () => {
    const body = documentXml(paragraph("档".repeat(3 * 1024 * 1024)));
    expect(body.length).toBeLessThan(DOCX_LIMITS.documentXmlBytes);
    const [file] = await uploadAsAdmin([{ name: "dense.docx", bytes: docx(body) }]);
    expect(file).toMatchObject({ status: "rejected" });
    expect(file!.reason).toContain("Word 文档内容过大");
  });

  it("refuses a .docx with more paragraphs than the limit, counted before it is parsed", async () => {
    const count = DOCX_LIMITS.paragraphs + 1_000;
    const body = documentXml(Array.from({ length: count }, (_, i) => paragraph(`第${i + 1}段 示范内容。`)).join(""));
    const before = await storedCounts();
    const [file] = await uploadAsAdmin([{ name: "many.docx", bytes: docx(body) }]);
    expect(file).toMatchObject({ status: "rejected" });
    expect(file!.reason).toContain(`Word 文档段落过多（${count} 段`);
    expect(await storedCounts()).toEqual(before);
  });

  it("still imports an ordinary compressed .docx", async () => {
    const body = documentXml(
      [
        paragraph("关于推进示范档案数字化工作的通知"),
        paragraph("各单位："),
        paragraph("2025年全省档案数字化率达到85%以上，新增馆藏档案3万卷。"),
      ].join(""),
    );
    const [file] = await uploadAsAdmin([{ name: "ordinary.docx", bytes: docx(body) }]);
    expect(file).toMatchObject({ file: "ordinary.docx", status: "imported" });
    const stored = await prisma.document.findFirstOrThrow({
      where: { sourceFileName: "ordinary.docx" },
      include: { passages: true },
    });
    expect(stored.passages.map((p) => p.text).join("\n")).toContain("85%以上");
  });

  it("caps the passages of one file, and the questions of an upload, with a clear message", async () => {
    const digits = "零一二三四五六七八九";
    const cn = (n: number) => [...String(n)].map((d) => digits[Number(d)]).join("");
    const article = (i: number) =>
      `第${cn(i)}条 ${["示范单位", "经营者", "检测机构", "服务机构", "运营单位"][i % 5]}应当在${(i % 28) + 3}日内向县级以上人民政府档案主管部门报告，并处${(i % 9) + 1}万元以上${(i % 9) + 11}万元以下的罚款。`;
    const laws = (articles: number, perLaw: number) => {
      const lines: string[] = [];
      for (let i = 1; i <= articles; i++) {
        if (i % perLaw === 1) lines.push(`中华人民共和国示范${cn(i)}管理法`, "");
        lines.push(article(i));
      }
      return lines.join("\n");
    };
    const before = await storedCounts();
    const [passages, questions] = await uploadAsAdmin([
      { name: "passages.txt", bytes: laws(IMPORT_LIMITS.passages + 500, 1_000) },
      { name: "questions.txt", bytes: laws(4_000, 50) },
    ]);
    expect(passages).toMatchObject({ status: "rejected" });
    expect(passages!.reason).toMatch(/拆分出 \d+ 个段落，超过每个文件 5000 个的上限/);
    expect(questions).toMatchObject({ status: "rejected" });
    expect(questions!.reason).toMatch(/文件生成的题目过多（\d+ 道，超过每个文件 5000 道的上限）/);
    expect(await storedCounts()).toEqual(before);
  });
});
