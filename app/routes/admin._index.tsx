import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDashboardPage } from "~/admin/dashboard.server";
import { requireAdmin } from "~/auth/session.server";
import { formatDateTime, STATUS_LABELS } from "~/components/admin/labels";
import { EmptyState } from "~/components/empty-state";
import { StatCard } from "~/components/stat-card";
import { importSourceLabel, type ImportStatus } from "~/vocabulary";
import { KIND_LABELS } from "~/study/labels";

export const meta: MetaFunction = () => [{ title: "管理 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return getDashboardPage();
}

const STATUSES = ["draft", "approved", "rejected", "retired"] as const;
const KINDS = ["phrase", "target", "provision"] as const;

const RUN_TONE: Record<ImportStatus, string> = {
  queued: "bg-amber-50 text-amber-800",
  running: "bg-amber-50 text-amber-800",
  done: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-700",
  interrupted: "bg-red-50 text-red-700",
};

export default function AdminDashboard() {
  const data = useLoaderData<typeof loader>();
  const { byStatus, byKind } = data.questions;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">管理</h1>
        {byStatus.draft > 0 ? (
          <Link
            to="/admin/questions"
            className="rounded-lg bg-brand-600 px-2 py-2 sm:px-4 text-sm font-medium text-white hover:bg-brand-700"
          >
            审核 {byStatus.draft} 道待审核题目
          </Link>
        ) : null}
      </div>

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <StatCard label="文档" value={data.documents} to="/admin/documents" />
        <StatCard label="待审核题目" value={byStatus.draft} to="/admin/questions" />
        <StatCard label="已批准题目" value={byStatus.approved} to="/admin/questions?status=approved" />
        <StatCard
          label="待处理反馈"
          value={data.openFlags.flags}
          to="/admin/flags"
          note={`涉及 ${data.openFlags.questions} 道题`}
        />
        <StatCard label="已发布题集" value={data.publishedSets} to="/admin/sets" />
        <StatCard label="用户" value={data.users} to="/admin/users" note={`其中管理员 ${data.admins} 人`} />
      </div>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">题目（共 {data.questions.total.toLocaleString("zh-CN")} 道）</h2>
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">按考点类型和状态统计的题目数，点击数字进入对应的审核队列</caption>
            <thead className="bg-stone-50 text-left text-stone-500">
              <tr>
                <th scope="col" className="px-2 py-2 sm:px-4 font-medium">
                  考点类型
                </th>
                {STATUSES.map((status) => (
                  <th key={status} scope="col" className="px-2 py-2 sm:px-4 text-right font-medium">
                    {STATUS_LABELS[status]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row" className="px-2 py-2 sm:px-4 text-left font-medium">
                    {KIND_LABELS[kind]}
                  </th>
                  {STATUSES.map((status) => (
                    <td key={status} className="px-2 py-2 sm:px-4 text-right tabular-nums">
                      {byKind[kind][status] > 0 ? (
                        <Link
                          to={`/admin/questions?kind=${kind}${status === "draft" ? "" : `&status=${status}`}`}
                          className="text-brand-700 hover:underline"
                        >
                          {byKind[kind][status]}
                        </Link>
                      ) : (
                        <span className="text-stone-400">0</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="bg-stone-50 font-medium">
                <th scope="row" className="px-2 py-2 sm:px-4 text-left">
                  合计
                </th>
                {STATUSES.map((status) => (
                  <td key={status} className="px-2 py-2 sm:px-4 text-right tabular-nums">
                    <Link
                      to={`/admin/questions${status === "draft" ? "" : `?status=${status}`}`}
                      className="text-brand-700 hover:underline"
                    >
                      {byStatus[status]}
                    </Link>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section className="space-y-3">
        <div className="flex items-baseline justify-between gap-3">
          <h2 className="text-lg font-semibold">最近导入</h2>
          <Link to="/admin/documents" className="text-sm text-brand-700 hover:underline">
            导入文档
          </Link>
        </div>
        {data.recentImports.length === 0 ? (
          <EmptyState title="还没有导入记录">
            上传文档后，每次导入的结果会显示在这里。
            <Link to="/admin/documents" className="text-brand-700 hover:underline">
              去导入文档
            </Link>
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
            <table className="w-full min-w-[32rem] text-sm">
              <thead className="bg-stone-50 text-left text-stone-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    时间
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    来源
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    操作人
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    状态
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    结果
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {data.recentImports.map((run) => (
                  <tr key={run.id}>
                    <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDateTime(run.createdAt)}</td>
                    <td className="px-4 py-2">{importSourceLabel(run.source)}</td>
                    <td className="px-4 py-2">{run.user ?? "系统"}</td>
                    <td className="whitespace-nowrap px-4 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${RUN_TONE[run.status]}`}>
                        {run.statusLabel}
                      </span>
                    </td>
                    <td className="px-4 py-2 text-stone-600">{run.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
