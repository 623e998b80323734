import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { PracticeHeader } from "~/components/practice-header";
import { QuestionCard } from "~/components/question-card";
import { handleQuestionAction } from "~/study/actions.server";
import { StudyError } from "~/study/session.server";
import { practiceQuestion, setOverview, startAttempt } from "~/study/sets.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.overview.set.title} · 学而` : "题集 · 学而" },
];

const searchSchema = z.object({ practice: z.coerce.number().int().min(1).optional().catch(undefined) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw new Response("Not Found", { status: 404 });
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const overview = await setOverview(user.id, id.data, requestNow(request, context));
    const practice = search.practice
      ? await practiceQuestion(user.id, id.data, search.practice - 1, requestNow(request, context))
      : null;
    return { overview, practice };
  } catch (error) {
    if (error instanceof StudyError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

// 0: no limit. The page offers limits that fit the quiz's number of questions; an assignment's limit caps any choice on the server.
const startSchema = z.object({
  intent: z.literal("start-quiz"),
  timeLimit: z.coerce.number().int().min(0).max(600).default(0),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw new Response("Not Found", { status: 404 });
  if ((await request.clone().formData()).get("intent") === "start-quiz") {
    const parsed = startSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return data({ error: "请选择有效的时间限制。" }, { status: 400 });
    try {
      const attemptId = await startAttempt(
        user.id,
        id.data,
        parsed.data.timeLimit || null,
        requestNow(request, context),
      );
      return redirect(`/attempts/${attemptId}`);
    } catch (error) {
      // An unpublished set, or one not open to this learner: the loader's 404, not a 500.
      if (error instanceof StudyError) throw new Response(error.message, { status: error.status });
      throw error;
    }
  }
  return handleQuestionAction(request, user.id, context);
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  ["answer", "report", "bookmark"].includes(String(formData?.get("intent"))) ? false : defaultShouldRevalidate;

export default function SetPage() {
  const { overview, practice } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { set, quiz, assignment } = overview;

  if (practice?.blocked) {
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <Link to={`/sets/${set.id}`} className="text-sm text-stone-500 hover:text-brand-700">
          ← {set.title}
        </Link>
        <section role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-5">
          <h1 className="text-lg font-semibold text-amber-900">测验进行中，暂不能练习</h1>
          <p className="mt-1 text-stone-700">
            你在这个题集有一次尚未交卷的测验。练习会显示答案，请先完成测验并交卷，再来练习。
          </p>
          <Link
            to={`/attempts/${practice.attemptId}`}
            className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            继续测验
          </Link>
        </section>
      </div>
    );
  }

  if (practice && !practice.question) {
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <Link to={`/sets/${set.id}`} className="text-sm text-stone-500 hover:text-brand-700">
          ← {set.title}
        </Link>
        <section role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-5">
          <h1 className="text-lg font-semibold text-emerald-900">今天的练习到这里</h1>
          <p className="mt-1 text-stone-700">
            剩下的题目与你今天已经做过的题考的是同一内容（题干里就有答案），明天再练效果更好。
          </p>
          <Link
            to={`/sets/${set.id}`}
            className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            返回题集
          </Link>
        </section>
      </div>
    );
  }

  if (practice?.question) {
    const last = practice.index + 1 >= practice.total;
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <PracticeHeader
          backTo={`/sets/${set.id}`}
          backLabel={set.title}
          title="题集练习"
          index={practice.index}
          total={practice.total}
        />
        <QuestionCard
          key={practice.question.token}
          question={practice.question}
          action={`/sets/${set.id}?${searchParams}`}
          continueLabel={last ? "完成练习" : "下一题"}
          onContinue={() => navigate(last ? `/sets/${set.id}` : `/sets/${set.id}?practice=${practice.index + 2}`)}
        />
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to="/sets" className="text-sm text-stone-500 hover:text-brand-700">
          ← 题集
        </Link>
        <h1 className="mt-2 text-2xl font-semibold leading-snug">{set.title}</h1>
        {set.description ? <p className="mt-1 text-stone-600">{set.description}</p> : null}
        <p className="mt-1 text-sm text-stone-500">共 {set.questions} 道题</p>
      </div>
      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">练习</h2>
        <p className="mt-1 text-sm text-stone-600">逐题作答并立即看到解析，答题结果计入你的复习计划。</p>
        {overview.runningAttemptId ? (
          <p className="mt-3 text-sm text-amber-800">
            测验进行中：交卷后才能练习这个题集。
            <Link to={`/attempts/${overview.runningAttemptId}`} className="ml-2 text-brand-700 hover:underline">
              继续测验
            </Link>
          </p>
        ) : (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            {overview.resumeAt ? (
              <Link
                to={`/sets/${set.id}?practice=${overview.resumeAt}`}
                className="inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
              >
                继续练习（第 {overview.resumeAt} / {set.questions} 题）
              </Link>
            ) : null}
            <Link
              to={`/sets/${set.id}?practice=1`}
              className={
                overview.resumeAt
                  ? "inline-block rounded-lg border border-stone-300 px-4 py-2 font-medium text-stone-700 hover:bg-stone-50"
                  : "inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
              }
            >
              {overview.resumeAt ? "从头练习" : "开始练习"}
            </Link>
          </div>
        )}
      </section>
      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm" aria-labelledby="quiz-title">
        <h2 id="quiz-title" className="font-semibold">
          测验
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          每次随机抽取 {quiz.questions}{" "}
          道题（每个考点一题，题型混合，顺序打乱），每题作答一次，交卷后公布答案和得分（百分制）。
        </p>
        <QuizRules overview={overview} />
        <Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="start-quiz" />
          {assignment?.timeLimitSec ? (
            <input type="hidden" name="timeLimit" value="0" />
          ) : (
            <label className="text-sm text-stone-700">
              时间限制{" "}
              <select
                name="timeLimit"
                defaultValue="0"
                className="ml-1 rounded-lg border border-stone-300 bg-white px-2 py-1.5"
              >
                <option value="0">不限时</option>
                {quiz.limitChoices.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {minutes} 分钟{minutes === quiz.suggestedMinutes ? "（建议）" : ""}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button
            type="submit"
            disabled={navigation.state !== "idle"}
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            开始测验
          </button>
        </Form>
        {overview.attempts.length > 0 ? (
          <ul className="mt-4 divide-y divide-stone-100 text-sm">
            {overview.attempts.map((attempt) => (
              <li key={attempt.id} className="flex items-center justify-between py-2">
                <span className="text-stone-600">
                  {new Date(attempt.startedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}
                </span>
                <Link to={`/attempts/${attempt.id}`} className="text-brand-700 hover:underline">
                  {attempt.submittedAt ? `${attempt.score} 分` : "继续作答"}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

function when(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString("zh-CN", {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
}

/** What the learner should know before starting: the assignment's limit, dates, attempts and how the score counts. */
function QuizRules({ overview }: { overview: ReturnType<typeof useLoaderData<typeof loader>>["overview"] }) {
  const { assignment } = overview;
  if (!assignment) {
    return <p className="mt-1 text-sm text-stone-600">可以多次测验，成绩只记在你自己的测验记录里。</p>;
  }
  const limit = assignment.timeLimitSec ? `${Math.round(assignment.timeLimitSec / 60)} 分钟（到时自动交卷）` : "不限时";
  return (
    <dl
      className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-stone-50 p-3 text-sm"
      aria-label="作业要求"
    >
      <dt className="text-stone-500">小组作业</dt>
      <dd>{assignment.group}</dd>
      <dt className="text-stone-500">开放时间</dt>
      <dd>{assignment.opensAt ? when(assignment.opensAt, assignment.timeZone) : "已开放"}</dd>
      <dt className="text-stone-500">截止时间</dt>
      <dd className={assignment.overdue ? "text-red-700" : ""}>
        {assignment.dueAt ? when(assignment.dueAt, assignment.timeZone) : "不设截止"}
        {assignment.overdue ? "（已截止，现在交卷记为迟交）" : ""}
      </dd>
      <dt className="text-stone-500">时间限制</dt>
      <dd>{limit}</dd>
      <dt className="text-stone-500">作答次数</dt>
      <dd>不限次数</dd>
      <dt className="text-stone-500">计分方式</dt>
      <dd>
        小组成绩只计第一次交卷的得分，之后的测验只作练习。
        {assignment.countedAttemptId ? (
          <span className="block text-stone-600">
            你已交卷，计入成绩的是{" "}
            <Link to={`/attempts/${assignment.countedAttemptId}`} className="text-brand-700 hover:underline">
              {assignment.countedScore ?? 0} 分
            </Link>
            。
          </span>
        ) : null}
      </dd>
    </dl>
  );
}
