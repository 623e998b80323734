export const FORMAT_LABELS = { single: "单选题", multiple: "多选题", truefalse: "判断题", fill: "填空题" } as const;
export const KIND_LABELS: Record<string, string> = { phrase: "提法", target: "目标", provision: "法条" };
export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"];
