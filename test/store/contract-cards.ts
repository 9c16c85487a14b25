/** Contract: alert cards, review items and the card updates they queue, quiet hours (DESIGN.md, "Alert cards and the review queue"). */
import { describe, expect, it } from 'vitest';
import type { QuietHours } from '../../src/domain/quiet-hours.js';
import type { Actor, ReviewInput } from '../../src/store/card-types.js';
import type { Store } from '../../src/store/types.js';
import type { StoreHarness } from './contract.js';
import { at, drainOutbox, observed, slack, subscribeAll, T0, telegram } from './fixtures.js';

const olga: Actor = { platform: 'slack', userId: 'U0OLGA', name: 'olga' };
const ivan: Actor = { platform: 'telegram', userId: '42', name: '@ivan' };

const review = (store: Store, input: Partial<ReviewInput> & Pick<ReviewInput, 'action' | 'by'>, ms = 1_000) =>
  store.applyReview({ provider: 'stripe', objectId: 'vs_1', now: at(ms), ...input });

async function decline(store: Store, objectId = 'vs_1', ms = 0) {
  return store.commitObservations({ observations: [observed('stripe', objectId, 'DECLINED')], announce: true, now: at(ms) });
}

/** Quiet from 22:00 to 08:00 UTC; T0 is 09:00 UTC, so T0 + 14 h (23:00) is inside and the window ends 9 h later. */
const NIGHT: QuietHours = { from: '22:00', to: '08:00', timeZone: 'UTC' };
const HOUR = 3_600_000;

export function cardsContract(harness: StoreHarness): void {
  describe('alert cards and the review queue', () => {
    it('opens a review item with an announced DECLINED, and take, resolve and reopen move it', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await decline(store);
      const [opened] = await store.getReviewItems([{ provider: 'stripe', objectId: 'vs_1' }]);
      expect(opened).toMatchObject({ status: 'open', reviewer: null, version: 1, event: { outcome: 'DECLINED' }, openedAt: at(0) });

      const taken = await review(store, { action: 'take', by: olga });
      expect(taken).toMatchObject({ ok: true, queued: 1, item: { status: 'taken', reviewer: olga, takenAt: at(1_000), version: 2 } });
      expect(await review(store, { action: 'take', by: olga })).toMatchObject({ ok: false, problem: 'unchanged' });
      const resolved = await review(store, { action: 'resolve', by: ivan, reason: 'retry_requested', note: 'asked to retry' }, 2_000);
      expect(resolved).toMatchObject({
        ok: true,
        item: { status: 'resolved', reviewer: olga, resolvedBy: ivan, reason: 'retry_requested', note: 'asked to retry', version: 3 },
      });
      expect(await review(store, { action: 'take', by: ivan })).toMatchObject({ ok: false, problem: 'resolved' });
      const reopened = await review(store, { action: 'reopen', by: olga }, 3_000);
      expect(reopened).toMatchObject({ ok: true, item: { status: 'open', reviewer: null, resolvedBy: null, reason: null, note: null, version: 4 } });
      expect(await store.applyReview({ provider: 'stripe', objectId: 'vs_unknown', action: 'take', by: olga, now: at(0) })).toEqual({
        ok: false,
        problem: 'not_found',
      });
    });

    it('queues one card update per change to every chat told of the object, carrying the change', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await subscribeAll(store, telegram('-100'), { outcomes: ['DECLINED'] });
      await subscribeAll(store, slack('C-APPROVED-ONLY'), { outcomes: ['APPROVED'] });
      await decline(store);
      expect(await drainOutbox(store, at(0))).toEqual(['slack:C1 stripe/vs_1/DECLINED', 'telegram:-100 stripe/vs_1/DECLINED']);
      await review(store, { action: 'take', by: olga });
      const claimed = await store.claimOutbox({ worker: 'w', limit: 10, leaseMs: 1_000, now: at(2_000) });
      expect(claimed.map((e) => `${e.chat.chatId} ${e.change?.action} ${e.change?.by.name} ${e.event.outcome}`)).toEqual([
        'C1 take olga DECLINED',
        '-100 take olga DECLINED',
      ]);
      expect(claimed[0]!.change).toEqual({ action: 'take', by: olga, at: at(1_000).toISOString() });
    });

    it('closes an unresolved item with a later APPROVED, which reaches every chat told of the object whatever its filter', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await subscribeAll(store, telegram('-100'), { outcomes: ['DECLINED'] });
      await decline(store);
      await drainOutbox(store, at(0));
      await review(store, { action: 'take', by: olga });
      await drainOutbox(store, at(2_000));
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'APPROVED')], announce: true, now: at(3_000) });
      expect(await drainOutbox(store, at(3_000))).toEqual(['slack:C1 stripe/vs_1/APPROVED', 'telegram:-100 stripe/vs_1/APPROVED']);
      const [closed] = await store.getReviewItems([{ provider: 'stripe', objectId: 'vs_1' }]);
      expect(closed).toMatchObject({ status: 'resolved', reason: 'approved', resolvedBy: null, reviewer: olga, event: { outcome: 'APPROVED' } });
      expect(await review(store, { action: 'reopen', by: olga }, 4_000)).toMatchObject({ ok: false, problem: 'approved' });
      expect(await store.listReviewItems(['open', 'taken'])).toEqual([]);
    });

    it('lists unresolved items oldest first, and opens none in a baseline', async () => {
      const store = await harness.open();
      await store.commitObservations({ observations: [observed('stripe', 'vs_old', 'DECLINED')], announce: false, now: at(0) });
      await decline(store, 'vs_2', 2_000);
      await decline(store, 'vs_1', 1_000);
      await review(store, { action: 'take', by: olga }, 3_000);
      const listed = await store.listReviewItems(['open', 'taken']);
      expect(listed.map((item) => `${item.objectId} ${item.status}`)).toEqual(['vs_1 taken', 'vs_2 open']);
    });

    it('keeps one card per chat and object; a card posted afresh replaces the old message', async () => {
      const store = await harness.open();
      const card = { chat: slack('C1'), provider: 'stripe' as const, objectId: 'vs_1', message: { chatId: 'C1', messageId: '1.000100' }, permalink: null, postedAt: at(0) };
      await store.saveCard(card);
      await store.saveCard({ ...card, chat: telegram('-100'), message: { chatId: '-100', messageId: '7' }, permalink: 'https://t.me/c/0/7' });
      await store.saveCard({ ...card, message: { chatId: 'C1', messageId: '2.000200' }, postedAt: at(5) });
      expect(await store.getCards(slack('C1'), [{ provider: 'stripe', objectId: 'vs_1' }, { provider: 'stripe', objectId: 'vs_2' }])).toEqual([
        { ...card, message: { chatId: 'C1', messageId: '2.000200' }, postedAt: at(5) },
      ]);
      const all = await store.listCards([{ provider: 'stripe', objectId: 'vs_1' }]);
      expect(all.map((c) => `${c.chat.chatId} ${c.message.messageId} ${c.permalink}`).sort()).toEqual(['-100 7 https://t.me/c/0/7', 'C1 2.000200 null']);
      // A chat holding a card is told of later changes even with no outbox row left (pruned).
      await subscribeAll(store, slack('C2'));
      await store.commitObservations({ observations: [observed('stripe', 'vs_1', 'APPROVED')], announce: true, now: at(10) });
      expect((await drainOutbox(store, at(10))).sort()).toEqual([
        'slack:C1 stripe/vs_1/APPROVED',
        'slack:C2 stripe/vs_1/APPROVED',
        'telegram:-100 stripe/vs_1/APPROVED',
      ]);
    });

    it('holds a quiet chat’s alerts until its quiet hours end, without holding its other alerts', async () => {
      const store = await harness.open();
      await store.subscribe({ chat: slack('C1'), outcomes: [], providers: [], source: 'command', createdBy: 'U1', quiet: NIGHT, now: T0 });
      await subscribeAll(store, slack('C2'));
      const night = 14 * HOUR;
      await decline(store, 'vs_1', night);
      const now = await store.claimOutbox({ worker: 'w', limit: 10, leaseMs: 1_000, now: at(night) });
      expect(now.map((e) => e.chat.chatId)).toEqual(['C2']);
      expect(now[0]!.held).toBeUndefined();
      // A later alert of a chat that is not quiet is not held back by another's held one.
      await store.markSent(now.map((e) => e.id), at(night));
      await store.subscribe({ chat: slack('C1'), outcomes: ['APPROVED'], providers: [], source: 'command', createdBy: 'U1', quiet: null, now: T0 });
      await store.commitObservations({ observations: [observed('loveandpay', 'a', 'APPROVED')], announce: true, now: at(night + 1) });
      const meanwhile = await store.claimOutbox({ worker: 'w', limit: 10, leaseMs: 1_000, now: at(night + 2) });
      expect(meanwhile.map((e) => `${e.chat.chatId} ${e.event.objectId}`).sort()).toEqual(['C1 a', 'C2 a']);
      await store.markSent(meanwhile.map((e) => e.id), at(night + 2));
      expect(await store.claimOutbox({ worker: 'w', limit: 10, leaseMs: 1_000, now: at(night + 9 * HOUR - 1) })).toEqual([]);
      const morning = await store.claimOutbox({ worker: 'w', limit: 10, leaseMs: 1_000, now: at(night + 9 * HOUR) });
      expect(morning.map((e) => `${e.chat.chatId} ${e.event.objectId} ${e.held}`)).toEqual(['C1 vs_1 true']);
    });

    it('sets, keeps and clears a subscription’s quiet hours', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      const set = await store.subscribe({ chat: slack('C1'), outcomes: ['DECLINED'], providers: [], source: 'command', createdBy: 'U1', quiet: NIGHT, now: T0 });
      expect(set.quiet).toEqual(NIGHT);
      await store.unsubscribe({ chat: slack('C1'), outcomes: [], providers: ['bank131'] });
      const [kept] = await store.listSubscriptions(slack('C1'));
      expect(kept).toMatchObject({ providers: ['loveandpay', 'stripe'], quiet: NIGHT });
      await store.subscribe({ chat: slack('C1'), outcomes: [], providers: ['stripe'], source: 'command', createdBy: 'U1', now: T0 });
      expect((await store.listSubscriptions(slack('C1')))[0]!.quiet).toEqual(NIGHT);
      await store.subscribe({ chat: slack('C1'), outcomes: [], providers: ['stripe'], source: 'command', createdBy: 'U1', quiet: null, now: T0 });
      expect((await store.listSubscriptions(slack('C1'))).map((s) => s.quiet)).toEqual([null]);
    });

    it('lets replicas act on one item in turn: the same take twice changes it once', async () => {
      const [a, b] = await harness.openTwo();
      await subscribeAll(a, slack('C1'));
      await decline(a);
      const results = await Promise.all([review(a, { action: 'take', by: olga }), review(b, { action: 'take', by: olga })]);
      expect(results.map((r) => (r.ok ? 'ok' : r.problem)).sort()).toEqual(['ok', 'unchanged']);
      const [item] = await a.getReviewItems([{ provider: 'stripe', objectId: 'vs_1' }]);
      expect(item?.version).toBe(2);
    });
  });
}
