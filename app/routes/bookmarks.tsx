import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { PracticeHeader } from "~/components/practice-header";
import { QuestionCard } from "~/components/question-card";
import { handleQuestionAction } from "~/study/actions.server";
import { bookmarkPractice, listBookmarks, removeBookmark } from "~/study/bookmarks.server";
import { FORMAT_LABELS } from "~/study/labels";

export const meta: MetaFunction = () => [{ title: "收藏 · 学而" }];

const searchSchema = z.object({ practice: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (search.practice)
    return {
      practice: await bookmarkPractice(user.id, search.practice - 1, requestNow(request, context)),
      bookmarks: null,
    };
  return { practice: null, bookmarks: await listBookmarks(user.id) };
}

const removeSchema = z.object({ intent: z.literal("remove"), questionId: z.uuid() });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if ((await request.clone().formData()).get("intent") === "remove") {
    const parsed = removeSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return { error: "题目编号无效，请刷新页面后重试。" };
    await removeBookmark(user.id, parsed.data.questionId);
    return { removed: true };
  }
  return handleQuestionAction(request, user.id, context);
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  ["answer", "report", "bookmark"].includes(String(formData?.get("intent"))) ? false : defaultShouldRevalidate;

export default function BookmarksPage() {
  const { practice, bookmarks } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  if (practice?.blocked) {
    return (
      <section role="alert" className="mx-auto max-w-2xl rounded-xl border border-amber-200 bg-amber-50 p-5">
        <h1 className="text-lg font-semibold text-amber-900">测验进行中，暂不能练习</h1>
        <p className="mt-1 text-stone-700">你有一次尚未交卷的测验包含收藏的考点，请先完成测验并交卷。</p>
        <Link
          to={`/attempts/${practice.attemptId}`}
          className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          继续测验
        </Link>
      </section>
    );
  }
  if (practice) {
    if (!practice.question) {
      return (
        <section role="status" className="mx-auto max-w-2xl rounded-xl border border-emerald-200 bg-emerald-50 p-5">
          <h1 className="text-lg font-semibold text-emerald-900">收藏练习完成</h1>
          <p className="mt-1 text-stone-700">共练习 {practice.total} 道收藏的题，答题结果已计入你的复习计划。</p>
          <Link
            to="/bookmarks"
            className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            返回收藏
          </Link>
        </section>
      );
    }
    const last = practice.index + 1 >= practice.total;
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <PracticeHeader
          backTo="/bookmarks"
          backLabel="收藏"
          title="收藏练习"
          index={practice.index}
          total={practice.total}
        />
        <QuestionCard
          key={practice.question.token}
          question={practice.question}
          action={`/bookmarks?practice=${practice.index + 1}`}
          continueLabel={last ? "完成练习" : "下一题"}
          onContinue={() => navigate(`/bookmarks?practice=${practice.index + 2}`)}
        />
      </div>
    );
  }
  const list = bookmarks ?? [];
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">收藏</h1>
        {list.length > 0 ? (
          <Link
            to="/bookmarks?practice=1"
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            练习收藏（{list.length} 题）
          </Link>
        ) : null}
      </div>
      {list.length === 0 ? (
        <p className="rounded-xl border border-stone-200 bg-white p-5 text-stone-600">
          还没有收藏的题目。答题后点“☆ 收藏”，题目会出现在这里，方便以后练习。
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white" aria-label="收藏的题目">
          {list.map((item) => (
            <li key={item.questionId} className="flex items-start justify-between gap-3 p-4">
              <div className="min-w-0">
                <p className="text-xs text-stone-500">
                  {FORMAT_LABELS[item.format]} · {item.document.title}
                </p>
                <p className="mt-1 leading-7">{item.stem}</p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="questionId" value={item.questionId} />
                <button
                  type="submit"
                  className="shrink-0 rounded-md border border-stone-300 px-2 py-1 text-sm hover:border-red-400 hover:text-red-700"
                >
                  取消收藏
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
