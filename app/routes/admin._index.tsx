import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDashboardCounts } from "~/admin/dashboard.server";
import { requireAdmin } from "~/auth/session.server";

export const meta: MetaFunction = () => [{ title: "管理 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return getDashboardCounts();
}

export default function AdminDashboard() {
  const counts = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">管理</h1>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <div className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-stone-500">用户</dt>
          <dd className="mt-1 text-2xl font-semibold">{counts.users}</dd>
        </div>
        <div className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-stone-500">管理员</dt>
          <dd className="mt-1 text-2xl font-semibold">{counts.admins}</dd>
        </div>
      </dl>
    </div>
  );
}
