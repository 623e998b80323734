import { describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { prisma } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings";
import { createUser } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

type Result = { intent: string | null; errors: Record<string, string | undefined>; saved: boolean };

async function login(username: string, password: string) {
  return loginAction({ request: formRequest("/login", { username, password }), context: context(), params: {} });
}

async function signedIn() {
  const user = await createUser();
  const cookie = sessionCookie((await login(user.username, user.password)) as Response);
  return { user, cookie };
}

async function post(cookie: string, fields: Record<string, string>) {
  const raw = await settingsAction({
    request: formRequest("/settings", fields, { cookie }),
    context: context("10.9.0.1"),
    params: {},
  });
  const init = (raw as unknown as { init: ResponseInit | null }).init;
  return { ...actionData<Result>(raw), setCookie: new Headers(init?.headers).get("Set-Cookie") };
}

const userRow = (id: string) =>
  prisma.user.findUniqueOrThrow({
    where: { id },
    select: { displayName: true, dailyNewLimit: true, desiredRetention: true, timeZone: true, passwordHash: true },
  });

describe("settings page", () => {
  it("shows the defaults to a new learner and asks anonymous visitors to log in", async () => {
    const { cookie, user } = await signedIn();
    const page = await settingsLoader({ request: getRequest("/settings", { cookie }), context: context(), params: {} });
    expect(page.settings).toEqual({
      username: user.username,
      displayName: user.displayName,
      dailyNewLimit: 10,
      desiredRetention: 0.9,
      timeZone: "Asia/Shanghai",
      mustChangePassword: false,
    });
    expect(page.sessions).toBe(1);

    const anonymous = await settle(
      settingsAction({
        request: formRequest("/settings", { intent: "profile", displayName: "x" }),
        context: context(),
        params: {},
      }),
    );
    expect((anonymous as Response).status).toBe(302);
    expect((anonymous as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fsettings");
  });

  it("refuses a form without a known intent", async () => {
    const { cookie } = await signedIn();
    const result = await post(cookie, { displayName: "王五" });
    expect(result.status).toBe(400);
    expect(result.data).toEqual({ intent: null, errors: { form: "无法识别的操作，请刷新页面后重试。" }, saved: false });
  });
});

describe("intent=profile", () => {
  it("saves the display name, trimmed", async () => {
    const { cookie, user } = await signedIn();
    const result = await post(cookie, { intent: "profile", displayName: "  王五 " });
    expect(result).toMatchObject({ status: 200, data: { intent: "profile", errors: {}, saved: true } });
    expect((await userRow(user.id)).displayName).toBe("王五");
  });

  it("strips control and bidirectional characters, and refuses a name of nothing else", async () => {
    const { cookie, user } = await signedIn();
    const result = await post(cookie, { intent: "profile", displayName: "\u202e王\u0007五\u001b\u2066" });
    expect(result.status).toBe(200);
    expect((await userRow(user.id)).displayName).toBe("王五");
    const invisible = await post(cookie, { intent: "profile", displayName: "\u202e\u0007" });
    expect(invisible.data.errors.displayName).toBe("请输入姓名");
    expect((await userRow(user.id)).displayName).toBe("王五");
  });

  it("refuses an empty or overlong name", async () => {
    const { cookie, user } = await signedIn();
    const empty = await post(cookie, { intent: "profile", displayName: "   " });
    expect(empty.status).toBe(400);
    expect(empty.data).toEqual({ intent: "profile", errors: { displayName: "请输入姓名" }, saved: false });
    const long = await post(cookie, { intent: "profile", displayName: "长".repeat(41) });
    expect(long.data.errors.displayName).toBe("姓名最多 40 个字符");
    expect((await userRow(user.id)).displayName).toBe(user.displayName);
  });
});

describe("intent=study", () => {
  const valid = { intent: "study", dailyNewLimit: "25", desiredRetention: "0.85", timeZone: "Europe/Berlin" };

  it("saves the daily new limit, desired retention and time zone", async () => {
    const { cookie, user } = await signedIn();
    const result = await post(cookie, valid);
    expect(result).toMatchObject({ status: 200, data: { intent: "study", errors: {}, saved: true } });
    expect(await userRow(user.id)).toMatchObject({
      dailyNewLimit: 25,
      desiredRetention: 0.85,
      timeZone: "Europe/Berlin",
    });

    // The bounds themselves are allowed.
    await post(cookie, { ...valid, dailyNewLimit: "0", desiredRetention: "0.97", timeZone: "UTC" });
    expect(await userRow(user.id)).toMatchObject({ dailyNewLimit: 0, desiredRetention: 0.97, timeZone: "UTC" });
    await post(cookie, { ...valid, dailyNewLimit: "50", desiredRetention: "0.80" });
    expect(await userRow(user.id)).toMatchObject({ dailyNewLimit: 50, desiredRetention: 0.8 });
  });

  it("refuses a retention outside 0.80–0.97", async () => {
    const { cookie, user } = await signedIn();
    for (const desiredRetention of ["0.99", "0.79", "90", "abc"]) {
      const result = await post(cookie, { ...valid, desiredRetention });
      expect(result.status).toBe(400);
      expect(result.data).toEqual({
        intent: "study",
        errors: { desiredRetention: "目标保持率应在 80% 到 97% 之间" },
        saved: false,
      });
    }
    expect((await post(cookie, { ...valid, desiredRetention: "" })).data.errors).toEqual({
      desiredRetention: "请选择目标保持率",
    });
    expect(await userRow(user.id)).toMatchObject({
      dailyNewLimit: 10,
      desiredRetention: 0.9,
      timeZone: "Asia/Shanghai",
    });
  });

  it("refuses a daily limit that is not a whole number from 0 to 50", async () => {
    const { cookie, user } = await signedIn();
    for (const dailyNewLimit of ["51", "-1", "2.5", "ten"]) {
      const result = await post(cookie, { ...valid, dailyNewLimit });
      expect(result.status).toBe(400);
      expect(result.data.errors).toEqual({ dailyNewLimit: "请输入 0 到 50 之间的整数" });
    }
    expect((await post(cookie, { ...valid, dailyNewLimit: " " })).data.errors).toEqual({
      dailyNewLimit: "请输入每日新题数量",
    });
    expect((await userRow(user.id)).dailyNewLimit).toBe(10);
  });

  it("refuses a time zone that does not exist, and reports every wrong field at once", async () => {
    const { cookie, user } = await signedIn();
    const bad = await post(cookie, { ...valid, timeZone: "Mars/Olympus_Mons" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ timeZone: "请选择有效的时区" });
    const all = await post(cookie, { intent: "study", dailyNewLimit: "99", desiredRetention: "1", timeZone: "" });
    expect(all.data.errors).toEqual({
      dailyNewLimit: "请输入 0 到 50 之间的整数",
      desiredRetention: "目标保持率应在 80% 到 97% 之间",
      timeZone: "请选择时区",
    });
    expect((await userRow(user.id)).timeZone).toBe("Asia/Shanghai");
  });
});

describe("intent=password", () => {
  it("changes the password, ends the other sessions and keeps this browser signed in", async () => {
    const { cookie, user } = await signedIn();
    const phone = sessionCookie((await login(user.username, user.password)) as Response);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    const raw = await settingsAction({
      request: formRequest(
        "/settings",
        {
          intent: "password",
          currentPassword: user.password,
          newPassword: "a-new-password-9",
          confirmPassword: "a-new-password-9",
        },
        { cookie },
      ),
      context: context("10.9.0.1"),
      params: {},
    });
    // A redirect carries the fresh cookie: a page without JavaScript stays signed in.
    expect(raw).toBeInstanceOf(Response);
    expect((raw as Response).status).toBe(302);
    expect((raw as Response).headers.get("Location")).toBe("/settings?password=changed");
    const result = { setCookie: (raw as Response).headers.get("Set-Cookie") };
    const stored = await userRow(user.id);
    expect(stored.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(stored.passwordHash, "a-new-password-9")).toBe(true);

    // Only the fresh session handed to this browser remains.
    expect(result.setCookie).toMatch(/^xueer_session=/);
    const fresh = result.setCookie!.split(";")[0]!;
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    const here = await settingsLoader({
      request: getRequest("/settings", { cookie: fresh }),
      context: context(),
      params: {},
    });
    expect(here.settings.username).toBe(user.username);
    for (const old of [phone, cookie]) {
      const gone = await settle(
        settingsLoader({ request: getRequest("/settings", { cookie: old }), context: context(), params: {} }),
      );
      expect((gone as Response).status).toBe(302);
    }

    expect(actionData<Result>(await login(user.username, user.password)).status).toBe(401);
    expect(((await login(user.username, "a-new-password-9")) as Response).status).toBe(302);
  });

  it("refuses a wrong current password and counts it as a failed login", async () => {
    const { cookie, user } = await signedIn();
    const before = (await userRow(user.id)).passwordHash;
    const result = await post(cookie, {
      intent: "password",
      currentPassword: "not-my-password",
      newPassword: "a-new-password-9",
      confirmPassword: "a-new-password-9",
    });
    expect(result.status).toBe(400);
    expect(result.data).toEqual({ intent: "password", errors: { currentPassword: "当前密码不正确" }, saved: false });
    expect(result.setCookie).toBeNull();
    expect((await userRow(user.id)).passwordHash).toBe(before);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(
      (await prisma.loginThrottle.findUniqueOrThrow({ where: { key: `user 10.9.0.1 ${user.username.toLowerCase()}` } }))
        .failures,
    ).toBe(1);
  });

  it("stops checking after too many failures, like the login page", async () => {
    const { cookie, user } = await signedIn();
    // The failures of this address and username, as five wrong guesses leave them.
    await prisma.loginThrottle.create({
      data: {
        key: `user 10.9.0.1 ${user.username.toLowerCase()}`,
        failures: 5,
        lastFailureAt: new Date(),
        lockedUntil: new Date(Date.now() + 15 * 60_000),
      },
    });
    const result = await post(cookie, {
      intent: "password",
      currentPassword: user.password,
      newPassword: "a-new-password-9",
      confirmPassword: "a-new-password-9",
    });
    expect(result.status).toBe(429);
    expect(result.data.errors.currentPassword).toMatch(/^密码错误次数过多，请 1[45] 分钟后再试。$/);
    expect(await verifyPassword((await userRow(user.id)).passwordHash, user.password)).toBe(true);
  });

  it("asks for 8 characters, a matching confirmation and a password that is actually new", async () => {
    const { cookie, user } = await signedIn();
    const short = await post(cookie, {
      intent: "password",
      currentPassword: user.password,
      newPassword: "short",
      confirmPassword: "short",
    });
    expect(short.status).toBe(400);
    expect(short.data.errors).toEqual({ newPassword: "密码至少 8 个字符" });
    const mismatch = await post(cookie, {
      intent: "password",
      currentPassword: user.password,
      newPassword: "a-new-password-9",
      confirmPassword: "a-new-password-8",
    });
    expect(mismatch.data.errors).toEqual({ confirmPassword: "两次输入的新密码不一致" });
    const same = await post(cookie, {
      intent: "password",
      currentPassword: user.password,
      newPassword: user.password,
      confirmPassword: user.password,
    });
    expect(same.data.errors).toEqual({ newPassword: "新密码不能与当前密码相同" });
    const missing = await post(cookie, {
      intent: "password",
      currentPassword: "",
      newPassword: "",
      confirmPassword: "",
    });
    expect(missing.data.errors).toEqual({
      currentPassword: "请输入当前密码",
      newPassword: "密码至少 8 个字符",
      confirmPassword: "请再次输入新密码",
    });
    expect(await verifyPassword((await userRow(user.id)).passwordHash, user.password)).toBe(true);
  });
});
