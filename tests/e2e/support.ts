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

/** Signs up through the page and waits until the home page greets the new learner. */
export async function signUp(page: Page, username: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
  await page.getByLabel("确认密码").fill(PASSWORD);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("link", { name: "开始今日学习" })).toBeVisible();
}

export async function logIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
}

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return withClient(async (client) => (await client.query<T>(text, values)).rows);
}

export interface StudyFixture {
  setId: string;
  answers: Record<"single" | "multiple" | "truefalse" | "fill", string[]>;
  stems: Record<"single" | "multiple" | "truefalse" | "fill", string>;
}

/** The corpus statute's passage on 保密期限, which fixture points cite so that source links lead somewhere real. */
async function corpusLaw(): Promise<{ id: string; key: string }> {
  const [law] = await sql<{ id: string; key: string }>(
    `select d.id, p.key from documents d join passages p on p.document_id = d.id
     where d.kind = 'law' and p.text like '%绝密级不超过三十年%' limit 1`,
  );
  if (!law) throw new Error("the corpus law is not imported");
  return law;
}

/** A published set older than every set before it, so that its points are a new learner's next new ones. */
async function createOldestSet(title: string): Promise<string> {
  const setId = randomUUID();
  await sql(
    `insert into question_sets (id, title, status, published_at, updated_at)
     values ($1, $2, 'published', least('2000-01-01'::timestamptz, (select min(published_at) from question_sets)) - interval '1 day', now())`,
    [setId, title],
  );
  return setId;
}

/**
 * A published set, older than every other, with one knowledge point per format, so a new learner
 * meets the four formats first. Its points cite the 保密法 so source links lead somewhere real.
 */
export async function createFormatSet(tag: string): Promise<StudyFixture> {
  const law = await corpusLaw();
  const stems = {
    single: `【${tag}】机密级国家秘密的保密期限，除另有规定外，不超过（ ）。`,
    multiple: `【${tag}】国家秘密的密级分为（ ）。`,
    truefalse: `【${tag}】秘密级国家秘密的保密期限不超过十五年。`,
    fill: `【${tag}】绝密级国家秘密的保密期限，除另有规定外，不超过____。`,
  };
  const options = {
    single: ["十年", "二十年", "三十年", "十五年"],
    multiple: ["绝密", "机密", "秘密", "内部"],
    truefalse: ["正确", "错误"],
    fill: [] as string[],
  };
  const answers = {
    single: ["二十年"],
    multiple: ["绝密", "机密", "秘密"],
    truefalse: ["错误"],
    fill: ["三十年", "30年"],
  };
  const setId = await createOldestSet(`格式练习 ${tag}`);
  let position = 0;
  for (const format of ["single", "multiple", "truefalse", "fill"] as const) {
    const kp = randomUUID();
    const question = randomUUID();
    await sql(
      `insert into knowledge_points (id, fingerprint, kind, document_id, passage_key, quote, answer, subject, data, updated_at)
       values ($1, $2, 'provision', $3, $4, '绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。', $5, $6, '{}', now())`,
      [kp, `e2e-${tag}-${format}`, law.id, law.key, answers[format][0], `${tag}-${format}`],
    );
    await sql(
      `insert into questions (id, key, knowledge_point_id, format, stem, options, answer, explanation, source_path, source_quote, status, score, generator_version, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, '{第二十条}', '绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。', 'approved', 1, 'e2e', now())`,
      [
        question,
        `e2e-${tag}-${format}-q`,
        kp,
        format,
        stems[format],
        options[format],
        answers[format],
        `解析-${tag}-${format}`,
      ],
    );
    await sql(`insert into set_items (set_id, question_id, position) values ($1, $2, $3)`, [
      setId,
      question,
      position++,
    ]);
  }
  return { setId, answers, stems };
}

/**
 * A published set of fill-ins with several blanks each (国家秘密的密级分为____、____和____三级), older than every
 * other set, for the page that draws one field per blank. Returns the set and its stems with their answers.
 */
export async function createBlanksSet(
  tag: string,
): Promise<{ setId: string; items: { stem: string; answer: string[] }[] }> {
  const law = await corpusLaw();
  const items = [
    { stem: `【${tag}】国家秘密的密级分为____、____和____三级。`, answer: ["绝密", "机密", "秘密"] },
    {
      stem: `【${tag}】保密期限届满的，自行解密；保密期限需要延长的，应当重新确定____或者____。`,
      answer: ["保密期限", "解密时间"],
    },
  ];
  const setId = await createOldestSet(`多空练习 ${tag}`);
  for (const [position, item] of items.entries()) {
    const kp = randomUUID();
    const question = randomUUID();
    await sql(
      `insert into knowledge_points (id, fingerprint, kind, document_id, passage_key, quote, answer, subject, data, updated_at)
       values ($1, $2, 'provision', $3, $4, '国家秘密的密级分为绝密、机密、秘密三级。', $5, $6, '{}', now())`,
      [kp, `e2e-${tag}-blanks-${position}`, law.id, law.key, item.answer.join("、"), `${tag}-blanks-${position}`],
    );
    await sql(
      `insert into questions (id, key, knowledge_point_id, format, stem, options, answer, explanation, source_path, source_quote, status, score, generator_version, updated_at)
       values ($1, $2, $3, 'fill', $4, '{}', $5, '', '{第十三条}', '国家秘密的密级分为绝密、机密、秘密三级。', 'approved', 1, 'e2e', now())`,
      [question, `e2e-${tag}-blanks-${position}-q`, kp, item.stem, item.answer],
    );
    await sql(`insert into set_items (set_id, question_id, position) values ($1, $2, $3)`, [setId, question, position]);
  }
  return { setId, items };
}

/**
 * Assigns the fixture's set to a group of the learner's own, so that its points are the learner's
 * next new points: a day's new points come from assigned sets first (mixed, then, across kinds and
 * documents among them; the fixture's points are one document and kind, so they come in set order).
 */
export async function assignToLearner(fixture: { setId: string }, username: string): Promise<void> {
  const groupId = randomUUID();
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const code = Array.from({ length: 8 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
  await sql(`insert into groups (id, name, invite_code, updated_at) values ($1, $2, $3, now())`, [
    groupId,
    uniqueName("练习组"),
    code,
  ]);
  await sql(
    `insert into memberships (group_id, user_id, role) select $1, id, 'member' from users where username = $2`,
    [groupId, username],
  );
  await sql(`insert into assignments (id, set_id, group_id, opens_at) values ($1, $2, $3, now() - interval '1 day')`, [
    randomUUID(),
    fixture.setId,
    groupId,
  ]);
}

/** The correct answer of the question a page shows, looked up by its one-time token. */
export async function answerOf(token: string): Promise<{ format: string; answer: string[] }> {
  const [row] = await sql<{ format: string; answer: string[] }>(
    `select q.format::text as format, q.answer from presentations p join questions q on q.id = p.question_id where p.token = $1`,
    [token],
  );
  if (!row) throw new Error(`no presentation ${token}`);
  return row;
}

/** The one-time token of the question the page shows. */
export async function currentToken(page: Page): Promise<string> {
  return page.locator('input[name="token"]').first().inputValue();
}

/**
 * Types a fill-in's answer: one value per blank when the stem has several (第1空, 第2空…), each blank taking
 * `values[i]` or, past the end, the first value (a wrong answer typed into every blank); else the one field.
 */
export async function fillBlanks(page: Page, values: readonly string[]): Promise<void> {
  const blanks = page.getByLabel(/^第\d+空$/);
  const count = await blanks.count();
  if (count === 0) {
    await page.getByLabel("填写答案").fill(values[0]!);
    return;
  }
  for (let i = 0; i < count; i++) await blanks.nth(i).fill(values[i] ?? values[0]!);
}

/** Fills in or clicks the correct answer of the question on screen (without submitting). */
export async function pickCorrectAnswer(page: Page): Promise<void> {
  const { format, answer } = await answerOf(await currentToken(page));
  if (format === "fill") await fillBlanks(page, answer);
  else {
    const labels = (await page.locator("fieldset label").allInnerTexts()).map((t) =>
      t.replace(/^\s*[A-H]\s*/, "").trim(),
    );
    for (const pick of labels.filter((o) => answer.includes(o)))
      await page.locator("fieldset label").nth(labels.indexOf(pick)).click();
  }
}
