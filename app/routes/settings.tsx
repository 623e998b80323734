import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { countActiveSessions, updateDisplayName } from "~/auth/profile.server";
import { requireUser } from "~/auth/session.server";
import { displayNameSchema, fieldErrors, type FieldErrors } from "~/auth/validation";
import { Field } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "设置 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user, sessions: await countActiveSessions(user.id) };
}

const profileSchema = z.object({ displayName: displayNameSchema.min(1, "请输入姓名") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = profileSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as FieldErrors, saved: false }, { status: 400 });
  await updateDisplayName(user.id, parsed.data.displayName);
  return { errors: {} as FieldErrors, saved: true };
}

export default function SettingsPage() {
  const { user, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">设置</h1>
      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">个人资料</h2>
        <p className="mt-1 text-sm text-stone-600">用户名：{user.username}</p>
        <Form method="post" className="mt-4 space-y-3">
          <Field label="姓名" name="displayName" defaultValue={user.displayName} error={actionData?.errors.displayName} />
          <div className="flex items-center gap-3">
            <button type="submit" disabled={navigation.state === "submitting"} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70">
              保存
            </button>
            {actionData?.saved ? <span role="status" className="text-sm text-green-700">已保存</span> : null}
          </div>
        </Form>
      </section>
      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">登录设备</h2>
        <p className="mt-1 text-sm text-stone-600">当前共有 {sessions} 个有效登录。如果在公共电脑上忘记退出，可以退出所有设备。</p>
        <Form
          method="post"
          action="/logout"
          className="mt-4"
          onSubmit={(event) => {
            if (!window.confirm("确定要退出所有设备吗？包括当前设备在内都需要重新登录。")) event.preventDefault();
          }}
        >
          <input type="hidden" name="scope" value="everywhere" />
          <button type="submit" className="rounded-lg border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50">
            退出所有设备
          </button>
        </Form>
      </section>
    </div>
  );
}
