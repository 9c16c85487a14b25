/**
 * Index records a lookup wrote a moment ago are not written again (issue 20):
 * only the write is saved, never a change.
 */
import { describe, expect, it } from 'vitest';
import { RecentlyRemembered } from '../../src/commands/recently-remembered.js';
import type { VerificationRecord } from '../../src/domain/verification.js';

const record = (objectId: string, overrides: Partial<VerificationRecord> = {}): VerificationRecord => ({
  provider: 'loveandpay',
  objectId,
  customerRef: 'c-1',
  outcome: 'PENDING',
  native: 'IN_PROGRESS',
  reason: null,
  startedAt: new Date('2025-03-01T10:00:00Z'),
  decidedAt: null,
  ...overrides,
});

describe('records remembered a moment ago', () => {
  it('leaves out a record written within the minute as it is, and keeps one that changed since', () => {
    const recent = new RecentlyRemembered();
    recent.wrote([record('a'), record('b')], 0);
    const approved = record('b', { outcome: 'APPROVED', native: 'APPROVED', decidedAt: new Date('2025-03-01T11:00:00Z') });
    expect(recent.unwritten([record('a'), approved, record('c')], 59_999).map((r) => r.objectId)).toEqual(['b', 'c']);
  });

  it('writes a record again once a minute has passed, so a row removed meanwhile comes back', () => {
    const recent = new RecentlyRemembered();
    recent.wrote([record('a')], 0);
    expect(recent.unwritten([record('a')], 60_000)).toHaveLength(1);
  });

  it('tells providers apart, and forgets the oldest past its bound', () => {
    const recent = new RecentlyRemembered({ maxEntries: 2 });
    recent.wrote([record('a'), record('b')], 0);
    recent.wrote([record('c')], 1);
    expect(recent.unwritten([record('a'), record('b'), record('c'), record('c', { provider: 'stripe' })], 2).map((r) => `${r.provider}/${r.objectId}`)).toEqual([
      'loveandpay/a',
      'stripe/c',
    ]);
  });
});
