import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requestNow } from "~/clock.server";
import { MemberProgress } from "~/components/report/member-progress";
import { GroupError, groupMember, requireGroupManager } from "~/groups/groups.server";
import { memberProgressSince } from "~/groups/member-progress.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.member.displayName} 的学习进度 · 学而` : "成员进度 · 学而" },
];

const paramsSchema = z.object({ id: z.string().uuid(), userId: z.string().uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("页面不存在", { status: 404 });
  const { group } = await requireGroupManager(request, parsed.data.id);
  try {
    const member = await groupMember(group.id, parsed.data.userId);
    // Only what the member did since joining this group: their earlier history is not the group's.
    return { group, member, progress: await memberProgressSince(member.id, member.joinedAt, requestNow(request)) };
  } catch (error) {
    if (error instanceof GroupError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export default function MemberProgressPage() {
  const { group, member, progress } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <div>
        <Link to={`/groups/${group.id}/report`} className="text-sm text-stone-500 hover:text-brand-700">
          ← {group.name} 报告
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">{member.displayName} 的学习进度</h1>
        <p className="mt-1 text-xs text-stone-500">
          用户名 {member.username} · 只统计{" "}
          {new Date(progress.since).toLocaleDateString("zh-CN", { timeZone: group.timeZone })} 加入本小组以来的学习记录
          · 按成员本人的时区（{progress.timeZone}）划分学习日
        </p>
      </div>
      <MemberProgress progress={progress} />
    </div>
  );
}
