import { expect, test } from "@playwright/test";
import { answerOf, createFormatSet, pickCorrectAnswer, signUp, uniqueName, fillBlanks } from "./support";

test("the home page greets a new account, shows today's due count and streak, and starts with one button @phone", async ({
  page,
}) => {
  const username = uniqueName("newcomer");
  await signUp(page, username);
  // A brand-new account is welcomed, not welcomed back.
  await expect(page.getByRole("heading", { name: `欢迎来到学而，${username}` })).toBeVisible();
  await expect(page.getByText("欢迎回来")).toHaveCount(0);
  const figures = page.getByRole("definition");
  await expect(page.getByText("今日待复习")).toBeVisible();
  await expect(figures.nth(0)).toHaveText("0");
  await expect(figures.nth(1)).toHaveText("10");
  await expect(figures.nth(2)).toHaveText("0 天");
  await expect(page.getByRole("link", { name: "开始今日学习" })).toHaveCount(1);
  await page.screenshot({ path: `tests/.artifacts/screens/home-new-${test.info().project.name}.png`, fullPage: true });

  await page.getByRole("link", { name: "开始今日学习" }).click();
  const token = await page.locator('input[name="token"]').first().inputValue();
  const { format, answer } = await answerOf(token);
  // Answered wrong on purpose: the point comes back today, as a learning step.
  if (format === "fill") await fillBlanks(page, ["不对的答案"]);
  else {
    const labels = (await page.locator("fieldset label").allInnerTexts()).map((t) =>
      t.replace(/^\s*[A-H]\s*/, "").trim(),
    );
    await page
      .locator("fieldset label")
      .nth(labels.findIndex((o) => !answer.includes(o)))
      .click();
  }
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").filter({ hasText: "回答错误" })).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("heading", { name: `欢迎回来，${username}` })).toBeVisible();
  await expect(figures.nth(0)).toHaveText("1");
  await expect(figures.nth(1)).toHaveText("9");
  await expect(figures.nth(2)).toHaveText("1 天");
});

test("易错题练习 with no 易错题 shows no ordinary question under its title", async ({ page }) => {
  await signUp(page, uniqueName("nodrill"));
  // A daily-session question left open.
  await page.goto("/study");
  await expect(page.locator('input[name="token"]')).toHaveCount(1);
  await page.goto("/study?drill=lapses");
  await expect(page.getByRole("heading", { name: "易错题练习" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "还没有易错题" })).toBeVisible();
  await expect(page.locator('input[name="token"]')).toHaveCount(0);
});

test("set practice resumes where it stopped", async ({ page }) => {
  const fixture = await createFormatSet(uniqueName("resume"));
  await signUp(page, uniqueName("resumer"));
  await page.goto(`/sets/${fixture.setId}`);
  await page.getByRole("link", { name: "开始练习" }).click();
  await expect(page.getByText("第 1 / 4 题")).toBeVisible();
  await pickCorrectAnswer(page);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").filter({ hasText: "回答正确" })).toBeVisible();
  // Away and back: the set offers to go on from question 2.
  await page.goto("/");
  await page.goto(`/sets/${fixture.setId}`);
  await page.getByRole("link", { name: "继续练习（第 2 / 4 题）" }).click();
  await expect(page.getByText("第 2 / 4 题")).toBeVisible();
  await expect(page.getByRole("link", { name: "从头练习" })).toHaveCount(0);
});
