import { KNOWLEDGE_KIND_LABELS, QUESTION_FORMAT_LABELS } from "~/vocabulary";

export const FORMAT_LABELS = QUESTION_FORMAT_LABELS;
export const KIND_LABELS: Record<string, string> = KNOWLEDGE_KIND_LABELS;
export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"];
