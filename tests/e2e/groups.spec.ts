import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createUserInDatabase, logIn, signUp, sql, uniqueName } from "./support";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const inviteCode = () =>
  Array.from({ length: 8 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join("");

/** A group with a manager, members with different amounts of recent study, and an assignment on a corpus set. */
async function groupFixture(name: string) {
  const groupId = randomUUID();
  const code = inviteCode();
  await sql(`insert into groups (id, name, invite_code, updated_at) values ($1, $2, $3, now())`, [groupId, name, code]);
  const [set] = await sql<{ id: string; title: string }>(
    `select s.id, s.title from question_sets s where s.status = 'published' and exists (select 1 from set_items i where i.set_id = s.id) order by s.title limit 1`,
  );
  if (!set) throw new Error("no published set in the corpus");
  await sql(
    `insert into assignments (id, set_id, group_id, opens_at, due_at) values ($1, $2, $3, now() - interval '3 days', now() + interval '4 days')
             on conflict (set_id, group_id) do nothing`,
    [randomUUID(), set.id, groupId],
  );
  const manager = await createUserInDatabase("learner", uniqueName("mgr"));
  await sql(
    `insert into memberships (group_id, user_id, role) select $1, id, 'manager' from users where username = $2`,
    [groupId, manager],
  );
  const [point] = await sql<{ kp: string; q: string }>(
    `select q.knowledge_point_id as kp, q.id as q from set_items i join questions q on q.id = i.question_id where i.set_id = $1 limit 1`,
    [set.id],
  );
  // 张 studies most, 李 some, 王 not at all: sorting by reviews puts them in that order.
  for (const [display, reviews] of [
    ["王五", 0],
    ["张三", 9],
    ["李四", 4],
  ] as const) {
    const userId = randomUUID();
    await sql(
      `insert into users (id, username, display_name, password_hash, updated_at) values ($1, $2, $3, 'x', now())`,
      [userId, uniqueName("m"), display],
    );
    // Joined a month ago: a report counts a member's activity since joining only.
    await sql(
      `insert into memberships (group_id, user_id, role, joined_at) values ($1, $2, 'member', now() - interval '30 days')`,
      [groupId, userId],
    );
    if (reviews === 0) continue;
    const cardId = randomUUID();
    await sql(
      `insert into cards (id, user_id, knowledge_point_id, state, due, stability, difficulty, reps, last_review) values ($1, $2, $3, 'review', now() + interval '3 days', 5, 5, 2, now() - interval '1 day')`,
      [cardId, userId, point!.kp],
    );
    await sql(
      `insert into reviews (user_id, card_id, knowledge_point_id, question_id, answer, correct, rating, duration_ms, was_due, state_before, state_after, study_day, reviewed_at)
       select $1, $2, $3, $4, '[]', g % 3 <> 0, 3, 3000, true, '{}', '{}', to_char(now() - interval '1 day', 'YYYY-MM-DD'), now() - interval '1 day' - g * interval '1 minute'
       from generate_series(1, $5::int) g`,
      [userId, cardId, point!.kp, point!.q, reviews],
    );
  }
  return { groupId, code, manager, set };
}

test("a manager opens the report, sorts members, filters by date and downloads a CSV", async ({ page }) => {
  const { groupId, manager } = await groupFixture(uniqueName("报告组"));
  await logIn(page, manager);
  await page.goto("/groups");
  await page.getByRole("link", { name: "查看报告" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/groups/${groupId}/report$`));
  await expect(page.getByRole("heading", { name: "小组学习报告" })).toBeVisible();
  await expect(page.getByText("本周活跃")).toBeVisible();

  const table = page.getByTestId("members-table");
  const names = () => table.locator("tbody th").allInnerTexts();
  // Default: most reviews in the last 7 days first.
  await expect.poll(async () => (await names()).map((n) => n.slice(0, 2))).toEqual(["张三", "李四", "王五"]);
  await table.getByRole("button", { name: /近7天复习/ }).click();
  await expect.poll(async () => (await names()).map((n) => n.slice(0, 2))).toEqual(["王五", "李四", "张三"]);
  await expect(table.getByRole("columnheader", { name: /近7天复习/ })).toHaveAttribute("aria-sort", "ascending");
  await page.getByPlaceholder("搜索姓名或用户名").fill("李");
  await expect.poll(async () => (await names()).map((n) => n.slice(0, 2))).toEqual(["李四"]);
  await page.getByPlaceholder("搜索姓名或用户名").fill("");

  // A range that ended before anyone studied: no reviews in it.
  await page.getByLabel("开始日期").fill("2024-01-01");
  await page.getByLabel("结束日期").fill("2024-01-31");
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/from=2024-01-01&to=2024-01-31/);
  await expect(page.getByText("2024年1月1日至2024年1月31日（31 天）")).toBeVisible();
  await expect(page.getByText("区间内没有到期复习")).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await page.locator("#members").getByRole("link", { name: "导出 CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/成员-2024-01-01_2024-01-31\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.split("\r\n")[0]).toMatch(/^姓名,用户名,加入时间,最近学习日,连续学习天数,近7天复习次数/);
  expect(text).toContain("张三");
});

test("a learner joins a group by invite link and sees its assignment @phone", async ({ page }) => {
  const { groupId, code, set } = await groupFixture(uniqueName("邀请组"));
  const learner = uniqueName("joiner");
  await signUp(page, learner);
  await page.goto(`/join/${code}`);
  await page.getByRole("button", { name: "加入小组" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${groupId}$`));
  await expect(page.getByRole("link", { name: set.title })).toBeVisible();
  await expect(page.getByText("未开始")).toBeVisible();
  // The member sees no member list and no invite code.
  await expect(page.getByText("成员管理")).toHaveCount(0);
  await expect(page.getByTestId("invite-code")).toHaveCount(0);

  await page.goto("/groups");
  await expect(page.getByRole("link", { name: set.title })).toHaveAttribute("href", `/sets/${set.id}`);
  // The report stays closed to members.
  const response = await page.goto(`/groups/${groupId}/report`);
  expect(response?.status()).toBe(403);
});

test("a manager invites by username; the learner accepts on the home page, another declines on 小组 @phone", async ({
  browser,
}) => {
  const { groupId, manager } = await groupFixture(uniqueName("邀请制"));
  const invited = await createUserInDatabase("learner", uniqueName("yq"));
  const refuser = await createUserInDatabase("learner", uniqueName("jj"));
  const managerPage = await (await browser.newContext()).newPage();
  await logIn(managerPage, manager);
  await managerPage.goto(`/groups/${groupId}`);
  const members = managerPage.getByRole("region", { name: "成员管理" });
  // A real name, an unknown one and another real one get the same words.
  for (const name of [invited, uniqueName("nobody"), refuser]) {
    await members.getByLabel("用户名").fill(name);
    await members.getByRole("button", { name: "邀请" }).click();
    await expect(members.getByRole("status")).toHaveText(
      "如该用户存在且尚未加入本小组，邀请已发送。对方接受后才会成为成员。",
    );
    // The field empties once the answer is in, ready for the next name.
    await expect(members.getByLabel("用户名")).toHaveValue("");
  }
  // Invited is not joined: the member list does not name them.
  await managerPage.reload();
  await expect(members.getByText(invited)).toHaveCount(0);

  const learnerPage = await (await browser.newContext()).newPage();
  await logIn(learnerPage, invited);
  await learnerPage.goto("/");
  const invitation = learnerPage.getByRole("region", { name: "小组邀请" });
  await expect(invitation).toContainText(manager);
  await invitation.getByRole("button", { name: "接受" }).click();
  await expect(learnerPage).toHaveURL(new RegExp(`/groups/${groupId}$`));
  await expect(learnerPage.getByRole("button", { name: "退出小组" })).toBeVisible();
  await learnerPage.goto("/");
  await expect(learnerPage.getByRole("region", { name: "小组邀请" })).toHaveCount(0);

  const refuserPage = await (await browser.newContext()).newPage();
  await logIn(refuserPage, refuser);
  await refuserPage.goto("/groups");
  await refuserPage.getByRole("region", { name: "小组邀请" }).getByRole("button", { name: "拒绝" }).click();
  await expect(refuserPage).toHaveURL(/\/groups$/);
  await expect(refuserPage.getByRole("region", { name: "小组邀请" })).toHaveCount(0);
  expect((await refuserPage.goto(`/groups/${groupId}`))?.status()).toBe(403);

  await managerPage.reload();
  await expect(members.getByRole("link", { name: invited })).toBeVisible();
  await expect(members.getByText(refuser)).toHaveCount(0);
});

test("an administrator creates a group once (the form empties), renames and archives it @phone", async ({ page }) => {
  const admin = await createUserInDatabase("admin");
  await logIn(page, admin);
  await page.goto("/admin/groups");
  const name = uniqueName("理论学习组");
  const form = page.getByRole("form", { name: "创建小组" });
  await form.getByLabel("小组名称").fill(name);
  await form.getByRole("button", { name: "创建小组" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已创建小组“${name}”` })).toBeVisible();
  // The form is empty again: a second click creates nothing.
  await expect(form.getByLabel("小组名称")).toHaveValue("");
  await expect(form.getByLabel("时区")).toHaveValue("Asia/Shanghai");
  await form.getByRole("button", { name: "创建小组" }).click();
  await expect(page.getByText("请输入小组名称")).toBeVisible();
  // The same name typed again is refused with a clear message.
  await form.getByLabel("小组名称").fill(` ${name.toUpperCase()} `);
  await form.getByRole("button", { name: "创建小组" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `已有同名小组“${name}”` })).toBeVisible();
  expect(
    (await sql<{ n: string }>(`select count(*)::text as n from groups where name_key = lower($1)`, [name]))[0]?.n,
  ).toBe("1");

  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await card.getByText("重命名").click();
  const renamed = `${name}（新）`;
  await card.getByLabel("新名称").fill(renamed);
  await card.getByRole("button", { name: "保存名称" }).click();
  const renamedCard = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: renamed }) });
  await expect(renamedCard.getByRole("status").filter({ hasText: `已改名为“${renamed}”` })).toBeVisible();

  await renamedCard.getByRole("button", { name: `归档小组 ${renamed}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "确认归档" }).click();
  await expect(renamedCard.getByText("已归档", { exact: true })).toBeVisible();
  await expect(renamedCard.getByRole("button", { name: "恢复" })).toBeVisible();
  await page.screenshot({
    path: `tests/.artifacts/screens/admin-groups-${test.info().project.name}.png`,
    fullPage: true,
  });
});
