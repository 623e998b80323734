// `tsx scripts/make-pdf-fixtures.ts`: writes the PDF fixtures of tests/fixtures/pdf from text the
// project already has (content/), printed by a real Chromium the way an administrator's PDFs are made
// (the Noto CJK font, a text layer, running headers and page numbers from a header/footer template).
// Each text fixture is written as the .txt it was printed from, so tests can compare the two imports.
// Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium) and fonts-noto-cjk; .ci/run installs both.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "tests/fixtures/pdf");
const CONTENT = path.join(ROOT, "content");

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The non-blank lines of a content file from the line that equals `from` (trimmed) up to, not including, `until`. */
async function excerpt(file: string, from: string, until: string | null, maxLines = Infinity): Promise<string[]> {
  const lines = (await readFile(path.join(CONTENT, file), "utf8")).split(/\r?\n/).map((l) => l.trim());
  const start = lines.findIndex((l) => l === from);
  if (start < 0) throw new Error(`${file}: no line “${from}”`);
  const end = until === null ? lines.length : lines.findIndex((l, i) => i > start && l.startsWith(until));
  if (end < 0) throw new Error(`${file}: no line starting “${until}”`);
  return lines
    .slice(start, end)
    .filter((l) => l !== "")
    .slice(0, maxLines);
}

/**
 * An official-looking page: the title and chapter headings centred, paragraphs with the customary
 * two-character first-line indent (首行缩进), as Word and WPS exports lay them out.
 */
function html(lines: string[], options: { columns?: number } = {}): string {
  const body = lines
    .map((line, i) => {
      const heading = i === 0 || /^第[一二三四五六七八九十百零〇]+章\s/.test(line);
      return heading ? `<h2>${escapeHtml(line)}</h2>` : `<p>${escapeHtml(line)}</p>`;
    })
    .join("\n");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.6; margin: 0; }
    main { ${options.columns ? `column-count: ${options.columns}; column-gap: 2em;` : ""} }
    h2 { font-size: 15pt; text-align: center; margin: 0.6em 0; font-weight: normal; ${options.columns ? "column-span: all;" : ""} }
    p { text-indent: 2em; margin: 0; white-space: pre-wrap; }
  </style></head><body><main>${body}</main></body></html>`;
}

async function printPdf(browser: Browser, content: string, header?: { title: string }): Promise<Buffer> {
  const page = await browser.newPage();
  await page.setContent(content, { waitUntil: "load" });
  const small =
    "style=\"font-family: 'Noto Sans CJK SC', sans-serif; font-size: 9pt; width: 100%; text-align: center; color: #444;\"";
  const pdf = await page.pdf({
    format: "A4",
    margin: { top: "25mm", bottom: "25mm", left: "25mm", right: "25mm" },
    ...(header
      ? {
          displayHeaderFooter: true,
          headerTemplate: `<div ${small}>${escapeHtml(header.title)}</div>`,
          footerTemplate: `<div ${small}>— <span class="pageNumber"></span> —</div>`,
        }
      : {}),
  });
  await page.close();
  return pdf;
}

/** A page of text as a picture only: what a scanner produces (no text layer). */
async function scannedPdf(browser: Browser, lines: string[]): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
  await page.setContent(html(lines), { waitUntil: "load" });
  const png = await page.screenshot({ type: "png" });
  await page.setContent(
    `<!doctype html><html><body style="margin:0"><img style="width:210mm;display:block" src="data:image/png;base64,${png.toString("base64")}"></body></html>`,
    { waitUntil: "load" },
  );
  const pdf = await page.pdf({ format: "A4", margin: { top: "0", bottom: "0", left: "0", right: "0" } });
  await page.close();
  return pdf;
}

/** A hand-written PDF: `objects[i]` is object i + 1; offsets are computed so that the file is valid. */
function writePdf(objects: (string | Buffer)[], trailerExtra = ""): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1"),
      Buffer.from("\nendobj\n"),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    "0000000000 65535 f \n",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
  ].join("");
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${offset}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}

/** Many empty pages sharing one (empty) content stream: more pages than an import accepts. */
function manyPagesPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 4} 0 R`).join(" ");
  const pageObjects = Array.from(
    { length: pages },
    () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
  );
  return writePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    "<< /Length 0 >>\nstream\n\nendstream",
    ...pageObjects,
  ]);
}

/**
 * One page whose content stream inflates to far more than the import allows (a "zip bomb": a few
 * hundred kilobytes of deflated spaces).
 */
function bombPdf(inflatedBytes: number): Buffer {
  const data = deflateSync(Buffer.alloc(inflatedBytes, 0x20), { level: 9 });
  return writePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    Buffer.concat([
      Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`),
      data,
      Buffer.from("\nendstream"),
    ]),
  ]);
}

/**
 * A file protected by an open password (the standard security handler, RC4 40-bit): the O and U
 * entries do not match the empty password, so it cannot be read without the password.
 */
function encryptedPdf(): Buffer {
  const hex32 = (seed: number) =>
    Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 17) & 0xff).toString(16).padStart(2, "0")).join("");
  return writePdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      "<< /Length 8 >>\nstream\nxxxxxxxx\nendstream",
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32(7)}> /U <${hex32(11)}> /P -44 >>`,
    ],
    "/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
  );
}

/**
 * The same PDF with every /ToUnicode entry blanked out (same length, so the cross-reference table
 * stays valid): the embedded CJK font's glyph ids can then no longer be read as characters, which
 * is what PDFs from some old typesetting tools look like.
 */
function withoutToUnicode(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1").replace(/\/ToUnicode\s+\d+\s+\d+\s+R/g, (m) => " ".repeat(m.length));
  return Buffer.from(text, "latin1");
}

/**
 * A page whose Chinese font is not embedded but named, with a predefined CMap (UniGB-UCS2-H over
 * Adobe-GB1): how Word and WPS export text set in 宋体 when font embedding is off. Reading it needs
 * pdf.js's bundled CMaps. One paragraph per text object, wrapped at 30 characters.
 */
function unembeddedFontPdf(lines: string[]): Buffer {
  const ucs2 = (s: string) => Buffer.from(s, "utf16le").swap16().toString("hex");
  const ops: string[] = ["BT", "/F1 12 Tf", "14 TL"];
  let y = 780;
  for (const line of lines) {
    const chars = [...line];
    for (let i = 0; i < chars.length; i += 30) {
      const indent = i === 0 ? 24 : 0;
      ops.push(`1 0 0 1 ${72 + indent} ${y} Tm <${ucs2(chars.slice(i, i + 30).join(""))}> Tj`);
      y -= 18;
    }
  }
  ops.push("ET");
  const content = ops.join("\n");
  return writePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>",
  ]);
}

/**
 * A file that starts and ends like a PDF but whose body is noise (a disk or transfer error): the
 * header and the last kilobyte are kept, everything between is overwritten with pseudo-random bytes.
 */
function corrupted(pdf: Buffer): Buffer {
  const out = Buffer.from(pdf);
  let seed = 12345;
  for (let i = 16; i < out.length - 1024; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = seed >> 16;
  }
  return out;
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath}: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH`);
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const written: string[] = [];
    const save = async (name: string, data: string | Buffer) => {
      await writeFile(path.join(OUT, name), data);
      written.push(`${name} (${Buffer.byteLength(data)} bytes)`);
    };

    // A statute with 章, 条, 款 and 项: the first two chapters of the law in the work-report compilation.
    const law = await excerpt("001_aedbcdac15b26f45.txt", "中华人民共和国保守国家秘密法", "第三章");
    await save("law.txt", `${law.join("\n")}\n`);
    const lawPdf = await printPdf(browser, html(law));
    await save("law.pdf", lawPdf);

    // A report with a running header (its own title) and page numbers on every page.
    const report = await excerpt("001_aedbcdac15b26f45.txt", "2024年《政府工作报告》", "提出上述预期目标");
    await save("report.txt", `${report.join("\n")}\n`);
    await save("report.pdf", await printPdf(browser, html(report), { title: report[0]! }));

    // Two columns per page: read down the left column, then the right one.
    const columns = await excerpt("002_3ada5f486a7b20b0.txt", "广州市召开一季度经济运行分析会", null);
    await save("columns.txt", `${columns.join("\n")}\n`);
    await save("columns.pdf", await printPdf(browser, html(columns, { columns: 2 })));

    // A font that is named, not embedded (the third article of the law and its neighbours).
    const unembedded = law.slice(3, 8);
    await save("unembedded-font.txt", `${unembedded.join("\n")}\n`);
    await save("unembedded-font.pdf", unembeddedFontPdf(unembedded));

    // Bad files, each refused with its own reason.
    await save("scanned.pdf", await scannedPdf(browser, law.slice(0, 12)));
    // Broken copies of a one-page print (small, so the fixtures stay small).
    const short = await printPdf(browser, html(law.slice(0, 6)));
    await save("truncated.pdf", short.subarray(0, Math.floor(short.length * 0.6)));
    await save("no-tounicode.pdf", withoutToUnicode(short));
    await save("corrupt.pdf", corrupted(short));
    await save("encrypted.pdf", encryptedPdf());
    await save("too-many-pages.pdf", manyPagesPdf(501));
    await save("bomb.pdf", bombPdf(160 * 1024 * 1024));
    await save("not-a-pdf.pdf", Buffer.from("这不是 PDF 文件，只是改了扩展名的文本。\n".repeat(20)));
    console.log(`wrote to ${path.relative(ROOT, OUT)}:\n  ${written.join("\n  ")}`);
  } finally {
    await browser.close();
  }
}

await main();
