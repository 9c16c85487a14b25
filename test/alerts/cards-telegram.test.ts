/**
 * Alert cards in Telegram (issue 17): the card edited in place
 * (editMessageText), each later change a reply to the card
 * (reply_parameters), and the review buttons pressed in the group through
 * the real bot (long polling against the fake Bot API): Take, Resolve with
 * its reason buttons, and a note written as a reply to the bot's answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramBot, type TelegramBot } from '../../src/chat/telegram/index.js';
import { createReviewHandlers } from '../../src/commands/review.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import type { Alerts } from '../../src/alerts/index.js';
import { silentLogger } from '../../src/log.js';
import { startFakeTelegram, type FakeMessage, type FakeTelegram } from '../support/fake-telegram.js';
import { waitFor } from '../support/wait-for.js';
import { startAlertsHarness, type AlertsHarness } from './helpers/harness.js';
import { virtualClock } from './helpers/virtual-clock.js';

const GROUP = -1001234567890;
const anna = { userId: 77, chatId: GROUP, chatType: 'supergroup' as const, firstName: 'Anna' };
const boris = { userId: 78, chatId: GROUP, chatType: 'supergroup' as const, firstName: 'Boris' };

describe('alert cards in Telegram', () => {
  let h: AlertsHarness;
  let fake: FakeTelegram;
  let bot: TelegramBot;
  let alerts: Alerts;

  beforeEach(async () => {
    h = await startAlertsHarness({ sandbox: { customers: 100, stripeSessions: 120 } });
    fake = await startFakeTelegram();
    const runCommand = createRunCommand({
      providers: h.providers,
      settings: { timeZone: 'Europe/Moscow', sandbox: false },
      handlers: createReviewHandlers({ store: h.store }),
    });
    bot = createTelegramBot({
      token: fake.token,
      apiRoot: fake.apiRoot,
      allowedChats: [String(GROUP)],
      admins: [],
      locale: 'en',
      runCommand,
      buttons: h.store,
      logger: silentLogger,
    });
    await bot.start();
    alerts = h.newAlerts({ senders: { telegram: bot.sender }, pacingClock: virtualClock(), deliveryLeaseMs: 300_000 });
    await h.subscribe({ platform: 'telegram', chatId: String(GROUP) }, { providers: ['stripe'] });
    await alerts.sweepOnce();
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
    await h.close();
  });

  const waiting = () => h.sandbox.data.stripeSessions.filter((s) => s.status === 'requires_input' && !s.last_error).map((s) => s.id);
  const sweepAndDeliver = async () => {
    await alerts.sweepOnce();
    for (let round = 0; round < 10 && (await alerts.deliverOnce()).claimed > 0; round += 1);
  };
  const messages = () => fake.messages(GROUP);
  /** The bot's next message after the `count` it had sent. */
  const nextMessage = (count: number) => waitFor(() => messages()[count], { message: 'the bot’s answer' });

  it('posts one card for a Stripe session declined then approved, edits it to APPROVED and replies to it once', async () => {
    const [id] = waiting();
    h.sandbox.control.setStripeStatus(id!, 'requires_input', 'document_expired');
    await sweepAndDeliver();
    const [card] = messages();
    expect(card!.text).toContain(`DECLINED · Stripe Identity session ${id}`);

    h.sandbox.control.setStripeStatus(id!, 'verified');
    await sweepAndDeliver();

    expect(messages()).toHaveLength(2);
    expect(card!.edits).toBe(1);
    expect(card!.text).toContain(`APPROVED · Stripe Identity session ${id}`);
    expect(card!.text).toContain('Closed: approved later.');
    const reply = messages()[1]!;
    expect(reply.replyTo).toBe(card!.messageId);
    expect(reply.text).toMatch(/APPROVED \(verified\) at \d\d:\d\d/);
    expect(fake.calls('editMessageText')).toHaveLength(1);
  });

  it('takes a declined card with its button, resolves it with a reason button, and adds a note by reply', async () => {
    const [id] = waiting();
    h.sandbox.control.setStripeStatus(id!, 'requires_input', 'document_expired');
    await sweepAndDeliver();
    const card: FakeMessage = messages()[0]!;
    const buttons = () => card.replyMarkup?.inline_keyboard.flat().map((button) => button.text) ?? [];
    expect(buttons()).toEqual(expect.arrayContaining(['Open', 'Take', 'Resolve']));

    fake.pressButton(card, 'Take', anna);
    expect((await nextMessage(1)).text).toContain(`You are reviewing Stripe Identity session ${id}`);
    await sweepAndDeliver();
    expect(card.text).toMatch(/Reviewing: @Anna since \d\d:\d\d/);
    expect(buttons()).toEqual(expect.arrayContaining(['Resolve', 'Reopen']));
    expect(messages()[2]!.replyTo).toBe(card.messageId);
    expect(messages()[2]!.text).toMatch(/Taken by @Anna at/);

    fake.pressButton(card, 'Resolve', boris);
    const form = await nextMessage(3);
    expect(form.text).toContain(`Resolve Stripe Identity session ${id}: why?`);
    fake.pressButton(form, 'retry requested', boris);
    const resolved = await nextMessage(4);
    expect(resolved.text).toContain('is resolved: retry requested');
    expect(resolved.text).toContain('To add a note, reply to this message with it.');
    fake.sendText('She will retry tomorrow', { ...boris, replyTo: resolved });
    await nextMessage(5);
    await waitFor(async () => (await h.store.getReviewItems([{ provider: 'stripe', objectId: id! }]))[0]?.note === 'She will retry tomorrow', {
      message: 'the note saved',
    });

    await sweepAndDeliver();
    expect(card.text).toContain('Resolved by @Boris: retry requested');
    expect(card.text).toContain('Note: She will retry tomorrow');
    expect(buttons()).toContain('Reopen');
    expect(buttons()).not.toContain('Take');
    const threadReplies = messages().filter((message) => message.replyTo === card.messageId);
    expect(threadReplies.map((message) => message.text.replace(/<[^>]*>/g, '').replace(/ at \d\d:\d\d/, ''))).toEqual([
      'Taken by @Anna',
      'Resolved by @Boris: retry requested',
      'Resolved by @Boris: retry requested · She will retry tomorrow',
    ]);
  });
});
