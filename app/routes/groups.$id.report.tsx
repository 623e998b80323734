import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requestNow } from "~/clock.server";
import { ItemAnalysisTables, WeakestPoints } from "~/components/report/analysis";
import { CsvLink, Section } from "~/components/report/format";
import { StatCard } from "~/components/stat-card";
import { AssignmentMatrix } from "~/components/report/matrix";
import { MembersTable } from "~/components/report/members-table";
import { GroupMemorySection } from "~/components/report/memory";
import { RangeFilter } from "~/components/report/range-filter";
import { Trends } from "~/components/report/trends";
import { requireGroupManager } from "~/groups/groups.server";
import { ITEM_MIN_ATTEMPTS, TREND_WEEKS, freshnessLabel } from "~/groups/report";
import { getGroupReport } from "~/groups/report.server";
import { groupMemoryReport } from "~/memory/group.server";
import { addDays, studyDayStart } from "~/study/day";
import { chineseDate, percent } from "~/study/progress";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} 报告 · 学而` : "小组报告 · 学而" },
];

const reportParams = z.object({
  id: z.string().uuid(),
});
const searchSchema = z.object({
  from: z.string().max(10).optional().catch(undefined),
  to: z.string().max(10).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = reportParams.safeParse(params);
  if (!id.success) throw new Response("小组不存在", { status: 404 });
  await requireGroupManager(request, id.data.id);
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = requestNow(request);
  const [report, memory] = await Promise.all([
    getGroupReport(id.data.id, search, now),
    groupMemoryReport(id.data.id, now),
  ]);
  return { ...report, memory };
}

export default function GroupReportPage() {
  const report = useLoaderData<typeof loader>();
  const { group, range, summary } = report;
  const query = `?from=${range.from}&to=${range.to}`;
  const csv = (name: string) => `/groups/${group.id}/report/${name}.csv${query}`;
  const end = studyDayStart(addDays(range.to, 1), group.timeZone);
  const rangeLabel =
    range.from === range.to ? chineseDate(range.from) : `${chineseDate(range.from)}至${chineseDate(range.to)}`;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <Link to={`/groups/${group.id}`} className="text-sm text-stone-500 hover:text-brand-700">
            ← {group.name}
          </Link>
          <h1 className="mt-1 text-2xl font-semibold">小组学习报告</h1>
          <p className="mt-1 text-xs text-stone-500">
            {rangeLabel}（{range.days} 天）· 学习日从 04:00 起算，时区 {group.timeZone}
            （成员每天的学习量按其本人设置的时区归日）
          </p>
          <p className="mt-0.5 text-xs text-stone-500" data-testid="report-freshness">
            {freshnessLabel(report.source, group.timeZone)}
          </p>
        </div>
        <RangeFilter range={range} today={report.today} />
      </div>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <StatCard
          label="本周活跃"
          value={summary.activeThisWeek}
          unit={`/ ${summary.members} 人`}
          note={`近 7 个学习日至少复习 1 次 · ${percent(summary.members ? summary.activeThisWeek / summary.members : null)}`}
          emphasis
        />
        <StatCard
          label="作业考点覆盖率"
          value={percent(summary.coverage.rate)}
          note={
            summary.coverage.points > 0
              ? `作业题集共 ${summary.coverage.points} 个考点，成员已学习的比例`
              : "区间内没有布置作业"
          }
          emphasis
        />
        <StatCard
          label="真实保持率"
          value={percent(summary.retention.rate)}
          note={
            summary.retention.whole > 0
              ? `到期复习 ${summary.retention.whole} 次，答对 ${summary.retention.part} 次`
              : "区间内没有到期复习"
          }
          emphasis
        />
        <StatCard
          label="按时完成率"
          value={percent(summary.onTime.rate)}
          note={
            summary.onTime.assignments > 0
              ? `已截止作业 ${summary.onTime.assignments} 项，按时提交 ${summary.onTime.part} 份`
              : "区间内没有已截止的作业"
          }
        />
        <StatCard label="成员" value={summary.members} unit="人" note="不含小组管理员" />
      </div>

      <Section id="memory" title="记忆预测" subtitle="记忆模型（FSRS）按每位成员的记忆参数预测，旁边是实测的真实保持率">
        <GroupMemorySection groupId={group.id} memory={report.memory} timeZone={group.timeZone} />
      </Section>

      <Section
        id="members"
        title="成员学习情况"
        subtitle="点击表头排序；点击姓名查看该成员的学习进度"
        actions={<CsvLink href={csv("members")} />}
      >
        <MembersTable groupId={group.id} members={report.members} assignments={report.assignments} />
      </Section>

      <Section
        id="assignments"
        title="作业完成情况"
        subtitle="按时：截止前提交；迟交：截止后才提交；分数取按时提交中的最高分"
        actions={<CsvLink href={csv("assignments")} />}
      >
        <AssignmentMatrix
          members={report.members}
          assignments={report.assignments}
          timeZone={group.timeZone}
          end={end}
        />
      </Section>

      <Section
        id="trends"
        title={`近 ${TREND_WEEKS} 周趋势`}
        subtitle={`每根柱子为 7 个学习日，截至${chineseDate(range.to)}`}
      >
        <Trends weeks={report.trends} />
      </Section>

      <div className="space-y-5">
        <Section
          id="weakest"
          title="薄弱考点"
          subtitle="区间内小组保持率最低的考点（至少 5 次到期复习），点击资料查看原文"
          actions={<CsvLink href={csv("weakest")} />}
        >
          <WeakestPoints points={report.weakest} />
        </Section>
        <Section
          id="items"
          title="题目分析"
          subtitle={`每名成员的首次提交；作答满 ${ITEM_MIN_ATTEMPTS} 人的题目。区分度为负的题目会自动提交管理员审核`}
          actions={<CsvLink href={csv("items")} />}
        >
          <ItemAnalysisTables analyses={report.itemAnalysis} minAttempts={ITEM_MIN_ATTEMPTS} />
        </Section>
      </div>
    </div>
  );
}
