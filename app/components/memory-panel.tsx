/** The learner's memory parameters and what they predict, on /progress and /settings (app/memory/summary.server.ts). */
import type { ReactNode } from "react";
import type { MemorySummary } from "~/memory/summary.server";
import { BarChart, SeriesLegend, type BarDatum, type BarSeries } from "./charts";

const WORKLOAD_SERIES: BarSeries[] = [{ name: "每天复习量（估计）", color: "#a8a29e", highlightColor: "#b4322a" }];
const TICKS = new Set([0.8, 0.85, 0.9, 0.95, 0.97]);

function percentOf(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}

function retentionLabel(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export function WorkloadChart({
  summary,
}: {
  summary: Pick<MemorySummary, "workload" | "desiredRetention" | "studiedCards">;
}) {
  const data: BarDatum[] = summary.workload.map((point) => ({
    values: [Math.round(point.perDay * 10) / 10],
    title: `目标保持率 ${retentionLabel(point.retention)}：每天约 ${point.perDay.toFixed(1)} 次复习（30 天共约 ${Math.round(point.total)} 次）`,
    tick: TICKS.has(point.retention) ? retentionLabel(point.retention) : undefined,
    highlight: Math.abs(point.retention - summary.desiredRetention) < 0.001,
  }));
  const current = summary.workload.find((point) => Math.abs(point.retention - summary.desiredRetention) < 0.001);
  return (
    <figure data-testid="workload-chart">
      <BarChart
        data={data}
        series={WORKLOAD_SERIES}
        label={`未来 30 天每天复习量估计：目标保持率 80% 到 97%${current ? `，当前 ${retentionLabel(current.retention)} 约每天 ${current.perDay.toFixed(1)} 次` : ""}`}
      />
      <figcaption className="mt-2 text-xs text-stone-500">
        横轴为目标保持率，纵轴为未来 30 天平均每天的复习次数（按你已学的 {summary.studiedCards}{" "}
        个考点和记忆参数模拟，不含新学内容）
        {current ? `；红色为当前设置 ${retentionLabel(current.retention)}，约每天 ${current.perDay.toFixed(1)} 次` : ""}
        。
      </figcaption>
      <div className="mt-1">
        <SeriesLegend series={WORKLOAD_SERIES} />
      </div>
    </figure>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="rounded-lg bg-stone-50 p-3">
      <p className="text-xs text-stone-500">{label}</p>
      <p className="mt-1 text-xl font-semibold tabular-nums text-stone-900">{value}</p>
      <p className="mt-0.5 text-xs text-stone-500">{note}</p>
    </div>
  );
}

/** Headline, predicted recall and the workload chart; `action` (the settings button) goes under the headline. */
export function MemoryPanel({ summary, action }: { summary: MemorySummary; action?: ReactNode }) {
  return (
    <div className="space-y-4">
      <div>
        <p
          data-testid="memory-headline"
          className={`text-sm ${summary.source === "own" ? "font-medium text-teal-800" : "text-stone-700"}`}
        >
          {summary.headline}
        </p>
        {summary.lastRun ? (
          <p className="mt-1 text-xs text-stone-500">最近一次优化：{summary.lastRun.message}</p>
        ) : null}
        {action}
      </div>
      {summary.studiedCards > 0 ? (
        <>
          <div className="grid grid-cols-2 gap-3">
            <Figure
              label="今天预计能回忆"
              value={percentOf(summary.retentionNow)}
              note={`已学的 ${summary.studiedCards} 个考点的平均`}
            />
            <Figure label="30 天后（若不复习）" value={percentOf(summary.retentionIn30Days)} note="按记忆模型推算" />
          </div>
          <WorkloadChart summary={summary} />
        </>
      ) : (
        <p className="text-sm text-stone-600">学过一些考点后，这里会显示预计的记忆保持情况和每天复习量。</p>
      )}
    </div>
  );
}
