import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { FormError } from "~/components/form";
import { ResultBadge, Section, wallClock } from "~/components/report/format";
import {
  GroupError,
  groupAccess,
  groupAssignmentsFor,
  inviteMember,
  leaderboard,
  leaveGroup,
  listMembers,
  regenerateInviteCode,
  removeMember,
  setLeaderboard,
} from "~/groups/groups.server";
import { percent } from "~/study/progress";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} · 学而` : "小组 · 学而" },
];

const idSchema = z.string().uuid();
const metricSchema = z.enum(["reviews", "mastery"]).catch("reviews");

async function access(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  const id = idSchema.safeParse(rawId);
  if (!id.success) throw new Response("小组不存在", { status: 404 });
  try {
    return { user, ...(await groupAccess(user, id.data)) };
  } catch (error) {
    if (error instanceof GroupError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, group, role, canManage } = await access(request, params.id);
  const now = requestNow(request);
  const metric = metricSchema.parse(new URL(request.url).searchParams.get("rank") ?? undefined);
  const [assignments, ranking, members] = await Promise.all([
    groupAssignmentsFor(user.id, group.id, now),
    leaderboard(group.id, metric, now),
    canManage ? listMembers(group.id) : Promise.resolve(null),
  ]);
  const origin = new URL(request.url).origin;
  return {
    group: {
      id: group.id,
      name: group.name,
      description: group.description,
      timeZone: group.timeZone,
      leaderboardEnabled: group.leaderboardEnabled,
    },
    role,
    canManage,
    userId: user.id,
    assignments,
    metric,
    ranking,
    // The invite code is for managers only: a member passing it on would let anyone in.
    invite: canManage ? { code: group.inviteCode, link: `${origin}/join/${group.inviteCode}` } : null,
    members,
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    username: z.string({ error: "请输入用户名" }).trim().min(1, "请输入用户名").max(64, "用户名最多 64 个字符"),
  }),
  z.object({ intent: z.literal("remove-member"), userId: z.string().uuid() }),
  z.object({ intent: z.literal("regenerate-invite") }),
  z.object({ intent: z.literal("leaderboard"), enabled: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("leave") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group, role, canManage } = await access(request, params.id);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ intent: null, error: parsed.error.issues[0]?.message ?? "请求无效", message: null }, { status: 400 });
  const form = parsed.data;
  if (form.intent === "leave") {
    if (role !== "member")
      return data(
        { intent: form.intent, error: "小组管理员不能自行退出，请联系系统管理员", message: null },
        { status: 400 },
      );
    await leaveGroup(group.id, user.id);
    return redirect("/groups");
  }
  if (!canManage) throw new Response("只有小组管理员可以管理成员", { status: 403 });
  try {
    switch (form.intent) {
      case "invite":
        return data({
          intent: form.intent,
          error: null,
          message: await inviteMember(group.id, form.username, user.id),
        });
      case "remove-member":
        await removeMember(group.id, form.userId, user.id);
        return data({ intent: form.intent, error: null, message: "已移出小组" });
      case "regenerate-invite":
        await regenerateInviteCode(group.id);
        return data({ intent: form.intent, error: null, message: "已生成新的邀请码，旧的邀请码和链接已失效" });
      case "leaderboard":
        await setLeaderboard(group.id, form.enabled === "on");
        return data({
          intent: form.intent,
          error: null,
          message: form.enabled === "on" ? "已开启排行榜" : "已关闭排行榜",
        });
    }
  } catch (error) {
    if (error instanceof GroupError)
      return data({ intent: form.intent, error: error.message, message: null }, { status: error.status });
    throw error;
  }
}

function Leaderboard() {
  const { ranking, metric, userId } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  if (!ranking) return null;
  const top = ranking.slice(0, 20);
  const mine = ranking.find((entry) => entry.userId === userId);
  const tab = (value: "reviews" | "mastery", label: string) => {
    const next = new URLSearchParams(searchParams);
    next.set("rank", value);
    return (
      <Link
        to={`?${next}`}
        preventScrollReset
        aria-current={metric === value ? "page" : undefined}
        className={`rounded-md px-2.5 py-1 text-xs font-medium ${metric === value ? "bg-brand-50 text-brand-700" : "text-stone-600 hover:bg-stone-100"}`}
      >
        {label}
      </Link>
    );
  };
  return (
    <Section
      id="leaderboard"
      title="排行榜"
      subtitle={metric === "reviews" ? "近 7 个学习日的复习次数" : "当前已掌握考点的比例"}
      actions={
        <>
          {tab("reviews", "本周复习")}
          {tab("mastery", "掌握度")}
        </>
      }
    >
      {top.length === 0 ? (
        <p className="text-sm text-stone-500">还没有成员。</p>
      ) : (
        <ol className="divide-y divide-stone-100">
          {top.map((entry) => (
            <li
              key={entry.userId}
              className={`flex items-center gap-3 py-2 ${entry.userId === userId ? "font-semibold text-brand-700" : ""}`}
            >
              <span className="w-6 text-right tabular-nums text-stone-500">{entry.rank}</span>
              <span className="min-w-0 flex-1 truncate">{entry.displayName}</span>
              <span className="tabular-nums">{metric === "reviews" ? `${entry.value} 次` : percent(entry.value)}</span>
            </li>
          ))}
        </ol>
      )}
      {mine && mine.rank > 20 ? <p className="mt-2 text-sm text-stone-600">你的排名：第 {mine.rank} 名</p> : null}
    </Section>
  );
}

function Management() {
  const { invite, members, group, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // The invitation went out (or the same words say it did): the field is ready for the next name.
  const inviteForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (actionData?.intent === "invite" && !actionData.error && navigation.state === "idle")
      inviteForm.current?.reset();
  }, [actionData, navigation.state]);
  if (!invite || !members) return null;
  const busy = navigation.state !== "idle";
  const feedback = (intent: string) =>
    actionData?.intent === intent ? (
      actionData.error ? (
        <FormError message={actionData.error} />
      ) : (
        <p role="status" className="text-sm text-teal-700">
          {actionData.message}
        </p>
      )
    ) : null;
  return (
    <>
      <Section id="invite" title="邀请成员" subtitle="把邀请链接或邀请码发给成员，登录后即可加入。">
        <dl className="grid gap-3 sm:grid-cols-[auto_1fr] sm:items-center">
          <dt className="text-sm text-stone-500">邀请码</dt>
          <dd className="font-mono text-xl tracking-widest" data-testid="invite-code">
            {invite.code}
          </dd>
          <dt className="text-sm text-stone-500">邀请链接</dt>
          <dd className="min-w-0 break-all">
            <a href={invite.link} className="text-sm text-brand-700 hover:underline" data-testid="invite-link">
              {invite.link}
            </a>
          </dd>
        </dl>
        <Form
          method="post"
          className="mt-3"
          onSubmit={(event) =>
            !confirm("生成新邀请码后，旧的邀请码和链接将立即失效。确定吗？") && event.preventDefault()
          }
        >
          <input type="hidden" name="intent" value="regenerate-invite" />
          <button
            type="submit"
            disabled={busy}
            className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:border-brand-600"
          >
            重新生成邀请码
          </button>
        </Form>
        <div className="mt-2">{feedback("regenerate-invite")}</div>
      </Section>

      <Section id="members" title="成员管理" subtitle={`${members.filter((m) => m.role === "member").length} 名成员`}>
        <p className="mb-2 text-sm text-stone-600">按用户名邀请：对方在首页或“我的小组”中接受邀请后才会成为成员。</p>
        <Form method="post" className="flex gap-2" ref={inviteForm}>
          <input type="hidden" name="intent" value="invite" />
          <label htmlFor="invite-username" className="sr-only">
            用户名
          </label>
          <input
            id="invite-username"
            name="username"
            placeholder="输入用户名邀请成员"
            autoComplete="off"
            className="block w-full min-w-0 rounded-lg border border-stone-300 px-3 py-2 shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
          />
          <button
            type="submit"
            disabled={busy}
            className="shrink-0 rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70"
          >
            邀请
          </button>
        </Form>
        <div className="mt-2">
          {feedback("invite")}
          {feedback("remove-member")}
        </div>
        <ul className="mt-3 max-h-96 divide-y divide-stone-100 overflow-y-auto">
          {members.map((member) => (
            <li key={member.id} className="flex items-center justify-between gap-3 py-2">
              <div className="min-w-0">
                <Link to={`/groups/${group.id}/members/${member.id}`} className="font-medium hover:text-brand-700">
                  {member.displayName}
                </Link>
                <span className="ml-2 text-xs text-stone-500">{member.username}</span>
                {member.role === "manager" ? (
                  <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">管理员</span>
                ) : null}
              </div>
              {member.role === "member" && member.id !== userId ? (
                <Form
                  method="post"
                  onSubmit={(event) => !confirm(`确定将 ${member.displayName} 移出小组吗？`) && event.preventDefault()}
                >
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="userId" value={member.id} />
                  <button
                    type="submit"
                    disabled={busy}
                    className="rounded-md px-2 py-1 text-sm text-stone-500 hover:bg-red-50 hover:text-red-700"
                  >
                    移出
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section
        id="leaderboard-setting"
        title="排行榜设置"
        subtitle="排行榜默认关闭。开启后，所有成员都能看到按复习次数或掌握度的排名。"
      >
        <Form method="post" className="flex items-center gap-3">
          <input type="hidden" name="intent" value="leaderboard" />
          <input type="hidden" name="enabled" value={group.leaderboardEnabled ? "off" : "on"} />
          <span className="text-sm">当前：{group.leaderboardEnabled ? "已开启" : "已关闭"}</span>
          <button
            type="submit"
            disabled={busy}
            className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:border-brand-600"
          >
            {group.leaderboardEnabled ? "关闭排行榜" : "开启排行榜"}
          </button>
        </Form>
        <div className="mt-2">{feedback("leaderboard")}</div>
      </Section>
    </>
  );
}

export default function GroupPage() {
  const { group, assignments, role, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <Link to="/groups" className="text-sm text-stone-500 hover:text-brand-700">
            ← 我的小组
          </Link>
          <h1 className="mt-1 text-2xl font-semibold">{group.name}</h1>
          {group.description ? <p className="mt-1 text-sm text-stone-600">{group.description}</p> : null}
        </div>
        {canManage ? (
          <Link
            to={`/groups/${group.id}/report`}
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            查看小组报告
          </Link>
        ) : null}
      </div>

      <Section id="assignments" title="作业" subtitle={`截止时间按小组时区（${group.timeZone}）显示`}>
        {assignments.length === 0 ? (
          <p className="text-sm text-stone-500">暂时没有作业。</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {assignments.map((assignment) => (
              <li key={assignment.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <div className="min-w-0">
                  <Link to={`/sets/${assignment.setId}`} className="font-medium hover:text-brand-700">
                    {assignment.title}
                  </Link>
                  <p className={`text-xs ${assignment.overdue ? "text-red-600" : "text-stone-500"}`}>
                    {assignment.dueAt ? `截止 ${wallClock(assignment.dueAt, group.timeZone)}` : "不限截止时间"}
                  </p>
                </div>
                {role === "member" ? <ResultBadge result={assignment.result} overdue={assignment.overdue} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Leaderboard />
      <Management />

      {role === "member" ? (
        <Form
          method="post"
          onSubmit={(event) => !confirm("确定退出这个小组吗？") && event.preventDefault()}
          className="text-right"
        >
          <input type="hidden" name="intent" value="leave" />
          <button type="submit" className="text-sm text-stone-500 hover:text-red-700">
            退出小组
          </button>
        </Form>
      ) : null}
    </div>
  );
}
