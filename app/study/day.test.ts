import { describe, expect, it } from "vitest";
import { addDays, daysBetween, streaks, studyDay, studyDayEnd, studyDayStart } from "./day";

describe("study days start at 04:00 in the learner's time zone", () => {
  it("puts 03:59 Shanghai on the previous day and 04:00 on the new one", () => {
    // 2024-03-05 03:59 in Shanghai is 2024-03-04 19:59 UTC.
    expect(studyDay(new Date("2024-03-04T19:59:00Z"), "Asia/Shanghai")).toBe("2024-03-04");
    expect(studyDay(new Date("2024-03-04T20:00:00Z"), "Asia/Shanghai")).toBe("2024-03-05");
    expect(studyDay(new Date("2024-03-05T15:59:00Z"), "Asia/Shanghai")).toBe("2024-03-05");
  });
  it("computes the start and end instants of a day", () => {
    expect(studyDayStart("2024-03-05", "Asia/Shanghai").toISOString()).toBe("2024-03-04T20:00:00.000Z");
    expect(studyDayEnd(new Date("2024-03-05T10:00:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2024-03-05T20:00:00.000Z",
    );
  });
  it("handles other zones and daylight saving", () => {
    // New York moves from UTC-5 to UTC-4 at 02:00 on 2024-03-10, before that day's 04:00.
    expect(studyDayStart("2024-03-09", "America/New_York").toISOString()).toBe("2024-03-09T09:00:00.000Z");
    expect(studyDayStart("2024-03-10", "America/New_York").toISOString()).toBe("2024-03-10T08:00:00.000Z");
    expect(studyDay(new Date("2024-03-10T07:30:00Z"), "America/New_York")).toBe("2024-03-09");
    expect(studyDay(new Date("2024-03-10T08:30:00Z"), "America/New_York")).toBe("2024-03-10");
  });
  it("does calendar arithmetic on day strings", () => {
    expect(addDays("2024-02-28", 2)).toBe("2024-03-01");
    expect(daysBetween("2024-12-30", "2025-01-02")).toBe(3);
  });
});

describe("streaks", () => {
  it("counts the current run up to today or yesterday, and the longest run", () => {
    const days = ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-06", "2024-03-07"];
    expect(streaks(days, "2024-03-07")).toEqual({ current: 2, longest: 3 });
    expect(streaks(days, "2024-03-08")).toEqual({ current: 2, longest: 3 });
    expect(streaks(days, "2024-03-09")).toEqual({ current: 0, longest: 3 });
    expect(streaks([], "2024-03-09")).toEqual({ current: 0, longest: 0 });
  });
});
