import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { lookAlikeUsername, upsertAdmin } from "~/auth/accounts.server";
import { ADDRESS_FREE_FAILURES, PAIR_FREE_FAILURES } from "~/auth/throttle.server";
import { createUser, uniqueUsername } from "../factories";
import { actionData, context, formRequest, sessionCookie } from "../support/requests";

type Errors = { errors: Record<string, string | undefined> };

async function signup(fields: Record<string, string>) {
  return signupAction({ request: formRequest("/signup", fields), context: context(), params: {} });
}

async function login(
  username: string,
  password: string,
  { ip = "10.0.0.1", cookie, redirectTo }: { ip?: string; cookie?: string; redirectTo?: string } = {},
) {
  return loginAction({
    request: formRequest("/login", { username, password, redirectTo: redirectTo ?? "" }, { cookie }),
    context: context(ip),
    params: {},
  });
}

describe("signup", () => {
  it("creates a learner with an argon2id hash and signs them in", async () => {
    const username = uniqueUsername("new");
    const response = await signup({
      username,
      displayName: "张三",
      password: "secret-pass-1",
      confirmPassword: "secret-pass-1",
    });
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
    const mismatch = actionData<Errors>(
      await signup({ username: uniqueUsername(), password: "long-enough-1", confirmPassword: "long-enough-2" }),
    );
    expect(mismatch.data.errors.confirmPassword).toBe("两次输入的密码不一致");
    const existing = await createUser();
    const taken = actionData<Errors>(
      await signup({ username: existing.username, password: "long-enough-1", confirmPassword: "long-enough-1" }),
    );
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

    const second = (await login(user.username, user.password, {
      cookie: firstCookie,
      redirectTo: "//evil.example/",
    })) as Response;
    expect(second.headers.get("Location")).toBe("/");
    expect(sessionCookie(second)).not.toBe(firstCookie);
    // The session the browser had before logging in again is gone: no fixation.
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("backs off per address and username, and never blocks the account from another address", async () => {
    const user = await createUser();
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(actionData(await login(user.username, "wrong-password", { ip: "10.1.0.1" })).status).toBe(401);
    }
    // The attacker's address is held back, even with the right password...
    const blocked = actionData<Errors>(await login(user.username, user.password, { ip: "10.1.0.1" }));
    expect(blocked.status).toBe(429);
    expect(blocked.data.errors.form).toBe("登录失败次数过多，请 1 分钟后再试。");
    // ...the owner, from anywhere else, is not.
    expect(((await login(user.username, user.password, { ip: "10.1.9.9" })) as Response).status).toBe(302);
    // A case or width variant of the username is the same account for the limit.
    expect(actionData(await login(user.username.toUpperCase(), user.password, { ip: "10.1.0.1" })).status).toBe(429);

    // After the lock, one more try; a further failure doubles the wait.
    await prisma.loginThrottle.updateMany({
      where: { key: { startsWith: "user 10.1.0.1 " } },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    expect(actionData(await login(user.username, "wrong-again", { ip: "10.1.0.1" })).status).toBe(401);
    const doubled = actionData<Errors>(await login(user.username, user.password, { ip: "10.1.0.1" }));
    expect(doubled.data.errors.form).toBe("登录失败次数过多，请 2 分钟后再试。");
  });

  it("lets colleagues behind one address sign in while one of them is locked out", async () => {
    const clumsy = await createUser();
    const colleague = await createUser();
    for (let i = 0; i < PAIR_FREE_FAILURES + 3; i++) await login(clumsy.username, "wrong-password", { ip: "10.3.0.1" });
    expect(actionData(await login(clumsy.username, clumsy.password, { ip: "10.3.0.1" })).status).toBe(429);
    expect(((await login(colleague.username, colleague.password, { ip: "10.3.0.1" })) as Response).status).toBe(302);
  });

  it("a success takes its attempt back and clears the pair's failures", async () => {
    const user = await createUser();
    for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++) await login(user.username, "wrong-password", { ip: "10.4.0.1" });
    expect(((await login(user.username, user.password, { ip: "10.4.0.1" })) as Response).status).toBe(302);
    expect(await prisma.loginThrottle.count({ where: { key: { startsWith: "user 10.4.0.1 " } } })).toBe(0);
    expect((await prisma.loginThrottle.findUniqueOrThrow({ where: { key: "ip 10.4.0.1" } })).failures).toBe(
      PAIR_FREE_FAILURES - 1,
    );
    // The next mistake starts from nothing again.
    expect(actionData(await login(user.username, "wrong-password", { ip: "10.4.0.1" })).status).toBe(401);
  });

  it("holds an address back at its much higher ceiling across usernames, and only that address", async () => {
    const ip = "10.2.0.1";
    // The first ADDRESS_FREE_FAILURES - 1 failures, as the counter would hold them after a spray.
    await prisma.loginThrottle.create({
      data: { key: `ip ${ip}`, failures: ADDRESS_FREE_FAILURES - 1, lastFailureAt: new Date() },
    });
    expect(actionData(await login(uniqueUsername("spray"), "wrong-password", { ip })).status).toBe(401);
    const victim = await createUser();
    expect(actionData(await login(victim.username, victim.password, { ip })).status).toBe(429);
    expect(((await login(victim.username, victim.password, { ip: "10.2.0.2" })) as Response).status).toBe(302);
  });

  it("counts an IPv6 /64 as one address", async () => {
    await prisma.loginThrottle.create({
      data: {
        key: "ip 2001:db8:1:2::/64",
        failures: ADDRESS_FREE_FAILURES,
        lastFailureAt: new Date(),
        lockedUntil: new Date(Date.now() + 60_000),
      },
    });
    const user = await createUser();
    expect(actionData(await login(user.username, user.password, { ip: "2001:db8:1:2:aaaa::1" })).status).toBe(429);
    expect(actionData(await login(user.username, user.password, { ip: "2001:0db8:0001:0002:ffff:1:2:3" })).status).toBe(
      429,
    );
    expect(((await login(user.username, user.password, { ip: "2001:db8:1:3::1" })) as Response).status).toBe(302);
  });

  it("lets at most the free number of 60 concurrent guesses reach the password check", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(user.username, `guess-${i}`, { ip: "10.5.0.1" })),
    );
    const statuses = results.map((result) => actionData(result).status);
    // 401 means the password was checked; 429 that it was refused before.
    expect(statuses.filter((status) => status === 401)).toHaveLength(PAIR_FREE_FAILURES);
    expect(statuses.filter((status) => status === 429)).toHaveLength(60 - PAIR_FREE_FAILURES);
    const pair = await prisma.loginThrottle.findFirstOrThrow({ where: { key: { startsWith: "user 10.5.0.1 " } } });
    expect(pair.failures).toBe(PAIR_FREE_FAILURES);
  });
});

describe("usernames and odd input", () => {
  it("keeps usernames unique regardless of case, width and look-alike letters", async () => {
    const base = `adm${Date.now().toString(36)}`;
    await createUser({ username: base });
    for (const variant of [
      base.toUpperCase(),
      base.replace(/./g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ]) {
      const result = actionData<Errors>(
        await signup({ username: variant, password: "long-enough-1", confirmPassword: "long-enough-1" }),
      );
      expect(result.status, variant).toBe(400);
      expect(result.data.errors.username).toBe("该用户名已被使用");
    }
    const cyrillic = actionData<Errors>(
      await signup({ username: `\u0430${base.slice(1)}`, password: "long-enough-1", confirmPassword: "long-enough-1" }),
    );
    expect(cyrillic.data.errors.username).toBe("用户名只能使用拉丁字母、汉字、数字和 _ . -");
    expect(await prisma.user.count({ where: { username: { contains: base.slice(1), mode: "insensitive" } } })).toBe(1);
  });

  it("refuses names that look like an existing one (Latin look-alike letters, rn for m, I or 1 for l, 0 for o, accents)", async () => {
    const tag = Date.now()
      .toString(36)
      .replace(/[01ilo]/g, "x");
    const base = `admin${tag}`;
    await createUser({ username: base });
    await createUser({ username: `lin${tag}` });
    const signupAs = async (username: string) =>
      actionData<Errors>(await signup({ username, password: "long-enough-1", confirmPassword: "long-enough-1" }));
    for (const variant of [
      `\u0251dmin${tag}`,
      `adrnin${tag}`,
      `ádmin${tag}`,
      `ADMIN${tag.toUpperCase()}`,
      `Iin${tag}`,
      `1in${tag}`,
      `adm\u0131n${tag}`,
    ]) {
      const result = await signupAs(variant);
      expect(result.status, variant).toBe(400);
      expect(result.data.errors.username, variant).toMatch(
        /^(该用户名与已有的用户名过于相似，请换一个|该用户名已被使用)$/,
      );
    }
    expect((await signupAs(`adrnin${tag}`)).data.errors.username).toBe("该用户名与已有的用户名过于相似，请换一个");
    // A name that merely shares letters is fine.
    const distinct = (await signup({
      username: `admins${tag}`,
      password: "long-enough-1",
      confirmPassword: "long-enough-1",
    })) as Response;
    expect(distinct.status).toBe(302);
    expect(await prisma.user.count({ where: { username: { endsWith: tag } } })).toBe(3);
  });

  it("admin:create finds a look-alike of an existing name (and not the name itself in another case)", async () => {
    const tag = Date.now()
      .toString(36)
      .replace(/[01ilo]/g, "x");
    await createUser({ username: `root${tag}` });
    expect(await lookAlikeUsername(`r0ot${tag}`)).toBe(`root${tag}`);
    expect(await lookAlikeUsername(`ROOT${tag.toUpperCase()}`)).toBeNull();
    expect(await lookAlikeUsername(`boot${tag}`)).toBeNull();
  });

  it("admin:create with another case of an existing name promotes that account", async () => {
    const user = await createUser({ username: `ops${Date.now().toString(36)}` });
    expect(await upsertAdmin(user.username.toUpperCase(), "printed-password-1", { mustChangePassword: true })).toBe(
      "updated",
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { username: user.username } })).role).toBe("admin");
    expect(await prisma.user.count({ where: { username: user.username.toUpperCase() } })).toBe(0);
  });

  it("lets a user sign in with any case or width of their name", async () => {
    const user = await createUser({ username: `Lin${Date.now().toString(36)}` });
    expect(((await login(user.username.toLowerCase(), user.password)) as Response).status).toBe(302);
    expect(
      (
        (await login(
          user.username.toUpperCase().replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
          user.password,
        )) as Response
      ).status,
    ).toBe(302);
  });

  it("strips control and bidirectional characters from a new display name", async () => {
    const username = uniqueUsername("bidi");
    await signup({
      username,
      displayName: "王\u202e五\u0007\u001b",
      password: "long-enough-1",
      confirmPassword: "long-enough-1",
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { username } })).displayName).toBe("王五");
  });

  it("answers a 4,000-character or 1 MB username with 400", async () => {
    for (const length of [4000, 1024 * 1024]) {
      const result = actionData<Errors>(await login("a".repeat(length), "whatever"));
      expect(result.status).toBe(400);
      expect(result.data.errors.username).toBe("用户名或密码不正确。");
    }
  });

  it("answers JSON posted to /login with 415 and a Chinese message", async () => {
    const request = new Request("http://localhost:3000/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "http://localhost:3000" },
      body: JSON.stringify({ username: "a", password: "b" }),
    });
    const result = actionData<Errors>(await loginAction({ request, context: context(), params: {} }));
    expect(result.status).toBe(415);
    expect(result.data.errors.form).toBe("请求格式不正确，请通过页面上的表单提交。");
  });

  it("redirects to a page with Chinese in its query after login, with one session", async () => {
    const user = await createUser();
    const response = (await login(user.username, user.password, { redirectTo: "/documents?q=学习" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/documents?q=%E5%AD%A6%E4%B9%A0");
    const u = await prisma.user.findUniqueOrThrow({ where: { username: user.username } });
    expect(await prisma.session.count({ where: { userId: u.id } })).toBe(1);
  });
});

describe("logout", () => {
  it("ends this session only, or every session with 退出所有设备", async () => {
    const user = await createUser();
    const laptop = sessionCookie((await login(user.username, user.password)) as Response);
    const phone = sessionCookie((await login(user.username, user.password)) as Response);
    const tablet = sessionCookie((await login(user.username, user.password)) as Response);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(3);

    const out = await logoutAction({
      request: formRequest("/logout", {}, { cookie: laptop }),
      context: context(),
      params: {},
    });
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    await logoutAction({
      request: formRequest("/logout", { scope: "everywhere" }, { cookie: phone }),
      context: context(),
      params: {},
    });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(tablet).toBeTruthy();
  });
});
