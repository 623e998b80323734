import { expect, test } from "@playwright/test";
import { assignToLearner, createBlanksSet, currentToken, signUp, sql, uniqueName } from "./support";

test("a fill-in with several blanks takes one item per blank, in any order @phone", async ({ page }) => {
  const tag = uniqueName("blanks");
  const fixture = await createBlanksSet(tag);
  const username = uniqueName("learner");
  await signUp(page, username);
  await sql(`update users set daily_new_limit = 2 where username = $1`, [username]);
  await assignToLearner(fixture, username);
  await page.getByRole("link", { name: "开始今日学习" }).click();

  for (const right of [true, false]) {
    const stem = (await page.locator(`h2[id^="stem-"]`).innerText()).trim();
    const item = fixture.items.find((x) => x.stem === stem);
    expect(item, stem).toBeDefined();
    const fields = page.getByLabel(/^第\d+空$/);
    await expect(fields).toHaveCount(item!.answer.length);
    // Submitting waits for every blank.
    const submit = page.getByRole("button", { name: "提交" });
    await fields.first().fill(item!.answer[0]!);
    await expect(submit).toBeDisabled();
    // Right: the items in another order (a list's order is not what is asked). Wrong: one item missing.
    const typed = right ? [...item!.answer].reverse() : [...item!.answer.slice(0, -1), "一百年"];
    for (const [i, value] of typed.entries()) await fields.nth(i).fill(value);
    await submit.click();
    await expect(page.getByRole("status").first()).toHaveText(right ? "回答正确" : "回答错误");
    // The verdict lists the answer blank by blank.
    await expect(page.getByText(`（1）${item!.answer[0]}`).first()).toBeVisible();
    if (!right) await expect(page.getByText(/你的答案：（1）/)).toBeVisible();
    const before = await currentToken(page);
    await page.getByRole("button", { name: "继续" }).click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="token"]')?.value ?? "none"))
      .not.toBe(before);
  }
});
