// `npm run bench:fsrs [-- --learners N --reviews R]`: fits N synthetic learners × R reviews (their
// answers drawn from their own FSRS forgetting curves) in a separate process, as the server does,
// and measures GET /healthz on a production server before and while the fitting runs beside it.
// Prints time and peak memory per learner, the extrapolation to 1,000 learners, and the log-loss
// before/after on the learners' later reviews. Defaults: 40 learners × 2,000 reviews (the issue's
// 1,000 × 2,000 takes `--learners 1000`; on a 2-core machine expect about 1 s per learner).
import { fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setPriority } from "node:os";
import path from "node:path";
import { createMigratedDatabase, startTestDatabaseServer } from "../tests/support/test-database.ts";
import { buildIfStale } from "./lib/build.ts";
import { runLoad, type LatencyStats } from "./lib/load.ts";
import { freePort } from "./lib/postgres.ts";
import { progressBar } from "./lib/progress-bar.ts";
import { ROOT } from "./lib/server.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new UserFacingError(`--${name} takes a positive whole number`);
  return value;
}

const LEARNERS = flag("learners", 40);
const REVIEWS = flag("reviews", 2000);
const HEALTH_CONNECTIONS = 4;
/** Paced, as a load balancer's probes and light traffic are: latency, not saturation. */
const HEALTH_RPS = 100;

interface FitReport {
  fits: { ms: number; outcome: string; before: number | null; after: number | null; rssMb: number }[];
  totalMs: number;
  baseRssMb: number;
  peakRssMb: number;
  maxRssMb: number;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function latencyRow(label: string, s: LatencyStats | undefined): string {
  if (!s) return `| ${label} | – | – | – | – | – | – |`;
  return `| ${label} | ${s.count} | ${s.errors} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} |`;
}

runCli(async () => {
  await buildIfStale((line) => console.log(line));
  const database = await startTestDatabaseServer("bench-fsrs");
  const url = await createMigratedDatabase(database.adminUrl, `xueer_bench_${randomBytes(3).toString("hex")}`);
  process.env.DATABASE_URL = url;
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      PORT: String(port),
      XUEER_FSRS_AUTO: "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout.on("data", (chunk: Buffer) => {
      // Measured once the start-up import of content/ (which takes the CPU for a while) is over.
      if (chunk.toString().includes("content/ import finished")) resolve();
    });
    server.once("exit", () => reject(new Error("the server exited")));
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const { prisma } = await import("../app/db.server.ts");
    const { syntheticLearner, withWeights } = await import("../app/memory/synthetic.ts");
    const { storeSyntheticLearner } = await import("../app/memory/synthetic.server.ts");
    const { DEFAULT_PARAMETERS } = await import("../app/memory/defaults.ts");
    const { FIT_NICENESS } = await import("../app/memory/jobs.server.ts");

    console.log(`seeding ${LEARNERS} synthetic learners × ${REVIEWS} reviews…`);
    const seedStarted = Date.now();
    await prisma.sourceFile.upsert({
      where: { name: "fsrs-bench.txt" },
      create: { name: "fsrs-bench.txt", contentHash: "fsrs-bench" },
      update: {},
    });
    const document = await prisma.document.create({
      data: {
        key: "fsrs-bench",
        sourceFileName: "fsrs-bench.txt",
        ordinal: 0,
        title: "记忆参数基准",
        kind: "news",
        startLine: 1,
        endLine: 1,
        text: "基准。",
        rawText: "基准。",
        contentHash: "fsrs-bench",
        importHash: "fsrs-bench",
        passages: {
          create: {
            key: "fsrs-bench:0",
            ordinal: 0,
            path: [],
            text: "基准。",
            rawText: "基准。",
            startLine: 1,
            endLine: 1,
            textHash: "fsrs-bench",
          },
        },
      },
    });
    const pointCount = Math.ceil(REVIEWS / 3) + 50;
    const refs = Array.from({ length: pointCount }, () => ({
      knowledgePointId: crypto.randomUUID(),
      questionId: crypto.randomUUID(),
    }));
    await prisma.knowledgePoint.createMany({
      data: refs.map((r, i) => ({
        id: r.knowledgePointId,
        fingerprint: `fsrs-bench-${i}`,
        kind: "target" as const,
        documentId: document.id,
        passageKey: "fsrs-bench:0",
        quote: "基准。",
        answer: "甲",
        subject: `基准${i}`,
        data: {},
      })),
    });
    await prisma.question.createMany({
      data: refs.map((r, i) => ({
        id: r.questionId,
        key: `fsrs-bench-${i}`,
        knowledgePointId: r.knowledgePointId,
        format: "single" as const,
        stem: `基准${i}`,
        options: ["甲", "乙"],
        answer: ["甲"],
        explanation: "",
        sourcePath: [],
        sourceQuote: "基准。",
        status: "approved" as const,
        score: 0.9,
        generatorVersion: "bench",
      })),
    });
    const seeding = progressBar(LEARNERS);
    for (let i = 0; i < LEARNERS; i++) {
      // Each learner's own truth: initial stabilities and growth scaled from ×0.2 to ×3 of the defaults.
      const scale = 0.2 + (((i * 7919) % 100) / 100) * 2.8;
      const truth = withWeights({
        0: DEFAULT_PARAMETERS[0]! * scale,
        1: DEFAULT_PARAMETERS[1]! * scale,
        2: DEFAULT_PARAMETERS[2]! * scale,
        3: DEFAULT_PARAMETERS[3]! * scale,
        8: Math.max(0.5, DEFAULT_PARAMETERS[8]! * Math.sqrt(scale)),
      });
      const user = await prisma.user.create({
        data: { username: `fsrsbench_${String(i).padStart(5, "0")}`, displayName: `基准${i}`, passwordHash: "x" },
      });
      const learner = syntheticLearner({
        trueParameters: truth,
        seed: 1000 + i,
        reviews: REVIEWS,
        firstDay: "2026-01-01",
      });
      await storeSyntheticLearner(user.id, learner, refs);
      seeding.update(i + 1);
    }
    seeding.end();
    console.log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    await prisma.$executeRawUnsafe("vacuum (analyze)");

    const health = (seconds: number) =>
      runLoad(HEALTH_CONNECTIONS, seconds, async (_, time) => void (await time("healthz", `${base}/healthz`)), {
        stepsPerSecond: HEALTH_RPS,
      });
    console.log("GET /healthz with nothing else running (10 s)…");
    const idle = (await health(10)).get("healthz");

    console.log(`fitting ${LEARNERS} learners in a separate process, GET /healthz beside it…`);
    const fitter = fork(path.join(ROOT, "scripts/bench-fsrs-fitter.ts"), [], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, DATABASE_URL: url },
    });
    // At the fit process's priority in the server (app/memory/jobs.server.ts).
    if (fitter.pid) setPriority(fitter.pid, FIT_NICENESS);
    const fitting = progressBar(LEARNERS);
    const report = new Promise<FitReport>((resolve, reject) => {
      fitter.on("message", (message: { type: string; done?: number; report?: FitReport }) => {
        if (message.type === "progress") fitting.update(message.done!);
        else if (message.type === "done") resolve(message.report!);
      });
      fitter.once("exit", (code) => reject(new Error(`the fitter exited (${code})`)));
    });
    let fitDone = false;
    void report.finally(() => (fitDone = true)).catch(() => {});
    const during: number[] = [];
    const samples: LatencyStats[] = [];
    while (!fitDone) {
      const s = (await health(3)).get("healthz");
      if (s) {
        samples.push(s);
        during.push(s.p99);
      }
    }
    const fits = await report;
    fitting.end();
    const whileFitting =
      samples.length > 0
        ? {
            ...samples[0]!,
            count: samples.reduce((n, s) => n + s.count, 0),
            errors: samples.reduce((n, s) => n + s.errors, 0),
            p50: quantile(
              samples.map((s) => s.p50),
              0.5,
            ),
            p95: Math.max(...samples.map((s) => s.p95)),
            p99: Math.max(...during),
            max: Math.max(...samples.map((s) => s.max)),
          }
        : undefined;

    const ms = fits.fits.map((f) => f.ms);
    const fitted = fits.fits.filter((f) => f.outcome === "fitted");
    const compared = fits.fits.filter((f) => f.before !== null && f.after !== null);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const perLearner = fits.totalMs / LEARNERS;
    console.log("");
    const os = await import("node:os");
    // Other work on the machine moves the latency figures: its load is printed with them.
    console.log(
      `## bench:fsrs — ${LEARNERS} learners × ${REVIEWS} reviews (${process.platform}-${process.arch}, ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")})`,
    );
    console.log("");
    console.log("| fitting | value |");
    console.log("|---|---|");
    console.log(`| total | ${(fits.totalMs / 1000).toFixed(1)} s |`);
    console.log(
      `| per learner (read reviews, fit on the earlier 75 %, evaluate, refit on all, store) | mean ${perLearner.toFixed(0)} ms, p50 ${quantile(ms, 0.5).toFixed(0)} ms, p95 ${quantile(ms, 0.95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms |`,
    );
    console.log(`| 1,000 learners, extrapolated | ${((perLearner * 1000) / 60_000).toFixed(1)} min |`);
    console.log(
      `| fit process memory | ${fits.baseRssMb.toFixed(0)} MB at start, peak RSS ${fits.peakRssMb.toFixed(0)} MB (getrusage maxRSS ${fits.maxRssMb.toFixed(0)} MB): +${(fits.peakRssMb - fits.baseRssMb).toFixed(0)} MB while fitting, not growing with the number of learners (one at a time) |`,
    );
    console.log(
      `| outcomes | ${fitted.length} fitted, ${compared.length - fitted.length} kept (no better), ${fits.fits.length - compared.length} other |`,
    );
    console.log(
      `| log-loss on the later 25 % of each learner's reviews, defaults → candidate fitted on the earlier 75 % | all ${compared.length}: ${mean(compared.map((f) => f.before!)).toFixed(4)} → ${mean(compared.map((f) => f.after!)).toFixed(4)}; the ${fitted.length} stored: ${mean(fitted.map((f) => f.before!)).toFixed(4)} → ${mean(fitted.map((f) => f.after!)).toFixed(4)} |`,
    );
    console.log("");
    console.log("| GET /healthz (100 req/s, 4 connections) | requests | errors | p50 ms | p95 ms | p99 ms | max ms |");
    console.log("|---|---|---|---|---|---|---|");
    console.log(latencyRow("nothing else running", idle));
    console.log(latencyRow("while fitting beside it", whileFitting));
  } finally {
    const { disconnectDatabase } = await import("../app/db.server.ts");
    await disconnectDatabase().catch(() => {});
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await database.stop();
  }
});
