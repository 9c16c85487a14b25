import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../../src/chat/telegram/index.js';
import { silentLogger } from '../../../src/log.js';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { waitFor } from '../../support/wait-for.js';

let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const options = (apiRoot: string, token: string) => ({
  token,
  apiRoot,
  allowedChats: ['1'],
  admins: [],
  runCommand: async () => ({ kind: 'ok' as const, title: 'ok' }),
  buttons: { saveButtonPayload: async () => {}, loadButtonPayload: async () => null },
  logger: silentLogger,
});

describe('Telegram bot lifecycle', () => {
  it('polls after start and stops polling on stop', async () => {
    fake = await startFakeTelegram();
    const bot = createTelegramBot(options(`${fake.apiRoot}/`, fake.token));
    expect(bot.isConnected()).toBe(false);
    await bot.start();
    await waitFor(() => fake!.openPolls() === 1, { message: 'a long poll held open' });
    expect(bot.isConnected()).toBe(true);

    await bot.stop();
    expect(bot.isConnected()).toBe(false);
    // Stopping aborts the long poll at once instead of waiting out its 30 seconds.
    await waitFor(() => fake!.openPolls() === 0, { message: 'the long poll closed' });
    const polls = fake.calls('getUpdates').length;
    fake.sendText('/kyc', { userId: 1 });
    expect(fake.calls('getUpdates')).toHaveLength(polls);
    expect(fake.messages(1)).toEqual([]);
  });

  it('fails to start with Telegram’s reason, never the token, when the token is wrong', async () => {
    fake = await startFakeTelegram();
    const bot = createTelegramBot(options(fake.apiRoot, '999:wrong-token'));
    const failure = await bot.start().then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toBe('Telegram rejected TELEGRAM_BOT_TOKEN (getMe: 401 Unauthorized)');
    expect(failure?.message).not.toContain('wrong-token');
    expect(bot.isConnected()).toBe(false);
  });

  it('lets an answer being prepared go out before stop() returns', async () => {
    fake = await startFakeTelegram();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let running = false;
    const bot = createTelegramBot({
      ...options(fake.apiRoot, fake.token),
      runCommand: async () => {
        running = true;
        await gate;
        return { kind: 'ok', title: 'slow answer' };
      },
    });
    await bot.start();
    fake.sendText('/kyc', { userId: 1 });
    await waitFor(() => running, { message: 'the command running' });

    const stopping = bot.stop();
    release();
    await stopping;
    expect(fake.messages(1).map((message) => message.text)).toEqual(['<b>slow answer</b>']);
  });
});
