import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TELEGRAM_LIMITS } from '../../src/chat/telegram/limits.js';
import { createTelegramSender } from '../../src/chat/telegram/telegram-sender.js';
import { startFakeTelegram, telegramErrors, type FakeTelegram } from '../support/fake-telegram.js';
import { waitFor } from '../support/wait-for.js';
import { TELEGRAM_GROUP, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

describe('alert delivery through the Telegram Bot API', () => {
  let h: AlertsHarness;
  let telegram: FakeTelegram;
  const open = () => h.sandbox.data.sessions.filter((s) => s.status === 'IN_PROGRESS' || s.status === 'NOT_STARTED');
  const alertsWithRealSender = () =>
    h.newAlerts({
      senders: {
        telegram: createTelegramSender({ api: new Api(telegram.token, { apiRoot: telegram.apiRoot }), buttons: h.store, now: () => new Date() }, 'en'),
      },
    });

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    h = await startAlertsHarness({ sandbox: { customers: 100, sessions: 600 } });
    await h.subscribe(TELEGRAM_GROUP);
  });
  afterEach(async () => {
    await h.close();
    await telegram.close();
  });

  it('disables the group when the bot was kicked, and queues nothing more for it', async () => {
    const alerts = alertsWithRealSender();
    await alerts.sweepOnce();
    telegram.script('sendMessage', telegramErrors.kicked());
    h.sandbox.control.setSessionStatus(open()[0]!.id, 'DECLINED');
    await alerts.sweepOnce();

    const report = await alerts.deliverOnce();
    h.sandbox.control.setSessionStatus(open()[0]!.id, 'DECLINED');
    const later = await alerts.sweepOnce();

    expect(report).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    const [subscription] = await h.store.listSubscriptions(TELEGRAM_GROUP);
    expect(subscription?.disabledReason).toBe('Forbidden: bot was kicked from the group chat');
    expect(later.results.find((r) => r.source === 'loveandpay')).toMatchObject({ newOutcomes: 1, queued: 0 });
  });

  it('pauses Telegram delivery on a 401 (a revoked token), disables nothing, and delivers once getMe works again', async () => {
    const alerts = h.newAlerts({
      tokenCheckBackoff: { firstMs: 50, maxMs: 200 },
      senders: {
        telegram: createTelegramSender({ api: new Api(telegram.token, { apiRoot: telegram.apiRoot }), buttons: h.store, now: () => new Date() }, 'en'),
      },
    });
    await alerts.sweepOnce();
    telegram.script('sendMessage', telegramErrors.unauthorized(), { times: 1 });
    telegram.script('getMe', telegramErrors.unauthorized(), { times: 2 });
    h.sandbox.control.setSessionStatus(open()[0]!.id, 'APPROVED');
    await alerts.sweepOnce();

    expect(await alerts.deliverOnce()).toMatchObject({ claimed: 1, sent: 0, retried: 1, failed: 0 });
    expect(alerts.pausedPlatforms()).toMatchObject([{ platform: 'telegram', reason: 'Unauthorized' }]);
    await waitFor(
      async () => {
        await alerts.deliverOnce();
        return telegram.messages(TELEGRAM_GROUP.chatId).length === 1;
      },
      { timeoutMs: 5_000, message: 'the alert delivered once getMe answers again' },
    );
    expect(telegram.calls('getMe').length).toBe(3);
    expect(telegram.calls('sendMessage').length).toBe(2);
    expect(alerts.pausedPlatforms()).toEqual([]);
    expect((await h.store.listSubscriptions(TELEGRAM_GROUP))[0]?.disabledReason).toBeNull();
  });

  it('sends twelve transitions as digests that each fit one Telegram message', async () => {
    const alerts = alertsWithRealSender();
    await alerts.sweepOnce();
    const sessions = open().slice(0, 12);
    for (const session of sessions) h.sandbox.control.setSessionStatus(session.id, 'APPROVED');
    await alerts.sweepOnce();

    const report = await alerts.deliverOnce();

    const messages = telegram.messages(TELEGRAM_GROUP.chatId);
    expect(report).toMatchObject({ claimed: 12, sent: 12 });
    expect(messages).toHaveLength(report.messages);
    expect(messages[0]!.text).toContain('12 KYC alerts');
    const text = messages.map((m) => m.text).join('\n');
    for (const session of sessions) expect(text).toContain(`Love&amp;Pay session ${session.id.slice(0, 8)}`);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_LIMITS.messageText);
      expect(message.replyMarkup?.inline_keyboard.flat().length ?? 0).toBeLessThanOrEqual(TELEGRAM_LIMITS.inlineKeyboardButtons);
    }
  });
});
