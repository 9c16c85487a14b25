import { getTasks } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronIntervalMs } from '../../src/observability/cron-interval.js';

describe('cronIntervalMs', () => {
  it('gives one minute for the default "* * * * *"', () => {
    expect(cronIntervalMs('* * * * *')).toBe(60_000);
  });

  it('reads a leading seconds field: "*/5 * * * * *" is five seconds', () => {
    expect(cronIntervalMs('*/5 * * * * *')).toBe(5_000);
  });

  it('gives one hour for "0 * * * *"', () => {
    expect(cronIntervalMs('0 * * * *')).toBe(3_600_000);
  });

  it('gives the longest gap of an irregular schedule, so a weekend is not a stall', () => {
    expect(cronIntervalMs('0 9,17 * * *')).toBe(16 * 3_600_000);
    expect(cronIntervalMs('0 9 * * 1-5')).toBe(3 * 24 * 3_600_000);
  });

  it('rejects an expression node-cron would reject', () => {
    expect(() => cronIntervalMs('every minute')).toThrow();
    expect(() => cronIntervalMs('61 * * * *')).toThrow(/minute/);
  });

  it('leaves no task behind in node-cron', () => {
    const before = getTasks().size;
    cronIntervalMs('*/10 * * * * *');
    expect(getTasks().size).toBe(before);
  });
});
