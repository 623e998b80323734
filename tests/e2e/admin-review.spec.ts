import { expect, test } from "@playwright/test";
import { createUserInDatabase, logIn, sql } from "./support";

const FORMAT_LABELS: Record<string, string> = {
  single: "单选题",
  multiple: "多选题",
  truefalse: "判断题",
  fill: "填空题",
};

test("an administrator filters the queue, approves by keyboard, bulk-rejects after confirming, and edits with history", async ({
  page,
}) => {
  // The harness imported the corpus and approved part of it: pick a document and format with drafts left.
  const [target] = await sql<{ document_id: string; title: string; format: string; drafts: number }>(
    `select kp.document_id, d.title, q.format::text as format, count(*)::int as drafts
     from questions q join knowledge_points kp on kp.id = q.knowledge_point_id join documents d on d.id = kp.document_id
     where q.status = 'draft' and q.format <> 'single'
     group by 1, 2, 3 having count(*) between 3 and 40 order by count(*) desc limit 1`,
  );
  expect(target, "the e2e corpus has drafts").toBeTruthy();
  const { document_id: documentId, format, drafts } = target!;

  await logIn(page, await createUserInDatabase("admin"));
  await page.goto("/admin/questions");
  await expect(page.getByRole("heading", { name: "题目审核" })).toBeVisible();
  await expect(page.getByText("键盘操作：")).toBeVisible();

  const filters = page.getByRole("search", { name: "筛选题目" });
  await filters.getByLabel("文档").selectOption(documentId);
  await filters.getByLabel("题型").selectOption(format);
  await filters.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(new RegExp(`document=${documentId}.*format=${format}`));
  const rows = page.locator("article[data-question-id]");
  await expect(rows).toHaveCount(Math.min(drafts, 25));
  await expect(page.getByText(`共 ${drafts} 道`)).toBeVisible();
  for (const badge of await rows.evaluateAll((els) =>
    els.map((el) => el.querySelector("span.bg-stone-100")?.textContent),
  )) {
    expect(badge).toBe(FORMAT_LABELS[format]);
  }
  // The source passage sits beside the question, its quoted sentence highlighted, linked into the document.
  await expect(rows.first().locator("blockquote mark")).toBeVisible();
  await expect(rows.first().getByRole("link", { name: target!.title })).toHaveAttribute(
    "href",
    new RegExp(`^/documents/${documentId}#p-\\d+$`),
  );

  // Keyboard: j focuses the first question, a approves it and moves on.
  await page.keyboard.press("j");
  const first = rows.first();
  await expect(first).toBeFocused();
  const firstId = (await first.getAttribute("data-question-id"))!;
  await page.keyboard.press("a");
  await expect(page.getByRole("status").filter({ hasText: "已批准 1 道题目。" })).toBeVisible();
  await expect(page.locator(`article[data-question-id="${firstId}"]`)).toHaveCount(0);
  expect(
    (await sql<{ status: string }>(`select status::text from questions where id = $1`, [firstId]))[0]!.status,
  ).toBe("approved");
  await expect(page.getByText(`共 ${drafts - 1} 道`)).toBeVisible();

  // Bulk: the count is shown and confirmed before every matching draft is rejected.
  const remaining = drafts - 1;
  await page.getByRole("button", { name: "全部拒绝" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `确认拒绝 ${remaining} 道题目？` })).toBeVisible();
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  expect(
    (
      await sql(
        `select 1 from questions q join knowledge_points kp on kp.id = q.knowledge_point_id where kp.document_id = $1 and q.format::text = $2 and q.status = 'rejected'`,
        [documentId, format],
      )
    ).length,
  ).toBe(0);
  await page.getByRole("button", { name: "全部拒绝" }).click();
  await dialog.getByRole("button", { name: `确认拒绝 ${remaining} 道` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `已拒绝符合筛选条件的 ${remaining} 道题目。` }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "没有待审核的题目" })).toBeVisible();
  const after = await sql<{ status: string; n: number }>(
    `select q.status::text as status, count(*)::int as n from questions q join knowledge_points kp on kp.id = q.knowledge_point_id
     where kp.document_id = $1 and q.format::text = $2 and q.id <> $3 and q.status in ('draft', 'rejected') group by 1`,
    [documentId, format, firstId],
  );
  expect(after).toEqual([{ status: "rejected", n: remaining }]);

  // Edit: e opens the focused question; an invalid stem is refused beside the field, then a valid one is saved.
  await page.goto("/admin/questions?format=single");
  // The keys work once the page is hydrated: press j until the first question takes the focus.
  await expect(async () => {
    await page.keyboard.press("j");
    await expect(rows.first()).toBeFocused({ timeout: 500 });
  }).toPass();
  const editedId = (await rows.first().getAttribute("data-question-id"))!;
  await page.keyboard.press("e");
  await expect(page).toHaveURL(new RegExp(`/admin/questions/${editedId}\\?back=`));
  await expect(page.getByRole("heading", { name: "编辑题目" })).toBeVisible();
  const stem = page.getByLabel("题干");
  const original = await stem.inputValue();
  await stem.fill("");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.locator("#stem-error")).toHaveText("请填写题干");
  await expect(stem).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("还没有人工修改或审核。")).toBeVisible();

  const revised = `【已核对】${original}`;
  await stem.fill(revised);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存，修改记录见下方。" })).toBeVisible();
  const history = page.getByRole("region", { name: "修改记录" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history.getByText(`修改后：${revised}`, { exact: true })).toBeVisible();
  await expect(history.getByText(`修改前：${original}`, { exact: true })).toBeVisible();
  const [stored] = await sql<{ stem: string; edited: boolean }>(
    `select stem, edited_at is not null as edited from questions where id = $1`,
    [editedId],
  );
  expect(stored).toEqual({ stem: revised, edited: true });

  await page.getByRole("link", { name: "← 返回审核队列" }).click();
  await expect(page).toHaveURL(/\/admin\/questions\?format=single$/);
});

test("a learner asking for the review queue gets 403", async ({ page }) => {
  await logIn(page, await createUserInDatabase("learner"));
  const response = await page.goto("/admin/questions");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
});
