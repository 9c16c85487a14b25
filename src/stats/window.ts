/**
 * The time a stats answer covers (`/kyc stats [today|yesterday|7d|30d]`, the
 * daily summary's day), cut into the chart's bars, and the window of the
 * same length just before it that the figures are compared with. Days start
 * at midnight in the display time zone (TZ_DISPLAY), as the people reading
 * the chart count them: `7d` is today and the six days before it, so the
 * chart has seven bars, the last one growing through the day.
 */
import { addDays, localDate, readIsoDay, zonedMidnight, type LocalDate } from '../domain/local-time.js';

/** `today`, `yesterday` or `Nd` (1..MAX_STATS_DAYS). */
export type StatsPeriod = string;

export const DEFAULT_STATS_PERIOD: StatsPeriod = '7d';
/** A quarter: enough for a trend, and a chart's bars stay wider than a line. */
export const MAX_STATS_DAYS = 90;

export interface StatsWindow {
  period: StatsPeriod;
  from: Date;
  /** Exclusive: now, or the end of a past day. */
  to: Date;
  /** The window of the same length just before: [previousFrom, from). */
  previousFrom: Date;
  /** One bar per hour (a one-day window) or per day. */
  unit: 'hour' | 'day';
  /** Where each bar starts; a bar ends where the next starts, the last at `to`. */
  bars: Date[];
}

const HOUR_MS = 3_600_000;

/** The canonical form of a period word, or undefined when it is not one. */
export function readStatsPeriod(word: string): StatsPeriod | undefined {
  const key = word.toLowerCase();
  if (key === 'today' || key === 'сегодня') return 'today';
  if (key === 'yesterday' || key === 'вчера') return 'yesterday';
  const days = /^([0-9]{1,3})[dд]$/u.exec(key);
  const n = days ? Number(days[1]) : 0;
  return n >= 1 && n <= MAX_STATS_DAYS ? `${n}d` : undefined;
}

/** The window a period covers at `now`. */
export function statsWindow(period: StatsPeriod, now: Date, timeZone: string): StatsWindow {
  const today = localDate(now, timeZone);
  if (period === 'today') return hourly(period, today, now, timeZone);
  if (period === 'yesterday') return hourly(period, addDays(today, -1), zonedMidnight(today, timeZone), timeZone);
  const days = Number(period.slice(0, -1));
  const first = addDays(today, 1 - days);
  const bars = Array.from({ length: days }, (_, i) => zonedMidnight(addDays(first, i), timeZone));
  return withPrevious({ period, from: bars[0]!, to: now, unit: 'day', bars });
}

/** The day a daily summary posted on `day` (`2025-03-02`) reports on: the whole day before it. */
export function summaryWindow(day: string, timeZone: string): StatsWindow {
  const posted = readIsoDay(day);
  if (!posted) throw new Error(`not a calendar day: ${day}`);
  return hourly('yesterday', addDays(posted, -1), zonedMidnight(posted, timeZone), timeZone);
}

function hourly(period: StatsPeriod, day: LocalDate, to: Date, timeZone: string): StatsWindow {
  const from = zonedMidnight(day, timeZone);
  const end = zonedMidnight(addDays(day, 1), timeZone);
  const bars: Date[] = [];
  // By the clock, not by 24 steps: a day with a daylight-saving change has 23 or 25 hours.
  for (let at = from.getTime(); at < end.getTime(); at += HOUR_MS) bars.push(new Date(at));
  return withPrevious({ period, from, to, unit: 'hour', bars });
}

function withPrevious(window: Omit<StatsWindow, 'previousFrom'>): StatsWindow {
  const length = window.to.getTime() - window.from.getTime();
  return { ...window, previousFrom: new Date(window.from.getTime() - length) };
}
