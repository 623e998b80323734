import type { ReactNode } from "react";
import { STATUS_LABELS, formatScore, type AssignmentResult } from "~/groups/report";

/** "3月8日 18:00" on the group's wall clock (the server and the browser may be elsewhere). */
export function wallClock(instant: Date | string | null, timeZone: string, { year = false } = {}): string {
  if (!instant) return "—";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${year ? `${parts.year}年` : ""}${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

const STATUS_STYLES: Record<AssignmentResult["status"], string> = {
  on_time: "bg-teal-50 text-teal-800 ring-teal-200",
  late: "bg-amber-50 text-amber-800 ring-amber-200",
  in_progress: "bg-sky-50 text-sky-800 ring-sky-200",
  not_started: "bg-stone-100 text-stone-600 ring-stone-200",
};

/** A result as a badge: the score first when there is one, since that is what managers scan for. */
export function ResultBadge({ result, overdue = false }: { result: AssignmentResult; overdue?: boolean }) {
  const label = result.status === "not_started" && overdue ? "逾期未交" : STATUS_LABELS[result.status];
  const style =
    result.status === "not_started" && overdue ? "bg-red-50 text-red-700 ring-red-200" : STATUS_STYLES[result.status];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${style}`}
    >
      {result.score !== null ? (
        <span className="font-semibold tabular-nums">{formatScore(result.score)} 分</span>
      ) : null}
      <span>{label}</span>
    </span>
  );
}

export function Section({
  id,
  title,
  subtitle,
  actions,
  children,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      id={id}
      className="min-w-0 rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="font-semibold">
            {title}
          </h2>
          {subtitle ? <p className="mt-0.5 text-xs text-stone-500">{subtitle}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** A plain link, not a client navigation: the browser must see the attachment header to download. */
export function CsvLink({ href, label = "导出 CSV" }: { href: string; label?: string }) {
  return (
    <a
      href={href}
      download
      className="rounded-md border border-stone-300 bg-white px-2.5 py-1 text-xs font-medium text-stone-700 hover:border-brand-600 hover:text-brand-700"
    >
      {label}
    </a>
  );
}
