// Builders for test and demo data, shared by tests and seed scripts.
import { randomBytes } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/db.server";

export const DEFAULT_PASSWORD = "correct-horse-battery";

export function uniqueUsername(prefix = "user"): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

export async function createUser({
  username = uniqueUsername(),
  password = DEFAULT_PASSWORD,
  role = "learner",
  displayName,
}: { username?: string; password?: string; role?: "learner" | "admin"; displayName?: string } = {}) {
  const user = await prisma.user.create({
    data: { username, displayName: displayName ?? username, role, passwordHash: await hashPassword(password) },
    select: { id: true, username: true, displayName: true, role: true },
  });
  return { ...user, password };
}
