import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";
import { beginPasswordAttempt } from "./throttle.server";

export type SignupResult = { ok: true; user: SessionUser } | { ok: false; field: "username"; message: string };

export const LOOK_ALIKE_MESSAGE = "该用户名与已有的用户名过于相似，请换一个";

export async function signUp(input: {
  username: string;
  password: string;
  displayName?: string;
  role?: "learner" | "admin";
}): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password);
  const taken: SignupResult = { ok: false, field: "username", message: "该用户名已被使用" };
  const lookAlike: SignupResult = { ok: false, field: "username", message: LOOK_ALIKE_MESSAGE };
  try {
    return await prisma.$transaction(async (tx) => {
      // Usernames are unique regardless of case (Admin beside admin would pose as it): the check
      // and the insert run under a lock on the folded name, so two sign-ups cannot both pass it.
      const folded = input.username.toLowerCase();
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`username:${folded}`}))`;
      const existing = await tx.$queryRaw<unknown[]>`select 1 from users where lower(username) = ${folded} limit 1`;
      if (existing.length > 0) return taken;
      // Nor may it look like one (ɑdmin, adrnin, Iin beside admin, admin, lin): compared by skeleton,
      // under a second lock so that two look-alikes signing up at once cannot both pass.
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('skeleton:' || username_skeleton(${input.username})))`;
      const alike = await tx.$queryRaw<
        unknown[]
      >`select 1 from users where username_skeleton(username) = username_skeleton(${input.username}) limit 1`;
      if (alike.length > 0) return lookAlike;
      const user = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName || input.username,
          passwordHash,
          role: input.role ?? "learner",
        },
        select: { id: true, username: true, displayName: true, role: true, mustChangePassword: true },
      });
      return { ok: true as const, user };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return taken;
    throw error;
  }
}

/** The account a username names: compared without regard to case, an exact match first. */
async function findAccount(username: string) {
  // lower() rather than Prisma's insensitive mode, which matches with ILIKE (`_` is a wildcard there).
  const ids = await prisma.$queryRaw<
    { id: string }[]
  >`select id from users where lower(username) = lower(${username}) limit 5`;
  const candidates = await prisma.user.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      mustChangePassword: true,
      passwordHash: true,
      deactivatedAt: true,
    },
  });
  return candidates.find((user) => user.username === username) ?? (candidates.length === 1 ? candidates[0] : undefined);
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

  const user = await findAccount(username);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  // The attempt stays counted as a failure unless the password was right.
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await attempt.succeeded();
  if (user.deactivatedAt) return { ok: false, reason: "deactivated" };
  const { passwordHash: _, deactivatedAt: _deactivated, ...sessionUser } = user;
  return { ok: true, user: sessionUser };
}

/**
 * An existing username that looks like this one without being it in another case or width
 * (ɑdmin → admin), or null: `admin:create` refuses to make such a look-alike administrator.
 */
export async function lookAlikeUsername(username: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ username: string }[]>`
    select username from users
     where username_skeleton(username) = username_skeleton(${username}) and lower(username) <> lower(${username})
     order by created_at limit 1`;
  return rows[0]?.username ?? null;
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
  // `Admin` names the existing `admin`: usernames are unique regardless of case.
  const existing = await findAccount(username);
  if (existing) {
    await prisma.user.update({ where: { id: existing.id }, data: { role: "admin", passwordHash, mustChangePassword } });
    await prisma.session.deleteMany({ where: { userId: existing.id } });
    return "updated";
  }
  await prisma.user.create({
    data: { username, displayName: username, role: "admin", passwordHash, mustChangePassword },
  });
  return "created";
}
