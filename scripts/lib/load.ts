/** A small closed-loop HTTP load generator for benchmarks (loopback only, bounded in time). */
export interface LatencyStats {
  count: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[], errors: number, seconds: number): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return {
    count: samples.length,
    errors,
    rps: samples.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
  };
}

/**
 * Runs `connections` loops of `step` for `seconds`; each step reports its own timed requests.
 * Returns the samples per label.
 */
export async function runLoad(
  connections: number,
  seconds: number,
  step: (worker: number, time: (label: string, request: () => Promise<Response>) => Promise<Response>) => Promise<void>,
): Promise<Map<string, LatencyStats>> {
  const samples = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const deadline = Date.now() + seconds * 1000;
  const time = async (label: string, request: () => Promise<Response>) => {
    const started = performance.now();
    const response = await request();
    const body = await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (!response.ok) errors.set(label, (errors.get(label) ?? 0) + 1);
    else {
      const list = samples.get(label) ?? [];
      list.push(elapsed);
      samples.set(label, list);
    }
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const startedAt = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      while (Date.now() < deadline) await step(worker, time);
    }),
  );
  const elapsed = (Date.now() - startedAt) / 1000;
  const result = new Map<string, LatencyStats>();
  for (const label of new Set([...samples.keys(), ...errors.keys()])) {
    result.set(label, summarize(samples.get(label) ?? [], errors.get(label) ?? 0, elapsed));
  }
  return result;
}

/** Reads a value by key from a single-fetch (turbo-stream) response without a full decoder. */
export function turboStreamValue(body: string, key: string): unknown {
  const firstLine = body.split("\n")[0] ?? "[]";
  const table = JSON.parse(firstLine) as unknown[];
  const keyIndex = table.indexOf(key);
  if (keyIndex === -1) return undefined;
  for (const entry of table) {
    if (entry && typeof entry === "object" && !Array.isArray(entry)) {
      const valueIndex = (entry as Record<string, number>)[`_${keyIndex}`];
      if (typeof valueIndex === "number") return table[valueIndex];
    }
  }
  return undefined;
}
