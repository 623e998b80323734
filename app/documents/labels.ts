import type { DocumentKind } from "~/content";

export const KIND_LABELS: Record<DocumentKind, string> = {
  "work-report": "工作报告",
  law: "法律法规",
  communique: "公报",
  speech: "讲话",
  news: "新闻",
  meeting: "会议",
};

/** Prisma stores `work-report` as the enum member `work_report`. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind.replace("_", "-") as DocumentKind] ?? kind;
}

export function formatDate(date: string | Date | null): string | null {
  if (!date) return null;
  const iso = typeof date === "string" ? date : date.toISOString();
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  return `${year}年${month}月${day}日`;
}
