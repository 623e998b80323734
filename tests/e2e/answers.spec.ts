import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUp, sql, uniqueName } from "./support";

const ITEMS = [
  "非法获取、持有国家秘密载体的",
  "买卖、转送或者私自销毁国家秘密载体的",
  "通过普通邮政、快递等无保密措施的渠道传递国家秘密载体的",
  "寄递、托运国家秘密载体出境的",
];

/** A published set with one 多选 whose options hold "、" and whose quote is the article's lead-in only. */
async function multipleChoiceSet(tag: string): Promise<string> {
  const [law] = await sql<{ id: string; key: string }>(
    `select d.id, p.key from documents d join passages p on p.document_id = d.id where d.kind = 'law' limit 1`,
  );
  const setId = randomUUID();
  const kp = randomUUID();
  await sql(
    `insert into question_sets (id, title, status, published_at, updated_at) values ($1, $2, 'published', now(), now())`,
    [setId, `多选 ${tag}`],
  );
  await sql(
    `insert into knowledge_points (id, fingerprint, kind, document_id, passage_key, quote, answer, subject, data, updated_at)
     values ($1, $2, 'provision', $3, $4, '有下列行为之一的，依法给予处分：', $5, $6, $7, now())`,
    [kp, `e2e-${tag}-multi`, law!.id, law!.key, ITEMS[0], `${tag}-multi`, JSON.stringify({ items: ITEMS })],
  );
  await sql(
    `insert into questions (id, key, knowledge_point_id, format, stem, options, answer, explanation, source_path, source_quote, status, score, generator_version, updated_at)
     values ($1, $2, $3, 'multiple', $4, $5, $6, '', '{第四十八条}', '有下列行为之一的，依法给予处分：', 'approved', 1, 'e2e', now())`,
    [
      randomUUID(),
      `e2e-${tag}-multi-q`,
      kp,
      `【${tag}】下列行为中，依法给予处分的有（ ）。`,
      [...ITEMS.slice(0, 3), "经批准携带国家秘密载体出境的"],
      ITEMS.slice(0, 3),
    ],
  );
  await sql(`insert into set_items (set_id, question_id, position) select $1, id, 0 from questions where key = $2`, [
    setId,
    `e2e-${tag}-multi-q`,
  ]);
  return setId;
}

test("a 多选's correct options are a list marking the learner's picks, and the quote shows the listed items @phone", async ({
  page,
}) => {
  const tag = uniqueName("multi");
  const setId = await multipleChoiceSet(tag);
  await signUp(page, uniqueName("reader"));
  await page.goto(`/sets/${setId}?practice=1`);
  // One right pick, one wrong pick, two right options missed.
  await page.locator("fieldset label").filter({ hasText: ITEMS[0]! }).click();
  await page.locator("fieldset label").filter({ hasText: "经批准携带国家秘密载体出境的" }).click();
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").filter({ hasText: "回答错误" })).toBeVisible();

  const correct = page.getByRole("list", { name: "正确答案" }).getByRole("listitem");
  await expect(correct).toHaveCount(3);
  await expect(correct.nth(0)).toContainText(ITEMS[0]!);
  await expect(correct.filter({ hasText: ITEMS[0]! })).toContainText("你选了");
  await expect(correct.filter({ hasText: ITEMS[1]! })).toContainText("漏选");
  await expect(correct.filter({ hasText: ITEMS[2]! })).toContainText("漏选");
  await expect(page.getByRole("list", { name: "错选的选项" }).getByRole("listitem")).toHaveText([
    "✗经批准携带国家秘密载体出境的",
  ]);
  // The lead-in quote with the items it leads into.
  const listed = page.getByRole("list", { name: "所列各项" }).getByRole("listitem");
  await expect(listed).toHaveCount(4);
  await expect(listed.nth(3)).toContainText(ITEMS[3]!);
  await page.screenshot({
    path: `tests/.artifacts/screens/multiple-feedback-${test.info().project.name}.png`,
    fullPage: true,
  });
});
