import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { runFitProcess } from "~/memory/jobs.server";
import { storeSyntheticLearner } from "~/memory/synthetic.server";
import { FAST_FORGETTER, syntheticLearner } from "~/memory/synthetic";
import { createDocument, createUser } from "../factories";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function fastLearner(seed: number, reviews: number) {
  const user = await createUser();
  const generated = syntheticLearner({ trueParameters: FAST_FORGETTER, seed, reviews, firstDay: "2026-01-01" });
  const document = await createDocument();
  const refs = generated.cards.map(() => ({ knowledgePointId: crypto.randomUUID(), questionId: crypto.randomUUID() }));
  await prisma.knowledgePoint.createMany({
    data: refs.map((r, i) => ({
      id: r.knowledgePointId,
      fingerprint: `jobs-${seed}-${i}`,
      kind: "target" as const,
      documentId: document.id,
      passageKey: document.passages[0]!.key,
      quote: "测试段落。",
      answer: "甲",
      subject: `考点${i}`,
      data: {},
    })),
  });
  await prisma.question.createMany({
    data: refs.map((r, i) => ({
      id: r.questionId,
      key: `jobs-${seed}-${i}`,
      knowledgePointId: r.knowledgePointId,
      format: "single" as const,
      stem: `题${i}`,
      options: ["甲", "乙"],
      answer: ["甲"],
      explanation: "",
      sourcePath: [],
      sourceQuote: "测试段落。",
      status: "approved" as const,
      score: 0.9,
      generatorVersion: "test",
    })),
  });
  await storeSyntheticLearner(user.id, generated, refs);
  return user;
}

function cli(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/fsrs-optimize.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env },
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("fits outside the request path", () => {
  it("the server's automatic pass fits, in a child process, the learners who studied since their last fit", async () => {
    const due = await fastLearner(31, 1200);
    const small = await fastLearner(32, 100);
    const results = await runFitProcess({ kind: "due" });
    expect(results.map((r) => r.outcome).sort()).toEqual(["fitted", "insufficient"]);
    expect(
      await prisma.fsrsFitRun.findMany({
        where: { userId: { in: [due.id, small.id] } },
        select: { userId: true, outcome: true, trigger: true },
        orderBy: { outcome: "asc" },
      }),
    ).toEqual([
      { userId: due.id, outcome: "fitted", trigger: "auto" },
      { userId: small.id, outcome: "insufficient", trigger: "auto" },
    ]);
    // Nothing is due until a week has passed and they studied again.
    expect(await runFitProcess({ kind: "due" })).toEqual([]);
  });

  it("npm run fsrs:optimize -- --user NAME fits one learner and prints the outcome; bad arguments print the usage", async () => {
    const user = await fastLearner(33, 1200);
    const run = cli(["--user", user.username]);
    expect(run.status).toBe(0);
    const [stored] = await prisma.fsrsFitRun.findMany({ where: { userId: user.id } });
    expect(stored).toMatchObject({ trigger: "cli", reviews: 1200 });
    expect(["fitted", "kept"]).toContain(stored!.outcome);
    expect(run.stdout).toContain(stored!.message);
    expect(run.stdout).toContain(`1 fit(s)`);
    expect(run.stdout).toContain(`1 ${stored!.outcome}`);
    expect(run.stderr).toContain("[########################] 1/1 100%");
    expect(await prisma.fsrsParameterSet.count({ where: { userId: user.id } })).toBe(
      stored!.outcome === "fitted" ? 1 : 0,
    );

    const wrong = cli(["--users", "x"]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr + wrong.stdout).toContain("usage: npm run fsrs:optimize [-- --user NAME | --group ID | --all]");
    const unknown = cli(["--user", "nobody_here"]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr + unknown.stdout).toContain('no user named "nobody_here"');
  });
});
