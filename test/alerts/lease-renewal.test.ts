/**
 * A send slower than the outbox lease (a chat client waiting out a long
 * retry_after, say) must keep its rows: the round renews the lease while the
 * send is in flight, so another replica cannot claim and send them again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatSender } from '../../src/domain/delivery.js';
import type { Store } from '../../src/store/types.js';
import { waitFor } from '../support/wait-for.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

// Long enough for the first message after a takeover (paced a second after "the old leader"), short enough to renew within the test.
const LEASE_MS = 3_000;

describe('a send slower than the outbox lease', () => {
  let h: AlertsHarness;
  beforeEach(async () => {
    h = await startAlertsHarness();
    await h.subscribe(SLACK_CHANNEL);
  });
  afterEach(() => h.close());

  it('keeps its rows from another worker until it returns, and the alert goes out once', async () => {
    let clock = Date.now();
    let renewals = 0;
    const store: Store = {
      ...h.store,
      renewClaims: async (ids, input) => {
        renewals += 1;
        return h.store.renewClaims(ids, input);
      },
    };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    let started = false;
    const slow: ChatSender = {
      platform: 'slack',
      async send(chatId) {
        started = true;
        await gate;
        sent.push(chatId);
      },
    };
    const alerts = h.newAlerts({ store, senders: { slack: slow }, deliveryLeaseMs: LEASE_MS, now: () => new Date(clock) });
    await alerts.sweepOnce();
    const session = h.sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS')!;
    h.sandbox.control.setSessionStatus(session.id, 'APPROVED');
    await alerts.sweepOnce();

    const claimedAt = clock;
    const delivering = alerts.deliverOnce();
    await waitFor(() => started, { message: 'the send to start' });
    // Time passes during the send: past most of the lease, and the round renews it.
    clock = claimedAt + LEASE_MS - 500;
    const before = renewals;
    await waitFor(() => renewals > before, { message: 'a lease renewal while the send is in flight' });

    // Past the first lease, another worker finds the chat still held.
    expect(await h.store.claimOutbox({ worker: 'other-replica', limit: 10, leaseMs: LEASE_MS, now: new Date(claimedAt + LEASE_MS + 500) })).toEqual([]);

    release();
    expect(await delivering).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent).toEqual([SLACK_CHANNEL.chatId]);
    expect(await h.store.claimOutbox({ worker: 'other-replica', limit: 10, leaseMs: LEASE_MS, now: new Date(claimedAt + 60_000) })).toEqual([]);
    expect(await h.store.outboxDepth()).toBe(0);
  });
});
