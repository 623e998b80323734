import { expect, test } from "@playwright/test";
import { createUserInDatabase, logIn, uniqueName } from "./support";

test("the reader shows the 保密法 with its chapters, articles and items, and links to source lines", async ({
  page,
}) => {
  await logIn(page, await createUserInDatabase("learner"));
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "资料" }).click();
  await expect(page.getByRole("heading", { name: "学习资料" })).toBeVisible();
  // The corpus has 43 documents; other tests may have uploaded more.
  const total = Number((await page.getByText(/^共 \d+ 篇资料/).innerText()).match(/\d+/)![0]);
  expect(total).toBeGreaterThanOrEqual(43);

  await page.getByLabel("类型").selectOption("law");
  await expect(page.getByText(/显示 \d+ 篇/)).toBeVisible();
  await expect(page.getByRole("link", { name: /新闻|讲话/ })).toHaveCount(0);
  await page.getByRole("link", { name: /中华人民共和国保守国家秘密法/ }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("中华人民共和国保守国家秘密法");
  for (const chapter of ["第一章 总则", "第二章 国家秘密的范围和密级", "第六章 附则"]) {
    await expect(page.getByRole("heading", { name: chapter })).toBeVisible();
  }
  const article20 = page.locator("section", { hasText: "第二十条" }).first();
  await expect(article20).toContainText("绝密级不超过三十年");
  const article13 = page.locator("section", { has: page.getByText("第十三条", { exact: true }) });
  await expect(article13.locator("li")).toHaveCount(7);

  await article20.getByRole("link", { name: /原文第/ }).click();
  await expect(page).toHaveURL(/\/source#L\d+$/);
  await expect(page.locator("[aria-current=location]")).toContainText("第二十条");
});

test("documents need a signed-in user and unknown ids are 404", async ({ page }) => {
  await page.goto("/documents");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdocuments/);
  await logIn(page, await createUserInDatabase("learner"));
  const response = await page.goto("/documents/00000000-0000-0000-0000-000000000000");
  expect(response?.status()).toBe(404);
  const junk = await page.goto("/documents/not-a-uuid");
  expect(junk?.status()).toBe(404);
});

test("an upload answers at once, shows the import's progress, then its result", async ({ page }) => {
  // The import regenerates the whole bank in the background: tens of seconds on a busy machine.
  test.setTimeout(180_000);
  const digits = "零一二三四五六七八九";
  const cn = (n: number) => [...String(n)].map((d) => digits[Number(d)]).join("");
  // Unique per run (other runs share the database), in Chinese numerals so it still reads as a law's name.
  const title = `中华人民共和国进度示范${cn(Date.now() % 1_000_000)}管理法`;
  // A long statute: parsing and generating it take a few seconds, long enough to watch.
  const lines = [title, ""];
  for (let i = 1; i <= 800; i++)
    lines.push(
      `第${cn(i)}条 示范单位应当在${(i % 28) + 3}日内向县级以上人民政府档案主管部门报告，并处${(i % 9) + 1}万元以上${(i % 9) + 11}万元以下的罚款。`,
    );
  const fileName = `${uniqueName("progress")}.txt`;

  await logIn(page, await createUserInDatabase("admin"));
  await page.goto("/admin/documents");
  await page
    .getByLabel("选择文件")
    .setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from(lines.join("\n")) });
  const uploaded = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().includes("/admin/documents"),
  );
  await page.getByRole("button", { name: "上传并导入" }).click();
  expect((await uploaded).status()).toBe(202);
  await expect(page.getByTestId("import-progress")).toBeVisible();
  await expect(page.getByTestId("import-progress")).toContainText("正在后台导入");
  await expect(page.getByRole("button", { name: "正在导入…" })).toBeDisabled();

  const result = page.getByTestId("upload-result");
  await expect(result).toContainText(fileName, { timeout: 120_000 });
  await expect(result).toContainText("已导入");
  await expect(page.getByTestId("import-progress")).toHaveCount(0);
  await expect(result.getByRole("link", { name: `《${title}》` })).toBeVisible();
  // The run is over: the page stops asking for its status, and the documents table shows it.
  await expect(page.getByRole("row", { name: new RegExp(title) })).toBeVisible();
  let polls = 0;
  page.on("request", (request) => {
    if (request.url().includes("/admin/imports/")) polls++;
  });
  await page.waitForTimeout(2_500);
  expect(polls).toBe(0);
  await expect(page.getByRole("button", { name: "上传并导入" })).toBeEnabled();
});
