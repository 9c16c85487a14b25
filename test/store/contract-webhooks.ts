/**
 * Contract: provider webhook events (DESIGN.md, "Provider webhooks"): each
 * event id recorded once, its work held by one worker at a time and taken
 * up by another when that worker dies, and outcomes a webhook committed
 * still counted by the next sweep.
 */
import { describe, expect, it } from 'vitest';
import type { NewWebhookEvent, Store } from '../../src/store/types.js';
import { waitFor } from '../support/wait-for.js';
import type { StoreHarness } from './contract.js';
import { at, drainOutbox, observed, slack, subscribeAll } from './fixtures.js';

const LEASE_MS = 10_000;
const DAY = 86_400_000;

function event(eventId: string, overrides: Partial<NewWebhookEvent> = {}): NewWebhookEvent {
  return {
    provider: 'stripe',
    eventId,
    type: 'identity.verification_session.verified',
    objectId: 'vs_1',
    occurredAt: at(0),
    observation: observed('stripe', 'vs_1', 'APPROVED'),
    ...overrides,
  };
}

const record = (store: Store, e: NewWebhookEvent, now = at(0), worker = 'w1') =>
  store.recordWebhookEvent({ event: e, worker, leaseMs: LEASE_MS, now });

const claim = (store: Store, now: Date, worker = 'w2') => store.claimWebhookEvents({ worker, limit: 10, leaseMs: LEASE_MS, now });

export function webhooksContract(harness: StoreHarness): void {
  describe('webhook events', () => {
    it('records an event id once: a repeat is refused, whatever it says', async () => {
      const store = await harness.open();
      expect(await record(store, event('evt_1'))).toBe(true);
      expect(await record(store, event('evt_1', { type: 'identity.verification_session.canceled' }), at(5))).toBe(false);
      // The same id from the other provider is another event.
      expect(await record(store, event('evt_1', { provider: 'loveandpay', observation: null }))).toBe(true);
      expect(await store.webhookEventsPending()).toBe(2);
    });

    it('keeps a recorded event with its recorder until the lease runs out, then hands it, whole, to another worker', async () => {
      const store = await harness.open();
      const recorded = event('evt_1', { occurredAt: at(-2_000) });
      await record(store, recorded, at(0), 'w1');
      expect(await claim(store, at(LEASE_MS - 1))).toEqual([]);
      const [taken] = await claim(store, at(LEASE_MS));
      expect(taken).toEqual({ ...recorded, receivedAt: at(0), attempts: 2 });
      // Now held by w2.
      expect(await claim(store, at(LEASE_MS + 1), 'w3')).toEqual([]);
    });

    it('never claims a finished event, and claims a retried one again when its time comes', async () => {
      const store = await harness.open();
      await record(store, event('evt_done'));
      await record(store, event('evt_retry', { objectId: 'vs_2', observation: null }));
      await store.finishWebhookEvent({ provider: 'stripe', eventId: 'evt_done' }, { result: 'done', now: at(10) });
      await store.retryWebhookEvent({ provider: 'stripe', eventId: 'evt_retry' }, { error: 'unavailable', retryAt: at(5_000) });
      expect(await claim(store, at(4_999))).toEqual([]);
      expect((await claim(store, at(5_000))).map((e) => [e.eventId, e.observation, e.attempts])).toEqual([['evt_retry', null, 2]]);
      expect(await claim(store, at(10 * LEASE_MS))).toHaveLength(1);
      expect(await store.webhookEventsPending()).toBe(1);
    });

    it('never hands one event to two workers claiming at once', async () => {
      const [a, b] = await harness.openTwo();
      for (let i = 0; i < 30; i += 1) await record(a, event(`evt_${i}`), at(0));
      const [first, second] = await Promise.all([
        a.claimWebhookEvents({ worker: 'a', limit: 20, leaseMs: LEASE_MS, now: at(LEASE_MS) }),
        b.claimWebhookEvents({ worker: 'b', limit: 20, leaseMs: LEASE_MS, now: at(LEASE_MS) }),
      ]);
      const ids = [...first, ...second].map((e) => e.eventId);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    });

    it('tells the latest time of another event about the same object', async () => {
      const store = await harness.open();
      await record(store, event('evt_old', { occurredAt: at(1_000) }));
      expect(await store.latestWebhookEventAt({ provider: 'stripe', eventId: 'evt_old', objectId: 'vs_1' })).toBeNull();
      await record(store, event('evt_new', { occurredAt: at(3_000) }));
      await record(store, event('evt_other', { objectId: 'vs_2', occurredAt: at(9_000) }));
      expect(await store.latestWebhookEventAt({ provider: 'stripe', eventId: 'evt_old', objectId: 'vs_1' })).toEqual(at(3_000));
      expect(await store.latestWebhookEventAt({ provider: 'stripe', eventId: 'evt_new', objectId: 'vs_1' })).toEqual(at(1_000));
    });

    it('prunes events finished before the cutoff, and keeps pending ones however old', async () => {
      const store = await harness.open();
      await record(store, event('evt_old'));
      await record(store, event('evt_pending'));
      await record(store, event('evt_recent'));
      await store.finishWebhookEvent({ provider: 'stripe', eventId: 'evt_old' }, { result: 'done', now: at(DAY) });
      await store.finishWebhookEvent({ provider: 'stripe', eventId: 'evt_recent' }, { result: 'done', now: at(9 * DAY) });
      const result = await store.prune({ now: at(10 * DAY), finishedBefore: at(3 * DAY), auditBefore: at(0) });
      expect(result.webhookEvents).toBe(1);
      expect(await store.webhookEventsPending()).toBe(1);
      // A pruned id is no longer remembered; the others still are.
      expect(await record(store, event('evt_old'), at(10 * DAY))).toBe(true);
      expect(await record(store, event('evt_recent'), at(10 * DAY))).toBe(false);
    });
  });

  describe('outcomes a webhook committed', () => {
    it('announces a webhook’s outcome once, also when a sweep finds it after', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      const first = await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: true, fromWebhook: true, now: at(0) });
      const swept = await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: true, now: at(1) });
      expect([first, swept]).toEqual([
        { newOutcomes: 1, queued: 1 },
        { newOutcomes: 0, queued: 0 },
      ]);
      expect(await drainOutbox(store)).toEqual(['slack:C1 loveandpay/a/APPROVED']);
    });

    it('stay unknown to a sweep’s page scan until a sweep commits them, so the sweep still counts them', async () => {
      const store = await harness.open();
      await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: false, now: at(0) });
      await store.commitObservations({
        observations: [observed('loveandpay', 'b', 'APPROVED'), observed('loveandpay', 'a', 'APPROVED')],
        announce: true,
        fromWebhook: true,
        now: at(1),
      });
      expect(await store.knownObjectIds('loveandpay', 'APPROVED', ['a', 'b'])).toEqual(new Set(['a']));
      await store.commitObservations({ observations: [observed('loveandpay', 'b', 'APPROVED')], announce: true, now: at(2) });
      expect(await store.knownObjectIds('loveandpay', 'APPROVED', ['a', 'b'])).toEqual(new Set(['a', 'b']));
    });

    it('are forgotten as uncounted after the retention time: by then no final list holds them', async () => {
      const store = await harness.open();
      await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: false, fromWebhook: true, now: at(0) });
      await store.prune({ now: at(10 * DAY), finishedBefore: at(3 * DAY), auditBefore: at(0) });
      expect(await store.knownObjectIds('loveandpay', 'APPROVED', ['a'])).toEqual(new Set(['a']));
    });
  });

  describe('the alerts-queued signal', () => {
    it('reaches the listeners of the store that sends it until they stop listening', async () => {
      const store = await harness.open();
      let first = 0;
      let second = 0;
      const stopFirst = store.onAlertsQueued(() => (first += 1));
      // PostgreSQL starts listening on a connection of its own: send until it is heard.
      await waitFor(async () => (await store.notifyAlertsQueued(), first > 0), { message: 'the first notification heard' });
      stopFirst();
      const heardBefore = first;
      store.onAlertsQueued(() => (second += 1));
      await waitFor(async () => (await store.notifyAlertsQueued(), second > 0), { message: 'the second listener hearing' });
      expect(first).toBe(heardBefore);
    });
  });
}
