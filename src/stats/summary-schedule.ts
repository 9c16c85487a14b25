/**
 * When a chat's daily summary is due (`/kyc summary daily 09:00`): once a
 * day, at its time in its zone. The day's summary is due from that time to
 * the day's end, so a replica that starts after the time (a restart, a
 * deploy) still posts it that day; one that starts the next morning does
 * not post the missed one. A schedule set after the day's time starts the
 * next day.
 */
import { addDays, isoDay, localDate, zonedTime, type LocalDate } from '../domain/local-time.js';
import type { SummarySchedule } from '../store/stats-types.js';

type Timing = Pick<SummarySchedule, 'at' | 'timeZone' | 'createdAt'>;

function timeOn(date: LocalDate, schedule: Timing): Date {
  const [hour, minute] = schedule.at.split(':').map(Number) as [number, number];
  return zonedTime(date, schedule.timeZone, hour, minute);
}

/** The calendar day (`2025-03-02`) whose summary is due at `now`, or null when none is. */
export function dueSummaryDay(schedule: Timing, now: Date): string | null {
  const today = localDate(now, schedule.timeZone);
  const at = timeOn(today, schedule);
  return now >= at && at >= schedule.createdAt ? isoDay(today) : null;
}

/** The calendar day (`2025-03-02`) `now` falls on in the schedule's zone. */
export function summaryDayOf(schedule: Pick<SummarySchedule, 'timeZone'>, now: Date): string {
  return isoDay(localDate(now, schedule.timeZone));
}

/**
 * When the next summary after `now` is due. `todayQueued`: today's summary is
 * already in the outbox (posted at the time set before), so none comes today.
 */
export function nextSummaryAt(schedule: Timing, now: Date, todayQueued = false): Date {
  const today = localDate(now, schedule.timeZone);
  const at = timeOn(today, schedule);
  return !todayQueued && at > now && at >= schedule.createdAt ? at : timeOn(addDays(today, 1), schedule);
}
