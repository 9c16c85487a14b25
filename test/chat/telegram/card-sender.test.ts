/**
 * What the Telegram sender offers alert cards (issue 17): a posted message's
 * id, editing it in place (editMessageText), replying to it
 * (reply_parameters), a link to it in supergroups, and a card that is gone
 * reported as such, so the outbox posts it afresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageLink } from '../../../src/chat/telegram/telegram-sender.js';
import { DeliveryError } from '../../../src/domain/delivery.js';
import type { Reply } from '../../../src/domain/reply.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';

const GROUP = '-1009876543210';
const card = (state: string): Reply => ({
  kind: 'ok',
  title: 'DECLINED · Stripe Identity session vs_1',
  notes: [{ tone: 'info', text: state }],
  actions: [{ label: 'Take', role: 'open', command: '/kyc take vs_1' }],
});

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ allowedChats: [GROUP], start: false });
});
afterAll(() => h.close());

describe('the Telegram sender and alert cards', () => {
  it('edits a card in place, replies to it, and names the message it posted', async () => {
    const sender = h.bot.sender;
    const posted = await sender.send(GROUP, card('Open: nobody reviews it yet.'));
    expect(posted).toEqual({ chatId: GROUP, messageId: String(h.fake.messages(GROUP)[0]!.messageId) });
    await sender.edit!(posted!, card('Reviewing: @anna since 14:05'));
    await sender.send(GROUP, { kind: 'ok', title: 'Taken by @anna at 14:05' }, { replyTo: posted! });
    // The same content again is no failure (Telegram: "message is not modified").
    await sender.edit!(posted!, card('Reviewing: @anna since 14:05'));

    const [shown, reply] = h.fake.messages(GROUP);
    expect(shown!.edits).toBe(1);
    expect(shown!.text).toContain('Reviewing: @anna since 14:05');
    expect(shown!.replyMarkup?.inline_keyboard.flat().map((button) => button.text)).toEqual(['Take']);
    expect(reply!.replyTo).toBe(shown!.messageId);
    expect(await sender.permalink!(posted!)).toBe(`https://t.me/c/9876543210/${shown!.messageId}`);
  });

  it('says a deleted card is gone, so it is posted afresh', async () => {
    const posted = await h.bot.sender.send(GROUP, card('Open'));
    h.fake.deleteMessage(GROUP, Number(posted!.messageId));
    const error = await h.bot.sender.edit!(posted!, card('Reviewing')).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ scope: 'message' });
  });

  it('links messages of supergroups and channels only', () => {
    expect(messageLink({ chatId: '-1001234', messageId: '15' })).toBe('https://t.me/c/1234/15');
    expect(messageLink({ chatId: '-4321', messageId: '15' })).toBeNull();
    expect(messageLink({ chatId: '5005', messageId: '15' })).toBeNull();
  });
});
