import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { changeRole, listUsers, resetPassword, setActive } from "~/admin/users.server";
import { requireAdmin } from "~/auth/session.server";
import { ConfirmAction, ConfirmDialog } from "~/components/admin/confirm";
import { formatDateTime } from "~/components/admin/format";
import { Pagination } from "~/components/admin/pagination";
import { Badge, Notice, buttonClass } from "~/components/admin/ui";
import { EmptyState } from "~/components/empty-state";

export const meta: MetaFunction = () => [{ title: "用户管理 · 学而" }];

const querySchema = z.object({
  q: z.string().trim().max(64).catch(""),
  page: z.coerce.number().int().min(1).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { q, page } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...(await listUsers({ q, page })), q, me: admin.id };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), userId: z.uuid(), role: z.enum(["learner", "admin"]) }),
  z.object({ intent: z.literal("reset"), userId: z.uuid() }),
  z.object({ intent: z.literal("deactivate"), userId: z.uuid() }),
  z.object({ intent: z.literal("reactivate"), userId: z.uuid() }),
]);

type ActionResult = {
  ok: boolean;
  message: string;
  credentials?: { username: string; displayName: string; password: string };
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data<ActionResult>({ ok: false, message: "无法识别的操作，请刷新页面后重试。" }, { status: 400 });
  const input = parsed.data;
  let result: ActionResult;
  switch (input.intent) {
    case "role":
      result = await changeRole(admin.id, input.userId, input.role);
      break;
    case "deactivate":
    case "reactivate":
      result = await setActive(admin.id, input.userId, input.intent === "reactivate");
      break;
    case "reset": {
      const reset = await resetPassword(input.userId);
      result = reset.ok
        ? {
            ok: true,
            message: `已为 ${reset.displayName} 生成临时密码，原有登录已失效。`,
            credentials: { username: reset.username, displayName: reset.displayName, password: reset.password },
          }
        : reset;
      break;
    }
  }
  // Private: a temporary password must not be kept by any cache on the way.
  return data<ActionResult>(result, { status: result.ok ? 200 : 400, headers: { "Cache-Control": "no-store" } });
}

export default function AdminUsers() {
  const { users, total, page, pages, q, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const pendingUser = navigation.state === "submitting" ? navigation.formData?.get("userId") : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">用户</h1>
          <p className="mt-1 text-sm text-stone-600">{q ? `“${q}”的搜索结果：${total} 人` : `共 ${total} 人`}</p>
        </div>
        <Link to="/admin/users/import" className={buttonClass("primary")}>
          批量导入（CSV）
        </Link>
      </div>

      <Form method="get" role="search" className="flex gap-2">
        <label htmlFor="user-search" className="sr-only">
          搜索用户
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="用户名或姓名"
          className="block w-full max-w-sm rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
        />
        <button type="submit" className={buttonClass("secondary")}>
          搜索
        </button>
      </Form>

      {actionData ? (
        <Notice tone={actionData.ok ? "success" : "error"}>
          <p>{actionData.message}</p>
          {actionData.credentials ? (
            <p className="mt-1">
              用户名 <strong>{actionData.credentials.username}</strong> 的临时密码：
              <code
                className="ml-1 select-all rounded bg-white px-1.5 py-0.5 font-mono text-base text-stone-900"
                data-testid="temporary-password"
              >
                {actionData.credentials.password}
              </code>
              <span className="ml-2 text-xs">只显示这一次，请立即转交本人；对方登录后须先修改密码才能继续使用。</span>
            </p>
          ) : null}
        </Notice>
      ) : null}

      {users.length === 0 ? (
        <EmptyState title={q ? "没有找到用户" : "还没有用户"}>
          {q ? "换个关键词试试。" : "学员注册或批量导入后会出现在这里。"}
        </EmptyState>
      ) : (
        <section aria-labelledby="users-title" className="rounded-xl border border-stone-200 bg-white shadow-sm">
          <h2 id="users-title" className="sr-only">
            用户列表
          </h2>
          <ul className="divide-y divide-stone-100">
            {users.map((user) => {
              const self = user.id === me;
              const busy = pendingUser === user.id;
              return (
                <li
                  key={user.id}
                  className={`flex flex-col gap-2 px-4 py-3 lg:flex-row lg:items-center lg:justify-between ${user.deactivatedAt ? "bg-stone-50" : ""}`}
                  data-testid="user-row"
                >
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-1.5">
                      <span className="font-medium">{user.displayName}</span>
                      <span className="text-sm text-stone-500">{user.username}</span>
                      {user.role === "admin" ? <Badge color="blue">管理员</Badge> : null}
                      {user.deactivatedAt ? <Badge color="red">已停用</Badge> : null}
                      {self ? <Badge>我</Badge> : null}
                    </div>
                    <p className="mt-0.5 text-xs text-stone-500">
                      注册于 {formatDateTime(user.createdAt)}
                      {user.groups.length > 0 ? ` · ${user.groups.join("、")}` : ""}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {self ? (
                      <span className="text-xs text-stone-500" title="不能修改自己的角色">
                        {user.role === "admin" ? "管理员（本人）" : "学员（本人）"}
                      </span>
                    ) : user.role === "admin" ? (
                      <ConfirmDialog
                        label="改为学员"
                        triggerClassName={buttonClass("secondary", "sm")}
                        title={`将 ${user.displayName} 改为学员？`}
                        confirmLabel="确认改为学员"
                        fields={[
                          ["intent", "role"],
                          ["userId", user.id],
                          ["role", "learner"],
                        ]}
                        disabled={busy}
                      >
                        {user.displayName}（{user.username}
                        ）将立即失去管理后台的全部权限：审核题目、发布题集、管理用户和小组。其学习记录不受影响。
                      </ConfirmDialog>
                    ) : (
                      <ConfirmDialog
                        label="设为管理员"
                        triggerClassName={buttonClass("secondary", "sm")}
                        title={`将 ${user.displayName} 设为管理员？`}
                        confirmLabel="确认设为管理员"
                        fields={[
                          ["intent", "role"],
                          ["userId", user.id],
                          ["role", "admin"],
                        ]}
                        disabled={busy}
                      >
                        管理员可以审核和修改所有题目、发布题集、重置任何用户的密码、停用账号、管理所有小组。请确认{" "}
                        {user.displayName}（{user.username}）应获得这些权限。
                      </ConfirmDialog>
                    )}
                    <ConfirmAction
                      label="重置密码"
                      confirmLabel="生成临时密码"
                      intent="reset"
                      fields={{ userId: user.id }}
                      variant="secondary"
                      pending={busy}
                    >
                      为 {user.displayName}（{user.username}
                      ）生成一个临时密码？原密码立即失效，该用户的所有登录都会退出。
                    </ConfirmAction>
                    {user.deactivatedAt ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="reactivate" />
                        <input type="hidden" name="userId" value={user.id} />
                        <button type="submit" disabled={busy} className={buttonClass("secondary", "sm")}>
                          恢复账号
                        </button>
                      </Form>
                    ) : self ? null : (
                      <ConfirmAction
                        label="停用"
                        confirmLabel="确认停用"
                        intent="deactivate"
                        fields={{ userId: user.id }}
                        pending={busy}
                      >
                        停用 {user.displayName}（{user.username}
                        ）？其所有登录立即失效，之后无法登录；学习记录和成绩保留，可随时恢复。
                      </ConfirmAction>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <Pagination page={page} pages={pages} search={params} />
    </div>
  );
}
