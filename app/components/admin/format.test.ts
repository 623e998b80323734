import { describe, expect, it } from "vitest";
import { fromZonedInput, toZonedInput } from "./format";

describe("datetime inputs in a group's time zone", () => {
  it("reads and writes wall-clock times of the zone", () => {
    expect((fromZonedInput("2024-03-01T18:00", "Asia/Shanghai") as Date).toISOString()).toBe(
      "2024-03-01T10:00:00.000Z",
    );
    expect((fromZonedInput("2024-03-01T18:00", "Asia/Urumqi") as Date).toISOString()).toBe("2024-03-01T12:00:00.000Z");
    expect((fromZonedInput("2024-03-01T18:00", "Europe/Berlin") as Date).toISOString()).toBe(
      "2024-03-01T17:00:00.000Z",
    );
    expect(toZonedInput("2024-03-01T10:00:00.000Z", "Asia/Shanghai")).toBe("2024-03-01T18:00");
    expect(toZonedInput("2024-03-01T17:00:00.000Z", "Europe/Berlin")).toBe("2024-03-01T18:00");
  });

  it("follows daylight saving and refuses what is not a date", () => {
    // New York: EST (−5) in January, EDT (−4) in July.
    expect((fromZonedInput("2024-01-15T09:00", "America/New_York") as Date).toISOString()).toBe(
      "2024-01-15T14:00:00.000Z",
    );
    expect((fromZonedInput("2024-07-15T09:00", "America/New_York") as Date).toISOString()).toBe(
      "2024-07-15T13:00:00.000Z",
    );
    expect(toZonedInput(fromZonedInput("2024-07-15T09:00", "America/New_York") as Date, "America/New_York")).toBe(
      "2024-07-15T09:00",
    );
    expect(fromZonedInput("", "Asia/Shanghai")).toBeNull();
    expect(fromZonedInput("2024-02-30T09:00", "Asia/Shanghai")).toBe("invalid");
    expect(fromZonedInput("2024-02-01 09:00", "Asia/Shanghai")).toBe("invalid");
  });
});
