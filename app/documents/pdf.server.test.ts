/**
 * PDF extraction on real Chromium prints (tests/fixtures/pdf, made by scripts/make-pdf-fixtures.ts
 * from content/): a PDF must parse into the same documents, passages, law structure and question
 * bank as the .txt it was printed from, and every bad file must be refused with its own reason.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFile, type ParsedDocument } from "~/content";
import { generateBank } from "~/questions";
import { generatorInput } from "./generator-input";
import {
  dropPageFurniture,
  garbledPage,
  implausibleShare,
  mapRadicals,
  paragraphs,
  pageBlocks,
  PDF_LIMITS,
  PDF_REJECT,
  pdfToText,
  upright,
  type Run,
} from "./pdf.server";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../tests/fixtures/pdf/${name}`, import.meta.url))));

/** The PDF's text parsed under the .txt's name, so that document ids (file stem + title) compare. */
async function parsePdfAs(pdfName: string, txtName: string) {
  const extracted = await pdfToText(fixture(pdfName));
  if (!extracted.ok) throw new Error(extracted.reason);
  const fromPdf = parseFile({ name: txtName, bytes: new TextEncoder().encode(extracted.text) });
  const fromTxt = parseFile({ name: txtName, bytes: fixture(txtName) });
  if (!fromPdf.ok) throw new Error(fromPdf.reason);
  if (!fromTxt.ok) throw new Error(fromTxt.reason);
  return { extracted, pdf: fromPdf.documents, txt: fromTxt.documents };
}

/** What a document is, without where its lines were in the source (wrapping moves them). */
function shape(doc: ParsedDocument) {
  return {
    id: doc.id,
    title: doc.title,
    kind: doc.kind,
    date: doc.date,
    region: doc.region,
    origin: doc.origin,
    contentHash: doc.contentHash,
    passages: doc.passages.map((p) => ({
      id: p.id,
      role: p.role,
      path: p.path,
      text: p.text,
      boilerplate: p.boilerplate,
      law: p.law ?? null,
    })),
  };
}

function bankOf(documents: ParsedDocument[]) {
  const bank = generateBank(documents.map(generatorInput));
  return {
    points: bank.knowledgePoints.map((kp) => kp.fingerprint).sort(),
    questions: bank.questions
      .map((q) =>
        JSON.stringify([q.id, q.knowledgePoint, q.format, q.stem, q.options, q.answer, q.explanation, q.source]),
      )
      .sort(),
  };
}

describe("a statute printed to PDF", () => {
  const parsed = parsePdfAs("law.pdf", "law.txt");

  it("yields the same document, chapters, articles, 款 and 项 as the .txt", async () => {
    const { pdf, txt, extracted } = await parsed;
    expect(extracted.pages).toBe(4);
    expect(pdf.map(shape)).toEqual(txt.map(shape));
    const law = pdf[0]!;
    expect(law).toMatchObject({ title: "中华人民共和国保守国家秘密法", kind: "law" });
    const articles = law.passages.filter((p) => p.role === "article");
    expect(articles.map((p) => p.path[1])).toContain("第十三条");
    expect(new Set(articles.map((p) => p.path[0]))).toEqual(new Set(["第一章 总则", "第二章 国家秘密的范围和密级"]));
    const items = articles.find((p) => p.path[1] === "第十三条")!.law!.clauses.flatMap((c) => c.items ?? []);
    expect(items.length).toBe(7);
  });

  it("maps the radicals Chromium writes (⼈ ⺠ ⼀ …) back to ideographs", async () => {
    const { extracted } = await parsed;
    expect(extracted.text).toContain("中华人民共和国");
    expect(extracted.text).not.toMatch(/[\u2E80-\u2FDF]/);
  });

  it("generates the same knowledge points and questions", async () => {
    const { pdf, txt } = await parsed;
    const fromPdf = bankOf(pdf);
    expect(fromPdf.questions.length).toBeGreaterThan(10);
    expect(fromPdf).toEqual(bankOf(txt));
  });
});

describe("a report with a running header and page numbers", () => {
  const parsed = parsePdfAs("report.pdf", "report.txt");

  it("drops the header and the page numbers and keeps the title once", async () => {
    const { extracted } = await parsed;
    expect(extracted.pages).toBe(5);
    const lines = extracted.text.split("\n");
    expect(lines.filter((l) => l === "2024年《政府工作报告》")).toHaveLength(1);
    expect(lines.some((l) => /^—\s*\d+\s*—$/.test(l))).toBe(false);
    // Every paragraph is one line again, as in the .txt, including those cut by a page break.
    expect(lines).toEqual(new TextDecoder().decode(fixture("report.txt")).trimEnd().split("\n"));
  });

  it("yields the same document and the same bank as the .txt", async () => {
    const { pdf, txt } = await parsed;
    expect(pdf.map(shape)).toEqual(txt.map(shape));
    expect(pdf[0]).toMatchObject({ title: "2024年《政府工作报告》" });
    const fromPdf = bankOf(pdf);
    expect(fromPdf.questions.length).toBeGreaterThan(10);
    expect(fromPdf).toEqual(bankOf(txt));
  });
});

describe("a two-column page", () => {
  it("is read down the left column, then the right one", async () => {
    const { pdf, txt, extracted } = await parsePdfAs("columns.pdf", "columns.txt");
    expect(extracted.text.split("\n")).toEqual(new TextDecoder().decode(fixture("columns.txt")).trimEnd().split("\n"));
    expect(pdf.map(shape)).toEqual(txt.map(shape));
  });
});

describe("a Chinese font named but not embedded (predefined CMap)", () => {
  it("is read through pdf.js's bundled CMaps", async () => {
    const { pdf, txt, extracted } = await parsePdfAs("unembedded-font.pdf", "unembedded-font.txt");
    expect(extracted.text.split("\n")).toEqual(
      new TextDecoder().decode(fixture("unembedded-font.txt")).trimEnd().split("\n"),
    );
    expect(pdf.map(shape)).toEqual(txt.map(shape));
  });
});

describe("bad PDFs", () => {
  const cases: [string, string][] = [
    ["scanned.pdf", "该 PDF 为扫描件，没有可提取的文字；请上传文字版或 .docx"],
    ["truncated.pdf", PDF_REJECT.truncated],
    ["encrypted.pdf", PDF_REJECT.encrypted],
    ["corrupt.pdf", PDF_REJECT.corrupt],
    ["not-a-pdf.pdf", PDF_REJECT.notPdf],
    ["too-many-pages.pdf", "该 PDF 共 501 页，超过 500 页的上限；请拆分后再上传。"],
    ["bomb.pdf", PDF_REJECT.inflated(PDF_LIMITS.maxInflatedBytes)],
    ["no-tounicode.pdf", PDF_REJECT.mojibake(1)],
  ];
  for (const [name, reason] of cases) {
    it(`refuses ${name}`, async () => {
      expect(await pdfToText(fixture(name))).toEqual({ ok: false, reason });
    });
  }

  it("names the page whose font has no ToUnicode map", () => {
    expect(PDF_REJECT.mojibake(3)).toMatch(/^第 3 页/);
  });

  it("refuses a file pdf.js cannot read within the time limit", async () => {
    expect(await pdfToText(fixture("law.pdf"), { ...PDF_LIMITS, timeoutMs: 1 })).toEqual({
      ok: false,
      reason: PDF_REJECT.tooComplex,
    });
  });

  it("refuses a file pdf.js cannot read within the worker's heap, and the next file still reads", async () => {
    // The worker dies of the out-of-memory error; the process running the tests does not.
    const result = await pdfToText(fixture("report.pdf"), { ...PDF_LIMITS, workerHeapMb: 4 });
    expect(result).toEqual({ ok: false, reason: PDF_REJECT.tooComplex });
    expect(await pdfToText(fixture("law.pdf"))).toMatchObject({ ok: true, pages: 4 });
  });

  it("refuses more extracted characters than the limit", async () => {
    const result = await pdfToText(fixture("law.pdf"), { ...PDF_LIMITS, maxChars: 2000 });
    expect(result).toEqual({ ok: false, reason: PDF_REJECT.tooManyChars(2000) });
    expect(PDF_REJECT.tooManyChars(2000)).toContain("2,000");
  });

  it("leaves the caller's bytes untouched (pdf.js detaches the buffer it reads)", async () => {
    const bytes = fixture("law.pdf");
    const before = Buffer.from(bytes).toString("base64");
    await pdfToText(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(bytes).toString("base64")).toBe(before);
  });
});

describe("characters", () => {
  it("maps Kangxi radicals, supplement radicals and shared glyphs to the ideographs", () => {
    expect(mapRadicals("⼈⺠⼀⼗⽉⽇")).toBe("人民一十月日");
    expect(mapRadicals("⺟⻅⻓⻔⻋⻢⻥⻩⻬⻰")).toBe("母见长门车马鱼黄齐龙");
    expect(mapRadicals("⽤⼾ 用戶 㬵")).toBe("用户 用户 胶");
    expect(mapRadicals("中华人民共和国，2024年。")).toBe("中华人民共和国，2024年。");
  });

  it("tells mojibake from Chinese prose", () => {
    expect(implausibleShare("国家秘密的密级分为绝密、机密、秘密三级。（一）第1条 GDP 5.2%")).toBe(0);
    expect(implausibleShare("╜ⶔ☪奐⪢㍭⟌㱄㍭㲢焲㳀婮\u0012\u001a\u0019\u0019䇥\u001a储")).toBeGreaterThan(0.5);
  });
});

describe("fonts and watermarks", () => {
  it("finds one garbled font among readable ones, and takes no bullet font for one", () => {
    const prose = { str: "国家秘密的密级分为绝密、机密、秘密三级。保密期限除另有规定外不超过三十年。", font: "f1" };
    expect(garbledPage([prose, { str: "╜ⶔ☪⪢㍭⟌㱄㲢㳀䇥", font: "f2" }])).toBe(true);
    expect(
      garbledPage([prose, { str: "\uF06C\uF06C\uF06C\uF06C\uF06C\uF06C\uF06C\uF06C\uF06C\uF06C\uF06C", font: "f3" }]),
    ).toBe(false);
    expect(garbledPage([prose])).toBe(false);
  });

  it("keeps horizontal text and leaves out rotated runs (watermarks)", () => {
    expect(upright({ a: 12, b: 0, c: 0, d: 12 })).toBe(true);
    const c = Math.cos(Math.PI / 4) * 40;
    expect(upright({ a: c, b: c, c: -c, d: c })).toBe(false);
  });
});

describe("layout", () => {
  /** A row of CJK glyphs, one run per glyph as Chromium writes them. */
  const row = (text: string, x: number, y: number, size = 12): Run[] =>
    [...text].map((str, i) => ({ str, x: x + i * size, y, w: size, size }));

  it("joins wrapped rows, breaks at indents and short rows, and drops repeated headers and page numbers", () => {
    const page = (n: number, body: Run[]) => [...row("示例报告", 250, 800, 9), ...body, ...row(`${n}`, 290, 30, 9)];
    const full = "一二三四五六七八九十一二三四五六七八九十";
    const pages = [
      page(1, [
        ...row("示例报告", 250, 740, 15),
        ...row(full.slice(2), 94, 700),
        ...row(full, 70, 680),
        ...row("续完。", 70, 660),
      ]),
      page(2, [...row(full.slice(2), 94, 760), ...row("第二段。", 70, 740)]),
    ].map(pageBlocks);
    expect(paragraphs(dropPageFurniture(pages))).toEqual([
      "示例报告",
      `${full.slice(2)}${full}续完。`,
      `${full.slice(2)}第二段。`,
    ]);
  });

  it("drops footers that repeat with their page number, and 第 N 页 共 M 页, but keeps the body", () => {
    const bodies = [
      "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸",
      "子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒",
      "日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁",
    ];
    const pages = bodies.map((body, i) =>
      pageBlocks([
        ...row(body, 70, 760),
        ...row(`第${i + 1}段完。`, 70, 740),
        ...row(`${body.slice(0, 10)}。`, 94, 720),
        ...row(`某某市人民政府办公室 ${i + 1}`, 200, 40, 9),
        ...row(`第 ${i + 1} 页 共 3 页`, 250, 25, 9),
      ]),
    );
    expect(paragraphs(dropPageFurniture(pages))).toEqual(
      bodies.flatMap((body, i) => [`${body}第${i + 1}段完。`, `${body.slice(0, 10)}。`]),
    );
  });

  it("breaks paragraphs set apart by spacing when they have no first-line indent", () => {
    const full = "一二三四五六七八九十一二三四五六七八九十";
    // Rows 16 points apart inside a paragraph, 26 between paragraphs; most paragraphs are one row.
    const runs = [
      ...row(full, 70, 760),
      ...row(full, 70, 734),
      ...row(full, 70, 708),
      ...row(full, 70, 692),
      ...row("完。", 70, 676),
      ...row(full, 70, 650),
    ];
    expect(paragraphs(dropPageFurniture([pageBlocks(runs)]))).toEqual([full, full, `${full}${full}完。`, full]);
  });

  it("reads a gap as a space between Latin words only, and drops justification filler", () => {
    const runs: Run[] = [
      { str: "5G", x: 70, y: 700, w: 14, size: 12 },
      { str: "network", x: 88, y: 700, w: 40, size: 12 },
      // Justified Chinese: characters spread apart, with a narrow filler space between two of them.
      { str: "用", x: 134, y: 700, w: 12, size: 12 },
      { str: " ", x: 146, y: 700, w: 2, size: 12 },
      { str: "户", x: 150, y: 700, w: 12, size: 12 },
    ];
    expect(paragraphs(dropPageFurniture([pageBlocks(runs)]))).toEqual(["5G network用户"]);
  });
});
