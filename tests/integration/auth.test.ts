import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { createUser, uniqueUsername } from "../factories";
import { actionData, context, formRequest, sessionCookie } from "../support/requests";

type Errors = { errors: Record<string, string | undefined> };

async function signup(fields: Record<string, string>) {
  return signupAction({ request: formRequest("/signup", fields), context: context(), params: {} });
}

async function login(username: string, password: string, { ip = "10.0.0.1", cookie, redirectTo }: { ip?: string; cookie?: string; redirectTo?: string } = {}) {
  return loginAction({
    request: formRequest("/login", { username, password, redirectTo: redirectTo ?? "" }, { cookie }),
    context: context(ip),
    params: {},
  });
}

describe("signup", () => {
  it("creates a learner with an argon2id hash and signs them in", async () => {
    const username = uniqueUsername("new");
    const response = await signup({ username, displayName: "张三", password: "secret-pass-1", confirmPassword: "secret-pass-1" });
    expect(response).toBeInstanceOf(Response);
    const res = response as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await prisma.user.findUniqueOrThrow({ where: { username } });
    expect(user.role).toBe("learner");
    expect(user.displayName).toBe("张三");
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("puts Chinese errors next to the fields that are wrong", async () => {
    const result = actionData<Errors>(await signup({ username: "x", password: "short", confirmPassword: "other" }));
    expect(result.status).toBe(400);
    expect(result.data.errors.username).toBe("用户名至少 2 个字符");
    expect(result.data.errors.password).toBe("密码至少 8 个字符");
  });

  it("refuses mismatched confirmation and taken usernames", async () => {
    const mismatch = actionData<Errors>(await signup({ username: uniqueUsername(), password: "long-enough-1", confirmPassword: "long-enough-2" }));
    expect(mismatch.data.errors.confirmPassword).toBe("两次输入的密码不一致");
    const existing = await createUser();
    const taken = actionData<Errors>(await signup({ username: existing.username, password: "long-enough-1", confirmPassword: "long-enough-1" }));
    expect(taken.status).toBe(400);
    expect(taken.data.errors.username).toBe("该用户名已被使用");
  });
});

describe("login", () => {
  it("gives one message for a wrong password and an unknown user", async () => {
    const user = await createUser();
    const wrong = actionData<Errors>(await login(user.username, "not-the-password"));
    const unknown = actionData<Errors>(await login(uniqueUsername("ghost"), "whatever-password"));
    expect(wrong.status).toBe(401);
    expect(wrong.data.errors.form).toBe("用户名或密码不正确。");
    expect(unknown.data.errors.form).toBe("用户名或密码不正确。");
  });

  it("asks for missing fields in Chinese", async () => {
    const result = actionData<Errors>(await login("", ""));
    expect(result.status).toBe(400);
    expect(result.data.errors.username).toBe("请输入用户名");
    expect(result.data.errors.password).toBe("请输入密码");
  });

  it("signs in, redirects only to local paths, and rotates the session id", async () => {
    const user = await createUser();
    const first = (await login(user.username, user.password, { redirectTo: "/progress" })) as Response;
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/progress");
    const firstCookie = sessionCookie(first);

    const second = (await login(user.username, user.password, { cookie: firstCookie, redirectTo: "//evil.example/" })) as Response;
    expect(second.headers.get("Location")).toBe("/");
    expect(sessionCookie(second)).not.toBe(firstCookie);
    // The session the browser had before logging in again is gone: no fixation.
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("locks a username after 10 failures in 15 minutes, from any address", async () => {
    const user = await createUser();
    for (let i = 0; i < 10; i++) {
      actionData(await login(user.username, "wrong-password", { ip: `10.1.0.${i}` }));
    }
    const blocked = actionData<Errors>(await login(user.username, user.password, { ip: "10.1.1.1" }));
    expect(blocked.status).toBe(429);
    expect(blocked.data.errors.form).toMatch(/^登录失败次数过多，请 1[45] 分钟后再试。$/);

    // Once the failures are older than the window, the right password works again.
    await prisma.loginFailure.updateMany({ where: { username: user.username }, data: { createdAt: new Date(Date.now() - 16 * 60 * 1000) } });
    const allowed = await login(user.username, user.password, { ip: "10.1.1.1" });
    expect((allowed as Response).status).toBe(302);
  });

  it("locks an address after 10 failures across usernames", async () => {
    const ip = "10.2.0.1";
    for (let i = 0; i < 10; i++) await login(uniqueUsername("spray"), "wrong-password", { ip });
    const victim = await createUser();
    const blocked = actionData<Errors>(await login(victim.username, victim.password, { ip }));
    expect(blocked.status).toBe(429);
    const elsewhere = await login(victim.username, victim.password, { ip: "10.2.0.2" });
    expect((elsewhere as Response).status).toBe(302);
  });
});

describe("logout", () => {
  it("ends this session only, or every session with 退出所有设备", async () => {
    const user = await createUser();
    const laptop = sessionCookie((await login(user.username, user.password)) as Response);
    const phone = sessionCookie((await login(user.username, user.password)) as Response);
    const tablet = sessionCookie((await login(user.username, user.password)) as Response);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(3);

    const out = await logoutAction({ request: formRequest("/logout", {}, { cookie: laptop }), context: context(), params: {} });
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    await logoutAction({ request: formRequest("/logout", { scope: "everywhere" }, { cookie: phone }), context: context(), params: {} });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(tablet).toBeTruthy();
  });
});
