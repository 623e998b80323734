import { getProgress, type Progress } from "~/study/progress.server";

/**
 * A member's progress as their group manager sees it: the learner's own progress page (the same
 * figures, drawn by the same charts) counted only from the moment they joined the group. A manager
 * can add anyone by username; what that person studied before is theirs, not the group's.
 */
export async function memberProgressSince(
  userId: string,
  joinedAt: Date,
  now = new Date(),
): Promise<Progress & { since: Date }> {
  return { ...(await getProgress(userId, now, { since: joinedAt })), since: joinedAt };
}
