import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import type { QuestionErrors } from "~/admin/question-validation";
import { ReviewError, getQuestionForEdit, reviewQuestions, saveQuestionEdit } from "~/admin/questions.server";
import { requireAdmin } from "~/auth/session.server";
import { AnswerList } from "~/components/admin/answer-list";
import { FLAG_SOURCE_LABELS, STATUS_LABELS, formatDateTime } from "~/components/admin/labels";
import { PassageContext } from "~/components/admin/passage-context";
import { QuestionForm } from "~/components/admin/question-form";
import { StatusBadge } from "~/components/admin/status-badge";
import { FORMAT_LABELS, KIND_LABELS } from "~/study/labels";

export const meta: MetaFunction = () => [{ title: "编辑题目 · 学而" }];

// `back` is the queue's query string, so "返回" restores the administrator's filters and page.
const backSchema = z
  .string()
  .max(2000)
  .regex(/^\?[^#]*$/)
  .catch("");

function questionId(params: { id?: string }): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const detail = await getQuestionForEdit(questionId(params));
  if (!detail) throw new Response("Not Found", { status: 404 });
  const back = backSchema.parse(new URL(request.url).searchParams.get("back") ?? "");
  return { ...detail, back };
}

const saveSchema = z.object({
  intent: z.literal("save"),
  version: z.string().min(1).max(40),
  stem: z.string().max(5000),
  explanation: z.string().max(5000).default(""),
  option: z.array(z.string().max(1000)).max(20),
  correct: z.array(z.coerce.number().int().min(0).max(19)).max(20),
  answer: z.array(z.string().max(5000)).max(20),
  approve: z.literal("1").optional(),
  resolveFlags: z.literal("1").optional(),
});
const reviewSchema = z.object({ intent: z.literal("review"), decision: z.enum(["approved", "rejected"]) });

type ActionData = { ok: true; message: string } | { ok: false; error?: string; errors?: QuestionErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = questionId(params);
  const form = await request.formData();
  const fields: Record<string, unknown> = {
    ...Object.fromEntries(form),
    option: form.getAll("option").map(String),
    correct: form.getAll("correct").map(String),
    answer: form.getAll("answer").map(String),
  };
  try {
    if (fields.intent === "review") {
      const parsed = reviewSchema.safeParse(fields);
      if (!parsed.success)
        return data<ActionData>({ ok: false, error: "请求无效，请刷新页面后重试。" }, { status: 400 });
      await reviewQuestions([id], parsed.data.decision, admin.id);
      return data<ActionData>({ ok: true, message: parsed.data.decision === "approved" ? "已批准。" : "已拒绝。" });
    }
    const parsed = saveSchema.safeParse(fields);
    if (!parsed.success)
      return data<ActionData>({ ok: false, error: "提交的内容无效，请刷新页面后重试。" }, { status: 400 });
    const input = parsed.data;
    // Choices send the indices of the rows marked correct; true/false and fill-in send answers
    // (a fill-in's accepted answers one per line).
    const answer = [
      ...input.correct.flatMap((index) => (input.option[index] !== undefined ? [input.option[index]] : [])),
      ...input.answer.flatMap((value) => value.split(/\r?\n/)),
    ];
    const result = await saveQuestionEdit({
      id,
      editorId: admin.id,
      version: input.version,
      draft: { stem: input.stem, options: input.option, answer, explanation: input.explanation },
      approve: input.approve === "1",
      resolveFlags: input.resolveFlags === "1",
    });
    if (!result.ok) return data<ActionData>({ ok: false, errors: result.errors }, { status: 400 });
    const approved = input.approve === "1" ? "并已批准" : "";
    return data<ActionData>({
      ok: true,
      message: result.changed ? `已保存${approved}，修改记录见下方。` : `内容没有变化${approved ? "，已批准" : ""}。`,
    });
  } catch (error) {
    if (error instanceof ReviewError)
      return data<ActionData>({ ok: false, error: error.message }, { status: error.status });
    throw error;
  }
}

const FIELD_LABELS = { stem: "题干", options: "选项", answer: "答案", explanation: "解析", status: "状态" } as const;

/** Status changes are stored as their codes; shown as the queue names them. */
function changeText(field: keyof typeof FIELD_LABELS, value: string): string {
  return field === "status" && value in STATUS_LABELS ? STATUS_LABELS[value as keyof typeof STATUS_LABELS] : value;
}

export default function EditQuestion() {
  const { question, kind, quote, document, passage, edits, back, pointRetired } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";
  const retired = question.status === "retired";
  const version = new Date(question.updatedAt).toISOString();

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link to={`/admin/questions${back}`} className="text-sm text-stone-500 hover:text-brand-700">
          ← 返回审核队列
        </Link>
        <h1 className="text-2xl font-semibold">编辑题目</h1>
        <p className="flex flex-wrap items-center gap-2 text-xs">
          <StatusBadge status={question.status} />
          <span className="rounded bg-stone-100 px-1.5 py-0.5 text-stone-600">{FORMAT_LABELS[question.format]}</span>
          <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">{KIND_LABELS[kind] ?? kind}</span>
          <span className="tabular-nums text-stone-500">质量分 {question.score.toFixed(2)}</span>
          {question.editedAt ? (
            <span className="text-stone-500">
              最后修改于 {formatDateTime(question.editedAt)}，重新生成题库时不会覆盖
            </span>
          ) : null}
        </p>
        {retired || pointRetired ? (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">
            此题已退役：它所依据的内容已不在文档中，不能批准或拒绝。
          </p>
        ) : null}
      </div>

      {result?.ok ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {result.message}
        </p>
      ) : result?.error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {result.error}
        </p>
      ) : result?.errors ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          没有保存：请修改标红的内容。
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section
          aria-labelledby="edit-heading"
          className="space-y-4 self-start rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
        >
          <h2 id="edit-heading" className="sr-only">
            题目内容
          </h2>
          {/* Keyed by version: after a save the form starts again from what was stored. */}
          <QuestionForm
            key={version}
            question={question}
            version={version}
            errors={result && !result.ok ? result.errors : undefined}
            openFlags={question.flags.length}
            canApprove={!retired && question.status !== "approved"}
            pending={saving}
          />
        </section>

        <aside className="space-y-4">
          <section className="space-y-2 rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
            <h2 className="text-sm font-semibold text-stone-700">原文出处</h2>
            <PassageContext
              passage={passage}
              quotes={[quote, question.sourceQuote]}
              document={document}
              sourcePath={question.sourcePath}
            />
          </section>
          <section className="space-y-2 rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
            <h2 className="text-sm font-semibold text-stone-700">当前保存的版本</h2>
            <p className="leading-7">{question.stem}</p>
            <AnswerList
              format={question.format}
              options={question.options}
              answer={question.answer}
              stem={question.stem}
            />
            {!retired ? (
              <Form method="post" className="flex gap-2 pt-2">
                <input type="hidden" name="intent" value="review" />
                <button
                  type="submit"
                  name="decision"
                  value="approved"
                  disabled={question.status === "approved"}
                  className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-40"
                >
                  批准
                </button>
                <button
                  type="submit"
                  name="decision"
                  value="rejected"
                  disabled={question.status === "rejected"}
                  className="rounded-lg border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-40"
                >
                  拒绝
                </button>
              </Form>
            ) : null}
          </section>
          {question.flags.length > 0 ? (
            <section className="space-y-2 rounded-xl border border-red-200 bg-white p-4 shadow-sm">
              <h2 className="text-sm font-semibold text-red-800">待处理反馈（{question.flags.length}）</h2>
              <ul className="space-y-2 text-sm">
                {question.flags.map((flag) => (
                  <li key={flag.id} className="rounded-lg bg-red-50/60 px-3 py-2">
                    <p className="text-xs text-stone-500">
                      {FLAG_SOURCE_LABELS[flag.source] ?? flag.source} · {formatDateTime(flag.createdAt)}
                    </p>
                    <p className="mt-1 text-stone-800">{flag.comment || "（未填写说明）"}</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          修改记录
        </h2>
        {edits.length === 0 ? (
          <p className="text-sm text-stone-500">
            还没有人工修改或审核。保存或批准、拒绝后，每次改了什么、何时、由谁操作都会记录在这里。
          </p>
        ) : (
          <ol className="space-y-3">
            {edits.map((edit) => (
              <li key={edit.id} className="rounded-xl border border-stone-200 bg-white p-4 text-sm shadow-sm">
                <p className="text-stone-500">
                  <span className="font-medium text-stone-800">{edit.editor}</span> · {formatDateTime(edit.createdAt)}
                </p>
                <dl className="mt-2 space-y-2">
                  {edit.changes.map((change) => (
                    <div key={change.field} className="grid gap-1 sm:grid-cols-[4rem_minmax(0,1fr)]">
                      <dt className="text-stone-500">{FIELD_LABELS[change.field]}</dt>
                      <dd className="space-y-0.5">
                        <p className="text-red-700 line-through decoration-red-300">
                          <span className="sr-only">修改前：</span>
                          {changeText(change.field, change.before) || "（空）"}
                        </p>
                        <p className="text-emerald-800">
                          <span className="sr-only">修改后：</span>
                          {changeText(change.field, change.after) || "（空）"}
                        </p>
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
