import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const url = "postgresql://u:p@localhost:5432/xueer";

describe("parseEnv", () => {
  it("accepts a development environment without a session secret", () => {
    const env = parseEnv({ DATABASE_URL: url });
    expect(env.NODE_ENV).toBe("development");
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(16);
  });
  it("names the variable that is wrong", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL is required/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL must be a postgresql:\/\/ connection string/,
    );
    expect(() => parseEnv({ DATABASE_URL: url, NODE_ENV: "production" })).toThrow(
      /SESSION_SECRET is required in production/,
    );
    expect(() => parseEnv({ DATABASE_URL: url, SESSION_SECRET: "short" })).toThrow(
      /SESSION_SECRET must be at least 16 characters/,
    );
  });
  it("refuses the test clock in production", () => {
    expect(() =>
      parseEnv({ DATABASE_URL: url, NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), XUEER_TEST_CLOCK: "1" }),
    ).toThrow(/XUEER_TEST_CLOCK must not be enabled in production/);
  });
  it("refuses the test clock in production whatever else the process environment holds", () => {
    const saved = process.env.XUEER_E2E;
    process.env.XUEER_E2E = "1";
    try {
      expect(() =>
        parseEnv({
          DATABASE_URL: url,
          NODE_ENV: "production",
          SESSION_SECRET: "x".repeat(32),
          XUEER_TEST_CLOCK: "1",
          XUEER_E2E: "1",
        }),
      ).toThrow(/XUEER_TEST_CLOCK must not be enabled in production/);
    } finally {
      if (saved === undefined) delete process.env.XUEER_E2E;
      else process.env.XUEER_E2E = saved;
    }
  });
  it("allows the test clock in development and test, and leaves it off by default", () => {
    expect(parseEnv({ DATABASE_URL: url, NODE_ENV: "test", XUEER_TEST_CLOCK: "1" }).XUEER_TEST_CLOCK).toBe("1");
    expect(parseEnv({ DATABASE_URL: url, XUEER_TEST_CLOCK: "1" }).XUEER_TEST_CLOCK).toBe("1");
    expect(
      parseEnv({ DATABASE_URL: url, NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) }).XUEER_TEST_CLOCK,
    ).toBe("0");
    expect(() => parseEnv({ DATABASE_URL: url, XUEER_TEST_CLOCK: "yes" })).toThrow(/XUEER_TEST_CLOCK/);
  });
});
