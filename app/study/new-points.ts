/**
 * Which never-studied points a learner's day introduces, and in which order: mixed across kinds
 * (提法 / 目标 / 法条) and documents instead of the pool's study order, where one document's set
 * comes whole and, within it, often one kind after another (a learner's first 20 new points were
 * all 提法). Within one document and kind the study order is kept (a law article after the one
 * before it). Deterministic per learner and study day: a page load, a second tab or another
 * instance introduces the same points in the same order. Pure.
 */

export interface NewCandidate {
  knowledgePointId: string;
  kind: string;
  documentId: string;
  /**
   * The sentence the point is asked from. Two points of one sentence (its figure and its formulation) are not
   * introduced the same day when others can be: the answer of one stands in the other's stem.
   */
  sentence?: string;
}

/** A 32-bit FNV-1a hash of a text: the seed of a learner's day. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough to shuffle a few hundred buckets. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Bucket {
  kind: string;
  documentId: string;
  points: { id: string; sentence: string | undefined }[];
}

/**
 * The first `count` new points of a learner's day from `candidates` (never-studied points, in study
 * order), interleaved: each next point is of another kind and another document than the one before
 * when the pool allows it, drawn from the (document, kind) group used least recently, the groups
 * first ordered at random for this `seed` (the learner and the study day). A point whose sentence another of
 * the day's points is asked from waits for another day unless the day cannot be filled without it. `complete`:
 * the candidates were all listed (there were no more than `count`).
 */
export function interleaveNewPoints(
  candidates: Iterable<NewCandidate>,
  count: number,
  seed: string,
): { points: string[]; complete: boolean } {
  const buckets = new Map<string, Bucket>();
  let total = 0;
  for (const candidate of candidates) {
    total++;
    const key = `${candidate.documentId}\u0000${candidate.kind}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { kind: candidate.kind, documentId: candidate.documentId, points: [] }));
    // No group can give more than the day takes (twice, for the siblings it may defer).
    if (bucket.points.length < 2 * count)
      bucket.points.push({ id: candidate.knowledgePointId, sentence: candidate.sentence });
  }
  // Least recently used first; first use in an order of this learner's day.
  const random = seededRandom(hash(seed));
  const rotation = [...buckets.values()];
  for (let i = rotation.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rotation[i], rotation[j]] = [rotation[j]!, rotation[i]!];
  }
  const next = new Map<Bucket, number>(rotation.map((bucket) => [bucket, 0]));
  const points: string[] = [];
  const sentences = new Set<string>();
  // Siblings of a point already introduced today, in the order they came up: used only if the day is not full.
  const deferred: string[] = [];
  let last: Bucket | null = null;
  while (points.length < count && rotation.length > 0) {
    const fits = (test: (b: Bucket) => boolean) => rotation.findIndex((b) => test(b));
    let at = fits((b) => last === null || (b.kind !== last.kind && b.documentId !== last.documentId));
    if (at < 0) at = fits((b) => b.kind !== last!.kind);
    if (at < 0) at = fits((b) => b.documentId !== last!.documentId);
    if (at < 0) at = 0;
    const bucket = rotation[at]!;
    const index = next.get(bucket)!;
    const point = bucket.points[index]!;
    if (point.sentence !== undefined && sentences.has(point.sentence)) deferred.push(point.id);
    else {
      points.push(point.id);
      if (point.sentence !== undefined) sentences.add(point.sentence);
    }
    rotation.splice(at, 1);
    if (index + 1 < bucket.points.length) {
      next.set(bucket, index + 1);
      rotation.push(bucket);
    }
    last = bucket;
  }
  points.push(...deferred.slice(0, count - points.length));
  return { points, complete: total <= count };
}
