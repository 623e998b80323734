import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useState } from "react";
import { Link, useLoaderData, useRevalidator, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { EmptyState } from "~/components/empty-state";
import { StatCard } from "~/components/stat-card";
import { QuestionCard } from "~/components/question-card";
import { handleQuestionAction } from "~/study/actions.server";
import { LAPSE_THRESHOLD, shortChineseDate } from "~/study/progress";
import { studySessionOf } from "~/study/search";
import { lapsedCount, nextStudyItem, studyView, type StudyView } from "~/study/session.server";

export const meta: MetaFunction = () => [{ title: "今日学习 · 学而" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = requestNow(request, context);
  const session = studySessionOf(request.url);
  const view = await studyView(user.id, now, await nextStudyItem(user.id, now, session));
  // A finished 易错题 drill tells "none at all" (what to do instead) from "all practised today".
  return { ...view, lapsed: session.drill && view.next.done ? await lapsedCount(user.id) : null };
}

// Reports, and answers from a page without JavaScript (with it, answers go to /study/answer).
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleQuestionAction(request, user.id, context);
}

// Answering must not load the next question under the learner's eyes: "继续" does that.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  ["answer", "report", "bookmark"].includes(String(formData?.get("intent"))) ? false : defaultShouldRevalidate;

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60000);
  return minutes < 1 ? "不到 1 分钟" : `${minutes} 分钟`;
}

export default function StudyPage() {
  const loaded = useLoaderData<typeof loader>();
  // What 继续 moved on to, from an answer's response, until the loader next runs (a navigation, a refresh).
  const [continued, setContinued] = useState<{ after: typeof loaded; view: StudyView } | null>(null);
  const { next, summary } = continued?.after === loaded ? continued.view : loaded;
  const lapsed = continued?.after === loaded ? null : loaded.lapsed;
  const revalidator = useRevalidator();
  const [searchParams] = useSearchParams();
  const extra = Number(searchParams.get("extra") ?? 0) || 0;
  const drill = searchParams.get("drill") === "lapses";
  const total = next.progress.done + next.progress.remaining;
  const percent = total === 0 ? 100 : Math.round((next.progress.done / total) * 100);

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <div className="flex items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{drill ? "易错题练习" : "今日学习"}</h1>
        <p className="text-sm text-stone-500" data-testid="study-progress">
          已完成 {next.progress.done} · 剩余 {next.done ? 0 : next.progress.remaining - next.progress.learning}
          {!next.done && next.progress.learning > 0 ? (
            <span title="刚学或刚答错的考点，过几分钟再问一次，答对后进入复习"> · 巩固中 {next.progress.learning}</span>
          ) : null}
        </p>
      </div>
      <div
        className="h-2 overflow-hidden rounded-full bg-stone-200"
        role="progressbar"
        aria-label="今日进度"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={next.done ? 100 : percent}
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-all"
          style={{ width: `${next.done ? 100 : percent}%` }}
        />
      </div>

      {!next.done ? (
        <QuestionCard
          key={next.question.token}
          question={next.question}
          action={`/study${searchParams.size > 0 ? `?${searchParams}` : ""}`}
          answerUrl={`/study/answer${searchParams.size > 0 ? `?${searchParams}` : ""}`}
          onContinue={(answered: Partial<StudyView> | undefined) => {
            if (answered?.next)
              setContinued({ after: loaded, view: { next: answered.next, summary: answered.summary ?? null } });
            else revalidator.revalidate();
          }}
          undoUrl={`/study/undo${searchParams.size > 0 ? `?${searchParams}` : ""}`}
          onUndo={(undone: Partial<StudyView>) => {
            if (undone.next) setContinued({ after: loaded, view: { next: undone.next, summary: null } });
            else revalidator.revalidate();
          }}
        />
      ) : drill && lapsed === 0 ? (
        <EmptyState title="还没有易错题">
          <p>
            同一个考点复习时答错 {LAPSE_THRESHOLD}{" "}
            次及以上，就会收进易错题，在这里集中练习。你现在没有易错题，按时完成每日学习就好。
          </p>
          <p className="mt-4 flex flex-wrap justify-center gap-3">
            <Link to="/study" className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              去今日学习
            </Link>
            <Link
              to="/progress"
              className="rounded-lg border border-stone-300 px-4 py-2 font-medium text-stone-700 hover:bg-stone-50"
            >
              查看进度
            </Link>
          </p>
        </EmptyState>
      ) : summary && summary.available === 0 && !drill ? (
        <EmptyState title="还没有可学习的题目">
          目前没有向你发布的题集。管理员发布题集后，这里会出现每日学习内容。也可以先去看看
          <Link to="/documents" className="text-brand-700 hover:underline">
            学习资料
          </Link>
          。
        </EmptyState>
      ) : summary ? (
        <section className="space-y-4 rounded-2xl border border-emerald-200 bg-white p-6 shadow-sm">
          <h2 className="text-xl font-semibold text-emerald-800">
            {drill ? "今天的易错题已练完" : summary.answered > 0 ? "今日已完成" : "今天没有待学习的内容"}
          </h2>
          {summary.answered > 0 ? (
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <StatCard inset label="今日答题" value={`${summary.answered} 题`} />
              <StatCard
                inset
                label="正确率"
                value={summary.accuracy === null ? "—" : `${Math.round(summary.accuracy * 100)}%`}
              />
              <StatCard inset label="用时" value={formatDuration(summary.timeSpentMs)} />
              <StatCard inset label="连续学习" value={`${summary.streak} 天`} />
            </div>
          ) : (
            <p className="text-stone-700">
              {summary.newLeft > 0
                ? "今天没有到期的复习，今日新考点已达上限。"
                : "今天没有到期的复习，所有考点都已学过。"}
            </p>
          )}
          <p className="text-stone-700">
            明天待复习 {summary.tomorrowDue} 题。
            {summary.tomorrowDue === 0 && summary.nextDueDay && summary.nextDueDay > summary.today
              ? `下次复习在 ${shortChineseDate(summary.nextDueDay)}。`
              : ""}
          </p>
          <div className="flex flex-wrap gap-3">
            {summary.newLeft > 0 ? (
              <Link
                to={`/study?extra=${extra + 5}`}
                className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
              >
                再学 5 个新考点
              </Link>
            ) : null}
            <Link
              to="/sets"
              className="rounded-lg border border-stone-300 px-4 py-2 font-medium text-stone-700 hover:bg-stone-50"
            >
              练习题集
            </Link>
            <Link
              to="/progress"
              className="rounded-lg border border-stone-300 px-4 py-2 font-medium text-stone-700 hover:bg-stone-50"
            >
              查看进度
            </Link>
          </div>
        </section>
      ) : null}
    </div>
  );
}
