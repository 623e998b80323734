import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";
import { beginPasswordAttempt } from "./throttle.server";

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
 * Checks a password under the login rate limits of app/auth/throttle.server.ts: per address and
 * username with exponential back-off, and a far higher ceiling per address.
 */
export async function logIn(username: string, password: string, clientIp: string): Promise<LoginResult> {
  const attempt = await beginPasswordAttempt(clientIp, username);
  if (!attempt.ok) return { ok: false, reason: "rate-limited", retryAfterMinutes: attempt.retryAfterMinutes };

  const user = await prisma.user.findUnique({
    where: { username },
    select: { id: true, username: true, displayName: true, role: true, mustChangePassword: true, passwordHash: true, deactivatedAt: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  // The attempt stays counted as a failure unless the password was right.
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await attempt.succeeded();
  if (user.deactivatedAt) return { ok: false, reason: "deactivated" };
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
