/**
 * Ages (issue 15): every time a reply shows says how long ago it was, in the
 * reader's language, through Intl.RelativeTimeFormat, and counts take their
 * noun's plural form through Intl.PluralRules.
 */
import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../src/present/format.js';

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
