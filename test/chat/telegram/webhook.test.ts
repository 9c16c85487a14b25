/**
 * Webhook mode over real HTTP: the bot's route on the shared server, Telegram's
 * secret header checked by grammY, replies through the fake Bot API.
 */
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../../src/chat/http-server.js';
import { COMMAND_STRINGS } from '../../../src/present/i18n/commands.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { waitFor } from '../../support/wait-for.js';

const SECRET = 'webhook-secret_123';
const CHAT = 4004;

let h: TelegramHarness;
let server: RunningServer;

beforeAll(async () => {
  h = await startTelegramHarness({ allowedChats: [String(CHAT)], admins: [], webhookSecret: SECRET });
  server = await startHttpServer(h.bot.routes, 0, '127.0.0.1');
});
afterAll(async () => {
  await server.close();
  await h.close();
});

function post(update: Update, secret?: string): Promise<Response> {
  return fetch(`${server.url}/telegram/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(update),
  });
}

describe('Telegram bot (webhook)', () => {
  it('offers POST /telegram/webhook and never polls', () => {
    expect(h.bot.routes.map((route) => `${route.method} ${route.path}`)).toEqual(['POST /telegram/webhook']);
    expect(h.bot.isConnected()).toBe(true);
    expect(h.fake.calls('getUpdates')).toEqual([]);
    expect(h.fake.calls('deleteWebhook')).toEqual([]);
  });

  it('handles an update that carries the right secret', async () => {
    const response = await post(h.fake.textUpdate('/check 12', { userId: CHAT }), SECRET);
    expect(response.status).toBe(200);
    const [reply] = await waitFor(() => (h.fake.messages(CHAT).length ? h.fake.messages(CHAT) : undefined));
    expect(reply?.text).toContain('<b>Bank 131 check 12</b>');
    expect(reply?.parseMode).toBe('HTML');
  });

  it('answers 401 to a wrong or missing secret and runs nothing', async () => {
    h.runs.length = 0;
    const sentBefore = h.fake.calls('sendMessage').length;
    const wrong = await post(h.fake.textUpdate('/kyc', { userId: CHAT }), 'not-the-secret');
    const missing = await post(h.fake.textUpdate('/kyc', { userId: CHAT }));
    const almost = await post(h.fake.textUpdate('/kyc', { userId: CHAT }), `${SECRET}x`);
    expect([wrong.status, missing.status, almost.status]).toEqual([401, 401, 401]);

    // A good update afterwards is the only one that runs.
    expect((await post(h.fake.textUpdate('/check 13', { userId: CHAT }), SECRET)).status).toBe(200);
    await waitFor(() => h.fake.calls('sendMessage').length === sentBefore + 1);
    expect(h.runs.map((run) => run.line)).toEqual(['/check 13']);
  });

  it('refuses an update over 1 MiB with 413, before reading it, and runs nothing', async () => {
    h.runs.length = 0;
    const update = h.fake.textUpdate(`/customer ${'x'.repeat(1_100_000)}`, { userId: CHAT });
    const response = await fetch(`${server.url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(413);
    expect(h.runs).toEqual([]);
  });

  it('pages a list in place when a button is pressed through the webhook', async () => {
    const before = h.fake.messages(CHAT).length;
    await post(h.fake.textUpdate('/kyc', { userId: CHAT }), SECRET);
    const list = await waitFor(() => h.fake.messages(CHAT)[before]);
    expect(list.text).toMatch(/<i>Page 1 of [2-9]<\/i>/);

    const press = await post(h.fake.buttonUpdate(list, COMMAND_STRINGS.en.common.next, { userId: CHAT }), SECRET);
    expect(press.status).toBe(200);
    await waitFor(() => list.edits === 1);
    expect(list.text).toMatch(/<i>Page 2 of [2-9]<\/i>/);
    expect(h.fake.messages(CHAT)).toHaveLength(before + 1);
  });
});
