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
import type { Progress } from "~/study/progress.server";
import {
  KIND_LABELS,
  LAPSE_THRESHOLD,
  MASTERY_EXPLANATION,
  chineseWeekday,
  percent,
  shortChineseDate,
} from "~/study/progress";
import { StatCard } from "~/components/stat-card";
import { Section } from "./format";

const OUTCOME_SERIES: BarSeries[] = [
  { name: "答对", color: "#0f766e" },
  { name: "答错", color: "#f59e0b" },
];

/**
 * A member's progress as their manager sees it: the learner's own figures and charts, without the
 * learner's calls to action (a manager cannot study or drill on someone else's behalf).
 */
export function MemberProgress({ progress }: { progress: Progress }) {
  if (progress.totalReviews === 0)
    return <EmptyState title="还没有学习记录">该成员加入本小组以来还没有完成过复习。</EmptyState>;
  const { streak, retention, recent, mastery, lapses } = progress;
  const recentData: BarDatum[] = recent.map((day, index) => ({
    values: [day.correct, day.wrong],
    title: `${shortChineseDate(day.day)}（${chineseWeekday(day.day)}）：答对 ${day.correct} 次，答错 ${day.wrong} 次`,
    tick:
      (recent.length - 1 - index) % 7 === 0
        ? index === recent.length - 1
          ? "今天"
          : shortChineseDate(day.day)
        : undefined,
  }));
  const recentTotal = recent.reduce((sum, day) => sum + day.correct + day.wrong, 0);
  return (
    <div className="space-y-5">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          label="连续学习"
          value={streak.current}
          unit="天"
          note={`最长 ${streak.longest} 天${streak.studiedToday ? " · 今天已学习" : ""}`}
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
        <StatCard
          label="已掌握考点"
          value={percent(mastery.total.cards ? mastery.total.mastered / mastery.total.cards : null)}
          note={`${mastery.total.mastered} / ${mastery.total.cards} 个`}
        />
        <StatCard label="累计复习" value={progress.totalReviews} unit="次" note={`共学习 ${progress.studyDays} 天`} />
      </div>
      <Section id="calendar" title="学习日历" subtitle="最近一年每天的复习次数">
        <Heatmap data={progress.heatmap} />
        <div className="mt-2">
          <HeatmapLegend />
        </div>
      </Section>
      <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
        <Section id="recent" title="近 30 天复习" subtitle={`共 ${recentTotal} 次`}>
          <BarChart data={recentData} series={OUTCOME_SERIES} label={`近 30 天共复习 ${recentTotal} 次`} />
          <div className="mt-2">
            <SeriesLegend series={OUTCOME_SERIES} />
          </div>
        </Section>
        <Section id="mastery" title="掌握程度" subtitle={MASTERY_EXPLANATION}>
          <div className="space-y-3">
            <ShareBar label="全部考点" part={mastery.total.mastered} whole={mastery.total.cards} />
            {mastery.byKind.map((kind) => (
              <ShareBar key={kind.kind} label={kind.label} part={kind.mastered} whole={kind.cards} />
            ))}
          </div>
        </Section>
      </div>
      {mastery.byDocument.length > 0 ? (
        <Section id="documents" title="按资料">
          <div className="grid grid-cols-1 gap-x-8 gap-y-3 md:grid-cols-2">
            {mastery.byDocument.map((document) => (
              <ShareBar
                key={document.documentId}
                label={document.title}
                part={document.mastered}
                whole={document.cards}
              />
            ))}
          </div>
        </Section>
      ) : null}
      <Section
        id="lapses"
        title="易错题"
        subtitle={`遗忘 ${LAPSE_THRESHOLD} 次及以上的考点${lapses.total > 0 ? `，共 ${lapses.total} 个` : ""}`}
      >
        {lapses.total === 0 ? (
          <p className="text-sm text-stone-600">暂无易错题。</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {lapses.cards.map((card) => (
              <li key={card.cardId} className="py-2.5">
                <div className="flex items-start justify-between gap-3">
                  <p className="min-w-0 font-medium">{card.subject}</p>
                  <span className="shrink-0 rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800">
                    遗忘 {card.lapses} 次
                  </span>
                </div>
                <p className="mt-0.5 text-xs text-stone-500">
                  {KIND_LABELS[card.kind]} · {card.documentTitle}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
