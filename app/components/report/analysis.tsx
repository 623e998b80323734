import { Link } from "@remix-run/react";
import { FORMAT_LABELS } from "~/groups/exports";
import { discriminationLabel } from "~/groups/report";
import type { ItemAnalysis, WeakPoint } from "~/groups/report.server";
import { KIND_LABELS, percent } from "~/study/progress";

export function WeakestPoints({ points }: { points: WeakPoint[] }) {
  if (points.length === 0)
    return <p className="text-sm text-stone-500">所选区间内还没有足够的到期复习（每个考点至少 5 次）。</p>;
  return (
    <ol className="divide-y divide-stone-100">
      {points.map((point) => (
        <li key={point.knowledgePointId} className="py-3">
          <div className="flex items-start justify-between gap-3">
            <p className="min-w-0 font-medium text-stone-900">{point.subject}</p>
            <span
              className="shrink-0 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium tabular-nums text-red-700"
              title={`${point.retention.part}/${point.retention.whole}`}
            >
              保持率 {percent(point.retention.rate)}
            </span>
          </div>
          <p className="mt-1 line-clamp-2 text-sm text-stone-600">{point.quote}</p>
          <p className="mt-1 text-xs text-stone-500">
            {KIND_LABELS[point.kind] ?? point.kind} · {point.members} 人复习 {point.retention.whole} 次 ·{" "}
            <Link
              to={`/documents/${point.documentId}${point.passageOrdinal === null ? "" : `#p-${point.passageOrdinal}`}`}
              className="text-brand-700 hover:underline"
            >
              {point.documentTitle}
            </Link>
          </p>
        </li>
      ))}
    </ol>
  );
}

function pct(value: number | null) {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}

export function ItemAnalysisTables({ analyses, minAttempts }: { analyses: ItemAnalysis[]; minAttempts: number }) {
  const shown = analyses.filter((a) => a.items.length > 0);
  if (shown.length === 0)
    return <p className="text-sm text-stone-500">作答人数达到 {minAttempts} 人的题目才做分析，目前还没有。</p>;
  return (
    <div className="space-y-5">
      {shown.map((analysis) => (
        <div key={analysis.assignmentId}>
          <h3 className="text-sm font-medium text-stone-800">
            {analysis.title}
            <span className="ml-2 font-normal text-stone-500">{analysis.attempts} 份首次提交</span>
          </h3>
          <div className="mt-2 overflow-x-auto rounded-lg border border-stone-200">
            <table className="w-full min-w-[40rem] border-collapse text-sm">
              <thead className="bg-stone-50 text-left text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    题目
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    作答
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium" title="答对的比例">
                    难度（答对率）
                  </th>
                  <th
                    scope="col"
                    className="px-3 py-2 text-right font-medium"
                    title="高分组（前 27%）答对率减去低分组（后 27%）答对率"
                  >
                    区分度
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    评价
                  </th>
                </tr>
              </thead>
              <tbody>
                {analysis.items.map((item) => (
                  <tr
                    key={item.questionId}
                    className={`border-t border-stone-100 ${item.negative ? "bg-red-50/60" : ""}`}
                  >
                    <td className="max-w-md px-3 py-2">
                      <span className="mr-1.5 rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-600">
                        {FORMAT_LABELS[item.format] ?? item.format}
                      </span>
                      <span className="line-clamp-2">{item.stem}</span>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{item.attempts}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{pct(item.facility)}</td>
                    <td
                      className="px-3 py-2 text-right tabular-nums"
                      title={`高分组 ${pct(item.upperFacility)}，低分组 ${pct(item.lowerFacility)}`}
                    >
                      {item.discrimination === null ? "—" : item.discrimination.toFixed(2)}
                    </td>
                    <td className="px-3 py-2 text-xs">
                      <span className={item.negative ? "font-medium text-red-700" : "text-stone-600"}>
                        {discriminationLabel(item.discrimination)}
                      </span>
                      {item.flagged ? <span className="ml-1 text-stone-500">· 已提交管理员审核</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </div>
  );
}
