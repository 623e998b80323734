import { describe, expect, it } from "vitest";
import { excerpt, highlightQuote } from "./highlight";

describe("highlightQuote", () => {
  it("finds the first quote the passage contains, with or without its final punctuation", () => {
    const text = "前一句。国内生产总值增长5%左右。后一句。";
    expect(highlightQuote(text, ["不在文中。", "国内生产总值增长5%左右。"])).toEqual({
      before: "前一句。",
      match: "国内生产总值增长5%左右。",
      after: "后一句。",
    });
    expect(highlightQuote(text, ["国内生产总值增长5%左右；"])?.match).toBe("国内生产总值增长5%左右");
    expect(highlightQuote(text, [null, "", "别处"])).toBeNull();
  });
});

describe("excerpt", () => {
  it("keeps short context whole and clips long context at a sentence end", () => {
    const short = { before: "甲。", match: "乙。", after: "丙。" };
    expect(excerpt(short)).toEqual({ ...short, clippedBefore: false, clippedAfter: false });
    const long = {
      before: `${"很长的前文".repeat(30)}。上一句话。`,
      match: "引文。",
      after: `下一句话。${"很长的后文".repeat(30)}`,
    };
    const clipped = excerpt(long, 20);
    expect(clipped).toMatchObject({
      before: "上一句话。",
      after: "下一句话。",
      clippedBefore: true,
      clippedAfter: true,
    });
  });
});
