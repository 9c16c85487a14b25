/** Contract: change detection, cursors and the commit that queues alerts. */
import { describe, expect, it } from 'vitest';
import type { StoreHarness } from './contract.js';
import { at, drainOutbox, observed, slack, subscribeAll, telegram } from './fixtures.js';

export function observationContract(harness: StoreHarness): void {
  describe('change detection', () => {
    it('starts empty: no outcome, no cursor, no known id and an empty outbox', async () => {
      const store = await harness.open();
      await store.ping();
      expect(await store.getCursor('stripe:events')).toBeNull();
      expect(await store.knownObjectIds('loveandpay', 'APPROVED', ['a', 'b'])).toEqual(new Set());
      expect(await store.knownObjectIds('loveandpay', 'APPROVED', [])).toEqual(new Set());
      expect(await store.outboxDepth()).toBe(0);
    });

    it('remembers every outcome an object had and reports which ids already have an outcome', async () => {
      const store = await harness.open();
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'PENDING')], announce: false, now: at(0) });
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'DECLINED')], announce: false, now: at(1) });
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'PENDING')], announce: false, now: at(2) });
      expect(await store.knownObjectIds('stripe', 'PENDING', ['vs_1'])).toEqual(new Set(['vs_1']));
      expect(await store.knownObjectIds('stripe', 'APPROVED', ['vs_1'])).toEqual(new Set());
      await store.commitObservations({
        observations: [observed('loveandpay', 'a', 'APPROVED'), observed('loveandpay', 'b', 'DECLINED')],
        announce: false,
        now: at(3),
      });
      expect(await store.knownObjectIds('loveandpay', 'APPROVED', ['a', 'b', 'c'])).toEqual(new Set(['a']));
      expect(await store.knownObjectIds('stripe', 'DECLINED', ['vs_1', 'a'])).toEqual(new Set(['vs_1']));
    });

    it('announces a new outcome once to each subscribed chat whose filter lets it through', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C_ALL'));
      await subscribeAll(store, slack('C_APPROVED'), { outcomes: ['APPROVED'] });
      await subscribeAll(store, telegram('-100'), { providers: ['stripe'] });
      const result = await store.commitObservations({
        observations: [observed('loveandpay', 'a', 'APPROVED'), observed('loveandpay', 'b', 'DECLINED')],
        announce: true,
        now: at(0),
      });
      expect(result).toEqual({ newOutcomes: 2, queued: 3 });
      expect((await drainOutbox(store)).sort()).toEqual([
        'slack:C_ALL loveandpay/a/APPROVED',
        'slack:C_ALL loveandpay/b/DECLINED',
        'slack:C_APPROVED loveandpay/a/APPROVED',
      ]);
    });

    it('queues nothing when the same outcome is committed again, even after it was sent', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: true, now: at(0) });
      expect(await drainOutbox(store)).toHaveLength(1);
      const again = await store.commitObservations({
        observations: [observed('loveandpay', 'a', 'APPROVED'), observed('loveandpay', 'a', 'APPROVED')],
        announce: true,
        now: at(1),
      });
      expect(again).toEqual({ newOutcomes: 0, queued: 0 });
      expect(await store.outboxDepth()).toBe(0);
    });

    it('queues one row per chat when the chat has overlapping subscriptions', async () => {
      const store = await harness.open();
      await store.syncStaticSubscriptions([slack('C1')], at(0));
      await subscribeAll(store, slack('C1'), { outcomes: ['APPROVED'], providers: ['loveandpay'] });
      const result = await store.commitObservations({
        observations: [observed('loveandpay', 'a', 'APPROVED', [slack('C1'), slack('C1')])],
        announce: true,
        now: at(0),
      });
      expect(result.queued).toBe(1);
      expect(await drainOutbox(store)).toEqual(['slack:C1 loveandpay/a/APPROVED']);
    });

    it('records a baseline without queuing anything, and never announces it later', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      const baseline = await store.commitObservations({
        observations: [observed('loveandpay', 'a', 'APPROVED'), observed('stripe', 'vs_1', 'DECLINED')],
        cursors: { 'stripe:events': 'evt_1' },
        announce: false,
        now: at(0),
      });
      expect(baseline).toEqual({ newOutcomes: 2, queued: 0 });
      expect(await store.outboxDepth()).toBe(0);
      const later = await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: true, now: at(1) });
      expect(later).toEqual({ newOutcomes: 0, queued: 0 });
    });

    it('announces a later, different outcome of the same object', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'DECLINED')], announce: true, now: at(0) });
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'APPROVED')], announce: true, now: at(1) });
      expect(await drainOutbox(store, at(1))).toEqual(['slack:C1 stripe/vs_1/DECLINED', 'slack:C1 stripe/vs_1/APPROVED']);
    });

    it('tells alsoNotify chats once each, without a subscription, and skips disabled ones', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await store.disableChat(telegram('-200'), 'Forbidden: bot was kicked from the group chat', at(0));
      const result = await store.commitObservations({
        observations: [observed('bank131', '7', 'APPROVED', [telegram('-100'), slack('C1'), telegram('-100'), telegram('-200')])],
        announce: true,
        now: at(0),
      });
      expect(result.queued).toBe(2);
      expect((await drainOutbox(store)).sort()).toEqual(['slack:C1 bank131/7/APPROVED', 'telegram:-100 bank131/7/APPROVED']);
    });

    it('queues nothing for an observation without an event or an outcome that is not final', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      const { event: _dropped, ...withoutEvent } = observed('loveandpay', 'a', 'APPROVED');
      const result = await store.commitObservations({
        observations: [withoutEvent, observed('loveandpay', 'b', 'PENDING'), observed('loveandpay', 'c', 'EXPIRED')],
        announce: true,
        now: at(0),
      });
      expect(result).toEqual({ newOutcomes: 3, queued: 0 });
    });

    it('stores cursors as JSON and moves them with their commit', async () => {
      const store = await harness.open();
      await store.setCursor('loveandpay:totals', { APPROVED: 10, DECLINED: 2 });
      expect(await store.getCursor('loveandpay:totals')).toEqual({ APPROVED: 10, DECLINED: 2 });
      await store.commitObservations({
        observations: [],
        cursors: { 'loveandpay:totals': { APPROVED: 11, DECLINED: 2 }, 'stripe:events': 'evt_9' },
        announce: true,
        now: at(0),
      });
      expect(await store.getCursor('loveandpay:totals')).toEqual({ APPROVED: 11, DECLINED: 2 });
      expect(await store.getCursor<string>('stripe:events')).toBe('evt_9');
    });

    it('writes nothing when a commit fails part-way: no outcome, no outbox row, the old cursor', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await store.setCursor('stripe:events', 'evt_1');
      await expect(
        store.commitObservations({
          observations: [observed('stripe', 'vs_1', 'APPROVED')],
          // A BigInt cannot become JSON, so the cursor write throws after the outcome and its outbox row.
          cursors: { 'stripe:events': 10n },
          announce: true,
          now: at(0),
        }),
      ).rejects.toThrow();
      expect(await store.knownObjectIds('stripe', 'APPROVED', ['vs_1'])).toEqual(new Set());
      expect(await store.outboxDepth()).toBe(0);
      expect(await store.getCursor('stripe:events')).toBe('evt_1');
      const retried = await store.commitObservations({
        observations: [observed('stripe', 'vs_1', 'APPROVED')],
        cursors: { 'stripe:events': 'evt_2' },
        announce: true,
        now: at(1),
      });
      expect(retried).toEqual({ newOutcomes: 1, queued: 1 });
    });

    it('refuses an event that names another object than its observation, storing nothing', async () => {
      const store = await harness.open();
      const wrong = { ...observed('loveandpay', 'a', 'APPROVED'), objectId: 'b' };
      await expect(store.commitObservations({ observations: [wrong], announce: true, now: at(0) })).rejects.toThrow(/does not match/);
      expect(await store.knownObjectIds('loveandpay', 'APPROVED', ['a', 'b'])).toEqual(new Set());
    });

    it('commits a 5,000-session baseline in one go and then finds the new ones among a page', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      const ids = Array.from({ length: 5_000 }, (_, i) => `s-${i}`);
      const baseline = await store.commitObservations({
        observations: ids.map((id) => observed('loveandpay', id, 'APPROVED')),
        announce: false,
        now: at(0),
      });
      expect(baseline.newOutcomes).toBe(5_000);
      const page = [...ids.slice(0, 95), 'n-1', 'n-2', 'n-3', 'n-4', 'n-5'];
      const known = await store.knownObjectIds('loveandpay', 'APPROVED', page);
      expect(page.filter((id) => !known.has(id))).toEqual(['n-1', 'n-2', 'n-3', 'n-4', 'n-5']);
    });
  });
}
