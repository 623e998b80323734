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

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a time zone, as milliseconds of a UTC date with the same fields. */
function wallClockMs(instant: number, timeZone: string): number {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    zoneFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** An instant as the value of a datetime-local input on the wall clock of a time zone (a group's). */
export function toZonedInput(iso: string | Date | null, timeZone: string): string {
  if (!iso) return "";
  return new Date(wallClockMs(new Date(iso).getTime(), timeZone)).toISOString().slice(0, 16);
}

/**
 * A datetime-local value ("2025-03-01T09:00") read on the wall clock of a time zone (a group's, so
 * "due 18:00" means 18:00 where the group is); null when blank. Daylight saving is honoured: two
 * passes settle the offset of that moment.
 */
export function fromZonedInput(value: string, timeZone: string): Date | null | "invalid" {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (!m) return "invalid";
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Date.UTC rolls 02-30 over to 03-01: such a value is not a date.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return "invalid";
  let instant = wall - (wallClockMs(wall, timeZone) - wall);
  instant = wall - (wallClockMs(instant, timeZone) - instant);
  return new Date(instant);
}

/** A time zone for people: 北京时间 for Asia/Shanghai, else the IANA name. */
export function zoneLabel(timeZone: string): string {
  return timeZone === ADMIN_TIME_ZONE ? "北京时间" : timeZone;
}
