/**
 * The report's tables as spreadsheets, with the same Chinese headers the page shows. Shares are
 * written as percentages with one decimal (a number Excel can sort), with the counts beside them,
 * and dates in the group's time zone.
 */
import { KIND_LABELS } from "~/study/progress";
import type { GroupReport } from "./report.server";
import { STATUS_LABELS, discriminationLabel } from "./report";
import { toCsv, type CsvCell } from "~/csv";
import { QUESTION_FORMAT_SHORT_LABELS } from "~/vocabulary";

export const EXPORTS = {
  members: { title: "成员", ascii: "members" },
  assignments: { title: "作业完成情况", ascii: "assignments" },
  weakest: { title: "薄弱考点", ascii: "weakest-points" },
  items: { title: "题目分析", ascii: "item-analysis" },
} as const;

export type ExportName = keyof typeof EXPORTS;

function pct(rate: number | null): CsvCell {
  return rate === null ? "" : Math.round(rate * 1000) / 10;
}

/** "2024-03-08 18:00" on the group's wall clock. */
export function wallTime(instant: Date | string | null, timeZone: string): string {
  if (!instant) return "";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export function exportFileName(report: GroupReport, name: ExportName): { fileName: string; ascii: string } {
  const span = `${report.range.from}_${report.range.to}`;
  return {
    fileName: `${report.group.name}-${EXPORTS[name].title}-${span}.csv`,
    ascii: `group-${EXPORTS[name].ascii}-${span}.csv`,
  };
}

export function exportCsv(report: GroupReport, name: ExportName): string {
  const tz = report.group.timeZone;
  switch (name) {
    case "members":
      return toCsv(
        [
          "姓名",
          "用户名",
          "加入时间",
          "最近学习日",
          "连续学习天数",
          "近7天复习次数",
          "区间复习次数",
          "保持率(%)",
          "到期复习次数",
          "掌握度(%)",
          "已掌握考点",
          "考点总数",
          "作业覆盖率(%)",
          ...report.assignments.map((a) => `${a.title}${a.withdrawnAt ? "（已撤回）" : ""} 得分`),
        ],
        report.members.map((m) => [
          m.displayName,
          m.username,
          wallTime(m.joinedAt, tz),
          m.lastStudyDay,
          m.streak,
          m.reviews7,
          m.reviewsRange,
          pct(m.retention.rate),
          m.retention.whole,
          pct(m.mastery.rate),
          m.mastery.part,
          m.mastery.whole,
          pct(m.coverage.rate),
          ...report.assignments.map((a) => m.results[a.id]?.score ?? null),
        ]),
      );
    case "assignments":
      return toCsv(
        [
          "姓名",
          "用户名",
          ...report.assignments.flatMap((a) => [
            `${a.title}${a.withdrawnAt ? "（已撤回）" : ""} 状态`,
            `${a.title}${a.withdrawnAt ? "（已撤回）" : ""} 得分`,
          ]),
        ],
        report.members.map((m) => [
          m.displayName,
          m.username,
          ...report.assignments.flatMap((a) => {
            const result = m.results[a.id];
            return [result ? STATUS_LABELS[result.status] : "", result?.score ?? null];
          }),
        ]),
      );
    case "weakest":
      return toCsv(
        ["考点", "类型", "原文", "资料", "段落", "保持率(%)", "到期复习次数", "答对次数", "复习人数"],
        report.weakest.map((p) => [
          p.subject,
          KIND_LABELS[p.kind] ?? p.kind,
          p.quote,
          p.documentTitle,
          p.passageOrdinal === null ? null : p.passageOrdinal + 1,
          pct(p.retention.rate),
          p.retention.whole,
          p.retention.part,
          p.members,
        ]),
      );
    case "items":
      return toCsv(
        [
          "作业",
          "题目",
          "题型",
          "作答人数",
          "难度(答对率 %)",
          "区分度",
          "高分组答对率(%)",
          "低分组答对率(%)",
          "评价",
          "已提交审核",
        ],
        report.itemAnalysis.flatMap((a) =>
          a.items.map((item) => [
            a.title,
            item.stem,
            FORMAT_LABELS[item.format] ?? item.format,
            item.attempts,
            pct(item.facility),
            item.discrimination === null ? null : Math.round(item.discrimination * 100) / 100,
            pct(item.upperFacility),
            pct(item.lowerFacility),
            discriminationLabel(item.discrimination),
            item.flagged,
          ]),
        ),
      );
  }
}

export const FORMAT_LABELS: Record<string, string> = QUESTION_FORMAT_SHORT_LABELS;
