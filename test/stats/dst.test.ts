/**
 * Daylight-saving days (review of issue 18): the daily summary's time and
 * the stats windows on the days the clocks change. A time the clocks skip
 * (02:30 in Berlin on 30 March 2025) comes as far after the jump (03:30); a
 * time they pass twice (01:30 in New York on 2 November 2025) comes once, at
 * its first instant; and a midnight a zone skips (America/Santiago, 7
 * September 2025: 23:59:59 is followed by 01:00) starts the day at 01:00,
 * never at the day before's 23:00.
 */
import { describe, expect, it } from 'vitest';
import { zonedMidnight } from '../../src/domain/local-time.js';
import { dueSummaryDay, nextSummaryAt } from '../../src/stats/summary-schedule.js';
import { statsWindow, summaryWindow } from '../../src/stats/window.js';

const HOUR = 3_600_000;
const iso = (date: Date) => date.toISOString();
const schedule = (at: string, timeZone: string, createdAt = '2025-01-01T00:00:00Z') => ({ at, timeZone, createdAt: new Date(createdAt) });

describe('the daily summary on a day the clocks change', () => {
  it('spring forward: 02:30, skipped in Berlin, comes at 03:30 summer time, once', () => {
    const daily = schedule('02:30', 'Europe/Berlin');
    // 30 March 2025: 02:00 CET becomes 03:00 CEST (01:00Z).
    expect(iso(nextSummaryAt(daily, new Date('2025-03-30T00:00:00Z')))).toBe('2025-03-30T01:30:00.000Z');
    expect(dueSummaryDay(daily, new Date('2025-03-30T01:29:59Z'))).toBeNull();
    expect(dueSummaryDay(daily, new Date('2025-03-30T01:30:00Z'))).toBe('2025-03-30');
    // The next day, 02:30 is summer time again.
    expect(iso(nextSummaryAt(daily, new Date('2025-03-30T02:00:00Z')))).toBe('2025-03-31T00:30:00.000Z');
  });

  it('fall back: 01:30, passed twice in New York, is due from its first instant', () => {
    const daily = schedule('01:30', 'America/New_York');
    // 2 November 2025: 02:00 EDT becomes 01:00 EST (06:00Z); 01:30 comes at 05:30Z and again at 06:30Z.
    expect(iso(nextSummaryAt(daily, new Date('2025-11-02T04:00:00Z')))).toBe('2025-11-02T05:30:00.000Z');
    expect(dueSummaryDay(daily, new Date('2025-11-02T05:29:00Z'))).toBeNull();
    expect(dueSummaryDay(daily, new Date('2025-11-02T05:30:00Z'))).toBe('2025-11-02');
    // At the second 01:30 it is the same day's summary (one outbox row per day): not another one.
    expect(dueSummaryDay(daily, new Date('2025-11-02T06:30:00Z'))).toBe('2025-11-02');
    expect(iso(nextSummaryAt(daily, new Date('2025-11-02T06:30:00Z')))).toBe('2025-11-03T06:30:00.000Z');
  });

  it('a skipped midnight: 00:00 in Santiago on 7 September 2025 is 01:00, the day not the evening before', () => {
    // 6 September 23:59:59 -04 is followed by 7 September 01:00 -03 (04:00Z).
    expect(iso(zonedMidnight([2025, 9, 7], 'America/Santiago'))).toBe('2025-09-07T04:00:00.000Z');
    const daily = schedule('00:00', 'America/Santiago');
    // At 23:30 on 6 September the due summary is still the 6th's; the 7th's comes at its first instant.
    expect(dueSummaryDay(daily, new Date('2025-09-07T03:30:00Z'))).toBe('2025-09-06');
    expect(dueSummaryDay(daily, new Date('2025-09-07T04:00:00Z'))).toBe('2025-09-07');
    expect(iso(nextSummaryAt(daily, new Date('2025-09-07T03:30:00Z')))).toBe('2025-09-07T04:00:00.000Z');
  });
});

describe('stats windows on a day the clocks change', () => {
  it('spring forward: the day has 23 hourly bars, from midnight to midnight', () => {
    const window = statsWindow('today', new Date('2025-03-30T21:00:00Z'), 'Europe/Berlin');
    expect(iso(window.from)).toBe('2025-03-29T23:00:00.000Z');
    const yesterday = summaryWindow('2025-03-31', 'Europe/Berlin');
    expect(yesterday.bars).toHaveLength(23);
    expect(iso(yesterday.to)).toBe('2025-03-30T22:00:00.000Z');
  });

  it('fall back: the day has 25 hourly bars', () => {
    const day = summaryWindow('2025-11-03', 'America/New_York');
    expect(iso(day.from)).toBe('2025-11-02T04:00:00.000Z');
    expect(iso(day.to)).toBe('2025-11-03T05:00:00.000Z');
    expect(day.bars).toHaveLength(25);
  });

  it('a skipped midnight: the day starts at 01:00 and has 23 bars; the day before ends there', () => {
    const day = summaryWindow('2025-09-08', 'America/Santiago');
    expect(iso(day.from)).toBe('2025-09-07T04:00:00.000Z');
    expect(iso(day.to)).toBe('2025-09-08T03:00:00.000Z');
    expect(day.bars).toHaveLength(23);
    const before = summaryWindow('2025-09-07', 'America/Santiago');
    expect(iso(before.to)).toBe('2025-09-07T04:00:00.000Z');
    expect(before.bars).toHaveLength(24);
    // A week across it: one bar per day, the 7th starting at its 01:00.
    const week = statsWindow('7d', new Date('2025-09-10T15:00:00Z'), 'America/Santiago');
    expect(week.bars.map(iso)).toContain('2025-09-07T04:00:00.000Z');
    expect(week.bars[4]!.getTime() - week.bars[3]!.getTime()).toBe(23 * HOUR);
  });
});
