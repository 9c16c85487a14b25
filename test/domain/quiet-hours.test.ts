import { describe, expect, it } from 'vitest';
import { quietUntil, readClock } from '../../src/domain/quiet-hours.js';

const night = { from: '22:00', to: '08:00', timeZone: 'Europe/Moscow' };

describe('quiet hours', () => {
  it('holds from the start of the window to its end across midnight, in the window’s time zone', () => {
    // Moscow is UTC+3 all year.
    expect(quietUntil(night, new Date('2025-03-03T18:59:00Z'))).toBeNull();
    expect(quietUntil(night, new Date('2025-03-03T19:00:00Z'))).toEqual(new Date('2025-03-04T05:00:00Z'));
    expect(quietUntil(night, new Date('2025-03-04T02:30:45Z'))).toEqual(new Date('2025-03-04T05:00:00Z'));
    expect(quietUntil(night, new Date('2025-03-04T05:00:00Z'))).toBeNull();
  });

  it('knows a window within one day, and an empty one', () => {
    const lunch = { from: '13:00', to: '14:00', timeZone: 'UTC' };
    expect(quietUntil(lunch, new Date('2025-03-04T13:15:00Z'))).toEqual(new Date('2025-03-04T14:00:00Z'));
    expect(quietUntil(lunch, new Date('2025-03-04T12:59:00Z'))).toBeNull();
    expect(quietUntil({ from: '08:00', to: '08:00', timeZone: 'UTC' }, new Date('2025-03-04T08:00:00Z'))).toBeNull();
  });

  it('reads times of day as people type them', () => {
    expect(readClock('7:05')).toBe('07:05');
    expect(readClock('23:59')).toBe('23:59');
    expect(readClock('24:00')).toBeUndefined();
    expect(readClock('7')).toBeUndefined();
  });
});
