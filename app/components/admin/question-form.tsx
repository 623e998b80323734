import { Form } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import {
  MAX_OPTIONS,
  STEM_MAX,
  TRUE_FALSE,
  type QuestionErrors,
  type QuestionFormat,
} from "~/admin/question-validation";
import { OPTION_LETTERS } from "~/study/labels";

export interface EditableQuestion {
  format: QuestionFormat;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
}

const INPUT = "block w-full rounded-lg border bg-white px-3 py-2 text-base shadow-sm outline-none focus:ring-2";
const inputState = (error?: string) =>
  error ? "border-red-500 focus:ring-red-200" : "border-stone-300 focus:border-brand-600 focus:ring-brand-100";

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-red-600">
      {message}
    </p>
  );
}

function Section({
  label,
  htmlFor,
  hint,
  children,
}: {
  label: string;
  htmlFor?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      {htmlFor ? (
        <label htmlFor={htmlFor} className="block text-sm font-medium text-stone-700">
          {label}
        </label>
      ) : (
        <p className="text-sm font-medium text-stone-700">{label}</p>
      )}
      {children}
      {hint ? <p className="text-xs text-stone-500">{hint}</p> : null}
    </div>
  );
}

interface OptionRow {
  key: number;
  text: string;
  correct: boolean;
}

/**
 * The edit form. Options are rows with their own "correct" mark, so the answer always refers to an
 * option the editor can see; the server maps the marks back to option texts and validates again.
 */
export function QuestionForm({
  question,
  version,
  errors,
  openFlags,
  canApprove,
  pending,
}: {
  question: EditableQuestion;
  version: string;
  errors?: QuestionErrors;
  openFlags: number;
  canApprove: boolean;
  pending: boolean;
}) {
  const choice = question.format === "single" || question.format === "multiple";
  const [rows, setRows] = useState<OptionRow[]>(() =>
    question.options.map((text, key) => ({ key, text, correct: question.answer.includes(text) })),
  );
  const [nextKey, setNextKey] = useState(question.options.length);
  const e = errors ?? {};
  const describedBy = (id: string, message?: string) => (message ? id : undefined);

  const update = (key: number, change: Partial<OptionRow>) =>
    setRows((current) =>
      current.map((row) => {
        if (row.key === key) return { ...row, ...change };
        // A single-choice question has one correct option: marking one unmarks the others.
        if (change.correct && question.format === "single") return { ...row, correct: false };
        return row;
      }),
    );

  return (
    <Form method="post" className="space-y-5" noValidate>
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="version" value={version} />

      <Section
        label="题干"
        htmlFor="stem"
        hint={`不超过 ${STEM_MAX} 字。${question.format === "fill" ? "用 ____ 或 （ ） 标出空格；有多个空格时，按顺序为每个空格各填 1 个答案。" : ""}`}
      >
        <textarea
          id="stem"
          name="stem"
          rows={3}
          defaultValue={question.stem}
          aria-invalid={e.stem ? true : undefined}
          aria-describedby={describedBy("stem-error", e.stem)}
          className={`${INPUT} ${inputState(e.stem)}`}
        />
        <FieldError id="stem-error" message={e.stem} />
      </Section>

      {choice ? (
        <fieldset className="space-y-2" aria-describedby={e.answer ? "answer-error" : undefined}>
          <legend className="text-sm font-medium text-stone-700">
            选项
            <span className="ml-2 font-normal text-stone-500">
              {question.format === "single" ? "（选中唯一的正确答案）" : "（勾选所有正确答案，至少 2 个）"}
            </span>
          </legend>
          {rows.map((row, index) => {
            const optionError = e.option?.[index];
            const id = `option-${index}`;
            return (
              <div key={row.key} className="space-y-1">
                <div className="flex items-center gap-2">
                  <span className="w-5 shrink-0 text-center font-medium text-stone-500">{OPTION_LETTERS[index]}</span>
                  <label htmlFor={id} className="sr-only">
                    选项 {OPTION_LETTERS[index]}
                  </label>
                  <input
                    id={id}
                    name="option"
                    value={row.text}
                    onChange={(event) => update(row.key, { text: event.target.value })}
                    aria-invalid={optionError ? true : undefined}
                    aria-describedby={describedBy(`${id}-error`, optionError)}
                    className={`${INPUT} ${inputState(optionError)} min-w-0 flex-1`}
                  />
                  <label className="flex shrink-0 items-center gap-1 text-sm text-stone-700">
                    <input
                      type={question.format === "single" ? "radio" : "checkbox"}
                      name="correct"
                      value={index}
                      checked={row.correct}
                      onChange={(event) => update(row.key, { correct: event.target.checked })}
                      className="size-4"
                    />
                    正确
                  </label>
                  <button
                    type="button"
                    onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                    disabled={rows.length <= 2}
                    className="shrink-0 rounded px-2 py-1 text-sm text-stone-500 hover:bg-stone-100 disabled:opacity-30"
                    aria-label={`删除选项 ${OPTION_LETTERS[index]}`}
                  >
                    删除
                  </button>
                </div>
                <FieldError id={`${id}-error`} message={optionError} />
              </div>
            );
          })}
          <button
            type="button"
            onClick={() => {
              setRows((current) => [...current, { key: nextKey, text: "", correct: false }]);
              setNextKey((k) => k + 1);
            }}
            disabled={rows.length >= MAX_OPTIONS}
            className="rounded-lg border border-dashed border-stone-300 px-3 py-1.5 text-sm text-stone-600 hover:bg-stone-50 disabled:opacity-40"
          >
            添加选项
          </button>
          <FieldError id="options-error" message={e.options} />
          <FieldError id="answer-error" message={e.answer} />
        </fieldset>
      ) : question.format === "truefalse" ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-stone-700">答案</legend>
          <div className="flex gap-4">
            {TRUE_FALSE.map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="answer"
                  value={value}
                  defaultChecked={question.answer[0] === value}
                  className="size-4"
                />
                {value}
              </label>
            ))}
          </div>
          <FieldError id="answer-error" message={e.answer} />
        </fieldset>
      ) : (
        <Section
          label="可接受的答案（每行一个，第一行为标准答案）"
          htmlFor="accepted"
          hint="例如“二十年”和“20年”。答案不能出现在题干中。"
        >
          <textarea
            id="accepted"
            name="answer"
            rows={3}
            defaultValue={question.answer.join("\n")}
            aria-invalid={e.answer ? true : undefined}
            aria-describedby={describedBy("answer-error", e.answer)}
            className={`${INPUT} ${inputState(e.answer)}`}
          />
          <FieldError id="answer-error" message={e.answer} />
        </Section>
      )}

      <Section label="解析" htmlFor="explanation">
        <textarea
          id="explanation"
          name="explanation"
          rows={3}
          defaultValue={question.explanation}
          aria-invalid={e.explanation ? true : undefined}
          aria-describedby={describedBy("explanation-error", e.explanation)}
          className={`${INPUT} ${inputState(e.explanation)}`}
        />
        <FieldError id="explanation-error" message={e.explanation} />
      </Section>

      {openFlags > 0 ? (
        <label className="flex items-center gap-2 text-sm text-stone-700">
          <input type="checkbox" name="resolveFlags" value="1" defaultChecked className="size-4" />
          保存时将 {openFlags} 条待处理反馈标记为已处理
        </label>
      ) : null}

      <div className="flex flex-wrap justify-end gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium text-stone-800 hover:bg-stone-50 disabled:opacity-60"
        >
          {pending ? "正在保存…" : "保存"}
        </button>
        {canApprove ? (
          <button
            type="submit"
            name="approve"
            value="1"
            disabled={pending}
            className="rounded-lg bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
          >
            保存并批准
          </button>
        ) : null}
      </div>
    </Form>
  );
}
