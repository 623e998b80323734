import { Form, Link } from "@remix-run/react";
import { addDays } from "~/study/day";
import type { DateRange } from "~/groups/report";

const PRESETS = [
  { days: 7, label: "近 7 天" },
  { days: 30, label: "近 30 天" },
  { days: 90, label: "近 90 天" },
] as const;

/** A GET form: the range lives in the URL, so a filtered report can be bookmarked and shared. */
export function RangeFilter({ range, today }: { range: DateRange; today: string }) {
  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
      <Form method="get" className="flex flex-wrap items-end gap-2" aria-label="日期区间">
        <label className="text-xs text-stone-600">
          开始日期
          <input
            type="date"
            name="from"
            defaultValue={range.from}
            max={today}
            className="mt-0.5 block rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
          />
        </label>
        <label className="text-xs text-stone-600">
          结束日期
          <input
            type="date"
            name="to"
            defaultValue={range.to}
            max={today}
            className="mt-0.5 block rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          应用
        </button>
      </Form>
      <div className="flex gap-1">
        {PRESETS.map((preset) => {
          const from = addDays(today, -(preset.days - 1));
          const active = range.to === today && range.from === from;
          return (
            <Link
              key={preset.days}
              to={`?from=${from}&to=${today}`}
              className={`rounded-md px-2.5 py-1.5 text-xs font-medium ${active ? "bg-brand-50 text-brand-700" : "text-stone-600 hover:bg-stone-100"}`}
            >
              {preset.label}
            </Link>
          );
        })}
      </div>
    </div>
  );
}
