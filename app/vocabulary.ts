/**
 * The project's vocabulary: every kind, format and status the database stores, with the one Chinese
 * label the interface, the CSV exports and the review tools use for it. Pure (no React, no
 * database), so domain code, components and routes all import it from here. `vocabulary.test.ts`
 * checks each list against its Prisma enum.
 */

/** Kinds of knowledge point (考点). */
export const KNOWLEDGE_KINDS = ["phrase", "target", "provision"] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];
export const KNOWLEDGE_KIND_LABELS: Record<KnowledgeKind, string> = {
  phrase: "提法",
  target: "目标",
  provision: "法条",
};

/** Question formats: the full name (a question's badge) and the short one (tables, CSV columns). */
export const QUESTION_FORMATS = ["single", "multiple", "truefalse", "fill"] as const;
export type QuestionFormat = (typeof QUESTION_FORMATS)[number];
export const QUESTION_FORMAT_LABELS: Record<QuestionFormat, string> = {
  single: "单选题",
  multiple: "多选题",
  truefalse: "判断题",
  fill: "填空题",
};
export const QUESTION_FORMAT_SHORT_LABELS: Record<QuestionFormat, string> = {
  single: "单选",
  multiple: "多选",
  truefalse: "判断",
  fill: "填空",
};

/**
 * A question's review status. A generated question awaits review (待审核) — it is not a draft anyone
 * wrote; an administrator approves (批准) or rejects (拒绝) it; regeneration retires what vanished.
 */
export const QUESTION_STATUSES = ["draft", "approved", "rejected", "retired"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  draft: "待审核",
  approved: "已批准",
  rejected: "已拒绝",
  retired: "已退役",
};

/** A question set's status: a set is written by an administrator, so its unpublished state is a 草稿. */
export const SET_STATUSES = ["draft", "published", "archived"] as const;
export type SetStatus = (typeof SET_STATUSES)[number];
export const SET_STATUS_LABELS: Record<SetStatus, string> = { draft: "草稿", published: "已发布", archived: "已归档" };

/** Document kinds, as app/content names them (the database enum spells `work-report` `work_report`). */
export const DOCUMENT_KINDS = ["work-report", "law", "communique", "speech", "news", "meeting"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  "work-report": "工作报告",
  law: "法律法规",
  communique: "公报",
  speech: "讲话",
  news: "新闻",
  meeting: "会议",
};

/** A document kind's label, from either spelling (`work-report` or the database's `work_report`). */
export function documentKindLabel(kind: string): string {
  return DOCUMENT_KIND_LABELS[kind.replace("_", "-") as DocumentKind] ?? kind;
}

/** Where an import run came from (import_runs.source): the admin pages said "start" before. */
export const IMPORT_SOURCES = ["upload", "start", "cli"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
export const IMPORT_SOURCE_LABELS: Record<ImportSource, string> = {
  upload: "上传",
  start: "启动时导入",
  cli: "命令行导入",
};

/** An import run's state (import_runs.status): background jobs wait, run, and end one of three ways. */
export const IMPORT_STATUSES = ["queued", "running", "done", "failed", "interrupted"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  queued: "排队中",
  running: "进行中",
  done: "完成",
  failed: "失败",
  interrupted: "已中断",
};

export function importStatusLabel(status: string): string {
  return (IMPORT_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function importSourceLabel(source: string): string {
  return (IMPORT_SOURCE_LABELS as Record<string, string>)[source] ?? source;
}

/** Who flagged a question (Prisma enum FlagSource). */
export const FLAG_SOURCES = ["learner", "item_analysis"] as const;
export type FlagSourceName = (typeof FLAG_SOURCES)[number];
export const FLAG_SOURCE_LABELS: Record<string, string> = {
  learner: "学员报告",
  item_analysis: "题目分析",
} satisfies Record<FlagSourceName, string>;

/** How an administrator resolved a flag (stored as text in flags.resolution). */
export const FLAG_RESOLUTIONS = ["approved", "edited", "rejected", "dismissed"] as const;
export const FLAG_RESOLUTION_LABELS: Record<string, string> = {
  approved: "题目无误，批准",
  edited: "已修改题目",
  rejected: "拒绝该题",
  dismissed: "忽略",
} satisfies Record<(typeof FLAG_RESOLUTIONS)[number], string>;
