import { prisma } from "~/db.server";

export async function getDashboardCounts() {
  const [users, admins] = await Promise.all([prisma.user.count(), prisma.user.count({ where: { role: "admin" } })]);
  return { users, admins };
}
