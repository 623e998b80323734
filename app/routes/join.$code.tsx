import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { GroupError, invitation, joinByCode } from "~/groups/groups.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.group ? `加入${data.group.name} · 学而` : "加入小组 · 学而" },
];

const codeSchema = z.string().trim().min(1).max(40);

/** Signed-out visitors are sent to log in (or sign up) and come back here; joining itself is a POST. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const code = codeSchema.safeParse(params.code);
  if (!code.success) return { group: null, member: false };
  return invitation(user.id, code.data);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const code = codeSchema.safeParse(params.code);
  if (!code.success) throw new Response("邀请码无效", { status: 404 });
  try {
    const { groupId } = await joinByCode(user.id, code.data);
    return redirect(`/groups/${groupId}`);
  } catch (error) {
    if (error instanceof GroupError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export default function JoinPage() {
  const { group, member } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  if (!group) {
    return (
      <div className="mx-auto max-w-md space-y-4 text-center">
        <h1 className="text-2xl font-semibold">邀请链接无效</h1>
        <p className="text-stone-600">这个邀请链接不存在或已被管理员更换，请向小组管理员索取新的链接。</p>
        <Link
          to="/groups"
          className="inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          我的小组
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md rounded-xl border border-stone-200 bg-white p-6 text-center shadow-sm">
      <p className="text-sm text-stone-500">邀请你加入小组</p>
      <h1 className="mt-1 text-2xl font-semibold">{group.name}</h1>
      {group.description ? <p className="mt-2 text-sm text-stone-600">{group.description}</p> : null}
      <p className="mt-2 text-xs text-stone-500">现有 {group.members} 名成员</p>
      {member ? (
        <Link
          to={`/groups/${group.id}`}
          className="mt-6 inline-block rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700"
        >
          你已在小组中，进入小组
        </Link>
      ) : (
        <Form method="post" className="mt-6">
          <button
            type="submit"
            disabled={navigation.state !== "idle"}
            className="rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
          >
            加入小组
          </button>
          <p className="mt-3 text-xs text-stone-500">
            加入后，小组管理员可以看到你的学习情况（复习次数、保持率、掌握度和作业成绩）。
          </p>
        </Form>
      )}
    </div>
  );
}
