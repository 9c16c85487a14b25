/**
 * Two replicas on one database (issue 17: "Two replicas: each edit happens
 * once"): both sweep and deliver at the same moments against one fake Slack,
 * the leader is stopped half way and the other takes over, and every card
 * still shows each change exactly once: one chat.update and one thread reply
 * per change per channel, and one card per verification per channel. Run on
 * SQLite (one file, two connections) and on PostgreSQL when a server is at hand.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Alerts } from '../../src/alerts/index.js';
import type { Actor, ReviewInput } from '../../src/store/card-types.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testPostgres } from '../support/postgres.js';
import { startAlertsHarness, type AlertsHarness } from './helpers/harness.js';
import { realSlackSender } from './helpers/slack.js';
import { virtualClock } from './helpers/virtual-clock.js';

const CHANNELS = ['C0REPL01', 'C0REPL02'];
const olga: Actor = { platform: 'slack', userId: 'U0OLGA', name: 'olga' };
const postgres = testPostgres();

const variants: Array<{ name: string; skip: boolean; open: (h: AlertsHarness) => Promise<[Store, Store]> }> = [
  { name: 'SQLite', skip: false, open: async (h) => [h.store, await h.reopenStore()] },
  {
    name: 'PostgreSQL',
    skip: postgres.skipReason !== null,
    async open() {
      const url = await postgres.createDatabase();
      return [await openStore(url), await openStore(url)];
    },
  },
];

afterAll(() => postgres.stop());

describe.each(variants)('two replicas on $name', ({ skip, open }) => {
  let h: AlertsHarness;
  let fake: FakeSlack;
  const opened: Store[] = [];
  afterEach(async () => {
    await h?.close();
    await fake?.close();
    await Promise.all(opened.splice(0).map((store) => store.close().catch(() => {})));
  });

  it.skipIf(skip)('edits each card once per change, also across a handover', async () => {
    h = await startAlertsHarness({ sandbox: { customers: 100, stripeSessions: 120 } });
    fake = await startFakeSlack();
    const [a, b] = await open(h);
    if (a !== h.store) opened.push(a);
    opened.push(b);
    const replica = (store: Store, holder: string) =>
      h.newAlerts({ store, holder, senders: { slack: realSlackSender(fake) }, pacingClock: virtualClock(), deliveryLeaseMs: 300_000 });
    const replicas: Alerts[] = [replica(a, 'replica-a'), replica(b, 'replica-b')];
    for (const channel of CHANNELS) {
      await a.subscribe({ chat: { platform: 'slack', chatId: channel }, outcomes: [], providers: ['stripe'], source: 'command', createdBy: 'U1', now: new Date() });
    }
    const rounds = async (running: Alerts[]) => {
      for (let round = 0; round < 8; round += 1) {
        await Promise.all(running.map((alerts) => alerts.sweepOnce()));
        await Promise.all(running.map((alerts) => alerts.deliverOnce()));
      }
    };
    await rounds(replicas);
    const ids = h.sandbox.data.stripeSessions.filter((s) => s.status === 'requires_input' && !s.last_error).slice(0, 3).map((s) => s.id);
    for (const id of ids) h.sandbox.control.setStripeStatus(id, 'requires_input', 'document_expired');
    await rounds(replicas);
    const act = (store: Store, input: Omit<ReviewInput, 'provider' | 'now' | 'by'>) =>
      store.applyReview({ provider: 'stripe', by: olga, now: new Date(), ...input });
    // Both replicas take the same item at once: one of them changes it.
    await Promise.all([act(a, { objectId: ids[0]!, action: 'take' }), act(b, { objectId: ids[0]!, action: 'take' })]);
    await act(b, { objectId: ids[1]!, action: 'take' });
    await act(a, { objectId: ids[2]!, action: 'take' });
    h.sandbox.control.setStripeStatus(ids[0]!, 'verified');
    await rounds(replicas);

    // The leader stops (releasing leadership); the other carries on.
    const leader = replicas.find((alerts) => alerts.lastSuccessfulSweepAt() !== null)!;
    const standby = replicas.find((alerts) => alerts !== leader)!;
    await leader.stop();
    await act(a, { objectId: ids[1]!, action: 'resolve', reason: 'false_alarm' });
    await rounds([standby]);

    const changes: Record<string, number> = { [ids[0]!]: 2, [ids[1]!]: 2, [ids[2]!]: 1 };
    for (const channel of CHANNELS) {
      const cards = fake.topLevelMessages(channel);
      expect(cards).toHaveLength(3);
      for (const card of cards) {
        const id = ids.find((candidate) => JSON.stringify(card.params.blocks).includes(`session ${candidate}`))!;
        const ts = fake.tsOf(card);
        expect(fake.updates(channel, ts), `${channel} ${id}`).toHaveLength(changes[id]!);
        expect(fake.threadReplies(channel, ts), `${channel} ${id}`).toHaveLength(changes[id]!);
      }
    }
    expect(fake.calls('chat.update')).toHaveLength(2 * 5);
    expect(await standby.deliverOnce()).toMatchObject({ claimed: 0 });
  }, 60_000);
});
