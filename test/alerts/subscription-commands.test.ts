import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/chat/console/render.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createSubscriptionHandlers } from '../../src/commands/subscriptions.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import { startAlertsHarness, type AlertsHarness } from './helpers/harness.js';

const inChannel = (overrides: Partial<Caller> = {}): Caller => ({
  platform: 'slack',
  chatId: 'C0OPS',
  userId: 'U0ADMIN',
  isAdmin: true,
  mayManageSubscriptions: true,
  locale: 'en',
  ...overrides,
});

describe('/kyc subscribe, unsubscribe and subscriptions', () => {
  let h: AlertsHarness;
  let run: RunCommand;
  const text = async (line: string, caller = inChannel()) => renderText(await run(line, caller));

  beforeEach(async () => {
    h = await startAlertsHarness();
    run = createRunCommand({
      providers: h.providers,
      settings: { timeZone: 'Europe/Moscow', sandbox: true },
      handlers: createSubscriptionHandlers({ store: h.store }),
    });
  });
  afterEach(() => h.close());

  it('subscribes this channel to the outcomes and providers named, and lists them', async () => {
    expect(await text('/kyc subscribe declined stripe')).toContain('This chat now gets alerts: declined from Stripe Identity.');
    await run('/kyc subscribe approved', inChannel());

    const listed = await text('/kyc subscriptions');

    expect(listed).toContain('Alert subscriptions in this chat');
    expect(listed).toContain('• declined from Stripe Identity\n  added by U0ADMIN');
    expect(listed).toContain('• approved from all providers\n  added by U0ADMIN');
    expect(await h.store.listSubscriptions({ platform: 'slack', chatId: 'C0OPS' })).toMatchObject([
      { outcomes: ['DECLINED'], providers: ['stripe'], source: 'command', createdBy: 'U0ADMIN' },
      { outcomes: ['APPROVED'], providers: [], source: 'command' },
    ]);
  });

  it('unsubscribes and says when there was nothing to remove', async () => {
    await run('/kyc subscribe', inChannel());

    expect(await text('/kyc unsubscribe')).toContain('Removed 1 subscription from this chat.');
    expect(await text('/kyc unsubscribe')).toContain('This chat had no matching subscription.');
    expect(await text('/kyc subscriptions')).toContain('No alerts go to this chat.');
  });

  it('says what already covers an overlapping subscription, and changes nothing', async () => {
    await run('/kyc subscribe declined', inChannel());
    const reply = await run('/kyc subscribe declined stripe', inChannel());
    expect(reply.title).toBe('Already subscribed');
    expect(reply.notes?.[0]?.text).toBe('Nothing changed: this chat already gets these alerts through its subscription to declined from all providers.');
    expect(await h.store.listSubscriptions({ platform: 'slack', chatId: 'C0OPS' })).toHaveLength(1);
    // A wider one says what it takes the place of.
    expect(await text('/kyc subscribe')).toContain('It takes the place of declined from all providers.');
  });

  it('asks before removing several subscriptions, with buttons, and removes them once confirmed', async () => {
    await run('/kyc subscribe declined stripe', inChannel());
    await run('/kyc subscribe approved bank131', inChannel());
    const asked = await run('/kyc unsubscribe', inChannel());
    expect(asked.title).toBe('Remove 2 subscriptions?');
    expect(asked.items?.map((item) => item.title)).toEqual(['declined from Stripe Identity', 'approved from Bank 131']);
    expect(asked.actions).toEqual([
      { label: 'Remove them', command: '/kyc unsubscribe confirm', role: 'open' },
      { label: 'Keep', command: '/kyc subscriptions', role: 'open' },
    ]);
    expect(await h.store.listSubscriptions({ platform: 'slack', chatId: 'C0OPS' })).toHaveLength(2);
    expect(await text('/kyc unsubscribe confirm')).toContain('Removed 2 subscriptions from this chat.');
    expect(await h.store.listSubscriptions({ platform: 'slack', chatId: 'C0OPS' })).toEqual([]);
  });

  it('refuses subscription changes from a member when admins are configured, but shows the list', async () => {
    const member = inChannel({ userId: 'U0MEMBER', isAdmin: false, mayManageSubscriptions: false });

    const refused = await run('/kyc subscribe approved', member);
    const unsubscribe = await run('/kyc unsubscribe', member);
    const listed = await run('/kyc subscriptions', member);

    expect(refused).toMatchObject({ kind: 'refused', title: 'Only admins manage alert subscriptions here.' });
    expect(unsubscribe.kind).toBe('refused');
    expect(listed.kind).toBe('ok');
    expect(await h.store.listSubscriptions()).toEqual([]);
  });

  it('shows a subscription disabled by a delivery error with its reason', async () => {
    await run('/kyc subscribe', inChannel());
    await h.store.disableChat({ platform: 'slack', chatId: 'C0OPS' }, 'channel_not_found', new Date());

    const listed = await text('/kyc subscriptions');

    expect(listed).toContain('Disabled: channel_not_found');
    expect(listed).toContain('Disabled subscriptions get no alerts until someone subscribes again from this chat.');
  });

  it('answers in Russian', async () => {
    expect(await text('/kyc subscribe approved loveandpay', inChannel({ locale: 'ru' }))).toContain(
      'Теперь этот чат получает оповещения: одобренные, Love&Pay.',
    );
  });

  it('keeps static subscriptions from the configuration, synced when alerts start', async () => {
    const alerts = h.newAlerts({ staticChats: [{ platform: 'slack', chatId: 'C0OPS' }], cron: '0 0 1 1 *' });
    await alerts.start();
    await alerts.stop();

    expect(await text('/kyc subscriptions')).toContain(
      '• approved and declined from all providers\n  configured in ALERT_SLACK_CHANNELS',
    );
  });
});
