/** The group report's memory section (app/memory/group.server.ts): phone-width cards and a list, no wide table. */
import { Link } from "@remix-run/react";
import type { GroupMemory } from "~/memory/group.server";
import { percent } from "~/study/progress";
import { StatCard } from "~/components/stat-card";

function dueText(dueAt: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone,
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(dueAt));
}

export function GroupMemorySection({
  groupId,
  memory,
  timeZone,
}: {
  groupId: string;
  memory: GroupMemory;
  timeZone: string;
}) {
  return (
    <div className="space-y-4" data-testid="group-memory">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          label="已个性化记忆参数"
          value={memory.withOwnParameters}
          unit={`/ ${memory.members} 人`}
          note={
            memory.groupSet
              ? `小组参数基于 ${memory.groupSet.reviewsUsed} 次复习，预测误差从 ${memory.groupSet.logLossBefore.toFixed(3)} 降到 ${memory.groupSet.logLossAfter.toFixed(3)}`
              : "小组参数尚未拟合（需要成员有足够的复习记录）"
          }
        />
        <StatCard
          label="预计现在能回忆"
          value={percent(memory.predictedNow)}
          note={memory.cards > 0 ? `成员已学的 ${memory.cards} 个考点的平均` : "成员还没有学过考点"}
        />
        <StatCard label="30 天后（若不复习）" value={percent(memory.predictedIn30Days)} note="按每人的记忆参数推算" />
        <StatCard
          label="实测真实保持率（近 30 天）"
          value={percent(memory.trueRetention.rate)}
          note={
            memory.trueRetention.due > 0
              ? `到期复习 ${memory.trueRetention.due} 次，答对 ${memory.trueRetention.correct} 次`
              : "近 30 天没有到期复习"
          }
        />
      </div>
      <div>
        <h3 className="text-sm font-medium text-stone-700">预计到截止时会忘记大半作业内容的成员</h3>
        <p className="mt-0.5 text-xs text-stone-500">
          按记忆模型推算到作业截止时仍记得的考点比例低于 50%（未学过的考点按记不住计，且假设截止前不再复习）。
        </p>
        {memory.openAssignments === 0 ? (
          <p className="mt-2 text-sm text-stone-600">现在没有进行中的作业。</p>
        ) : memory.atRisk.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">没有成员预计会忘记大半作业内容。</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100">
            {memory.atRisk.map((row) => (
              <li
                key={`${row.assignmentId}:${row.userId}`}
                className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2 text-sm"
              >
                <span className="min-w-0">
                  <Link
                    to={`/groups/${groupId}/members/${row.userId}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {row.displayName}
                  </Link>
                  <span className="text-stone-500">
                    {" "}
                    · {row.title}（{dueText(row.dueAt, timeZone)}截止）
                  </span>
                </span>
                <span className="shrink-0 tabular-nums text-amber-800">
                  预计记得 {percent(row.expected)} · 已学 {row.studied}/{row.points}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
