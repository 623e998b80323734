import { Link, useFetcher } from "@remix-run/react";
import { forwardRef } from "react";
import { FORMAT_LABELS, KIND_LABELS } from "~/study/labels";
import { AnswerList } from "./answer-list";
import type { QuestionStatus } from "./labels";
import { PassageContext, type PassageRef } from "./passage-context";
import { StatusBadge } from "./status-badge";

export interface QueueRowQuestion {
  id: string;
  format: keyof typeof FORMAT_LABELS;
  kind: string;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
  score: number;
  status: QuestionStatus;
  editedAt: string | Date | null;
  sourcePath: string[];
  sourceQuote: string;
  quote: string;
  document: { id: string; title: string };
  passage: PassageRef | null;
  openFlags: number;
}

export type ReviewActionData = { ok: true; message: string } | { ok: false; error: string };

export const reviewFetcherKey = (questionId: string) => `review-${questionId}`;

/**
 * One question of the queue beside its source passage. The row itself takes focus (j/k move it);
 * its approve/reject buttons carry data-decision so the keyboard handler can press them.
 */
export const QueueRow = forwardRef<
  HTMLElement,
  {
    question: QueueRowQuestion;
    editHref: string;
    selected: boolean;
    onSelect: (selected: boolean) => void;
    onFocus: () => void;
    /** Called as the row submits a review, so the page can follow the outcome after the row is gone. */
    onSubmitted: (id: string) => void;
  }
>(function QueueRow({ question, editHref, selected, onSelect, onFocus, onSubmitted }, ref) {
  const fetcher = useFetcher<ReviewActionData>({ key: reviewFetcherKey(question.id) });
  const pending = fetcher.state === "submitting";
  const pendingDecision = pending ? fetcher.formData?.get("decision") : null;
  // Success is announced by the page (see ReviewOutcome); an error stays beside the row's buttons.
  const result = fetcher.data;

  const retired = question.status === "retired";
  const headingId = `q-${question.id}-stem`;
  return (
    <article
      ref={ref}
      tabIndex={0}
      onFocus={onFocus}
      aria-labelledby={headingId}
      data-question-id={question.id}
      className={`grid gap-4 rounded-xl border bg-white p-4 shadow-sm outline-none transition focus-visible:ring-4 focus-visible:ring-brand-600/40 focus:border-brand-600 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] ${
        selected ? "border-brand-600 bg-brand-50/40" : "border-stone-200"
      } ${pending ? "opacity-60" : ""}`}
    >
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <label className="flex items-center gap-1.5 text-stone-600">
            <input
              type="checkbox"
              checked={selected}
              onChange={(event) => onSelect(event.target.checked)}
              disabled={retired}
              className="size-4"
              aria-label="选择此题"
            />
          </label>
          <StatusBadge status={question.status} />
          <span className="rounded bg-stone-100 px-1.5 py-0.5 text-stone-600">{FORMAT_LABELS[question.format]}</span>
          <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">
            {KIND_LABELS[question.kind] ?? question.kind}
          </span>
          <span className="tabular-nums text-stone-500" title="生成质量分（0–1）">
            质量分 {question.score.toFixed(2)}
          </span>
          {question.openFlags > 0 ? (
            <Link
              to="/admin/flags"
              className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-700 hover:underline"
            >
              {question.openFlags} 条反馈
            </Link>
          ) : null}
          {question.editedAt ? <span className="rounded bg-sky-50 px-1.5 py-0.5 text-sky-700">已人工修改</span> : null}
        </div>
        <h2 id={headingId} className="leading-7 text-stone-900">
          {question.stem}
        </h2>
        <AnswerList format={question.format} options={question.options} answer={question.answer} stem={question.stem} />
        {question.explanation ? (
          <p className="line-clamp-2 text-xs leading-5 text-stone-500" title={question.explanation}>
            解析：{question.explanation}
          </p>
        ) : null}
        <fetcher.Form
          method="post"
          onSubmit={() => onSubmitted(question.id)}
          className="flex flex-wrap items-center gap-2 pt-1"
        >
          <input type="hidden" name="intent" value="review" />
          <input type="hidden" name="id" value={question.id} />
          <button
            type="submit"
            name="decision"
            value="approved"
            data-decision="approved"
            disabled={retired || pending || question.status === "approved"}
            className="rounded-lg bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-40"
          >
            {pendingDecision === "approved" ? "正在批准…" : "批准"}
          </button>
          <button
            type="submit"
            name="decision"
            value="rejected"
            data-decision="rejected"
            disabled={retired || pending || question.status === "rejected"}
            className="rounded-lg border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-40"
          >
            {pendingDecision === "rejected" ? "正在拒绝…" : "拒绝"}
          </button>
          <Link
            to={editHref}
            data-edit
            className="rounded-lg border border-stone-300 px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-50"
          >
            编辑
          </Link>
          {retired ? <span className="text-xs text-stone-500">已退役：考点已不在文档中，不能审核</span> : null}
          {result && !result.ok ? (
            <span role="alert" className="text-sm text-red-600">
              {result.error}
            </span>
          ) : null}
        </fetcher.Form>
      </div>
      <PassageContext
        passage={question.passage}
        quotes={[question.quote, question.sourceQuote]}
        document={question.document}
        sourcePath={question.sourcePath}
        compact
      />
    </article>
  );
});
