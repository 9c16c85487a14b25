/**
 * `/kyc stats` under load (review of issue 18): the store read is synchronous
 * on SQLite and the chart is drawn in-process, so two identical asks at
 * once make one answer (one read, one chart) that both get; within the
 * minute a repeat is answered from it; and different asks are made one at a
 * time, never side by side. Counted calls, no timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createStatsHandlers } from '../../src/commands/stats.js';
import type { RunCommand } from '../../src/commands/types.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { viewer } from '../support/command-harness.js';

const NOW = new Date('2025-03-08T12:00:00Z');
const DAY = 86_400_000;

let store: Store;
let reads = 0;
let inFlight = 0;
let mostAtOnce = 0;
const clock = { now: NOW };
let run: RunCommand;

beforeAll(async () => {
  store = await openStore('file::memory:');
  const records = Array.from({ length: 20 }, (_, i) => {
    const startedAt = new Date(NOW.getTime() - (i % 5) * DAY - 3_600_000);
    return {
      provider: 'loveandpay' as const,
      objectId: `v-${i}`,
      customerRef: null,
      outcome: i % 3 === 0 ? ('DECLINED' as const) : ('APPROVED' as const),
      native: 'x',
      reason: null,
      startedAt,
      decidedAt: new Date(startedAt.getTime() + 60_000),
    };
  });
  await store.recordVerifications(records, NOW);
  // Counts every stats read, and how many run at once.
  const counting = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'verdictCounts') {
        return async (...args: Parameters<Store['verdictCounts']>) => {
          reads += 1;
          inFlight += 1;
          mostAtOnce = Math.max(mostAtOnce, inFlight);
          try {
            // A turn of the event loop, so overlapping asks would show.
            await new Promise((resolve) => setImmediate(resolve));
            return await target.verdictCounts(...args);
          } finally {
            inFlight -= 1;
          }
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  run = createRunCommand({
    providers: { close: async () => {} },
    settings: { timeZone: 'Europe/Moscow', sandbox: false },
    now: () => clock.now,
    handlers: createStatsHandlers({ store: counting }),
  });
});
afterAll(() => store.close());

describe('/kyc stats asked at once', () => {
  it('two identical asks make one read and one chart, which both get', async () => {
    reads = 0;
    const [first, second] = await Promise.all([run('/kyc stats 7d', viewer()), run('/kyc stats 7d', viewer())]);
    expect(reads).toBe(1);
    expect(first.attachment?.contentType).toBe('image/png');
    // The same bytes: drawn once.
    expect(second.attachment?.data).toBe(first.attachment?.data);
    expect(second.title).toBe(first.title);

    // Later in the same minute: from the answer kept; the next minute, read afresh.
    clock.now = new Date(NOW.getTime() + 30_000);
    await run('/kyc stats 7d', viewer());
    expect(reads).toBe(1);
    clock.now = new Date(NOW.getTime() + 60_000);
    await run('/kyc stats 7d', viewer());
    expect(reads).toBe(2);
    clock.now = NOW;
  });

  it('different asks are answered one at a time, each read once', async () => {
    reads = 0;
    mostAtOnce = 0;
    clock.now = new Date(NOW.getTime() + 5 * 60_000);
    const replies = await Promise.all(['/kyc stats 7d', '/kyc stats 30d', '/kyc stats today', '/kyc stats 7d stripe'].map((line) => run(line, viewer())));
    expect(replies.map((reply) => reply.kind)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(reads).toBe(4);
    expect(mostAtOnce).toBe(1);
  });
});
