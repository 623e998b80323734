// The fitting side of `npm run bench:fsrs`, as its own process (as the server's fit process is):
// fits every learner seeded by the bench and reports per-learner time, peak memory and metrics.
import { fitOwner } from "../app/memory/fit.server.ts";
import { disconnectDatabase, prisma } from "../app/db.server.ts";

const users = await prisma.user.findMany({
  where: { username: { startsWith: "fsrsbench_" } },
  select: { id: true },
  orderBy: { username: "asc" },
});
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const baseRss = process.memoryUsage().rss;
const fits: { ms: number; outcome: string; before: number | null; after: number | null; rssMb: number }[] = [];
const started = Date.now();
for (const [index, user] of users.entries()) {
  const t = performance.now();
  const result = await fitOwner({ userId: user.id }, { trigger: "cli" });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  fits.push({
    ms: performance.now() - t,
    outcome: result.outcome,
    before: result.logLossBefore,
    after: result.logLossAfter,
    rssMb: process.memoryUsage().rss / 1e6,
  });
  if (process.send && (index + 1) % 10 === 0) process.send({ type: "progress", done: index + 1, total: users.length });
}
clearInterval(sampler);
const report = {
  fits,
  totalMs: Date.now() - started,
  baseRssMb: baseRss / 1e6,
  peakRssMb: peakRss / 1e6,
  maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
};
await disconnectDatabase();
if (process.send) process.send({ type: "done", report }, () => process.exit(0));
else {
  console.log(JSON.stringify(report));
  process.exit(0);
}
