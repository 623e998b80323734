import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { requireUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import {
  BarChart,
  Heatmap,
  HeatmapLegend,
  SeriesLegend,
  ShareBar,
  type BarDatum,
  type BarSeries,
} from "~/components/charts";
import { EmptyState } from "~/components/empty-state";
import { StatCard } from "~/components/stat-card";
import { MemoryPanel } from "~/components/memory-panel";
import { memorySummary } from "~/memory/summary.server";
import { getProgress } from "~/study/progress.server";
import {
  KIND_LABELS,
  LAPSE_THRESHOLD,
  MASTERY_EXPLANATION,
  chineseWeekday,
  percent,
  shortChineseDate,
} from "~/study/progress";

export const meta: MetaFunction = () => [{ title: "学习进度 · 学而" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = requestNow(request, context);
  const [progress, memory] = await Promise.all([getProgress(user.id, now), memorySummary(user.id, now)]);
  return { ...progress, memory };
}

const OUTCOME_SERIES: BarSeries[] = [
  { name: "答对", color: "#0f766e" },
  { name: "答错", color: "#f59e0b" },
];
const FORECAST_SERIES: BarSeries[] = [{ name: "待复习", color: "#a8a29e", highlightColor: "#b4322a" }];

function Card({
  title,
  subtitle,
  children,
  className = "",
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  // Titles hold spaces and punctuation; an id from useId() is always a valid IDREF.
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`min-w-0 rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}
    >
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {subtitle ? <p className="mt-0.5 text-xs text-stone-500">{subtitle}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

export default function ProgressPage() {
  const progress = useLoaderData<typeof loader>();
  const { streak, retention, forecast, recent, mastery, lapses } = progress;

  if (progress.totalReviews === 0) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">学习进度</h1>
        <EmptyState title="还没有学习记录">
          <p>完成第一次今日学习后，这里会显示连续学习天数、学习日历、保持率和各类考点的掌握情况。</p>
          <Link
            to="/study"
            className="mt-4 inline-block rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700"
          >
            开始今日学习
          </Link>
        </EmptyState>
      </div>
    );
  }

  const recentData: BarDatum[] = recent.map((day, index) => ({
    values: [day.correct, day.wrong],
    title: `${shortChineseDate(day.day)}（${chineseWeekday(day.day)}）：答对 ${day.correct} 次，答错 ${day.wrong} 次`,
    // Counted back from today, so the newest day always carries a label.
    tick:
      (recent.length - 1 - index) % 7 === 0
        ? index === recent.length - 1
          ? "今天"
          : shortChineseDate(day.day)
        : undefined,
  }));
  const forecastData: BarDatum[] = forecast.map((day, index) => ({
    values: [day.count],
    title: `${shortChineseDate(day.day)}（${chineseWeekday(day.day)}）：待复习 ${day.count} 个${index === 0 ? "（含逾期）" : ""}`,
    tick: index % 7 === 0 ? (index === 0 ? "今天" : shortChineseDate(day.day)) : undefined,
    highlight: index === 0,
  }));
  const recentTotal = recent.reduce((sum, day) => sum + day.correct + day.wrong, 0);
  const forecastTotal = forecast.reduce((sum, day) => sum + day.count, 0);
  const dueToday = forecast[0]?.count ?? 0;

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">学习进度</h1>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          label="连续学习"
          value={streak.current}
          unit="天"
          note={
            <>
              最长 {streak.longest} 天
              {streak.studiedToday ? " · 今天已学习" : streak.current > 0 ? " · 今天还没学习" : ""}
            </>
          }
        />
        <StatCard
          label="真实保持率（近 30 天）"
          value={percent(retention.rate)}
          note={
            retention.total > 0
              ? `到期复习 ${retention.total} 次，答对 ${retention.correct} 次`
              : "近 30 天没有到期复习"
          }
        />
        <StatCard label="今日待复习" value={dueToday} unit="个" note="含逾期未复习的考点" />
        <StatCard label="累计复习" value={progress.totalReviews} unit="次" note={`共学习 ${progress.studyDays} 天`} />
      </div>

      <Card title="学习日历" subtitle="最近一年每天的复习次数，手机上可左右滑动">
        <Heatmap data={progress.heatmap} />
        <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-stone-500">最近一年共复习 {progress.heatmap.total} 次</p>
          <HeatmapLegend />
        </div>
      </Card>

      <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
        <Card title="近 30 天复习" subtitle={`共 ${recentTotal} 次`}>
          <BarChart data={recentData} series={OUTCOME_SERIES} label={`近 30 天共复习 ${recentTotal} 次`} />
          <div className="mt-2">
            <SeriesLegend series={OUTCOME_SERIES} />
          </div>
        </Card>
        <Card title="未来 30 天待复习" subtitle={`共 ${forecastTotal} 个，第一天含逾期`}>
          <BarChart
            data={forecastData}
            series={FORECAST_SERIES}
            label={`未来 30 天共有 ${forecastTotal} 个考点到期，今天 ${dueToday} 个`}
          />
        </Card>
      </div>

      <Card
        title="记忆参数与复习量"
        subtitle="记忆模型按你的复习记录预测：现在和 30 天后能记住多少，以及不同目标保持率下每天要复习多少"
      >
        <MemoryPanel summary={progress.memory} />
        <p className="mt-3 text-xs text-stone-500">
          可在
          <Link to="/settings#settings-memory" className="text-brand-700 hover:underline">
            设置
          </Link>
          中优化记忆参数或调整目标保持率。
        </p>
      </Card>

      <Card
        title="掌握程度"
        subtitle={`${MASTERY_EXPLANATION}。刚学会的考点记忆还短，要经过几轮间隔复习才算掌握。你的目标保持率为 ${percent(progress.desiredRetention)}。`}
      >
        <ShareBar label="全部考点" part={mastery.total.mastered} whole={mastery.total.cards} />
        <div className="mt-4 grid grid-cols-1 gap-x-8 gap-y-4 md:grid-cols-2">
          <div>
            <h3 className="mb-2 text-sm font-medium text-stone-700">按类型</h3>
            <div className="space-y-3">
              {mastery.byKind.map((kind) => (
                <ShareBar key={kind.kind} label={kind.label} part={kind.mastered} whole={kind.cards} />
              ))}
            </div>
          </div>
          {mastery.byDocument.length > 0 ? (
            <div>
              <h3 className="mb-2 text-sm font-medium text-stone-700">按资料</h3>
              <div className="space-y-3">
                {mastery.byDocument.map((document) => (
                  <ShareBar
                    key={document.documentId}
                    label={document.title}
                    part={document.mastered}
                    whole={document.cards}
                  />
                ))}
              </div>
            </div>
          ) : null}
        </div>
      </Card>

      <Card
        title="易错题"
        subtitle={`遗忘 ${LAPSE_THRESHOLD} 次及以上的考点${lapses.total > 0 ? `，共 ${lapses.total} 个` : ""}`}
      >
        {lapses.total === 0 ? (
          <p className="text-sm text-stone-600">暂无易错题，继续保持！</p>
        ) : (
          <>
            <Link
              to="/study?drill=lapses"
              className="inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              练习易错题
            </Link>
            <ul className="mt-4 divide-y divide-stone-100">
              {lapses.cards.map((card) => (
                <li key={card.cardId} className="py-3">
                  <div className="flex items-start justify-between gap-3">
                    <p className="min-w-0 font-medium text-stone-900">{card.subject}</p>
                    <span className="shrink-0 rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800">
                      遗忘 {card.lapses} 次
                    </span>
                  </div>
                  <p className="mt-1 line-clamp-2 text-sm text-stone-600">{card.quote}</p>
                  <p className="mt-1 text-xs text-stone-500">
                    {KIND_LABELS[card.kind]} ·{" "}
                    <Link to={`/documents/${card.documentId}`} className="text-brand-700 hover:underline">
                      {card.documentTitle}
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
            {lapses.total > lapses.cards.length ? (
              <p className="mt-2 text-xs text-stone-500">仅显示遗忘次数最多的 {lapses.cards.length} 个。</p>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
