import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { EmptyState } from "~/components/empty-state";
import { FormError } from "~/components/form";
import { ResultBadge, wallClock } from "~/components/report/format";
import {
  GroupError,
  acceptInvitation,
  declineInvitation,
  joinByCode,
  listMyGroups,
  listMyInvitations,
} from "~/groups/groups.server";
import { InvitationList } from "~/groups/invitations";

export const meta: MetaFunction = () => [{ title: "我的小组 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [groups, invitations] = await Promise.all([
    listMyGroups(user.id, requestNow(request)),
    listMyInvitations(user.id),
  ]);
  return { groups, invitations };
}

const joinSchema = z.object({
  code: z.string({ error: "请输入邀请码" }).trim().min(1, "请输入邀请码").max(40, "邀请码无效"),
});
const invitationSchema = z.object({
  intent: z.enum(["accept-invitation", "decline-invitation"]),
  groupId: z.string().uuid("邀请不存在或已失效。"),
  back: z.enum(["home", "groups"]).catch("groups"),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const fields = Object.fromEntries(await request.formData());
  const about = fields.intent === "accept-invitation" || fields.intent === "decline-invitation" ? "invitation" : "join";
  try {
    // Invitations are answered by the invited user only: the session decides whose invitation it is.
    if (about === "invitation") {
      const invitation = invitationSchema.safeParse(fields);
      if (!invitation.success)
        return data({ about, error: invitation.error.issues[0]?.message ?? "请求无效" }, { status: 400 });
      if (invitation.data.intent === "accept-invitation") {
        await acceptInvitation(user.id, invitation.data.groupId);
        return redirect(`/groups/${invitation.data.groupId}`);
      }
      await declineInvitation(user.id, invitation.data.groupId);
      return redirect(invitation.data.back === "home" ? "/" : "/groups");
    }
    const parsed = joinSchema.safeParse(fields);
    if (!parsed.success)
      return data({ about, error: parsed.error.issues[0]?.message ?? "请输入邀请码" }, { status: 400 });
    const { groupId } = await joinByCode(user.id, parsed.data.code);
    return redirect(`/groups/${groupId}`);
  } catch (error) {
    if (error instanceof GroupError) return data({ about, error: error.message }, { status: error.status });
    throw error;
  }
}

function JoinForm() {
  const result = useActionData<typeof action>();
  const actionData = result?.about === "join" ? result : undefined;
  const navigation = useNavigation();
  return (
    <Form method="post" className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm" noValidate>
      <label htmlFor="join-code" className="block text-sm font-medium text-stone-700">
        用邀请码加入小组
      </label>
      <div className="mt-2 flex gap-2">
        <input
          id="join-code"
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          placeholder="例如 7KQ2MXPA"
          aria-invalid={actionData?.error ? true : undefined}
          className="block w-full min-w-0 rounded-lg border border-stone-300 bg-white px-3 py-2 font-mono uppercase tracking-widest shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
        />
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="shrink-0 rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
        >
          加入
        </button>
      </div>
      <div className="mt-2">
        <FormError message={actionData?.error} />
      </div>
    </Form>
  );
}

export default function GroupsPage() {
  const { groups, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">我的小组</h1>
        <p className="mt-1 text-sm text-stone-600">小组布置的作业、截止时间和你的完成情况。</p>
      </div>
      <InvitationList invitations={invitations} back="groups" />
      {actionData?.about === "invitation" ? <FormError message={actionData.error} /> : null}
      {groups.length === 0 && invitations.length === 0 ? (
        <EmptyState title="你还没有加入任何小组">
          请向小组管理员索取邀请码或邀请链接，或请对方按你的用户名发出邀请。
        </EmptyState>
      ) : null}
      <ul className="space-y-4">
        {groups.map((group) => (
          <li key={group.id} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h2 className="text-lg font-semibold">
                  <Link to={`/groups/${group.id}`} className="hover:text-brand-700">
                    {group.name}
                  </Link>
                </h2>
                <p className="text-xs text-stone-500">
                  {group.members} 名成员{group.role === "manager" ? " · 你是小组管理员" : ""}
                </p>
              </div>
              {group.role === "manager" ? (
                <Link
                  to={`/groups/${group.id}/report`}
                  className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                >
                  查看报告
                </Link>
              ) : null}
            </div>
            {group.assignments.length === 0 ? (
              <p className="mt-3 text-sm text-stone-500">暂时没有作业。</p>
            ) : (
              <ul className="mt-3 divide-y divide-stone-100">
                {group.assignments.map((assignment) => (
                  <li key={assignment.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                    <div className="min-w-0">
                      <Link
                        to={`/sets/${assignment.setId}`}
                        className="font-medium text-stone-900 hover:text-brand-700"
                      >
                        {assignment.title}
                      </Link>
                      <p className={`text-xs ${assignment.overdue ? "text-red-600" : "text-stone-500"}`}>
                        {assignment.dueAt ? `截止 ${wallClock(assignment.dueAt, group.timeZone)}` : "不限截止时间"}
                      </p>
                    </div>
                    <ResultBadge result={assignment.result} overdue={assignment.overdue} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <JoinForm />
    </div>
  );
}
