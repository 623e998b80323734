import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import {
  PASSWORD,
  answerOf,
  assignToLearner,
  createFormatSet,
  createUserInDatabase,
  logIn,
  sql,
  uniqueName,
} from "./support";

// React 18.3's Node renderer wrote zero bytes in place of a multi-byte character that straddled a
// 2 KB chunk (react#31134): `value="核心要\0\0素"`, which Chromium shows as `核心要��素`. Every page of
// every role is fetched by Chromium and its raw HTML must hold neither U+0000 nor U+FFFD.

const BAD = /[\u0000\uFFFD]/;

/** The page's raw HTML as Chromium received it, and where it is corrupted (null when clean). */
async function corruption(page: Page, path: string, status = 200): Promise<string | null> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expect(response!.status(), `${path} status`).toBe(status);
  const bytes = await response!.body();
  // The pages here are long Chinese documents: more than one 2 KB chunk, so boundaries were crossed.
  if (status === 200) expect(bytes.length, `${path} length`).toBeGreaterThan(2048);
  // fatal: a broken UTF-8 sequence is an error too, not a silent U+FFFD.
  const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  const at = html.search(BAD);
  return at === -1 ? null : `${path}: ${JSON.stringify(html.slice(Math.max(0, at - 30), at + 30))}`;
}

async function firstId(query: string, values: unknown[] = []): Promise<string> {
  const [row] = await sql<{ id: string }>(query, values);
  if (!row) throw new Error(`nothing found: ${query}`);
  return row.id;
}

test("no page of any role holds U+0000 or U+FFFD in its HTML", async ({ browser }) => {
  test.setTimeout(180_000);
  const documentId = await firstId(
    `select d.id from documents d join passages p on p.document_id = d.id group by d.id order by sum(length(p.text)) desc limit 1`,
  );
  const setId = await firstId(
    `select s.id from question_sets s where s.status = 'published' and s.published_at is not null
     and exists (select 1 from set_items i where i.set_id = s.id) order by s.title limit 1`,
  );
  const questionId = await firstId(`select id from questions order by length(stem) desc limit 1`);

  // A group with a manager and a member, for the manager's pages.
  const groupId = randomUUID();
  const code = Array.from({ length: 8 }, (_, i) => "ABCDEFGHJKMNPQRS"[(i * 7 + Date.now()) % 16]).join("");
  await sql(`insert into groups (id, name, invite_code, updated_at) values ($1, $2, $3, now())`, [
    groupId,
    uniqueName("检查组"),
    code,
  ]);
  await sql(
    `insert into assignments (id, set_id, group_id, opens_at, due_at) values ($1, $2, $3, now() - interval '1 day', now() + interval '6 days')`,
    [randomUUID(), setId, groupId],
  );
  const manager = await createUserInDatabase("learner", uniqueName("mgr"));
  const learner = await createUserInDatabase("learner", uniqueName("lrn"));
  const admin = await createUserInDatabase("admin", uniqueName("adm"));
  await sql(
    `insert into memberships (group_id, user_id, role) select $1, id, 'manager' from users where username = $2`,
    [groupId, manager],
  );
  await sql(
    `insert into memberships (group_id, user_id, role) select $1, id, 'member' from users where username = $2`,
    [groupId, learner],
  );
  const learnerId = await firstId(`select id from users where username = $1`, [learner]);

  const common = [
    "/",
    "/study",
    "/sets",
    `/sets/${setId}`,
    `/sets/${setId}?practice=1`,
    "/progress",
    "/groups",
    "/documents",
    `/documents/${documentId}`,
    `/documents/${documentId}/source`,
    "/settings",
  ];
  const pagesByRole: Record<string, { user: string | null; paths: string[] }> = {
    anonymous: { user: null, paths: ["/", "/login", "/signup", "/no-such-page"] },
    learner: { user: learner, paths: [...common, `/groups/${groupId}`, `/join/${code}`] },
    manager: {
      user: manager,
      paths: [...common, `/groups/${groupId}`, `/groups/${groupId}/report`, `/groups/${groupId}/members/${learnerId}`],
    },
    admin: {
      user: admin,
      paths: [
        ...common,
        "/admin",
        "/admin/questions",
        "/admin/questions?status=approved",
        `/admin/questions/${questionId}`,
        "/admin/flags",
        "/admin/documents",
        "/admin/sets",
        `/admin/sets/${setId}`,
        "/admin/users",
        "/admin/users/import",
        "/admin/groups",
        `/groups/${groupId}/report`,
      ],
    },
  };

  let checked = 0;
  const corrupted: string[] = [];
  const cspViolations: string[] = [];
  for (const [role, { user, paths }] of Object.entries(pagesByRole)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The pages run under a nonce-based CSP: a script it blocked would show here.
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        cspViolations.push(`${role} ${page.url()}: ${message.text()}`);
    });
    try {
      if (user) await logIn(page, user);
      if (role === "learner") {
        // A quiz attempt, so its page is checked too.
        await page.goto(`/sets/${setId}`);
        await page.getByRole("button", { name: "开始测验" }).click();
        await expect(page).toHaveURL(/\/attempts\//);
        paths.push(new URL(page.url()).pathname);
      }
      for (const path of paths) {
        const found = await corruption(page, path, path === "/no-such-page" ? 404 : 200);
        if (found) corrupted.push(`${role} ${found}`);
        checked++;
      }
    } finally {
      await context.close();
    }
  }
  expect(checked).toBeGreaterThan(40);
  expect(corrupted, `${corrupted.length} of ${checked} pages corrupted`).toEqual([]);
  expect(cspViolations).toEqual([]);
});

test("an answer posted without JavaScript with the right option is recorded right", async ({ browser }) => {
  const tag = uniqueName("nojs");
  const fixture = await createFormatSet(tag);
  const username = await createUserInDatabase("learner", uniqueName("nojs"));
  await assignToLearner(fixture, username);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    // The login form works as a plain HTML form.
    await page.goto("/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("button", { name: "退出" })).toBeVisible();

    for (let round = 0; round < 4; round++) {
      await page.goto("/study");
      const token = await page.locator('input[name="token"]').getAttribute("value");
      expect(token).toBeTruthy();
      const { format, answer } = await answerOf(token!);
      const stem = await page.locator("body").innerText();
      expect(stem).toContain(tag);
      // The option values exactly as Chromium parsed them from the server's HTML.
      let chosen: string[];
      if (format === "fill") {
        chosen = [answer[0]!];
      } else {
        const values = await page
          .locator('input[name="answer"]')
          .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
        chosen = values.filter((value) => answer.includes(value));
        expect(chosen.length, `${format}: ${JSON.stringify(values)} vs ${JSON.stringify(answer)}`).toBe(answer.length);
      }
      const body = new URLSearchParams([
        ["intent", "answer"],
        ["token", token!],
        ["durationMs", "1500"],
        ...chosen.map((v) => ["answer", v] as [string, string]),
      ]);
      const response = await page.request.post("/study", {
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(page.url()).origin },
        data: body.toString(),
      });
      expect(response.status()).toBeLessThan(400);
      const [review] = await sql<{ correct: boolean }>(
        `select r.correct from presentations p join reviews r on r.id = p.review_id where p.token = $1`,
        [token],
      );
      expect(review?.correct, `${format} answered ${JSON.stringify(chosen)}`).toBe(true);
    }
  } finally {
    await context.close();
  }
  expect(fixture.setId).toBeTruthy();
});

test("a password changed without JavaScript keeps this browser signed in", async ({ browser }) => {
  const username = await createUserInDatabase("learner", uniqueName("nojspw"));
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("button", { name: "退出" })).toBeVisible();

    await page.goto("/settings");
    const section = page.getByRole("region", { name: "修改密码" });
    await section.getByLabel("当前密码").fill(PASSWORD);
    await section.getByLabel("新密码", { exact: true }).fill("no-js-password-789");
    await section.getByLabel("确认新密码").fill("no-js-password-789");
    await section.getByRole("button", { name: "修改密码" }).click();
    await expect(page).toHaveURL(/\/settings\?password=changed$/);
    await expect(section.getByRole("status")).toHaveText("密码已修改，其他设备上的登录已退出");

    // Still signed in on the next page.
    await page.goto("/progress");
    await expect(page).toHaveURL(/\/progress$/);
    await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
  } finally {
    await context.close();
  }
});
