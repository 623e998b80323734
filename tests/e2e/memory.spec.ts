import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { default_w } from "ts-fsrs";
import { createUserInDatabase, logIn, sql } from "./support";

/** A learner with 40 studied cards, a review each, and a fitted parameter set (as a fit stores it). */
async function learnerWithFittedParameters(): Promise<string> {
  const username = await createUserInDatabase("learner");
  const [user] = await sql<{ id: string }>(`select id from users where username = $1`, [username]);
  const userId = user!.id;
  const points = await sql<{ id: string; question: string }>(
    `select kp.id, (select q.id from questions q where q.knowledge_point_id = kp.id limit 1) as question
       from knowledge_points kp where exists (select 1 from questions q where q.knowledge_point_id = kp.id) order by kp.id limit 40`,
  );
  const now = Date.now();
  for (const [i, point] of points.entries()) {
    const cardId = randomUUID();
    const last = new Date(now - (1 + (i % 9)) * 86_400_000);
    const stability = 2 + (i % 7) * 4;
    await sql(
      `insert into cards (id, user_id, knowledge_point_id, state, due, stability, difficulty, reps, lapses, last_review, created_at)
       values ($1, $2, $3, 'review', $4, $5, 5, 3, 0, $6, $6)`,
      [cardId, userId, point.id, new Date(last.getTime() + stability * 86_400_000), stability, last],
    );
    await sql(
      `insert into reviews (user_id, card_id, knowledge_point_id, question_id, mode, answer, correct, rating, duration_ms, was_due, state_before, state_after, study_day, reviewed_at)
       values ($1, $2, $3, $4, 'study', '[]', true, 3, 4000, true, '{}', '{}', to_char(($5::timestamptz at time zone 'Asia/Shanghai') - interval '4 hours', 'YYYY-MM-DD'), $5)`,
      [userId, cardId, point.id, point.question, last],
    );
  }
  const fitted = [...default_w];
  fitted[20] = 0.2;
  await sql(
    `insert into fsrs_parameter_sets (id, user_id, parameters, reviews_used, log_loss_before, rmse_before, log_loss_after, rmse_after, optimizer_version)
     values ($1, $2, $3, 1234, 0.5123, 0.09, 0.4711, 0.05, '@open-spaced-repetition/binding@0.5.0')`,
    [randomUUID(), userId, fitted],
  );
  return username;
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("a learner with fitted parameters sees them, predicted recall and the workload chart on /settings and /progress @phone", async ({
  page,
}, testInfo) => {
  const username = await learnerWithFittedParameters();
  await logIn(page, username);

  await page.goto("/settings");
  const memory = page.getByRole("region", { name: "记忆参数" });
  await expect(memory.getByTestId("memory-headline")).toHaveText(
    "记忆参数已个性化：基于1234次复习，预测误差从0.512降到0.471",
  );
  await expect(memory.getByText("今天预计能回忆")).toBeVisible();
  await expect(memory.getByText("30 天后（若不复习）")).toBeVisible();
  const chart = memory.getByRole("img", {
    name: /^未来 30 天每天复习量估计：目标保持率 80% 到 97%，当前 90% 约每天 [\d.]+ 次$/,
  });
  await expect(chart).toBeVisible();
  // One bar per retention 80 %…97 %, with ticks under some of them.
  await expect(chart.locator("title")).toHaveCount(18);
  await expect(chart.getByText("97%", { exact: true })).toBeVisible();
  const box = await chart.boundingBox();
  expect(box!.width).toBeGreaterThan(250);
  await expect(memory.getByRole("button", { name: "优化记忆参数" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  // For a look at the layout (kept with the run's artifacts).
  await memory.screenshot({ path: testInfo.outputPath("settings-memory.png") });

  await page.goto("/progress");
  const card = page.getByRole("region", { name: "记忆参数与复习量" });
  await expect(card.getByTestId("memory-headline")).toHaveText(
    "记忆参数已个性化：基于1234次复习，预测误差从0.512降到0.471",
  );
  await expect(card.getByTestId("workload-chart").getByRole("img")).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("a manager sees members with fitted parameters and the group's predicted recall beside true retention @phone", async ({
  page,
}) => {
  const groupId = randomUUID();
  await sql(`insert into groups (id, name, invite_code, updated_at) values ($1, $2, $3, now())`, [
    groupId,
    `记忆组${groupId.slice(0, 6)}`,
    groupId.slice(0, 8).toUpperCase(),
  ]);
  const [set] = await sql<{ id: string; title: string }>(
    `select s.id, s.title from question_sets s where s.status = 'published' and exists (select 1 from set_items i where i.set_id = s.id) order by s.title limit 1`,
  );
  await sql(
    `insert into assignments (id, set_id, group_id, opens_at, due_at) values ($1, $2, $3, now() - interval '1 day', now() + interval '6 days')`,
    [randomUUID(), set!.id, groupId],
  );
  const manager = await createUserInDatabase("learner");
  await sql(
    `insert into memberships (group_id, user_id, role) select $1, id, 'manager' from users where username = $2`,
    [groupId, manager],
  );
  const fitted = await learnerWithFittedParameters();
  await sql(
    `insert into memberships (group_id, user_id, role, joined_at) select $1, id, 'member', now() - interval '60 days' from users where username = $2`,
    [groupId, fitted],
  );
  const idle = randomUUID();
  await sql(
    `insert into users (id, username, display_name, password_hash, updated_at) values ($1, $2, '王五', 'x', now())`,
    [idle, `idle_${idle.slice(0, 6)}`],
  );
  await sql(
    `insert into memberships (group_id, user_id, role, joined_at) values ($1, $2, 'member', now() - interval '60 days')`,
    [groupId, idle],
  );

  await logIn(page, manager);
  await page.goto(`/groups/${groupId}/report`);
  const memory = page.getByRole("region", { name: "记忆预测" });
  await expect(memory.getByText("已个性化记忆参数")).toBeVisible();
  await expect(memory.getByText("/ 2 人")).toBeVisible();
  await expect(memory.getByText("预计现在能回忆")).toBeVisible();
  await expect(memory.getByText("实测真实保持率（近 30 天）")).toBeVisible();
  // The fixture's 40 due reviews were all answered right.
  await expect(memory.getByText("到期复习 40 次，答对 40 次")).toBeVisible();
  await expect(memory.getByRole("listitem").filter({ hasText: "王五" })).toContainText(`${set!.title}`);
  await expect(memory.getByRole("listitem").filter({ hasText: "王五" })).toContainText("预计记得 0% · 已学 0/");
  const box = await memory.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
});
