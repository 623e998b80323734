import { BarChart, type BarDatum, type BarSeries } from "~/components/charts";
import type { TrendWeek } from "~/groups/report.server";
import { shortChineseDate } from "~/study/progress";

const ACTIVE: BarSeries[] = [{ name: "活跃成员", color: "#0f766e" }];
const REVIEWS: BarSeries[] = [{ name: "复习次数", color: "#b4322a" }];
const RETENTION: BarSeries[] = [{ name: "保持率", color: "#7c3aed" }];
const SCORE: BarSeries[] = [{ name: "平均分", color: "#d97706" }];

function data(weeks: TrendWeek[], value: (w: TrendWeek) => number, describe: (w: TrendWeek) => string): BarDatum[] {
  return weeks.map((week, index) => ({
    values: [value(week)],
    title: `${shortChineseDate(week.start)}–${shortChineseDate(week.end)}：${describe(week)}`,
    // Every third week, counted back from the newest, so the latest week always carries a label.
    tick: (weeks.length - 1 - index) % 3 === 0 ? shortChineseDate(week.start) : undefined,
  }));
}

function Chart({
  title,
  note,
  weeks,
  series,
  value,
  describe,
}: {
  title: string;
  note: string;
  weeks: TrendWeek[];
  series: BarSeries[];
  value: (w: TrendWeek) => number;
  describe: (w: TrendWeek) => string;
}) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-stone-800">{title}</span>
        <span className="text-xs text-stone-500">{note}</span>
      </figcaption>
      <BarChart data={data(weeks, value, describe)} series={series} label={`${title}，近 ${weeks.length} 周`} />
    </figure>
  );
}

export function Trends({ weeks }: { weeks: TrendWeek[] }) {
  const last = weeks.at(-1);
  return (
    <div className="grid grid-cols-1 gap-x-8 gap-y-6 md:grid-cols-2">
      <Chart
        title="活跃成员"
        note={`最近一周 ${last?.activeMembers ?? 0} 人`}
        weeks={weeks}
        series={ACTIVE}
        value={(w) => w.activeMembers}
        describe={(w) => `${w.activeMembers} 人学习`}
      />
      <Chart
        title="复习次数"
        note={`最近一周 ${last?.reviews ?? 0} 次`}
        weeks={weeks}
        series={REVIEWS}
        value={(w) => w.reviews}
        describe={(w) => `复习 ${w.reviews} 次`}
      />
      <Chart
        title="保持率（%）"
        note="到期复习中答对的比例"
        weeks={weeks}
        series={RETENTION}
        value={(w) => Math.round((w.retention.rate ?? 0) * 100)}
        describe={(w) =>
          w.retention.rate === null
            ? "无到期复习"
            : `${Math.round(w.retention.rate * 100)}%（${w.retention.part}/${w.retention.whole}）`
        }
      />
      <Chart
        title="作业平均分"
        note="按提交时间所在的周"
        weeks={weeks}
        series={SCORE}
        value={(w) => Math.round(w.averageScore ?? 0)}
        describe={(w) =>
          w.averageScore === null ? "无提交" : `平均 ${w.averageScore.toFixed(1)} 分，${w.submissions} 份`
        }
      />
    </div>
  );
}
