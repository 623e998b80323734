import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { createSet, filterChoices, listSets, questionFilterSchema } from "~/admin/sets.server";
import { requireAdmin } from "~/auth/session.server";
import { fieldErrors, type FieldErrors } from "~/auth/validation";
import { formatDateTime } from "~/components/admin/format";
import { SET_STATUS_BADGE } from "~/components/admin/labels";
import { Badge, Panel, Select, buttonClass } from "~/components/admin/ui";
import { Field } from "~/components/form";
import { EmptyState } from "~/components/empty-state";
import { FORMAT_LABELS, KIND_LABELS } from "~/study/labels";
import { QUESTION_STATUS_LABELS } from "~/vocabulary";

export const meta: MetaFunction = () => [{ title: "题集管理 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [sets, choices] = await Promise.all([listSets(), filterChoices()]);
  return { sets, ...choices };
}

const createSchema = z.object({
  title: z.string({ error: "请输入标题" }).trim().min(1, "请输入标题").max(80, "标题最多 80 个字符"),
  description: z.string().trim().max(500, "说明最多 500 个字符").default(""),
  source: z.enum(["filter", "empty"]).default("filter"),
});

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const fields = Object.fromEntries(await request.formData());
  const parsed = createSchema.safeParse(fields);
  const filter = questionFilterSchema.safeParse(fields);
  if (!parsed.success || !filter.success) {
    const errors: FieldErrors = {
      ...(parsed.success ? {} : fieldErrors(parsed.error)),
      ...(filter.success ? {} : fieldErrors(filter.error)),
    };
    return data({ errors }, { status: 400 });
  }
  const { id, added } = await createSet({
    title: parsed.data.title,
    description: parsed.data.description,
    filter: parsed.data.source === "filter" ? filter.data : null,
  });
  return redirect(`/admin/sets/${id}?created=${added}`);
}

export default function AdminSets() {
  const { sets, documents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const creating = navigation.state === "submitting" && navigation.formAction === "/admin/sets?index";
  const errors: FieldErrors = actionData?.errors ?? {};

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">题集</h1>

      <Panel id="create-set" title="新建题集">
        <Form method="post" className="space-y-4" noValidate>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              label="标题"
              name="title"
              required
              maxLength={80}
              placeholder="例如：保密法法条专项练习"
              error={errors.title}
            />
            <Field label="说明（可选）" name="description" maxLength={500} error={errors.description} />
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-stone-700">题目来源</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="source" value="filter" defaultChecked /> 按条件加入题目
              </label>
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="source" value="empty" /> 空题集（之后搜索挑选）
              </label>
            </div>
          </fieldset>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Select label="文档" name="documentId" defaultValue="" className="col-span-2 lg:col-span-1">
              <option value="">全部文档</option>
              {documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </Select>
            <Select label="考点类型" name="kind" defaultValue="">
              <option value="">全部</option>
              {Object.entries(KIND_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
            <Select label="题型" name="format" defaultValue="">
              <option value="">全部</option>
              {Object.entries(FORMAT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
            <Select label="审核状态" name="status" defaultValue="approved">
              <option value="approved">{QUESTION_STATUS_LABELS.approved}</option>
              <option value="draft">{QUESTION_STATUS_LABELS.draft}</option>
              <option value="any">全部</option>
            </Select>
          </div>
          {errors.documentId || errors.kind || errors.format || errors.status ? (
            <p role="alert" className="text-sm text-red-600">
              {errors.documentId ?? errors.kind ?? errors.format ?? errors.status}
            </p>
          ) : null}
          <button type="submit" disabled={creating} className={buttonClass("primary")}>
            {creating ? "正在创建…" : "创建题集"}
          </button>
        </Form>
      </Panel>

      {sets.length === 0 ? (
        <EmptyState title="还没有题集">按文档、考点类型或题型筛选题目，几秒钟就能组成一个题集。</EmptyState>
      ) : (
        <section aria-labelledby="sets-title" className="rounded-xl border border-stone-200 bg-white shadow-sm">
          <h2 id="sets-title" className="sr-only">
            题集列表
          </h2>
          <ul className="divide-y divide-stone-100">
            {sets.map((set) => {
              const badge = SET_STATUS_BADGE[set.status];
              return (
                <li key={set.id}>
                  <Link
                    to={`/admin/sets/${set.id}`}
                    className="flex flex-col gap-1 px-4 py-3 hover:bg-stone-50 sm:flex-row sm:items-center sm:justify-between"
                  >
                    <div className="min-w-0">
                      <p className="font-medium">{set.title}</p>
                      <p className="mt-0.5 text-xs text-stone-500">
                        {set.questions} 道题 · {set.attempts} 次测验 · 更新于 {formatDateTime(set.updatedAt)}
                        {set.automatic ? " · 文档自动题集" : ""}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-1.5">
                      <Badge color={badge.color}>{badge.label}</Badge>
                      {set.version ? <Badge color="blue">v{set.version}</Badge> : null}
                      {set.status === "published" ? (
                        <Badge>
                          {set.audience === "everyone"
                            ? "所有人"
                            : set.groups.length > 0
                              ? set.groups.join("、")
                              : "指定小组"}
                        </Badge>
                      ) : null}
                    </div>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
