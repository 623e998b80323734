// `npm run bench:study`: seeds 1,000 learners × 1,000 cards with 90 days of history into a throwaway
// PostgreSQL, serves the production build, and measures the next-question and submit-answer
// requests over HTTP with 50 connections, beside /healthz in the same run. As the page does, an
// answer's response carries the next question, so a question answered is one request. Then the
// scale-out matrix: `npm start` with 1 worker and with BENCH_WORKERS (default: the CPUs) workers,
// each on PostgreSQL directly and through PgBouncer (transaction mode, pgbouncer=true), each
// figure beside /healthz served the same way.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import pg from "pg";
import { createMigratedDatabase, startTestDatabaseServer } from "../tests/support/test-database.ts";
import { buildIfStale } from "./lib/build.ts";
import {
  postgresCpuMs,
  processCpuMs,
  processTreeCpuMs,
  runLoad,
  turboStreamValue,
  type LatencyStats,
} from "./lib/load.ts";
import { startPgBouncer } from "./lib/pgbouncer.ts";
import { freePort } from "./lib/postgres.ts";
import { ROOT } from "./lib/server.ts";
import { runCli } from "./lib/user-facing-error.ts";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 1000);
const POINTS = Number(process.env.BENCH_POINTS ?? 1000);
const DAYS = 90;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string) => {
    const started = Date.now();
    const result = await client.query(sql);
    console.log(`  ${label}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  await step(
    "document",
    `
    insert into source_files (name, content_hash, updated_at) values ('bench.txt', 'bench', now());
    insert into documents (id, key, source_file, ordinal, title, kind, start_line, end_line, text, raw_text, content_hash, import_hash, updated_at)
    values ('00000000-0000-0000-0000-00000000b001', 'bench--doc', 'bench.txt', 0, '基准测试文档', 'work-report', 1, 2, '正文', '正文', 'h', 'h', now());
    insert into passages (id, document_id, key, ordinal, path, text, raw_text, start_line, end_line, text_hash)
    values (gen_random_uuid(), '00000000-0000-0000-0000-00000000b001', 'bench--doc:0', 0, '{}', '正文', '正文', 2, 2, 'h')`,
  );
  await step(
    "knowledge points",
    `
    insert into knowledge_points (id, fingerprint, kind, document_id, passage_key, quote, answer, subject, data, updated_at)
    select gen_random_uuid(), 'bench-' || i, 'target', '00000000-0000-0000-0000-00000000b001', 'bench--doc:0', '指标' || i || '增长5%左右。', '5%左右', '指标' || i, '{}', now()
    from generate_series(1, ${POINTS}) i`,
  );
  await step(
    "questions",
    `
    insert into questions (id, key, knowledge_point_id, format, stem, options, answer, explanation, source_path, source_quote, status, score, generator_version, updated_at)
    select gen_random_uuid(), kp.fingerprint || ':' || f.format, kp.id, f.format::"QuestionFormat", kp.subject || '的预期目标是（ ）。',
           case f.format when 'single' then array['5%左右','4.5%左右','5.5%左右','6%左右'] else array['正确','错误'] end,
           case f.format when 'single' then array['5%左右'] else array['正确'] end,
           '出处', '{}', kp.quote, 'approved', 0.9, 'bench', now()
    from knowledge_points kp cross join (values ('single'), ('truefalse')) f(format)
    where kp.fingerprint like 'bench-%'`,
  );
  await step(
    "set",
    `
    insert into question_sets (id, title, status, published_at, updated_at) values ('00000000-0000-0000-0000-00000000b002', '基准题集', 'published', now(), now());
    insert into set_items (set_id, question_id, position)
    select '00000000-0000-0000-0000-00000000b002', id, row_number() over (order by key) from questions where generator_version = 'bench'`,
  );
  await step(
    "learners",
    `
    insert into users (id, username, display_name, password_hash, daily_new_limit, updated_at)
    select gen_random_uuid(), 'bench' || i, '学员' || i, 'not-a-hash', 10, now() from generate_series(1, ${LEARNERS}) i`,
  );
  // Cards: reviewed for 90 days, due spread from 30 days overdue to 60 days ahead.
  await step(
    "cards",
    `
    insert into cards (id, user_id, knowledge_point_id, state, due, stability, difficulty, scheduled_days, reps, lapses, last_review, created_at)
    select gen_random_uuid(), u.id, kp.id, 'review',
           now() + ((random() * 90 - 30) * interval '1 day'), 1 + random() * 60, 1 + random() * 9,
           (1 + random() * 30)::int, (2 + random() * 8)::int, (random() * 3)::int,
           now() - (random() * 30 * interval '1 day'), now() - interval '${DAYS} days'
    from users u cross join knowledge_points kp
    where u.username like 'bench%' and kp.fingerprint like 'bench-%'`,
  );
  await step(
    "reviews",
    `
    insert into reviews (user_id, card_id, knowledge_point_id, question_id, mode, answer, correct, rating, duration_ms, was_due, state_before, state_after, study_day, reviewed_at)
    select c.user_id, c.id, c.knowledge_point_id, q.id, 'study', '["5%左右"]', r < 0.85, case when r < 0.85 then 3 else 1 end,
           (2000 + random() * 8000)::int, true, '{}', '{}', to_char(t at time zone 'Asia/Shanghai' - interval '4 hours', 'YYYY-MM-DD'), t
    from cards c
    join questions q on q.knowledge_point_id = c.knowledge_point_id and q.format = 'single'
    cross join lateral (select random() as r, now() - (random() * ${DAYS} * interval '1 day') as t, g from generate_series(1, 2) g) x`,
  );
  // As a database in service is: vacuumed, so autovacuum does not run during the measurement.
  await step("vacuum", "vacuum (analyze)");
  await client.end();
}

async function reinstateSeed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `update knowledge_points set retired_at = null where fingerprint like 'bench-%' and retired_at is not null`,
    );
    await client.query(
      `update questions set status = 'approved' where generator_version = 'bench' and status <> 'approved'`,
    );
  } finally {
    await client.end();
  }
}

function row(label: string, s: LatencyStats | undefined) {
  if (!s) return `| ${label} | – | – | – | – | – | – |`;
  return `| ${label} | ${s.count} | ${s.errors} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} |`;
}

runCli(async () => {
  await buildIfStale((line) => console.log(line));
  const database = await startTestDatabaseServer("bench-study");
  const url = await createMigratedDatabase(database.adminUrl, `xueer_bench_${randomBytes(3).toString("hex")}`);
  const secret = randomBytes(32).toString("hex");
  // BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`]
    : [];
  /** `npm start` on `databaseUrl` with `workers` workers; resolves once the start-up import is done. */
  const startServer = async (databaseUrl: string, workers: number) => {
    const port = await freePort();
    const child = spawn(process.execPath, [...profile, "--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        SESSION_SECRET: secret,
        PORT: String(port),
        WEB_CONCURRENCY: String(workers),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        // The start-up import of content/ runs after "ready": seeding before it ends would be retired.
        if (output.includes("content/ import finished")) resolve();
        if (process.env.BENCH_VERBOSE) process.stdout.write(chunk);
      });
      child.once("exit", () => reject(new Error(`the server exited:\n${output}`)));
    });
    return {
      child,
      base: `http://127.0.0.1:${port}`,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      },
    };
  };
  let current = await startServer(url, WORKERS);
  const server = current.child;
  const base = current.base;
  let bouncer: Awaited<ReturnType<typeof startPgBouncer>> | undefined;
  try {
    // Seeded after start-up: the start imports content/ and regenerates its bank, which retires
    // knowledge points no document produces — these synthetic ones included.
    console.log(`seeding ${LEARNERS} learners × ${POINTS} cards with ${DAYS} days of history…`);
    await seed(url);

    // Sessions for the learners, signed like the app signs them.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `select id from users where username like 'bench%' order by username limit ${CONNECTIONS}`,
    );
    const cookie = createCookie("xueer_session", { secrets: [secret] });
    const cookies: string[] = [];
    for (const user of rows) {
      const sessionId = randomBytes(32).toString("base64url");
      await client.query(`insert into sessions (id, user_id, expires_at) values ($1, $2, now() + interval '1 day')`, [
        sessionId,
        user.id,
      ]);
      cookies.push((await cookie.serialize(sessionId)).split(";")[0]!);
    }
    await client.end();

    // One request by hand first: a broken login or an empty pool would make the figures meaningless.
    const probe = await (
      await fetch(`${base}/study.data?_routes=routes%2Fstudy`, { headers: { Cookie: cookies[0]!, Origin: base } })
    ).text();
    if (typeof turboStreamValue(probe, "token") !== "string")
      throw new Error(`no question for a seeded learner: ${probe.slice(0, 300)}`);

    // CPU used during each phase: the server's (the start process and its workers), PostgreSQL's and the load
    // generator's own, per request — on a CPU-bound server the figures that explain the throughput.
    const dataDir = path.join(ROOT, "tests", ".artifacts", `bench-study-pg-${process.pid}`);
    const measure = async <T>(run: () => Promise<T>) => {
      const before = {
        server: processTreeCpuMs(server.pid!),
        postgres: postgresCpuMs(dataDir),
        client: process.cpuUsage(),
      };
      const result = await run();
      const client = process.cpuUsage(before.client);
      const server_ = processTreeCpuMs(server.pid!);
      const postgres = postgresCpuMs(dataDir);
      return {
        result,
        cpu: {
          server: server_ !== null && before.server !== null ? server_ - before.server : null,
          postgres: postgres !== null && before.postgres !== null ? postgres - before.postgres : null,
          client: (client.user + client.system) / 1000,
        },
      };
    };
    const health = await measure(() =>
      runLoad(CONNECTIONS, SECONDS / 2, async (_, time) => {
        await time("healthz", `${base}/healthz`);
      }),
    );
    // As the page studies: an answer's response carries the next question, so a question costs one
    // request; the next question is asked for on its own only when a worker has none (its first).
    const tokens: (string | null)[] = Array.from({ length: CONNECTIONS }, () => null);
    const question: Parameters<typeof runLoad>[2] = async (worker, time) => {
      const headers = { Cookie: cookies[worker % cookies.length]!, Origin: base };
      let token = tokens[worker];
      if (!token) {
        const next = await time("next", `${base}/study.data?_routes=routes%2Fstudy`, { headers });
        token = turboStreamValue(next.body, "token") as string | null;
        if (typeof token !== "string") return;
      }
      const body = JSON.stringify({ token, answer: [Math.random() < 0.8 ? "5%左右" : "6%左右"], durationMs: 4000 });
      const answered = await time("answer", `${base}/study/answer`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body,
      });
      const nextToken = (JSON.parse(answered.body) as { next?: { question?: { token?: string } } }).next?.question
        ?.token;
      tokens[worker] = typeof nextToken === "string" ? nextToken : null;
    };
    const study = await measure(() => runLoad(CONNECTIONS, SECONDS, question));
    // Latency at a load the server carries: the same connections, paced at half the questions per
    // second it reached above (under saturation, latency is only the queue of 50 connections).
    const saturated = study.result.get("answer")?.rps ?? 0;
    const pacedRate = Math.max(1, Math.round(saturated / 2));
    const paced = await runLoad(CONNECTIONS, SECONDS / 2, question, { stepsPerSecond: pacedRate });
    // The next question on its own, as a page load or a refresh asks for it (the open showing comes back).
    const reload = await runLoad(CONNECTIONS, SECONDS / 4, async (worker, time) => {
      await time("next", `${base}/study.data?_routes=routes%2Fstudy`, {
        headers: { Cookie: cookies[worker % cookies.length]!, Origin: base },
      });
    });

    const healthz = health.result.get("healthz");
    const answerStats = study.result.get("answer");
    const questions = answerStats?.count ?? 0;
    const questionRate = answerStats?.rps ?? 0;
    const perRequest = (ms: number | null, requests: number) =>
      ms === null || requests === 0 ? "–" : (ms / requests).toFixed(2);
    console.log(
      `\n${LEARNERS} learners × ${POINTS} cards, ${CONNECTIONS} connections, ${SECONDS} s (healthz ${SECONDS / 2} s), ${WORKERS} worker(s), PostgreSQL directly\n`,
    );
    console.log("| request | requests | errors | req/s | p50 ms | p95 ms | p99 ms |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    console.log(row("GET /healthz", healthz));
    console.log(row("POST /study/answer (answer, with the next question)", answerStats));
    console.log(row("GET /study (next question, a worker's first)", study.result.get("next")));
    console.log(row(`GET /study (next question on its own, ${SECONDS / 4} s)`, reload.get("next")));
    console.log("\nCPU ms per unit of work (per /healthz request; per question answered):\n");
    console.log("| phase | server (Node) | PostgreSQL | load generator |");
    console.log("|---|---:|---:|---:|");
    const healthCount = healthz?.count ?? 0;
    console.log(
      `| /healthz | ${perRequest(health.cpu.server, healthCount)} | ${perRequest(health.cpu.postgres, healthCount)} | ${perRequest(health.cpu.client, healthCount)} |`,
    );
    console.log(
      `| question | ${perRequest(study.cpu.server, questions)} | ${perRequest(study.cpu.postgres, questions)} | ${perRequest(study.cpu.client, questions)} |`,
    );
    console.log(
      `\nAt ${pacedRate} questions/s (half of the rate above), ${CONNECTIONS} connections, ${SECONDS / 2} s:\n`,
    );
    console.log("| request | requests | errors | req/s | p50 ms | p95 ms | p99 ms |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    console.log(row("POST /study/answer (answer, with the next question)", paced.get("answer")));
    console.log(
      `\nquestions/s (next + submit, one request): ${questionRate.toFixed(0)} = ${((questionRate / (healthz?.rps ?? 1)) * 100).toFixed(0)}% of /healthz (target ≥ 40%); submit p99 ${answerStats?.p99.toFixed(1)} ms at saturation, ${paced.get("answer")?.p99.toFixed(1)} ms at ${pacedRate} questions/s (target < 50 ms)`,
    );

    // The scale-out matrix: each configuration started afresh (cold learner states, as after a
    // deploy), /healthz then questions, both served the same way.
    await current.stop();
    bouncer = await startPgBouncer(database.adminUrl, { label: "bench-pgbouncer", poolSize: 20 });
    const configurations = [
      { workers: 1, via: "direct" },
      { workers: WORKERS, via: "direct" },
      { workers: 1, via: "PgBouncer" },
      { workers: WORKERS, via: "PgBouncer" },
    ].filter((c, i, all) => all.findIndex((o) => o.workers === c.workers && o.via === c.via) === i);
    const matrix: {
      workers: number;
      via: string;
      healthz: number;
      questions: number;
      errors: number;
      cpu: { server: number | null; postgres: number | null; bouncer: number | null };
    }[] = [];
    for (const configuration of configurations) {
      current = await startServer(configuration.via === "direct" ? url : bouncer.url(url), configuration.workers);
      // The first restart's import sees the synthetic document and regenerates the bank, which
      // retires the synthetic points no generator makes: bring them back (the triggers bump the
      // pool's and the learners' versions, so the servers read them afresh).
      await reinstateSeed(url);
      const at = current.base;
      const hz = await runLoad(CONNECTIONS, SECONDS / 4, async (_, time) => {
        await time("healthz", `${at}/healthz`);
      });
      tokens.fill(null);
      const before = {
        server: processTreeCpuMs(current.child.pid!),
        postgres: postgresCpuMs(dataDir),
        bouncer: processCpuMs(bouncer.pid),
      };
      const answered = await runLoad(CONNECTIONS, SECONDS, async (worker, time) => {
        const headers = { Cookie: cookies[worker % cookies.length]!, Origin: at };
        let token = tokens[worker];
        if (!token) {
          const next = await time("next", `${at}/study.data?_routes=routes%2Fstudy`, { headers });
          token = turboStreamValue(next.body, "token") as string | null;
          if (typeof token !== "string") return;
        }
        const body = JSON.stringify({ token, answer: [Math.random() < 0.8 ? "5%左右" : "6%左右"], durationMs: 4000 });
        const reply = await time("answer", `${at}/study/answer`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body,
        });
        const nextToken = (JSON.parse(reply.body) as { next?: { question?: { token?: string } } }).next?.question
          ?.token;
        tokens[worker] = typeof nextToken === "string" ? nextToken : null;
      });
      const stats = answered.get("answer");
      const count = stats?.count ?? 0;
      const delta = (after: number | null, was: number | null) =>
        after !== null && was !== null && count > 0 ? (after - was) / count : null;
      const cpu = {
        server: delta(processTreeCpuMs(current.child.pid!), before.server),
        postgres: delta(postgresCpuMs(dataDir), before.postgres),
        bouncer: configuration.via === "direct" ? null : delta(processCpuMs(bouncer.pid), before.bouncer),
      };
      matrix.push({
        ...configuration,
        healthz: hz.get("healthz")?.rps ?? 0,
        questions: stats?.rps ?? 0,
        errors: (stats?.errors ?? 0) + (answered.get("next")?.errors ?? 0),
        cpu,
      });
      await current.stop();
    }
    const ms = (value: number | null) => (value === null ? "–" : value.toFixed(2));
    console.log(
      `\nScale-out on ${os.availableParallelism()} CPUs (${CONNECTIONS} connections; /healthz ${SECONDS / 4} s, questions ${SECONDS} s, each configuration started afresh, one keep-alive connection per learner):\n`,
    );
    console.log(
      "| workers | database | /healthz req/s | questions/s | questions ÷ /healthz | errors | server CPU ms/question | PostgreSQL CPU ms/question | PgBouncer CPU ms/question |",
    );
    console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const m of matrix) {
      console.log(
        `| ${m.workers} | ${m.via} | ${m.healthz.toFixed(0)} | ${m.questions.toFixed(0)} | ${((m.questions / (m.healthz || 1)) * 100).toFixed(0)}% | ${m.errors} | ${ms(m.cpu.server)} | ${ms(m.cpu.postgres)} | ${ms(m.cpu.bouncer)} |`,
      );
    }
    const direct = matrix.find((m) => m.workers === WORKERS && m.via === "direct");
    if (direct?.cpu.server && direct.cpu.postgres) {
      const perCore = 1000 / (direct.cpu.server + direct.cpu.postgres);
      console.log(
        `\nCPU per question (server + PostgreSQL) ${(direct.cpu.server + direct.cpu.postgres).toFixed(2)} ms → about ${perCore.toFixed(0)} questions/s per core when app and database share the cores; ` +
          `16 cores: ≈ ${(perCore * 16).toFixed(0)} questions/s shared, or ≈ ${((1000 / direct.cpu.server) * 16).toFixed(0)}/s of app CPU with PostgreSQL on its own machine (which then needs ≈ ${(((1000 / direct.cpu.server) * 16 * direct.cpu.postgres) / 1000).toFixed(1)} cores)`,
      );
    }
  } finally {
    await current.stop().catch(() => {});
    await bouncer?.stop();
    await database.stop();
  }
});
