import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * One figure with its label (and a unit, a note): the one stat card of the learner's pages, the
 * group reports and the admin overview. `to` makes the card a link; `inset` draws it inside another
 * card (the day's summary). Each card is its own <dl>: label, value, note.
 */
export function StatCard({
  label,
  value,
  unit,
  note,
  to,
  emphasis = false,
  inset = false,
}: {
  label: string;
  value: ReactNode;
  unit?: string;
  note?: ReactNode;
  to?: string;
  emphasis?: boolean;
  inset?: boolean;
}) {
  const body = (
    <dl>
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className={`mt-1 font-semibold tabular-nums text-stone-900 ${inset ? "text-lg" : "text-2xl"}`}>
        {typeof value === "number" ? value.toLocaleString("zh-CN") : value}
        {/* A real space: copied or read aloud, "36 / 50 人", not "36/ 50 人". */}
        {unit ? <span className="text-sm font-normal text-stone-600">{` ${unit}`}</span> : null}
      </dd>
      {note ? <dd className="mt-1 text-xs text-stone-500">{note}</dd> : null}
    </dl>
  );
  const box = inset
    ? "rounded-xl bg-stone-50 p-3"
    : `block rounded-xl border bg-white p-4 shadow-sm ${emphasis ? "border-brand-100 ring-1 ring-brand-100" : "border-stone-200"}`;
  return to ? (
    <Link to={to} className={`${box} hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600`}>
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}
