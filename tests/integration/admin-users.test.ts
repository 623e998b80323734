import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BulkCreateResult } from "~/admin/users.server";
import { upsertAdmin } from "~/auth/accounts.server";
import { prisma } from "~/db.server";
import { action as importAction, loader as importLoader } from "~/routes/admin.users.import";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users._index";
import { action as loginAction } from "~/routes/login";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings";
import { loader as studyLoader } from "~/routes/study";
import { createUser, uniqueUsername } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

const BASE = "http://localhost:3000";
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/upload");

async function login(username: string, password: string) {
  return loginAction({
    request: formRequest("/login", { username, password }),
    context: context("10.9.0.1"),
    params: {},
  });
}

async function cookieFor(role: "learner" | "admin") {
  const user = await createUser({ role });
  return { user, cookie: sessionCookie((await login(user.username, user.password)) as Response) };
}

type UserAction = { ok: boolean; message: string; credentials?: { username: string; password: string } };

async function act(fields: Record<string, string>, cookie: string) {
  return actionData<UserAction>(
    await usersAction({ request: formRequest("/admin/users", fields, { cookie }), context: context(), params: {} }),
  );
}

function csvRequest(bytes: Uint8Array<ArrayBuffer> | string, cookie: string, name = "users.csv"): Request {
  const form = new FormData();
  form.append("file", new File([bytes], name, { type: "text/csv" }));
  return new Request(`${BASE}/admin/users/import`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: BASE },
    body: form,
  });
}

async function importCsv(bytes: Uint8Array<ArrayBuffer> | string, cookie: string) {
  return actionData<BulkCreateResult>(
    await importAction({ request: csvRequest(bytes, cookie), context: context(), params: {} }),
  );
}

describe("the user list", () => {
  it("searches by username or display name and pages by 50", async () => {
    const { cookie } = await cookieFor("admin");
    const tag = uniqueUsername("pg");
    await prisma.user.createMany({
      data: Array.from({ length: 51 }, (_, i) => ({
        username: `${tag}_${i}`,
        displayName: `分页${i}`,
        passwordHash: "x",
      })),
    });
    await createUser({ username: uniqueUsername("named"), displayName: `${tag}的姓名` });
    const first = await usersLoader({
      request: getRequest(`/admin/users?q=${tag}`, { cookie }),
      context: context(),
      params: {},
    });
    expect(first).toMatchObject({ total: 52, page: 1, pages: 2 });
    expect(first.users).toHaveLength(50);
    const second = await usersLoader({
      request: getRequest(`/admin/users?q=${tag}&page=2`, { cookie }),
      context: context(),
      params: {},
    });
    expect(second.users).toHaveLength(2);
    const byName = await usersLoader({
      request: getRequest(`/admin/users?q=${encodeURIComponent(`${tag}的`)}`, { cookie }),
      context: context(),
      params: {},
    });
    expect(byName.users.map((u) => u.displayName)).toEqual([`${tag}的姓名`]);
    // Nonsense page numbers fall back to a real page.
    const clamped = await usersLoader({
      request: getRequest(`/admin/users?q=${tag}&page=99`, { cookie }),
      context: context(),
      params: {},
    });
    expect(clamped.page).toBe(2);
  });
});

describe("managing one user", () => {
  it("changes roles, and refuses an administrator's own demotion or deactivation", async () => {
    const { user: admin, cookie } = await cookieFor("admin");
    const learner = await createUser();
    expect((await act({ intent: "role", userId: learner.id, role: "admin" }, cookie)).data.ok).toBe(true);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("admin");
    await act({ intent: "role", userId: learner.id, role: "learner" }, cookie);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("learner");

    const self = await act({ intent: "role", userId: admin.id, role: "learner" }, cookie);
    expect(self).toMatchObject({ status: 400, data: { ok: false, message: "不能取消自己的管理员权限。" } });
    const selfOff = await act({ intent: "deactivate", userId: admin.id }, cookie);
    expect(selfOff.data).toMatchObject({ ok: false, message: "不能停用自己的账号。" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "admin",
      deactivatedAt: null,
    });
  });

  it("resets a password to a one-time temporary one that logs in, ending old sessions", async () => {
    const { cookie } = await cookieFor("admin");
    const learner = await createUser();
    await login(learner.username, learner.password);
    const reset = await act({ intent: "reset", userId: learner.id }, cookie);
    expect(reset.data.ok).toBe(true);
    const password = reset.data.credentials!.password;
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(await prisma.session.count({ where: { userId: learner.id } })).toBe(0);
    expect(((await login(learner.username, password)) as Response).status).toBe(302);
    expect(actionData(await login(learner.username, learner.password)).status).toBe(401);
  });

  it("makes an administrator created for an operator change the printed password; the demo administrator keeps its own", async () => {
    const operator = uniqueUsername();
    expect(await upsertAdmin(operator, "printed-password-1", { mustChangePassword: true })).toBe("created");
    expect(await prisma.user.findUniqueOrThrow({ where: { username: operator } })).toMatchObject({
      role: "admin",
      mustChangePassword: true,
    });
    const loggedIn = (await login(operator, "printed-password-1")) as Response;
    expect(loggedIn.headers.get("Location")).toBe("/settings");

    const demo = uniqueUsername();
    await upsertAdmin(demo, "demo-password-1");
    expect((await prisma.user.findUniqueOrThrow({ where: { username: demo } })).mustChangePassword).toBe(false);
    // Promoting and resetting an existing user through the CLI makes its password temporary too.
    expect(await upsertAdmin(demo, "printed-password-2", { mustChangePassword: true })).toBe("updated");
    expect(await prisma.user.findUniqueOrThrow({ where: { username: demo } })).toMatchObject({
      role: "admin",
      mustChangePassword: true,
    });
  });

  it("makes the user change a reset password before any other page opens", async () => {
    const { cookie } = await cookieFor("admin");
    const learner = await createUser();
    const reset = await act({ intent: "reset", userId: learner.id }, cookie);
    const temporary = reset.data.credentials!.password;
    expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).mustChangePassword).toBe(true);

    // Login goes to the settings page whatever the redirectTo, and every other page sends them back there.
    const loggedIn = (await loginAction({
      request: formRequest("/login", { username: learner.username, password: temporary, redirectTo: "/progress" }),
      context: context("10.9.0.2"),
      params: {},
    })) as Response;
    expect(loggedIn.headers.get("Location")).toBe("/settings");
    const learnerCookie = sessionCookie(loggedIn);
    const blocked = await settle(
      studyLoader({ request: getRequest("/study", { cookie: learnerCookie }), context: context(), params: {} }),
    );
    expect(blocked).toBeInstanceOf(Response);
    expect((blocked as Response).headers.get("Location")).toBe("/settings");
    const page = await settingsLoader({
      request: getRequest("/settings", { cookie: learnerCookie }),
      context: context(),
      params: {},
    });
    expect(page.settings.mustChangePassword).toBe(true);

    // Changing it clears the flag and opens the app again.
    const changed = await settingsAction({
      request: formRequest(
        "/settings",
        {
          intent: "password",
          currentPassword: temporary,
          newPassword: "my-own-password-1",
          confirmPassword: "my-own-password-1",
        },
        { cookie: learnerCookie },
      ),
      context: context(),
      params: {},
    });
    // A redirect with the fresh session's cookie (see app/routes/settings.tsx).
    expect((changed as Response).headers.get("Location")).toBe("/settings?password=changed");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).mustChangePassword).toBe(false);
    const fresh = (await login(learner.username, "my-own-password-1")) as Response;
    expect(fresh.headers.get("Location")).toBe("/");
    expect(
      await studyLoader({
        request: getRequest("/study", { cookie: sessionCookie(fresh) }),
        context: context(),
        params: {},
      }),
    ).not.toBeInstanceOf(Response);
  });

  it("also holds a reset administrator to the settings page, admin pages included", async () => {
    const { cookie } = await cookieFor("admin");
    const other = await createUser({ role: "admin" });
    const reset = await act({ intent: "reset", userId: other.id }, cookie);
    const otherCookie = sessionCookie((await login(other.username, reset.data.credentials!.password)) as Response);
    const blocked = await settle(
      usersLoader({ request: getRequest("/admin/users", { cookie: otherCookie }), context: context(), params: {} }),
    );
    expect((blocked as Response).headers.get("Location")).toBe("/settings");
  });

  it("deactivates a user, ending their sessions at once; reactivation lets them back in", async () => {
    const { cookie } = await cookieFor("admin");
    const learner = await createUser();
    const learnerCookie = sessionCookie((await login(learner.username, learner.password)) as Response);
    expect(
      await studyLoader({ request: getRequest("/study", { cookie: learnerCookie }), context: context(), params: {} }),
    ).not.toBeInstanceOf(Response);

    const off = await act({ intent: "deactivate", userId: learner.id }, cookie);
    expect(off.data.ok).toBe(true);
    expect(await prisma.session.count({ where: { userId: learner.id } })).toBe(0);
    const kicked = await settle(
      studyLoader({ request: getRequest("/study", { cookie: learnerCookie }), context: context(), params: {} }),
    );
    expect((kicked as Response).status).toBe(302);
    expect(actionData(await login(learner.username, learner.password)).status).toBeGreaterThanOrEqual(400);

    await act({ intent: "reactivate", userId: learner.id }, cookie);
    expect(((await login(learner.username, learner.password)) as Response).status).toBe(302);
  });
});

describe("bulk creating users from CSV", () => {
  it("creates users with groups and memberships, skips existing usernames, and offers the credentials", async () => {
    const { user: admin, cookie } = await cookieFor("admin");
    const existing = await createUser({ username: uniqueUsername("old") });
    const existingGroup = await prisma.group.create({ data: { name: "已有小组", inviteCode: "EXISTGRP" } });
    const a = uniqueUsername("csv");
    const b = uniqueUsername("csv");
    const c = uniqueUsername("csv");
    const csv = `\uFEFF用户名,姓名,小组\r\n${a},张三,新建小组\r\n${existing.username},已存在,新建小组\r\n${b},"李, 四",已有小组\r\n\r\n${c},,\r\n`;
    const result = await importCsv(csv, cookie);
    expect(result.status).toBe(200);
    if (!result.data.ok) throw new Error(result.data.reason);
    expect(result.data.created.map((r) => [r.line, r.username, r.displayName, r.group])).toEqual([
      [2, a, "张三", "新建小组"],
      [4, b, "李, 四", "已有小组"],
      [6, c, c, ""],
    ]);
    expect(result.data.skipped).toEqual([{ line: 3, username: existing.username, reason: "用户名已存在，已跳过" }]);
    expect(result.data.groupsCreated).toEqual(["新建小组"]);

    const created = await prisma.group.findFirstOrThrow({ where: { name: "新建小组" } });
    expect(created.inviteCode).toMatch(/^[A-Z2-9]{8}$/);
    const memberships = await prisma.membership.findMany({
      where: { user: { username: { in: [a, b, c, existing.username] } } },
      select: { groupId: true, user: { select: { username: true } } },
    });
    expect(memberships.map((m) => [m.user.username, m.groupId]).sort()).toEqual(
      [
        [a, created.id],
        [b, existingGroup.id],
      ].sort(),
    );
    const events = await prisma.membershipEvent.findMany({
      where: { groupId: { in: [created.id, existingGroup.id] } },
    });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.action === "added" && e.actorId === admin.id)).toBe(true);

    // The credentials file: a header and one line per new user, whose password logs in.
    const lines = result.data.credentialsCsv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("用户名,姓名,小组,临时密码");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(new RegExp(`^${b},"李, 四",已有小组,[A-Za-z2-9]{12}$`));
    const first = result.data.created[0]!;
    const firstLogin = (await login(first.username, first.password)) as Response;
    expect(firstLogin.status).toBe(302);
    // A temporary password from the CSV must be changed first.
    expect(firstLogin.headers.get("Location")).toBe("/settings");
    expect(
      (
        await prisma.user.findMany({ where: { username: { in: [a, b, c] } }, select: { mustChangePassword: true } })
      ).every((u) => u.mustChangePassword),
    ).toBe(true);
    expect((await prisma.user.findUniqueOrThrow({ where: { username: existing.username } })).mustChangePassword).toBe(
      false,
    );

    // The same file again (a double submit): everything is skipped, nothing is duplicated.
    const again = await importCsv(csv, cookie);
    if (!again.data.ok) throw new Error(again.data.reason);
    expect(again.data.created).toHaveLength(0);
    expect(again.data.skipped).toHaveLength(4);
    expect(await prisma.group.count({ where: { name: "新建小组" } })).toBe(1);
  });

  it("skips names that differ from an existing one only in case or look, and refuses a file naming one user twice in two cases", async () => {
    const { cookie } = await cookieFor("admin");
    const tag = Date.now()
      .toString(36)
      .replace(/[01ilo]/g, "x");
    const existing = await createUser({ username: `admin${tag}` });
    const fresh = `wang${tag}`;
    const csv = `用户名,姓名\r\nAdmin${tag},大写\r\n\u0251dmin${tag},拉丁α\r\n${fresh},新人\r\nwarng${tag}.x,不同\r\nvvang${tag},相似\r\n`;
    const result = await importCsv(csv, cookie);
    if (!result.data.ok) throw new Error(result.data.reason);
    expect(result.data.created.map((r) => r.username)).toEqual([fresh, `warng${tag}.x`]);
    expect(result.data.skipped).toEqual([
      { line: 2, username: `Admin${tag}`, reason: "用户名已存在，已跳过" },
      { line: 3, username: `\u0251dmin${tag}`, reason: `与已有的用户名 ${existing.username} 过于相似，已跳过` },
      { line: 6, username: `vvang${tag}`, reason: `与本文件中的用户名 ${fresh} 过于相似，已跳过` },
    ]);
    expect(await prisma.user.count({ where: { username: { endsWith: tag, mode: "insensitive" } } })).toBe(2);

    const twice = await importCsv(`用户名\r\nzhao${tag}\r\nZHAO${tag.toUpperCase()}\r\n`, cookie);
    expect(twice.data.ok).toBe(false);
    if (twice.data.ok) return;
    expect(twice.data.errors).toEqual([{ line: 3, message: `用户名 ZHAO${tag.toUpperCase()} 与第 2 行重复` }]);
  });

  it("lists every bad row with its line number and creates nothing", async () => {
    const { cookie } = await cookieFor("admin");
    const good = uniqueUsername("ok");
    const csv = `username,display name,group\n${good},Good,\nx,太短,\n${good},重复,\n"bad name",空格,\n"unclosed,引号`;
    const result = await importCsv(csv, cookie);
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ ok: false, reason: "第 6 行的引号没有闭合" });

    const fixed = csv.replace('\n"unclosed,引号', "");
    const rows = await importCsv(fixed, cookie);
    expect(rows.data).toMatchObject({
      ok: false,
      reason: "有 3 行数据有误，未创建任何用户。请修改后重新上传。",
      errors: [
        { line: 3, message: "用户名至少 2 个字符" },
        { line: 4, message: `用户名 ${good} 与第 2 行重复` },
        { line: 5, message: "用户名只能包含字母、数字、汉字和 _ . -" },
      ],
    });
    expect(await prisma.user.count({ where: { username: good } })).toBe(0);

    const noHeader = await importCsv(`${good},张三,一组\n`, cookie);
    expect(noHeader.data).toMatchObject({
      ok: false,
      reason: "第 1 行应为表头，例如：用户名,姓名,小组（或 username,display name,group）",
    });
    const binary = await importCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), cookie);
    expect(binary.data).toMatchObject({ ok: false });
    expect((binary.data as { reason: string }).reason).toContain("不是文本文件");
    const empty = await importAction({ request: csvRequest("", cookie), context: context(), params: {} });
    expect(actionData<{ reason: string }>(empty).data.reason).toBe("文件为空");
  });

  it("reads a GBK CSV saved by Excel, with a quoted group name containing a comma", async () => {
    const { cookie } = await cookieFor("admin");
    const bytes = new Uint8Array(await readFile(path.join(FIXTURES, "users-gbk.csv")));
    const result = await importCsv(bytes, cookie);
    if (!result.data.ok) throw new Error(result.data.reason);
    expect(result.data.created.map((r) => [r.username, r.displayName, r.group])).toEqual([
      ["gbk_wang", "王五", "财务处,二科"],
      ["gbk_zhao", "赵六", "财务处"],
    ]);
    expect(
      (await prisma.group.findMany({ where: { name: { startsWith: "财务处" } }, orderBy: { name: "asc" } })).map(
        (g) => g.name,
      ),
    ).toEqual(["财务处", "财务处,二科"]);
  });

  // Hashing dominates: 500 argon2id hashes, a few at a time (about 7 s on an idle 2-core machine).
  it("creates 500 users in seconds", async () => {
    const { cookie } = await cookieFor("admin");
    const tag = uniqueUsername("bulk");
    const rows = Array.from({ length: 500 }, (_, i) => `${tag}_${i},学员${i},批量${i % 5}组`);
    const started = Date.now();
    const result = await importCsv(`用户名,姓名,小组\n${rows.join("\n")}\n`, cookie);
    const ms = Date.now() - started;
    if (!result.data.ok) throw new Error(result.data.reason);
    expect(result.data.created).toHaveLength(500);
    expect(await prisma.membership.count({ where: { user: { username: { startsWith: `${tag}_` } } } })).toBe(500);
    console.log(`[bulk users] 500 rows in ${ms} ms`);
    // Generous for a loaded CI machine; minutes would mean the pool is not working.
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});

describe("learners", () => {
  it("are refused by every user loader and action", async () => {
    const { cookie } = await cookieFor("learner");
    const other = await createUser();
    const expect403 = async (promise: Promise<unknown>) =>
      expect(((await settle(promise)) as Response).status).toBe(403);
    await expect403(usersLoader({ request: getRequest("/admin/users", { cookie }), context: context(), params: {} }));
    for (const intent of ["role", "reset", "deactivate", "reactivate"]) {
      await expect403(
        usersAction({
          request: formRequest("/admin/users", { intent, userId: other.id, role: "admin" }, { cookie }),
          context: context(),
          params: {},
        }),
      );
    }
    await expect403(
      importLoader({ request: getRequest("/admin/users/import", { cookie }), context: context(), params: {} }),
    );
    await expect403(
      importAction({
        request: csvRequest(`用户名\n${uniqueUsername("sneaky")}\n`, cookie),
        context: context(),
        params: {},
      }),
    );
    expect(await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      role: "learner",
      deactivatedAt: null,
    });
    expect(await prisma.user.count({ where: { username: { startsWith: "sneaky" } } })).toBe(0);
  });
});
