// `npm run bench:admin`: the review queue with a bank of more than 5,000 questions. Imports content/
// into a throwaway PostgreSQL, generates its bank, copies it until it passes BENCH_QUESTIONS, then
// times what the queue page's loader calls (the page with its counts, the document list) in-process for typical filters,
// p50 and p95 over repeated calls.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createMigratedDatabase, startTestDatabaseServer } from "../tests/support/test-database.ts";
import { CONTENT_DIR, generateQuestions, importDirectory } from "./lib/content-files.ts";
import { summarize } from "./lib/load.ts";
import { runCli } from "./lib/user-facing-error.ts";

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

runCli(async () => {
  const database = await startTestDatabaseServer("bench-admin");
  try {
    const url = await createMigratedDatabase(database.adminUrl, `xueer_bench_admin_${randomBytes(3).toString("hex")}`);
    Object.assign(process.env, {
      DATABASE_URL: url,
      NODE_ENV: process.env.NODE_ENV ?? "production",
      SESSION_SECRET: randomBytes(32).toString("hex"),
    });
    const quiet = () => {};
    await importDirectory(CONTENT_DIR, quiet, { quietUnchanged: true });
    await generateQuestions(quiet);

    // Copies of the generated bank (new keys, all drafts) until the queue holds QUESTIONS or more.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (let copy = 1; ; copy++) {
      const { rows } = await client.query<{ n: string }>("select count(*) n from questions");
      if (Number(rows[0]!.n) >= QUESTIONS) break;
      await client.query(
        `insert into questions (id, key, knowledge_point_id, format, stem, options, answer, explanation, source_path, source_quote, status, score, generator_version, updated_at)
         select gen_random_uuid(), key || ':copy${copy}', knowledge_point_id, format, stem, options, answer, explanation, source_path, source_quote, 'draft', score, generator_version, now()
         from questions where key not like '%:copy%'`,
      );
    }
    await client.query("analyze");
    const { rows: counts } = await client.query<{ status: string; n: string }>(
      "select status::text, count(*) n from questions group by 1 order by 1",
    );
    const { rows: docs } = await client.query<{ id: string }>(
      "select kp.document_id id from questions q join knowledge_points kp on kp.id = q.knowledge_point_id group by 1 order by count(*) desc limit 1",
    );
    await client.end();
    console.log(`questions: ${counts.map((c) => `${c.status} ${c.n}`).join(", ")}`);

    const { listQueue, listQueueDocuments, parseQueueFilter } = await import("../app/admin/questions.server.ts");
    const filters: [string, string][] = [
      ["drafts, page 1", ""],
      ["drafts, page 100", "page=100"],
      ["all statuses, text search 保密", "status=all&q=保密"],
      ["one document, single choice", `status=all&document=${docs[0]!.id}&format=single`],
      ["score ≥ 0.8, lowest score first", "minScore=0.8&sort=score-asc"],
      ["flagged only", "status=all&flagged=1"],
    ];
    console.log(`\nreview queue, ${RUNS} runs each (server time, in-process)\n`);
    console.log("| filter | rows on page | p50 ms | p95 ms | max ms |");
    console.log("|---|---:|---:|---:|---:|");
    for (const [label, search] of filters) {
      const filter = parseQueueFilter(new URLSearchParams(search));
      const page = () => Promise.all([listQueue(filter), listQueueDocuments()]);
      const [first] = await page();
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await page();
        samples.push(performance.now() - started);
      }
      const s = summarize(samples, 0, 1);
      console.log(
        `| ${label} | ${first.questions.length} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} |`,
      );
    }
    const { disconnectDatabase } = await import("../app/db.server.ts");
    await disconnectDatabase();
  } finally {
    await database.stop();
  }
});
