import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { EmptyState } from "~/components/empty-state";

export const meta: MetaFunction = () => [{ title: "我的小组 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function GroupsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">我的小组</h1>
      <EmptyState title="你还没有加入任何小组">请向小组管理员索取邀请链接。</EmptyState>
    </div>
  );
}
