/**
 * What /progress and /settings show of a learner's memory parameters: whose set is in force and
 * why, predicted recall of their cards now and in 30 days, and the 30-day workload at each desired
 * retention. Reads only (no optimizer here: it never loads on a request).
 */
import { prisma } from "~/db.server";
import { insufficientText, fittedText } from "./messages";
import { hasEnoughHistory } from "./history";
import { MANUAL_FIT_INTERVAL_MS } from "./jobs.server";
import { predictedRetention, simulateWorkload, type MemoryCard, type WorkloadPoint } from "./predict";
import { parametersInForce } from "./parameters.server";

export interface MemorySummary {
  source: "own" | "group" | "default";
  /** The headline: "记忆参数已个性化：基于N次复习，预测误差从X降到Y", or why not yet. */
  headline: string;
  /** The last fit's own message (kept, failed, not enough history), when it says more than the headline. */
  lastRun: { message: string; at: string } | null;
  reviews: number;
  studiedCards: number;
  retentionNow: number | null;
  retentionIn30Days: number | null;
  desiredRetention: number;
  workload: WorkloadPoint[];
  /** ISO instant the 优化记忆参数 button works again (null: now). */
  nextManualFitAt: string | null;
}

/**
 * The workload simulation costs some 100 ms per thousand cards: kept per learner while their cards,
 * parameters and retention stay as they were, within the hour (the days it counts move with time).
 */
const WORKLOAD_TTL_MS = 3600_000;
const workloads = new Map<string, { key: string; at: number; workload: WorkloadPoint[] }>();

function cachedWorkload(userId: string, cards: MemoryCard[], parameters: number[] | null, now: Date): WorkloadPoint[] {
  let latest = 0;
  for (const card of cards) latest = Math.max(latest, card.lastReview?.getTime() ?? 0, card.due.getTime());
  const key = `${cards.length}|${latest}|${parameters?.join(",") ?? "default"}`;
  const kept = workloads.get(userId);
  if (kept && kept.key === key && now.getTime() - kept.at >= 0 && now.getTime() - kept.at < WORKLOAD_TTL_MS)
    return kept.workload;
  const workload = simulateWorkload(cards, parameters, now);
  if (workloads.size >= 1000) workloads.delete(workloads.keys().next().value!);
  workloads.set(userId, { key, at: now.getTime(), workload });
  return workload;
}

/** Messages stored on runs end with the optimizer's own words in brackets, for operators. */
function publicMessage(message: string): string {
  return message.replace(/\s*\[[^\]]*\]$/, "");
}

export async function memorySummary(userId: string, now: Date): Promise<MemorySummary> {
  const [user, inForce, ownSet, groupSet, lastRun, lastManual, size, cards] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { desiredRetention: true } }),
    parametersInForce(userId),
    prisma.fsrsParameterSet.findFirst({ where: { userId }, orderBy: { createdAt: "desc" } }),
    prisma.fsrsParameterSet.findFirst({
      where: { group: { memberships: { some: { userId } } } },
      orderBy: { createdAt: "desc" },
      include: { group: { select: { name: true } } },
    }),
    prisma.fsrsFitRun.findFirst({ where: { userId }, orderBy: { createdAt: "desc" } }),
    prisma.fsrsFitRun.findFirst({
      where: { userId, trigger: "manual" },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    prisma.$queryRaw<[{ reviews: number; days: number }]>`
      select count(*)::int as reviews, count(distinct study_day)::int as days from reviews where user_id = ${userId}::uuid and undone_at is null`,
    prisma.card.findMany({
      where: { userId, state: { not: "new" } },
      select: { state: true, stability: true, difficulty: true, due: true, lastReview: true },
    }),
  ]);
  const { reviews, days } = size[0];
  let headline: string;
  if (inForce.source === "own" && ownSet)
    headline = fittedText(ownSet.reviewsUsed, ownSet.logLossBefore, ownSet.logLossAfter);
  else if (inForce.source === "group" && groupSet)
    headline = `正在使用小组“${groupSet.group?.name ?? ""}”的记忆参数（基于${groupSet.reviewsUsed}次复习，预测误差从${groupSet.logLossBefore.toFixed(3)}降到${groupSet.logLossAfter.toFixed(3)}）。${
      hasEnoughHistory({ reviews, studyDays: days })
        ? ""
        : insufficientText(reviews, days).replace("暂用默认参数", "还不能按你自己的记录个性化")
    }`;
  else if (!hasEnoughHistory({ reviews, studyDays: days })) headline = insufficientText(reviews, days);
  else headline = "记忆参数尚未个性化，正在使用默认参数。";
  const nextManual = lastManual ? new Date(lastManual.createdAt.getTime() + MANUAL_FIT_INTERVAL_MS) : null;
  return {
    source: inForce.source,
    headline,
    lastRun:
      lastRun && lastRun.outcome !== "fitted"
        ? { message: publicMessage(lastRun.message), at: lastRun.createdAt.toISOString() }
        : null,
    reviews,
    studiedCards: cards.length,
    retentionNow: predictedRetention(cards, inForce.parameters, now),
    retentionIn30Days: predictedRetention(cards, inForce.parameters, now, 30),
    desiredRetention: user.desiredRetention,
    workload: cards.length > 0 ? cachedWorkload(userId, cards, inForce.parameters, now) : [],
    nextManualFitAt: nextManual && nextManual > now ? nextManual.toISOString() : null,
  };
}
