/**
 * Five or fewer waiting alerts go to a chat one card a second (its pace);
 * more become a digest (digest.ts). When alerts keep arriving while a chat's
 * cards wait for their slots, the cards still waiting are planned again at
 * the next slot together with the newcomers: a backlog of more than five
 * goes out as one digest then, rather than each alert a second behind the
 * one before (deliver-outbox.ts, DeliveryDeps.arrivals).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDelivery } from '../../src/alerts/deliver-outbox.js';
import type { Alerts } from '../../src/alerts/index.js';
import { RateLimiter } from '../../src/alerts/rate-limiter.js';
import { silentLogger } from '../../src/log.js';
import { platformPace } from './helpers/platform-traits.js';
import type { ChatSender } from '../../src/domain/delivery.js';
import { SLACK_CHANNEL, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';
import { virtualClock, type VirtualClock } from './helpers/virtual-clock.js';

describe('alerts arriving while a chat waits for its slot', () => {
  let h: AlertsHarness;
  let clock: VirtualClock;
  let alerts: Alerts;
  /** Runs once, while the first card of a round is being sent. */
  let duringFirstSend: (() => Promise<void>) | null = null;

  const openSessions = () => h.sandbox.data.sessions.filter((session) => session.status === 'IN_PROGRESS').map((session) => session.id);
  const approve = (ids: string[]) => ids.forEach((id) => h.sandbox.control.setSessionStatus(id, 'APPROVED'));
  const posts = () => h.slack.posts(SLACK_CHANNEL.chatId);

  beforeEach(async () => {
    h = await startAlertsHarness({ sandbox: { customers: 100, sessions: 300 } });
    await h.subscribe(SLACK_CHANNEL, { providers: ['loveandpay'] });
    // Pacing and the store's clock on one virtual time, so a row put back for the next slot comes due when the slot does.
    clock = virtualClock(Date.now());
    const send: ChatSender['send'] = async (chatId, reply, options) => {
      const hook = duringFirstSend;
      duringFirstSend = null;
      await hook?.();
      return h.slack.send(chatId, reply, options);
    };
    alerts = h.newAlerts({ senders: { slack: { ...h.slack, send } }, pacingClock: clock, now: () => new Date(clock.now()), deliveryLeaseMs: 300_000 });
    await alerts.sweepOnce();
  });
  afterEach(() => h.close());

  it('sends the waiting cards and the newcomers as one digest at the next slot once more than five wait', async () => {
    const [first, second, third, ...later] = openSessions();
    const newcomers = later.slice(0, 6);
    approve([first!, second!, third!]);
    expect((await alerts.sweepOnce()).results.find((result) => result.source === 'loveandpay')?.queued).toBe(3);
    duringFirstSend = async () => {
      approve(newcomers);
      await alerts.sweepOnce();
    };

    const round = await alerts.deliverOnce();

    // One card; the two cards still waiting went back for the chat's next slot.
    expect(round).toMatchObject({ claimed: 3, sent: 1, messages: 1, retried: 2 });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.reply.title).toContain('APPROVED · Love&Pay');

    // They come due with the chat's next slot, a second on (Slack's pace) plus the limiter's margin.
    const dueInMs = round.nextDueAt!.getTime() - clock.now();
    expect(dueInMs).toBeGreaterThanOrEqual(1_000);
    expect(dueInMs).toBeLessThan(2_000);
    clock.advance(dueInMs);
    const next = await alerts.deliverOnce();

    expect(next).toMatchObject({ claimed: 8, sent: 8, messages: 1 });
    expect(posts()).toHaveLength(2);
    const digest = posts()[1]!.reply;
    expect(digest.items).toHaveLength(8);
    // Each item opens its session: the two of the first three that waited, and the six newcomers, once each.
    const carded = posts()[0]!.reply.actions!.find((action) => action.label === 'Open')!.command;
    const firstThree = [first!, second!, third!].map((id) => `/kyc ${id}`);
    expect(firstThree).toContain(carded);
    const waited = firstThree.filter((command) => command !== carded);
    expect(digest.items!.map((item) => item.command).sort()).toEqual([...waited, ...newcomers.map((id) => `/kyc ${id}`)].sort());
    expect(await h.store.outboxDepth()).toBe(0);
  });

  it('sends a card whose slot is open even when newer alerts have arrived, so the chat moves on', async () => {
    approve(openSessions().slice(0, 3));
    await alerts.sweepOnce();
    const delivery = new OutboxDelivery({
      store: h.store,
      senders: { slack: h.slack },
      view: { locale: 'en', timeZone: 'Europe/Moscow' },
      logger: silentLogger,
      now: () => new Date(clock.now()),
      limiter: new RateLimiter({ pace: platformPace, clock }),
      worker: 'replan-test',
    });

    // Newer alerts arrived before the round even began: the first card's slot is open, so it goes; the next two wait for theirs.
    const round = await delivery.deliverOnce(undefined, AbortSignal.abort());

    expect(round).toMatchObject({ claimed: 3, sent: 1, messages: 1, retried: 2 });
    expect(posts()).toHaveLength(1);
  });

  it('sends every card of the round when nothing arrives meanwhile', async () => {
    const ids = openSessions().slice(0, 3);
    approve(ids);
    await alerts.sweepOnce();

    const round = await alerts.deliverOnce();

    expect(round).toMatchObject({ claimed: 3, sent: 3, messages: 3, retried: 0 });
    expect(posts().map((post) => post.reply.items)).toEqual([undefined, undefined, undefined]);
  });
});
