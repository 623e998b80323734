import { describe, expect, it } from "vitest";
import { isInviteCodeShape, normalizeInviteCode } from "./invite";
import {
  assignmentResult,
  discriminationLabel,
  groupSize,
  itemStats,
  rankEntries,
  resolveRange,
  trendWeeks,
} from "./report";

describe("resolveRange", () => {
  it("defaults to the last 30 days and repairs odd input", () => {
    expect(resolveRange(null, null, "2024-03-06")).toEqual({ from: "2024-02-06", to: "2024-03-06", days: 30 });
    expect(resolveRange("2024-03-01", "2024-02-01", "2024-03-06")).toEqual({
      from: "2024-02-01",
      to: "2024-03-01",
      days: 30,
    });
    expect(resolveRange("2024-02-30", "2025-01-01", "2024-03-06")).toEqual({
      from: "2024-02-06",
      to: "2024-03-06",
      days: 30,
    });
    expect(resolveRange("2020-01-01", "2024-03-06", "2024-03-06").days).toBe(366);
  });
});

describe("trendWeeks", () => {
  it("ends with a full week on the last day", () => {
    const weeks = trendWeeks("2024-03-06");
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toEqual({ start: "2024-02-29", end: "2024-03-06" });
    expect(weeks[0]).toEqual({ start: "2023-12-14", end: "2023-12-20" });
  });
});

describe("assignmentResult", () => {
  it("prefers the on-time score and tells late from in progress", () => {
    expect(assignmentResult(undefined)).toEqual({ status: "not_started", score: null });
    expect(assignmentResult({ onTimeScore: 80, firstScore: 100, submitted: true, started: true })).toEqual({
      status: "on_time",
      score: 80,
    });
    expect(assignmentResult({ onTimeScore: null, firstScore: 60, submitted: true, started: true })).toEqual({
      status: "late",
      score: 60,
    });
    expect(assignmentResult({ onTimeScore: null, firstScore: null, submitted: false, started: true })).toEqual({
      status: "in_progress",
      score: null,
    });
  });
});

describe("itemStats", () => {
  it("computes facility and D, and calls a negative D faulty only with enough attempts", () => {
    expect(groupSize(25)).toBe(7);
    expect(groupSize(3)).toBe(1);
    const stats = itemStats({ attempts: 30, correct: 12, upper: 8, upperCorrect: 2, lower: 8, lowerCorrect: 6 });
    expect(stats.facility).toBeCloseTo(0.4);
    expect(stats.discrimination).toBeCloseTo(-0.5);
    expect(stats.negative).toBe(true);
    expect(itemStats({ attempts: 19, correct: 5, upper: 5, upperCorrect: 0, lower: 5, lowerCorrect: 5 }).negative).toBe(
      false,
    );
    expect(
      itemStats({ attempts: 20, correct: 10, upper: 5, upperCorrect: 3, lower: 5, lowerCorrect: 3 }).negative,
    ).toBe(false);
    expect(discriminationLabel(-0.1)).toBe("反向，需复查");
    expect(discriminationLabel(0.45)).toBe("优秀");
  });
});

describe("rankEntries", () => {
  it("gives ties the same place", () => {
    const ranked = rankEntries([
      { userId: "a", displayName: "甲", value: 5 },
      { userId: "b", displayName: "乙", value: 9 },
      { userId: "c", displayName: "丙", value: 5 },
      { userId: "d", displayName: "丁", value: 1 },
    ]);
    expect(ranked.map((r) => [r.userId, r.rank])).toEqual([
      ["b", 1],
      ["c", 2],
      ["a", 2],
      ["d", 4],
    ]);
  });
});

describe("invite codes", () => {
  it("accepts what people type", () => {
    expect(normalizeInviteCode(" ab2c-dE3f ")).toBe("AB2CDE3F");
    expect(normalizeInviteCode("ＡＢ２Ｃ ＤＥ３Ｆ")).toBe("AB2CDE3F");
    expect(isInviteCodeShape("AB2CDE3F")).toBe(true);
    expect(isInviteCodeShape("AB0CDE3F")).toBe(false);
  });
});
