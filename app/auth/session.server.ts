import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { hotQuery, prisma } from "~/db.server";
import { env } from "~/env.server";
import { Prisma, type User } from "~/generated/prisma/client";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
// A session used in its second half is extended, so active users are not logged out mid-month.
const RENEW_AFTER_MS = SESSION_TTL_MS / 2;

export type SessionUser = Pick<User, "id" | "username" | "displayName" | "role" | "mustChangePassword">;

/** Where a user with a temporary password is sent, and the only page they may use until they change it. */
export const CHANGE_PASSWORD_PATH = "/settings";

function sessionCookie(request: Request) {
  // Secure whenever the request came over HTTPS (directly or through a proxy that says so);
  // a plain-HTTP local run would otherwise never keep its cookie.
  const secure = env.NODE_ENV === "production" && new URL(request.url).protocol === "https:";
  return createCookie("xueer_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
    secrets: [env.SESSION_SECRET],
  });
}

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Starts a new session (a fresh id: rotation at login) and returns the Set-Cookie header. */
export async function createUserSession(request: Request, userId: string): Promise<string> {
  const previous = await readSessionId(request);
  if (previous) await prisma.session.deleteMany({ where: { id: previous } });
  const id = randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
    },
  });
  return sessionCookie(request).serialize(id);
}

interface SessionRow extends SessionUser {
  expiresAt: Date;
  deactivatedAt: Date | null;
}

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  // Every request of a signed-in user runs this.
  const [session] = await hotQuery<SessionRow>(Prisma.sql`
    select s.expires_at as "expiresAt", u.id, u.username, u.display_name as "displayName", u.role::text as role,
           u.must_change_password as "mustChangePassword", u.deactivated_at as "deactivatedAt"
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`);
  if (!session) return null;
  if (session.deactivatedAt) {
    await prisma.session.deleteMany({ where: { userId: session.id } });
    return null;
  }
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (session.expiresAt.getTime() - now < RENEW_AFTER_MS) {
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(now + SESSION_TTL_MS) } });
  }
  const { expiresAt: _expires, deactivatedAt: _deactivated, ...user } = session;
  return user;
}

/** Ends this browser's session, or every session of its user; returns the clearing Set-Cookie. */
export async function endSession(request: Request, { everywhere = false } = {}): Promise<string> {
  const id = await readSessionId(request);
  if (id) {
    if (everywhere) {
      const session = await prisma.session.findUnique({ where: { id }, select: { userId: true } });
      if (session) await prisma.session.deleteMany({ where: { userId: session.userId } });
    } else {
      await prisma.session.deleteMany({ where: { id } });
    }
  }
  return sessionCookie(request).serialize("", { maxAge: 0 });
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const here = `${url.pathname}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(here)}`);
}

/**
 * The signed-in user, or a redirect to the login page. A user still holding a temporary password an
 * administrator gave them (reset, CSV creation) is sent to the settings page to choose their own:
 * every other page guarded here is closed to them until they do.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw loginRedirect(request);
  if (user.mustChangePassword && new URL(request.url).pathname !== CHANGE_PASSWORD_PATH)
    throw redirect(CHANGE_PASSWORD_PATH);
  return user;
}

/**
 * `requireUser` for endpoints that pages call with fetch: a missing session is a 401 and a
 * temporary password a 403 naming the page to go to, as JSON with a message, instead of a redirect
 * the page would follow blindly.
 */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw Response.json({ error: "登录已过期，请重新登录。" }, { status: 401 });
  if (user.mustChangePassword)
    throw Response.json({ error: "请先修改临时密码。", redirectTo: CHANGE_PASSWORD_PATH }, { status: 403 });
  return user;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "admin") {
    throw new Response("需要管理员权限", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Login and signup pages send a signed-in visitor on instead of showing the form. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getSessionUser(request)) throw redirect("/");
}
