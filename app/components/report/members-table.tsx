import { Link } from "@remix-run/react";
import { useMemo, useState } from "react";
import type { MemberRow, ReportAssignment } from "~/groups/report.server";
import { formatScore } from "~/groups/report";
import { MASTERY_EXPLANATION, percent, shortChineseDate } from "~/study/progress";

type SortKey =
  | "name"
  | "lastStudyDay"
  | "streak"
  | "reviews7"
  | "reviewsRange"
  | "retention"
  | "mastery"
  | "coverage"
  | `a:${string}`;

interface Column {
  key: SortKey;
  label: string;
  title?: string;
  value: (m: MemberRow) => number | string | null;
}

/**
 * Sorting and searching happen in the browser: a group has at most a few thousand members, and
 * the page already holds them all, so a click re-sorts instantly without another report query.
 * Empty values (no reviews, no score) always sort last, whichever the direction.
 */
export function MembersTable({
  groupId,
  members,
  assignments,
}: {
  groupId: string;
  members: MemberRow[];
  assignments: ReportAssignment[];
}) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "reviews7", descending: true });

  const columns: Column[] = useMemo(
    () => [
      { key: "name", label: "姓名", value: (m) => m.displayName },
      { key: "lastStudyDay", label: "最近学习", value: (m) => m.lastStudyDay },
      { key: "streak", label: "连续天数", value: (m) => m.streak },
      { key: "reviews7", label: "近7天复习", value: (m) => m.reviews7 },
      { key: "reviewsRange", label: "区间复习", title: "所选日期区间内的复习次数", value: (m) => m.reviewsRange },
      { key: "retention", label: "保持率", title: "到期复习中答对的比例", value: (m) => m.retention.rate },
      {
        key: "mastery",
        label: "掌握度",
        title: `已掌握考点的比例（${MASTERY_EXPLANATION.replace(/^已掌握：/, "")}）`,
        value: (m) => m.mastery.rate,
      },
      { key: "coverage", label: "作业覆盖", title: "作业题集考点中已学习的比例", value: (m) => m.coverage.rate },
      ...assignments.map((a): Column => ({
        key: `a:${a.id}`,
        label: a.title,
        title: `${a.title} 得分`,
        value: (m) => m.results[a.id]?.score ?? null,
      })),
    ],
    [assignments],
  );

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q
      ? members.filter((m) => m.displayName.toLowerCase().includes(q) || m.username.toLowerCase().includes(q))
      : members;
    const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
    return [...filtered].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order =
        typeof x === "string" && typeof y === "string" ? x.localeCompare(y, "zh-CN") : Number(x) - Number(y);
      return (sort.descending ? -order : order) || a.displayName.localeCompare(b.displayName, "zh-CN");
    });
  }, [members, columns, query, sort]);

  const toggle = (key: SortKey) =>
    setSort((current) =>
      current.key === key ? { key, descending: !current.descending } : { key, descending: key !== "name" },
    );

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex min-w-0 flex-1 items-center gap-2 sm:max-w-xs">
          <span className="sr-only">搜索成员</span>
          <input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="搜索姓名或用户名"
            className="block w-full rounded-lg border border-stone-300 px-3 py-1.5 text-sm shadow-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100"
          />
        </label>
        <p className="text-xs text-stone-500" aria-live="polite">
          {rows.length === members.length ? `共 ${members.length} 人` : `${rows.length} / ${members.length} 人`}
        </p>
      </div>
      <div className="mt-3 max-h-[36rem] overflow-auto rounded-lg border border-stone-200">
        <table className="w-full min-w-max border-collapse text-sm" data-testid="members-table">
          <thead className="sticky top-0 z-10 bg-stone-50 text-left text-xs text-stone-600">
            <tr>
              {columns.map((column, index) => {
                const active = sort.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
                    className={`border-b border-stone-200 px-3 py-2 font-medium ${index === 0 ? "sticky left-0 bg-stone-50" : "text-right"}`}
                  >
                    <button
                      type="button"
                      onClick={() => toggle(column.key)}
                      title={column.title}
                      className={`inline-flex max-w-[9rem] items-center gap-1 hover:text-brand-700 ${active ? "text-brand-700" : ""}`}
                    >
                      <span className="truncate">{column.label}</span>
                      <span aria-hidden="true" className="text-[10px]">
                        {active ? (sort.descending ? "▼" : "▲") : "↕"}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.userId} className="border-b border-stone-100 last:border-0 hover:bg-stone-50">
                <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-normal">
                  <Link
                    to={`/groups/${groupId}/members/${m.userId}`}
                    className="font-medium text-stone-900 hover:text-brand-700"
                  >
                    {m.displayName}
                  </Link>
                  {m.displayName !== m.username ? (
                    <span className="ml-1.5 text-xs text-stone-400">{m.username}</span>
                  ) : null}
                </th>
                <td className="px-3 py-2 text-right tabular-nums text-stone-600">
                  {m.lastStudyDay ? shortChineseDate(m.lastStudyDay) : "—"}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{m.streak}</td>
                <td className={`px-3 py-2 text-right tabular-nums ${m.reviews7 === 0 ? "text-red-600" : ""}`}>
                  {m.reviews7}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{m.reviewsRange}</td>
                <td className="px-3 py-2 text-right tabular-nums" title={`${m.retention.part}/${m.retention.whole}`}>
                  {percent(m.retention.rate)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums" title={`${m.mastery.part}/${m.mastery.whole}`}>
                  {percent(m.mastery.rate)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums" title={`${m.coverage.part}/${m.coverage.whole}`}>
                  {percent(m.coverage.rate)}
                </td>
                {assignments.map((a) => (
                  <td key={a.id} className="px-3 py-2 text-right tabular-nums">
                    {m.results[a.id]?.score == null ? formatScore(null) : `${formatScore(m.results[a.id]!.score)} 分`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
