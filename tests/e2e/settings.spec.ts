import { expect, test } from "@playwright/test";
import { PASSWORD, createUserInDatabase, logIn } from "./support";

const NEW_PASSWORD = "changed-password-456";

test("change the daily limit and the password, then log in with the new password @phone", async ({ page }) => {
  const username = await createUserInDatabase("learner");
  await logIn(page, username);
  await page.goto("/settings");

  const study = page.getByRole("region", { name: "学习设置" });
  await expect(study.getByLabel("每日新题上限")).toHaveValue("10");
  await expect(study.getByLabel("目标保持率")).toHaveValue("0.9");
  await expect(study.getByLabel("时区")).toHaveValue("Asia/Shanghai");
  await expect(study.getByText("调得越高，忘得越少，但每天要复习的题目越多")).toBeVisible();

  // A limit out of range is refused next to its field.
  await study.getByLabel("每日新题上限").fill("60");
  await study.getByRole("button", { name: "保存" }).click();
  await expect(page.locator("#field-dailyNewLimit-error")).toHaveText("请输入 0 到 50 之间的整数");
  await expect(study.getByLabel("每日新题上限")).toHaveAttribute("aria-invalid", "true");

  await study.getByLabel("每日新题上限").fill("20");
  await study.getByLabel("目标保持率").selectOption("0.85");
  await study.getByRole("button", { name: "保存" }).click();
  await expect(study.getByRole("status")).toHaveText("已保存，下次学习时生效");
  await page.reload();
  await expect(study.getByLabel("每日新题上限")).toHaveValue("20");
  await expect(study.getByLabel("目标保持率")).toHaveValue("0.85");

  const password = page.getByRole("region", { name: "修改密码" });
  await password.getByLabel("当前密码").fill("not-the-password");
  await password.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
  await password.getByLabel("确认新密码").fill(NEW_PASSWORD);
  await password.getByRole("button", { name: "修改密码" }).click();
  await expect(page.locator("#field-currentPassword-error")).toHaveText("当前密码不正确");

  await password.getByLabel("当前密码").fill(PASSWORD);
  await password.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
  await password.getByLabel("确认新密码").fill(NEW_PASSWORD);
  await password.getByRole("button", { name: "修改密码" }).click();
  await expect(password.getByRole("status")).toHaveText("密码已修改，其他设备上的登录已退出");
  await expect(password.getByLabel("当前密码")).toHaveValue("");

  // This browser stays signed in with its fresh session.
  await page.goto("/progress");
  await expect(page).toHaveURL(/\/progress$/);
  await expect(page.getByRole("heading", { name: "学习进度" })).toBeVisible();

  await page.getByRole("button", { name: "退出" }).click();
  // The logout redirect must land before the next navigation, or it overtakes it.
  await expect(page.getByRole("link", { name: "登录" }).first()).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toHaveText("用户名或密码不正确。");

  await logIn(page, username, NEW_PASSWORD);
  await page.goto("/settings");
  await expect(page.getByRole("region", { name: "学习设置" }).getByLabel("每日新题上限")).toHaveValue("20");
});

test("a new learner's progress page says where to start", async ({ page }) => {
  await logIn(page, await createUserInDatabase("learner"));
  await page.goto("/progress");
  await expect(page.getByRole("heading", { name: "还没有学习记录" })).toBeVisible();
  await page.getByRole("link", { name: "开始今日学习" }).last().click();
  await expect(page).toHaveURL(/\/study$/);
});
