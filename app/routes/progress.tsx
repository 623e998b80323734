import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { EmptyState } from "~/components/empty-state";

export const meta: MetaFunction = () => [{ title: "学习进度 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function ProgressPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">学习进度</h1>
      <EmptyState title="还没有学习记录">
        完成第一次<Link to="/study" className="text-brand-700 hover:underline">今日学习</Link>后，这里会显示连续天数和掌握情况。
      </EmptyState>
    </div>
  );
}
