import { describe, expect, it } from "vitest";
import { interleaveNewPoints, type NewCandidate } from "./new-points";

/** A pool in study order as the sets make it: document by document, one kind after another. */
function pool(): NewCandidate[] {
  const out: NewCandidate[] = [];
  for (const [documentId, kinds] of [
    ["report", { phrase: 30, target: 20 }],
    ["law", { provision: 25 }],
    ["communique", { phrase: 15, target: 5 }],
  ] as const) {
    for (const [kind, n] of Object.entries(kinds)) {
      for (let i = 0; i < n; i++) out.push({ knowledgePointId: `${documentId}-${kind}-${i}`, kind, documentId });
    }
  }
  return out;
}

const kindOf = (id: string) => id.split("-")[1]!;
const documentOf = (id: string) => id.split("-")[0]!;

describe("a day's new points", () => {
  it("mix kinds and documents where the pool's order gives 20 提法 of one report first", () => {
    const candidates = pool();
    expect(candidates.slice(0, 20).every((c) => c.kind === "phrase" && c.documentId === "report")).toBe(true);
    const { points, complete } = interleaveNewPoints(candidates, 20, "learner-1:2026-12-03");
    expect(points).toHaveLength(20);
    expect(new Set(points).size).toBe(20);
    expect(complete).toBe(false);
    const kinds = new Map<string, number>();
    for (const id of points) kinds.set(kindOf(id), (kinds.get(kindOf(id)) ?? 0) + 1);
    // All three kinds, none of them more than half the day.
    expect([...kinds.keys()].sort()).toEqual(["phrase", "provision", "target"]);
    for (const n of kinds.values()) expect(n).toBeLessThanOrEqual(10);
    expect(new Set(points.map(documentOf)).size).toBe(3);
    // Never the same kind twice in a row while another kind is left.
    for (let i = 1; i < points.length; i++) expect(kindOf(points[i]!)).not.toBe(kindOf(points[i - 1]!));
  });

  it("keep the study order within one document and kind", () => {
    const { points } = interleaveNewPoints(pool(), 40, "learner-1:2026-12-03");
    for (const group of ["report-phrase", "law-provision", "communique-target"]) {
      const positions = points.filter((id) => id.startsWith(`${group}-`)).map((id) => Number(id.split("-")[2]));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(positions[0]).toBe(0);
    }
  });

  it("are the same for the same learner and day, and differ between learners or days", () => {
    const a = interleaveNewPoints(pool(), 10, "learner-1:2026-12-03").points;
    expect(interleaveNewPoints(pool(), 10, "learner-1:2026-12-03").points).toEqual(a);
    const others = ["learner-2:2026-12-03", "learner-1:2026-12-04", "learner-3:2026-12-05"].map(
      (seed) => interleaveNewPoints(pool(), 10, seed).points,
    );
    expect(others.some((b) => JSON.stringify(b) !== JSON.stringify(a))).toBe(true);
  });

  it("take a pool of one kind and document as it is, and say when every candidate is listed", () => {
    const law = pool().filter((c) => c.documentId === "law");
    const { points, complete } = interleaveNewPoints(law, 5, "x");
    expect(points).toEqual([
      "law-provision-0",
      "law-provision-1",
      "law-provision-2",
      "law-provision-3",
      "law-provision-4",
    ]);
    expect(complete).toBe(false);
    expect(interleaveNewPoints(law.slice(0, 3), 5, "x")).toEqual({
      points: ["law-provision-0", "law-provision-1", "law-provision-2"],
      complete: true,
    });
    expect(interleaveNewPoints([], 5, "x")).toEqual({ points: [], complete: true });
  });

  it("introduce no two points of one sentence the same day, unless the day cannot be filled otherwise", () => {
    // Points 0 and 1 of the law are asked from one sentence (its figure and its authority), 2 and 3 from others.
    const law = pool()
      .filter((c) => c.documentId === "law")
      .slice(0, 4)
      .map((c, i) => ({ ...c, sentence: i <= 1 ? "第五条" : `第${i + 5}条` }));
    expect(interleaveNewPoints(law, 3, "x").points).toEqual(["law-provision-0", "law-provision-2", "law-provision-3"]);
    // A day that needs all four takes the sibling last.
    expect(interleaveNewPoints(law, 4, "x").points).toEqual([
      "law-provision-0",
      "law-provision-2",
      "law-provision-3",
      "law-provision-1",
    ]);
  });
});
