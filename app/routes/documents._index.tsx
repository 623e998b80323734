import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { EmptyState } from "~/components/empty-state";
import { KIND_LABELS, formatDate, kindLabel } from "~/documents/labels";
import { listDocuments } from "~/documents/queries.server";

export const meta: MetaFunction = () => [{ title: "学习资料 · 学而" }];

const filtersSchema = z.object({
  q: z.string().trim().max(50).catch(""),
  kind: z.enum(["", ...Object.keys(KIND_LABELS)] as [string, ...string[]]).catch(""),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const all = await listDocuments();
  const documents = all.filter(
    (d) => (!filters.kind || d.kind.replace("_", "-") === filters.kind) && (!filters.q || d.title.includes(filters.q)),
  );
  return { documents, total: all.length, filters };
}

export default function DocumentsPage() {
  const { documents, total, filters } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">学习资料</h1>
        <p className="mt-1 text-sm text-stone-600">题目均出自这些资料；答题后可以点击出处，回到原文阅读上下文。</p>
      </div>
      <Form method="get" className="flex flex-wrap gap-2" onChange={(e) => submit(e.currentTarget, { replace: true })}>
        <input
          type="search"
          name="q"
          defaultValue={filters.q}
          placeholder="按标题搜索"
          aria-label="按标题搜索"
          className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-2"
        />
        <select
          name="kind"
          defaultValue={filters.kind}
          aria-label="类型"
          className="rounded-lg border border-stone-300 bg-white px-3 py-2"
        >
          <option value="">全部类型</option>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Form>
      {total === 0 ? (
        <EmptyState title="还没有导入资料">管理员导入文档后，这里会列出全部学习资料。</EmptyState>
      ) : documents.length === 0 ? (
        <EmptyState title="没有符合条件的资料">换个关键词或类型试试。</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-200 overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm">
          {documents.map((doc) => (
            <li key={doc.id}>
              <Link to={`/documents/${doc.id}`} className="block px-4 py-3 hover:bg-stone-50">
                <p className="font-medium text-stone-900">{doc.title}</p>
                <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-stone-500">
                  <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">{kindLabel(doc.kind)}</span>
                  {doc.date ? <span>{formatDate(doc.date)}</span> : null}
                  {doc.region ? <span>{doc.region}</span> : null}
                  {doc.origin ? <span>{doc.origin}</span> : null}
                  <span>{doc.passages} 段</span>
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-stone-500">
        共 {total} 篇资料{documents.length !== total ? `，显示 ${documents.length} 篇` : ""}。
      </p>
    </div>
  );
}
