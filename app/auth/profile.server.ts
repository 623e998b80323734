import { prisma } from "~/db.server";
import { hashPassword, verifyPassword } from "./password.server";
import { beginPasswordAttempt } from "./throttle.server";
import { createUserSession } from "./session.server";

export interface UserSettings {
  username: string;
  displayName: string;
  dailyNewLimit: number;
  desiredRetention: number;
  timeZone: string;
  /** The password is a temporary one an administrator gave: it must be changed before anything else. */
  mustChangePassword: boolean;
}

export function getSettings(userId: string): Promise<UserSettings> {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      username: true,
      displayName: true,
      dailyNewLimit: true,
      desiredRetention: true,
      timeZone: true,
      mustChangePassword: true,
    },
  });
}

export async function updateDisplayName(userId: string, displayName: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { displayName } });
}

export async function updateStudySettings(
  userId: string,
  settings: Pick<UserSettings, "dailyNewLimit" | "desiredRetention" | "timeZone">,
): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: settings });
}

export async function countActiveSessions(userId: string): Promise<number> {
  return prisma.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}

export type ChangePasswordResult =
  | { ok: true; cookie: string }
  | { ok: false; reason: "wrong-password" }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

/**
 * Changes the password after checking the current one. Wrong guesses count as failed logins of the
 * username, so a borrowed session cannot try passwords faster than the login page allows. On success
 * every session of the user ends, the ones on other devices that may be why the password is being
 * changed included, and this browser gets a fresh one (the Set-Cookie returned) so it stays signed in.
 */
export async function changePassword(
  request: Request,
  userId: string,
  { currentPassword, newPassword, clientIp }: { currentPassword: string; newPassword: string; clientIp: string },
): Promise<ChangePasswordResult> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { username: true, passwordHash: true },
  });
  const attempt = await beginPasswordAttempt(clientIp, user.username);
  if (!attempt.ok) return { ok: false, reason: "rate-limited", retryAfterMinutes: attempt.retryAfterMinutes };
  // A wrong current password stays counted, like a failed login of this address and username.
  if (!(await verifyPassword(user.passwordHash, currentPassword))) return { ok: false, reason: "wrong-password" };
  await attempt.succeeded();
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } }),
    prisma.session.deleteMany({ where: { userId } }),
  ]);
  return { ok: true, cookie: await createUserSession(request, userId) };
}
