/**
 * The Telegram bot in long-polling mode, driven through the fake Bot API:
 * real grammY, real runner, the real dispatcher over the sandbox emulators.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderTelegram } from '../../../src/chat/telegram/render.js';
import type { Caller } from '../../../src/domain/chat.js';
import { COMMAND_STRINGS } from '../../../src/present/i18n/commands.js';
import { telegramErrors, type FakeMessage } from '../../support/fake-telegram.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { waitFor } from '../../support/wait-for.js';

const ADMIN = 1001;
const VIEWER = 2002;
const GROUP = -100200;
const STRANGER = 3003;
const NEXT = COMMAND_STRINGS.en.common.next;

/** Log lines the bot wrote, to wait on events that send nothing (a refused command). */
const logLines: Array<{ msg: string; chatId?: string }> = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString('utf8')) as { msg: string });
      done();
    },
  }),
);

let h: TelegramHarness;
/** Refusals reported for the audit log. */
const refused: Array<{ line: string; chatId: string }> = [];
let clock = Date.parse('2025-03-01T12:00:00Z');

beforeAll(async () => {
  h = await startTelegramHarness({
    allowedChats: [String(ADMIN), String(VIEWER), String(GROUP)],
    admins: [String(ADMIN)],
    logger,
    now: () => new Date(clock),
    onRefused: (line, caller) => void refused.push({ line, chatId: caller.chatId }),
  });
});
afterAll(() => h.close());
afterEach(() => {
  h.runs.length = 0;
});

const viewerCaller = (locale: 'en' | 'ru' = 'en'): Caller => ({
  platform: 'telegram',
  chatId: String(VIEWER),
  userId: String(VIEWER),
  isAdmin: false,
  mayManageSubscriptions: false,
  locale,
});

/** Waits until the chat holds `count` bot messages and returns them. */
async function messagesIn(chatId: number, count: number): Promise<FakeMessage[]> {
  return waitFor(
    () => {
      const found = h.fake.messages(chatId);
      return found.length >= count ? found : undefined;
    },
    { message: `${count} messages in chat ${chatId}` },
  );
}

/** What the user should see for a command: the dispatcher's reply for that caller, rendered. */
async function expectedHtml(line: string, caller: Caller): Promise<string[]> {
  return renderTelegram(await h.commands.runCommand(line, caller), caller.locale).chunks;
}

describe('Telegram bot (long polling)', () => {
  it('registers the command menu in English and Russian at start', () => {
    const calls = h.fake.calls('setMyCommands');
    expect(calls.map((call) => call.payload.language_code)).toEqual([undefined, 'ru']);
    const [english, russian] = calls.map((call) => call.payload.commands as Array<{ command: string; description: string }>);
    expect(english?.map((command) => command.command)).toEqual(['kyc', 'customer', 'receipt', 'check']);
    expect(english?.[1]?.description).toBe('Find a customer by name, email or phone');
    // Russian without stray English (issue 15): an email is «адрес эл. почты».
    expect(russian?.[1]?.description).toBe('Найти клиента по имени, телефону или адресу эл. почты');
  });

  it('answers every command with an HTML message showing what the provider returned', async () => {
    const data = h.commands.sandbox.data;
    const session = data.sessions.find((candidate) => candidate.status === 'APPROVED')!;
    const customer = data.customers[0]!;
    const receipt = data.receipts[0]!;
    const check = data.checks[0]!;
    const lines = ['/kyc', `/kyc ${session.id}`, `/customer ${customer.id}`, `/receipt ${receipt.id}`, `/check ${check.id}`, '/kyc help'];
    const before = h.fake.messages(VIEWER).length;
    for (const line of lines) h.fake.sendText(line, { userId: VIEWER });

    const sent = (await messagesIn(VIEWER, before + lines.length)).slice(before);
    expect(sent.map((message) => message.parseMode)).toEqual(lines.map(() => 'HTML'));
    for (const [index, line] of lines.entries()) {
      expect(sent[index]?.text).toBe((await expectedHtml(line, viewerCaller()))[0]);
    }
    const [list, detail, customerCard, receiptCard, checkCard, help] = sent.map((message) => message.text);
    expect(list).toContain('<b>Love&amp;Pay KYC sessions</b>');
    expect(list).toMatch(/<i>Page 1 of \d+<\/i>/);
    expect(detail).toContain(`<b>Love&amp;Pay KYC session ${session.id.slice(0, 8)}</b>\n✅ <b>APPROVED</b>\n`);
    expect(detail).toContain(`ID: <code>${session.id}</code>`);
    expect(customerCard).toContain(`ID: <code>${customer.id}</code>`);
    expect(customerCard).toMatch(/Phone: \+7 \d{3} \*\*\*-\*\*-\d{2}/);
    expect(receiptCard).toContain(`<b>Receipt ${receipt.id.slice(0, 8)}</b>`);
    expect(checkCard).toContain(`<b>Bank 131 check ${check.id}</b>`);
    expect(help).toContain('<b>Help: /kyc</b>');
    expect(h.runs.map((run) => run.line)).toEqual(lines);
  });

  it('shows a hostile customer name literally instead of as markup', async () => {
    const customer = h.commands.sandbox.data.customers[1]!;
    h.commands.sandbox.control.setCustomerName(customer.id, '<b>x</b> <a href="https://evil.example">y</a>');
    h.fake.sendText(`/customer ${customer.id}`, { userId: ADMIN });

    const [card] = await messagesIn(ADMIN, 1);
    // Shown as typed; the link-shaped part is kept inert in <code>, so no client makes it clickable.
    expect(card?.text).toContain('Name: &lt;b&gt;x&lt;/b&gt; &lt;a href="<code>https://evil.example</code>"&gt;y&lt;/a&gt;');
    expect(card?.text).not.toContain('<b>x</b>');
    expect(card?.text).not.toContain('evil.example">');
  });

  it('pages a list in place when Next is pressed', async () => {
    const before = h.fake.messages(VIEWER).length;
    h.fake.sendText('/kyc', { userId: VIEWER });
    const list = (await messagesIn(VIEWER, before + 1))[before]!;
    expect(list.text).toMatch(/<i>Page 1 of [2-9]<\/i>/);

    const press = h.fake.pressButton(list, NEXT, { userId: VIEWER });
    await waitFor(() => list.edits === 1, { message: 'the list message edited' });
    expect(list.text).toMatch(/<i>Page 2 of [2-9]<\/i>/);
    expect(list.text).toBe((await expectedHtml('/kyc page:2', viewerCaller()))[0]);
    expect(h.fake.calls('editMessageText').at(-1)?.payload).toMatchObject({
      chat_id: VIEWER,
      message_id: list.messageId,
      parse_mode: 'HTML',
    });
    const answers = h.fake.calls('answerCallbackQuery').map((call) => call.payload.callback_query_id);
    expect(answers).toContain(press.callback_query?.id);
    // Paging replaced the message; nothing new was posted.
    expect(h.fake.messages(VIEWER)).toHaveLength(before + 1);
  });

  it('opens a list item in a new message', async () => {
    const before = h.fake.messages(VIEWER).length;
    h.fake.sendText('/kyc declined', { userId: VIEWER });
    const list = (await messagesIn(VIEWER, before + 1))[before]!;
    h.fake.pressButton(list, '1', { userId: VIEWER });

    const detail = (await messagesIn(VIEWER, before + 2))[before + 1]!;
    expect(detail.text).toMatch(/^<b>Love&amp;Pay KYC session [0-9a-f]{8}<\/b>\n❌ <b>DECLINED<\/b>/);
    expect(list.edits).toBe(0);
  });

  it('carries a command line longer than 64 bytes through a stored key', async () => {
    const name = 'Константинопольская Александра Вячеславовна';
    for (const customer of h.commands.sandbox.data.customers.slice(5, 17)) {
      h.commands.sandbox.control.setCustomerName(customer.id, name);
    }
    const before = h.fake.messages(VIEWER).length;
    h.fake.sendText('/customer Константинопольская Александра', { userId: VIEWER });
    const list = (await messagesIn(VIEWER, before + 1))[before]!;

    const next = list.replyMarkup?.inline_keyboard.flat().find((button) => button.text === NEXT);
    const data = next && 'callback_data' in next ? next.callback_data : '';
    expect(data).toMatch(/^e#[\w-]{16}$/);
    const stored = await h.store.loadButtonPayload(data.slice(2), new Date(clock));
    expect(stored).toBe('/customer Константинопольская Александра page:2');
    expect(Buffer.byteLength(`e:${stored}`)).toBeGreaterThan(64);
    // Kept at least 24 hours.
    expect(await h.store.loadButtonPayload(data.slice(2), new Date(clock + 24 * 60 * 60 * 1000))).toBe(stored);

    h.fake.pressButton(list, NEXT, { userId: VIEWER });
    await waitFor(() => list.edits === 1, { message: 'page 2 shown' });
    expect(h.runs.at(-1)?.line).toBe('/customer Константинопольская Александра page:2');
    expect(list.text).toContain('<i>Page 2 of 2</i>');
  });

  it('tells the user when a stored button has expired, and runs nothing', async () => {
    const before = h.fake.messages(VIEWER).length;
    h.fake.sendText('/customer Константинопольская Александра', { userId: VIEWER });
    const list = (await messagesIn(VIEWER, before + 1))[before]!;
    const runsBefore = h.runs.length;
    clock += 72 * 60 * 60 * 1000;
    try {
      const press = h.fake.pressButton(list, NEXT, { userId: VIEWER });
      const answer = await waitFor(() =>
        h.fake.calls('answerCallbackQuery').find((call) => call.payload.callback_query_id === press.callback_query?.id),
      );
      expect(answer.payload).toMatchObject({ text: 'This button has expired. Please type the command again.', show_alert: true });
      expect(h.runs).toHaveLength(runsBefore);
      expect(list.edits).toBe(0);
    } finally {
      clock -= 72 * 60 * 60 * 1000;
    }
  });

  it('gives a chat that is not allowed one refusal with its id, and runs nothing', async () => {
    const refusals = () => logLines.filter((line) => line.chatId === String(STRANGER)).length;
    h.fake.sendText('/kyc', { userId: STRANGER });
    h.fake.sendText('/customer Иван', { userId: STRANGER });
    await waitFor(() => refusals() === 2, { message: 'both commands refused' });

    const sent = h.fake.messages(STRANGER);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe(
      [
        '<b>KYC Desk is not enabled in this chat</b>',
        '',
        'Chat id: <code>3003</code>',
        'Setting: <code>TELEGRAM_ALLOWED_CHATS=3003</code>',
        '',
        "ℹ️ To allow this chat, ask the bot's administrator to add its id to TELEGRAM_ALLOWED_CHATS (several ids are separated by commas) and restart the bot.",
      ].join('\n'),
    );
    expect(h.runs).toEqual([]);
    // Both reach the audit log as refused, though only one refusal was sent.
    expect(refused).toEqual([
      { line: '/kyc', chatId: String(STRANGER) },
      { line: '/customer Иван', chatId: String(STRANGER) },
    ]);
  });

  it('ignores a command addressed to another bot in a group and answers one addressed to it', async () => {
    h.fake.sendText('/kyc@OtherBot', { userId: VIEWER, chatId: GROUP });
    h.fake.sendText(`/kyc@${h.fake.botUsername} approved`, { userId: VIEWER, chatId: GROUP });
    h.fake.sendText('/check 7', { userId: VIEWER, chatId: GROUP });

    const sent = await messagesIn(GROUP, 2);
    expect(h.runs.map((run) => run.line)).toEqual(['/kyc approved', '/check 7']);
    expect(sent[0]?.text).toMatch(/^<b>Love&amp;Pay KYC sessions: approved<\/b>/);
    expect(sent[1]?.text).toContain('<b>Bank 131 check 7</b>');
    expect(sent).toHaveLength(2);
  });

  it('shows an admin unmasked data only in a private chat, never to a whole group', async () => {
    const customer = h.commands.sandbox.data.customers[2]!;
    const beforePrivate = h.fake.messages(ADMIN).length;
    const beforeGroup = h.fake.messages(GROUP).length;
    h.fake.sendText(`/customer ${customer.id}`, { userId: ADMIN });
    h.fake.sendText(`/customer ${customer.id}`, { userId: ADMIN, chatId: GROUP });

    const inPrivate = (await messagesIn(ADMIN, beforePrivate + 1))[beforePrivate]!;
    const inGroup = (await messagesIn(GROUP, beforeGroup + 1))[beforeGroup]!;
    const digits = customer.phone.replace(/\D/g, '');
    expect(inPrivate.text.replace(/\D/g, '')).toContain(digits);
    expect(inGroup.text.replace(/\D/g, '')).not.toContain(digits);
    expect(h.runs.map((run) => [run.caller.chatId, run.caller.isAdmin, run.caller.mayManageSubscriptions])).toEqual([
      [String(ADMIN), true, true],
      [String(GROUP), false, true],
    ]);
  });

  it('answers in Russian when the user’s Telegram is in Russian', async () => {
    const before = h.fake.messages(VIEWER).length;
    h.fake.sendText('/kyc', { userId: VIEWER, languageCode: 'ru' });
    const reply = (await messagesIn(VIEWER, before + 1))[before]!;
    expect(h.runs[0]?.caller.locale).toBe('ru');
    expect(reply.text).toBe((await expectedHtml('/kyc', viewerCaller('ru')))[0]);
    expect(reply.text).not.toBe((await expectedHtml('/kyc', viewerCaller('en')))[0]);
  });

  it('answers in the forum topic the command came from', async () => {
    const before = h.fake.messages(GROUP).length;
    h.fake.sendText('/check 3', { userId: VIEWER, chatId: GROUP, chatType: 'supergroup', threadId: 77 });
    const reply = (await messagesIn(GROUP, before + 1))[before]!;
    expect(reply.threadId).toBe(77);
  });

  it('waits out a 429 retry_after and then delivers the message', async () => {
    h.fake.script('sendMessage', telegramErrors.tooManyRequests(1), { times: 1, chatId: VIEWER });
    const before = h.fake.messages(VIEWER).length;
    const callsBefore = h.fake.calls('sendMessage').length;
    h.fake.sendText('/check 5', { userId: VIEWER });

    const reply = (await messagesIn(VIEWER, before + 1))[before]!;
    expect(reply.text).toContain('<b>Bank 131 check 5</b>');
    const attempts = h.fake.calls('sendMessage').slice(callsBefore);
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('reports itself connected while polling', () => {
    expect(h.bot.isConnected()).toBe(true);
    expect(h.bot.routes).toEqual([]);
    expect(h.fake.calls('deleteWebhook')).toHaveLength(1);
  });
});
