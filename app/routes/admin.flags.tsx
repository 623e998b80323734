import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FLAG_RESOLUTIONS, listOpenFlags, listResolvedFlags, resolveFlags } from "~/admin/flags.server";
import { ReviewError } from "~/admin/questions.server";
import { requireAdmin } from "~/auth/session.server";
import { AnswerList } from "~/components/admin/answer-list";
import { ConfirmDialog } from "~/components/admin/confirm";
import { FLAG_SOURCE_LABELS, RESOLUTION_LABELS, formatDateTime } from "~/components/admin/labels";
import { Pagination } from "~/components/admin/pagination";
import { StatusBadge } from "~/components/admin/status-badge";
import { EmptyState } from "~/components/empty-state";
import { FORMAT_LABELS, KIND_LABELS } from "~/study/labels";

export const meta: MetaFunction = () => [{ title: "问题反馈 · 学而" }];

const searchSchema = z.object({
  view: z.enum(["open", "resolved"]).catch("open"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { view, page } = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (view === "resolved") return { view, open: null, resolved: await listResolvedFlags(page) };
  return { view, open: await listOpenFlags(page), resolved: null };
}

const resolveSchema = z.object({
  intent: z.literal("resolve"),
  questionId: z.uuid(),
  flagId: z.array(z.uuid()).min(1).max(500),
  resolution: z.enum(FLAG_RESOLUTIONS),
});

type ActionData = { ok: true; message: string } | { ok: false; error: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const parsed = resolveSchema.safeParse({ ...Object.fromEntries(form), flagId: form.getAll("flagId").map(String) });
  if (!parsed.success) return data<ActionData>({ ok: false, error: "请求无效，请刷新页面后重试。" }, { status: 400 });
  try {
    const { resolved } = await resolveFlags({
      questionId: parsed.data.questionId,
      flagIds: parsed.data.flagId,
      resolution: parsed.data.resolution,
      adminId: admin.id,
    });
    return data<ActionData>({
      ok: true,
      message: `已处理 ${resolved} 条反馈：${RESOLUTION_LABELS[parsed.data.resolution]}。`,
    });
  } catch (error) {
    if (error instanceof ReviewError)
      return data<ActionData>({ ok: false, error: error.message }, { status: error.status });
    throw error;
  }
}

type OpenGroup = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["open"]>["groups"][number];

function ResolveForm({ group }: { group: OpenGroup }) {
  const fetcher = useFetcher<ActionData>();
  const retired = group.question.status === "retired";
  const busy = fetcher.state !== "idle";
  const button = "rounded-lg px-3 py-1.5 text-sm font-medium disabled:opacity-40";
  // The reject button opens its own confirmation form, so it sits beside this form, not inside it.
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <fetcher.Form method="post" className="contents">
          <input type="hidden" name="intent" value="resolve" />
          <input type="hidden" name="questionId" value={group.question.id} />
          {group.flags.map((flag) => (
            <input key={flag.id} type="hidden" name="flagId" value={flag.id} />
          ))}
          <button
            type="submit"
            name="resolution"
            value="approved"
            disabled={busy || retired}
            className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}
          >
            题目无误，批准
          </button>
          <Link
            to={`/admin/questions/${group.question.id}`}
            className={`${button} border border-stone-300 bg-white text-stone-800 hover:bg-stone-50`}
            title="在编辑页保存时可一并处理这些反馈"
          >
            编辑题目
          </Link>
          <button
            type="submit"
            name="resolution"
            value="edited"
            disabled={busy}
            className={`${button} border border-stone-300 bg-white text-stone-800 hover:bg-stone-50`}
          >
            已修改
          </button>
        </fetcher.Form>
        <ConfirmDialog
          label="拒绝该题"
          triggerClassName={`${button} bg-red-600 text-white hover:bg-red-700`}
          title="拒绝这道题？"
          confirmLabel="确认拒绝"
          fields={[
            ["intent", "resolve"],
            ["questionId", group.question.id],
            ["resolution", "rejected"],
            ...group.flags.map((flag) => ["flagId", flag.id] as const),
          ]}
          disabled={busy || retired}
          fetcher={fetcher}
        >
          这道题将被拒绝：不再出现在学习、练习和新的测验中（已有答题记录保留），这 {group.flags.length}{" "}
          条反馈一并标记为已处理。之后仍可在题目审核的“已拒绝”中找回。
        </ConfirmDialog>
        <fetcher.Form method="post" className="contents">
          <input type="hidden" name="intent" value="resolve" />
          <input type="hidden" name="questionId" value={group.question.id} />
          {group.flags.map((flag) => (
            <input key={flag.id} type="hidden" name="flagId" value={flag.id} />
          ))}
          <button
            type="submit"
            name="resolution"
            value="dismissed"
            disabled={busy}
            className={`${button} text-stone-600 hover:bg-stone-100`}
          >
            忽略反馈
          </button>
        </fetcher.Form>
      </div>
      {fetcher.data && !fetcher.data.ok ? (
        <p role="alert" className="text-sm text-red-600">
          {fetcher.data.error}
        </p>
      ) : null}
    </div>
  );
}

function Tabs({ view, openCount }: { view: "open" | "resolved"; openCount: number | null }) {
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-stone-900 text-white" : "text-stone-600 hover:bg-stone-100"}`;
  return (
    <nav aria-label="反馈状态" className="flex gap-2">
      <Link to="/admin/flags" className={tab(view === "open")} aria-current={view === "open" ? "page" : undefined}>
        待处理{openCount !== null ? `（${openCount}）` : ""}
      </Link>
      <Link
        to="/admin/flags?view=resolved"
        className={tab(view === "resolved")}
        aria-current={view === "resolved" ? "page" : undefined}
      >
        已处理
      </Link>
    </nav>
  );
}

export default function FlagsPage() {
  const { view, open, resolved } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">问题反馈</h1>
        <Tabs view={view} openCount={open ? open.totals.flags : null} />
      </div>

      {open ? (
        open.groups.length === 0 ? (
          <EmptyState title="没有待处理的反馈">学员报告的问题和题目分析发现的可疑题目会出现在这里。</EmptyState>
        ) : (
          <>
            <p className="text-sm text-stone-500">
              {open.totals.questions} 道题目共 {open.totals.flags} 条反馈，最近被报告的排在前面。
            </p>
            <ul className="space-y-4">
              {open.groups.map((group) => (
                <li key={group.question.id}>
                  <article
                    aria-labelledby={`flag-${group.question.id}`}
                    className="space-y-3 rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
                  >
                    <div className="flex flex-wrap items-center gap-2 text-xs">
                      <span className="rounded-full bg-red-600 px-2 py-0.5 font-semibold text-white">
                        {group.count} 条反馈
                      </span>
                      <StatusBadge status={group.question.status} />
                      <span className="rounded bg-stone-100 px-1.5 py-0.5 text-stone-600">
                        {FORMAT_LABELS[group.question.format]}
                      </span>
                      <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">
                        {KIND_LABELS[group.question.kind] ?? group.question.kind}
                      </span>
                      <span className="text-stone-500">最近：{formatDateTime(group.latest)}</span>
                      <Link
                        to={`/documents/${group.question.document.id}`}
                        className="text-stone-500 hover:text-brand-700"
                      >
                        {group.question.document.title}
                      </Link>
                    </div>
                    <h2 id={`flag-${group.question.id}`} className="leading-7 text-stone-900">
                      {group.question.stem}
                    </h2>
                    <AnswerList
                      format={group.question.format}
                      options={group.question.options}
                      answer={group.question.answer}
                      stem={group.question.stem}
                    />
                    <ul className="space-y-2 border-l-2 border-red-200 pl-3 text-sm">
                      {group.flags.map((flag) => (
                        <li key={flag.id}>
                          <p className="text-xs text-stone-500">
                            <span
                              className={
                                flag.source === "item_analysis"
                                  ? "font-medium text-violet-700"
                                  : "font-medium text-stone-700"
                              }
                            >
                              {FLAG_SOURCE_LABELS[flag.source] ?? flag.source}
                            </span>
                            {flag.reporter ? ` · ${flag.reporter}` : ""} · {formatDateTime(flag.createdAt)}
                          </p>
                          <p className="text-stone-800">
                            {flag.comment || <span className="text-stone-400">（未填写说明）</span>}
                          </p>
                        </li>
                      ))}
                    </ul>
                    <ResolveForm group={group} />
                  </article>
                </li>
              ))}
            </ul>
            <Pagination page={open.page} pages={open.pages} href={(p) => `/admin/flags?page=${p}`} />
          </>
        )
      ) : resolved ? (
        resolved.flags.length === 0 ? (
          <EmptyState title="还没有已处理的反馈" />
        ) : (
          <>
            <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
              <table className="w-full min-w-[40rem] text-sm">
                <thead className="bg-stone-50 text-left text-stone-500">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      题目
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      反馈
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      处理
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      处理人 · 时间
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100 align-top">
                  {resolved.flags.map((flag) => (
                    <tr key={flag.id}>
                      <td className="max-w-xs px-3 py-2">
                        <Link
                          to={`/admin/questions/${flag.question.id}`}
                          className="line-clamp-2 text-stone-800 hover:text-brand-700"
                        >
                          {flag.question.stem}
                        </Link>
                        <div className="mt-1">
                          <StatusBadge status={flag.question.status} />
                        </div>
                      </td>
                      <td className="px-3 py-2">
                        <p className="text-xs text-stone-500">
                          {FLAG_SOURCE_LABELS[flag.source] ?? flag.source}
                          {flag.reporter ? ` · ${flag.reporter}` : ""}
                        </p>
                        <p>{flag.comment || <span className="text-stone-400">（未填写说明）</span>}</p>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">
                        {RESOLUTION_LABELS[flag.resolution ?? ""] ?? flag.resolution ?? "—"}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2 text-stone-600">
                        {flag.resolvedBy ?? "—"}
                        <br />
                        <span className="tabular-nums">{formatDateTime(flag.resolvedAt)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={resolved.page}
              pages={resolved.pages}
              href={(p) => `/admin/flags?view=resolved&page=${p}`}
            />
          </>
        )
      ) : null}
    </div>
  );
}
