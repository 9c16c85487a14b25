import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createSubscriptionHandlers } from '../../src/commands/subscriptions.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import { SLACK_CHANNEL, TELEGRAM_GROUP, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

const DAY_MS = 86_400_000;

const member: Caller = {
  platform: 'telegram',
  chatId: TELEGRAM_GROUP.chatId,
  userId: '42',
  isAdmin: false,
  mayManageSubscriptions: false,
  locale: 'en',
};

describe('watching a Bank 131 check', () => {
  let h: AlertsHarness;
  let run: RunCommand;

  beforeEach(async () => {
    h = await startAlertsHarness();
    run = createRunCommand({
      providers: h.providers,
      settings: { timeZone: 'Europe/Moscow', sandbox: true },
      handlers: createSubscriptionHandlers({ store: h.store, watchTimeoutMs: 3 * DAY_MS }),
    });
    await h.subscribe(SLACK_CHANNEL, { providers: ['bank131'] });
  });
  afterEach(() => h.close());

  it('polls a watched check until it resolves, alerts the watching chat and bank131 subscribers once, then drops the watch', async () => {
    h.sandbox.control.setCheck('4001', 'pending');
    const reply = await run('/check 4001 watch', member);
    expect(reply).toMatchObject({ kind: 'ok', title: 'Watching Bank 131 check 4001', badge: { outcome: 'PENDING', native: 'pending' } });
    expect(reply.notes?.[0]?.text).toContain('I stop after 3 days');
    expect(await h.store.listWatches()).toMatchObject([{ checkId: '4001', chat: TELEGRAM_GROUP, createdBy: '42' }]);

    const pending = await h.alerts.sweepOnce();
    expect(pending.results.find((r) => r.source === 'bank131')).toMatchObject({ requests: 1, queued: 0 });

    h.sandbox.control.setCheck('4001', 'error', 'passport_validation_failure');
    const resolved = await h.alerts.sweepOnce();
    const after = await h.alerts.sweepOnce();
    await h.alerts.deliverOnce();

    expect(resolved.results.find((r) => r.source === 'bank131')).toMatchObject({ newOutcomes: 1, queued: 2 });
    expect(after.results.find((r) => r.source === 'bank131')).toMatchObject({ requests: 0 });
    expect(await h.store.listWatches()).toEqual([]);
    for (const message of [...h.telegram.to(TELEGRAM_GROUP.chatId), ...h.slack.to(SLACK_CHANNEL.chatId)]) {
      expect(message.reply.title).toBe('DECLINED · Bank 131 check 4001');
      expect(message.reply.badge).toEqual({ outcome: 'DECLINED', native: 'error' });
      expect(message.reply.fields?.find((f) => f.label === 'Reason')?.value).toContain('passport data were not verified');
      // A DECLINED card is a work item (issue 17): Take and Resolve next to Open.
      expect(message.reply.actions).toEqual([
        { label: 'Open', command: '/check 4001', role: 'open' },
        // The participant reference is the Love&Pay customer id (issue 15): the card links to the customer.
        { label: 'Customer', command: `/customer ${h.sandbox.data.checks.find((c) => c.id === '4001')!.customerId}`, role: 'open' },
        { label: 'Take', command: '/kyc take 4001', role: 'open' },
        { label: 'Resolve', command: '/kyc resolve 4001', role: 'open' },
      ]);
    }
    expect(h.telegram.messages).toHaveLength(1);
    expect(h.slack.messages).toHaveLength(1);
  });

  it('gives up after the watch time and says so in the watching chat', async () => {
    h.sandbox.control.setCheck('4002', 'pending');
    await run('/check 4002 watch', member);

    const fourDaysLater = h.newAlerts({ now: () => new Date(Date.now() + 4 * DAY_MS) });
    await fourDaysLater.sweepOnce();

    expect(await h.store.listWatches()).toEqual([]);
    expect(h.telegram.to(TELEGRAM_GROUP.chatId).map((m) => m.reply.title)).toEqual(['Stopped watching Bank 131 check 4002']);
    expect(h.telegram.messages[0]!.reply.notes?.[0]?.text).toContain('still pending after 3 days');
    expect(h.slack.messages).toHaveLength(0);
  });

  it('refuses a 201st watch in one chat with a clear note, and still renews one it has', async () => {
    const at = new Date();
    for (let i = 0; i < 200; i += 1) {
      await h.store.addWatch({ checkId: String(90_000 + i), chat: TELEGRAM_GROUP, createdBy: '42', now: at, expiresAt: new Date(at.getTime() + DAY_MS) });
    }
    h.sandbox.control.setCheck('4010', 'pending');
    const refused = await run('/check 4010 watch', member);
    expect(refused.kind).toBe('refused');
    expect(refused.notes?.[0]?.text).toBe(
      'This chat already watches 200 checks, the most it may; the current status is below. Watches end when their check resolves.',
    );
    expect((await h.store.listWatches()).some((watch) => watch.checkId === '4010')).toBe(false);
    h.sandbox.control.setCheck('90000', 'pending');
    expect((await run('/check 90000 watch', member)).kind).toBe('ok');
  });

  it('does not watch a check that is already finished', async () => {
    h.sandbox.control.setCheck('4003', 'ok');

    const reply = await run('/check 4003 watch', member);

    expect(reply.badge).toEqual({ outcome: 'APPROVED', native: 'ok' });
    expect(reply.notes?.[0]?.text).toBe('Status ok: there is nothing left to watch.');
    expect(await h.store.listWatches()).toEqual([]);
  });
});
