import { expect, test } from "@playwright/test";
import { createUserInDatabase, logIn } from "./support";

test("the reader shows the 保密法 with its chapters, articles and items, and links to source lines", async ({ page }) => {
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
