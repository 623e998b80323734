import { prisma } from "~/db.server";

export async function updateDisplayName(userId: string, displayName: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { displayName } });
}

export async function countActiveSessions(userId: string): Promise<number> {
  return prisma.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}
