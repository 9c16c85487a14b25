/**
 * Stats are counted in the database (StatsStore.verdictCounts: one grouped
 * pass instead of every row), on SQLite and on PostgreSQL. Whatever the
 * window, provider filter or time zone, the figures from those counts are
 * exactly the figures computed row by row from the same verifications
 * (verdictHistory), whose own exactness figures.test.ts checks by hand.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/domain/outcome.js';
import type { VerificationRecord } from '../../src/domain/verification.js';
import { computeFigures, figuresFromCounts } from '../../src/stats/figures.js';
import { statsWindow } from '../../src/stats/window.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { testPostgres } from '../support/postgres.js';

const NOW = new Date('2025-03-08T12:34:56.789Z');
const DAY = 86_400_000;
const postgres = testPostgres();
afterAll(() => postgres.stop());

/** 3,000 verifications over 70 days: every outcome, reason codes, cancellations, untimed ones, millisecond times. */
function history(): VerificationRecord[] {
  let state = 7;
  const next = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  const providers: ProviderName[] = ['loveandpay', 'stripe', 'bank131'];
  return Array.from({ length: 3_000 }, (_, i) => {
    const provider = providers[i % 3]!;
    const started = NOW.getTime() - Math.floor(next() * 70 * DAY);
    const roll = next();
    const outcome = roll < 0.5 ? 'APPROVED' : roll < 0.75 ? 'DECLINED' : roll < 0.85 ? 'EXPIRED' : roll < 0.95 ? 'PENDING' : 'UNKNOWN';
    const canceled = provider === 'stripe' && outcome === 'DECLINED' && next() < 0.3;
    const decided = outcome === 'PENDING' || next() < 0.1 ? null : Math.min(NOW.getTime() - 1, started + Math.floor(next() * 3 * 3_600_000));
    return {
      provider,
      objectId: `v${i}`,
      customerRef: null,
      outcome,
      native: canceled ? 'canceled' : outcome.toLowerCase(),
      reason: outcome === 'DECLINED' && !canceled && provider !== 'loveandpay' ? ['document_expired', 'consent_declined', 'passport_validation_failure'][i % 3]! : null,
      startedAt: provider === 'bank131' ? null : new Date(started),
      decidedAt: decided === null ? null : new Date(decided),
    } satisfies VerificationRecord;
  });
}

const variants = [
  { name: 'SQLite', skip: false, open: () => openStore('file::memory:') },
  { name: 'PostgreSQL', skip: postgres.skipReason !== null, open: async () => openStore(await postgres.createDatabase()) },
];

describe.each(variants)('stats counted by $name', ({ skip, open }) => {
  it.skipIf(skip)('give the figures a row-by-row count gives, for every window, filter and zone', async () => {
    const store: Store = await open();
    try {
      await store.recordVerifications(history(), new Date(NOW.getTime() - 80 * DAY));
      const cases: Array<[string, ProviderName[], string, number]> = [
        ['30d', [], 'Europe/Moscow', 3_600_000],
        ['7d', ['stripe'], 'America/New_York', 3_600_000],
        ['today', [], 'Asia/Kolkata', 900_000],
        ['yesterday', ['loveandpay', 'bank131'], 'Asia/Kathmandu', 900_000],
        ['90d', [], 'UTC', 3_600_000],
      ];
      for (const [period, providers, zone, bucketMs] of cases) {
        const window = statsWindow(period, NOW, zone);
        const rows = await store.verdictHistory({ from: window.previousFrom, to: window.to, providers });
        const counts = await store.verdictCounts({ from: window.previousFrom, split: window.from, to: window.to, providers, bucketMs });
        const expected = computeFigures(rows, window);
        expect(expected.current.counts.APPROVED + expected.current.counts.DECLINED, `${period} has verdicts`).toBeGreaterThan(0);
        expect(figuresFromCounts(counts, window), `${period} ${providers.join(',')} ${zone}`).toEqual(expected);
        // Grouped by whole buckets: every group of the window starts on one.
        expect(counts.groups.filter((group) => group.current).every((group) => group.at % bucketMs === 0)).toBe(true);
      }
    } finally {
      await store.close();
    }
  });
});
