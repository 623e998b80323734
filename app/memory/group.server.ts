/**
 * The group report's memory section: how many members have fitted parameters, what the schedule
 * predicts the group recalls now and in 30 days beside the true retention measured, and the members
 * predicted to have forgotten most of an open assignment by its due date. In SQL, over the members'
 * cards with each member's parameters in force (effective_fsrs_parameters): FSRS-6's forgetting
 * curve R = (1 + F·t/S)^(−w20), F = 0.9^(−1/w20) − 1, t whole days since the last review, as
 * predict.ts and ts-fsrs compute it. Members' reviews count from the day they joined (as the report).
 */
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { DEFAULT_PARAMETERS } from "./defaults";

const DEFAULT_DECAY = DEFAULT_PARAMETERS[20]!;
/** Flagged when the share of an assignment's points expected to be remembered at its due date is below this. */
export const AT_RISK_BELOW = 0.5;
const AT_RISK_LIMIT = 50;

export interface AtRiskMember {
  userId: string;
  displayName: string;
  username: string;
  assignmentId: string;
  title: string;
  dueAt: Date;
  points: number;
  studied: number;
  /** Expected share of the assignment's points remembered at its due date (unstudied ones count as not). */
  expected: number;
}

export interface GroupMemory {
  members: number;
  withOwnParameters: number;
  groupSet: { reviewsUsed: number; logLossBefore: number; logLossAfter: number; createdAt: Date } | null;
  cards: number;
  predictedNow: number | null;
  predictedIn30Days: number | null;
  /** Due reviews answered right in the last 30 days. */
  trueRetention: { correct: number; due: number; rate: number | null };
  atRisk: AtRiskMember[];
  openAssignments: number;
}

function recall(t: Prisma.Sql) {
  return Prisma.sql`power(1 + (power(0.9, -1 / d.decay) - 1) * ${t} / c.stability, -d.decay)`;
}

export async function groupMemoryReport(groupId: string, now: Date): Promise<GroupMemory> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const members = Prisma.sql`
    SELECT m.user_id, m.joined_at, coalesce((effective_fsrs_parameters(m.user_id))[21], ${DEFAULT_DECAY}) AS decay
      FROM memberships m WHERE m.group_id = ${groupId}::uuid AND m.role = 'member'`;
  const elapsed = Prisma.sql`greatest(floor(extract(epoch from (${now}::timestamptz - c.last_review)) / 86400), 0)`;
  const [[totals], [truth], groupSet, atRisk, [open]] = await Promise.all([
    prisma.$queryRaw<[{ members: number; own: number; cards: number; now: number | null; later: number | null }]>`
      WITH d AS (${members})
      SELECT (SELECT count(*)::int FROM d) AS members,
             (SELECT count(*)::int FROM d WHERE EXISTS (SELECT 1 FROM fsrs_parameter_sets s WHERE s.user_id = d.user_id)) AS own,
             count(c.id)::int AS cards,
             avg(${recall(elapsed)})::float8 AS now,
             avg(${recall(Prisma.sql`(${elapsed} + 30)`)})::float8 AS later
        FROM d JOIN cards c ON c.user_id = d.user_id AND c.state <> 'new' AND c.last_review IS NOT NULL AND c.stability > 0`,
    prisma.$queryRaw<[{ due: number; correct: number }]>`
      SELECT count(*)::int AS due, count(*) FILTER (WHERE r.correct)::int AS correct
        FROM memberships m JOIN reviews r ON r.user_id = m.user_id
       WHERE m.group_id = ${groupId}::uuid AND m.role = 'member' AND r.was_due AND r.undone_at IS NULL
         AND r.reviewed_at >= greatest(${since}::timestamptz, m.joined_at) AND r.reviewed_at < ${now}::timestamptz`,
    prisma.fsrsParameterSet.findFirst({
      where: { groupId },
      orderBy: { createdAt: "desc" },
      select: { reviewsUsed: true, logLossBefore: true, logLossAfter: true, createdAt: true },
    }),
    prisma.$queryRaw<AtRiskMember[]>`
      WITH d AS (${members}),
      a AS (
        SELECT a.id, a.set_id, a.due_at, s.title FROM assignments a JOIN question_sets s ON s.id = a.set_id
         WHERE a.group_id = ${groupId}::uuid AND a.withdrawn_at IS NULL AND a.due_at > ${now}::timestamptz
           AND coalesce(a.opens_at, a.created_at) <= ${now}::timestamptz
      ),
      p AS (
        SELECT DISTINCT a.id AS assignment_id, q.knowledge_point_id
          FROM a JOIN set_items si ON si.set_id = a.set_id
          JOIN questions q ON q.id = si.question_id AND q.status = 'approved'
          JOIN knowledge_points kp ON kp.id = q.knowledge_point_id AND kp.retired_at IS NULL
      ),
      n AS (SELECT assignment_id, count(*)::int AS points FROM p GROUP BY assignment_id),
      -- From the members' studied cards to the assignments' points (a hash join), not point by point.
      s AS (
        SELECT d.user_id, p.assignment_id, count(*)::int AS studied,
               sum(${recall(Prisma.sql`greatest(floor(extract(epoch from (a.due_at - c.last_review)) / 86400), 0)`)}) AS remembered
          FROM d JOIN cards c ON c.user_id = d.user_id AND c.state <> 'new' AND c.last_review IS NOT NULL AND c.stability > 0
          JOIN p ON p.knowledge_point_id = c.knowledge_point_id
          JOIN a ON a.id = p.assignment_id
         GROUP BY d.user_id, p.assignment_id
      ),
      e AS (
        SELECT d.user_id, n.assignment_id, n.points, coalesce(s.studied, 0) AS studied,
               (coalesce(s.remembered, 0) / n.points)::float8 AS expected
          FROM d CROSS JOIN n
          LEFT JOIN s ON s.user_id = d.user_id AND s.assignment_id = n.assignment_id
      )
      SELECT e.user_id::text AS "userId", u.display_name AS "displayName", u.username, e.assignment_id::text AS "assignmentId",
             a.title, a.due_at AS "dueAt", e.points, e.studied, e.expected
        FROM e JOIN a ON a.id = e.assignment_id JOIN users u ON u.id = e.user_id
       WHERE e.expected < ${AT_RISK_BELOW}
       ORDER BY e.expected, a.due_at, u.display_name
       LIMIT ${AT_RISK_LIMIT}`,
    prisma.$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM assignments a
       WHERE a.group_id = ${groupId}::uuid AND a.withdrawn_at IS NULL AND a.due_at > ${now}::timestamptz
         AND coalesce(a.opens_at, a.created_at) <= ${now}::timestamptz`,
  ]);
  return {
    members: totals.members,
    withOwnParameters: totals.own,
    groupSet,
    cards: totals.cards,
    predictedNow: totals.cards > 0 ? totals.now : null,
    predictedIn30Days: totals.cards > 0 ? totals.later : null,
    trueRetention: { ...truth, rate: truth.due > 0 ? truth.correct / truth.due : null },
    atRisk,
    openAssignments: open.n,
  };
}
