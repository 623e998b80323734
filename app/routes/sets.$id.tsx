import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { QuestionCard } from "~/components/question-card";
import { handleQuestionAction } from "~/study/actions.server";
import { StudyError } from "~/study/session.server";
import { practiceQuestion, setOverview, startAttempt } from "~/study/sets.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.overview.set.title} · 学而` : "题集 · 学而" }];

const searchSchema = z.object({ practice: z.coerce.number().int().min(1).optional().catch(undefined) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw new Response("Not Found", { status: 404 });
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const overview = await setOverview(user.id, id.data, requestNow(request, context));
    const practice = search.practice ? await practiceQuestion(user.id, id.data, search.practice - 1, requestNow(request, context)) : null;
    return { overview, practice };
  } catch (error) {
    if (error instanceof StudyError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

const startSchema = z.object({ intent: z.literal("start-quiz"), timeLimit: z.coerce.number().int().refine((n) => [0, 10, 20, 30, 60].includes(n)) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw new Response("Not Found", { status: 404 });
  if ((await request.clone().formData()).get("intent") === "start-quiz") {
    const parsed = startSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return data({ error: "请选择有效的时间限制。" }, { status: 400 });
    try {
      const attemptId = await startAttempt(user.id, id.data, parsed.data.timeLimit || null, requestNow(request, context));
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
  formData?.get("intent") === "answer" || formData?.get("intent") === "report" ? false : defaultShouldRevalidate;

export default function SetPage() {
  const { overview, practice } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { set } = overview;

  if (practice?.blocked) {
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <Link to={`/sets/${set.id}`} className="text-sm text-stone-500 hover:text-brand-700">
          ← {set.title}
        </Link>
        <section role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-5">
          <h1 className="text-lg font-semibold text-amber-900">测验进行中，暂不能练习</h1>
          <p className="mt-1 text-stone-700">你在这个题集有一次尚未交卷的测验。练习会显示答案，请先完成测验并交卷，再来练习。</p>
          <Link to={`/attempts/${practice.attemptId}`} className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            继续测验
          </Link>
        </section>
      </div>
    );
  }

  if (practice) {
    const last = practice.index + 1 >= practice.total;
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <div className="flex items-end justify-between gap-3">
          <div>
            <Link to={`/sets/${set.id}`} className="text-sm text-stone-500 hover:text-brand-700">
              ← {set.title}
            </Link>
            <h1 className="mt-1 text-xl font-semibold">题集练习</h1>
          </div>
          <p className="text-sm text-stone-500">
            第 {practice.index + 1} / {practice.total} 题
          </p>
        </div>
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
          <Link to={`/sets/${set.id}?practice=1`} className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            开始练习
          </Link>
        )}
      </section>
      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 className="font-semibold">测验</h2>
        <p className="mt-1 text-sm text-stone-600">每题作答一次，交卷后公布答案和得分（百分制）。</p>
        <Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="start-quiz" />
          <label className="text-sm text-stone-700">
            时间限制{" "}
            <select name="timeLimit" defaultValue="0" className="ml-1 rounded-lg border border-stone-300 bg-white px-2 py-1.5">
              <option value="0">不限时</option>
              <option value="10">10 分钟</option>
              <option value="20">20 分钟</option>
              <option value="30">30 分钟</option>
              <option value="60">60 分钟</option>
            </select>
          </label>
          <button type="submit" disabled={navigation.state !== "idle"} className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            开始测验
          </button>
        </Form>
        {overview.attempts.length > 0 ? (
          <ul className="mt-4 divide-y divide-stone-100 text-sm">
            {overview.attempts.map((attempt) => (
              <li key={attempt.id} className="flex items-center justify-between py-2">
                <span className="text-stone-600">{new Date(attempt.startedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}</span>
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
