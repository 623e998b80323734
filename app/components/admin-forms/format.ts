// Admin pages show times in Beijing time on the server and in the browser alike, so the markup
// does not change at hydration and matches what datetime inputs mean.
export const ADMIN_TIME_ZONE = "Asia/Shanghai";
const OFFSET = "+08:00";

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: ADMIN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatDateTime(iso: string | Date | null): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

/** An ISO instant as the value of a datetime-local input in Beijing time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const shifted = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}

/** A datetime-local value ("2025-03-01T09:00") read as Beijing time; null when blank or invalid. */
export function fromLocalInput(value: string): Date | null | "invalid" {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(trimmed)) return "invalid";
  const date = new Date(`${trimmed.length === 16 ? `${trimmed}:00` : trimmed}${OFFSET}`);
  return Number.isNaN(date.getTime()) ? "invalid" : date;
}
