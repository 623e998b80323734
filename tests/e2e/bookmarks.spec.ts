import { expect, test } from "@playwright/test";
import { answerOf, createFormatSet, pickCorrectAnswer, signUp, sql, uniqueName, fillBlanks } from "./support";

test("收藏 a question after answering it, find it in the 收藏 list, practise it, and remove it @phone", async ({
  page,
}) => {
  const fixture = await createFormatSet(uniqueName("mark"));
  const username = uniqueName("collector");
  await signUp(page, username);
  await page.goto(`/sets/${fixture.setId}?practice=1`);
  const stem = (await page.locator("h2[id^=stem-]").innerText()).trim();
  await pickCorrectAnswer(page);
  await page.getByRole("button", { name: "提交" }).click();
  await page.getByRole("button", { name: "☆ 收藏" }).click();
  await expect(page.getByText("★ 已收藏")).toBeVisible();
  // The feedback stays on screen (no reload moved on to another question).
  await expect(page.getByRole("status").filter({ hasText: "回答正确" })).toBeVisible();

  await page.goto("/bookmarks");
  const list = page.getByRole("list", { name: "收藏的题目" }).getByRole("listitem");
  await expect(list).toHaveCount(1);
  await expect(list.first()).toContainText(stem);
  await page.screenshot({ path: `tests/.artifacts/screens/bookmarks-${test.info().project.name}.png`, fullPage: true });
  await page.getByRole("link", { name: "练习收藏（1 题）" }).click();
  await expect(page.getByRole("heading", { name: "收藏练习" })).toBeVisible();
  await expect(page.locator("h2[id^=stem-]")).toHaveText(stem);
  const again = await answerOf(await page.locator('input[name="token"]').first().inputValue());
  if (again.format === "fill") await fillBlanks(page, ["不对"]);
  else await page.locator("fieldset label").filter({ hasNotText: again.answer[0]! }).first().click();
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").filter({ hasText: /回答(正确|错误)/ })).toBeVisible();
  await page.getByRole("button", { name: "完成练习" }).click();
  await expect(page.getByRole("heading", { name: "收藏练习完成" })).toBeVisible();
  const [reviews] = await sql<{ n: string }>(
    `select count(*)::text as n from reviews r join users u on u.id = r.user_id where u.username = $1`,
    [username],
  );
  expect(reviews?.n).toBe("2");

  await page.goto("/bookmarks");
  await page.getByRole("button", { name: "取消收藏" }).click();
  await expect(page.getByText("还没有收藏的题目")).toBeVisible();
});
