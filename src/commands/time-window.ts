/**
 * `since:today|yesterday|7d|30d|YYYY-MM-DD` (DESIGN.md, "Commands": every
 * list takes it): read by the parser into its canonical word, and made an
 * instant by the handler. Days start at midnight in the display time zone
 * (TZ_DISPLAY), as the people reading the lists count them; `7d` is the last
 * 7 × 24 hours.
 */
import type { Since } from './request.js';

const DAY_MS = 86_400_000;
/** A year and a day: longer windows are not what a chat list is for. */
const MAX_DAYS = 366;

const TODAY = new Set(['today', 'сегодня']);
const YESTERDAY = new Set(['yesterday', 'вчера']);

/** The canonical form of what follows `since:`, or undefined when it is not a window. */
export function readSince(value: string): Since | undefined {
  const word = value.toLowerCase();
  if (TODAY.has(word)) return 'today';
  if (YESTERDAY.has(word)) return 'yesterday';
  const days = /^([0-9]{1,3})[dд]$/u.exec(word);
  if (days) {
    const n = Number(days[1]);
    return n >= 1 && n <= MAX_DAYS ? `${n}d` : undefined;
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(word);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const parsed = new Date(Date.UTC(y, m - 1, d));
    const valid = parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d && y >= 2000;
    return valid ? word : undefined;
  }
  return undefined;
}

/** The instant a window starts. */
export function sinceInstant(since: Since, now: Date, timeZone: string): Date {
  if (since.endsWith('d')) return new Date(now.getTime() - Number(since.slice(0, -1)) * DAY_MS);
  if (since === 'today' || since === 'yesterday') {
    const [y, m, d] = localDate(now, timeZone);
    const today = zonedMidnight(y, m, d, timeZone);
    return since === 'today' ? today : zonedMidnight(...localDate(new Date(today.getTime() - DAY_MS / 2), timeZone), timeZone);
  }
  const [y, m, d] = since.split('-').map(Number) as [number, number, number];
  return zonedMidnight(y, m, d, timeZone);
}

function localDate(instant: Date, timeZone: string): [number, number, number] {
  const parts = dateParts(instant.getTime(), timeZone);
  return [parts.year, parts.month, parts.day];
}

function dateParts(ms: number, timeZone: string) {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(fields.find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(ms: number, timeZone: string): number {
  const p = dateParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** Midnight of a calendar day in a zone, as an instant (two passes settle a DST change on that day). */
function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone));
}
