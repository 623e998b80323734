import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requestNow } from "~/clock.server";
import { MemberProgress } from "~/components/report/member-progress";
import { GroupError, groupMember, requireGroupManager } from "~/groups/groups.server";
import { getProgress } from "~/study/progress.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.member.displayName} 的学习进度 · 学而` : "成员进度 · 学而" }];

const paramsSchema = z.object({ id: z.string().uuid(), userId: z.string().uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("页面不存在", { status: 404 });
  const { group } = await requireGroupManager(request, parsed.data.id);
  try {
    const member = await groupMember(group.id, parsed.data.userId);
    return { group, member, progress: await getProgress(member.id, requestNow(request)) };
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
          用户名 {member.username} · 按成员本人的时区（{progress.timeZone}）统计，与成员在“进度”页看到的一致
        </p>
      </div>
      <MemberProgress progress={progress} />
    </div>
  );
}
