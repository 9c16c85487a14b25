/**
 * Ages (issue 15): every time a reply shows says how long ago it was, in the
 * reader's language, through Intl.RelativeTimeFormat, and counts take their
 * noun's plural form through Intl.PluralRules.
 */
import { describe, expect, it } from 'vitest';
import { ageSameUntil, createFormatter, trackingAges } from '../../src/present/format.js';

const NOW = new Date('2025-03-01T12:00:00Z');
const before = (ms: number) => new Date(NOW.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('ages', () => {
  const en = createFormatter('en', 'Europe/Moscow');
  const ru = createFormatter('ru', 'Europe/Moscow');

  it.each([
    [0, 'now', 'сейчас'],
    [40_000, '40 sec ago', '40 сек. назад'],
    [5 * MINUTE, '5 min ago', '5 мин. назад'],
    [3 * HOUR, '3 hr ago', '3 ч назад'],
    [30 * HOUR, '30 hr ago', '30 ч назад'],
    [2 * DAY, '2 days ago', '2 дн. назад'],
    [21 * DAY, '21 days ago', '21 дн. назад'],
    [90 * DAY, '3 mo ago', '3 мес. назад'],
    [800 * DAY, '2 yr ago', '2 г. назад'],
    [-2 * DAY, 'in 2 days', 'через 2 дн.'],
  ])('says %i ms ago as "%s" and "%s"', (ms, english, russian) => {
    expect(en.age(before(ms), NOW)).toBe(english);
    expect(ru.age(before(ms), NOW)).toBe(russian);
  });

  it('puts the age after the time, in the display zone, for ISO text, Dates and Unix seconds alike', () => {
    expect(en.when('2025-03-01T09:00:00Z', NOW)).toBe('1 Mar 2025, 12:00 (3 hr ago)');
    expect(ru.when(before(3 * HOUR), NOW)).toBe('1 мар. 2025 г., 12:00 (3 ч назад)');
    expect(en.when(before(3 * HOUR).getTime() / 1000, NOW)).toBe('1 Mar 2025, 12:00 (3 hr ago)');
    expect(en.when('not a time', NOW)).toBe('not a time');
  });

  it('counts with the plural form each language needs', () => {
    const sessions = { one: 'session', other: 'sessions' };
    const сессии = { one: 'сессия', few: 'сессии', many: 'сессий', other: 'сессии' };
    expect([1, 2, 5, 1234].map((n) => en.count(n, sessions))).toEqual(['1 session', '2 sessions', '5 sessions', '1,234 sessions']);
    expect([1, 2, 5, 21, 22, 11, 1234].map((n) => ru.count(n, сессии))).toEqual([
      '1 сессия',
      '2 сессии',
      '5 сессий',
      '21 сессия',
      '22 сессии',
      '11 сессий',
      '1 234 сессии',
    ]);
  });

  it('says the same when a text is made once and reused: seconds within a minute, and past the texts it keeps', () => {
    expect(en.dateTime('2025-03-01T09:00:05Z')).toBe('1 Mar 2025, 12:00');
    expect(en.dateTime('2025-03-01T09:00:59.999Z')).toBe('1 Mar 2025, 12:00');
    expect(en.dateTime('2025-03-01T09:01:00Z')).toBe('1 Mar 2025, 12:01');
    expect(en.dateTime('1969-12-31T23:59:30Z')).toBe('1 Jan 1970, 02:59');
    // More numbers than a formatter keeps texts for: the first ones read the same after it starts over.
    const many = Array.from({ length: 2_500 }, (_, i) => i * 1_001);
    const first = many.map((n) => ru.number(n));
    expect(many.map((n) => ru.number(n))).toEqual(first);
    expect(first[1_000]).toBe('1 001 000');
    expect(ru.count(2_001, { one: 'сессия', few: 'сессии', many: 'сессий', other: 'сессии' })).toBe('2 001 сессия');
  });
});

describe('until when an age reads the same', () => {
  const en = createFormatter('en', 'Europe/Moscow');
  const at = (ms: number) => new Date(ms);
  /** Ages from a second to three years, past and ahead, with odd milliseconds so no case sits on a boundary by luck. */
  const distances = [0, 1, 999, 1_000, 1_001, 59_999, 60_000, 61_234, HOUR - 1, HOUR, 5 * HOUR + 17, 2 * DAY - 1, 2 * DAY, 59 * DAY + 3, 60 * DAY, 729 * DAY, 730 * DAY, 1_100 * DAY];
  const cases = distances.flatMap((distance) => [-distance, distance]).map((ms) => ({ date: NOW.getTime() + ms, now: NOW.getTime() }));

  it.each(cases)('reads the same from now up to the instant it names, and differently from that instant on ($date from $now)', ({ date, now }) => {
    const until = ageSameUntil(date, now);
    expect(until).toBeGreaterThan(now);
    const text = en.age(at(date), at(now));
    // Every moment up to the boundary, probed at a thousand points and at its last millisecond.
    for (let step = 0; step <= 1_000; step += 1) {
      const probe = now + Math.floor(((until - 1 - now) * step) / 1_000);
      expect(en.age(at(date), at(probe))).toBe(text);
    }
    // Tight: at the boundary the text changes, except for "now", which lasts until a second past the instant.
    if (Math.abs(date - now) >= 1_000) expect(en.age(at(date), at(until))).not.toBe(text);
  });

  it('tracks when every age a render writes reads the same: from the latest moment one was written at to the earliest boundary', () => {
    const tracked = trackingAges(en);
    expect(tracked.readsSame()).toEqual({ from: -Infinity, until: Infinity });
    expect(tracked.format.when(before(3 * HOUR + 5 * MINUTE), NOW)).toBe(en.when(before(3 * HOUR + 5 * MINUTE), NOW));
    expect(tracked.readsSame()).toEqual({ from: NOW.getTime(), until: NOW.getTime() + 55 * MINUTE });
    tracked.format.age(before(40_500), new Date(NOW.getTime() + 2));
    expect(tracked.readsSame()).toEqual({ from: NOW.getTime() + 2, until: NOW.getTime() + 500 });
    tracked.format.age('not a time', new Date(NOW.getTime() + 9));
    expect(tracked.readsSame()).toEqual({ from: NOW.getTime() + 2, until: NOW.getTime() + 500 });
  });
});
