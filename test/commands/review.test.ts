/**
 * The review queue's commands (issue 17): `/kyc queue [mine]`, `/kyc take`,
 * `/kyc resolve [reason] [note]`, `/kyc reopen`, and `quiet:` on
 * `/kyc subscribe`, from the line typed to the answer, over a real store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskCommandLine } from '../../src/commands/audit.js';
import { parseCommand, toCommandLine } from '../../src/commands/parse.js';
import { createReviewHandlers } from '../../src/commands/review.js';
import { createRunCommand } from '../../src/commands/run-command.js';
import { createSubscriptionHandlers } from '../../src/commands/subscriptions.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { at, observed } from '../store/fixtures.js';

const UUID = '550e8400-e29b-41d4-a716-446655440000';

describe('parsing review lines', () => {
  it.each([
    ['/kyc queue', { action: 'queue', mine: false }],
    ['/kyc queue mine', { action: 'queue', mine: true }],
    [`/kyc take ${UUID.toUpperCase()}`, { action: 'take', provider: 'loveandpay', id: UUID }],
    ['/kyc reopen VS_abc123', { action: 'reopen', provider: 'stripe', id: 'vs_abc123' }],
    ['/kyc resolve #7', { action: 'resolve', provider: 'bank131', id: '7' }],
    ['/kyc resolve vs_abc retry', { action: 'resolve', provider: 'stripe', id: 'vs_abc', reason: 'retry_requested' }],
    [
      '/kyc resolve vs_abc false-alarm she needs help with the app, subscribe later',
      { action: 'resolve', id: 'vs_abc', reason: 'false_alarm', note: 'she needs help with the app subscribe later' },
    ],
  ])('reads %s', (line, request) => {
    const parsed = parseCommand(line);
    expect(parsed).toMatchObject({ ok: true, request: { command: 'kyc', ...request } });
    // The canonical line parses back to the same request (buttons carry these lines).
    if (parsed.ok) expect(parseCommand(toCommandLine(parsed.request))).toEqual(parsed);
  });

  it.each([
    ['/kyc take', 'missing_id'],
    ['/kyc take 12ab', 'bad_id'],
    ['/kyc reopen vs_abc now', 'unknown_word'],
    ['/kyc resolve vs_abc because', 'unknown_word'],
    ['/kyc queue everything', 'unknown_word'],
    ['/kyc subscribe declined quiet:25:00-08:00', 'bad_filter'],
    ['/kyc subscribe declined quiet:22:00', 'bad_filter'],
    ['/kyc unsubscribe quiet:22:00-08:00', 'unknown_filter'],
  ])('refuses %s with %s', (line, problem) => {
    expect(parseCommand(line)).toMatchObject({ ok: false, usage: { problem } });
  });

  it('reads quiet hours on a subscription, and quiet:off', () => {
    const quiet = parseCommand('/kyc subscribe declined stripe quiet: 22:00–8:00');
    expect(quiet).toMatchObject({ ok: true, request: { action: 'subscribe', outcomes: ['DECLINED'], providers: ['stripe'], quiet: { from: '22:00', to: '08:00' } } });
    if (quiet.ok) expect(toCommandLine(quiet.request)).toBe('/kyc subscribe declined stripe quiet:22:00-08:00');
    expect(parseCommand('/kyc subscribe quiet:off')).toMatchObject({ ok: true, request: { quiet: null } });
  });

  it('keeps a resolve note out of the audit log', () => {
    const line = '/kyc resolve vs_abc retry Ivan Petrov +79991234567';
    expect(maskCommandLine(line, parseCommand(line))).toBe('/kyc resolve vs_abc retry_requested …');
  });
});

describe('review commands over a store', () => {
  let store: Store;
  let run: RunCommand;
  const olga: Caller = { platform: 'slack', chatId: 'C1', userId: 'U0OLGA', userName: 'olga', isAdmin: false, mayManageSubscriptions: false, locale: 'en' };
  const ivan: Caller = { platform: 'telegram', chatId: '-100', userId: '42', userName: '@ivan', isAdmin: false, mayManageSubscriptions: true, locale: 'en' };

  beforeEach(async () => {
    store = await openStore('file::memory:');
    run = createRunCommand({
      providers: { close: async () => {} },
      settings: { timeZone: 'Europe/Moscow', sandbox: false },
      handlers: { ...createReviewHandlers({ store }), ...createSubscriptionHandlers({ store }) },
      now: () => at(3_600_000),
    });
    await store.commitObservations({ observations: [observed('stripe', 'vs_old', 'DECLINED')], announce: true, now: at(0) });
    await store.commitObservations({ observations: [observed('bank131', '7', 'DECLINED')], announce: true, now: at(60_000) });
  });
  afterEach(() => store.close());

  it('lists open declines oldest first with their age and reviewer, and only the caller’s with mine', async () => {
    await run('/kyc take 7', olga);
    const queue = await run('/kyc queue', ivan);
    expect(queue.items?.map((item) => [item.title, item.text, item.command])).toEqual([
      ['Stripe Identity session vs_old', 'declined 1 hr ago · open', '/kyc vs_old'],
      ['Bank 131 check 7', 'declined 59 min ago · reviewing: @olga', '/check 7'],
    ]);
    expect(queue.items?.[1]?.links).toEqual([{ label: 'Take', command: '/kyc take 7' }]);
    expect((await run('/kyc queue mine', olga)).items?.map((item) => item.title)).toEqual(['Bank 131 check 7']);
    expect((await run('/kyc queue mine', ivan)).notes?.[0]?.text).toMatch(/not reviewing any decline/);
  });

  it('asks why before resolving, offers a note by reply, and refuses what cannot change', async () => {
    const form = await run('/kyc resolve vs_old', ivan);
    expect(form.form?.choices.map((choice) => choice.command)).toEqual([
      '/kyc resolve vs_old customer_contacted',
      '/kyc resolve vs_old retry_requested',
      '/kyc resolve vs_old fraud_suspected',
      '/kyc resolve vs_old false_alarm',
    ]);
    expect(form.actions?.map((action) => action.label)).toEqual(['customer contacted', 'retry requested', 'fraud suspected', 'false alarm']);
    const resolved = await run('/kyc resolve vs_old fraud', ivan);
    expect(resolved).toMatchObject({ kind: 'ok', title: 'Stripe Identity session vs_old is resolved: fraud suspected.', noteCommand: '/kyc resolve vs_old fraud_suspected' });
    expect(await run('/kyc take vs_old', olga)).toMatchObject({ kind: 'refused', title: 'Stripe Identity session vs_old is already resolved; reopen it first.' });
    expect(await run('/kyc take vs_unknown', olga)).toMatchObject({ kind: 'refused', title: expect.stringMatching(/not in the review queue/) });
    expect((await run('/kyc reopen vs_old', olga)).title).toBe('Stripe Identity session vs_old is back in the queue.');
  });

  it('keeps quiet hours with the display time zone and shows them', async () => {
    const answer = await run('/kyc subscribe declined quiet:22:00-08:00', ivan);
    expect(answer.notes?.map((note) => note.text)).toContain('quiet 22:00–08:00 (Europe/Moscow)');
    const [stored] = await store.listSubscriptions({ platform: 'telegram', chatId: '-100' });
    expect(stored?.quiet).toEqual({ from: '22:00', to: '08:00', timeZone: 'Europe/Moscow' });
    // The same filter again with other hours changes the hours, not the filter.
    await run('/kyc subscribe declined quiet:23:00-07:00', ivan);
    expect((await store.listSubscriptions({ platform: 'telegram', chatId: '-100' })).map((s) => s.quiet?.from)).toEqual(['23:00']);
    const listed = await run('/kyc subscriptions', ivan);
    expect(listed.items?.[0]?.text).toContain('quiet 23:00–07:00 (Europe/Moscow)');
  });
});
