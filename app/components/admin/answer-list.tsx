import { blankCount } from "~/questions/blanks";
import { OPTION_LETTERS } from "~/study/labels";

/** The options with the correct ones marked, or a fill-in's accepted answers. */
export function AnswerList({
  format,
  options,
  answer,
  stem = "",
}: {
  format: string;
  options: string[];
  answer: string[];
  /** The stem: a fill-in with several blanks has one answer per blank, in order. */
  stem?: string;
}) {
  if (format === "fill" && blankCount(stem) > 1) {
    return (
      <p className="text-sm text-stone-700">
        <span className="text-stone-500">答案（每空一项，顺序不限）：</span>
        <strong className="font-semibold text-emerald-800">
          {answer.map((a, i) => `（${i + 1}）${a}`).join("　")}
        </strong>
      </p>
    );
  }
  if (format === "fill") {
    return (
      <p className="text-sm text-stone-700">
        <span className="text-stone-500">答案：</span>
        <strong className="font-semibold text-emerald-800">{answer[0] ?? "—"}</strong>
        {answer.length > 1 ? <span className="text-stone-500">（也接受：{answer.slice(1).join("、")}）</span> : null}
      </p>
    );
  }
  return (
    <ol className="space-y-1 text-sm">
      {options.map((option, index) => {
        const correct = answer.includes(option);
        return (
          <li
            key={`${index}-${option}`}
            className={`flex gap-2 rounded px-2 py-0.5 ${correct ? "bg-emerald-50 text-emerald-900" : "text-stone-700"}`}
          >
            <span className="w-4 shrink-0 font-medium text-stone-500">{OPTION_LETTERS[index]}</span>
            <span className="min-w-0 flex-1">{option}</span>
            {correct ? (
              <span className="shrink-0 text-xs font-medium text-emerald-700" aria-label="正确答案">
                ✓ 正确
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
