import { expect, test, type Page } from "@playwright/test";
import { answerOf, createFormatSet, signUp, sql, uniqueName } from "./support";

async function currentToken(page: Page): Promise<string> {
  return page.locator('input[name="token"]').first().inputValue();
}

/** Answers the question on screen correctly, by clicking. */
async function answerRight(page: Page): Promise<void> {
  const { format, answer } = await answerOf(await currentToken(page));
  if (format === "fill") await page.getByLabel("填写答案").fill(answer[0]!);
  else {
    const labels = (await page.locator("fieldset label").allInnerTexts()).map((t) => t.replace(/^\s*[A-H]\s*/, "").trim());
    for (const pick of labels.filter((o) => answer.includes(o))) await page.locator("fieldset label").nth(labels.indexOf(pick)).click();
  }
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByText("已作答，交卷后公布答案。")).toBeVisible();
}

test("a timed quiz ends on its own at 0:00: closed, the result shown once, no request loop @phone", async ({ page, context }) => {
  const fixture = await createFormatSet(uniqueName("timer"));
  await signUp(page, uniqueName("timed"));
  const start = Date.now();
  // The page's clock is Playwright's: it can be moved to the deadline without waiting ten minutes.
  await page.clock.install({ time: start });

  await page.goto(`/sets/${fixture.setId}`);
  await page.getByLabel("时间限制").selectOption({ index: 1 });
  const minutes = Number((await page.getByLabel("时间限制").inputValue()) || "0");
  expect(minutes).toBeGreaterThan(0);
  await page.getByRole("button", { name: "开始测验" }).click();
  await expect(page.getByRole("timer")).toBeVisible();
  const attemptId = new URL(page.url()).pathname.split("/").pop()!;
  await answerRight(page);
  await page.getByRole("button", { name: "下一题" }).click();
  await expect(page.getByRole("heading", { name: /^第 2 \/ \d+ 题$/ })).toBeVisible();

  const requests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith(`/attempts/${attemptId}`)) requests.push(`${request.method()} ${request.url()}`);
  });
  // The server's clock (the test clock cookie) and the page's both reach the deadline.
  const url = new URL(page.url());
  await context.addCookies([{ name: "xueer_test_now", value: new Date(start + minutes * 60_000 + 1000).toISOString(), domain: url.hostname, path: "/" }]);
  await page.clock.fastForward(minutes * 60_000 + 1000);

  await expect(page.getByRole("heading", { name: "测验结果" })).toBeVisible();
  await expect(page.getByText("时间到，已自动交卷")).toBeVisible();
  await expect(page.getByRole("timer")).toHaveCount(0);
  await expect(page.locator('input[name="token"]')).toHaveCount(0);
  // Let the page's clock run on for a while: nothing more is asked.
  await page.clock.runFor(10_000);
  await page.waitForTimeout(1500);
  // One submission and its revalidation, not hundreds of aborted requests.
  expect(requests.length, requests.join("\n")).toBeLessThanOrEqual(3);
  const [row] = await sql<{ submitted_at: Date | null; score: number | null }>(`select submitted_at, score from attempts where id = $1`, [attemptId]);
  expect(row?.submitted_at).not.toBeNull();
  expect(row?.score).toBe(25);
  await expect(page.getByText("25", { exact: true })).toBeVisible();
  await page.screenshot({ path: `tests/.artifacts/screens/quiz-timeout-${test.info().project.name}.png`, fullPage: true });
});
