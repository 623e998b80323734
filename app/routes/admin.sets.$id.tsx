import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import {
  addFromFilter,
  addQuestions,
  filterChoices,
  getSetEditor,
  moveQuestion,
  publishSet,
  questionFilterSchema,
  removeQuestion,
  searchQuestions,
  setStatus,
  updateSetDetails,
  type AssignmentInput,
  type SetResult,
} from "~/admin/sets.server";
import { requireAdmin } from "~/auth/session.server";
import { ConfirmAction, ConfirmDialog } from "~/components/admin/confirm";
import { formatDateTime, fromZonedInput, toZonedInput, zoneLabel } from "~/components/admin/format";
import { DEFAULT_TIME_ZONE } from "~/study/day";
import { QUESTION_STATUS_BADGE, SET_STATUS_BADGE } from "~/components/admin/labels";
import { Badge, Notice, Panel, Select, buttonClass } from "~/components/admin/ui";
import { FORMAT_LABELS, KIND_LABELS } from "~/study/labels";
import { QUESTION_STATUS_LABELS } from "~/vocabulary";
import { DEFAULT_QUIZ_QUESTIONS, MAX_QUIZ_QUESTIONS } from "~/study/draw";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.editor.set.title ?? "题集"} · 题集管理 · 学而` },
];

const idSchema = z.uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = idSchema.safeParse(params.id);
  const editor = id.success ? await getSetEditor(id.data) : null;
  if (!editor) throw new Response("题集不存在", { status: 404 });
  const url = new URL(request.url);
  const searching = url.searchParams.has("search");
  const filter = questionFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  const [choices, search] = await Promise.all([
    filterChoices(),
    searching && filter.success ? searchQuestions(filter.data) : Promise.resolve(null),
  ]);
  return {
    editor,
    ...choices,
    search,
    searchError: searching && !filter.success ? (filter.error.issues[0]?.message ?? "搜索条件有误") : null,
  };
}

const QUESTION_COUNT_ERROR = `测验题数应为 1 到 ${MAX_QUIZ_QUESTIONS} 的整数，留空为 ${DEFAULT_QUIZ_QUESTIONS} 题`;
const countSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z.coerce
    .number({ error: QUESTION_COUNT_ERROR })
    .int(QUESTION_COUNT_ERROR)
    .min(1, QUESTION_COUNT_ERROR)
    .max(MAX_QUIZ_QUESTIONS, QUESTION_COUNT_ERROR)
    .nullable(),
);
const detailsSchema = z.object({
  title: z.string({ error: "请输入标题" }).trim().min(1, "请输入标题").max(80, "标题最多 80 个字符"),
  description: z.string().trim().max(500, "说明最多 500 个字符").default(""),
  quizQuestionCount: z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      z.coerce
        .number({ error: QUESTION_COUNT_ERROR })
        .int(QUESTION_COUNT_ERROR)
        .min(1, QUESTION_COUNT_ERROR)
        .max(MAX_QUIZ_QUESTIONS, QUESTION_COUNT_ERROR)
        .nullable(),
    )
    .default(null),
});
const moveSchema = z.object({
  questionId: z.uuid(),
  from: z.coerce.number().int().min(0),
  direction: z.enum(["up", "down"]),
});
const limitSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z.coerce
    .number({ error: "时间限制应为 1 到 600 分钟的整数" })
    .int("时间限制应为 1 到 600 分钟的整数")
    .min(1, "时间限制应为 1 到 600 分钟的整数")
    .max(600, "时间限制应为 1 到 600 分钟的整数")
    .nullable(),
);

/** The publish form: audience, then one row of dates per chosen group, read in that group's time zone. */
function parsePublish(
  form: FormData,
  groups: Map<string, { name: string; timeZone: string }>,
): { ok: true; audience: "everyone" | "groups"; assignments: AssignmentInput[] } | { ok: false; message: string } {
  const audience = z.enum(["everyone", "groups"]).safeParse(form.get("audience"));
  if (!audience.success) return { ok: false, message: "请选择发布对象。" };
  const assignments: AssignmentInput[] = [];
  for (const raw of form.getAll("group")) {
    const groupId = idSchema.safeParse(raw);
    if (!groupId.success) return { ok: false, message: "小组无效，请刷新页面后重试。" };
    const group = groups.get(groupId.data);
    const name = group?.name ?? "该小组";
    const timeZone = group?.timeZone ?? DEFAULT_TIME_ZONE;
    const opensAt = fromZonedInput(String(form.get(`opensAt:${groupId.data}`) ?? ""), timeZone);
    const dueAt = fromZonedInput(String(form.get(`dueAt:${groupId.data}`) ?? ""), timeZone);
    if (opensAt === "invalid" || dueAt === "invalid")
      return { ok: false, message: `${name}：请填写有效的日期和时间。` };
    if (opensAt && dueAt && dueAt <= opensAt) return { ok: false, message: `${name}：截止时间应晚于开放时间。` };
    const limit = limitSchema.safeParse(form.get(`limit:${groupId.data}`) ?? "");
    if (!limit.success) return { ok: false, message: `${name}：${limit.error.issues[0]?.message ?? "时间限制无效"}` };
    const count = countSchema.safeParse(form.get(`count:${groupId.data}`) ?? "");
    if (!count.success) return { ok: false, message: `${name}：${count.error.issues[0]?.message ?? "题数无效"}` };
    assignments.push({
      groupId: groupId.data,
      opensAt,
      dueAt,
      timeLimitSec: limit.data ? limit.data * 60 : null,
      questionCount: count.data,
    });
  }
  return { ok: true, audience: audience.data, assignments };
}

type ActionResult = SetResult & { intent: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw new Response("题集不存在", { status: 404 });
  const setId = id.data;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fields = Object.fromEntries(form);
  const reply = (result: SetResult) => data<ActionResult>({ ...result, intent }, { status: result.ok ? 200 : 400 });

  switch (intent) {
    case "details": {
      const parsed = detailsSchema.safeParse(fields);
      if (!parsed.success) return reply({ ok: false, message: parsed.error.issues[0]?.message ?? "输入有误" });
      return reply(await updateSetDetails(setId, parsed.data));
    }
    case "add": {
      const ids = z.array(z.uuid()).safeParse(form.getAll("questionId"));
      if (!ids.success) return reply({ ok: false, message: "题目编号无效，请刷新页面后重试。" });
      return reply(await addQuestions(setId, ids.data));
    }
    case "addFilter": {
      const filter = questionFilterSchema.safeParse(fields);
      if (!filter.success) return reply({ ok: false, message: filter.error.issues[0]?.message ?? "筛选条件有误" });
      return reply(await addFromFilter(setId, filter.data));
    }
    case "remove": {
      const questionId = idSchema.safeParse(form.get("questionId"));
      if (!questionId.success) return reply({ ok: false, message: "题目编号无效。" });
      return reply(await removeQuestion(setId, questionId.data));
    }
    case "move": {
      const parsed = moveSchema.safeParse(fields);
      if (!parsed.success) return reply({ ok: false, message: "无法移动，请刷新页面后重试。" });
      return reply(await moveQuestion(setId, parsed.data.questionId, parsed.data.from, parsed.data.direction));
    }
    case "publish": {
      const editor = await getSetEditor(setId);
      if (!editor) throw new Response("题集不存在", { status: 404 });
      const parsed = parsePublish(
        form,
        new Map(editor.groups.map((g) => [g.id, { name: g.name, timeZone: g.timeZone }])),
      );
      if (!parsed.ok) return reply(parsed);
      return reply(await publishSet(setId, admin.id, { audience: parsed.audience, assignments: parsed.assignments }));
    }
    case "unpublish":
    case "restore":
      return reply(await setStatus(setId, "draft"));
    case "archive":
      return reply(await setStatus(setId, "archived"));
    default:
      return reply({ ok: false, message: "无法识别的操作，请刷新页面后重试。" });
  }
}

type Editor = ReturnType<typeof useLoaderData<typeof loader>>["editor"];
type Item = Editor["items"][number];

function QuestionLine({ question }: { question: Pick<Item, "stem" | "format" | "status" | "kind" | "document"> }) {
  const status = QUESTION_STATUS_BADGE[question.status];
  return (
    <div className="min-w-0 flex-1">
      <p className="text-sm leading-snug text-stone-900">{question.stem}</p>
      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-stone-500">
        <Badge color="blue">{FORMAT_LABELS[question.format]}</Badge>
        <Badge>{KIND_LABELS[question.kind] ?? question.kind}</Badge>
        {question.status !== "approved" ? <Badge color={status.color}>{status.label}</Badge> : null}
        <span className="truncate">《{question.document}》</span>
      </div>
    </div>
  );
}

function ItemRow({ item, index, count }: { item: Item; index: number; count: number }) {
  const fetcher = useFetcher<typeof action>();
  const busy = fetcher.state !== "idle";
  const submit = (fields: Record<string, string>) =>
    fetcher.submit({ ...fields, questionId: item.id }, { method: "post" });
  return (
    <li className={`flex gap-3 py-3 ${busy ? "opacity-60" : ""}`}>
      <span className="w-7 shrink-0 pt-0.5 text-right text-sm tabular-nums text-stone-400">{index + 1}</span>
      <QuestionLine question={item} />
      <div className="flex shrink-0 flex-col gap-1 sm:flex-row sm:items-start">
        <button
          type="button"
          aria-label={`上移第 ${index + 1} 题`}
          disabled={busy || index === 0}
          onClick={() => submit({ intent: "move", from: String(index), direction: "up" })}
          className={buttonClass("secondary", "sm")}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`下移第 ${index + 1} 题`}
          disabled={busy || index === count - 1}
          onClick={() => submit({ intent: "move", from: String(index), direction: "down" })}
          className={buttonClass("secondary", "sm")}
        >
          ↓
        </button>
        <ConfirmDialog
          label="移除"
          ariaLabel={`移除第 ${index + 1} 题`}
          triggerClassName={buttonClass("ghost", "sm")}
          title={`从题集中移除第 ${index + 1} 题？`}
          confirmLabel="确认移除"
          fields={[
            ["intent", "remove"],
            ["questionId", item.id],
          ]}
          disabled={busy}
          fetcher={fetcher}
        >
          “{item.stem}
          ”将不再属于这个题集。已发布的版本和学员的答题记录不受影响；重新发布后，学员不再看到这道题。之后可以重新加入。
        </ConfirmDialog>
      </div>
    </li>
  );
}

function FilterFields({ documents, values }: { documents: { id: string; title: string }[]; values: URLSearchParams }) {
  return (
    <>
      <Select label="文档" name="documentId" defaultValue={values.get("documentId") ?? ""} className="col-span-2">
        <option value="">全部文档</option>
        {documents.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </Select>
      <Select label="考点类型" name="kind" defaultValue={values.get("kind") ?? ""}>
        <option value="">全部</option>
        {Object.entries(KIND_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <Select label="题型" name="format" defaultValue={values.get("format") ?? ""}>
        <option value="">全部</option>
        {Object.entries(FORMAT_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <Select label="审核状态" name="status" defaultValue={values.get("status") ?? "approved"}>
        <option value="approved">{QUESTION_STATUS_LABELS.approved}</option>
        <option value="draft">{QUESTION_STATUS_LABELS.draft}</option>
        <option value="any">全部</option>
      </Select>
    </>
  );
}

function AddQuestions({
  documents,
  search,
  searchError,
  inSet,
}: {
  documents: { id: string; title: string }[];
  search: { total: number; questions: (Item & { id: string })[] } | null;
  searchError: string | null;
  inSet: Set<string>;
}) {
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const adding =
    navigation.state === "submitting" &&
    (navigation.formData?.get("intent") === "add" || navigation.formData?.get("intent") === "addFilter");
  const hidden = ["documentId", "kind", "format", "status", "q"].flatMap((name) => {
    const value = params.get(name);
    return value ? [[name, value] as const] : [];
  });
  return (
    <Panel id="add-title" title="添加题目">
      <Form method="get" preventScrollReset className="grid grid-cols-2 gap-3 lg:grid-cols-6" role="search">
        <input type="hidden" name="search" value="1" />
        <div className="col-span-2 space-y-1">
          <label htmlFor="search-q" className="block text-xs font-medium text-stone-600">
            关键词
          </label>
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            placeholder="题干、原文或考点"
            className="block w-full rounded-lg border border-stone-300 bg-white px-2.5 py-1.5 text-sm shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
          />
        </div>
        <FilterFields documents={documents} values={params} />
        <div className="col-span-2 lg:col-span-6">
          <button type="submit" className={buttonClass("secondary")}>
            搜索题目
          </button>
        </div>
      </Form>
      {searchError ? (
        <div className="mt-3">
          <Notice tone="error">{searchError}</Notice>
        </div>
      ) : null}
      {search ? (
        <div className="mt-4 space-y-3">
          {search.total === 0 ? (
            <p className="text-sm text-stone-600">没有符合条件的题目。</p>
          ) : (
            <>
              <Form method="post" preventScrollReset className="flex flex-wrap items-center gap-2">
                <input type="hidden" name="intent" value="addFilter" />
                {hidden.map(([name, value]) => (
                  <input key={name} type="hidden" name={name} value={value} />
                ))}
                <span className="text-sm text-stone-600">
                  找到 {search.total} 道题
                  {search.total > search.questions.length ? `，显示前 ${search.questions.length} 道` : ""}。
                </span>
                <button type="submit" disabled={adding} className={buttonClass("secondary", "sm")}>
                  全部添加（{search.total} 道）
                </button>
              </Form>
              <Form method="post" preventScrollReset className="space-y-2">
                <input type="hidden" name="intent" value="add" />
                <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200">
                  {search.questions.map((q) => (
                    <li key={q.id} className="flex gap-3 px-3 py-2">
                      <input
                        type="checkbox"
                        name="questionId"
                        value={q.id}
                        id={`pick-${q.id}`}
                        disabled={inSet.has(q.id)}
                        defaultChecked={false}
                        aria-label={`选择：${q.stem}`}
                        className="mt-1 h-4 w-4 shrink-0"
                      />
                      <label htmlFor={`pick-${q.id}`} className="min-w-0 flex-1">
                        <QuestionLine question={q} />
                        {inSet.has(q.id) ? <span className="text-xs text-green-700">已在题集中</span> : null}
                      </label>
                    </li>
                  ))}
                </ul>
                <button type="submit" disabled={adding} className={buttonClass("primary", "sm")}>
                  {adding ? "正在添加…" : "添加所选"}
                </button>
              </Form>
            </>
          )}
        </div>
      ) : null}
    </Panel>
  );
}

function PublishPanel({ editor }: { editor: Editor }) {
  const navigation = useNavigation();
  const publishing = navigation.state === "submitting" && navigation.formData?.get("intent") === "publish";
  const assigned = new Map(editor.assignments.map((a) => [a.groupId, a]));
  const [audience, setAudience] = useState(editor.set.audience);
  const [chosen, setChosen] = useState(() => new Set(editor.assignments.map((a) => a.groupId)));
  const { set } = editor;
  const nextVersion = (editor.versions[0]?.version ?? 0) + (editor.changedSinceVersion === false ? 0 : 1);
  return (
    <Panel id="publish-title" title="发布">
      {set.status === "archived" ? (
        <p className="text-sm text-stone-600">题集已归档，学员看不到它。恢复为草稿后可以重新发布。</p>
      ) : (
        <Form method="post" preventScrollReset className="space-y-4">
          <input type="hidden" name="intent" value="publish" />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-stone-700">发布对象</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              <label className="inline-flex items-center gap-2">
                <input
                  type="radio"
                  name="audience"
                  value="everyone"
                  checked={audience === "everyone"}
                  onChange={() => setAudience("everyone")}
                />{" "}
                所有人
              </label>
              <label className="inline-flex items-center gap-2">
                <input
                  type="radio"
                  name="audience"
                  value="groups"
                  checked={audience === "groups"}
                  onChange={() => setAudience("groups")}
                />{" "}
                仅指定小组
              </label>
            </div>
            <p className="text-xs text-stone-500">
              {audience === "everyone"
                ? "所有学员都能看到；也可以同时给小组布置带截止时间的任务。"
                : "只有所选小组的成员能看到，从开放时间起可见。"}
            </p>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-stone-700">
              布置给小组（开放和截止时间按各小组的时区填写）
            </legend>
            {editor.groups.length === 0 ? (
              <p className="text-sm text-stone-600">
                还没有小组。
                <Link to="/admin/groups" className="text-brand-700 hover:underline">
                  去创建小组
                </Link>
              </p>
            ) : (
              <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200">
                {editor.groups.map((group) => {
                  const existing = assigned.get(group.id);
                  const on = chosen.has(group.id);
                  return (
                    <li
                      key={group.id}
                      className="grid gap-2 px-3 py-2 sm:grid-cols-[minmax(0,1fr)_11rem_11rem_6rem_6rem] sm:items-end"
                    >
                      <label className="inline-flex items-center gap-2 text-sm sm:pb-1.5">
                        <input
                          type="checkbox"
                          name="group"
                          value={group.id}
                          checked={on}
                          onChange={(event) => {
                            const next = new Set(chosen);
                            if (event.currentTarget.checked) next.add(group.id);
                            else next.delete(group.id);
                            setChosen(next);
                          }}
                        />
                        <span className="font-medium">{group.name}</span>
                        <span className="text-xs text-stone-500">
                          {group.members} 名成员 · {zoneLabel(group.timeZone)}
                        </span>
                      </label>
                      <label className="text-xs text-stone-600">
                        开放时间（{zoneLabel(group.timeZone)}）
                        <input
                          type="datetime-local"
                          name={`opensAt:${group.id}`}
                          defaultValue={toZonedInput(existing?.opensAt ?? null, group.timeZone)}
                          disabled={!on}
                          className="mt-0.5 block w-full rounded-md border border-stone-300 px-2 py-1 text-sm disabled:bg-stone-50"
                        />
                      </label>
                      <label className="text-xs text-stone-600">
                        截止时间（{zoneLabel(group.timeZone)}）
                        <input
                          type="datetime-local"
                          name={`dueAt:${group.id}`}
                          defaultValue={toZonedInput(existing?.dueAt ?? null, group.timeZone)}
                          disabled={!on}
                          className="mt-0.5 block w-full rounded-md border border-stone-300 px-2 py-1 text-sm disabled:bg-stone-50"
                        />
                      </label>
                      <label className="text-xs text-stone-600">
                        测验题数
                        <input
                          type="number"
                          min={1}
                          max={MAX_QUIZ_QUESTIONS}
                          name={`count:${group.id}`}
                          defaultValue={existing?.questionCount ? String(existing.questionCount) : ""}
                          disabled={!on}
                          placeholder="同题集"
                          className="mt-0.5 block w-full rounded-md border border-stone-300 px-2 py-1 text-sm disabled:bg-stone-50"
                        />
                      </label>
                      <label className="text-xs text-stone-600">
                        限时（分钟）
                        <input
                          type="number"
                          min={1}
                          max={600}
                          name={`limit:${group.id}`}
                          defaultValue={existing?.timeLimitSec ? String(existing.timeLimitSec / 60) : ""}
                          disabled={!on}
                          placeholder="不限"
                          className="mt-0.5 block w-full rounded-md border border-stone-300 px-2 py-1 text-sm disabled:bg-stone-50"
                        />
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
          <div className="flex flex-wrap items-center gap-2">
            <button type="submit" disabled={publishing || editor.items.length === 0} className={buttonClass("primary")}>
              {publishing
                ? "正在发布…"
                : set.status === "published"
                  ? editor.changedSinceVersion === false
                    ? "更新发布设置"
                    : `发布新版本 v${nextVersion}`
                  : `发布 v${nextVersion}`}
            </button>
            {set.status === "published" ? (
              <ConfirmAction label="撤回发布" confirmLabel="确认撤回" intent="unpublish" variant="secondary">
                撤回后题集回到草稿，学员不再看到它；已发布的版本和学员成绩都保留。
              </ConfirmAction>
            ) : null}
          </div>
        </Form>
      )}
      <div className="mt-4 flex flex-wrap gap-2 border-t border-stone-100 pt-3">
        {set.status === "archived" ? (
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="restore" />
            <button type="submit" className={buttonClass("secondary", "sm")}>
              恢复为草稿
            </button>
          </Form>
        ) : (
          <ConfirmAction label="归档题集" confirmLabel="确认归档" intent="archive">
            归档后学员看不到这个题集，也不能再发布；版本与成绩保留，可恢复。
          </ConfirmAction>
        )}
      </div>
    </Panel>
  );
}

export default function AdminSetEditor() {
  const { editor, documents, search, searchError } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "details";
  const { set, items, versions } = editor;
  const badge = SET_STATUS_BADGE[set.status];
  const created = params.get("created");
  const inSet = new Set(items.map((i) => i.id));
  const hiddenFromLearners = items.length - editor.learnerVisible;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link to="/admin/sets" className="text-sm text-stone-500 hover:text-brand-700">
          ← 全部题集
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold">{set.title}</h1>
          <Badge color={badge.color}>{badge.label}</Badge>
          {versions[0] ? <Badge color="blue">v{versions[0].version}</Badge> : null}
          {set.automatic ? <Badge>文档自动题集</Badge> : null}
        </div>
        {set.status === "published" && editor.changedSinceVersion ? (
          <p className="text-sm text-amber-800">
            有尚未发布为新版本的修改：题目的增删和排序已对学员生效，再次发布会记录为新版本；已开始的测验仍按原版本计分。
          </p>
        ) : null}
        {set.automatic ? (
          <p className="text-xs text-stone-500">演示模式下，该文档重新生成题目时会按已审核题目刷新本题集的题目列表。</p>
        ) : null}
      </div>

      {created !== null && !actionData ? (
        <Notice tone="success">题集已创建，按条件加入了 {created} 道题。</Notice>
      ) : null}
      {actionData ? <Notice tone={actionData.ok ? "success" : "error"}>{actionData.message}</Notice> : null}

      <Panel id="details-title" title="标题和说明">
        <Form method="post" preventScrollReset className="space-y-3">
          <input type="hidden" name="intent" value="details" />
          <div className="space-y-1">
            <label htmlFor="set-title" className="block text-sm font-medium text-stone-700">
              标题
            </label>
            <input
              id="set-title"
              name="title"
              required
              maxLength={80}
              defaultValue={set.title}
              key={`t-${set.title}`}
              className="block w-full rounded-lg border border-stone-300 px-3 py-2 shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="set-description" className="block text-sm font-medium text-stone-700">
              说明
            </label>
            <textarea
              id="set-description"
              name="description"
              rows={2}
              maxLength={500}
              defaultValue={set.description}
              key={`d-${set.description}`}
              className="block w-full rounded-lg border border-stone-300 px-3 py-2 shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="set-quiz-count" className="block text-sm font-medium text-stone-700">
              测验题数
            </label>
            <input
              id="set-quiz-count"
              name="quizQuestionCount"
              type="number"
              min={1}
              max={MAX_QUIZ_QUESTIONS}
              defaultValue={set.quizQuestionCount ?? ""}
              placeholder={`默认 ${DEFAULT_QUIZ_QUESTIONS}`}
              key={`c-${set.quizQuestionCount}`}
              className="block w-40 rounded-lg border border-stone-300 px-3 py-2 shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
            />
            <p className="text-xs text-stone-500">每次测验从不同考点各抽一题；小组作业可以另设题数。</p>
          </div>
          <button type="submit" disabled={saving} className={buttonClass("secondary")}>
            {saving ? "正在保存…" : "保存"}
          </button>
        </Form>
      </Panel>

      <Panel id="items-title" title={`题目（${items.length}）`}>
        {hiddenFromLearners > 0 ? (
          <p className="mb-2 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900">
            {hiddenFromLearners} 道题尚未审核通过，学员看不到。
          </p>
        ) : null}
        {items.length === 0 ? (
          <p className="text-sm text-stone-600">题集还是空的：在下方搜索题目并添加。</p>
        ) : (
          <ol
            className="max-h-[70vh] divide-y divide-stone-100 overflow-y-auto overscroll-contain pr-1"
            aria-label="题集中的题目"
          >
            {items.map((item, index) => (
              <ItemRow key={item.id} item={item} index={index} count={items.length} />
            ))}
          </ol>
        )}
      </Panel>

      <AddQuestions documents={documents} search={search} searchError={searchError} inSet={inSet} />

      <PublishPanel
        key={`${set.status}-${versions[0]?.version ?? 0}-${editor.assignments.map((a) => a.groupId).join()}`}
        editor={editor}
      />

      <Panel id="versions-title" title="版本历史">
        {versions.length === 0 ? (
          <p className="text-sm text-stone-600">
            还没有发布过。每次发布有改动时记录一个版本；学员的测验按开始时的版本计分和回顾。
          </p>
        ) : (
          <ul className="divide-y divide-stone-100 text-sm">
            {versions.map((v) => (
              <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Badge color="blue">v{v.version}</Badge> <span className="ml-1">{v.title}</span>
                </span>
                <span className="text-stone-500">
                  {v.questions} 道题 · {v.attempts} 次测验 · {formatDateTime(v.publishedAt)}
                  {v.publishedBy ? ` · ${v.publishedBy}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
