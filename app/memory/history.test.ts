import { describe, expect, it } from "vitest";
import { studyDay } from "~/study/day";
import { hasEnoughHistory, historyItems, missingHistory, timeSeriesSplit, type ReviewRecord } from "./history";

function review(cardId: string, iso: string, rating: number): ReviewRecord {
  const at = new Date(iso);
  return { cardId, rating, studyDay: studyDay(at, "Asia/Shanghai"), reviewedAt: at.getTime() };
}

describe("review history as FSRS items", () => {
  it("counts intervals in study days (04:00 in the learner's zone) and rates binary", () => {
    const items = historyItems([
      // 2026-01-05 23:00 and 2026-01-06 03:30 Shanghai are one study day; 05:00 the next day is another.
      review("a", "2026-01-05T15:00:00Z", 3),
      review("a", "2026-01-05T19:30:00Z", 1),
      review("a", "2026-01-05T21:00:00Z", 2),
      review("a", "2026-01-09T01:00:00Z", 4),
    ]);
    expect(items.map((item) => item.steps)).toEqual([
      [
        { rating: 3, deltaT: 0 },
        { rating: 1, deltaT: 0 },
        { rating: 3, deltaT: 1 },
      ],
      [
        { rating: 3, deltaT: 0 },
        { rating: 1, deltaT: 0 },
        { rating: 3, deltaT: 1 },
        { rating: 3, deltaT: 3 },
      ],
    ]);
  });

  it("keeps each card's own sequence and orders items by the review they predict", () => {
    const items = historyItems([
      review("b", "2026-01-01T01:00:00Z", 3),
      review("a", "2026-01-02T01:00:00Z", 3),
      review("a", "2026-01-03T01:00:00Z", 1),
      review("b", "2026-01-04T01:00:00Z", 3),
    ]);
    expect(items.map((item) => [item.steps.length, item.steps.at(-1)!.deltaT])).toEqual([
      [2, 1],
      [2, 3],
    ]);
  });

  it("splits by time: the later items are evaluated, same-day steps left out of them", () => {
    const reviews = Array.from({ length: 40 }, (_, i) =>
      review(`c${i % 4}`, new Date(Date.UTC(2026, 0, 1 + i, 1)).toISOString(), 3),
    );
    const { train, test } = timeSeriesSplit(historyItems(reviews), 0.75);
    expect(train.length + test.length).toBe(36);
    expect(Math.max(...train.map((i) => i.at))).toBeLessThan(Math.min(...test.map((i) => i.at)));
  });

  it("says what is missing below 400 reviews or 14 study days", () => {
    expect(missingHistory({ reviews: 250, studyDays: 20 })).toEqual({ reviews: 150, studyDays: 0 });
    expect(missingHistory({ reviews: 900, studyDays: 9 })).toEqual({ reviews: 0, studyDays: 5 });
    expect(hasEnoughHistory({ reviews: 400, studyDays: 14 })).toBe(true);
    expect(hasEnoughHistory({ reviews: 399, studyDays: 30 })).toBe(false);
  });
});
