import { describe, expect, it } from "vitest";

// DATABASE_REPLICA_URL: group reports, their CSV exports and the admin dashboard read from it,
// writes never do. The replica is simulated by this file's own database under another
// application_name; what is asserted is which connection pool each path checks connections out of.
process.env.DATABASE_REPLICA_URL = (() => {
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", "xueer_replica");
  return url.toString();
})();

type Pool = { on(event: "acquire", listener: () => void): void; options: { connectionString?: string } };
const { prisma, readsFromReplica, reportingPrisma } = await import("~/db.server");
const { getGroupReport } = await import("~/groups/report.server");
const { getDashboard } = await import("~/admin/dashboard.server");
const { createGroup } = await import("~/groups/groups.server");
const { nextStudyItem, submitAnswer } = await import("~/study/session.server");
const { exportCsv } = await import("~/groups/exports");
const { freshnessLabel } = await import("~/groups/report");
const { createKnowledgePoint, createUser } = await import("../factories");

const database = (globalThis as unknown as { __xueerDatabase: { pool: Pool; replica: { pool: Pool } | null } })
  .__xueerDatabase;
const checkouts = { primary: 0, replica: 0 };
database.pool.on("acquire", () => checkouts.primary++);
database.replica!.pool.on("acquire", () => checkouts.replica++);

async function counted<T>(fn: () => Promise<T>) {
  checkouts.primary = 0;
  checkouts.replica = 0;
  const result = await fn();
  return { result, ...checkouts };
}

describe("a reporting replica (DATABASE_REPLICA_URL)", () => {
  it("serves group reports, CSV exports and the dashboard from the replica, with 数据更新于, and never a write", async () => {
    expect(readsFromReplica).toBe(true);
    expect(reportingPrisma).not.toBe(prisma);
    expect(database.replica!.pool.options.connectionString).toContain("application_name=xueer_replica");

    const learner = await createUser();
    const group = await createGroup({ name: "副本组", description: "", timeZone: "Asia/Shanghai" });
    await prisma.membership.create({ data: { groupId: group.id, userId: learner.id, role: "member" } });
    await createKnowledgePoint();

    // A write (an answer) goes to the primary only.
    const answered = await counted(async () => {
      const shown = await nextStudyItem(learner.id, new Date());
      if (shown.done) throw new Error("expected a question");
      await submitAnswer(learner.id, shown.question.token, ["5%左右"], 2000, new Date());
    });
    expect(answered.primary).toBeGreaterThan(0);
    expect(answered.replica).toBe(0);

    // The report (and its CSVs, made from the same report) reads only from the replica.
    const report = await counted(() => getGroupReport(group.id, {}, new Date()));
    expect(report.replica).toBeGreaterThan(0);
    expect(report.primary).toBe(0);
    expect(report.result.members.map((m) => m.userId)).toEqual([learner.id]);
    expect(report.result.members[0]!.reviews7).toBe(1);
    expect(report.result.source.replica).toBe(true);
    // Not in recovery (the simulated replica is the primary itself): current, no lag.
    expect(report.result.source.lagSeconds).toBeLessThan(1);
    expect(Math.abs(report.result.source.dataAsOf.getTime() - Date.now())).toBeLessThan(60_000);
    expect(freshnessLabel(report.result.source, "Asia/Shanghai")).toMatch(
      /^数据更新于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}（读自只读副本，已与主库同步）$/,
    );
    expect(exportCsv(report.result, "members")).toContain(learner.username);

    const dashboard = await counted(() => getDashboard());
    expect(dashboard.replica).toBeGreaterThan(0);
    expect(dashboard.primary).toBe(0);
    expect(dashboard.result.users).toBeGreaterThanOrEqual(1);
  });
});
