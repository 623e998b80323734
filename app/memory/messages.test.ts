import { describe, expect, it } from "vitest";
import { fitMessage, fittedText, insufficientText } from "./messages";

describe("what learners read about fitting", () => {
  it("names the reviews used and the prediction error before and after", () => {
    expect(fittedText(1234, 0.51234, 0.47111)).toBe("记忆参数已个性化：基于1234次复习，预测误差从0.512降到0.471");
    expect(
      fitMessage({ outcome: "fitted", reviews: 1234, studyDays: 40, logLossBefore: 0.51234, logLossAfter: 0.47111 }),
    ).toBe("记忆参数已个性化：基于1234次复习，预测误差从0.512降到0.471。从下一次复习起按新参数安排。");
  });

  it("says how many reviews and study days are missing", () => {
    expect(insufficientText(150, 20)).toContain("还差 250 次复习。");
    expect(insufficientText(500, 9)).toContain("还差 5 个学习日。");
    expect(insufficientText(10, 2)).toContain("还差 390 次复习和 12 个学习日。");
  });

  it("explains a set that was not better and a failure, keeping what is in force", () => {
    expect(
      fitMessage({
        outcome: "kept",
        reviews: 900,
        studyDays: 30,
        logLossBefore: 0.4,
        logLossAfter: 0.41,
        kept: "group",
      }),
    ).toBe("这次算出的参数预测得并不更准（预测误差 0.410，现用参数 0.400），继续使用小组的参数。");
    expect(
      fitMessage({ outcome: "failed", reviews: 900, studyDays: 30, logLossBefore: null, logLossAfter: null }),
    ).toBe("这次优化没有完成，继续使用原来的参数。请稍后再试。");
  });
});
