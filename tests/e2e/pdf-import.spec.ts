import path from "node:path";
import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createUserInDatabase, logIn, sql, uniqueName } from "./support";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/pdf");
const LAW = "中华人民共和国保守国家秘密法";
const REPORT = "2024年《政府工作报告》";

/** The reader's text of a document (headings, sections, articles, items) without the links to source lines. */
async function readerText(page: Page, href: string, title: string): Promise<string> {
  await page.goto(href);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  // Links to source lines stay out: they name the document's own id.
  return (await page.locator("main").innerText()).replace(/原文第\s*[\d–-]+\s*行/g, "");
}

async function uploadAll(page: Page, files: { name: string; fixture: string; mimeType: string }[]) {
  await page.goto("/admin/documents");
  await expect(page.getByText("文字版 .pdf")).toBeVisible();
  await page.getByLabel("选择文件").setInputFiles(
    await Promise.all(
      files.map(async (f) => ({
        name: f.name,
        mimeType: f.mimeType,
        buffer: await readFile(path.join(FIXTURES, f.fixture)),
      })),
    ),
  );
  await page.getByRole("button", { name: "上传并导入" }).click();
}

const figure = (result: Locator, label: string) =>
  result.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd").innerText();

// These uploads repeat documents of the corpus under other file names: archived afterwards so that
// other tests find the corpus's one document of each title.
test.afterEach(async () => {
  await sql("update documents set archived_at = now() where source_file like 'pdf-import%' and archived_at is null");
});

test("an administrator uploads a statute and a report as PDF and gets the same documents as from their text; a scan is refused", async ({
  page,
}) => {
  const stem = uniqueName("pdf-import");
  // Distinct stems: a document's key is its file's stem and title, so law.pdf and law.txt would collide.
  const names = {
    lawPdf: `${stem}-law-pdf.pdf`,
    lawTxt: `${stem}-law-txt.txt`,
    reportPdf: `${stem}-report-pdf.pdf`,
    reportTxt: `${stem}-report-txt.txt`,
    scan: `${stem}-scan.pdf`,
  };

  await logIn(page, await createUserInDatabase("admin"));
  await uploadAll(page, [
    { name: names.lawPdf, fixture: "law.pdf", mimeType: "application/pdf" },
    { name: names.lawTxt, fixture: "law.txt", mimeType: "text/plain" },
    { name: names.reportPdf, fixture: "report.pdf", mimeType: "application/pdf" },
    { name: names.reportTxt, fixture: "report.txt", mimeType: "text/plain" },
    { name: names.scan, fixture: "scanned.pdf", mimeType: "application/pdf" },
  ]);

  const results = page.getByTestId("upload-result");
  const result = (name: string) => results.filter({ hasText: name });
  // The whole bank is regenerated: this takes seconds on a busy machine.
  await expect(result(names.lawPdf)).toContainText("已导入", { timeout: 120_000 });
  for (const name of [names.lawTxt, names.reportPdf, names.reportTxt])
    await expect(result(name)).toContainText("已导入");
  await expect(result(names.scan)).toContainText("未导入");
  await expect(result(names.scan)).toContainText("该 PDF 为扫描件，没有可提取的文字；请上传文字版或 .docx");

  // The same counts of documents and passages from both files of a pair (read before leaving the page) …
  const pairs = [];
  for (const [pdf, txt, title] of [
    [names.lawPdf, names.lawTxt, LAW],
    [names.reportPdf, names.reportTxt, REPORT],
  ] as const) {
    for (const label of ["文档", "段落"])
      expect(await figure(result(pdf), label)).toBe(await figure(result(txt), label));
    const pdfHref = (await result(pdf)
      .getByRole("link", { name: `《${title}》` })
      .getAttribute("href"))!;
    const txtHref = (await result(txt)
      .getByRole("link", { name: `《${title}》` })
      .getAttribute("href"))!;
    expect(pdfHref).not.toBe(txtHref);
    pairs.push({ pdf, txt, title, pdfHref, txtHref });
  }
  for (const { pdf, txt, title, pdfHref, txtHref } of pairs) {
    // … and the reader shows the same document, section by section.
    const fromPdf = await readerText(page, pdfHref, title);
    if (title === LAW) {
      for (const chapter of ["第一章 总则", "第二章 国家秘密的范围和密级"])
        await expect(page.getByRole("heading", { name: chapter })).toBeVisible();
      await expect(
        page.locator("section", { has: page.getByText("第十三条", { exact: true }) }).locator("li"),
      ).toHaveCount(7);
      await expect(page.locator("section", { hasText: "第二十条" }).first()).toContainText(
        "绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年",
      );
    } else {
      // The running header and the page numbers are gone; the paragraph the first page break cut is whole.
      await expect(page.locator("main")).not.toContainText("— 1 —");
      await expect(page.locator("main")).toContainText("义务教育、基本养老、基本医疗");
    }
    const fromTxt = await readerText(page, txtHref, title);
    expect(fromPdf.length).toBeGreaterThan(title === LAW ? 2500 : 4500);
    expect(fromPdf.replaceAll(pdf, "FILE")).toBe(fromTxt.replaceAll(txt, "FILE"));
  }
});
