export { DOCUMENT_KIND_LABELS as KIND_LABELS, documentKindLabel as kindLabel } from "~/vocabulary";

export function formatDate(date: string | Date | null): string | null {
  if (!date) return null;
  const iso = typeof date === "string" ? date : date.toISOString();
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  return `${year}年${month}月${day}日`;
}
