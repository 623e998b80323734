/**
 * Study days: a learner's day starts at 04:00 in their own time zone (late-night study counts for
 * the day before, as in Anki), so "today", streaks and the heatmap agree with how people live.
 */
export const DAY_START_HOUR = 4;
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
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
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a time zone. */
function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The time zone's offset from UTC at that instant, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The study day an instant belongs to, as YYYY-MM-DD. */
export function studyDay(instant: Date, timeZone = DEFAULT_TIME_ZONE, startHour = DAY_START_HOUR): string {
  // Every question asks this several times; the time zone's formatter is the costly part, so the
  // day last found per zone answers for any instant inside it.
  const key = `${timeZone}|${startHour}`;
  const known = currentDays.get(key);
  const time = instant.getTime();
  if (known && known.start <= time && time < known.end) return known.day;
  const day = wallClockStudyDay(instant, timeZone, startHour);
  const start = studyDayStart(day, timeZone, startHour).getTime();
  const end = studyDayStart(addDays(day, 1), timeZone, startHour).getTime();
  if (start <= time && time < end) currentDays.set(key, { day, start, end });
  return day;
}

const currentDays = new Map<string, { day: string; start: number; end: number }>();

function wallClockStudyDay(instant: Date, timeZone: string, startHour: number): string {
  // On the wall clock, not in absolute time: a daylight-saving jump must not move the boundary.
  const w = wallClock(instant, timeZone);
  const date = `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
  return w.hour < startHour ? addDays(date, -1) : date;
}

const dayStarts = new Map<string, number>();

/** The instant a study day (YYYY-MM-DD) begins: its 04:00 in the time zone. */
export function studyDayStart(day: string, timeZone = DEFAULT_TIME_ZONE, startHour = DAY_START_HOUR): Date {
  const key = `${timeZone}|${startHour}|${day}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(year, month - 1, date, startHour));
  // Two passes settle the offset even on a day whose offset changes (daylight saving).
  let instant = new Date(guess.getTime() - offsetMs(guess, timeZone));
  instant = new Date(guess.getTime() - offsetMs(instant, timeZone));
  // Bounded: a process sees few zones and days (reports over a year are hundreds).
  if (dayStarts.size >= 10_000) dayStarts.clear();
  dayStarts.set(key, instant.getTime());
  return instant;
}

/** The instant the study day containing `instant` ends (the next day's start). */
export function studyDayEnd(instant: Date, timeZone = DEFAULT_TIME_ZONE, startHour = DAY_START_HOUR): Date {
  return studyDayStart(addDays(studyDay(instant, timeZone, startHour), 1), timeZone, startHour);
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(day: string, n: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + n)).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Current and longest run of consecutive study days, given the days studied and today. */
export function streaks(days: readonly string[], today: string): { current: number; longest: number } {
  const sorted = [...new Set(days)].sort();
  let longest = 0;
  let run = 0;
  let previous: string | null = null;
  for (const day of sorted) {
    run = previous !== null && daysBetween(previous, day) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  // The current streak survives until today ends: studying yesterday but not yet today keeps it.
  const studied = new Set(sorted);
  let current = 0;
  let cursor = studied.has(today) ? today : addDays(today, -1);
  while (studied.has(cursor)) {
    current++;
    cursor = addDays(cursor, -1);
  }
  return { current, longest };
}
