import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { EmptyState } from "~/components/empty-state";
import { listPublishedSets } from "~/study/sets.server";

export const meta: MetaFunction = () => [{ title: "题集 · 学而" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { sets: await listPublishedSets(user.id, requestNow(request, context)) };
}

export default function SetsPage() {
  const { sets } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">题集</h1>
        <p className="mt-1 text-sm text-stone-600">按题集练习（计入每日复习），或限时测验检验掌握情况。</p>
      </div>
      {sets.length === 0 ? (
        <EmptyState title="还没有发布的题集">管理员发布题集后会出现在这里。</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {sets.map((set) => (
            <li key={set.id}>
              <Link
                to={`/sets/${set.id}`}
                className="block h-full rounded-xl border border-stone-200 bg-white p-4 shadow-sm hover:border-brand-600"
              >
                <p className="font-medium leading-snug">{set.title}</p>
                <p className="mt-2 text-xs text-stone-500">
                  {set.questions} 道题 · {set.points} 个考点 · 已学 {set.studied}
                  {set.bestScore !== null ? ` · 最高分 ${set.bestScore}` : ""}
                </p>
                <div className="mt-3 h-1.5 overflow-hidden rounded-full bg-stone-100" aria-hidden>
                  <div
                    className="h-full bg-brand-600"
                    style={{ width: `${Math.round((set.studied / Math.max(1, set.points)) * 100)}%` }}
                  />
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
