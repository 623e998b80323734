import { expect, test, type Page } from "@playwright/test";
import {
  PASSWORD,
  answerOf,
  assignToLearner,
  createFormatSet,
  currentToken,
  signUp,
  sql,
  uniqueName,
  fillBlanks,
} from "./support";

/** Leaves the feedback (by button or Enter) and waits for the next question or the end. */
async function continueTo(page: Page, how: string): Promise<void> {
  const before = await currentToken(page);
  if (how === "Enter") await page.keyboard.press("Enter");
  else await page.getByRole("button", { name: how }).click();
  await expect
    .poll(() => page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="token"]')?.value ?? "none"))
    .not.toBe(before);
}

/** Answers the question on screen, right or wrong on purpose; returns its format. */
async function answer(page: Page, right: boolean): Promise<string> {
  const token = await currentToken(page);
  const { format, answer: correct } = await answerOf(token);
  if (format === "fill") {
    await fillBlanks(page, right ? correct : ["一百年"]);
    await page.keyboard.press("Enter");
  } else {
    const labels = await page.locator("fieldset label").allInnerTexts();
    const options = labels.map((text) => text.replace(/^\s*[A-H]\s*/, "").trim());
    const picks = right ? options.filter((o) => correct.includes(o)) : [options.find((o) => !correct.includes(o))!];
    const key = (option: string) => String(options.indexOf(option) + 1);
    if (format === "single") {
      for (const pick of picks) await page.keyboard.press(key(pick));
    } else if (format === "truefalse") {
      // Mouse on the other option first, then the key: a focused radio still takes 1–4 / A–D.
      await page
        .locator("fieldset label")
        .nth(options.findIndex((o) => o !== picks[0]))
        .click();
      await page.keyboard.press(key(picks[0]!));
    } else {
      // The first pick with the mouse, the others with the keyboard while the checkbox has focus.
      await page.locator("fieldset label").nth(options.indexOf(picks[0]!)).click();
      for (const pick of picks.slice(1)) await page.keyboard.press(key(pick));
    }
    for (const [index, option] of options.entries()) {
      await expect(page.locator("fieldset input").nth(index)).toBeChecked({ checked: picks.includes(option) });
    }
    await page.getByRole("button", { name: "提交" }).click();
  }
  await expect(page.getByRole("status").first()).toHaveText(right ? "回答正确" : "回答错误");
  return format;
}

test("a new learner's daily session in every format, the summary, progress, and the next day", async ({
  page,
  context,
}) => {
  const tag = uniqueName("fmt");
  const fixture = await createFormatSet(tag);

  const username = uniqueName("learner");
  await signUp(page, username);
  // A short session: the four format points only.
  await sql(`update users set daily_new_limit = 4 where username = $1`, [username]);
  await assignToLearner(fixture, username);

  await page.getByRole("link", { name: "开始今日学习" }).click();
  await expect(page.getByRole("heading", { name: "今日学习" })).toBeVisible();

  const seen: string[] = [];
  const plan: Record<string, boolean> = { single: false, multiple: true, truefalse: false, fill: false };
  for (let i = 0; i < 4; i++) {
    const token = await currentToken(page);
    const { format } = await answerOf(token);
    // Nothing the server sends tells the answer before it is given: the page as rendered in the
    // browser, the server's HTML of /study, and the loader data a client navigation fetches.
    const sources = {
      page: await page.content(),
      html: await (await page.request.get("/study")).text(),
      data: await (await page.request.get("/study.data")).text(),
    };
    for (const [name, text] of Object.entries(sources)) {
      expect(text, name).toContain(fixture.stems[format as keyof typeof fixture.stems]);
      expect(text, name).not.toContain(`解析-${tag}`);
      // The source sentence (which holds every answer) is shown only with the verdict.
      expect(text, name).not.toContain("绝密级不超过三十年");
      if (format === "fill") expect(text, name).not.toContain(fixture.answers.fill[0]);
      expect(text, name).not.toContain('"answer":["');
      expect(text, name).not.toMatch(/"answer"\s*,\s*\[/);
    }
    // Fetching the page again showed the same question, not a second one.
    expect(sources.html).toContain(token);
    await expect(page.getByText(fixture.stems[format as keyof typeof fixture.stems])).toBeVisible();
    seen.push(await answer(page, plan[format]!));
    const source = page.getByRole("link", { name: /中华人民共和国保守国家秘密法/ });
    await expect(source).toHaveAttribute("href", /\/documents\/[0-9a-f-]+#p-\d+$/);
    if (i === 0) {
      // Enter on another control of the feedback is that control's, not 继续.
      await page.getByRole("button", { name: "报告问题" }).focus();
      await page.keyboard.press("Enter");
      await expect(page.getByPlaceholder("哪里有问题？（选填）")).toBeVisible();
      expect(await currentToken(page)).toBe(token);
    }
    await continueTo(page, "继续");
  }
  expect([...seen].sort()).toEqual(["fill", "multiple", "single", "truefalse"]);

  // Learning steps bring the points back within the session until each has passed them.
  for (let i = 0; i < 20 && !(await page.getByRole("heading", { name: "今日已完成" }).isVisible()); i++) {
    await answer(page, true);
    await continueTo(page, "Enter");
  }
  await expect(page.getByRole("heading", { name: "今日已完成" })).toBeVisible();
  const answered = await page.locator("dt", { hasText: "今日答题" }).locator("xpath=following-sibling::dd").innerText();
  expect(Number(answered.replace(/\D/g, ""))).toBeGreaterThanOrEqual(6);
  await expect(page.getByText(/明天待复习 \d+ 题/)).toBeVisible();

  // The progress page counts today's study.
  await page.getByRole("link", { name: "查看进度" }).click();
  await expect(page.getByRole("heading", { name: "学习进度" })).toBeVisible();
  await expect(page.getByText("还没有学习记录")).toHaveCount(0);
  // Each section is named by its heading, titles with spaces included.
  for (const name of ["学习日历", "近 30 天复习", "未来 30 天待复习", "掌握程度", "易错题"]) {
    await expect(page.getByRole("region", { name, exact: true })).toBeVisible();
  }

  // Days later (test clock), the reviews are due again and are not new points.
  const later = new Date(Date.now() + 6 * 86400_000).toISOString();
  const url = new URL(page.url());
  await context.addCookies([{ name: "xueer_test_now", value: later, domain: url.hostname, path: "/" }]);
  await page.goto("/study");
  await expect(page.locator('input[name="token"]')).toHaveCount(1);
  const { format } = await answerOf(await currentToken(page));
  expect(["single", "multiple", "truefalse", "fill"]).toContain(format);
  await expect(page.getByText("新考点")).toHaveCount(0);
});

test("on a phone, a question is answered and the next one follows at once @phone", async ({ page }) => {
  await signUp(page, uniqueName("phone"));
  await page.goto("/study");
  const first = await currentToken(page);
  const { format, answer: correct } = await answerOf(first);
  if (format === "fill") await fillBlanks(page, correct);
  else
    for (const option of format === "multiple" ? correct : correct.slice(0, 1))
      await page.locator("fieldset label").filter({ hasText: option }).first().click();
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").first()).toHaveText("回答正确");
  // The source sentence with its link into the document.
  await expect(page.locator("blockquote footer a")).toBeVisible();
  // The next question came with the answer: 继续 shows it without a request of its own.
  const requested: string[] = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await page.getByRole("button", { name: "继续" }).click();
  await expect.poll(() => currentToken(page)).not.toBe(first);
  expect(requested.filter((path) => path.startsWith("/study"))).toEqual([]);
  await expect(page.getByRole("button", { name: "提交" })).toBeVisible();
});

test("an answer sent after the session ended leads to the login page and back to the study page", async ({ page }) => {
  const username = uniqueName("expired");
  await signUp(page, username);
  await page.goto("/study");
  const { format } = await answerOf(await currentToken(page));
  // The session ends elsewhere (another device logs out everywhere) while the question is on screen.
  await sql(`delete from sessions where user_id = (select id from users where username = $1)`, [username]);
  if (format === "fill") await fillBlanks(page, ["答案"]);
  else await page.locator("fieldset label").first().click();
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fstudy$/);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/study$/);
  await expect(page.getByRole("button", { name: "提交" })).toBeVisible();
  const [row] = await sql<{ count: string }>(
    `select count(*) from reviews r join users u on u.id = r.user_id where u.username = $1`,
    [username],
  );
  expect(Number(row?.count)).toBe(0);
});

test("a repeated submission records one review", async ({ page, request }) => {
  const username = uniqueName("double");
  await signUp(page, username);
  await page.goto("/study");
  const token = await currentToken(page);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const origin = new URL(page.url()).origin;
  const form = { intent: "answer", token, answer: "x", durationMs: "1000" };
  const [first, second] = await Promise.all([
    request.post("/study", { form, headers: { Cookie: cookie, Origin: origin } }),
    request.post("/study", { form, headers: { Cookie: cookie, Origin: origin } }),
  ]);
  expect(first.ok() && second.ok()).toBe(true);
  const [row] = await sql<{ count: string }>(
    `select count(*) from reviews r join users u on u.id = r.user_id where u.username = $1`,
    [username],
  );
  expect(Number(row?.count)).toBe(1);
});

test("practice a set and take a timed quiz with a results page", async ({ page }) => {
  const tag = uniqueName("quiz");
  const fixture = await createFormatSet(tag);
  const username = uniqueName("quizzer");
  await signUp(page, username);

  await page.goto(`/sets/${fixture.setId}`);
  await page.getByRole("link", { name: "开始练习" }).click();
  await expect(page.getByText("第 1 / 4 题")).toBeVisible();
  await answer(page, true);
  await page.getByRole("button", { name: "下一题" }).click();
  await expect(page.getByText("第 2 / 4 题")).toBeVisible();

  await page.goto(`/sets/${fixture.setId}`);
  await page.getByLabel("时间限制").selectOption("10");
  await page.getByRole("button", { name: "开始测验" }).click();
  await expect(page.getByRole("timer")).toBeVisible();
  const attemptUrl = page.url();
  // Practice would show the answers of the quiz in progress: refused until it is submitted.
  await page.goto(`/sets/${fixture.setId}?practice=1`);
  await expect(page.getByRole("heading", { name: "测验进行中，暂不能练习" })).toBeVisible();
  await expect(page.locator('input[name="token"]')).toHaveCount(0);
  await page.getByRole("link", { name: "继续测验" }).click();
  await expect(page).toHaveURL(attemptUrl);
  await expect(page.getByRole("timer")).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await expect(page.getByRole("heading", { name: `第 ${i + 1} / 4 题` })).toBeVisible();
    const token = await currentToken(page);
    const { format, answer: correct } = await answerOf(token);
    const right = i % 2 === 0;
    if (format === "fill") {
      await fillBlanks(page, right ? correct : ["一百年"]);
      await page.getByRole("button", { name: "提交" }).click();
    } else {
      const labels = (await page.locator("fieldset label").allInnerTexts()).map((t) =>
        t.replace(/^\s*[A-H]\s*/, "").trim(),
      );
      const picks = right ? labels.filter((o) => correct.includes(o)) : [labels.find((o) => !correct.includes(o))!];
      for (const pick of picks) await page.locator("fieldset label").nth(labels.indexOf(pick)).click();
      await page.getByRole("button", { name: "提交" }).click();
    }
    // A quiz reveals nothing until it ends.
    await expect(page.getByText("已作答，交卷后公布答案。")).toBeVisible();
    await continueTo(page, "下一题");
  }
  await expect(page.getByRole("heading", { name: "测验结果" })).toBeVisible();
  await expect(page.getByText("50", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "错题（2）" })).toBeVisible();
  // Each mistake with its explanation and a link to the passage of its source.
  await expect(page.getByText(new RegExp(`^解析：解析-${tag}-`))).toHaveCount(2);
  const sourceLinks = page.getByRole("link", { name: /中华人民共和国保守国家秘密法/ });
  await expect(sourceLinks).toHaveCount(2);
  for (const link of await sourceLinks.all())
    await expect(link).toHaveAttribute("href", /\/documents\/[0-9a-f-]+#p-\d+$/);
});
