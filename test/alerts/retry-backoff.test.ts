import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDelivery } from '../../src/alerts/deliver-outbox.js';
import { RateLimiter } from '../../src/alerts/rate-limiter.js';
import type { ChatRef } from '../../src/domain/chat.js';
import { DeliveryError } from '../../src/domain/delivery.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { platformPace } from './helpers/platform-traits.js';

const CHAT: ChatRef = { platform: 'slack', chatId: 'C1' };
const SESSION = '5f0c2a4e-1b7d-4c3a-9e8f-0a1b2c3d4e5f';
const T0 = new Date('2026-01-01T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A send that Slack refused for now (a 503, say). */
const temporaryFailure = () => new DeliveryError('service_unavailable', 'retry', 'service_unavailable');

describe('retry backoff after a failed send', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore('file::memory:');
    await store.subscribe({ chat: CHAT, outcomes: [], providers: [], source: 'command', createdBy: 'U1', now: T0 });
    await store.commitObservations({
      observations: [
        {
          provider: 'loveandpay',
          objectId: SESSION,
          outcome: 'APPROVED',
          native: 'APPROVED',
          event: { provider: 'loveandpay', objectId: SESSION, outcome: 'APPROVED', native: 'APPROVED', details: {} },
        },
      ],
      announce: true,
      now: T0,
    });
  });
  afterEach(async () => {
    await store.close();
  });

  it('waits the first retry delay, not minutes, when a row claimed many times for pacing fails once', async () => {
    // Eight claims handed back unsent, as pacing and crashes do.
    for (let claim = 0; claim < 8; claim += 1) {
      const rows = await store.claimOutbox({ worker: 'w', limit: 10, leaseMs: 30_000, now: T0 });
      expect(rows).toHaveLength(1);
      await store.markRetry(rows.map((row) => row.id), { error: 'paced', retryAt: T0 });
    }
    let now = T0;
    let sends = 0;
    const delivery = new OutboxDelivery({
      store,
      senders: {
        slack: {
          platform: 'slack',
          send: async () => {
            sends += 1;
            if (sends === 1) throw temporaryFailure();
          },
        },
      },
      view: { locale: 'en', timeZone: 'UTC' },
      logger: silentLogger,
      now: () => now,
      limiter: new RateLimiter({ marginMs: 0, pace: platformPace }),
      worker: 'w',
      retryBaseMs: 1_000,
    });

    expect(await delivery.deliverOnce()).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    now = at(3_000);
    expect(await delivery.deliverOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sends).toBe(2);
    expect(await store.outboxDepth()).toBe(0);
  });
});
