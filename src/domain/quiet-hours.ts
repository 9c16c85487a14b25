/**
 * Quiet hours of an alert subscription (`/kyc subscribe ... quiet:22:00-08:00`):
 * a daily window in a time zone (TZ_DISPLAY when it was set) during which the
 * subscription's alerts are held, to arrive as one digest when it ends. The
 * store reads it when queueing an alert; the parser and the subscription
 * answers write and show it.
 */
import { localMinutes } from './local-time.js';

export interface QuietHours {
  /** "HH:MM", 24-hour clock, local to `timeZone`. */
  from: string;
  /** "HH:MM"; earlier than `from` when the window spans midnight. */
  to: string;
  /** IANA zone the times are in. */
  timeZone: string;
}

const CLOCK = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** "7:5" and "07:05" -> "07:05"; anything that is not a time of day -> undefined. */
export function readClock(text: string): string | undefined {
  const match = /^([0-9]{1,2}):([0-9]{2})$/.exec(text);
  if (!match) return undefined;
  const clock = `${match[1]!.padStart(2, '0')}:${match[2]}`;
  return CLOCK.test(clock) ? clock : undefined;
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * When the window holding `at` ends, or null when `at` is outside it. A
 * window whose ends are equal is empty. The end is counted in minutes from
 * `at`'s local time, so a daylight-saving jump inside the window moves it by
 * that hour (TZ_DISPLAY's default, Europe/Moscow, has none).
 */
export function quietUntil(quiet: QuietHours, at: Date): Date | null {
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return null;
  const now = localMinutes(at, quiet.timeZone);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return null;
  const left = (to - now + 24 * 60) % (24 * 60);
  const startOfMinute = at.getTime() - (at.getTime() % 60_000);
  return new Date(startOfMinute + left * 60_000);
}
