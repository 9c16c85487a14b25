/** Contract: subscriptions, static chats and disabled chats. */
import { describe, expect, it } from 'vitest';
import type { Store, Subscription } from '../../src/store/types.js';
import type { StoreHarness } from './contract.js';
import { T0, at, observed, slack, subscribeAll, telegram } from './fixtures.js';

const filters = (subscriptions: Subscription[]) =>
  subscriptions.map((s) => `${s.chat.platform}:${s.chat.chatId} ${s.source} [${s.outcomes}] [${s.providers}]`);

async function listed(store: Store) {
  return filters(await store.listSubscriptions());
}

export function subscriptionsContract(harness: StoreHarness): void {
  describe('subscriptions', () => {
    it('stores a subscription with who made it and when, in canonical form', async () => {
      const store = await harness.open();
      const made = await store.subscribe({
        chat: telegram('-100'),
        outcomes: ['DECLINED'],
        providers: ['stripe', 'loveandpay', 'stripe'],
        source: 'command',
        createdBy: '42',
        now: at(5),
      });
      expect(made).toMatchObject({
        chat: { platform: 'telegram', chatId: '-100' },
        outcomes: ['DECLINED'],
        providers: ['loveandpay', 'stripe'],
        source: 'command',
        createdBy: '42',
        createdAt: at(5),
        disabledReason: null,
      });
      expect(await store.listSubscriptions()).toEqual([made]);
      // Every value listed is the same as none listed: all.
      const all = await subscribeAll(store, slack('C1'), { outcomes: ['APPROVED', 'DECLINED'], providers: ['bank131', 'stripe', 'loveandpay'] });
      expect(all).toMatchObject({ outcomes: [], providers: [] });
    });

    it('returns a covering subscription unchanged, and a wider one replaces those it covers', async () => {
      const store = await harness.open();
      const approvedLoveAndPay = await subscribeAll(store, slack('C1'), { outcomes: ['APPROVED'], providers: ['loveandpay'] });
      await subscribeAll(store, slack('C1'), { outcomes: ['DECLINED'], providers: ['loveandpay'] });
      const again = await subscribeAll(store, slack('C1'), { outcomes: ['APPROVED'], providers: ['loveandpay'] });
      expect(again.id).toBe(approvedLoveAndPay.id);
      expect(await listed(store)).toEqual([
        'slack:C1 command [APPROVED] [loveandpay]',
        'slack:C1 command [DECLINED] [loveandpay]',
      ]);
      const wide = await subscribeAll(store, slack('C1'), { providers: ['loveandpay', 'stripe'] });
      expect(await store.listSubscriptions(slack('C1'))).toEqual([wide]);
    });

    it('narrows, splits or removes subscriptions on unsubscribe and says how many changed', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'));
      await subscribeAll(store, slack('C2'));
      expect(await store.unsubscribe({ chat: slack('C1'), outcomes: ['DECLINED'], providers: ['stripe'] })).toBe(1);
      expect(filters(await store.listSubscriptions(slack('C1')))).toEqual([
        'slack:C1 command [APPROVED] []',
        'slack:C1 command [DECLINED] [loveandpay,bank131]',
      ]);
      expect(await store.unsubscribe({ chat: slack('C1'), outcomes: ['APPROVED'], providers: [] })).toBe(1);
      expect(filters(await store.listSubscriptions(slack('C1')))).toEqual(['slack:C1 command [DECLINED] [loveandpay,bank131]']);
      expect(await store.unsubscribe({ chat: slack('C1'), outcomes: ['APPROVED'], providers: [] })).toBe(0);
      expect(await store.unsubscribe({ chat: slack('C1'), outcomes: [], providers: [] })).toBe(1);
      expect(await listed(store)).toEqual(['slack:C2 command [] []']);
    });

    it('applies the static chat list, keeping what chat users changed on a chat that stays listed', async () => {
      const store = await harness.open();
      await store.syncStaticSubscriptions([slack('C1'), telegram('-100'), slack('C1')], at(0));
      expect(await listed(store)).toEqual(['slack:C1 static [] []', 'telegram:-100 static [] []']);
      await store.unsubscribe({ chat: slack('C1'), outcomes: [], providers: [] });
      await store.unsubscribe({ chat: telegram('-100'), outcomes: ['DECLINED'], providers: [] });
      await subscribeAll(store, slack('C9'));
      // A restart with the same list: the users' changes stand.
      await store.syncStaticSubscriptions([slack('C1'), telegram('-100')], at(1));
      expect(await listed(store)).toEqual(['telegram:-100 static [APPROVED] []', 'slack:C9 command [] []']);
      // The list changes: -100 goes, C2 comes; C1 re-listed after leaving comes back whole.
      await store.syncStaticSubscriptions([slack('C2')], at(2));
      await store.syncStaticSubscriptions([slack('C2'), slack('C1')], at(3));
      expect(await listed(store)).toEqual(['slack:C9 command [] []', 'slack:C2 static [] []', 'slack:C1 static [] []']);
      const [c2] = await store.listSubscriptions(slack('C2'));
      expect(c2).toMatchObject({ createdBy: null, createdAt: at(2) });
    });

    it('keeps command subscriptions apart from static ones', async () => {
      const store = await harness.open();
      await store.syncStaticSubscriptions([slack('C1')], at(0));
      await subscribeAll(store, slack('C1'), { outcomes: ['APPROVED'] });
      await store.syncStaticSubscriptions([], at(1));
      expect(await listed(store)).toEqual(['slack:C1 command [APPROVED] []']);
    });

    it('enables a listed static chat again at the next sync, whatever disabled it', async () => {
      const store = await harness.open();
      await store.syncStaticSubscriptions([slack('C1'), telegram('-100')], at(0));
      await store.disableChat(slack('C1'), 'not_in_channel', at(1));
      await store.disableChat(telegram('-100'), 'Forbidden: bot was kicked from the group chat', at(1));
      await store.syncStaticSubscriptions([slack('C1')], at(2));
      expect((await store.listSubscriptions()).map((s) => [s.chat.chatId, s.source, s.disabledReason])).toEqual([['C1', 'static', null]]);
    });

    it('shows why a chat was disabled, and a subscribe there enables it again', async () => {
      const store = await harness.open();
      await subscribeAll(store, slack('C1'), { outcomes: ['APPROVED'] });
      await subscribeAll(store, slack('C2'));
      await store.disableChat(slack('C1'), 'is_archived', at(1));
      expect((await store.listSubscriptions()).map((s) => s.disabledReason)).toEqual(['is_archived', null]);
      const again = await subscribeAll(store, slack('C1'), { outcomes: ['APPROVED'] });
      expect(again.disabledReason).toBeNull();
      expect((await store.listSubscriptions()).map((s) => s.disabledReason)).toEqual([null, null]);
      await store.commitObservations({ observations: [observed('bank131', '9', 'APPROVED')], announce: true, now: T0 });
      expect(await store.outboxDepth()).toBe(2);
    });
  });
}
