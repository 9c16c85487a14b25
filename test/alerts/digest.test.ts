import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planMessages } from '../../src/alerts/digest.js';
import { SLACK_LIMITS } from '../../src/chat/slack/limits.js';
import { TELEGRAM_LIMITS } from '../../src/chat/telegram/limits.js';
import { renderTelegram } from '../../src/chat/telegram/render.js';
import type { Reply } from '../../src/domain/reply.js';
import type { AlertEvent, OutboxEntry } from '../../src/store/types.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import type { ChatSender } from '../../src/domain/delivery.js';
import { SLACK_CHANNEL, TELEGRAM_GROUP, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';
import { realSlackSender } from './helpers/slack.js';
import { virtualClock, type VirtualClock } from './helpers/virtual-clock.js';

/** The sender, noting on the pacing clock when each message was handed to it. */
function timed(sender: ChatSender, clock: VirtualClock): { sender: ChatSender; times: number[] } {
  const times: number[] = [];
  const send: ChatSender['send'] = (chatId, reply, options) => {
    times.push(clock.now());
    return sender.send(chatId, reply, options);
  };
  return { sender: { ...sender, send }, times };
}

/** Gaps between consecutive times. */
const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);

describe('many transitions at once', () => {
  let h: AlertsHarness;
  let slack: FakeSlack;

  beforeEach(async () => {
    slack = await startFakeSlack();
    h = await startAlertsHarness({ sandbox: { customers: 200, sessions: 2_000 } });
    await h.subscribe(SLACK_CHANNEL);
    await h.subscribe(TELEGRAM_GROUP);
  });
  afterEach(async () => {
    await h.close();
    await slack.close();
  });

  it('become digests that name every session once, each message within the platform limits', async () => {
    // Paced on virtual time: ten seconds of pacing per chat take moments, and the gaps are still checked on that clock.
    const clock = virtualClock();
    const slackTimed = timed(realSlackSender(slack), clock);
    const telegramTimed = timed(h.telegram, clock);
    // Both chats move the one virtual clock, so it runs ahead of either chat's own pace: a long lease
    // keeps the round's deadline (half the lease, on that clock) from handing messages back.
    const alerts = h.newAlerts({ senders: { slack: slackTimed.sender, telegram: telegramTimed.sender }, pacingClock: clock, deliveryLeaseMs: 300_000 });
    await alerts.sweepOnce();
    const open = h.sandbox.data.sessions.filter((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED').slice(0, 300);
    expect(open).toHaveLength(300);
    open.forEach((session, i) => h.sandbox.control.setSessionStatus(session.id, i % 3 === 0 ? 'DECLINED' : 'APPROVED'));

    const swept = await alerts.sweepOnce();
    const delivered = await alerts.deliverOnce();

    expect(swept.results.find((r) => r.source === 'loveandpay')).toMatchObject({ newOutcomes: 300, queued: 600 });
    expect(delivered).toMatchObject({ claimed: 600, sent: 600, retried: 0, failed: 0 });
    const expected = open.map((s) => `/kyc ${s.id}`).sort();

    // Slack: every post accepted, never over 1 message/s per channel, every post within Block Kit limits.
    expect(slack.calls('chat.postMessage').filter((call) => call.status !== 200)).toEqual([]);
    for (const gap of gaps(slackTimed.times)) expect(gap).toBeGreaterThanOrEqual(1_000);
    const posts = slack.postedMessages(SLACK_CHANNEL.chatId);
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.length).toBeLessThan(30);
    const slackNamed: string[] = [];
    for (const post of posts) {
      const blocks = post.params.blocks as Array<{ type: string; accessory?: { value?: string } }>;
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blocksTotalCharacters + SLACK_LIMITS.blocksPerMessage + 1);
      expect(String(post.params.text).length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
      slackNamed.push(...blocks.flatMap((block) => (block.accessory?.value ? [block.accessory.value] : [])));
    }
    expect(slackNamed.sort()).toEqual(expected);
    expect(String(posts[0]!.params.text)).toContain('300 KYC alerts');
    expect(JSON.stringify(posts[0]!.params.blocks)).toMatch(/and \d+ more in the next message/);

    // Telegram: one message per digest, within the text and keyboard limits.
    const digests = h.telegram.to(TELEGRAM_GROUP.chatId);
    expect(digests.length).toBeGreaterThan(1);
    const telegramNamed: string[] = [];
    for (const { reply } of digests) {
      const rendered = renderTelegram(reply, 'en');
      expect(rendered.chunks).toHaveLength(1);
      expect(rendered.chunks[0]!.length).toBeLessThanOrEqual(TELEGRAM_LIMITS.messageText);
      expect(rendered.keyboard.flat().length).toBeLessThanOrEqual(TELEGRAM_LIMITS.inlineKeyboardButtons);
      telegramNamed.push(...(reply.items ?? []).map((item) => item.command!));
    }
    expect(telegramNamed.sort()).toEqual(expected);
    // A Telegram group takes at most one message a second.
    expect(telegramTimed.times).toHaveLength(digests.length);
    for (const gap of gaps(telegramTimed.times)) expect(gap).toBeGreaterThanOrEqual(1_000);
  }, 40_000);
});

describe('sizing a digest', () => {
  it('sends the very digest the sender measured, so the sender renders it only once', () => {
    const event = (i: number): AlertEvent => ({ provider: 'stripe', objectId: `vs_${i}`, outcome: 'APPROVED', native: 'verified', details: {} });
    const entries: OutboxEntry[] = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      chat: TELEGRAM_GROUP,
      event: event(i),
      createdAt: new Date(),
      attempts: 1,
      lastError: null,
    }));
    const measured = new Set<Reply>();
    const fits = (reply: Reply) => {
      measured.add(reply);
      return (reply.items?.length ?? 0) <= 12;
    };
    const messages = planMessages(entries, { locale: 'en', timeZone: 'UTC' }, fits);
    expect(messages.map((m) => m.entries.length)).toEqual([12, 12, 12, 4]);
    for (const message of messages) expect(measured.has(message.reply)).toBe(true);
  });
});
