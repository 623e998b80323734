import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createUserInDatabase, logIn, sql, uniqueName } from "./support";

/** A small law the corpus does not contain, so every question built from it is new. */
function lawText(title: string): string {
  return `# ${title}

（2025年5月1日第十四届全国人民代表大会常务委员会第十五次会议通过）

## 第一章 总则

**第一条**\u3000为了规范档案示范管理工作，制定本法。

**第二条**\u3000档案工作实行统一领导、分级管理的原则。

## 第二章 档案的保管

**第三条**\u3000档案的保管期限，除另有规定外，长期档案不超过五十年，短期档案不超过十年。

**第四条**\u3000档案馆应当履行下列职责：

（一）收集和接收本馆保管范围内的档案；

（二）对所保存的档案严格按照规定整理和保管；

（三）采取各种形式开发档案资源。

## 第三章 附则

**第五条**\u3000本法自2026年3月1日起施行。
`;
}

test("an administrator uploads a law, builds a set from it, publishes it to a group, and only that group studies it", async ({
  page,
  browser,
}) => {
  const title = "中华人民共和国档案示范保管法";
  const fileName = `${uniqueName("law")}.md`;

  await logIn(page, await createUserInDatabase("admin"));
  await page.goto("/admin/documents");
  await expect(page.getByRole("heading", { name: "文档", exact: true })).toBeVisible();
  await page
    .getByLabel("选择文件")
    .setInputFiles({ name: fileName, mimeType: "text/markdown", buffer: Buffer.from(lawText(title)) });
  await expect(page.getByText(fileName)).toBeVisible();
  await page.getByRole("button", { name: "上传并导入" }).click();
  // While the server works the button is disabled: a second click cannot submit again.
  await expect(page.getByRole("button", { name: "正在导入…" })).toBeDisabled();
  const result = page.getByTestId("upload-result");
  // The whole bank is regenerated: this takes seconds on a busy machine.
  await expect(result).toContainText(fileName, { timeout: 120_000 });
  await expect(result).toContainText("已导入");
  await expect(result.getByRole("link", { name: `《${title}》` })).toBeVisible();
  const drafts = Number(
    await result.locator("dt", { hasText: "新增待审题目" }).locator("xpath=following-sibling::dd").innerText(),
  );
  expect(drafts).toBeGreaterThan(0);
  await expect(page.getByRole("row", { name: new RegExp(title) })).toBeVisible();

  // Review in the queue: this document's drafts, all approved at once after confirming the count.
  const documentId = (await result.getByRole("link", { name: `《${title}》` }).getAttribute("href"))!.split("/").pop()!;
  // 去审核 opens that document's drafts, not the whole queue.
  await page.getByRole("link", { name: "去审核" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/questions\\?document=${documentId}$`));
  const confirm = page.getByRole("dialog").getByRole("button", { name: `确认批准 ${drafts} 道` });
  // The dialog opens from a client-side handler: click again until the page is hydrated.
  await expect(async () => {
    await page.getByRole("button", { name: "全部批准" }).click();
    await expect(confirm).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await confirm.click();
  await expect(page.getByText(`已批准符合筛选条件的 ${drafts} 道题目。`)).toBeVisible();

  // A group with one learner in it, and a learner outside it.
  const member = await createUserInDatabase("learner", uniqueName("member"));
  const outsider = await createUserInDatabase("learner", uniqueName("outsider"));
  const groupName = `档案室${uniqueName("g").slice(-6)}`;
  const groupId = randomUUID();
  await sql(`insert into groups (id, name, invite_code, updated_at) values ($1, $2, $3, now())`, [
    groupId,
    groupName,
    uniqueName("INV").toUpperCase().slice(0, 12),
  ]);
  await sql(`insert into memberships (group_id, user_id) select $1, id from users where username = $2`, [
    groupId,
    member,
  ]);

  // Build the set from a filter: every approved question of the new law.
  const setTitle = `档案法专项 ${uniqueName("s").slice(-6)}`;
  await page.goto("/admin/sets");
  const create = page.getByRole("region", { name: "新建题集" });
  await create.getByLabel("标题").fill(setTitle);
  await create.getByLabel("文档").selectOption({ label: title });
  await expect(create.getByLabel("审核状态")).toHaveValue("approved");
  await create.getByRole("button", { name: "创建题集" }).click();
  await expect(page.getByRole("heading", { name: setTitle })).toBeVisible();
  const items = page.getByRole("list", { name: "题集中的题目" }).getByRole("listitem");
  await expect(items).toHaveCount(drafts);
  await expect(page.getByText(`按条件加入了 ${drafts} 道题`)).toBeVisible();

  // Order: the second question moves to the top.
  const secondStem = await items.nth(1).locator("p").first().innerText();
  await page.getByRole("button", { name: "上移第 2 题" }).click();
  await expect(items.first().locator("p").first()).toHaveText(secondStem);

  // Publish to the group only.
  const publish = page.getByRole("region", { name: "发布" });
  await publish.getByLabel("仅指定小组").check();
  await publish.getByRole("checkbox", { name: new RegExp(groupName) }).check();
  await publish.getByRole("button", { name: "发布 v1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已发布 v1，面向 1 个小组。" })).toBeVisible();
  const [set] = await sql<{ id: string }>(`select id from question_sets where title = $1`, [setTitle]);
  // Its points come before the demo sets' in a new learner's first session.
  await sql(
    `update question_sets set published_at = (select min(published_at) from question_sets) - interval '1 day' where id = $1`,
    [set!.id],
  );

  // The member sees the set and studies its questions.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await logIn(memberPage, member);
  await memberPage.goto("/sets");
  await expect(memberPage.getByRole("link", { name: new RegExp(setTitle) })).toBeVisible();
  await memberPage.goto("/study");
  const token = await memberPage.locator('input[name="token"]').first().inputValue();
  const [shown] = await sql<{ in_set: boolean }>(
    `select exists(select 1 from set_items si where si.set_id = $2 and si.question_id = p.question_id) as in_set from presentations p where p.token = $1`,
    [token, set!.id],
  );
  expect(shown?.in_set).toBe(true);
  await memberContext.close();

  // The outsider neither sees it nor can open it.
  const outsiderContext = await browser.newContext();
  const outsiderPage = await outsiderContext.newPage();
  await logIn(outsiderPage, outsider);
  await outsiderPage.goto("/sets");
  await expect(outsiderPage.getByRole("heading", { name: "题集" })).toBeVisible();
  await expect(outsiderPage.getByRole("link", { name: new RegExp(setTitle) })).toHaveCount(0);
  const direct = await outsiderPage.goto(`/sets/${set!.id}`);
  expect(direct?.status()).toBe(404);
  await outsiderContext.close();
});
