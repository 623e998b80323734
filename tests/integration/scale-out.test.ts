import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { prisma } from "~/db.server";
import { turboStreamValue } from "../../scripts/lib/load.ts";
import { startPgBouncer, type PgBouncer } from "../../scripts/lib/pgbouncer.ts";
import { freePort } from "../../scripts/lib/postgres.ts";
import { ROOT } from "../../scripts/lib/server.ts";
import { createKnowledgePoint, createUser } from "../factories";
import { createDatabase, dropDatabase } from "../support/test-database.ts";

// Several app processes on one database through Debian's PgBouncer 1.18 in transaction mode
// (`pgbouncer=true`: no named prepared statements): two separate instances with their own
// in-memory caches, one learner's requests alternating between them; then `npm start` itself with
// WEB_CONCURRENCY=2, a worker killed, Ctrl-C. PgBouncer missing fails the file with how to install it.

const SECRET = randomBytes(32).toString("hex");
let bouncer: PgBouncer;
const children: ChildProcess[] = [];

interface Instance {
  base: string;
  child: ChildProcess;
  output: () => string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function until(condition: () => boolean, ms: number, what: () => string) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function spawnLogged(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** A production-mode environment for an app process on `databaseUrl` (not this file's own settings). */
function appEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  const { DATABASE_URL: _u, NODE_ENV: _n, VITEST: _v, ...inherited } = process.env;
  return { ...inherited, DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET, NODE_ENV: "production", ...extra };
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const { child, output } = spawnLogged(
    [path.join(ROOT, "tests/support/serve-instance.ts")],
    appEnv(databaseUrl, { PORT: String(port) }),
  );
  await until(
    () => output().includes("listening") || child.exitCode !== null,
    60_000,
    () => `an instance to listen:\n${output()}`,
  );
  if (child.exitCode !== null) throw new Error(`the instance exited:\n${output()}`);
  return { base: `http://127.0.0.1:${port}`, child, output };
}

interface Reply {
  status: number;
  body: string;
  setCookie?: string[];
  location?: string;
}

/** A request on a connection of its own (no keep-alive: a dead worker cannot hold it). */
function request(
  base: string,
  pathname: string,
  { method = "GET", cookie, body, type }: { method?: string; cookie?: string; body?: string; type?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Origin: base };
    if (cookie) headers.Cookie = cookie;
    if (type) headers["Content-Type"] = type;
    const req = http.request(new URL(pathname, base), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          setCookie: res.headers["set-cookie"],
          location: res.headers.location,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    // A request that never gets an answer is a lost request, not a hang of the test.
    req.setTimeout(15_000, () => req.destroy(Object.assign(new Error("no answer within 15 s"), { code: "TIMEOUT" })));
    req.end(body);
  });
}

const form = (fields: Record<string, string>) => ({
  method: "POST",
  type: "application/x-www-form-urlencoded",
  body: new URLSearchParams(fields).toString(),
});

async function login(base: string, username: string, password: string): Promise<string> {
  const reply = await request(base, "/login", form({ username, password }));
  expect(reply.status).toBe(302);
  return reply.setCookie!.find((c) => c.startsWith("xueer_session="))!.split(";")[0]!;
}

async function nextToken(base: string, cookie: string): Promise<string | null> {
  const reply = await request(base, "/study.data?_routes=routes%2Fstudy", { cookie });
  expect(reply.status).toBe(200);
  const token = turboStreamValue(reply.body, "token");
  return typeof token === "string" ? token : null;
}

interface Answered {
  result?: { correct: boolean };
  next?: { done: boolean; question?: { token: string } };
}

async function answer(
  base: string,
  cookie: string,
  token: string,
  given = "5%左右",
): Promise<{ status: number; data: Answered }> {
  const reply = await request(base, "/study/answer", {
    method: "POST",
    cookie,
    type: "application/json",
    body: JSON.stringify({ token, answer: [given], durationMs: 3000 }),
  });
  return { status: reply.status, data: JSON.parse(reply.body) as Answered };
}

const pointOf = async (token: string) =>
  await prisma.presentation.findUniqueOrThrow({
    where: { token },
    select: { knowledgePointId: true, questionId: true },
  });

beforeAll(async () => {
  // Fails the whole file with the install command when the binary is missing: never a skip.
  bouncer = await startPgBouncer(process.env.DATABASE_URL!, { label: "scale-out-pgbouncer" });
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await bouncer?.stop();
});

describe("two instances through PgBouncer in transaction mode", () => {
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startInstance(bouncer.url(process.env.DATABASE_URL!)),
      startInstance(bouncer.url(process.env.DATABASE_URL!)),
    ]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      [a, b].map((instance) =>
        instance && instance.child.exitCode === null
          ? new Promise((resolve) => {
              instance.child.once("exit", resolve);
              instance.child.kill("SIGTERM");
            })
          : null,
      ),
    );
  });

  it(
    "serves one learner alternately from both: each answer once, no point twice, every admin change seen at the next request",
    { timeout: 120_000 },
    async () => {
      const learner = await createUser();
      const admin = await createUser({ role: "admin" });
      const first = await createKnowledgePoint();
      const points = [first];
      for (let i = 0; i < 11; i++) points.push(await createKnowledgePoint({ setId: first.setId }));
      const [learnerA, learnerB] = [
        await login(a.base, learner.username, learner.password),
        await login(b.base, learner.username, learner.password),
      ];
      const adminA = await login(a.base, admin.username, admin.password);
      const cookieFor = (i: number) => (i % 2 === 0 ? learnerA : learnerB);
      const instance = (i: number) => (i % 2 === 0 ? a : b);

      // Both instances read the learner's state into memory first (the first question of a session).
      let token = await nextToken(b.base, learnerB);
      expect(token).toBeTruthy();
      expect(await nextToken(a.base, learnerA)).toBe(token);

      let answers = 0;
      const shown: string[] = [];
      const step = async (i: number) => {
        shown.push((await pointOf(token!)).knowledgePointId);
        const reply = await answer(instance(i).base, cookieFor(i), token!);
        expect(reply.status).toBe(200);
        expect(reply.data.result?.correct).toBe(true);
        answers++;
        token = reply.data.next?.done === false ? reply.data.next.question!.token : null;
      };

      // 1. Four answers, alternating: four different points (each instance's cached state is stale
      // after the other's answer, and is read afresh).
      for (let i = 0; i < 4; i++) await step(i);
      expect(new Set(shown).size).toBe(4);
      expect(await prisma.review.count({ where: { userId: learner.id } })).toBe(answers);

      // 2. On A an administrator rejects the questions of four points not yet shown: B never shows them.
      const unseen = points.filter((p) => !shown.includes(p.point.id));
      const open = token ? (await pointOf(token)).knowledgePointId : null;
      const rejected = unseen.filter((p) => p.point.id !== open).slice(0, 4);
      for (const p of rejected) {
        const reply = await request(a.base, `/admin/questions/${p.questions[0]!.id}`, {
          ...form({ intent: "review", decision: "rejected" }),
          cookie: adminA,
        });
        expect(reply.status).toBe(200);
      }
      const rejectedIds = new Set(rejected.map((p) => p.point.id));
      for (let i = 1; i <= 3; i++) await step(i);
      expect(shown.slice(4).filter((id) => rejectedIds.has(id))).toEqual([]);
      expect(new Set(shown).size).toBe(7);

      // 3. On A the learner lowers the daily limit of new points to 0: B introduces no new point.
      const introduced = new Set(shown);
      if (token) introduced.add((await pointOf(token)).knowledgePointId);
      const settings = await request(a.base, "/settings", {
        ...form({ intent: "study", dailyNewLimit: "0", desiredRetention: "0.9", timeZone: "Asia/Shanghai" }),
        cookie: learnerA,
      });
      expect(settings.status).toBe(200);
      for (let i = 1; i <= 2 && token; i++) await step(i);
      expect(shown.slice(7).every((id) => introduced.has(id))).toBe(true);
      if (token) {
        // The open showing may still be answered; what follows it is only what was introduced.
        const next = await answer(b.base, learnerB, token);
        answers++;
        const following =
          next.data.next?.done === false ? (await pointOf(next.data.next.question!.token)).knowledgePointId : null;
        expect(following === null || introduced.has(following)).toBe(true);
        token = following ? next.data.next!.question!.token : null;
      }

      // 4. On A the administrator withdraws the set (archives it): B has nothing left to ask.
      const withdrawn = await request(a.base, `/admin/sets/${first.setId}`, {
        ...form({ intent: "archive" }),
        cookie: adminA,
      });
      expect(withdrawn.status).toBe(200);
      expect(
        await prisma.questionSet.findUniqueOrThrow({ where: { id: first.setId }, select: { status: true } }),
      ).toEqual({ status: "archived" });
      const after = await request(b.base, "/study.data?_routes=routes%2Fstudy", { cookie: learnerB });
      expect(after.status).toBe(200);
      if (token) {
        // Only the showing opened before the withdrawal may remain; answering it ends the session.
        const last = await answer(b.base, learnerB, token);
        answers++;
        expect(last.data.next?.done).toBe(true);
      } else {
        expect(turboStreamValue(after.body, "token")).toBeUndefined();
      }
      expect(await nextToken(b.base, learnerB)).toBeNull();
      expect(await nextToken(a.base, learnerA)).toBeNull();

      // Every answer recorded once, on whichever instance it arrived.
      expect(await prisma.review.count({ where: { userId: learner.id } })).toBe(answers);
      expect(await prisma.presentation.count({ where: { userId: learner.id, answeredAt: { not: null } } })).toBe(
        answers,
      );
    },
  );

  it(
    "records 200 concurrent answers to one showing, spread over both instances, as exactly one review",
    { timeout: 60_000 },
    async () => {
      const learner = await createUser();
      await createKnowledgePoint();
      const cookies = [
        await login(a.base, learner.username, learner.password),
        await login(b.base, learner.username, learner.password),
      ];
      const token = await nextToken(a.base, cookies[0]!);
      expect(token).toBeTruthy();
      const replies = await Promise.all(
        Array.from({ length: 200 }, (_, i) => answer(i % 2 === 0 ? a.base : b.base, cookies[i % 2]!, token!)),
      );
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(new Set(replies.map((r) => r.data.result?.correct))).toEqual(new Set([true]));
      expect(await prisma.review.count({ where: { userId: learner.id } })).toBe(1);
      expect(await prisma.card.count({ where: { userId: learner.id } })).toBe(1);
      expect((await prisma.card.findFirstOrThrow({ where: { userId: learner.id }, select: { reps: true } })).reps).toBe(
        1,
      );
    },
  );
});

describe("npm start with WEB_CONCURRENCY=2 through PgBouncer", () => {
  it(
    "replaces a worker killed with SIGKILL, loses no request beyond those in flight, and leaves no process after Ctrl-C",
    { timeout: 180_000 },
    async () => {
      // A database of its own: the start imports content/ and regenerates the bank.
      const { adminUrl, template } = inject("testDatabase");
      const name = `xueer_cluster_${randomBytes(4).toString("hex")}`;
      const url = await createDatabase(adminUrl, name, template);
      try {
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        const { child, output } = spawnLogged(
          [path.join(ROOT, "scripts/start.ts")],
          appEnv(bouncer.url(url), { PORT: String(port), WEB_CONCURRENCY: "2" }),
        );
        await until(
          () => /ready in .*2 workers, pids (\d+), (\d+)/.test(output()) || child.exitCode !== null,
          90_000,
          () => `the ready line:\n${output()}`,
        );
        const [, first, second] = /2 workers, pids (\d+), (\d+)/.exec(output())!.map(Number);
        expect(alive(first!) && alive(second!)).toBe(true);
        expect((await request(base, "/healthz")).status).toBe(200);

        // Requests keep coming, 8 at a time, each on a new connection, while a worker is killed.
        const IN_FLIGHT = 8;
        let running = true;
        let ok = 0;
        const failures: string[] = [];
        const loops = Array.from({ length: IN_FLIGHT }, async () => {
          while (running) {
            try {
              const reply = await request(base, "/healthz");
              if (reply.status === 200) ok++;
              else failures.push(`status ${reply.status}`);
            } catch (error) {
              failures.push((error as NodeJS.ErrnoException).code ?? String(error));
            }
          }
        });
        await until(
          () => ok >= 50,
          20_000,
          () => "requests before the kill",
        );
        process.kill(first!, "SIGKILL");
        await until(
          () => /worker (\d+) replaces worker/.test(output()),
          30_000,
          () => `the replacement:\n${output()}`,
        );
        const okAtReplacement = ok;
        await until(
          () => ok >= okAtReplacement + 100,
          20_000,
          () => "requests after the replacement",
        );
        running = false;
        await Promise.all(loops);
        expect(output()).toContain(`worker ${first} died (SIGKILL): starting a new one`);
        const replacement = Number(/worker (\d+) replaces worker/.exec(output())![1]);
        expect(alive(replacement)).toBe(true);
        // Only the requests the killed worker was serving at that instant may fail.
        expect(failures.length).toBeLessThanOrEqual(IN_FLIGHT);

        // Ctrl-C: the primary drains and stops both workers and exits 0; nothing is left.
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        child.kill("SIGINT");
        await until(
          () => child.exitCode !== null || child.signalCode !== null,
          30_000,
          () => `the start process to exit after Ctrl-C:\n${output()}`,
        );
        expect(await exited).toBe(0);
        await until(
          () => !alive(second!) && !alive(replacement),
          10_000,
          () => "the workers to exit",
        );
        expect([child.pid!, second!, replacement].filter(alive)).toEqual([]);
        await expect(request(base, "/healthz")).rejects.toThrow();
        // The start-up import ran once, in the primary, through PgBouncer.
        expect(output().match(/content: \d+ documents/g)?.length ?? 0).toBeLessThanOrEqual(1);
      } finally {
        await dropDatabase(adminUrl, name);
      }
    },
  );
});
