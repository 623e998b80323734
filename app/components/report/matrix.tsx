import type { MemberRow, ReportAssignment } from "~/groups/report.server";
import { formatScore } from "~/groups/report";
import { ResultBadge, wallClock } from "./format";

/** Members down, assignments across: where each person stands on each assignment. */
export function AssignmentMatrix({
  members,
  assignments,
  timeZone,
  end,
}: {
  members: MemberRow[];
  assignments: ReportAssignment[];
  timeZone: string;
  end: Date;
}) {
  if (assignments.length === 0) return <p className="text-sm text-stone-500">所选区间内没有作业。</p>;
  return (
    <div className="max-h-[32rem] overflow-auto rounded-lg border border-stone-200">
      <table className="w-full min-w-max border-collapse text-sm" data-testid="assignment-matrix">
        <thead className="sticky top-0 z-10 bg-stone-50 text-xs text-stone-600">
          <tr>
            <th
              scope="col"
              className="sticky left-0 border-b border-stone-200 bg-stone-50 px-3 py-2 text-left font-medium"
            >
              成员
            </th>
            {assignments.map((a) => (
              <th key={a.id} scope="col" className="border-b border-stone-200 px-3 py-2 text-left font-medium">
                <span className="block max-w-[12rem] truncate" title={a.title}>
                  {a.title}
                </span>
                {a.withdrawnAt ? (
                  <span className="block font-normal text-amber-700">已撤回（仅保留记录，不计入按时完成率）</span>
                ) : null}
                <span className="block font-normal text-stone-500">
                  {a.dueAt ? `截止 ${wallClock(a.dueAt, timeZone)}` : "不限截止"} · 平均{" "}
                  {a.averageScore === null ? "—" : `${formatScore(Math.round(a.averageScore * 10) / 10)} 分`}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} className="border-b border-stone-100 last:border-0">
              <th scope="row" className="sticky left-0 bg-white px-3 py-1.5 text-left font-medium">
                {m.displayName}
              </th>
              {assignments.map((a) => {
                const result = m.results[a.id]!;
                return (
                  <td key={a.id} className="px-3 py-1.5">
                    <ResultBadge result={result} overdue={!a.withdrawnAt && !!a.dueAt && new Date(a.dueAt) < end} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
