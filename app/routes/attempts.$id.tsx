import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator, useSubmit, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { CorrectAnswer, SourceQuote } from "~/components/answer-review";
import { QuestionCard } from "~/components/question-card";
import { handleQuestionAction } from "~/study/actions.server";
import { FORMAT_LABELS } from "~/study/labels";
import { StudyError } from "~/study/session.server";
import { attemptState, finishAttempt } from "~/study/sets.server";

export const meta: MetaFunction = () => [{ title: "测验 · 学而" }];

async function load(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const parsed = z.string().uuid().safeParse(id);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return { user, attemptId: parsed.data };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, attemptId } = await load(request, params.id);
  try {
    return await attemptState(user.id, attemptId, requestNow(request, context));
  } catch (error) {
    if (error instanceof StudyError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, attemptId } = await load(request, params.id);
  if ((await request.clone().formData()).get("intent") === "finish") {
    try {
      await finishAttempt(user.id, attemptId, requestNow(request, context));
    } catch (error) {
      if (error instanceof StudyError) throw new Response(error.message, { status: error.status });
      throw error;
    }
    return { finished: true };
  }
  return handleQuestionAction(request, user.id, context);
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "answer" || formData?.get("intent") === "report" ? false : defaultShouldRevalidate;

/**
 * The time left, ending once: at 0:00 `onEnd` runs a single time and the clock stops. (It used to
 * call `onEnd` on every render past the deadline, each call aborting the previous revalidation:
 * hundreds of requests a second and never a result.)
 */
function Countdown({ deadline, onEnd }: { deadline: string; onEnd: () => void }) {
  const [left, setLeft] = useState<number | null>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    let ended = false;
    const tick = () => {
      const ms = new Date(deadline).getTime() - Date.now();
      setLeft(Math.max(0, ms));
      if (ms <= 0 && !ended) {
        ended = true;
        clearInterval(timer);
        onEndRef.current();
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
    return () => clearInterval(timer);
  }, [deadline]);
  if (left === null) return null;
  const seconds = Math.ceil(left / 1000);
  return (
    <span className={`tabular-nums ${seconds < 60 ? "text-red-600" : ""}`} role="timer" aria-label="剩余时间">
      剩余 {Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, "0")}
    </span>
  );
}

export default function AttemptPage() {
  const state = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const submit = useSubmit();
  const timeUp = useRef(false);
  // Time is up: the attempt is submitted once (the server closes it at its deadline whatever the
  // page does); the action's revalidation then shows the result.
  const onTimeUp = useCallback(() => {
    if (timeUp.current) return;
    timeUp.current = true;
    submit({ intent: "finish" }, { method: "post" });
  }, [submit]);

  if (!state.finished) {
    const { attempt, question } = state;
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <p className="text-sm text-stone-500">测验 · {attempt.title}</p>
            <h1 className="text-xl font-semibold">
              第 {attempt.answered + 1} / {attempt.total} 题
            </h1>
          </div>
          <div className="flex items-center gap-3 text-sm text-stone-600">
            {attempt.deadline ? <Countdown deadline={attempt.deadline} onEnd={onTimeUp} /> : null}
            <Form
              method="post"
              onSubmit={(event) => {
                if (!window.confirm(`还有 ${attempt.total - attempt.answered} 题未答，确定交卷吗？未答的题按错误计分。`)) event.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="finish" />
              <button type="submit" disabled={navigation.state !== "idle"} className="rounded-lg border border-stone-300 px-3 py-1.5 hover:bg-stone-50">
                交卷
              </button>
            </Form>
          </div>
        </div>
        <QuestionCard key={question.token} question={question} action={`/attempts/${attempt.id}`} continueLabel="下一题" onContinue={() => revalidator.revalidate()} />
      </div>
    );
  }

  const { attempt, mistakes } = state;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to={`/sets/${attempt.setId}`} className="text-sm text-stone-500 hover:text-brand-700">
          ← {attempt.title}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">测验结果</h1>
        {attempt.timedOut ? <p className="mt-1 text-sm text-amber-800">时间到，已自动交卷，未答的题按错误计分。</p> : null}
      </div>
      <section className="rounded-2xl border border-stone-200 bg-white p-6 text-center shadow-sm">
        <p className="text-5xl font-bold text-brand-700">{attempt.score}</p>
        <p className="mt-2 text-stone-600">
          共 {attempt.total} 题，答对 {attempt.correct} 题
        </p>
      </section>
      {mistakes.length === 0 ? (
        <p className="rounded-xl bg-emerald-50 p-4 text-center text-emerald-800">全部正确，太棒了！</p>
      ) : (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">错题（{mistakes.length}）</h2>
          <ol className="space-y-3">
            {mistakes.map((item) => (
              <li key={item.index} className="rounded-xl border border-red-200 bg-white p-4">
                <p className="text-xs text-stone-500">
                  第 {item.index} 题 · {FORMAT_LABELS[item.format]}
                </p>
                <p className="mt-1 leading-7">{item.stem}</p>
                <div className="mt-2 space-y-2 text-sm">
                  <CorrectAnswer format={item.format} answer={item.answer} given={item.given ?? []} />
                  <SourceQuote quote={item.sourceQuote} items={item.sourceItems} document={item.document} sourcePath={item.sourcePath} passageOrdinal={item.passageOrdinal} />
                </div>
                {item.explanation ? <p className="mt-2 text-sm leading-6 text-stone-600">解析：{item.explanation}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
