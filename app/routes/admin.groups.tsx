import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ConfirmDialog } from "~/components/admin/confirm";
import { requireAdmin } from "~/auth/session.server";
import { fieldErrors, type FieldErrors } from "~/auth/validation";
import { Field, FormError } from "~/components/form";
import {
  GroupError,
  addManager,
  archiveGroup,
  createGroup,
  demoteManager,
  listGroupsForAdmin,
  renameGroup,
  restoreGroup,
} from "~/groups/groups.server";
import { requestNow } from "~/clock.server";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "~/study/day";

export const meta: MetaFunction = () => [{ title: "小组 · 管理 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { groups: await listGroupsForAdmin() };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string({ error: "请输入小组名称" }).trim().min(1, "请输入小组名称").max(60, "小组名称最多 60 个字符"),
    description: z.string().trim().max(500, "简介最多 500 个字符").default(""),
    timeZone: z.string().trim().min(1, "请输入时区").refine(isValidTimeZone, "请输入有效的时区，例如 Asia/Shanghai"),
  }),
  z.object({
    intent: z.literal("add-manager"),
    groupId: z.string().uuid(),
    username: z.string({ error: "请输入用户名" }).trim().min(1, "请输入用户名").max(64),
  }),
  z.object({ intent: z.literal("demote-manager"), groupId: z.string().uuid(), userId: z.string().uuid() }),
  z.object({
    intent: z.literal("rename"),
    groupId: z.string().uuid(),
    name: z.string({ error: "请输入小组名称" }).trim().min(1, "请输入小组名称").max(60, "小组名称最多 60 个字符"),
  }),
  z.object({ intent: z.literal("archive"), groupId: z.string().uuid() }),
  z.object({ intent: z.literal("restore"), groupId: z.string().uuid() }),
]);

interface ActionResult {
  intent: string | null;
  groupId?: string;
  errors: FieldErrors;
  message?: string;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    return data<ActionResult>(
      {
        intent: typeof form.intent === "string" ? form.intent : null,
        groupId: typeof form.groupId === "string" ? form.groupId : undefined,
        errors: fieldErrors(parsed.error),
      },
      { status: 400 },
    );
  }
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "create": {
        await createGroup({ name: input.name, description: input.description, timeZone: input.timeZone });
        return data<ActionResult>({ intent: input.intent, errors: {}, message: `已创建小组“${input.name}”` });
      }
      case "add-manager": {
        const user = await addManager(input.groupId, input.username, admin.id);
        return data<ActionResult>({
          intent: input.intent,
          groupId: input.groupId,
          errors: {},
          message: `${user.displayName} 已成为小组管理员`,
        });
      }
      case "demote-manager":
        await demoteManager(input.groupId, input.userId, admin.id);
        return data<ActionResult>({
          intent: input.intent,
          groupId: input.groupId,
          errors: {},
          message: "已取消管理员身份（仍是小组成员）",
        });
      case "rename": {
        const renamed = await renameGroup(input.groupId, input.name);
        return data<ActionResult>({
          intent: input.intent,
          groupId: input.groupId,
          errors: {},
          message: `已改名为“${renamed.name}”`,
        });
      }
      case "archive":
        await archiveGroup(input.groupId, requestNow(request, context));
        return data<ActionResult>({
          intent: input.intent,
          groupId: input.groupId,
          errors: {},
          message: "已归档：邀请码停用，进行中的作业已撤回，历史和报告保留",
        });
      case "restore":
        await restoreGroup(input.groupId);
        return data<ActionResult>({
          intent: input.intent,
          groupId: input.groupId,
          errors: {},
          message: "已恢复小组；需要时请重新发布题集给它",
        });
    }
  } catch (error) {
    if (error instanceof GroupError)
      return data<ActionResult>(
        {
          intent: input.intent,
          groupId: "groupId" in input ? input.groupId : undefined,
          errors: { form: error.message },
        },
        { status: error.status },
      );
    throw error;
  }
}

export default function AdminGroupsPage() {
  const { groups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const createErrors = result?.intent === "create" ? result.errors : {};
  const createForm = useRef<HTMLFormElement>(null);
  // After a group is created the form empties: a second click cannot create it twice.
  useEffect(() => {
    if (result?.intent === "create" && result.message && Object.keys(result.errors).length === 0)
      createForm.current?.reset();
  }, [result]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">小组</h1>
        <p className="mt-1 text-sm text-stone-600">
          创建小组并指定组织管理员；管理员通过邀请码邀请成员、查看小组报告。
        </p>
      </div>

      <Form
        ref={createForm}
        method="post"
        className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-3"
        noValidate
        aria-label="创建小组"
      >
        <input type="hidden" name="intent" value="create" />
        <Field label="小组名称" name="name" required error={createErrors.name} />
        <Field
          label="时区"
          name="timeZone"
          defaultValue={DEFAULT_TIME_ZONE}
          required
          error={createErrors.timeZone}
          hint="学习日从当地 04:00 起算"
        />
        <Field label="简介（可选）" name="description" error={createErrors.description} />
        <div className="sm:col-span-3 flex items-center gap-3">
          <button
            type="submit"
            disabled={busy}
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
          >
            创建小组
          </button>
          {result?.intent === "create" && result.message ? (
            <p role="status" className="text-sm text-teal-700">
              {result.message}
            </p>
          ) : null}
          {createErrors.form ? <FormError message={createErrors.form} /> : null}
        </div>
      </Form>

      {groups.length === 0 ? (
        <p className="text-sm text-stone-500">还没有小组。</p>
      ) : (
        <ul className="space-y-3">
          {groups.map((group) => {
            const mine = result?.groupId === group.id ? result : null;
            return (
              <li key={group.id} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h2 className="font-semibold">
                      <Link to={`/groups/${group.id}`} className="hover:text-brand-700">
                        {group.name}
                      </Link>
                      {group.archivedAt ? (
                        <span className="ml-2 text-xs font-normal text-stone-500">已归档</span>
                      ) : null}
                    </h2>
                    <p className="text-xs text-stone-500">
                      {group.members} 名成员 · {group.assignments} 项作业 · 时区 {group.timeZone} · 邀请码{" "}
                      <span className="font-mono">{group.inviteCode}</span>
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <Link
                      to={`/groups/${group.id}/report`}
                      className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:border-brand-600"
                    >
                      小组报告
                    </Link>
                    {group.archivedAt ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="restore" />
                        <input type="hidden" name="groupId" value={group.id} />
                        <button
                          type="submit"
                          disabled={busy}
                          className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:border-brand-600"
                        >
                          恢复
                        </button>
                      </Form>
                    ) : (
                      <ConfirmDialog
                        label="归档"
                        ariaLabel={`归档小组 ${group.name}`}
                        triggerClassName="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:border-red-500 hover:text-red-700"
                        title={`归档小组“${group.name}”？`}
                        confirmLabel="确认归档"
                        fields={[
                          ["intent", "archive"],
                          ["groupId", group.id],
                        ]}
                        disabled={busy}
                      >
                        归档后邀请码停用，成员的小组页不再显示它，进行中的作业会撤回；成员、学习记录和报告都保留，之后可以恢复。
                      </ConfirmDialog>
                    )}
                  </div>
                </div>
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-stone-500 hover:text-brand-700">重命名</summary>
                  <Form method="post" className="mt-2 flex max-w-md gap-2">
                    <input type="hidden" name="intent" value="rename" />
                    <input type="hidden" name="groupId" value={group.id} />
                    <label className="sr-only" htmlFor={`rename-${group.id}`}>
                      新名称
                    </label>
                    <input
                      id={`rename-${group.id}`}
                      name="name"
                      defaultValue={group.name}
                      key={group.name}
                      maxLength={60}
                      className="block w-full min-w-0 rounded-lg border border-stone-300 px-3 py-1.5 text-sm shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
                    />
                    <button
                      type="submit"
                      disabled={busy}
                      className="shrink-0 rounded-lg border border-stone-300 px-3 py-1.5 text-sm hover:border-brand-600"
                    >
                      保存名称
                    </button>
                  </Form>
                </details>
                <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
                  <span className="text-stone-500">组织管理员：</span>
                  {group.managers.length === 0 ? <span className="text-stone-400">尚未指定</span> : null}
                  {group.managers.map((manager) => (
                    <span
                      key={manager.id}
                      className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2.5 pr-1 text-brand-800"
                    >
                      {manager.displayName}
                      <ConfirmDialog
                        label="×"
                        ariaLabel={`取消 ${manager.displayName} 的管理员身份`}
                        triggerClassName="rounded-full px-1.5 text-brand-700 hover:bg-brand-100"
                        title={`取消 ${manager.displayName} 的组织管理员身份？`}
                        confirmLabel="确认取消"
                        fields={[
                          ["intent", "demote-manager"],
                          ["groupId", group.id],
                          ["userId", manager.id],
                        ]}
                        disabled={busy}
                      >
                        {manager.displayName} 将不能再查看“{group.name}
                        ”的报告、导出成绩或管理成员，但仍是该小组的成员。之后可以重新设为管理员。
                      </ConfirmDialog>
                    </span>
                  ))}
                </div>
                <Form method="post" className="mt-2 flex max-w-md gap-2">
                  <input type="hidden" name="intent" value="add-manager" />
                  <input type="hidden" name="groupId" value={group.id} />
                  <label className="sr-only" htmlFor={`manager-${group.id}`}>
                    管理员用户名
                  </label>
                  <input
                    id={`manager-${group.id}`}
                    name="username"
                    placeholder="用户名"
                    className="block w-full min-w-0 rounded-lg border border-stone-300 px-3 py-1.5 text-sm shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
                  />
                  <button
                    type="submit"
                    disabled={busy}
                    className="shrink-0 rounded-lg border border-stone-300 px-3 py-1.5 text-sm hover:border-brand-600"
                  >
                    设为管理员
                  </button>
                </Form>
                {mine ? (
                  <div className="mt-2">
                    {mine.errors.form || mine.errors.username || mine.errors.name ? (
                      <FormError message={mine.errors.form ?? mine.errors.username ?? mine.errors.name} />
                    ) : (
                      <p role="status" className="text-sm text-teal-700">
                        {mine.message}
                      </p>
                    )}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
