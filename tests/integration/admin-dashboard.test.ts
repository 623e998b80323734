import os from "node:os";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { INTERRUPTED_MESSAGE } from "~/documents/import-jobs.server";
import { loader as dashboardLoader } from "~/routes/admin._index";
import { action as loginAction } from "~/routes/login";
import { createUser } from "../factories";
import { context, formRequest, getRequest, sessionCookie } from "../support/requests";

describe("the admin dashboard's recent imports", () => {
  it("shows each run's status in Chinese: 排队中, 进行中 with its step, 失败 with the reason, 已中断, 完成", async () => {
    const admin = await createUser({ role: "admin" });
    const login = (await loginAction({
      request: formRequest("/login", { username: admin.username, password: admin.password }),
      context: context(),
      params: {},
    })) as Response;
    const cookie = sessionCookie(login);
    // Runs of a live process elsewhere keep their state; one whose process on this host is gone is interrupted.
    const elsewhere = { owner: "another-host/4242", heartbeatAt: new Date() };
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await prisma.importRun.createMany({
      data: [
        {
          source: "upload",
          userId: admin.id,
          status: "queued",
          filesTotal: 2,
          result: { pending: ["a.txt", "b.txt"] },
          createdAt: at(1),
          ...elsewhere,
        },
        {
          source: "upload",
          userId: admin.id,
          status: "running",
          stage: "parsing",
          filesDone: 1,
          filesTotal: 3,
          result: {},
          createdAt: at(2),
          ...elsewhere,
        },
        {
          source: "upload",
          userId: admin.id,
          status: "failed",
          error: "导入线程内存不足（超过 1536 MB），导入已停止。",
          result: {},
          createdAt: at(3),
          finishedAt: at(3),
        },
        {
          source: "start",
          status: "running",
          stage: "generating",
          result: {},
          createdAt: at(4),
          owner: `${os.hostname()}/999999999`,
          heartbeatAt: at(4),
        },
        {
          source: "cli",
          status: "done",
          result: { files: 1, documents: { created: 2 }, generation: { questions: { created: 30 } } },
          createdAt: at(5),
          finishedAt: at(5),
        },
      ],
    });
    const page = await dashboardLoader({ request: getRequest("/admin", { cookie }), context: context(), params: {} });
    expect(
      page.recentImports.map(({ source, statusLabel, summary, user }) => ({ source, statusLabel, summary, user })),
    ).toEqual([
      { source: "upload", statusLabel: "排队中", summary: "等待处理 2 个文件", user: admin.displayName },
      { source: "upload", statusLabel: "进行中 · 解析文档", summary: "1/3 个文件", user: admin.displayName },
      {
        source: "upload",
        statusLabel: "失败",
        summary: "导入线程内存不足（超过 1536 MB），导入已停止。",
        user: admin.displayName,
      },
      { source: "start", statusLabel: "已中断", summary: INTERRUPTED_MESSAGE, user: null },
      { source: "cli", statusLabel: "完成", summary: "1 个文件，新增 2 篇文档，新增 30 道题目", user: null },
    ]);
    expect(page.recentImports.some((run) => run.summary === "—")).toBe(false);
  });
});
