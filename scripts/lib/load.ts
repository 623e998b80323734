import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
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
  const at = (q: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
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

export interface HttpResult {
  status: number;
  body: string;
}

export type HttpClient = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<HttpResult>;

/**
 * A keep-alive HTTP/1.1 client over node:http. The load generator shares the machine with the
 * server, so it should cost as little CPU per request as it can: fetch() costs several times more.
 */
export function httpClient(connections: number): { request: HttpClient; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const request: HttpClient = (url, init = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(init.body);
    });
  return { request, close: () => agent.destroy() };
}

/**
 * Runs `connections` loops of `step` for `seconds` over keep-alive connections; each step reports
 * its own timed requests. Returns the samples per label. Closed loop (each connection starts its
 * next step when the last one ends: the server's saturation throughput) unless `stepsPerSecond`
 * paces the steps at that total rate, spread evenly over the connections (latency at a given load).
 */
export async function runLoad(
  connections: number,
  seconds: number,
  step: (
    worker: number,
    time: (label: string, url: string, init?: Parameters<HttpClient>[1]) => Promise<HttpResult>,
  ) => Promise<void>,
  { stepsPerSecond }: { stepsPerSecond?: number } = {},
): Promise<Map<string, LatencyStats>> {
  // One keep-alive connection per simulated learner, as a browser keeps its own: with several
  // worker processes a connection stays on one worker, and so does the learner's state in memory.
  const clients = Array.from({ length: connections }, () => httpClient(1));
  const samples = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const deadline = Date.now() + seconds * 1000;
  const timeFor = (worker: number) => async (label: string, url: string, init?: Parameters<HttpClient>[1]) => {
    const started = performance.now();
    const response = await clients[worker]!.request(url, init);
    const elapsed = performance.now() - started;
    if (response.status < 200 || response.status >= 300) errors.set(label, (errors.get(label) ?? 0) + 1);
    else {
      const list = samples.get(label) ?? [];
      list.push(elapsed);
      samples.set(label, list);
    }
    return response;
  };
  const startedAt = Date.now();
  try {
    await Promise.all(
      Array.from({ length: connections }, async (_, worker) => {
        const time = timeFor(worker);
        const interval = stepsPerSecond ? (connections / stepsPerSecond) * 1000 : 0;
        let due = startedAt + (interval * worker) / connections;
        while (Date.now() < deadline) {
          const wait = due - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (Date.now() >= deadline) break;
          await step(worker, time);
          due += interval;
        }
      }),
    );
  } finally {
    for (const client of clients) client.close();
  }
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

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is no /proc. */
export function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces, hence the last ")"): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU time (ms) of a PostgreSQL server: its postmaster (pid in postmaster.pid) and every backend it started. */
export function postgresCpuMs(dataDir: string): number | null {
  try {
    const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    let total = processCpuMs(postmaster) ?? 0;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(fields[1]) === postmaster)
          total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
      } catch {
        // The process ended while being read.
      }
    }
    return total;
  } catch {
    return null;
  }
}

/** CPU time (ms) of a process and its child processes (a cluster's primary and its workers). */
export function processTreeCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  let total = own;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid)
        total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}
