import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { EmptyState } from "~/components/empty-state";

export const meta: MetaFunction = () => [{ title: "今日学习 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function StudyPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">今日学习</h1>
      <EmptyState title="还没有可学习的题集">管理员发布题集后，这里会出现每日学习内容。</EmptyState>
    </div>
  );
}
