import { randomBytes, randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../app/auth/password.server";

export const PASSWORD = "e2e-password-123";

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(3).toString("hex")}`;
}

/** Creates a user straight in the app's database, e.g. an administrator no page can create. */
export async function createUserInDatabase(role: "learner" | "admin", username = uniqueName(role)): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `insert into users (id, username, display_name, role, password_hash, updated_at) values ($1, $2, $2, $3, $4, now())`,
      [randomUUID(), username, role, await hashPassword(PASSWORD)],
    );
  } finally {
    await client.end();
  }
  return username;
}

export async function logIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
}
