import { expect, test } from "@playwright/test";
import { PASSWORD, createUserInDatabase, logIn, uniqueName } from "./support";

test("an anonymous visitor learns what Xueer is and can sign up @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("学而");
  await expect(page.getByRole("link", { name: "注册" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "登录" }).first()).toBeVisible();
});

test("sign up, see where to start, log out, log back in", async ({ page }) => {
  const username = uniqueName("learner");
  await page.goto("/signup");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名（选填）").fill("李四");
  await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
  await page.getByLabel("确认密码").fill(PASSWORD);
  await page.getByRole("button", { name: "注册" }).click();

  // A brand-new account is welcomed, not welcomed back (issue 18).
  await expect(page.getByRole("heading", { name: "欢迎来到学而，李四" })).toBeVisible();
  await expect(page.getByRole("link", { name: "开始今日学习" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "学习" })).toBeVisible();
  await expect(page.getByRole("link", { name: "管理" })).toHaveCount(0);

  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("link", { name: "登录" }).first()).toBeVisible();

  await logIn(page, username);
  await expect(page.getByRole("heading", { name: /^欢迎(来到学而|回来)，李四$/ })).toBeVisible();
});

test("form errors appear next to their fields in Chinese", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("用户名").fill("a");
  await page.getByLabel("密码", { exact: true }).fill("short");
  await page.getByLabel("确认密码").fill("different");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.locator("#field-username-error")).toHaveText("用户名至少 2 个字符");
  await expect(page.locator("#field-password-error")).toHaveText("密码至少 8 个字符");
  await expect(page.getByLabel("用户名")).toHaveAttribute("aria-invalid", "true");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const username = await createUserInDatabase("learner");
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toHaveText("用户名或密码不正确。");
});

test("guards: anonymous → login and back; learner → no admin; admin → admin", async ({ page }) => {
  await page.goto("/progress");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fprogress$/);
  const learner = await createUserInDatabase("learner");
  await page.getByLabel("用户名").fill(learner);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/progress$/);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();

  await page.context().clearCookies();
  await logIn(page, await createUserInDatabase("admin"));
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "管理" }).click();
  await expect(page.getByRole("heading", { name: "管理", exact: true })).toBeVisible();
});

test("退出所有设备 ends the sessions of other browsers too", async ({ page, browser }) => {
  const username = await createUserInDatabase("learner");
  await logIn(page, username);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, username);

  await page.goto("/settings");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "退出所有设备" }).click();
  await expect(page.getByRole("link", { name: "登录" }).first()).toBeVisible();

  await otherPage.goto("/study");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test("unknown pages answer 404 in Chinese", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("/healthz reports the database and mutations from another site are refused", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true });

  const forged = await request.post("/logout", {
    headers: { Origin: "https://evil.example" },
    form: { scope: "everywhere" },
  });
  expect(forged.status()).toBe(403);
});
