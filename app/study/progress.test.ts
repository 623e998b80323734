import { describe, expect, it } from "vitest";
import {
  bucketForecast,
  buildHeatmap,
  chineseDate,
  chineseWeekday,
  heatLevel,
  niceTicks,
  percent,
  ratio,
  recentDays,
  shortChineseDate,
  summarizeMastery,
  weekdayIndex,
} from "./progress";

describe("dates in Chinese", () => {
  it("formats days and weekdays", () => {
    expect(chineseDate("2024-03-05")).toBe("2024年3月5日");
    expect(shortChineseDate("2024-12-01")).toBe("12月1日");
    expect(chineseWeekday("2024-03-05")).toBe("周二");
    expect(chineseWeekday("2024-03-10")).toBe("周日");
    expect(weekdayIndex("2024-03-04")).toBe(0); // a Monday
    expect(weekdayIndex("2024-03-10")).toBe(6); // a Sunday
  });
});

describe("heatLevel", () => {
  it("splits the busiest day into quarters", () => {
    expect(heatLevel(0, 20)).toBe(0);
    expect(heatLevel(1, 20)).toBe(1);
    expect(heatLevel(5, 20)).toBe(1);
    expect(heatLevel(6, 20)).toBe(2);
    expect(heatLevel(15, 20)).toBe(3);
    expect(heatLevel(16, 20)).toBe(4);
    expect(heatLevel(20, 20)).toBe(4);
    expect(heatLevel(3, 0)).toBe(0);
  });
});

describe("buildHeatmap", () => {
  // 2024-03-06 is a Wednesday.
  const today = "2024-03-06";
  const counts = new Map([
    ["2024-03-06", 12],
    ["2024-03-04", 3],
    ["2024-02-29", 6],
    ["2023-03-06", 99], // the Monday the grid starts on
    ["2023-03-05", 500], // the day before: outside the grid, so not the maximum
  ]);
  const heatmap = buildHeatmap(counts, today);

  it("has 53 Monday-first columns ending with today's week", () => {
    expect(heatmap.weeks).toHaveLength(53);
    expect(heatmap.start).toBe("2023-03-06");
    expect(weekdayIndex(heatmap.start)).toBe(0);
    expect(heatmap.end).toBe(today);
    const last = heatmap.weeks[52]!;
    expect(last.map((cell) => cell?.day ?? null)).toEqual([
      "2024-03-04",
      "2024-03-05",
      "2024-03-06",
      null,
      null,
      null,
      null,
    ]);
    expect(heatmap.weeks[0]![0]).toEqual({ day: "2023-03-06", count: 99, level: 4 });
  });

  it("counts only days inside the grid and levels them against its busiest day", () => {
    expect(heatmap.max).toBe(99);
    expect(heatmap.total).toBe(99 + 6 + 3 + 12);
    expect(heatmap.weeks[52]![2]).toEqual({ day: "2024-03-06", count: 12, level: 1 });
    const cells = heatmap.weeks.flat().filter((cell) => cell !== null);
    expect(cells).toHaveLength(7 * 52 + 3);
    expect(cells.filter((cell) => cell.count > 0).map((cell) => cell.day)).toEqual([
      "2023-03-06",
      "2024-02-29",
      "2024-03-04",
      "2024-03-06",
    ]);
  });

  it("labels each month above the first column whose Monday is in it", () => {
    expect(heatmap.months[0]).toEqual({ column: 0, label: "3月" });
    expect(heatmap.months.map((m) => m.label)).toEqual([
      "3月",
      "4月",
      "5月",
      "6月",
      "7月",
      "8月",
      "9月",
      "10月",
      "11月",
      "12月",
      "1月",
      "2月",
      "3月",
    ]);
    // 2024-03-04 is the first Monday of March 2024, in the last column.
    expect(heatmap.months.at(-1)).toEqual({ column: 52, label: "3月" });
    // 2023-04-03 is the first Monday of April 2023, four weeks after the start.
    expect(heatmap.months[1]).toEqual({ column: 4, label: "4月" });
  });

  it("drops a first month label that would collide with the next one", () => {
    // Starts on Monday 2023-02-27: February owns one column before March's label.
    const grid = buildHeatmap(new Map(), "2024-02-26");
    expect(grid.start).toBe("2023-02-27");
    expect(grid.months[0]).toEqual({ column: 1, label: "3月" });
    expect(grid.max).toBe(0);
    expect(grid.weeks.flat().every((cell) => cell === null || cell.level === 0)).toBe(true);
  });

  it("works on a Sunday, the last day of its week", () => {
    const grid = buildHeatmap(new Map(), "2024-03-10");
    expect(grid.weeks[52]!.every((cell) => cell !== null)).toBe(true);
    expect(grid.weeks[52]![6]!.day).toBe("2024-03-10");
  });
});

describe("recentDays", () => {
  it("lists the last 30 study days oldest first, with zeroes", () => {
    const days = recentDays(
      new Map([
        ["2024-03-06", { correct: 8, wrong: 2 }],
        ["2024-02-06", { correct: 1, wrong: 0 }],
        ["2024-02-05", { correct: 0, wrong: 4 }],
      ]),
      "2024-03-06",
    );
    expect(days).toHaveLength(30);
    // 2024 is a leap year: 29 days before 3月6日 is 2月6日; 2月5日 falls outside.
    expect(days[0]).toEqual({ day: "2024-02-06", correct: 1, wrong: 0 });
    expect(days[1]).toEqual({ day: "2024-02-07", correct: 0, wrong: 0 });
    expect(days[29]).toEqual({ day: "2024-03-06", correct: 8, wrong: 2 });
    expect(days.reduce((sum, d) => sum + d.correct + d.wrong, 0)).toBe(11);
  });
});

describe("bucketForecast", () => {
  it("puts overdue cards on day 1 and drops days past the horizon", () => {
    const forecast = bucketForecast(
      [
        { day: "2024-02-01", count: 4 },
        { day: "2024-03-05", count: 1 },
        { day: "2024-03-06", count: 2 },
        { day: "2024-03-07", count: 3 },
        { day: "2024-04-04", count: 5 },
        { day: "2024-04-05", count: 7 },
      ],
      "2024-03-06",
    );
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toEqual({ day: "2024-03-06", count: 7 });
    expect(forecast[1]).toEqual({ day: "2024-03-07", count: 3 });
    expect(forecast[29]).toEqual({ day: "2024-04-04", count: 5 });
    expect(forecast.reduce((sum, d) => sum + d.count, 0)).toBe(15);
  });
});

describe("ratio and percent", () => {
  it("shows — when nothing was due", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(percent(ratio(0, 0))).toBe("—");
    expect(percent(ratio(2, 3))).toBe("67%");
    expect(percent(1)).toBe("100%");
  });
});

describe("summarizeMastery", () => {
  it("totals per kind (all three) and per document, largest first", () => {
    const mastery = summarizeMastery([
      { documentId: "a", title: "保密法", kind: "provision", cards: 4, mastered: 3 },
      { documentId: "b", title: "政府工作报告", kind: "target", cards: 5, mastered: 1 },
      { documentId: "b", title: "政府工作报告", kind: "phrase", cards: 2, mastered: 2 },
    ]);
    expect(mastery.total).toEqual({ cards: 11, mastered: 6 });
    expect(mastery.byKind).toEqual([
      { kind: "phrase", label: "提法", cards: 2, mastered: 2 },
      { kind: "target", label: "目标", cards: 5, mastered: 1 },
      { kind: "provision", label: "法条", cards: 4, mastered: 3 },
    ]);
    expect(mastery.byDocument).toEqual([
      { documentId: "b", title: "政府工作报告", cards: 7, mastered: 3 },
      { documentId: "a", title: "保密法", cards: 4, mastered: 3 },
    ]);
  });

  it("still lists the three kinds for a learner without cards", () => {
    const mastery = summarizeMastery([]);
    expect(mastery.byKind.map((k) => [k.label, k.cards])).toEqual([
      ["提法", 0],
      ["目标", 0],
      ["法条", 0],
    ]);
    expect(mastery.byDocument).toEqual([]);
  });
});

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 × 10ⁿ and tops the maximum", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(12)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(130)).toEqual([0, 50, 100, 150]);
  });
});
