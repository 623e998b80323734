import { describe, expect, it } from "vitest";
import { connectionSettings, poolSizeFor } from "./db-settings";
import { freshnessLabel } from "./groups/report";

describe("connectionSettings", () => {
  it("reads pgbouncer=true and connection_limit from the URL and leaves them out of what node-postgres gets", () => {
    const settings = connectionSettings(
      "postgresql://u:p@pgbouncer:6432/xueer?pgbouncer=true&connection_limit=4&sslmode=disable",
    );
    expect(settings).toEqual({
      connectionString: "postgresql://u:p@pgbouncer:6432/xueer?sslmode=disable",
      pgbouncer: true,
      poolSize: 4,
    });
  });

  it("keeps named statements on and the default pool without them; DATABASE_POOL_SIZE sizes the pool", () => {
    expect(connectionSettings("postgresql://u:p@db/xueer")).toMatchObject({ pgbouncer: false, poolSize: 10 });
    expect(connectionSettings("postgresql://u:p@db/xueer", { DATABASE_POOL_SIZE: "3" }).poolSize).toBe(3);
    expect(() => connectionSettings("postgresql://u:p@db/xueer", { DATABASE_POOL_SIZE: "0" })).toThrow(
      /DATABASE_POOL_SIZE/,
    );
  });
});

describe("poolSizeFor", () => {
  it("fits every worker's two pools (requests, import thread) and the primary's into max_connections with room left", () => {
    expect(poolSizeFor({ maxConnections: 100, workers: 2 })).toBe(10); // 2 × 2 × 10 + 20 + 10 = 70
    expect(poolSizeFor({ maxConnections: 100, workers: 8 })).toBe(4); // 8 × 2 × 4 + 20 + 10 = 94
    expect(poolSizeFor({ maxConnections: 100, workers: 16 })).toBe(2); // the floor: use PgBouncer
    for (const workers of [1, 2, 4, 8]) {
      expect(workers * 2 * poolSizeFor({ maxConnections: 100, workers }) + 20 + 10).toBeLessThanOrEqual(100);
    }
  });
});

describe("freshnessLabel", () => {
  const at = new Date("2026-12-03T06:30:05Z");
  it("says when the data was current, in the group's time zone, and how far a replica is behind", () => {
    expect(freshnessLabel({ replica: false, dataAsOf: at, lagSeconds: 0 }, "Asia/Shanghai")).toBe(
      "数据更新于 2026/12/03 14:30:05",
    );
    expect(freshnessLabel({ replica: true, dataAsOf: at, lagSeconds: 12.4 }, "Asia/Shanghai")).toBe(
      "数据更新于 2026/12/03 14:30:05（读自只读副本，落后约 12 秒）",
    );
  });
});
