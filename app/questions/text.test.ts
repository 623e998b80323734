import { describe, expect, it } from "vitest";
import { checkAnswer } from "~/study/answers";
import { answerVariants } from "./text";

describe("accepted spellings of a fill-in answer", () => {
  it("accepts Arabic and Chinese numerals for a period", () => {
    expect(answerVariants("三十年")).toEqual(expect.arrayContaining(["三十年", "30年"]));
  });

  it("accepts a date typed the short way", () => {
    const answer = answerVariants("1987年9月5日");
    expect(answer).toContain("1987.9.5");
    for (const typed of ["1987年9月5日", "1987.9.5"])
      expect(checkAnswer({ format: "fill", answer }, [typed])).toBe(true);
    expect(checkAnswer({ format: "fill", answer }, ["1987.9.6"])).toBe(false);
  });

  it("accepts a year typed in digits without 年", () => {
    const answer = answerVariants("二〇三五年");
    for (const typed of ["二〇三五年", "2035年", "2035"])
      expect(checkAnswer({ format: "fill", answer }, [typed])).toBe(true);
    expect(checkAnswer({ format: "fill", answer }, ["2036"])).toBe(false);
  });

  it("writes 两个 for a count but keeps the ordinal 第二个", () => {
    expect(answerVariants("2个维护")).toContain("两个维护");
    expect(answerVariants("第2个答案")).not.toContain("第两个答案");
  });
});
