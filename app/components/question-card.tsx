import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FORMAT_LABELS, KIND_LABELS, OPTION_LETTERS } from "~/study/labels";
import { UNDO_WINDOW_MS } from "~/study/undo";
import { blankCount } from "~/questions/blanks";
import { CorrectAnswer, SourceQuote } from "./answer-review";
import type { AnswerResult, PresentedQuestion } from "~/study/session.server";

// Type-only imports: erased at build, so no server code reaches the browser.
export type ShownQuestion = Omit<PresentedQuestion, "isNew"> & { isNew?: boolean };
export type ShownResult = AnswerResult;

type AnswerData = { result?: ShownResult; error?: string };

/**
 * One question: options or a blank, answered with the mouse or the keyboard (1–4 or A–D to pick,
 * Enter to submit and then to continue), checked on the server, then the verdict, the right answer
 * and the source sentence with a link to it in the document.
 */
export function QuestionCard<More extends object = object>({
  question,
  action,
  answerUrl,
  onContinue,
  continueLabel = "继续",
  undoUrl,
  onUndo,
  onAnswered,
}: {
  question: ShownQuestion;
  /** Where the form posts answers and reports (the route's action). */
  action: string;
  /** If set, answers are posted there as JSON instead (`More`: what else its response carries, the study page's next question). */
  answerUrl?: string;
  /** Called with the answer's response when the learner continues. */
  onContinue: (answered: (AnswerData & Partial<More>) | undefined) => void;
  continueLabel?: string;
  /** If set, 撤销 is offered for a few seconds after an answer, posting the token there as JSON. */
  undoUrl?: string;
  /** Called with the undo's response (the question shown again). */
  onUndo?: (undone: Partial<More>) => void;
  /** Called once the answer is recorded (a quiz's 答题卡 counts it before moving on). */
  onAnswered?: () => void;
}) {
  const fetcher = useFetcher<AnswerData & Partial<More>>();
  const posted = useJsonAnswer<AnswerData & Partial<More>>(answerUrl);
  const answeredData = answerUrl ? posted.data : fetcher.data;
  const [chosen, setChosen] = useState<string[]>([]);
  const [text, setText] = useState("");
  // A fill-in with several blanks takes one answer per blank, in order.
  const blanks = question.format === "fill" ? Math.max(1, blankCount(question.stem)) : 0;
  const [slotTexts, setSlotTexts] = useState<string[]>(() => Array.from({ length: blanks }, () => ""));
  const shownAt = useRef(Date.now());
  const formRef = useRef<HTMLFormElement>(null);
  const result = answeredData?.result;
  // A quiz records the answer without revealing it: nothing to mark on the options.
  const revealed = result && !result.hidden ? result : undefined;
  const error = answeredData?.error;
  const submitting = answerUrl ? posted.pending : fetcher.state !== "idle";
  const multiple = question.format === "multiple";
  const answeredOnce = useRef(false);
  useEffect(() => {
    if (result && !answeredOnce.current) {
      answeredOnce.current = true;
      onAnswered?.();
    }
  }, [result, onAnswered]);

  const pick = (option: string) =>
    setChosen((current) =>
      multiple ? (current.includes(option) ? current.filter((c) => c !== option) : [...current, option]) : [option],
    );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      // Typing in a text field: its keys are letters and digits, not option picks. A focused
      // radio or checkbox (after a click) is not typing: 1–4 and A–D still pick.
      const typing =
        target.tagName === "TEXTAREA" ||
        (target instanceof HTMLInputElement && !["radio", "checkbox"].includes(target.type)) ||
        target.isContentEditable;
      if (result) {
        // Enter on another control (报告问题, 提交报告, the source link, the report field) is that
        // control's, not 继续.
        const ownControl = target.closest("button, a, textarea, input, select") !== null;
        if (event.key === "Enter" && !ownControl) {
          event.preventDefault();
          onContinue(answeredData);
        }
        return;
      }
      if (typing || event.metaKey || event.ctrlKey || event.altKey) return;
      const index = /^[1-8]$/.test(event.key) ? Number(event.key) - 1 : OPTION_LETTERS.indexOf(event.key.toUpperCase());
      if (index >= 0 && index < question.options.length) {
        event.preventDefault();
        pick(question.options[index]!);
      } else if (event.key === "Enter" && target.tagName !== "BUTTON" && target.tagName !== "A") {
        event.preventDefault();
        formRef.current?.requestSubmit();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const answered = result !== undefined;
  const canSubmit =
    question.format === "fill"
      ? blanks > 1
        ? slotTexts.every((t) => t.trim().length > 0)
        : text.trim().length > 0
      : chosen.length > 0;

  return (
    <div className="space-y-4">
      <div className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <p className="flex flex-wrap gap-2 text-xs">
          <span className="rounded bg-stone-100 px-2 py-0.5 text-stone-600">{FORMAT_LABELS[question.format]}</span>
          <span className="rounded bg-brand-50 px-2 py-0.5 text-brand-700">
            {KIND_LABELS[question.kind] ?? question.kind}
          </span>
          {question.isNew ? <span className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-700">新考点</span> : null}
        </p>
        <h2 className="mt-3 text-lg leading-8 text-stone-900" id={`stem-${question.token}`}>
          {question.stem}
        </h2>
        <fetcher.Form
          ref={formRef}
          method="post"
          action={action}
          className="mt-4 space-y-2"
          aria-labelledby={`stem-${question.token}`}
          onSubmit={(event) => {
            if (!canSubmit || answered || (answerUrl && posted.pending)) event.preventDefault();
            else if (answerUrl) {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              posted.post({
                token: question.token,
                answer: form.getAll("answer").map(String),
                durationMs: Date.now() - shownAt.current,
              });
            }
          }}
        >
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="token" value={question.token} />
          <input type="hidden" name="durationMs" value={String(Date.now() - shownAt.current)} />
          {question.format === "fill" && blanks > 1 ? (
            <div className="grid gap-2 sm:grid-cols-2">
              {slotTexts.map((value, index) => (
                <div key={index} className="flex items-center gap-2">
                  <label htmlFor={`fill-${question.token}-${index}`} className="shrink-0 text-sm text-stone-500">
                    第{index + 1}空
                  </label>
                  <input
                    id={`fill-${question.token}-${index}`}
                    name="answer"
                    value={value}
                    onChange={(e) =>
                      setSlotTexts((current) => current.map((t, i) => (i === index ? e.target.value : t)))
                    }
                    disabled={answered}
                    autoComplete="off"
                    autoFocus={index === 0}
                    placeholder={index === 0 ? "每空填一项" : undefined}
                    className="block w-full rounded-lg border border-stone-300 px-3 py-2.5 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
                  />
                </div>
              ))}
            </div>
          ) : question.format === "fill" ? (
            <div>
              <label htmlFor={`fill-${question.token}`} className="sr-only">
                填写答案
              </label>
              <input
                id={`fill-${question.token}`}
                name="answer"
                value={text}
                onChange={(e) => setText(e.target.value)}
                disabled={answered}
                autoComplete="off"
                autoFocus
                placeholder="填写答案，按 Enter 提交"
                className="block w-full rounded-lg border border-stone-300 px-3 py-2.5 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
              />
            </div>
          ) : (
            <fieldset className="space-y-2" disabled={answered}>
              <legend className="sr-only">{multiple ? "选择所有正确的选项" : "选择一个选项"}</legend>
              {question.options.map((option, index) => {
                const selected = chosen.includes(option);
                const isAnswer = revealed?.answer.includes(option) ?? false;
                const wrongPick = revealed !== undefined && selected && !isAnswer;
                return (
                  <label
                    key={option}
                    className={`flex cursor-pointer items-start gap-3 rounded-xl border px-3 py-2.5 ${
                      revealed && isAnswer
                        ? "border-emerald-500 bg-emerald-50"
                        : wrongPick
                          ? "border-red-400 bg-red-50"
                          : selected
                            ? "border-brand-600 bg-brand-50"
                            : "border-stone-200 hover:bg-stone-50"
                    }`}
                  >
                    <input
                      type={multiple ? "checkbox" : "radio"}
                      name="answer"
                      value={option}
                      checked={selected}
                      onChange={() => pick(option)}
                      className="mt-1.5"
                    />
                    <span className="w-5 shrink-0 font-medium text-stone-500">{OPTION_LETTERS[index]}</span>
                    <span className="leading-7">{option}</span>
                  </label>
                );
              })}
            </fieldset>
          )}
          {!answered ? (
            <div className="flex items-center justify-between gap-3 pt-2">
              <p className="hidden text-xs text-stone-400 sm:block">
                {question.format === "fill"
                  ? blanks > 1
                    ? `共 ${blanks} 个空，每空一项（顺序不限），Enter 提交`
                    : "Enter 提交"
                  : `按 1–${question.options.length} 或 A–${OPTION_LETTERS[question.options.length - 1]} 选择，Enter 提交`}
                {multiple ? "（多选：选出全部正确选项）" : ""}
              </p>
              <button
                type="submit"
                disabled={!canSubmit || submitting}
                className="ml-auto rounded-lg bg-brand-600 px-6 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-50"
              >
                {submitting ? "正在提交…" : "提交"}
              </button>
            </div>
          ) : null}
          {error ? (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          ) : null}
        </fetcher.Form>
      </div>

      {result ? (
        <Feedback
          result={result}
          token={question.token}
          action={action}
          onContinue={() => onContinue(answeredData)}
          continueLabel={continueLabel}
          undo={undoUrl && onUndo ? <UndoButton url={undoUrl} token={question.token} onUndo={onUndo} /> : null}
        />
      ) : null}
    </div>
  );
}

/**
 * Posts an answer as JSON and keeps the response. A lost session goes to the login page (and back
 * here after it), a response that names a page to go to (a temporary password) there; other
 * failures show their message.
 */
function useJsonAnswer<T extends AnswerData>(url: string | undefined) {
  const [state, setState] = useState<{ pending: boolean; data?: T }>({ pending: false });
  const post = async (body: { token: string; answer: string[]; durationMs: number }) => {
    if (!url) return;
    setState({ pending: true });
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (response.status === 401) {
        window.location.assign(
          `/login?redirectTo=${encodeURIComponent(window.location.pathname + window.location.search)}`,
        );
        return;
      }
      const text = await response.text();
      let data: (T & { redirectTo?: string }) | null = null;
      try {
        data = JSON.parse(text) as T & { redirectTo?: string };
      } catch {
        // Not JSON (a proxy's or the origin check's plain-text refusal): its text is the message.
      }
      if (data?.redirectTo) {
        window.location.assign(data.redirectTo);
        return;
      }
      const failed = !response.ok || !data;
      const plain = response.headers.get("Content-Type")?.startsWith("text/plain") && text.trim() !== "";
      const message = data?.error ?? (plain ? text.trim().slice(0, 200) : "服务器出错，请刷新页面后重试。");
      setState({ pending: false, data: failed ? ({ error: message } as T) : data! });
    } catch {
      setState({ pending: false, data: { error: "网络异常，答案没有提交，请重试。" } as T });
    }
  };
  return { ...state, post };
}

function Feedback({
  result,
  token,
  action,
  onContinue,
  continueLabel,
  undo,
}: {
  result: ShownResult;
  token: string;
  action: string;
  onContinue: () => void;
  continueLabel: string;
  undo?: React.ReactNode;
}) {
  const continueRef = useRef<HTMLButtonElement>(null);
  useEffect(() => continueRef.current?.focus(), []);
  if (result.hidden) {
    return (
      <div role="status" className="flex items-center justify-between rounded-2xl border border-stone-200 bg-white p-4">
        <p className="text-stone-700">已作答，交卷后公布答案。</p>
        <button
          ref={continueRef}
          type="button"
          onClick={onContinue}
          className="rounded-lg bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
        >
          {continueLabel}
        </button>
      </div>
    );
  }
  return (
    <div
      className={`space-y-3 rounded-2xl border p-5 ${result.correct ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`}
    >
      <p role="status" className={`text-lg font-semibold ${result.correct ? "text-emerald-800" : "text-red-800"}`}>
        {result.correct ? "回答正确" : "回答错误"}
      </p>
      <CorrectAnswer
        format={result.format}
        answer={result.answer}
        given={result.correct && result.format !== "multiple" ? null : result.given}
        blanks={result.blanks}
      />
      <SourceQuote
        quote={result.sourceQuote}
        items={result.sourceItems}
        document={result.document}
        sourcePath={result.sourcePath}
        passageOrdinal={result.passageOrdinal}
      />
      {result.explanation ? <p className="text-sm leading-6 text-stone-600">{result.explanation}</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          {undo}
          <BookmarkButton token={token} action={action} />
          <ReportButton token={token} action={action} />
        </div>
        <button
          ref={continueRef}
          type="button"
          onClick={onContinue}
          className="rounded-lg bg-brand-600 px-6 py-2.5 font-medium text-white hover:bg-brand-700"
        >
          {continueLabel}
        </button>
      </div>
    </div>
  );
}

/**
 * 撤销 for UNDO_WINDOW_MS after the answer (a tap on the wrong option): the server takes the answer
 * back, on its own clock, and the same question comes again. Gone when the time is up.
 */
function UndoButton<More extends object>({
  url,
  token,
  onUndo,
}: {
  url: string;
  token: string;
  onUndo: (undone: Partial<More>) => void;
}) {
  const [left, setLeft] = useState(Math.ceil(UNDO_WINDOW_MS / 1000));
  const [state, setState] = useState<{ pending: boolean; error?: string }>({ pending: false });
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      const remaining = Math.ceil((UNDO_WINDOW_MS - (Date.now() - started)) / 1000);
      setLeft(remaining);
      if (remaining <= 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, []);
  if (state.error) return <p className="text-sm text-red-600">{state.error}</p>;
  if (left <= 0) return null;
  const undo = async () => {
    setState({ pending: true });
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token }),
      });
      const data = (await response.json().catch(() => null)) as (Partial<More> & { error?: string }) | null;
      if (!response.ok || !data) setState({ pending: false, error: data?.error ?? "撤销失败，请刷新页面后重试。" });
      else onUndo(data);
    } catch {
      setState({ pending: false, error: "网络异常，没有撤销。" });
    }
  };
  return (
    <button
      type="button"
      onClick={undo}
      disabled={state.pending}
      className="rounded-lg border border-stone-300 bg-white px-3 py-1 text-sm text-stone-700 hover:bg-stone-50 disabled:opacity-50"
    >
      撤销（{left} 秒）
    </button>
  );
}

/** 收藏: keeps the question for the learner's 收藏 list (removed there). */
function BookmarkButton({ token, action }: { token: string; action: string }) {
  const fetcher = useFetcher<{ bookmarked?: boolean; error?: string }>();
  if (fetcher.data?.bookmarked) return <p className="text-sm text-amber-800">★ 已收藏</p>;
  return (
    <fetcher.Form method="post" action={action}>
      <input type="hidden" name="intent" value="bookmark" />
      <input type="hidden" name="token" value={token} />
      <button
        type="submit"
        disabled={fetcher.state !== "idle"}
        className="text-sm text-stone-500 underline-offset-2 hover:text-amber-800 hover:underline"
      >
        ☆ 收藏
      </button>
      {fetcher.data?.error ? <span className="ml-2 text-sm text-red-600">{fetcher.data.error}</span> : null}
    </fetcher.Form>
  );
}

function ReportButton({ token, action }: { token: string; action: string }) {
  const fetcher = useFetcher<{ reported?: boolean; error?: string }>();
  const [open, setOpen] = useState(false);
  if (fetcher.data?.reported) {
    return <p className="text-sm text-stone-600">已报告，谢谢！管理员会尽快核实。</p>;
  }
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="text-sm text-stone-500 underline-offset-2 hover:text-stone-800 hover:underline"
      >
        报告问题
      </button>
    );
  }
  return (
    <fetcher.Form method="post" action={action} className="flex w-full flex-col gap-2 sm:w-auto sm:flex-row">
      <input type="hidden" name="intent" value="report" />
      <input type="hidden" name="token" value={token} />
      <label htmlFor={`report-${token}`} className="sr-only">
        问题说明（选填）
      </label>
      <input
        id={`report-${token}`}
        name="comment"
        maxLength={500}
        placeholder="哪里有问题？（选填）"
        className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm"
      />
      <button
        type="submit"
        disabled={fetcher.state !== "idle"}
        className="rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50"
      >
        提交报告
      </button>
    </fetcher.Form>
  );
}

export { Form };
