import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  useLoaderData,
  useNavigate,
  useNavigation,
  useRevalidator,
  useSearchParams,
  useSubmit,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { ConfirmDialog } from "~/components/admin/confirm";
import { CorrectAnswer, SourceQuote } from "~/components/answer-review";
import { PracticeHeader } from "~/components/practice-header";
import { QuestionCard } from "~/components/question-card";
import { handleQuestionAction } from "~/study/actions.server";
import { FORMAT_LABELS } from "~/study/labels";
import { StudyError } from "~/study/session.server";
import { attemptState, finishAttempt, mistakePractice, type MistakePractice } from "~/study/sets.server";
import { blankCount } from "~/questions/blanks";

export const meta: MetaFunction = () => [{ title: "测验 · 学而" }];

async function load(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const parsed = z.string().uuid().safeParse(id);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return { user, attemptId: parsed.data };
}

const searchSchema = z.object({
  retry: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
  q: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, attemptId } = await load(request, params.id);
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const now = requestNow(request, context);
    if (search.retry) return { retry: await mistakePractice(user.id, attemptId, search.retry - 1, now) };
    return { retry: null, ...(await attemptState(user.id, attemptId, now, search.q ? search.q - 1 : undefined)) };
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
  ["answer", "report", "bookmark"].includes(String(formData?.get("intent"))) ? false : defaultShouldRevalidate;

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

/** 错题重练: the quiz's mistakes one by one, answered as practice. */
function MistakeRetry({ retry }: { retry: MistakePractice }) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  if (retry.blocked) {
    return (
      <section role="alert" className="mx-auto max-w-2xl rounded-xl border border-amber-200 bg-amber-50 p-5">
        <h1 className="text-lg font-semibold text-amber-900">测验进行中，暂不能练习</h1>
        <p className="mt-1 text-stone-700">你有一次尚未交卷的测验包含这些考点，请先完成测验并交卷。</p>
        <Link
          to={`/attempts/${retry.attemptId}`}
          className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          继续测验
        </Link>
      </section>
    );
  }
  if (!retry.question) {
    return (
      <section role="status" className="mx-auto max-w-2xl rounded-xl border border-emerald-200 bg-emerald-50 p-5">
        <h1 className="text-lg font-semibold text-emerald-900">错题重练完成</h1>
        <p className="mt-1 text-stone-700">共练习 {retry.total} 道错题，答题结果已计入你的复习计划。</p>
        <div className="mt-3 flex flex-wrap gap-3">
          <Link
            to={`/attempts/${retry.attemptId}`}
            className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium text-stone-700 hover:bg-stone-50"
          >
            返回测验结果
          </Link>
          <Link
            to={`/sets/${retry.setId}`}
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            返回题集
          </Link>
        </div>
      </section>
    );
  }
  const last = retry.index + 1 >= retry.total;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <PracticeHeader
        backTo={`/attempts/${retry.attemptId}`}
        backLabel={`测验结果 · ${retry.title}`}
        title="错题重练"
        index={retry.index}
        total={retry.total}
      />
      <QuestionCard
        key={retry.question.token}
        question={retry.question}
        action={`/attempts/${retry.attemptId}?${searchParams}`}
        continueLabel={last ? "完成重练" : "下一题"}
        onContinue={() => navigate(`/attempts/${retry.attemptId}?retry=${retry.index + 2}`)}
      />
    </div>
  );
}

export default function AttemptPage() {
  const loaded = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const submit = useSubmit();
  const navigate = useNavigate();
  const attemptKey = `xueer-flags-${loaded.retry ? "" : loaded.attempt.id}`;
  const [flagged, setFlagged] = useState<Set<number>>(new Set());
  // Flags are the learner's own notes for this attempt, kept in this tab: nothing the server grades.
  useEffect(() => {
    try {
      setFlagged(new Set(JSON.parse(sessionStorage.getItem(attemptKey) ?? "[]") as number[]));
    } catch {
      setFlagged(new Set());
    }
  }, [attemptKey]);
  const toggleFlag = (at: number) => {
    const next = new Set(flagged);
    if (next.has(at)) next.delete(at);
    else next.add(at);
    setFlagged(next);
    sessionStorage.setItem(attemptKey, JSON.stringify([...next]));
  };
  const [answeredHere, setAnsweredHere] = useState<string | null>(null);
  const timeUp = useRef(false);
  // Time is up: the attempt is submitted once (the server closes it at its deadline whatever the
  // page does); the action's revalidation then shows the result.
  const onTimeUp = useCallback(() => {
    if (timeUp.current) return;
    timeUp.current = true;
    submit({ intent: "finish" }, { method: "post" });
  }, [submit]);

  if (loaded.retry) return <MistakeRetry retry={loaded.retry} />;
  const state = loaded;
  if (!state.finished) {
    const { attempt, question, index } = state;
    // The question on screen counts as answered once its answer is recorded, before 下一题 reloads the grid.
    const grid = answeredHere === question.token ? state.grid.map((done, at) => done || at === index) : state.grid;
    const unanswered = grid.filter((done) => !done).length;
    // The next unanswered question after this one (wrapping); none: the page asks the server, which scores it.
    const nextOpen = (from: number) => {
      for (let step = 1; step <= grid.length; step++) {
        const at = (from + step) % grid.length;
        if (!grid[at] && at !== index) return at;
      }
      return null;
    };
    const goTo = (at: number | null) =>
      at === null ? revalidator.revalidate() : navigate(`/attempts/${attempt.id}?q=${at + 1}`);
    return (
      <div className="mx-auto max-w-2xl space-y-5">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <p className="text-sm text-stone-500">测验 · {attempt.title}</p>
            <h1 className="text-xl font-semibold">
              第 {index + 1} / {attempt.total} 题
            </h1>
          </div>
          <div className="flex items-center gap-3 text-sm text-stone-600">
            {attempt.deadline ? <Countdown deadline={attempt.deadline} onEnd={onTimeUp} /> : null}
            <ConfirmDialog
              label="交卷"
              triggerClassName="rounded-lg border border-stone-300 px-3 py-1.5 hover:bg-stone-50"
              disabled={navigation.state !== "idle"}
              title="确定交卷吗？"
              confirmLabel="确认交卷"
              tone="primary"
              fields={[["intent", "finish"]]}
            >
              {unanswered > 0
                ? `还有 ${unanswered} 题未答，未答的题按错误计分。交卷后公布答案和得分。`
                : "所有题目都已作答。交卷后公布答案和得分。"}
            </ConfirmDialog>
          </div>
        </div>
        <AnswerSheet attemptId={attempt.id} grid={grid} current={index} flagged={flagged} />
        <div className="flex flex-wrap items-center justify-end gap-2 text-sm">
          <button
            type="button"
            aria-pressed={flagged.has(index)}
            onClick={() => toggleFlag(index)}
            className={`rounded-lg border px-3 py-1.5 ${flagged.has(index) ? "border-amber-400 bg-amber-50 text-amber-900" : "border-stone-300 hover:bg-stone-50"}`}
          >
            {flagged.has(index) ? "取消标记" : "标记本题"}
          </button>
          {nextOpen(index) !== null ? (
            <button
              type="button"
              onClick={() => goTo(nextOpen(index))}
              className="rounded-lg border border-stone-300 px-3 py-1.5 hover:bg-stone-50"
            >
              跳过
            </button>
          ) : null}
        </div>
        <QuestionCard
          key={question.token}
          question={question}
          action={`/attempts/${attempt.id}`}
          continueLabel="下一题"
          onContinue={() => goTo(nextOpen(index))}
          onAnswered={() => setAnsweredHere(question.token)}
        />
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
        {attempt.timedOut ? (
          <p className="mt-1 text-sm text-amber-800">时间到，已自动交卷，未答的题按错误计分。</p>
        ) : null}
      </div>
      <section className="rounded-2xl border border-stone-200 bg-white p-6 text-center shadow-sm">
        <p className="text-5xl font-bold text-brand-700" data-testid="attempt-score">
          <span>{attempt.score}</span>
          <span className="ml-1 text-2xl font-semibold">分</span>
        </p>
        <p className="mt-2 text-stone-600">
          共 {attempt.total} 题，答对 {attempt.correct} 题
        </p>
      </section>
      {mistakes.length === 0 ? (
        <p className="rounded-xl bg-emerald-50 p-4 text-center text-emerald-800">全部正确，太棒了！</p>
      ) : (
        <section className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">错题（{mistakes.length}）</h2>
            <Link
              to={`/attempts/${attempt.id}?retry=1`}
              className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              错题重练
            </Link>
          </div>
          <ol className="space-y-3">
            {mistakes.map((item) => (
              <li key={item.index} className="rounded-xl border border-red-200 bg-white p-4">
                <p className="text-xs text-stone-500">
                  第 {item.index} 题 · {FORMAT_LABELS[item.format]}
                </p>
                <p className="mt-1 leading-7">{item.stem}</p>
                <div className="mt-2 space-y-2 text-sm">
                  <CorrectAnswer
                    format={item.format}
                    answer={item.answer}
                    given={item.given ?? []}
                    blanks={blankCount(item.stem)}
                  />
                  <SourceQuote
                    quote={item.sourceQuote}
                    items={item.sourceItems}
                    document={item.document}
                    sourcePath={item.sourcePath}
                    passageOrdinal={item.passageOrdinal}
                  />
                </div>
                {item.explanation ? (
                  <p className="mt-2 text-sm leading-6 text-stone-600">解析：{item.explanation}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

/** The 答题卡: every question of the attempt, answered, flagged or unanswered; unanswered ones open on a click. */
function AnswerSheet({
  attemptId,
  grid,
  current,
  flagged,
}: {
  attemptId: string;
  grid: boolean[];
  current: number;
  flagged: Set<number>;
}) {
  const answered = grid.filter(Boolean).length;
  return (
    <nav aria-label="答题卡" className="rounded-xl border border-stone-200 bg-white p-3">
      <p className="mb-2 text-xs text-stone-500">
        答题卡：已答 {answered} · 未答 {grid.length - answered}
        {flagged.size > 0 ? ` · 已标记 ${flagged.size}` : ""}
      </p>
      <ol className="flex flex-wrap gap-1.5">
        {grid.map((done, at) => {
          const label = `第 ${at + 1} 题：${done ? "已答" : "未答"}${flagged.has(at) ? "，已标记" : ""}${at === current ? "（当前）" : ""}`;
          const look = `${done ? "bg-brand-600 text-white border-brand-600" : flagged.has(at) ? "bg-amber-50 border-amber-400 text-amber-900" : "bg-white border-stone-300 text-stone-700"} ${done && flagged.has(at) ? "outline outline-2 outline-offset-1 outline-amber-400" : ""} ${at === current ? "ring-2 ring-brand-300" : ""}`;
          return (
            <li key={at}>
              {done || at === current ? (
                <span
                  aria-label={label}
                  title={label}
                  className={`flex h-8 w-8 items-center justify-center rounded-md border text-sm tabular-nums ${look}`}
                >
                  {at + 1}
                </span>
              ) : (
                <Link
                  to={`/attempts/${attemptId}?q=${at + 1}`}
                  aria-label={label}
                  title={label}
                  className={`flex h-8 w-8 items-center justify-center rounded-md border text-sm tabular-nums hover:border-brand-600 ${look}`}
                >
                  {at + 1}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
