import path from "node:path";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createUserInDatabase, logIn, sql, uniqueName } from "./support";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/pdf");
const TITLE = "中华人民共和国保守国家秘密法";

/** The reader's text of a document: headings, articles and items, without the links to source lines. */
async function readerText(page: Page, href: string): Promise<string> {
  await page.goto(href);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const main = page.locator("main");
  return (await main.innerText())
    .split("\n")
    .filter((line) => !/原文第/.test(line))
    .join("\n");
}

// These uploads repeat the corpus's 保密法 under other file names: archived afterwards so that other
// tests find the corpus's one document of that title.
test.afterEach(async () => {
  await sql("update documents set archived_at = now() where source_file like 'pdf-statute%' and archived_at is null");
});

test("an administrator uploads a statute as PDF and gets the same document as from its text; a scanned PDF is refused", async ({
  page,
}) => {
  const stem = uniqueName("pdf-statute");
  const pdfName = `${stem}.pdf`;
  const txtName = `${stem}-text.txt`;

  await logIn(page, await createUserInDatabase("admin"));
  await page.goto("/admin/documents");
  await expect(page.getByText("文字版 .pdf")).toBeVisible();
  await page.getByLabel("选择文件").setInputFiles([
    { name: pdfName, mimeType: "application/pdf", buffer: await readFile(path.join(FIXTURES, "law.pdf")) },
    { name: txtName, mimeType: "text/plain", buffer: await readFile(path.join(FIXTURES, "law.txt")) },
    {
      name: `${stem}-scan.pdf`,
      mimeType: "application/pdf",
      buffer: await readFile(path.join(FIXTURES, "scanned.pdf")),
    },
  ]);
  await page.getByRole("button", { name: "上传并导入" }).click();

  const results = page.getByTestId("upload-result");
  const pdfResult = results.filter({ hasText: pdfName });
  const txtResult = results.filter({ hasText: txtName });
  const scanResult = results.filter({ hasText: `${stem}-scan.pdf` });
  // The whole bank is regenerated: this takes seconds on a busy machine.
  await expect(pdfResult).toContainText("已导入", { timeout: 120_000 });
  await expect(txtResult).toContainText("已导入");
  await expect(scanResult).toContainText("该 PDF 为扫描件，没有可提取的文字；请上传文字版或 .docx");

  // The same counts of documents and passages from both files.
  const count = async (result: typeof pdfResult, label: string) =>
    result.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd").innerText();
  for (const label of ["文档", "段落"]) expect(await count(pdfResult, label)).toBe(await count(txtResult, label));

  const pdfHref = (await pdfResult.getByRole("link", { name: `《${TITLE}》` }).getAttribute("href"))!;
  const txtHref = (await txtResult.getByRole("link", { name: `《${TITLE}》` }).getAttribute("href"))!;
  expect(pdfHref).not.toBe(txtHref);

  // The reader shows the PDF's statute chapter by chapter, article by article, as the text's.
  const fromPdf = await readerText(page, pdfHref);
  for (const chapter of ["第一章 总则", "第二章 国家秘密的范围和密级"])
    await expect(page.getByRole("heading", { name: chapter })).toBeVisible();
  const article13 = page.locator("section", { has: page.getByText("第十三条", { exact: true }) });
  await expect(article13.locator("li")).toHaveCount(7);
  await expect(page.locator("section", { hasText: "第二十条" }).first()).toContainText(
    "绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年",
  );
  const fromTxt = await readerText(page, txtHref);
  expect(fromPdf.length).toBeGreaterThan(2000);
  expect(fromPdf.replaceAll(pdfName, "FILE")).toBe(fromTxt.replaceAll(txtName, "FILE"));
});
