import { expect, test } from "@playwright/test";
import { createUserInDatabase, logIn, sql } from "./support";

test("an administrator confirms before making someone an administrator; a reset password must be changed at once", async ({
  page,
  browser,
}) => {
  const learner = await createUserInDatabase("learner");
  await logIn(page, await createUserInDatabase("admin"));
  await page.goto(`/admin/users?q=${learner}`);
  const role = async () =>
    (await sql<{ role: string }>(`select role::text from users where username = $1`, [learner]))[0]!.role;

  // Making an administrator is a dialog away: cancel changes nothing.
  await page.getByRole("button", { name: "设为管理员" }).click();
  const dialog = page.getByRole("dialog", { name: `将 ${learner} 设为管理员？` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("重置任何用户的密码")).toBeVisible();
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  expect(await role()).toBe("learner");
  await page.getByRole("button", { name: "设为管理员" }).click();
  await dialog.getByRole("button", { name: "确认设为管理员" }).click();
  await expect.poll(role).toBe("admin");
  await expect(page.getByRole("button", { name: "改为学员" })).toBeVisible();

  // A reset: the temporary password works once, for the settings page only, until it is changed.
  await page.getByText("重置密码", { exact: true }).click();
  await page.getByRole("button", { name: "生成临时密码" }).click();
  const temporary = (await page.getByTestId("temporary-password").innerText()).trim();
  expect(temporary).toMatch(/^[A-Za-z2-9]{12}$/);

  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto("/login");
  await user.getByLabel("用户名").fill(learner);
  await user.getByLabel("密码").fill(temporary);
  await user.getByRole("button", { name: "登录" }).click();
  await expect(user).toHaveURL(/\/settings$/);
  await expect(user.getByRole("alert").filter({ hasText: "请先修改密码" })).toBeVisible();
  await user.goto("/admin");
  await expect(user).toHaveURL(/\/settings$/);
  await user.getByLabel("当前密码").fill(temporary);
  await user.getByLabel("新密码", { exact: true }).fill("a-new-password-42");
  await user.getByLabel("确认新密码").fill("a-new-password-42");
  await user.getByRole("button", { name: "修改密码" }).click();
  await expect(user.getByRole("status").filter({ hasText: "密码已修改" })).toBeVisible();
  await expect(user.getByText("请先修改密码")).toHaveCount(0);
  await user.goto("/admin");
  await expect(user).toHaveURL(/\/admin$/);
  await context.close();
});
