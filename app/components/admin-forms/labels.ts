export const SET_STATUS_BADGE = {
  draft: { label: "草稿", color: "amber" },
  published: { label: "已发布", color: "green" },
  archived: { label: "已归档", color: "stone" },
} as const;

export const QUESTION_STATUS_BADGE = {
  draft: { label: "草稿", color: "amber" },
  approved: { label: "已审核", color: "green" },
  rejected: { label: "已拒绝", color: "red" },
  retired: { label: "已退役", color: "stone" },
} as const;
