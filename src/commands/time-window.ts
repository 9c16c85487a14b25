/**
 * `since:today|yesterday|7d|30d|YYYY-MM-DD` (DESIGN.md, "Commands": every
 * list takes it): read by the parser into its canonical word, and made an
 * instant by the handler. Days start at midnight in the display time zone
 * (TZ_DISPLAY), as the people reading the lists count them; `7d` is the last
 * 7 × 24 hours.
 */
import { addDays, localDate, zonedMidnight } from '../domain/local-time.js';
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
    const today = localDate(now, timeZone);
    return zonedMidnight(since === 'today' ? today : addDays(today, -1), timeZone);
  }
  const [y, m, d] = since.split('-').map(Number) as [number, number, number];
  return zonedMidnight([y, m, d], timeZone);
}
