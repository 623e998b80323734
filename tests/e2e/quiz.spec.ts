import { expect, test, type Page } from "@playwright/test";
import { createFormatSet, pickCorrectAnswer, signUp, sql, uniqueName } from "./support";

/** Answers the question on screen correctly, by clicking. */
async function answerRight(page: Page): Promise<void> {
  await pickCorrectAnswer(page);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByText("已作答，交卷后公布答案。")).toBeVisible();
}

test("a timed quiz ends on its own at 0:00: closed, the result shown once, no request loop @phone", async ({
  page,
  context,
}) => {
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
    if (new URL(request.url()).pathname.startsWith(`/attempts/${attemptId}`))
      requests.push(`${request.method()} ${request.url()}`);
  });
  // The server's clock (the test clock cookie) and the page's both reach the deadline.
  const url = new URL(page.url());
  await context.addCookies([
    {
      name: "xueer_test_now",
      value: new Date(start + minutes * 60_000 + 1000).toISOString(),
      domain: url.hostname,
      path: "/",
    },
  ]);
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
  const [row] = await sql<{ submitted_at: Date | null; score: number | null }>(
    `select submitted_at, score from attempts where id = $1`,
    [attemptId],
  );
  expect(row?.submitted_at).not.toBeNull();
  expect(row?.score).toBe(25);
  await expect(page.getByText("25", { exact: true })).toBeVisible();
  await page.screenshot({
    path: `tests/.artifacts/screens/quiz-timeout-${test.info().project.name}.png`,
    fullPage: true,
  });

  // 错题重练: the three mistakes as a practice run, answers shown and counted as practice.
  await page.getByRole("link", { name: "错题重练" }).click();
  for (let i = 0; i < 3; i++) {
    await expect(page.getByText(`第 ${i + 1} / 3 题`)).toBeVisible();
    await pickCorrectAnswer(page);
    await page.getByRole("button", { name: "提交" }).click();
    await expect(page.getByRole("status").filter({ hasText: "回答正确" })).toBeVisible();
    await page.getByRole("button", { name: i === 2 ? "完成重练" : "下一题" }).click();
  }
  await expect(page.getByRole("heading", { name: "错题重练完成" })).toBeVisible();
  const [reviews] = await sql<{ n: string }>(
    `select count(*)::text as n from reviews r join attempts a on a.user_id = r.user_id where a.id = $1 and r.mode = 'practice'`,
    [attemptId],
  );
  expect(reviews?.n).toBe("3");
});

test("a group assignment's limit, dates, attempts and scoring are shown before starting, and the quiz follows them @phone", async ({
  page,
}) => {
  const fixture = await createFormatSet(uniqueName("assign"));
  const username = uniqueName("member");
  await signUp(page, username);
  const groupName = uniqueName("一支部");
  const [group] = await sql<{ id: string }>(
    `insert into groups (id, name, invite_code, updated_at) values (gen_random_uuid(), $1, $2, now()) returning id`,
    [groupName, uniqueName("code")],
  );
  await sql(`insert into memberships (group_id, user_id) select $1, id from users where username = $2`, [
    group!.id,
    username,
  ]);
  await sql(`update question_sets set audience = 'groups' where id = $1`, [fixture.setId]);
  // Due 2099-01-02 10:00 in Shanghai; 20 minutes; 3 of the 4 points.
  await sql(
    `insert into assignments (id, set_id, group_id, opens_at, due_at, time_limit_sec, question_count)
     values (gen_random_uuid(), $1, $2, now() - interval '1 day', '2099-01-02T02:00:00Z', 1200, 3)`,
    [fixture.setId, group!.id],
  );

  await page.goto(`/sets/${fixture.setId}`);
  const rules = page.getByRole("definition");
  await expect(page.getByText("每次随机抽取 3 道题")).toBeVisible();
  await expect(rules.filter({ hasText: groupName })).toBeVisible();
  await expect(rules.filter({ hasText: "2099年1月2日 10:00" })).toBeVisible();
  await expect(rules.filter({ hasText: "20 分钟（到时自动交卷）" })).toBeVisible();
  await expect(rules.filter({ hasText: "不限次数" })).toBeVisible();
  await expect(rules.filter({ hasText: "小组成绩只计第一次交卷的得分" })).toBeVisible();
  // The limit is the assignment's: nothing to choose.
  await expect(page.getByLabel("时间限制")).toHaveCount(0);
  await page.screenshot({
    path: `tests/.artifacts/screens/set-assignment-${test.info().project.name}.png`,
    fullPage: true,
  });

  await page.getByRole("button", { name: "开始测验" }).click();
  await expect(page.getByRole("heading", { name: "第 1 / 3 题" })).toBeVisible();
  await expect(page.getByRole("timer")).toHaveText(/剩余 (20:00|19:5\d)/);
  for (let i = 0; i < 3; i++) {
    await expect(page.getByRole("heading", { name: `第 ${i + 1} / 3 题` })).toBeVisible();
    await answerRight(page);
    await page.getByRole("button", { name: "下一题" }).click();
  }
  await expect(page.getByRole("heading", { name: "测验结果" })).toBeVisible();
  await expect(page.getByTestId("attempt-score")).toHaveText("100分");
  // Back on the set: the counted score is named, and another quiz would not count.
  await page.goto(`/sets/${fixture.setId}`);
  await expect(page.getByText("你已交卷，计入成绩的是")).toBeVisible();
  await expect(page.getByRole("link", { name: "100 分" }).first()).toBeVisible();
});

test("the 答题卡 shows answered, flagged and unanswered questions; a question can be skipped and taken up again @phone", async ({
  page,
}) => {
  const fixture = await createFormatSet(uniqueName("sheet"));
  await signUp(page, uniqueName("sheeter"));
  await page.goto(`/sets/${fixture.setId}`);
  await page.getByRole("button", { name: "开始测验" }).click();
  const sheet = page.getByRole("navigation", { name: "答题卡" });
  await expect(page.getByRole("heading", { name: "第 1 / 4 题" })).toBeVisible();
  await expect(sheet).toContainText("已答 0 · 未答 4");

  await page.getByRole("button", { name: "跳过" }).click();
  await expect(page.getByRole("heading", { name: "第 2 / 4 题" })).toBeVisible();
  await page.getByRole("button", { name: "标记本题" }).click();
  await expect(page.getByRole("button", { name: "取消标记" })).toHaveAttribute("aria-pressed", "true");
  await answerRight(page);
  await page.getByRole("button", { name: "下一题" }).click();
  await expect(page.getByRole("heading", { name: "第 3 / 4 题" })).toBeVisible();
  await expect(sheet).toContainText("已答 1 · 未答 3 · 已标记 1");
  await expect(sheet.getByLabel("第 2 题：已答，已标记")).toBeVisible();
  await page.screenshot({
    path: `tests/.artifacts/screens/quiz-sheet-${test.info().project.name}.png`,
    fullPage: true,
  });

  // Back to the skipped first question.
  await sheet.getByRole("link", { name: "第 1 题：未答" }).click();
  await expect(page.getByRole("heading", { name: "第 1 / 4 题" })).toBeVisible();
  await answerRight(page);
  await page.getByRole("button", { name: "下一题" }).click();
  for (const n of [3, 4]) {
    await expect(page.getByRole("heading", { name: `第 ${n} / 4 题` })).toBeVisible();
    await answerRight(page);
    await page.getByRole("button", { name: "下一题" }).click();
  }
  await expect(page.getByRole("heading", { name: "测验结果" })).toBeVisible();
  await expect(page.getByTestId("attempt-score")).toHaveText("100分");
});

test("交卷 asks in a dialog of the page, not the browser's confirm(): 取消 keeps the quiz, 确认交卷 ends it @phone", async ({
  page,
}, testInfo) => {
  const fixture = await createFormatSet(uniqueName("finish"));
  await signUp(page, uniqueName("finisher"));
  await page.goto(`/sets/${fixture.setId}`);
  await page.getByRole("button", { name: "开始测验" }).click();
  await expect(page.getByRole("heading", { name: "第 1 / 4 题" })).toBeVisible();
  // A native confirm() would be dismissed by Playwright at once and leave no dialog to find.
  const nativeDialogs: string[] = [];
  page.on("dialog", (dialog) => {
    nativeDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const dialog = page.getByRole("dialog", { name: "确定交卷吗？" });
  // The dialog opens from a client-side handler: click again until the page is hydrated.
  await expect(async () => {
    await page.getByRole("button", { name: "交卷", exact: true }).click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(dialog).toContainText("还有 4 题未答，未答的题按错误计分。");
  await page.screenshot({
    path: testInfo.outputPath(`quiz-finish-dialog-${testInfo.project.name}.png`),
    fullPage: true,
  });
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "第 1 / 4 题" })).toBeVisible();
  await answerRight(page);
  // Counted at once, before 下一题 reloads the page: on the 答题卡 and in the dialog.
  await expect(page.getByRole("navigation", { name: "答题卡" })).toContainText("已答 1 · 未答 3");
  await page.getByRole("button", { name: "交卷", exact: true }).click();
  await expect(dialog).toContainText("还有 3 题未答");
  await dialog.getByRole("button", { name: "确认交卷" }).click();
  await expect(page.getByRole("heading", { name: "测验结果" })).toBeVisible();
  await expect(page.getByTestId("attempt-score")).toHaveText("25分");
  expect(nativeDialogs).toEqual([]);
});
