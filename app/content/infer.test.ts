import { describe, expect, it } from "vitest";
import { inferDateAndOrigin } from "./infer";
import type { Paragraph } from "./normalize";

const para = (text: string): Paragraph => ({ text, startLine: 1, endLine: 1, kind: "text" });

describe("inferDateAndOrigin", () => {
  it("dates a day-only opening (20日下午) with the month from the title, the opening or the document before", () => {
    const body = [para("省委书记某某20日下午在某市主持召开座谈会。")];
    expect(inferDateAndOrigin("某某主持召开座谈会", [], body, 2024, "2024-03-21").date).toBe("2024-03-20");
    expect(inferDateAndOrigin("某某3月主持召开座谈会", [], body, 2024, null).date).toBe("2024-03-20");
    expect(inferDateAndOrigin("某某主持召开座谈会", [], [para("5月，某某在某地调研。某某20日下午主持召开座谈会。")], 2024, null).date).toBe("2024-05-20");
  });

  it("leaves a day-only opening undated when nothing gives the month, and never reads 20日内 as a date", () => {
    expect(inferDateAndOrigin("某某主持召开座谈会", [], [para("某某13日下午主持召开会议。")], 2024, null).date).toBeNull();
    expect(inferDateAndOrigin("某某主持召开座谈会", [], [para("应当在20日内完成整改。")], 2024, "2024-03-21").date).toBeNull();
  });
});
