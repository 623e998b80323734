/**
 * Fitting stored: reads a learner's (or a group's pooled) reviews, asks the optimizer, records the
 * run and — when the new set predicts better — a parameter set the scheduler uses from the next
 * review. Review rows are only read. Each owner is fitted under a transaction-level advisory lock
 * (pg_try_advisory_xact_lock): an instance that finds it taken skips that owner, and a due check made
 * under the lock keeps an owner another instance has just fitted from being fitted twice.
 * Loads the native optimizer: run it in the fit process (jobs.server.ts), the CLI or tests.
 */
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { hasEnoughHistory, historySize, type ReviewRecord } from "./history";
import { fitMessage, type FitOutcomeKind } from "./messages";
import { OPTIMIZER_VERSION, fitParameters, type FitDecision } from "./optimize";
import { parametersInForce } from "./parameters.server";

export type FitTrigger = "cli" | "auto" | "manual";
export type Owner = { userId: string } | { groupId: string };

/** An automatic fit runs at most this often per learner, and only when they studied since the last. */
export const AUTO_FIT_INTERVAL_MS = 7 * 86_400_000;

export interface FitResult {
  outcome: FitOutcomeKind | "busy" | "skipped";
  message: string;
  reviews: number;
  studyDays: number;
  logLossBefore: number | null;
  logLossAfter: number | null;
}

const BUSY: FitResult = {
  outcome: "busy",
  message: "正在为你优化记忆参数，请稍候再看。",
  reviews: 0,
  studyDays: 0,
  logLossBefore: null,
  logLossAfter: null,
};
const SKIPPED: FitResult = {
  outcome: "skipped",
  message: "本周已经优化过，且之后没有新的复习。",
  reviews: 0,
  studyDays: 0,
  logLossBefore: null,
  logLossAfter: null,
};

type Tx = Prisma.TransactionClient;

interface ReviewRow {
  card_id: string;
  rating: number;
  study_day: string;
  reviewed_at: Date;
}

async function reviewsOf(tx: Tx, userIds: string[]): Promise<ReviewRecord[]> {
  if (userIds.length === 0) return [];
  const rows = await tx.$queryRaw<ReviewRow[]>`
    select card_id::text, rating, study_day, reviewed_at from reviews
    where user_id = any(${userIds}::uuid[]) and undone_at is null order by reviewed_at, id`;
  return rows.map((r) => ({
    cardId: r.card_id,
    rating: r.rating,
    studyDay: r.study_day,
    reviewedAt: r.reviewed_at.getTime(),
  }));
}

function lockKey(owner: Owner): string {
  return "userId" in owner ? `fsrs-fit:user:${owner.userId}` : `fsrs-fit:group:${owner.groupId}`;
}

/** Whether an automatic fit is due: never fitted, or a week since the last run and reviews since. */
async function autoFitDue(tx: Tx, owner: Owner, now: Date): Promise<boolean> {
  const last = await tx.fsrsFitRun.findFirst({
    where: owner,
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (!last) return true;
  if (now.getTime() - last.createdAt.getTime() < AUTO_FIT_INTERVAL_MS) return false;
  const userIds = "userId" in owner ? [owner.userId] : await memberIds(tx, owner.groupId);
  const studied = await tx.review.findFirst({
    where: { userId: { in: userIds }, reviewedAt: { gt: last.createdAt }, undoneAt: null },
    select: { id: true },
  });
  return studied !== null;
}

async function memberIds(tx: Tx, groupId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { groupId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

export interface FitOptions {
  trigger: FitTrigger;
  now?: Date;
  onProgress?: (share: number) => void;
  /** Tests: stands in for the optimizer (a failure, a slow fit). */
  optimizer?: typeof fitParameters;
}

function resultOf(decision: FitDecision, kept: "own" | "group" | "default"): FitResult {
  const metrics = decision.outcome === "fitted" || decision.outcome === "kept" ? decision : null;
  const summary = {
    outcome: decision.outcome,
    reviews: decision.reviews,
    studyDays: decision.studyDays,
    logLossBefore: metrics?.before.logLoss ?? null,
    logLossAfter: metrics?.after.logLoss ?? null,
    kept,
    ...(decision.outcome === "failed" ? { error: "优化程序出错" } : {}),
  };
  return { ...summary, message: fitMessage(summary) };
}

/** Fits one learner or group once; `busy` when another instance holds its lock, `skipped` when an automatic fit is not due. */
export async function fitOwner(
  owner: Owner,
  { trigger, now = new Date(), onProgress, optimizer = fitParameters }: FitOptions,
): Promise<FitResult> {
  return prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<
        [{ locked: boolean }]
      >`select pg_try_advisory_xact_lock(hashtextextended(${lockKey(owner)}, 0)) as locked`;
      if (!locked) return BUSY;
      if (trigger === "auto" && !(await autoFitDue(tx, owner, now))) return SKIPPED;
      const started = Date.now();
      let reviews: ReviewRecord[];
      let current: number[] | null;
      let source: "own" | "group" | "default";
      if ("userId" in owner) {
        reviews = await reviewsOf(tx, [owner.userId]);
        ({ parameters: current, source } = await parametersInForce(owner.userId, tx));
      } else {
        // Pooled over the members who have enough history of their own.
        const members = await memberIds(tx, owner.groupId);
        const eligible: string[] = [];
        for (const sizes of await tx.$queryRaw<{ user_id: string; reviews: number; days: number }[]>`
          select user_id::text, count(*)::int as reviews, count(distinct study_day)::int as days
          from reviews where user_id = any(${members}::uuid[]) and undone_at is null group by user_id`) {
          if (hasEnoughHistory({ reviews: sizes.reviews, studyDays: sizes.days })) eligible.push(sizes.user_id);
        }
        reviews = await reviewsOf(tx, eligible);
        const own = await tx.fsrsParameterSet.findFirst({
          where: { groupId: owner.groupId },
          orderBy: { createdAt: "desc" },
          select: { parameters: true },
        });
        current = own?.parameters ?? null;
        source = own ? "own" : "default";
      }
      let decision: FitDecision;
      try {
        decision = await optimizer(reviews, { current, onProgress });
      } catch (error) {
        decision = {
          outcome: "failed",
          ...historySize(reviews),
          error: error instanceof Error ? error.message : String(error),
        };
      }
      const result = resultOf(decision, source);
      if (decision.outcome === "fitted") {
        await tx.fsrsParameterSet.create({
          data: {
            ...owner,
            parameters: decision.parameters,
            reviewsUsed: decision.reviews,
            logLossBefore: decision.before.logLoss,
            rmseBefore: decision.before.rmseBins,
            logLossAfter: decision.after.logLoss,
            rmseAfter: decision.after.rmseBins,
            optimizerVersion: OPTIMIZER_VERSION,
            createdAt: now,
          },
        });
      }
      const metrics = decision.outcome === "fitted" || decision.outcome === "kept" ? decision : null;
      await tx.fsrsFitRun.create({
        data: {
          ...owner,
          outcome: decision.outcome,
          trigger,
          reviews: decision.reviews,
          studyDays: decision.studyDays,
          logLossBefore: metrics?.before.logLoss ?? null,
          logLossAfter: metrics?.after.logLoss ?? null,
          rmseBefore: metrics?.before.rmseBins ?? null,
          rmseAfter: metrics?.after.rmseBins ?? null,
          message:
            decision.outcome === "failed" ? `${result.message} [${decision.error.slice(0, 500)}]` : result.message,
          durationMs: Date.now() - started,
          createdAt: now,
        },
      });
      return result;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** Learners an automatic pass looks at: studied since their last fit run, which is a week old or absent. */
export async function learnersDueForFit(now: Date = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - AUTO_FIT_INTERVAL_MS);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    select u.id::text from users u
    cross join lateral (select max(created_at) as last from fsrs_fit_runs f where f.user_id = u.id) f
    where u.deactivated_at is null
      and (f.last is null or f.last < ${since})
      and exists (select 1 from reviews r where r.user_id = u.id and r.undone_at is null and r.reviewed_at > coalesce(f.last, '-infinity'::timestamptz))
    order by u.id`;
  return rows.map((r) => r.id);
}

/** Groups an automatic pass looks at: not archived, a member studied since the group's last fit, a week old or absent. */
export async function groupsDueForFit(now: Date = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - AUTO_FIT_INTERVAL_MS);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    select g.id::text from groups g
    cross join lateral (select max(created_at) as last from fsrs_fit_runs f where f.group_id = g.id) f
    where g.archived_at is null
      and (f.last is null or f.last < ${since})
      and exists (select 1 from memberships m join reviews r on r.user_id = m.user_id
                  where m.group_id = g.id and r.undone_at is null and r.reviewed_at > coalesce(f.last, '-infinity'::timestamptz))
    order by g.id`;
  return rows.map((r) => r.id);
}

export interface PassProgress {
  done: number;
  total: number;
  owner: Owner;
  result?: FitResult;
}

/** Fits owners one after the other; the caller's callback sees each one start and end. */
export async function fitMany(
  owners: Owner[],
  options: FitOptions & { onOwner?: (progress: PassProgress) => void },
): Promise<FitResult[]> {
  const results: FitResult[] = [];
  for (const [index, owner] of owners.entries()) {
    options.onOwner?.({ done: index, total: owners.length, owner });
    const result = await fitOwner(owner, options);
    results.push(result);
    options.onOwner?.({ done: index + 1, total: owners.length, owner, result });
  }
  return results;
}

/** The automatic pass: due learners first, then due groups (pooled over members with enough history). */
export async function fitDue(
  options: Omit<FitOptions, "trigger"> & { onOwner?: (progress: PassProgress) => void } = {},
): Promise<FitResult[]> {
  const now = options.now ?? new Date();
  const owners: Owner[] = [
    ...(await learnersDueForFit(now)).map((userId) => ({ userId })),
    ...(await groupsDueForFit(now)).map((groupId) => ({ groupId })),
  ];
  return fitMany(owners, { ...options, now, trigger: "auto" });
}
