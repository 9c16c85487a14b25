/**
 * Delivery: long replies in several messages, the ChatSender alerts use, and
 * how Telegram's refusals become DeliveryErrors (whose failure: the chat's, the token's, or worth a retry; retry after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/domain/delivery.js';
import type { Reply } from '../../../src/domain/reply.js';
import { telegramErrors, type ScriptedAnswer } from '../../support/fake-telegram.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { waitFor } from '../../support/wait-for.js';

const CHAT = 5005;

const longReply: Reply = {
  kind: 'ok',
  title: 'Customer search',
  fields: Array.from({ length: 150 }, (_, index) => ({ label: `Customer ${index + 1}`, value: `${'Иванов '.repeat(6)}<${index + 1}>` })),
  actions: [{ label: 'Next', role: 'page', command: '/customer Иванов page:2' }],
};

const alert: Reply = {
  kind: 'ok',
  title: 'APPROVED · Love&Pay session 0eaa8bba',
  badge: { outcome: 'APPROVED', native: 'APPROVED' },
  fields: [{ label: 'Customer', value: 'n***@rambler.ru' }],
  actions: [
    { label: 'Open', role: 'open', command: '/kyc 0eaa8bba-1f89-4a64-891a-2356ce85f15e' },
    { label: 'Receipt image', role: 'open', url: 'http://127.0.0.1:4100/receipts/1.jpg' },
  ],
};

let h: TelegramHarness;

beforeAll(async () => {
  h = await startTelegramHarness({
    allowedChats: [String(CHAT)],
    runCommand: async (line) => (line === '/customer Иванов' ? longReply : { kind: 'ok', title: `ran ${line}` }),
  });
});
afterAll(() => h.close());

async function sendError(chatId: number, answer: ScriptedAnswer): Promise<DeliveryError> {
  h.fake.script('sendMessage', answer, { chatId, times: 1 });
  const error = await h.bot.sender.send(String(chatId), alert).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('Telegram delivery', () => {
  it('sends a 9,000-character reply as several messages, in order, with the buttons under the last', async () => {
    h.fake.sendText('/customer Иванов', { userId: CHAT });
    const sent = await waitFor(() => {
      const messages = h.fake.messages(CHAT);
      return messages.some((message) => message.replyMarkup) ? messages : undefined;
    });
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.reduce((total, message) => total + message.text.length, 0)).toBeGreaterThan(9_000);
    for (const message of sent) {
      expect(message.text.length).toBeLessThanOrEqual(4_096);
      expect(message.parseMode).toBe('HTML');
    }
    const lines = sent.flatMap((message) => message.text.split('\n')).filter((line) => line.startsWith('Customer '));
    expect(lines).toHaveLength(150);
    expect(lines[149]).toBe(`Customer 150: ${'Иванов '.repeat(6)}&lt;150&gt;`);
    expect(sent.slice(0, -1).every((message) => message.replyMarkup === undefined)).toBe(true);
    expect(sent.at(-1)?.replyMarkup?.inline_keyboard.flat().map((button) => button.text)).toEqual(['Next']);
  });

  it('posts an alert through the ChatSender with its buttons', async () => {
    await h.bot.sender.send('6006', alert);
    const [message] = h.fake.messages(6006);
    expect(h.bot.sender.platform).toBe('telegram');
    expect(message?.text).toBe(
      '<b>APPROVED · Love&amp;Pay session 0eaa8bba</b>\n✅ <b>APPROVED</b>\n\nCustomer: n***@rambler.ru',
    );
    expect(message?.replyMarkup?.inline_keyboard).toEqual([
      [
        { text: 'Open', callback_data: 'n:/kyc 0eaa8bba-1f89-4a64-891a-2356ce85f15e' },
        { text: 'Receipt image', url: 'http://127.0.0.1:4100/receipts/1.jpg' },
      ],
    ]);
  });

  it('sends a message again as plain text without link buttons when Telegram rejects a link', async () => {
    h.fake.script('sendMessage', telegramErrors.badRequest('BUTTON_URL_INVALID'), { chatId: 7007, times: 1 });
    await h.bot.sender.send('7007', alert);
    const [message] = h.fake.messages(7007);
    expect(message?.parseMode).toBeUndefined();
    expect(message?.text).toBe('APPROVED · Love&Pay session 0eaa8bba\n✅ APPROVED\n\nCustomer: n***@rambler.ru');
    expect(message?.replyMarkup?.inline_keyboard.flat().map((button) => button.text)).toEqual(['Open']);
  });

  it('reports a kicked or blocked bot and a missing chat as failures of that chat', async () => {
    const kicked = await sendError(8001, telegramErrors.kicked());
    expect([kicked.scope, kicked.reason]).toEqual(['chat', 'Forbidden: bot was kicked from the group chat']);
    const blocked = await sendError(8002, telegramErrors.blocked());
    expect([blocked.scope, blocked.reason]).toEqual(['chat', 'Forbidden: bot was blocked by the user']);
    const missing = await sendError(8003, telegramErrors.chatNotFound());
    expect([missing.scope, missing.reason]).toEqual(['chat', 'Bad Request: chat not found']);
    const upgraded = await sendError(-8004, telegramErrors.upgradedToSupergroup(-1008004));
    expect(upgraded.scope).toBe('chat');
  });

  it('passes a long flood wait on with its retry time instead of waiting it out', async () => {
    const before = h.fake.calls('sendMessage').length;
    const limited = await sendError(8005, telegramErrors.tooManyRequests(120));
    expect([limited.scope, limited.retryAfterMs]).toEqual(['retry', 120_000]);
    expect(h.fake.calls('sendMessage')).toHaveLength(before + 1);
  });

  it('treats other refusals as worth another try', async () => {
    const other = await sendError(8006, telegramErrors.badRequest('message is too long'));
    expect(other.scope).toBe('retry');
  });

  it('refuses a button pressed in a chat that is not allowed, running nothing', async () => {
    const chat = 9009;
    await h.bot.sender.send(String(chat), { kind: 'ok', title: 'List', actions: [{ label: 'Next', role: 'page', command: '/kyc page:2' }] });
    const [list] = h.fake.messages(chat);
    const press = h.fake.pressButton(list!, 'Next', { userId: chat });
    const answer = await waitFor(() =>
      h.fake.calls('answerCallbackQuery').find((call) => call.payload.callback_query_id === press.callback_query?.id),
    );
    expect(answer.payload).toMatchObject({ text: 'KYC Desk is not enabled in this chat.', show_alert: true });
    expect(h.runs.map((run) => run.caller.chatId)).not.toContain(String(chat));
    expect(list?.edits).toBe(0);
  });

  it('answers a page button with a new message when the old one can no longer be edited', async () => {
    await h.bot.sender.send(String(CHAT), { kind: 'ok', title: 'List', actions: [{ label: 'Next', role: 'page', command: '/kyc page:2' }] });
    const list = h.fake.messages(CHAT).at(-1)!;
    const count = h.fake.messages(CHAT).length;
    h.fake.script('editMessageText', telegramErrors.badRequest("message can't be edited"), { chatId: CHAT, times: 1 });
    h.fake.pressButton(list, 'Next', { userId: CHAT });
    const fresh = await waitFor(() => h.fake.messages(CHAT)[count]);
    expect(fresh.text).toBe('<b>ran /kyc page:2</b>');
    expect(list.edits).toBe(0);
  });
});
