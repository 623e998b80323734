import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_LOGIN_FAILURES = 10;

export type SignupResult = { ok: true; user: SessionUser } | { ok: false; field: "username"; message: string };

export async function signUp(input: {
  username: string;
  password: string;
  displayName?: string;
  role?: "learner" | "admin";
}): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.user.create({
      data: {
        username: input.username,
        displayName: input.displayName?.trim() || input.username,
        passwordHash,
        role: input.role ?? "learner",
      },
      select: { id: true, username: true, displayName: true, role: true, mustChangePassword: true },
    });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, field: "username", message: "该用户名已被使用" };
    }
    throw error;
  }
}

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

/**
 * Checks a password, refusing further attempts after too many recent failures for the same
 * username or from the same address; failures are stored so every app instance sees them.
 */
export async function logIn(username: string, password: string, clientIp: string): Promise<LoginResult> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const [byUser, byIp] = await Promise.all([
    prisma.loginFailure.findMany({
      where: { username, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
      take: MAX_LOGIN_FAILURES,
    }),
    prisma.loginFailure.findMany({
      where: { ip: clientIp, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
      take: MAX_LOGIN_FAILURES,
    }),
  ]);
  const limiting = [byUser, byIp].filter((failures) => failures.length >= MAX_LOGIN_FAILURES);
  if (limiting.length > 0) {
    const unblockAt = Math.max(...limiting.map((failures) => failures[0]!.createdAt.getTime() + LOGIN_WINDOW_MS));
    return { ok: false, reason: "rate-limited", retryAfterMinutes: Math.max(1, Math.ceil((unblockAt - Date.now()) / 60000)) };
  }

  const user = await prisma.user.findUnique({
    where: { username },
    select: { id: true, username: true, displayName: true, role: true, mustChangePassword: true, passwordHash: true, deactivatedAt: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (user && valid && user.deactivatedAt) return { ok: false, reason: "deactivated" };
  if (!user || !valid) {
    await prisma.loginFailure.create({ data: { username, ip: clientIp } });
    return { ok: false, reason: "invalid" };
  }
  await prisma.loginFailure.deleteMany({ where: { username } });
  const { passwordHash: _, deactivatedAt: _deactivated, ...sessionUser } = user;
  return { ok: true, user: sessionUser };
}

/**
 * Creates an administrator or promotes and resets an existing user. A password printed for an
 * operator to hand on is temporary (`mustChangePassword`); the embedded demo administrator's is not.
 */
export async function upsertAdmin(
  username: string,
  password: string,
  { mustChangePassword = false }: { mustChangePassword?: boolean } = {},
): Promise<"created" | "updated"> {
  const passwordHash = await hashPassword(password);
  const existing = await prisma.user.findUnique({ where: { username }, select: { id: true } });
  if (existing) {
    await prisma.user.update({ where: { id: existing.id }, data: { role: "admin", passwordHash, mustChangePassword } });
    await prisma.session.deleteMany({ where: { userId: existing.id } });
    return "updated";
  }
  await prisma.user.create({ data: { username, displayName: username, role: "admin", passwordHash, mustChangePassword } });
  return "created";
}
