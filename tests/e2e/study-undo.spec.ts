import { expect, test, type Page } from "@playwright/test";
import { answerOf, createFormatSet, currentToken, signUp, sql, uniqueName, fillBlanks } from "./support";

/** Picks a wrong option (or types a wrong fill-in) and submits; returns the stem on screen. */
async function answerWrong(page: Page): Promise<string> {
  const { format, answer } = await answerOf(await currentToken(page));
  const stem = (await page.locator(`h2[id^="stem-"]`).innerText()).trim();
  if (format === "fill") await fillBlanks(page, ["一百年"]);
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
  await expect(page.getByRole("status").first()).toHaveText("回答错误");
  return stem;
}

async function reviewsOf(username: string) {
  return sql<{ question: string; correct: boolean; undone: boolean }>(
    `select r.question_id::text as question, r.correct, r.undone_at is not null as undone
       from reviews r join users u on u.id = r.user_id where u.username = $1 order by r.id`,
    [username],
  );
}

test("撤销 after a mis-tap: the same question again, and one review counts @phone", async ({ page }, testInfo) => {
  const tag = uniqueName("undo");
  await createFormatSet(tag);
  const username = uniqueName("undoer");
  await signUp(page, username);
  await page.goto("/study");
  const stem = await answerWrong(page);
  const firstToken = await currentToken(page);

  const undo = page.getByRole("button", { name: /^撤销（\d+ 秒）$/ });
  await expect(undo).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`undo-offered-${testInfo.project.name}.png`), fullPage: true });
  await undo.click();

  // The same question, unanswered, under a new token; the day's count is back to 0.
  await expect.poll(() => currentToken(page)).not.toBe(firstToken);
  await expect(page.locator(`h2[id^="stem-"]`)).toHaveText(stem);
  await expect(page.getByRole("button", { name: "提交" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByText("已完成 0")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`undo-reshown-${testInfo.project.name}.png`), fullPage: true });

  // Answered right now: the log holds the undone answer and the one that counts.
  const { format, answer } = await answerOf(await currentToken(page));
  if (format === "fill") await fillBlanks(page, answer);
  else {
    const labels = (await page.locator("fieldset label").allInnerTexts()).map((t) =>
      t.replace(/^\s*[A-H]\s*/, "").trim(),
    );
    for (const option of labels.filter((o) => answer.includes(o)))
      await page.locator("fieldset label").nth(labels.indexOf(option)).click();
  }
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").first()).toHaveText("回答正确");
  const log = await reviewsOf(username);
  expect(log).toHaveLength(2);
  expect(log.map((r) => [r.correct, r.undone])).toEqual([
    [false, true],
    [true, false],
  ]);
  expect(log[0]!.question).toBe(log[1]!.question);
  // The offer lasts its seconds only.
  await expect(page.getByRole("button", { name: /^撤销/ })).toHaveCount(0, { timeout: 15_000 });
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page.getByText("已完成 1")).toBeVisible();
});

test("撤销 is refused by the server once its seconds have passed, and the answer stands", async ({ page, context }) => {
  const tag = uniqueName("late");
  await createFormatSet(tag);
  const username = uniqueName("late");
  await signUp(page, username);
  await page.goto("/study");
  await answerWrong(page);
  // The server's clock moves on 30 s while the page still offers the button.
  const url = new URL(page.url());
  await context.addCookies([
    { name: "xueer_test_now", value: new Date(Date.now() + 30_000).toISOString(), domain: url.hostname, path: "/" },
  ]);
  await page.getByRole("button", { name: /^撤销（\d+ 秒）$/ }).click();
  await expect(page.getByText("撤销时间已过：作答后 10 秒内才能撤销。")).toBeVisible();
  await expect(page.getByRole("status").first()).toHaveText("回答错误");
  const log = await reviewsOf(username);
  expect(log.map((r) => [r.correct, r.undone])).toEqual([[false, false]]);
});
