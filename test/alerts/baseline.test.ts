import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_CHANNEL, TELEGRAM_GROUP, sessionIds, startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

describe('alert baseline and the first transition', () => {
  let h: AlertsHarness;

  beforeEach(async () => {
    h = await startAlertsHarness();
    await h.subscribe(SLACK_CHANNEL);
    await h.subscribe(TELEGRAM_GROUP, { outcomes: ['APPROVED'] });
  });
  afterEach(() => h.close());

  it('records existing APPROVED sessions on the first sweep and posts nothing', async () => {
    expect(sessionIds(h.sandbox, 'APPROVED').length).toBeGreaterThan(10);

    const report = await h.alerts.sweepOnce();
    const delivered = await h.alerts.deliverOnce();

    expect(report.failures).toEqual([]);
    expect(report.results.map((result) => [result.source, result.baseline])).toEqual(
      expect.arrayContaining([
        ['loveandpay', true],
        ['stripe', true],
      ]),
    );
    expect(report.results.every((result) => result.queued === 0)).toBe(true);
    expect(delivered.sent).toBe(0);
    expect(h.slack.messages).toHaveLength(0);
    expect(h.telegram.messages).toHaveLength(0);
    expect(await h.store.outboxDepth()).toBe(0);
  });

  it('posts exactly one message to each subscribed chat when a session is approved after the baseline', async () => {
    await h.alerts.sweepOnce();
    const session = h.sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS')!;
    h.sandbox.control.setSessionStatus(session.id, 'APPROVED');

    await h.alerts.sweepOnce();
    await h.alerts.deliverOnce();
    // Later sweeps and rounds find nothing new.
    await h.alerts.sweepOnce();
    await h.alerts.deliverOnce();

    expect(h.slack.to(SLACK_CHANNEL.chatId)).toHaveLength(1);
    expect(h.telegram.to(TELEGRAM_GROUP.chatId)).toHaveLength(1);
    const reply = h.slack.messages[0]!.reply;
    expect(reply.title).toBe(`APPROVED · Love&Pay session ${session.id.slice(0, 8)}`);
    expect(reply.badge).toEqual({ outcome: 'APPROVED', native: 'APPROVED' });
    const fields = Object.fromEntries((reply.fields ?? []).map((field) => [field.label, field.value]));
    const verification = h.sandbox.data.sessions.find((s) => s.id === session.id)!.verification!;
    expect(fields).toMatchObject({
      Provider: 'Love&Pay',
      ID: session.id,
      Document: `passport · ${verification.documentCountry}`,
    });
    expect(fields['Face match']).toMatch(/^\d{1,3}%$/);
    expect(fields['Liveness']).toMatch(/^\d{1,3}%$/);
    expect(fields['Verified at']).toMatch(/\d{4}, \d{2}:\d{2}$/);
    // Masked: first name and an initial, never the full name, the phone or the email.
    expect(fields.Customer).toBe(`${verification.firstName} ${verification.lastName.charAt(0)}.`);
    expect(fields.Contact).toContain('***');
    expect(JSON.stringify(reply)).not.toContain(session.customerPhone);
    expect(JSON.stringify(reply)).not.toContain(session.customerEmail);
    // The status is said once: the badge's APPROVED, with no "Provider status: APPROVED" beside it (issue 15).
    expect(fields).not.toHaveProperty('Provider status');
    expect(reply.actions).toEqual([
      { label: 'Open', command: `/kyc ${session.id}`, role: 'open' },
      { label: 'Customer', command: `/customer ${session.customerId}`, role: 'open' },
    ]);
  });

  it('sends a declined session only to chats whose subscription covers DECLINED', async () => {
    await h.alerts.sweepOnce();
    const session = h.sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS')!;
    h.sandbox.control.setSessionStatus(session.id, 'DECLINED');

    await h.alerts.sweepOnce();
    await h.alerts.deliverOnce();

    expect(h.slack.to(SLACK_CHANNEL.chatId).map((m) => m.reply.title)).toEqual([
      `DECLINED · Love&Pay session ${session.id.slice(0, 8)}`,
    ]);
    expect(h.telegram.messages).toHaveLength(0);
  });

  it('sends one message to a chat whose overlapping subscriptions both match the event', async () => {
    const chat = { platform: 'slack' as const, chatId: 'C0OVERLAP' };
    await h.subscribe(chat, { outcomes: ['APPROVED'] });
    await h.subscribe(chat, { providers: ['loveandpay'] });
    await h.subscribe(chat, { outcomes: ['APPROVED'], providers: ['loveandpay'] });
    await h.alerts.sweepOnce();
    const session = h.sandbox.data.sessions.find((s) => s.status === 'NOT_STARTED')!;
    h.sandbox.control.setSessionStatus(session.id, 'APPROVED');

    const report = await h.alerts.sweepOnce();
    await h.alerts.deliverOnce();

    expect(report.results.find((r) => r.source === 'loveandpay')).toMatchObject({ newOutcomes: 1, queued: 3 });
    expect(h.slack.to(chat.chatId)).toHaveLength(1);
  });
});
