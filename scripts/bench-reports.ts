// `npm run bench:reports`: seeds a group of 1,000 members with 90 days of history (about two million
// reviews) into a throwaway PostgreSQL with generate_series, then times the group report's domain
// function and each CSV export in-process (server time, no HTTP), p50 and p95 over repeated calls,
// and prints EXPLAIN ANALYZE of the heaviest query.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createMigratedDatabase, startTestDatabaseServer } from "../tests/support/test-database.ts";
import { summarize } from "./lib/load.ts";
import { runCli } from "./lib/user-facing-error.ts";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000);
const POINTS = Number(process.env.BENCH_POINTS ?? 300);
const REVIEWS_PER_CARD = Number(process.env.BENCH_REVIEWS_PER_CARD ?? 7);
const DAYS = 90;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const GROUP = "00000000-0000-0000-0000-00000000c001";

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string) => {
    const started = Date.now();
    const result = await client.query(sql);
    const rows = Array.isArray(result) ? result.reduce((n, r) => n + (r.rowCount ?? 0), 0) : (result.rowCount ?? 0);
    console.log(`  ${label}: ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  await step(
    "document",
    `
    insert into source_files (name, content_hash, updated_at) values ('bench.txt', 'bench', now());
    insert into documents (id, key, source_file, ordinal, title, kind, start_line, end_line, text, raw_text, content_hash, import_hash, updated_at)
    values ('00000000-0000-0000-0000-00000000b001', 'bench--doc', 'bench.txt', 0, '基准测试文档', 'work-report', 1, 2, '正文', '正文', 'h', 'h', now());
    insert into passages (id, document_id, key, ordinal, path, text, raw_text, start_line, end_line, text_hash)
    select gen_random_uuid(), '00000000-0000-0000-0000-00000000b001', 'bench--doc:' || i, i, '{}', '正文' || i, '正文', 2, 2, 'h' || i from generate_series(0, ${POINTS - 1}) i`,
  );
  await step(
    "knowledge points",
    `
    insert into knowledge_points (id, fingerprint, kind, document_id, passage_key, quote, answer, subject, data, updated_at)
    select gen_random_uuid(), 'bench-' || i, 'target', '00000000-0000-0000-0000-00000000b001', 'bench--doc:' || (i - 1), '指标' || i || '增长5%左右。', '5%左右', '指标' || i, '{}', now()
    from generate_series(1, ${POINTS}) i`,
  );
  await step(
    "questions",
    `
    insert into questions (id, key, knowledge_point_id, format, stem, options, answer, explanation, source_path, source_quote, status, score, generator_version, updated_at)
    select gen_random_uuid(), kp.fingerprint || ':single', kp.id, 'single', kp.subject || '的预期目标是（ ）。', array['5%左右','4.5%左右','5.5%左右','6%左右'], array['5%左右'],
           '出处', '{}', kp.quote, 'approved', 0.9, 'bench', now()
    from knowledge_points kp`,
  );
  // Four sets of 20 questions, each assigned to the group; two already due.
  await step(
    "sets and assignments",
    `
    insert into question_sets (id, title, status, published_at, updated_at)
    select ('00000000-0000-0000-0000-0000000d000' || s)::uuid, '作业题集' || s, 'published', now() - interval '80 days', now() from generate_series(1, 4) s;
    insert into set_items (set_id, question_id, position)
    select ('00000000-0000-0000-0000-0000000d000' || (1 + (rn - 1) / 20))::text::uuid, id, rn from (select id, row_number() over (order by key) rn from questions) q where rn <= 80;
    insert into groups (id, name, invite_code, updated_at) values ('${GROUP}', '基准小组', 'BENCH234', now());
    insert into assignments (id, set_id, group_id, opens_at, due_at)
    select gen_random_uuid(), ('00000000-0000-0000-0000-0000000d000' || s)::uuid, '${GROUP}', now() - (s * 7 + 3) * interval '1 day', now() - (s * 7 - 7) * interval '1 day'
    from generate_series(1, 4) s`,
  );
  await step(
    "members",
    `
    insert into users (id, username, display_name, password_hash, updated_at)
    select gen_random_uuid(), 'bench' || i, '学员' || i, 'not-a-hash', now() from generate_series(1, ${MEMBERS}) i;
    insert into memberships (group_id, user_id, role, joined_at)
    select '${GROUP}', id, 'member', now() - interval '${DAYS + 40} days' from users where username like 'bench%'`,
  );
  // Outsiders with their own history, so the report must pick its members out of a bigger table.
  await step(
    "outsiders",
    `
    insert into users (id, username, display_name, password_hash, updated_at)
    select gen_random_uuid(), 'other' || i, '其他' || i, 'not-a-hash', now() from generate_series(1, ${Math.round(MEMBERS / 2)}) i`,
  );
  await step(
    "cards",
    `
    insert into cards (id, user_id, knowledge_point_id, state, due, stability, difficulty, scheduled_days, reps, lapses, last_review, created_at)
    select gen_random_uuid(), u.id, kp.id, 'review',
           now() + ((random() * 60 - 20) * interval '1 day'), 1 + random() * 40, 1 + random() * 9,
           (1 + random() * 30)::int, (2 + random() * 8)::int, (random() * 3)::int,
           now() - (random() * 30 * interval '1 day'), now() - interval '${DAYS} days'
    from users u cross join knowledge_points kp`,
  );
  // A fifth of the members stopped a month ago: their reviews end there.
  await step(
    "reviews",
    `
    insert into reviews (user_id, card_id, knowledge_point_id, question_id, mode, answer, correct, rating, duration_ms, was_due, state_before, state_after, study_day, reviewed_at)
    select c.user_id, c.id, c.knowledge_point_id, q.id, 'study', '["5%左右"]', x.r < 0.85, case when x.r < 0.85 then 3 else 1 end,
           (2000 + random() * 8000)::int, x.r2 < 0.7, '{}', '{}', to_char(x.t at time zone 'Asia/Shanghai' - interval '4 hours', 'YYYY-MM-DD'), x.t
    from cards c
    join users u on u.id = c.user_id
    join questions q on q.knowledge_point_id = c.knowledge_point_id
    cross join lateral (
      select random() as r, random() as r2,
             now() - ((case when right(u.username, 1) = '7' or right(u.username, 1) = '3' then 30 else 0 end) + random() * ${DAYS} * (case when right(u.username, 1) in ('7', '3') then 0.66 else 1 end)) * interval '1 day' as t,
             g
      from generate_series(1, ${REVIEWS_PER_CARD}) g) x`,
  );
  await step(
    "attempts",
    `
    insert into attempts (id, user_id, set_id, assignment_id, question_ids, started_at, submitted_at, score)
    select gen_random_uuid(), m.user_id, a.set_id, a.id,
           (select array_agg(si.question_id::text order by si.position) from set_items si where si.set_id = a.set_id),
           a.opens_at + random() * interval '12 days', a.opens_at + random() * interval '12 days' + interval '10 minutes', 0
    from memberships m cross join assignments a
    where m.group_id = '${GROUP}' and random() < 0.8`,
  );
  await step(
    "attempt answers",
    `
    insert into attempt_answers (attempt_id, question_id, answer, correct, duration_ms)
    select t.id, q::uuid, '[]', random() < 0.75, 5000 from attempts t cross join unnest(t.question_ids) q;
    update attempts t set score = s.score from (
      select attempt_id, round(100.0 * count(*) filter (where correct) / count(*), 1) as score from attempt_answers group by attempt_id
    ) s where s.attempt_id = t.id`,
  );
  await step("vacuum analyze", "vacuum analyze");
  const { rows } = await client.query<{ n: string }>(
    "select count(*) n from reviews r join memberships m on m.user_id = r.user_id",
  );
  console.log(`  ${Number(rows[0]!.n).toLocaleString("en")} reviews by members`);
  await client.end();
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

runCli(async () => {
  const database = await startTestDatabaseServer("bench-reports");
  try {
    const url = await createMigratedDatabase(
      database.adminUrl,
      `xueer_bench_reports_${randomBytes(3).toString("hex")}`,
    );
    console.log(
      `seeding ${MEMBERS} members × ${POINTS} cards, ${REVIEWS_PER_CARD} reviews per card over ${DAYS} days…`,
    );
    await seed(url);

    process.env.DATABASE_URL = url;
    process.env.NODE_ENV ??= "production";
    process.env.SESSION_SECRET ??= randomBytes(32).toString("hex");
    const { disconnectDatabase, prisma } = await import("../app/db.server.ts");
    const { getGroupReport, reportWindow, reportQueries, assignmentsIn, assignedPoints } =
      await import("../app/groups/report.server.ts");
    const { exportCsv, EXPORTS } = await import("../app/groups/exports.ts");
    const { addDays } = await import("../app/study/day.ts");

    const now = new Date();
    const ranges: [string, { from?: string; to?: string }][] = [["default (30 days)", {}]];
    const results: [string, ReturnType<typeof summarize>][] = [];
    for (const [label, query] of ranges) {
      for (let i = 0; i < 3; i++) await getGroupReport(GROUP, query, now);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await time(() => getGroupReport(GROUP, query, now)));
      results.push([`report, ${label}`, summarize(samples, 0, 1)]);
    }
    const { w } = reportWindow(GROUP, "Asia/Shanghai", {}, now);
    const ninety = { from: addDays(w.range.to, -89) };
    {
      const samples: number[] = [];
      for (let i = 0; i < Math.max(5, RUNS / 2); i++)
        samples.push(await time(() => getGroupReport(GROUP, ninety, now)));
      results.push(["report, 90 days", summarize(samples, 0, 1)]);
    }
    {
      // The page's 记忆预测 section, loaded beside the report (app/memory/group.server.ts).
      const { groupMemoryReport } = await import("../app/memory/group.server.ts");
      const samples: number[] = [];
      for (let i = 0; i < Math.max(5, RUNS / 2); i++) samples.push(await time(() => groupMemoryReport(GROUP, now)));
      results.push(["memory predictions (记忆预测)", summarize(samples, 0, 1)]);
    }
    for (const name of Object.keys(EXPORTS) as (keyof typeof EXPORTS)[]) {
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < Math.max(5, RUNS / 2); i++) {
        samples.push(
          await time(async () => {
            const csv = exportCsv(await getGroupReport(GROUP, {}, now), name);
            bytes = Buffer.byteLength(csv);
          }),
        );
      }
      results.push([`${name}.csv (${(bytes / 1024).toFixed(0)} KB)`, summarize(samples, 0, 1)]);
    }

    // Each of the report's queries alone, to see where the time goes.
    const assignments = await assignmentsIn(w);
    const points = await assignedPoints([...new Set(assignments.map((a) => a.setId))]);
    const queries = reportQueries(
      w,
      assignments.map((a) => a.id),
      points,
      now,
    );
    const queryTimes: [string, number][] = [];
    for (const [name, sql] of Object.entries(queries)) {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push(await time(() => prisma.$queryRaw(sql)));
      const summary = summarize(samples, 0, 1);
      results.push([`  query: ${name}`, summary]);
      queryTimes.push([name, summary.p50]);
    }

    console.log(`\n${MEMBERS} members, ${DAYS} days, ${RUNS} runs (server time, in-process, one at a time)\n`);
    console.log("| measurement | p50 ms | p95 ms | max ms |");
    console.log("|---|---:|---:|---:|");
    for (const [label, s] of results)
      console.log(`| ${label} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.max.toFixed(0)} |`);
    const page = results[0]![1];
    console.log(`\nreport p95 ${page.p95.toFixed(0)} ms (target < 500 ms)`);

    // EXPLAIN ANALYZE of every query: a one-line summary each, and the whole plan of the slowest measured.
    const explain = (sql: (typeof queries)[string]) =>
      prisma
        .$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, ...sql.values)
        .then((rows) => rows.map((row) => row["QUERY PLAN"]));
    const plans = new Map<string, string[]>();
    console.log("\nEXPLAIN (ANALYZE, BUFFERS), every report query:\n");
    console.log("| query | measured p50 ms | execution | top node |");
    console.log("|---|---:|---|---|");
    for (const [name, p50] of queryTimes) {
      const plan = await explain(queries[name]!);
      plans.set(name, plan);
      const execution = plan.find((line) => line.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
      console.log(
        `| ${name} | ${p50.toFixed(1)} | ${execution} | ${(plan[0] ?? "").trim().replace(/\s+\(cost=.*$/, "")} |`,
      );
    }
    const [slowest] = [...queryTimes].sort((a, b) => b[1] - a[1]);
    if (slowest) {
      console.log(
        `\nEXPLAIN (ANALYZE, BUFFERS) of the slowest measured query (${slowest[0]}, p50 ${slowest[1].toFixed(1)} ms):\n`,
      );
      console.log(plans.get(slowest[0])!.join("\n"));
    }
    await disconnectDatabase();
  } finally {
    await database.stop();
  }
});
