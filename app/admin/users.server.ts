import { randomBytes, randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { hashPassword } from "~/auth/password.server";
import { displayNameSchema, usernameSchema } from "~/auth/validation";
import { prisma } from "~/db.server";
import { generateInviteCode } from "~/groups/invite";
import type { Prisma, Role } from "~/generated/prisma/client";
import { csvRows } from "~/csv";
import { decodeCsv, parseCsv } from "./csv";

export const USERS_PAGE_SIZE = 50;
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_ROWS = 5000;
// Serializes bulk imports across app instances: two submits of one file must not both create users.
const BULK_IMPORT_LOCK = 0x78756572_01;

export type AdminResult = { ok: true; message: string } | { ok: false; message: string };

export async function listUsers({ q, page }: { q: string; page: number }) {
  const where: Prisma.UserWhereInput = q
    ? {
        OR: [{ username: { contains: q, mode: "insensitive" } }, { displayName: { contains: q, mode: "insensitive" } }],
      }
    : {};
  const total = await prisma.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const users = await prisma.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { username: "asc" }],
    skip: (current - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      deactivatedAt: true,
      createdAt: true,
      memberships: {
        where: { group: { archivedAt: null } },
        select: { role: true, group: { select: { name: true } } },
        orderBy: { joinedAt: "asc" },
      },
    },
  });
  return {
    users: users.map(({ memberships, ...user }) => ({
      ...user,
      groups: memberships.map((m) => (m.role === "manager" ? `${m.group.name}（管理员）` : m.group.name)),
    })),
    total,
    page: current,
    pages,
  };
}

async function targetUser(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, displayName: true, role: true, deactivatedAt: true },
  });
}

export async function changeRole(actorId: string, userId: string, role: Role): Promise<AdminResult> {
  // Refusing one's own demotion also guarantees that at least one administrator remains.
  if (actorId === userId && role !== "admin") return { ok: false, message: "不能取消自己的管理员权限。" };
  const user = await targetUser(userId);
  if (!user) return { ok: false, message: "用户不存在。" };
  if (user.role === role)
    return { ok: true, message: `${user.displayName} 已是${role === "admin" ? "管理员" : "学员"}。` };
  await prisma.user.update({ where: { id: userId }, data: { role } });
  return {
    ok: true,
    message: `已将 ${user.displayName}（${user.username}）设为${role === "admin" ? "管理员" : "学员"}。`,
  };
}

export async function setActive(actorId: string, userId: string, active: boolean): Promise<AdminResult> {
  if (actorId === userId && !active) return { ok: false, message: "不能停用自己的账号。" };
  const user = await targetUser(userId);
  if (!user) return { ok: false, message: "用户不存在。" };
  if (active) {
    await prisma.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
    return { ok: true, message: `已恢复 ${user.displayName}（${user.username}）的账号。` };
  }
  // Ending the sessions in the same transaction means no request slips through after the click.
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { deactivatedAt: user.deactivatedAt ?? new Date() } }),
    prisma.session.deleteMany({ where: { userId } }),
  ]);
  return { ok: true, message: `已停用 ${user.displayName}（${user.username}），其登录已全部失效；学习记录保留。` };
}

// No 0/O, 1/l/I: temporary passwords are read off a screen or a printout and typed by hand.
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** 12 characters from 55: about 69 bits, far beyond guessing even before argon2. */
export function temporaryPassword(length = 12): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (const byte of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (byte >= 256 - (256 % PASSWORD_ALPHABET.length)) continue;
    out += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length];
    if (out.length === length) return out;
  }
  return out + temporaryPassword(length - out.length);
}

/**
 * Sets a new generated password, shown once to the administrator; the user's sessions end, and the
 * user must choose their own password at the next login.
 */
export async function resetPassword(
  userId: string,
): Promise<{ ok: true; username: string; displayName: string; password: string } | { ok: false; message: string }> {
  const user = await targetUser(userId);
  if (!user) return { ok: false, message: "用户不存在。" };
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } }),
    prisma.session.deleteMany({ where: { userId } }),
  ]);
  return { ok: true, username: user.username, displayName: user.displayName, password };
}

/** Runs `fn` over `items` with at most `size` in flight, keeping the input order in the output. */
async function mapPool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        out[index] = await fn(items[index]!);
      }
    }),
  );
  return out;
}

// argon2id takes ~19 MiB and tens of ms per hash on libuv's pool of 4 threads: more in flight only queues.
const HASH_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

const HEADERS: Record<string, "username" | "displayName" | "group"> = {
  用户名: "username",
  账号: "username",
  帐号: "username",
  username: "username",
  user: "username",
  login: "username",
  姓名: "displayName",
  名字: "displayName",
  显示名: "displayName",
  displayname: "displayName",
  "display name": "displayName",
  name: "displayName",
  小组: "group",
  组: "group",
  分组: "group",
  group: "group",
};

const rowSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  group: z.string().trim().max(60, "小组名称最多 60 个字符"),
});

export interface BulkRow {
  line: number;
  username: string;
  displayName: string;
  group: string;
}

export type BulkCreateResult =
  | { ok: false; reason: string; errors: { line: number; message: string }[] }
  | {
      ok: true;
      created: (BulkRow & { password: string })[];
      skipped: { line: number; username: string; reason: string }[];
      groupsCreated: string[];
      /** The created accounts with their temporary passwords, as CSV text (without BOM). */
      credentialsCsv: string;
      ms: number;
    };

/** Reads the rows of an uploaded CSV, or says precisely what is wrong with which line. */
export function parseUserCsv(
  bytes: Uint8Array,
): { ok: true; rows: BulkRow[] } | { ok: false; reason: string; errors: { line: number; message: string }[] } {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason, errors: [] };
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, errors: [] };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, reason: "文件为空", errors: [] };
  const columns = header.fields.map(
    (f) =>
      HEADERS[
        f
          .trim()
          .replace(/^\uFEFF/, "")
          .toLowerCase()
      ],
  );
  const index = (key: "username" | "displayName" | "group") => columns.indexOf(key);
  if (index("username") < 0) {
    return {
      ok: false,
      reason: `第 ${header.line} 行应为表头，例如：用户名,姓名,小组（或 username,display name,group）`,
      errors: [],
    };
  }
  if (records.length === 0) return { ok: false, reason: "表头之后没有数据行", errors: [] };
  if (records.length > MAX_CSV_ROWS)
    return {
      ok: false,
      reason: `一次最多导入 ${MAX_CSV_ROWS} 行，本文件有 ${records.length} 行，请拆分后上传`,
      errors: [],
    };

  const rows: BulkRow[] = [];
  const errors: { line: number; message: string }[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const field = (key: "username" | "displayName" | "group") => {
      const i = index(key);
      return i < 0 ? "" : (record.fields[i] ?? "");
    };
    const result = rowSchema.safeParse({
      username: field("username"),
      displayName: field("displayName"),
      group: field("group"),
    });
    if (!result.success) {
      errors.push({ line: record.line, message: result.error.issues.map((i) => i.message).join("；") });
      continue;
    }
    const { username, displayName, group } = result.data;
    // Usernames are unique regardless of case: Admin and admin in one file are one name twice.
    const earlier = firstLine.get(username.toLowerCase());
    if (earlier !== undefined) {
      errors.push({ line: record.line, message: `用户名 ${username} 与第 ${earlier} 行重复` });
      continue;
    }
    firstLine.set(username.toLowerCase(), record.line);
    rows.push({ line: record.line, username, displayName: displayName || username, group });
  }
  if (errors.length > 0)
    return { ok: false, reason: `有 ${errors.length} 行数据有误，未创建任何用户。请修改后重新上传。`, errors };
  return { ok: true, rows };
}

/**
 * The names of a CSV that must not be created, each with the reason it is skipped: an account of
 * that name in any case or width exists, or one that looks alike (the username_skeleton SQL function:
 * ɑdmin, adrnin beside admin), or an earlier row of the file looks alike.
 */
async function usernameClashes(db: Pick<typeof prisma, "$queryRaw">, names: string[]): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ name: string; skeleton: string; exact: string | null; alike: string | null }[]>`
    SELECT n.name, username_skeleton(n.name) AS skeleton,
           (SELECT u.username FROM users u WHERE lower(u.username) = lower(n.name) LIMIT 1) AS exact,
           (SELECT u.username FROM users u WHERE username_skeleton(u.username) = username_skeleton(n.name) LIMIT 1) AS alike
      FROM unnest(${names}::text[]) WITH ORDINALITY AS n(name, i)
     ORDER BY n.i`;
  const clashes = new Map<string, string>();
  const earlier = new Map<string, string>();
  for (const row of rows) {
    if (row.exact) clashes.set(row.name, "用户名已存在，已跳过");
    else if (row.alike) clashes.set(row.name, `与已有的用户名 ${row.alike} 过于相似，已跳过`);
    else if (earlier.has(row.skeleton))
      clashes.set(row.name, `与本文件中的用户名 ${earlier.get(row.skeleton)} 过于相似，已跳过`);
    if (!earlier.has(row.skeleton)) earlier.set(row.skeleton, row.name);
  }
  return clashes;
}

/**
 * Creates learners from a CSV in one transaction: all rows valid or none created; usernames that
 * already exist are skipped with a reason; groups named in the file are found or created, and each
 * new user joins theirs (with a membership event). Passwords are hashed before the transaction, a
 * few at a time, so 500 rows take seconds and the transaction stays short.
 */
export async function bulkCreateUsers(actorId: string, bytes: Uint8Array): Promise<BulkCreateResult> {
  const started = Date.now();
  if (bytes.length > MAX_CSV_BYTES)
    return { ok: false, reason: `文件超过 ${MAX_CSV_BYTES / 1024 / 1024} MB`, errors: [] };
  const parsed = parseUserCsv(bytes);
  if (!parsed.ok) return parsed;

  const existingBefore = await usernameClashes(
    prisma,
    parsed.rows.map((r) => r.username),
  );
  const fresh = parsed.rows.filter((r) => !existingBefore.has(r.username));
  const credentials = await mapPool(fresh, HASH_CONCURRENCY, async (row) => {
    const password = temporaryPassword();
    return { row, password, passwordHash: await hashPassword(password) };
  });

  const outcome = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${BULK_IMPORT_LOCK}::bigint)`;
      // Checked again under the lock: a double submit finds the first one's users and skips them.
      const existing = await usernameClashes(
        tx,
        parsed.rows.map((r) => r.username),
      );
      const toCreate = credentials
        .filter((c) => !existing.has(c.row.username))
        .map((c) => ({ ...c, id: randomUUID() }));
      if (toCreate.length > 0) {
        await tx.user.createMany({
          data: toCreate.map((c) => ({
            id: c.id,
            username: c.row.username,
            displayName: c.row.displayName,
            passwordHash: c.passwordHash,
            role: "learner" as const,
            mustChangePassword: true,
          })),
        });
      }

      const groupNames = [...new Set(toCreate.map((c) => c.row.group).filter((g) => g !== ""))];
      // Group names are unique as the groups.name_key index compares them (NFKC, spaces, case): a
      // CSV's "ABC" joins the existing "abc" instead of failing on the index.
      const keyOf = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
      const groups = await tx.group.findMany({
        where: { nameKey: { in: groupNames.map(keyOf) } },
        orderBy: { createdAt: "asc" },
        select: { id: true, nameKey: true },
      });
      const groupId = new Map<string, string>();
      for (const g of groups) if (g.nameKey && !groupId.has(g.nameKey)) groupId.set(g.nameKey, g.id);
      const groupsCreated: string[] = [];
      for (const name of groupNames) {
        if (groupId.has(keyOf(name))) continue;
        const group = await tx.group.create({ data: { name, inviteCode: generateInviteCode() }, select: { id: true } });
        groupId.set(keyOf(name), group.id);
        groupsCreated.push(name);
      }
      const memberships = toCreate
        .filter((c) => c.row.group !== "")
        .map((c) => ({ groupId: groupId.get(keyOf(c.row.group))!, userId: c.id }));
      if (memberships.length > 0) {
        await tx.membership.createMany({ data: memberships });
        await tx.membershipEvent.createMany({ data: memberships.map((m) => ({ ...m, actorId, action: "added" })) });
      }
      return { toCreate, existing, groupsCreated };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );

  const created = outcome.toCreate.map((c) => ({ ...c.row, password: c.password }));
  const skipped = parsed.rows
    .filter((r) => outcome.existing.has(r.username))
    .map((r) => ({ line: r.line, username: r.username, reason: outcome.existing.get(r.username)! }));
  const credentialsCsv = csvRows([
    ["用户名", "姓名", "小组", "临时密码"],
    ...created.map((c) => [c.username, c.displayName, c.group, c.password]),
  ]);
  return { ok: true, created, skipped, groupsCreated: outcome.groupsCreated, credentialsCsv, ms: Date.now() - started };
}
