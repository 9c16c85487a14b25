/**
 * Calendar days and wall-clock times in a time zone (TZ_DISPLAY), as the
 * people reading the bot count them: `since:` windows, stats windows and
 * their daily bars, and the daily summary's time. Only Intl, so any IANA
 * zone works and daylight-saving changes are followed.
 */

/** A calendar day: year, month (1-12), day of month. */
export type LocalDate = [year: number, month: number, day: number];

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

function dateParts(ms: number, timeZone: string) {
  const fields = formatFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(fields.find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(ms: number, timeZone: string): number {
  const p = dateParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** Minutes since local midnight in the zone at an instant. */
export function localMinutes(instant: Date, timeZone: string): number {
  const parts = dateParts(instant.getTime(), timeZone);
  return parts.hour * 60 + parts.minute;
}

/** The calendar day an instant falls on in the zone. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const parts = dateParts(instant.getTime(), timeZone);
  return [parts.year, parts.month, parts.day];
}

const DAY_MS = 86_400_000;

/**
 * A wall-clock time of a calendar day in a zone, as an instant, the way
 * Temporal's 'compatible' disambiguation reads it: a time the clocks pass
 * twice (fall back, 01:30) is its first instant; a time they skip (spring
 * forward, 02:30 where 02:00 jumps to 03:00) is as far after the jump as it
 * was after the last time before it (03:30). So a midnight a zone skips
 * (America/Santiago on 7 Sep 2025 goes from 23:59:59 to 01:00) is the day's
 * first instant, 01:00, never the day before's 23:00.
 */
export function zonedTime(date: LocalDate, timeZone: string, hour = 0, minute = 0): Date {
  const [year, month, day] = date;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offsets a day before and after: a change of offset near this time lies between them.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const fits = [wall - before, wall - after].filter((instant) => offsetMs(instant, timeZone) === wall - instant);
  // Both fit: the time comes twice, the first counts. None fits: it was skipped, read with the offset before.
  return new Date(fits.length > 0 ? Math.min(...fits) : wall - before);
}

/** The first instant of a calendar day in a zone: its midnight, or where the day starts when the clocks skip midnight. */
export function zonedMidnight(date: LocalDate, timeZone: string): Date {
  return zonedTime(date, timeZone);
}

/** The calendar day `days` after (or before, when negative) another. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date[0], date[1] - 1, date[2] + days));
  return [moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()];
}

/** `2025-03-01`. */
export function isoDay(date: LocalDate): string {
  return `${date[0]}-${String(date[1]).padStart(2, '0')}-${String(date[2]).padStart(2, '0')}`;
}

/** `2025-03-01` -> the calendar day; undefined when it is not one. */
export function readIsoDay(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date: LocalDate = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isoDay(addDays(date, 0)) === text ? date : undefined;
}
