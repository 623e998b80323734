import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { excerpt, highlightQuote } from "./highlight";

export interface PassageRef {
  ordinal: number;
  text: string;
  path: string[];
}

const MARK = "rounded bg-amber-200/70 px-0.5 text-stone-900";

/**
 * The source passage with the sentence the question was made from highlighted, and a link to it in
 * the document. Compact (the queue) shows the quote with a sentence or so around it, expandable;
 * otherwise the whole passage scrolls to the quote.
 */
export function PassageContext({
  passage,
  quotes,
  document,
  sourcePath,
  compact = false,
}: {
  passage: PassageRef | null;
  quotes: (string | null | undefined)[];
  document: { id: string; title: string };
  sourcePath: string[];
  compact?: boolean;
}) {
  const highlighted = passage ? highlightQuote(passage.text, quotes) : null;
  const path = passage?.path.length ? passage.path : sourcePath;
  const [expanded, setExpanded] = useState(!compact);
  const box = useRef<HTMLQuoteElement>(null);
  const mark = useRef<HTMLElement>(null);

  // A long passage would otherwise open on its first lines, with the quote out of sight.
  useEffect(() => {
    if (expanded && box.current && mark.current) box.current.scrollTop = Math.max(0, mark.current.offsetTop - 48);
  }, [expanded]);

  const short = highlighted && !expanded ? excerpt(highlighted) : null;
  const clipped = short ? short.clippedBefore || short.clippedAfter : false;
  return (
    <figure className="min-w-0 space-y-2 text-sm">
      <figcaption className="text-xs text-stone-500">
        <Link
          to={`/documents/${document.id}${passage ? `#p-${passage.ordinal}` : ""}`}
          className="font-medium text-brand-700 hover:underline"
          target="_blank"
          rel="noreferrer"
        >
          {document.title}
        </Link>
        {path.length > 0 ? <span> · {path.join(" › ")}</span> : null}
      </figcaption>
      {passage ? (
        <>
          <blockquote
            ref={box}
            className="relative max-h-80 overflow-y-auto whitespace-pre-line rounded-lg border-l-4 border-brand-600 bg-stone-50 px-3 py-2 leading-7 text-stone-700"
          >
            {short ? (
              <>
                {short.clippedBefore ? "…" : ""}
                {short.before}
                <mark className={MARK}>{short.match}</mark>
                {short.after}
                {short.clippedAfter ? "…" : ""}
              </>
            ) : highlighted ? (
              <>
                {highlighted.before}
                <mark ref={mark} className={MARK}>
                  {highlighted.match}
                </mark>
                {highlighted.after}
              </>
            ) : (
              passage.text
            )}
          </blockquote>
          {compact && highlighted && (clipped || expanded) ? (
            <button
              type="button"
              onClick={() => setExpanded((e) => !e)}
              className="text-xs text-stone-500 hover:text-brand-700"
            >
              {expanded ? "收起" : "显示整段"}
            </button>
          ) : null}
          {!highlighted ? <p className="text-xs text-amber-700">原文中未找到出处句的原样文字，请核对。</p> : null}
        </>
      ) : (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-amber-800">
          原文段落已不在文档中。出处句：{quotes.find(Boolean) ?? "—"}
        </p>
      )}
    </figure>
  );
}
