import { Link } from "@remix-run/react";

/**
 * The right answer after a question, as the learner reads it. A 多选's options often hold "、"
 * themselves (……、……的), so joining them with "、" made one unreadable run: they are a list, each
 * marked with whether the learner chose it, and the learner's wrong picks below.
 */
export function CorrectAnswer({
  format,
  answer,
  given,
  blanks = 1,
}: {
  format: string;
  answer: string[];
  given: string[] | null;
  /** A fill-in's blanks: with several, `answer` and `given` hold one entry per blank. */
  blanks?: number;
}) {
  const chosen = new Set(given ?? []);
  if (format === "fill" && blanks > 1) {
    const typed = given ?? [];
    return (
      <div className="space-y-1 text-stone-800">
        <p>
          正确答案：
          <strong>{answer.map((a, i) => `（${i + 1}）${a}`).join("　")}</strong>
        </p>
        {typed.length > 0 ? (
          <p className="text-sm text-stone-600">
            你的答案：{typed.map((g, i) => `（${i + 1}）${g || "未填"}`).join("　")}
          </p>
        ) : given !== null ? (
          <p className="text-sm text-stone-500">你的答案：未作答</p>
        ) : null}
      </div>
    );
  }
  if (format === "multiple") {
    const wrongPicks = (given ?? []).filter((g) => !answer.includes(g));
    // A quiz question left unanswered: nothing was picked or missed.
    const unanswered = given !== null && given.length === 0;
    return (
      <div className="space-y-1 text-stone-800">
        <p>
          正确答案（共 {answer.length} 项）：
          {unanswered ? <span className="text-sm text-stone-500">你的答案：未作答</span> : null}
        </p>
        <ul className="space-y-1" aria-label="正确答案">
          {answer.map((option) => (
            <li key={option} className="flex items-start gap-2 rounded-md bg-white/80 px-2 py-1">
              <span aria-hidden="true" className="text-emerald-700">
                ✓
              </span>
              <span className="flex-1 leading-6">{option}</span>
              {unanswered ? null : (
                <span
                  className={`shrink-0 rounded px-1.5 text-xs ${chosen.has(option) ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-900"}`}
                >
                  {chosen.has(option) ? "你选了" : "漏选"}
                </span>
              )}
            </li>
          ))}
        </ul>
        {wrongPicks.length > 0 ? (
          <>
            <p className="text-sm text-stone-600">你错选了：</p>
            <ul className="space-y-1" aria-label="错选的选项">
              {wrongPicks.map((option) => (
                <li
                  key={option}
                  className="flex items-start gap-2 rounded-md bg-white/80 px-2 py-1 text-sm text-red-800"
                >
                  <span aria-hidden="true">✗</span>
                  <span className="leading-6">{option}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <p className="text-stone-800">
      正确答案：<strong>{answer[0]}</strong>
      {format === "fill" && answer.length > 1 ? (
        <span className="text-sm text-stone-500">（也可写作 {answer.slice(1).join("、")}）</span>
      ) : null}
      {given !== null && given.length > 0 && !answer.includes(given[0]!) ? (
        <span className="ml-3 text-sm text-stone-600">你的答案：{given.join("、")}</span>
      ) : null}
      {given !== null && given.length === 0 ? (
        <span className="ml-3 text-sm text-stone-500">你的答案：未作答</span>
      ) : null}
    </p>
  );
}

/** The source sentence, with the items of a list it only leads into (有下列情形之一的：……), and a link to its passage. */
export function SourceQuote({
  quote,
  items,
  document,
  sourcePath,
  passageOrdinal,
}: {
  quote: string;
  items?: string[];
  document: { id: string; title: string };
  sourcePath: string[];
  passageOrdinal: number | null;
}) {
  return (
    <blockquote className="rounded-lg border-l-4 border-brand-600 bg-white/70 px-3 py-2 leading-7 text-stone-800">
      <p>{quote}</p>
      {items && items.length > 0 ? (
        <ol className="mt-1 list-none space-y-0.5 pl-2" aria-label="所列各项">
          {items.map((item) => (
            <li key={item}>· {item}</li>
          ))}
        </ol>
      ) : null}
      <footer className="mt-1 text-sm text-stone-500">
        出处：
        <Link
          to={`/documents/${document.id}${passageOrdinal !== null ? `#p-${passageOrdinal}` : ""}`}
          className="text-brand-700 hover:underline"
        >
          {document.title}
          {sourcePath.length > 0 ? ` · ${sourcePath.join(" › ")}` : ""}
        </Link>
      </footer>
    </blockquote>
  );
}
