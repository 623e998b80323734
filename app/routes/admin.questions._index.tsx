import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigate, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { ReviewError, listQueue, listQueueDocuments, reviewMatching, reviewQuestions } from "~/admin/questions.server";
import { requireAdmin } from "~/auth/session.server";
import { STATUS_LABELS } from "~/components/admin/labels";
import { Pagination } from "~/components/admin/pagination";
import {
  KNOWLEDGE_KINDS,
  QUESTION_FORMATS,
  QUESTION_STATUSES,
  parseQueueFilter,
  queueSearch,
} from "~/components/admin/queue-filter";
import { QueueRow, reviewFetcherKey, type ReviewActionData } from "~/components/admin/queue-row";
import { EmptyState } from "~/components/empty-state";
import { FORMAT_LABELS, KIND_LABELS } from "~/study/labels";

export const meta: MetaFunction = () => [{ title: "题目审核 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = parseQueueFilter(new URL(request.url).searchParams);
  const [queue, documents] = await Promise.all([listQueue(filter), listQueueDocuments()]);
  return { filter, search: queueSearch({ ...filter, page: queue.page }), ...queue, documents };
}

const decision = z.enum(["approved", "rejected"]);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("review"), decision, id: z.array(z.uuid()).min(1).max(100) }),
  z.object({
    intent: z.literal("review-matching"),
    decision,
    filter: z.string().max(2000),
    confirmCount: z.coerce.number().int().min(1),
  }),
]);

const VERB = { approved: "批准", rejected: "拒绝" } as const;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const parsed = actionSchema.safeParse({ ...Object.fromEntries(form), id: form.getAll("id").map(String) });
  if (!parsed.success)
    return data<ReviewActionData>({ ok: false, error: "请求无效，请刷新页面后重试。" }, { status: 400 });
  const input = parsed.data;
  try {
    if (input.intent === "review") {
      const { changed, retired } = await reviewQuestions(input.id, input.decision, admin.id);
      const skipped = retired > 0 ? `，${retired} 道已退役的题目未更改` : "";
      return data<ReviewActionData>({ ok: true, message: `已${VERB[input.decision]} ${changed} 道题目${skipped}。` });
    }
    const filter = parseQueueFilter(new URLSearchParams(input.filter));
    const { changed } = await reviewMatching(filter, input.decision, input.confirmCount, admin.id);
    return data<ReviewActionData>({ ok: true, message: `已${VERB[input.decision]}符合筛选条件的 ${changed} 道题目。` });
  } catch (error) {
    if (error instanceof ReviewError)
      return data<ReviewActionData>({ ok: false, error: error.message }, { status: error.status });
    throw error;
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const FIELD =
  "block w-full rounded-lg border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";

function FilterForm({ filter, documents }: { filter: LoaderData["filter"]; documents: LoaderData["documents"] }) {
  return (
    <Form
      method="get"
      role="search"
      aria-label="筛选题目"
      className="grid grid-cols-2 gap-3 rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-4"
    >
      <label className="col-span-2 space-y-1 text-sm">
        <span className="text-stone-600">文档</span>
        <select name="document" defaultValue={filter.document ?? ""} className={FIELD}>
          <option value="">全部文档</option>
          {documents.map((doc) => (
            <option key={doc.id} value={doc.id}>
              {doc.title}
              {doc.archivedAt ? "（已归档）" : ""}
            </option>
          ))}
        </select>
      </label>
      <label className="col-span-2 space-y-1 text-sm">
        <span className="text-stone-600">搜索题干或选项</span>
        <input
          type="search"
          name="q"
          defaultValue={filter.q ?? ""}
          maxLength={100}
          placeholder="例如：保密期限"
          className={FIELD}
        />
      </label>
      <label className="space-y-1 text-sm">
        <span className="text-stone-600">状态</span>
        <select name="status" defaultValue={filter.status} className={FIELD}>
          {QUESTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
          <option value="all">全部状态</option>
        </select>
      </label>
      <label className="space-y-1 text-sm">
        <span className="text-stone-600">考点类型</span>
        <select name="kind" defaultValue={filter.kind ?? ""} className={FIELD}>
          <option value="">全部类型</option>
          {KNOWLEDGE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-sm">
        <span className="text-stone-600">题型</span>
        <select name="format" defaultValue={filter.format ?? ""} className={FIELD}>
          <option value="">全部题型</option>
          {QUESTION_FORMATS.map((format) => (
            <option key={format} value={format}>
              {FORMAT_LABELS[format]}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-sm">
        <span className="text-stone-600">最低质量分</span>
        <input
          type="number"
          name="minScore"
          min={0}
          max={1}
          step={0.05}
          defaultValue={filter.minScore ?? ""}
          placeholder="0–1"
          className={FIELD}
        />
      </label>
      <label className="space-y-1 text-sm">
        <span className="text-stone-600">排序</span>
        <select name="sort" defaultValue={filter.sort} className={FIELD}>
          <option value="source">按原文顺序</option>
          <option value="score-asc">质量分从低到高</option>
          <option value="score-desc">质量分从高到低</option>
        </select>
      </label>
      <label className="flex items-center gap-2 self-end pb-1.5 text-sm text-stone-700">
        <input type="checkbox" name="flagged" value="1" defaultChecked={filter.flagged ?? false} className="size-4" />
        只看有待处理反馈的
      </label>
      <div className="col-span-2 flex items-end justify-end gap-2">
        <Link to="/admin/questions" className="rounded-lg px-3 py-1.5 text-sm text-stone-600 hover:bg-stone-100">
          清除筛选
        </Link>
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          筛选
        </button>
      </div>
    </Form>
  );
}

/** "Apply to all matching": the count is shown, then confirmed in a dialog, and checked again by the server. */
function BulkMatching({ count, search, onDone }: { count: number; search: string; onDone: (message: string) => void }) {
  const fetcher = useFetcher<ReviewActionData>({ key: "review-matching" });
  const dialog = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<"approved" | "rejected">("approved");
  const revalidator = useRevalidator();
  const result = fetcher.data;
  const seen = useRef(result);

  useEffect(() => {
    if (!result || result === seen.current) return;
    seen.current = result;
    if (result.ok) {
      dialog.current?.close();
      onDone(result.message);
    } else {
      // A refused bulk change does not revalidate by itself; the dialog should show the new count.
      revalidator.revalidate();
    }
  }, [result, onDone, revalidator]);

  const open = (value: "approved" | "rejected") => {
    setChoice(value);
    seen.current = fetcher.data;
    dialog.current?.showModal();
  };
  if (count === 0) return null;
  const verb = VERB[choice];
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-stone-600">符合当前筛选的 {count} 道题目：</span>
      <button
        type="button"
        onClick={() => open("approved")}
        className="rounded-lg border border-emerald-600 px-3 py-1 font-medium text-emerald-800 hover:bg-emerald-50"
      >
        全部批准
      </button>
      <button
        type="button"
        onClick={() => open("rejected")}
        className="rounded-lg border border-red-300 px-3 py-1 font-medium text-red-700 hover:bg-red-50"
      >
        全部拒绝
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="bulk-title"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-stone-900/40"
      >
        <fetcher.Form method="post" className="space-y-4 p-6">
          <h2 id="bulk-title" className="text-lg font-semibold">
            确认{verb} {count} 道题目？
          </h2>
          <p className="text-sm leading-6 text-stone-600">
            将{verb}符合当前筛选条件的全部 {count} 道题目（不只是本页），已退役的题目不受影响。
            {choice === "approved"
              ? "批准后的题目可以加入题集供学员学习。"
              : "拒绝的题目不会出现在学习中，之后仍可在“已拒绝”中找回。"}
          </p>
          <input type="hidden" name="intent" value="review-matching" />
          <input type="hidden" name="decision" value={choice} />
          <input type="hidden" name="filter" value={search} />
          <input type="hidden" name="confirmCount" value={count} />
          {result && !result.ok ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {result.error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-lg border border-stone-300 px-4 py-2 text-sm hover:bg-stone-50"
            >
              取消
            </button>
            <button
              type="submit"
              disabled={fetcher.state !== "idle"}
              className={`rounded-lg px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${choice === "approved" ? "bg-emerald-700 hover:bg-emerald-800" : "bg-red-600 hover:bg-red-700"}`}
            >
              {fetcher.state !== "idle" ? "正在处理…" : `确认${verb} ${count} 道`}
            </button>
          </div>
        </fetcher.Form>
      </dialog>
    </div>
  );
}

function SelectionBar({ ids, onDone }: { ids: string[]; onDone: (message: string) => void }) {
  const fetcher = useFetcher<ReviewActionData>({ key: "review-selection" });
  const result = fetcher.data;
  const seen = useRef(result);
  useEffect(() => {
    if (result && result !== seen.current && result.ok) onDone(result.message);
    seen.current = result;
  }, [result, onDone]);
  if (ids.length === 0) return null;
  return (
    <fetcher.Form method="post" className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="intent" value="review" />
      {ids.map((id) => (
        <input key={id} type="hidden" name="id" value={id} />
      ))}
      <span className="text-stone-600">已选 {ids.length} 道：</span>
      <button
        type="submit"
        name="decision"
        value="approved"
        disabled={fetcher.state !== "idle"}
        className="rounded-lg bg-emerald-700 px-3 py-1 font-medium text-white hover:bg-emerald-800"
      >
        批准所选
      </button>
      <button
        type="submit"
        name="decision"
        value="rejected"
        disabled={fetcher.state !== "idle"}
        className="rounded-lg bg-red-600 px-3 py-1 font-medium text-white hover:bg-red-700"
      >
        拒绝所选
      </button>
      {result && !result.ok ? (
        <span role="alert" className="text-red-600">
          {result.error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

const KBD = "rounded border border-stone-300 bg-white px-1.5 font-mono text-stone-700 shadow-sm";

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Reports the outcome of one row's review, whether or not the row is still shown. */
function ReviewOutcome({ id, onSettled }: { id: string; onSettled: (id: string, result: ReviewActionData) => void }) {
  const fetcher = useFetcher<ReviewActionData>({ key: reviewFetcherKey(id) });
  // An earlier review of the same row left its data: only a newer result is this review's outcome.
  const earlier = useRef(fetcher.state === "idle" ? fetcher.data : undefined);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && fetcher.data !== earlier.current) onSettled(id, fetcher.data);
  }, [fetcher.state, fetcher.data, id, onSettled]);
  return null;
}

export default function ReviewQueue() {
  const { filter, search, questions, counts, page, pages, pageSize, documents } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const rows = useRef(new Map<string, HTMLElement>());
  const active = useRef(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const ids = questions.map((q) => q.id);
  const idKey = ids.join(",");

  const focusRow = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(index, ids.length - 1));
      const id = ids[clamped];
      const element = id ? rows.current.get(id) : undefined;
      if (!element) return;
      active.current = clamped;
      element.focus({ preventScroll: true });
      element.scrollIntoView({ block: "nearest" });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [idKey],
  );

  // Reviewed rows leave a filtered queue; selection keeps only what is still shown, and a focus that
  // fell off the page lands on the row that took the reviewed one's place.
  useEffect(() => {
    setSelected((current) => new Set([...current].filter((id) => ids.includes(id))));
    if (document.activeElement === document.body && active.current > 0) focusRow(active.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [idKey]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const inRow =
        event.target instanceof HTMLElement ? event.target.closest<HTMLElement>("[data-question-id]") : null;
      const index = inRow ? ids.indexOf(inRow.dataset.questionId ?? "") : -1;
      const current = index >= 0 ? index : null;
      const row = current !== null ? rows.current.get(ids[current]!) : undefined;
      switch (event.key) {
        case "j":
          event.preventDefault();
          focusRow(current === null ? 0 : current + 1);
          break;
        case "k":
          event.preventDefault();
          focusRow(current === null ? 0 : current - 1);
          break;
        case "a":
        case "r": {
          if (!row || current === null) return;
          const button = row.querySelector<HTMLButtonElement>(
            `button[data-decision="${event.key === "a" ? "approved" : "rejected"}"]`,
          );
          if (!button || button.disabled) return;
          event.preventDefault();
          button.click();
          // The next row keeps its DOM node when this one leaves the list, so focus can move now.
          if (current < ids.length - 1) focusRow(current + 1);
          break;
        }
        case "e": {
          const link = row?.querySelector<HTMLAnchorElement>("a[data-edit]");
          if (!link) return;
          event.preventDefault();
          navigate(link.getAttribute("href")!);
          break;
        }
        case "x": {
          if (current === null) return;
          event.preventDefault();
          const id = ids[current]!;
          setSelected((s) => {
            const next = new Set(s);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          });
          break;
        }
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const onDone = useCallback((text: string) => setMessage(text), []);

  // A reviewed row leaves a filtered queue in the same render that brings its result, so the page,
  // not the row, follows each review's outcome until it is known.
  const [following, setFollowing] = useState<string[]>([]);
  const onSubmitted = useCallback((id: string) => setFollowing((ids) => (ids.includes(id) ? ids : [...ids, id])), []);
  const onSettled = useCallback((id: string, result: ReviewActionData) => {
    setFollowing((ids) => ids.filter((other) => other !== id));
    if (result.ok) setMessage(result.message);
  }, []);
  const first = counts.total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, counts.total);
  const editBack = encodeURIComponent(search);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">题目审核</h1>
        <p className="text-sm text-stone-500">
          共 <strong className="text-stone-800">{counts.total}</strong> 道
          {counts.total > 0 ? `，第 ${first}–${last} 道` : ""}
        </p>
      </div>

      <FilterForm key={search} filter={filter} documents={documents} />

      <p className="text-xs leading-6 text-stone-500" id="keyboard-help">
        键盘操作：<kbd className={KBD}>j</kbd> 下一题 · <kbd className={KBD}>k</kbd> 上一题 ·{" "}
        <kbd className={KBD}>a</kbd> 批准 · <kbd className={KBD}>r</kbd> 拒绝 · <kbd className={KBD}>e</kbd> 编辑 ·{" "}
        <kbd className={KBD}>x</kbd> 选择
      </p>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <SelectionBar ids={[...selected]} onDone={onDone} />
        <BulkMatching count={counts.actionable} search={search} onDone={onDone} />
      </div>

      <p
        role="status"
        aria-live="polite"
        className={message ? "rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800" : "sr-only"}
      >
        {message}
      </p>

      {following.map((id) => (
        <ReviewOutcome key={id} id={id} onSettled={onSettled} />
      ))}
      {questions.length === 0 ? (
        <EmptyState title={filter.status === "draft" ? "没有待审核的题目" : "没有符合条件的题目"}>
          {filter.status === "draft" ? "当前筛选下的题目都已审核完毕。" : "试试放宽筛选条件。"}
          <Link to="/admin/questions?status=all" className="ml-1 text-brand-700 hover:underline">
            查看全部题目
          </Link>
        </EmptyState>
      ) : (
        <div className="space-y-3" aria-describedby="keyboard-help">
          {questions.map((question, index) => (
            <QueueRow
              key={question.id}
              ref={(element) => {
                if (element) rows.current.set(question.id, element);
                else rows.current.delete(question.id);
              }}
              question={question}
              editHref={`/admin/questions/${question.id}?back=${editBack}`}
              onSubmitted={onSubmitted}
              selected={selected.has(question.id)}
              onSelect={(on) =>
                setSelected((s) => {
                  const next = new Set(s);
                  if (on) next.add(question.id);
                  else next.delete(question.id);
                  return next;
                })
              }
              onFocus={() => {
                active.current = index;
              }}
            />
          ))}
        </div>
      )}

      <Pagination page={page} pages={pages} href={(p) => `/admin/questions${queueSearch(filter, { page: p })}`} />
    </div>
  );
}
