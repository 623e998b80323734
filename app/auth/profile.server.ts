import { prisma } from "~/db.server";
import { LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES } from "./accounts.server";
import { hashPassword, verifyPassword } from "./password.server";
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
    select: { username: true, displayName: true, dailyNewLimit: true, desiredRetention: true, timeZone: true, mustChangePassword: true },
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
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, passwordHash: true } });
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const failures = await prisma.loginFailure.findMany({
    where: { username: user.username, createdAt: { gte: since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
    take: MAX_LOGIN_FAILURES,
  });
  if (failures.length >= MAX_LOGIN_FAILURES) {
    const unblockAt = failures[0]!.createdAt.getTime() + LOGIN_WINDOW_MS;
    return { ok: false, reason: "rate-limited", retryAfterMinutes: Math.max(1, Math.ceil((unblockAt - Date.now()) / 60000)) };
  }
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await prisma.loginFailure.create({ data: { username: user.username, ip: clientIp } });
    return { ok: false, reason: "wrong-password" };
  }
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } }),
    prisma.session.deleteMany({ where: { userId } }),
  ]);
  return { ok: true, cookie: await createUserSession(request, userId) };
}
