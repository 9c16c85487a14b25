/** Contract: outbox claims, leases, retries and delivery results. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import type { StoreHarness } from './contract.js';
import { at, drainOutbox, observed, slack, subscribeAll, telegram } from './fixtures.js';

/** Queues one APPROVED alert per id for every subscribed chat. */
async function queue(store: Store, ids: string[], now = at(0)) {
  return store.commitObservations({ observations: ids.map((id) => observed('loveandpay', id, 'APPROVED')), announce: true, now });
}

const objects = (entries: Array<{ event: { objectId: string } }>) => entries.map((e) => e.event.objectId);

export function outboxContract(harness: StoreHarness): void {
  describe('outbox', () => {
    it('claims due entries oldest first, up to the limit, with the event as committed', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await queue(store, ['a', 'b', 'c']);
      const first = await store.claimOutbox({ worker: 'w1', limit: 2, leaseMs: 30_000, now: at(0) });
      expect(objects(first)).toEqual(['a', 'b']);
      expect(first[0]).toMatchObject({
        chat: { platform: 'slack', chatId: 'C1' },
        attempts: 1,
        lastError: null,
        createdAt: at(0),
        event: { provider: 'loveandpay', objectId: 'a', outcome: 'APPROVED', details: { customer: '+7 999 ***-**-67', score: 0.97, country: null } },
      });
      expect(objects(await store.claimOutbox({ worker: 'w1', limit: 10, leaseMs: 30_000, now: at(0) }))).toEqual(['c']);
      expect(await store.claimOutbox({ worker: 'w1', limit: 0, leaseMs: 30_000, now: at(0) })).toEqual([]);
    });

    it('does not hand out entries before their time', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await queue(store, ['a'], at(5_000));
      expect(await store.claimOutbox({ worker: 'w1', limit: 10, leaseMs: 30_000, now: at(4_999) })).toEqual([]);
      expect(objects(await store.claimOutbox({ worker: 'w1', limit: 10, leaseMs: 30_000, now: at(5_000) }))).toEqual(['a']);
    });

    it("keeps a claimed chat from other workers until the lease expires, then hands the entries over", async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await subscribeAll(store, telegram('-100'));
      await queue(store, ['a']);
      const mine = await store.claimOutbox({ worker: 'w1', limit: 1, leaseMs: 30_000, now: at(0) });
      expect(mine.map((e) => e.chat.chatId)).toEqual(['C1']);
      await queue(store, ['b'], at(1));
      // Another worker gets only the chat nobody holds: C1 stays with w1, newer entry included.
      const theirs = await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 60_000, now: at(10) });
      expect(theirs.map((e) => `${e.chat.chatId} ${e.event.objectId}`)).toEqual(['-100 a', '-100 b']);
      // The holder itself may take its chat's newer entries.
      expect(objects(await store.claimOutbox({ worker: 'w1', limit: 10, leaseMs: 30_000, now: at(10) }))).toEqual(['b']);
      // w1 died: once its leases run out, w3 takes its entries again, oldest first. While one of the
      // chat's leases still runs (b's, taken 10 ms later), the chat stays w1's.
      expect(await store.claimOutbox({ worker: 'w3', limit: 10, leaseMs: 30_000, now: at(30_005) })).toEqual([]);
      const takenOver = await store.claimOutbox({ worker: 'w3', limit: 10, leaseMs: 30_000, now: at(30_010) });
      expect(takenOver.map((e) => `${e.chat.chatId} ${e.event.objectId} ${e.attempts}`)).toEqual(['C1 a 2', 'C1 b 2']);
    });

    it('renews the lease of entries a worker still holds, so a slow send keeps its chat', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await queue(store, ['a']);
      const mine = await store.claimOutbox({ worker: 'w1', limit: 10, leaseMs: 30_000, now: at(0) });
      // 25 s in, w1 is still sending: it renews for another 30 s.
      await store.renewClaims(mine.map((e) => e.id), { worker: 'w1', leaseMs: 30_000, now: at(25_000) });
      expect(await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 30_000, now: at(40_000) })).toEqual([]);
      // Renewing what another worker holds changes nothing.
      const taken = await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 30_000, now: at(55_001) });
      expect(objects(taken)).toEqual(['a']);
      await store.renewClaims(mine.map((e) => e.id), { worker: 'w1', leaseMs: 600_000, now: at(55_002) });
      expect(objects(await store.claimOutbox({ worker: 'w3', limit: 10, leaseMs: 30_000, now: at(85_002) }))).toEqual(['a']);
    });

    it('holds a chat while an entry waits for its retry time, then hands its entries out in order', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await subscribeAll(store, slack('C2'));
      await queue(store, ['a']);
      const claimed = await store.claimOutbox({ worker: 'w1', limit: 10, leaseMs: 30_000, now: at(0) });
      const c1 = claimed.filter((e) => e.chat.chatId === 'C1').map((e) => e.id);
      const c2 = claimed.filter((e) => e.chat.chatId === 'C2').map((e) => e.id);
      await store.markRetry(c1, { error: 'ratelimited: retry after 30 s', retryAt: at(30_000) });
      await store.markSent(c2, at(0));
      await queue(store, ['b'], at(1_000));
      const meanwhile = await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 30_000, now: at(29_999) });
      expect(meanwhile.map((e) => `${e.chat.chatId} ${e.event.objectId}`)).toEqual(['C2 b']);
      const later = await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 30_000, now: at(30_000) });
      expect(later.map((e) => `${e.chat.chatId} ${e.event.objectId} ${e.attempts} ${e.lastError}`)).toEqual([
        'C1 a 2 ratelimited: retry after 30 s',
        'C1 b 1 null',
      ]);
    });

    it('counts unsent entries, and sent or failed ones are never handed out again', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await queue(store, ['a', 'b', 'c']);
      expect(await store.outboxDepth()).toBe(3);
      const [a, b, c] = await store.claimOutbox({ worker: 'w1', limit: 10, leaseMs: 1_000, now: at(0) });
      expect(await store.outboxDepth()).toBe(3);
      await store.markSent([a!.id], at(1));
      await store.markFailed([b!.id], { error: 'channel_not_found', now: at(1) });
      expect(await store.outboxDepth()).toBe(1);
      // Late results from a worker whose lease expired change nothing already settled.
      await store.markRetry([a!.id, b!.id], { error: 'late', retryAt: at(2) });
      await store.markFailed([a!.id], { error: 'late', now: at(2) });
      expect(objects(await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 1_000, now: at(60_000) }))).toEqual(['c']);
      await store.markSent([c!.id], at(60_001));
      expect(await store.outboxDepth()).toBe(0);
      expect(await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 1_000, now: at(120_000) })).toEqual([]);
      await store.markSent([], at(0));
      await store.markRetry([], { error: 'x', retryAt: at(0) });
      await store.markFailed([], { error: 'x', now: at(0) });
    });

    it('disabling a chat fails its unsent entries and queues nothing more for it', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await subscribeAll(store, slack('C2'));
      await queue(store, ['a', 'b']);
      await store.claimOutbox({ worker: 'w1', limit: 1, leaseMs: 30_000, now: at(0) });
      await store.disableChat(slack('C1'), 'channel_not_found', at(1));
      expect(await store.outboxDepth()).toBe(2);
      await queue(store, ['c'], at(2));
      const rest = await store.claimOutbox({ worker: 'w2', limit: 10, leaseMs: 30_000, now: at(60_000) });
      expect(rest.map((e) => `${e.chat.chatId} ${e.event.objectId}`)).toEqual(['C2 a', 'C2 b', 'C2 c']);
      const [c1] = await store.listSubscriptions(slack('C1'));
      expect(c1?.disabledReason).toBe('channel_not_found');
    });

    it('lists the latest alerts newest first, once each however many chats got them, without review card updates', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await subscribeAll(store, telegram('-100'));
      await queue(store, ['a', 'b'], at(0));
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'DECLINED')], announce: true, now: at(1_000) });
      await drainOutbox(store, at(2_000));
      // A review action queues card updates to both chats: they are not alerts.
      await store.applyReview({ provider: 'stripe', objectId: 'vs_1', action: 'take', by: { platform: 'slack', userId: 'U1', name: 'olga' }, now: at(3_000) });
      await queue(store, ['c'], at(4_000));

      const latest = await store.latestAlerts(10);
      expect(latest.map((alert) => `${alert.event.objectId} ${alert.event.outcome}`)).toEqual(['c APPROVED', 'vs_1 DECLINED', 'b APPROVED', 'a APPROVED']);
      expect(latest[1]).toMatchObject({ queuedAt: at(1_000), event: { provider: 'stripe', native: 'DECLINED', details: { customer: '+7 999 ***-**-67' } } });
      expect((await store.latestAlerts(2)).map((alert) => alert.event.objectId)).toEqual(['c', 'vs_1']);
      expect(await store.latestAlerts(0)).toEqual([]);
    });
  });
}
