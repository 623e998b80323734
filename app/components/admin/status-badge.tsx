import { STATUS_LABELS, STATUS_STYLES, type QuestionStatus } from "./labels";

export function StatusBadge({ status }: { status: QuestionStatus }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[status]}`}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
