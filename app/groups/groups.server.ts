/**
 * Groups and memberships: who may see what, joining by invite code, and the changes managers and
 * administrators make. Every membership change writes a membership_events row in the same
 * transaction, so the history never disagrees with the table.
 */
import { requireUser, type SessionUser } from "~/auth/session.server";
import { normalizeUsername } from "~/auth/validation";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { studyDay } from "~/study/day";
import { MASTERY_MIN_STABILITY_DAYS } from "~/study/progress";
import { generateInviteCode, isInviteCodeShape, normalizeInviteCode } from "./invite";
import { ACTIVE_DAYS, assignmentResult, rankEntries, type AssignmentResult } from "./report";
import { addDays, studyDayStart } from "~/study/day";

export class GroupError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type MembershipAction = "joined" | "added" | "removed" | "left" | "promoted" | "demoted";

type Tx = Prisma.TransactionClient;

async function recordEvent(tx: Tx, groupId: string, userId: string, actorId: string | null, action: MembershipAction) {
  await tx.membershipEvent.create({ data: { groupId, userId, actorId, action } });
}

/**
 * The report guard: the group's managers and administrators. Anyone else gets 403 whether or not
 * the group exists, so ids cannot be probed; an administrator asking for a missing group gets 404.
 */
export async function requireGroupManager(
  request: Request,
  groupId: string,
): Promise<{ user: SessionUser; group: { id: string; name: string; timeZone: string } }> {
  const user = await requireUser(request);
  const group = await prisma.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      timeZone: true,
      memberships: { where: { userId: user.id, role: "manager" }, select: { userId: true } },
    },
  });
  if (user.role !== "admin" && !group?.memberships.length)
    throw new Response("只有本小组的管理员可以查看", { status: 403 });
  if (!group) throw new Response("小组不存在", { status: 404 });
  return { user, group: { id: group.id, name: group.name, timeZone: group.timeZone } };
}

/** Members, managers and administrators may open a group's page; what they see there differs. */
export async function groupAccess(user: SessionUser, groupId: string) {
  const group = await prisma.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      description: true,
      timeZone: true,
      inviteCode: true,
      leaderboardEnabled: true,
      archivedAt: true,
      memberships: { where: { userId: user.id }, select: { role: true } },
    },
  });
  const role = group?.memberships[0]?.role ?? null;
  if (!group || (!role && user.role !== "admin"))
    throw new GroupError("你不是这个小组的成员", role || user.role === "admin" ? 404 : 403);
  const { memberships: _, ...rest } = group;
  return { group: rest, role, canManage: role === "manager" || user.role === "admin" };
}

/**
 * An active account by username. A missing and a deactivated account get the same answer, so the
 * message says nothing about which usernames exist.
 */
async function findUserByUsername(username: string) {
  const user = await prisma.user.findUnique({
    where: { username: username.trim() },
    select: { id: true, username: true, displayName: true, deactivatedAt: true },
  });
  if (!user || user.deactivatedAt) {
    throw new GroupError(`无法添加“${username.trim()}”：请核对用户名是否正确，或请对方使用邀请码自行加入。`, 404);
  }
  return user;
}

async function uniqueInviteCode(tx: Tx | typeof prisma = prisma): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = generateInviteCode();
    if (!(await tx.group.findUnique({ where: { inviteCode: code }, select: { id: true } }))) return code;
  }
  throw new Error("could not find a free invite code");
}

// ——— administrators ———

export async function listGroupsForAdmin() {
  const groups = await prisma.group.findMany({
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      description: true,
      timeZone: true,
      inviteCode: true,
      archivedAt: true,
      createdAt: true,
      _count: { select: { memberships: { where: { role: "member" } }, assignments: { where: { withdrawnAt: null } } } },
      memberships: {
        where: { role: "manager" },
        orderBy: { joinedAt: "asc" },
        select: { user: { select: { id: true, username: true, displayName: true } } },
      },
    },
  });
  return groups.map(({ _count, memberships, ...group }) => ({
    ...group,
    members: _count.memberships,
    assignments: _count.assignments,
    managers: memberships.map((m) => m.user),
  }));
}

async function nameTakenMessage(name: string, exceptId?: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ name: string; archived: boolean }[]>`
    select name, archived_at is not null as archived from groups
     where name_key = group_name_key(${name}) and (${exceptId ?? null}::uuid is null or id <> ${exceptId ?? null}::uuid)`;
  const taken = rows[0];
  if (!taken) return null;
  return taken.archived
    ? `已有同名小组“${taken.name}”（已归档），请恢复它或换一个名称。`
    : `已有同名小组“${taken.name}”，请换一个名称。`;
}

/**
 * Group names are unique in the installation (one organisation), compared as the unique index
 * does: NFKC, trimmed, inner spaces collapsed, case-insensitive (the name is kept as typed: NFKC would
 * turn 全角 punctuation such as （） into ASCII). A second click on 创建小组, or two
 * administrators at once, get a clear refusal instead of a second group of the same name.
 */
export async function createGroup(input: { name: string; description: string; timeZone: string }) {
  const taken = await nameTakenMessage(input.name);
  if (taken) throw new GroupError(taken, 409);
  const inviteCode = await uniqueInviteCode();
  try {
    return await prisma.group.create({ data: { ...input, name: input.name.trim(), inviteCode }, select: { id: true } });
  } catch (error) {
    // Lost a race with an identical create: the index decided.
    if (isUniqueViolation(error))
      throw new GroupError((await nameTakenMessage(input.name)) ?? "已有同名小组，请换一个名称。", 409);
    throw error;
  }
}

export async function renameGroup(groupId: string, name: string) {
  const group = await prisma.group.findUnique({ where: { id: groupId }, select: { name: true } });
  if (!group) throw new GroupError("小组不存在。", 404);
  if (group.name === name.trim()) return group;
  const taken = await nameTakenMessage(name, groupId);
  if (taken) throw new GroupError(taken, 409);
  try {
    return await prisma.group.update({ where: { id: groupId }, data: { name: name.trim() }, select: { name: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new GroupError("已有同名小组，请换一个名称。", 409);
    throw error;
  }
}

/**
 * Archives a group: it keeps its members, history and reports, but its invite code stops working,
 * it leaves members' 小组 pages, and its open assignments are withdrawn (closed to learners, kept
 * for the report), in one transaction.
 */
export async function archiveGroup(groupId: string, now: Date) {
  await prisma.$transaction(async (tx) => {
    const group = await tx.group.findUnique({ where: { id: groupId }, select: { archivedAt: true } });
    if (!group) throw new GroupError("小组不存在。", 404);
    if (group.archivedAt) return;
    await tx.group.update({ where: { id: groupId }, data: { archivedAt: now } });
    await tx.assignment.updateMany({ where: { groupId, withdrawnAt: null }, data: { withdrawnAt: now } });
  });
}

/** Brings an archived group back; its withdrawn assignments stay withdrawn until a set is published to it again. */
export async function restoreGroup(groupId: string) {
  const updated = await prisma.group.updateMany({ where: { id: groupId }, data: { archivedAt: null } });
  if (updated.count === 0) throw new GroupError("小组不存在。", 404);
}

/** Makes a user a manager of the group, adding them if they were not a member. */
export async function addManager(groupId: string, username: string, actorId: string) {
  const user = await findUserByUsername(username);
  await prisma.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({
      where: { groupId_userId: { groupId, userId: user.id } },
      select: { role: true },
    });
    if (existing?.role === "manager") return;
    if (existing) {
      await tx.membership.update({
        where: { groupId_userId: { groupId, userId: user.id } },
        data: { role: "manager" },
      });
      await recordEvent(tx, groupId, user.id, actorId, "promoted");
    } else {
      await tx.membership.create({ data: { groupId, userId: user.id, role: "manager" } });
      await recordEvent(tx, groupId, user.id, actorId, "added");
      await recordEvent(tx, groupId, user.id, actorId, "promoted");
    }
  });
  return user;
}

/** A manager steps down to an ordinary member (removing them altogether is a separate step). */
export async function demoteManager(groupId: string, userId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.membership.updateMany({
      where: { groupId, userId, role: "manager" },
      data: { role: "member" },
    });
    if (count > 0) await recordEvent(tx, groupId, userId, actorId, "demoted");
  });
}

// ——— managers ———

export async function listMembers(groupId: string) {
  const rows = await prisma.membership.findMany({
    where: { groupId },
    orderBy: [{ role: "desc" }, { joinedAt: "asc" }],
    select: { role: true, joinedAt: true, user: { select: { id: true, username: true, displayName: true } } },
  });
  return rows.map((row) => ({ ...row.user, role: row.role, joinedAt: row.joinedAt }));
}

/** What a manager is told after inviting anyone: the same words whoever the username names. */
export const INVITATION_SENT = "如该用户存在且尚未加入本小组，邀请已发送。对方接受后才会成为成员。";

/** After a refusal the same group may invite that user again only this many days later. */
export const DECLINED_INVITATION_DAYS = 30;

/**
 * Invites a user to the group by username. Nobody becomes a member of a group (and visible in its
 * reports) without choosing to: the invited user accepts or declines on their home page or 小组 page.
 * The manager gets one answer for an unknown, deactivated, already invited, recently declined or
 * already joined name, so usernames cannot be probed here; nor do managers see pending invitations.
 */
export async function inviteMember(groupId: string, username: string, actorId: string): Promise<string> {
  // Compared as login compares it: NFKC, then lower() in PostgreSQL.
  const name = normalizeUsername(username);
  await prisma.$executeRaw`
    INSERT INTO group_invitations (group_id, user_id, invited_by_id)
    SELECT ${groupId}::uuid, u.id, ${actorId}::uuid
      FROM users u JOIN groups g ON g.id = ${groupId}::uuid AND g.archived_at IS NULL
     WHERE lower(u.username) = lower(${name}) AND u.deactivated_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.user_id = u.id)
    ON CONFLICT (group_id, user_id) DO UPDATE
      SET declined_at = NULL, created_at = now(), invited_by_id = EXCLUDED.invited_by_id
      WHERE group_invitations.declined_at < now() - make_interval(days => ${DECLINED_INVITATION_DAYS})`;
  return INVITATION_SENT;
}

/** The invitations a user may accept: to groups that are not archived, newest first. */
export async function listMyInvitations(userId: string) {
  const rows = await prisma.groupInvitation.findMany({
    where: { userId, declinedAt: null, group: { archivedAt: null } },
    orderBy: { createdAt: "desc" },
    select: {
      createdAt: true,
      group: { select: { id: true, name: true, description: true } },
      invitedBy: { select: { displayName: true } },
    },
  });
  return rows.map((row) => ({
    groupId: row.group.id,
    groupName: row.group.name,
    description: row.group.description,
    invitedBy: row.invitedBy?.displayName ?? null,
    createdAt: row.createdAt,
  }));
}

/** Accepting makes the user a member (an event they chose: "joined"); the invitation is used up. */
export async function acceptInvitation(userId: string, groupId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.groupInvitation.deleteMany({
      where: { groupId, userId, declinedAt: null, group: { archivedAt: null } },
    });
    if (count === 0) throw new GroupError("邀请不存在或已失效。", 404);
    const created = await tx.membership.createMany({ data: [{ groupId, userId }], skipDuplicates: true });
    if (created.count > 0) await recordEvent(tx, groupId, userId, userId, "joined");
  });
}

/** A refusal is kept (not shown to anyone) so that the group cannot repeat the invitation at once. */
export async function declineInvitation(userId: string, groupId: string): Promise<void> {
  const { count } = await prisma.groupInvitation.updateMany({
    where: { groupId, userId, declinedAt: null },
    data: { declinedAt: new Date() },
  });
  if (count === 0) throw new GroupError("邀请不存在或已失效。", 404);
}

/**
 * Removes an ordinary member. Managers are appointed by administrators, so a manager cannot remove
 * another manager (or themselves) here; the history stays either way.
 */
export async function removeMember(groupId: string, userId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.membership.deleteMany({ where: { groupId, userId, role: "member" } });
    if (count === 0) throw new GroupError("该用户不是小组的普通成员", 404);
    await recordEvent(tx, groupId, userId, actorId, userId === actorId ? "left" : "removed");
  });
}

export async function regenerateInviteCode(groupId: string) {
  const inviteCode = await uniqueInviteCode();
  await prisma.group.update({ where: { id: groupId }, data: { inviteCode } });
  return inviteCode;
}

export async function setLeaderboard(groupId: string, enabled: boolean) {
  await prisma.group.update({ where: { id: groupId }, data: { leaderboardEnabled: enabled } });
}

// ——— learners ———

/** The group an invite code opens, for the confirmation page; null when the code is unknown. */
export async function groupByInviteCode(input: string) {
  const code = normalizeInviteCode(input);
  if (!isInviteCodeShape(code)) return null;
  return prisma.group.findFirst({
    where: { inviteCode: code, archivedAt: null },
    // Members as every other page counts them: managers are not members.
    select: {
      id: true,
      name: true,
      description: true,
      _count: { select: { memberships: { where: { role: "member" } } } },
    },
  });
}

/** What an invite link shows: the group, and whether this user is already in it. */
export async function invitation(userId: string, input: string) {
  const group = await groupByInviteCode(input);
  if (!group) return { group: null, member: false };
  const membership = await prisma.membership.findUnique({
    where: { groupId_userId: { groupId: group.id, userId } },
    select: { role: true },
  });
  return {
    group: { id: group.id, name: group.name, description: group.description, members: group._count.memberships },
    member: !!membership,
  };
}

/** Joins by code; joining a group one already belongs to is not an error, just a way back in. */
export async function joinByCode(userId: string, input: string): Promise<{ groupId: string; joined: boolean }> {
  const group = await groupByInviteCode(input);
  if (!group) throw new GroupError("邀请码无效或已失效，请向小组管理员确认", 404);
  const joined = await prisma.$transaction(async (tx) => {
    const { count } = await tx.membership.createMany({ data: [{ groupId: group.id, userId }], skipDuplicates: true });
    if (count > 0) await recordEvent(tx, group.id, userId, userId, "joined");
    // A pending invitation to the same group is answered by joining.
    await tx.groupInvitation.deleteMany({ where: { groupId: group.id, userId } });
    return count > 0;
  });
  return { groupId: group.id, joined };
}

export async function leaveGroup(groupId: string, userId: string) {
  await removeMember(groupId, userId, userId);
}

export interface MyAssignment {
  id: string;
  setId: string;
  title: string;
  opensAt: Date | null;
  dueAt: Date | null;
  overdue: boolean;
  result: AssignmentResult;
}

/**
 * The learner's assignments in given groups, open ones only (not yet opened ones are not shown, as
 * /sets does not show them either), each with the learner's own status. The attempt matching is
 * the report's: attempts tagged with the assignment, or untagged ones on its set since it opened.
 */
async function myAssignments(userId: string, groupIds: string[], now: Date) {
  if (groupIds.length === 0) return new Map<string, MyAssignment[]>();
  const rows = await prisma.$queryRaw<
    {
      id: string;
      groupId: string;
      setId: string;
      title: string;
      opensAt: Date | null;
      dueAt: Date | null;
      onTimeScore: number | null;
      firstScore: number | null;
      submitted: boolean;
      started: boolean;
    }[]
  >`
    SELECT a.id::text AS "id", a.group_id::text AS "groupId", a.set_id::text AS "setId", s.title AS "title",
           a.opens_at AS "opensAt", a.due_at AS "dueAt",
           -- As the report counts it: the first submitted attempt.
           CASE WHEN (array_agg(a.due_at IS NULL OR t.submitted_at <= a.due_at ORDER BY t.submitted_at, t.id) FILTER (WHERE t.submitted_at IS NOT NULL))[1]
                THEN (array_agg(t.score ORDER BY t.submitted_at, t.id) FILTER (WHERE t.submitted_at IS NOT NULL))[1] END AS "onTimeScore",
           (array_agg(t.score ORDER BY t.submitted_at, t.id) FILTER (WHERE t.submitted_at IS NOT NULL))[1] AS "firstScore",
           coalesce(bool_or(t.submitted_at IS NOT NULL), false) AS "submitted",
           count(t.id) > 0 AS "started"
      FROM assignments a
      JOIN question_sets s ON s.id = a.set_id AND s.status = 'published'
      LEFT JOIN attempts t ON t.user_id = ${userId}::uuid AND t.set_id = a.set_id
            AND (t.assignment_id = a.id OR (t.assignment_id IS NULL AND t.started_at >= coalesce(a.opens_at, a.created_at)))
     WHERE a.group_id = ANY(${groupIds}::uuid[])
       AND a.withdrawn_at IS NULL AND (a.opens_at IS NULL OR a.opens_at <= ${now}::timestamptz)
     GROUP BY a.id, s.title
     ORDER BY a.due_at ASC NULLS LAST, s.title`;
  const byGroup = new Map<string, MyAssignment[]>();
  for (const row of rows) {
    const result = assignmentResult(row);
    const list = byGroup.get(row.groupId) ?? [];
    list.push({
      id: row.id,
      setId: row.setId,
      title: row.title,
      opensAt: row.opensAt,
      dueAt: row.dueAt,
      overdue: !!row.dueAt && row.dueAt < now && (result.status === "not_started" || result.status === "in_progress"),
      result,
    });
    byGroup.set(row.groupId, list);
  }
  return byGroup;
}

export async function listMyGroups(userId: string, now: Date) {
  const memberships = await prisma.membership.findMany({
    where: { userId, group: { archivedAt: null } },
    orderBy: { joinedAt: "asc" },
    select: {
      role: true,
      group: {
        select: {
          id: true,
          name: true,
          description: true,
          timeZone: true,
          _count: { select: { memberships: { where: { role: "member" } } } },
        },
      },
    },
  });
  const assignments = await myAssignments(
    userId,
    memberships.map((m) => m.group.id),
    now,
  );
  return memberships.map(({ role, group: { _count, ...group } }) => ({
    ...group,
    role,
    members: _count.memberships,
    assignments: assignments.get(group.id) ?? [],
  }));
}

export async function groupAssignmentsFor(userId: string, groupId: string, now: Date) {
  return (await myAssignments(userId, [groupId], now)).get(groupId) ?? [];
}

export type LeaderboardMetric = "reviews" | "mastery";

/**
 * The opt-in ranking: this week's reviews (the last seven study days in the group's zone) or the
 * share of cards mastered now. Only ordinary members are ranked, and only when the group turned it on.
 */
export async function leaderboard(groupId: string, metric: LeaderboardMetric, now: Date) {
  const group = await prisma.group.findUniqueOrThrow({
    where: { id: groupId },
    select: { leaderboardEnabled: true, timeZone: true },
  });
  if (!group.leaderboardEnabled) return null;
  const today = studyDay(now, group.timeZone);
  const since = studyDayStart(addDays(today, -(ACTIVE_DAYS - 1)), group.timeZone);
  const rows =
    metric === "reviews"
      ? await prisma.$queryRaw<{ userId: string; displayName: string; value: number }[]>`
          SELECT m.user_id::text AS "userId", u.display_name AS "displayName",
                 (SELECT count(*) FROM reviews r WHERE r.user_id = m.user_id AND r.reviewed_at >= ${since}::timestamptz AND r.reviewed_at <= ${now}::timestamptz AND r.undone_at IS NULL)::int AS "value"
            FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.group_id = ${groupId}::uuid AND m.role = 'member'`
      : await prisma.$queryRaw<{ userId: string; displayName: string; value: number }[]>`
          SELECT m.user_id::text AS "userId", u.display_name AS "displayName",
                 coalesce((SELECT count(*) FILTER (
                             WHERE c.state = 'review' AND c.reps > 0 AND c.stability >= ${MASTERY_MIN_STABILITY_DAYS}::float8 AND c.last_review IS NOT NULL
                               AND floor(extract(epoch FROM (${now}::timestamptz - c.last_review)) / 86400) <= c.stability
                           )::float8 / nullif(count(*), 0)
                      FROM cards c JOIN knowledge_points kp ON kp.id = c.knowledge_point_id
                     WHERE c.user_id = m.user_id AND kp.retired_at IS NULL), 0) AS "value"
            FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.group_id = ${groupId}::uuid AND m.role = 'member'`;
  return rankEntries(rows);
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A member of the group as their manager may see them; anyone else is not found here. */
export async function groupMember(groupId: string, userId: string) {
  const membership = await prisma.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true, joinedAt: true, user: { select: { id: true, username: true, displayName: true } } },
  });
  if (!membership) throw new GroupError("该用户不是小组成员", 404);
  return { ...membership.user, role: membership.role, joinedAt: membership.joinedAt };
}
