/**
 * `/kyc summary` (issue 18): shows, sets and stops a chat's daily summary.
 * Anyone may look; only those who manage subscriptions set or stop it, since
 * it posts into the chat every day. Words work in Russian too, and a bad
 * time says what a good one looks like.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsRunCommand } from './helpers/stats-run.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

const NOW = new Date('2025-03-08T12:00:00Z');
const lead = (locale: 'en' | 'ru' = 'en'): Caller => ({ platform: 'telegram', chatId: '-1001', userId: '42', isAdmin: false, mayManageSubscriptions: true, locale });
const member: Caller = { ...lead(), userId: '43', mayManageSubscriptions: false };
const notes = (reply: { notes?: Array<{ text: string }> }) => reply.notes?.map((note) => note.text);

let store: Store;
let run: RunCommand;
beforeAll(async () => {
  store = await openStore('file::memory:');
  run = statsRunCommand(store, () => NOW);
});
afterAll(() => store.close());

describe('/kyc summary', () => {
  it('sets, shows and stops the daily summary of the chat it is typed in', async () => {
    expect(notes(await run('/kyc summary', member))).toEqual([
      'This chat gets no daily summary. Set one with /kyc summary daily 09:00 (any time of day, HH:MM).',
    ]);
    const set = await run('/kyc summary daily 09:30 stripe', lead());
    expect(notes(set)).toEqual([
      "Every day at 09:30 (Europe/Moscow) this chat gets the day before's stats, Stripe Identity.",
      'The next one comes 9 Mar 2025, 09:30 (in 18 hr).',
    ]);
    expect(await store.getSummary({ platform: 'telegram', chatId: '-1001' })).toMatchObject({ at: '09:30', timeZone: 'Europe/Moscow', providers: ['stripe'], locale: 'en' });
    expect(notes(await run('/kyc summary', member))?.[0]).toContain('Every day at 09:30');
    expect(notes(await run('/kyc summary off', lead()))).toEqual(['The daily summary is off in this chat.']);
    expect(notes(await run('/kyc summary off', lead()))).toEqual(['This chat had no daily summary; nothing changed.']);
  });

  it('is set and stopped only by those who manage subscriptions', async () => {
    expect(await run('/kyc summary daily 09:00', member)).toMatchObject({ kind: 'refused', title: 'Only admins set the daily summary here.' });
    expect(await run('/kyc summary off', member)).toMatchObject({ kind: 'refused' });
    expect(await store.getSummary({ platform: 'telegram', chatId: '-1001' })).toBeNull();
  });

  it('takes Russian words and is written in the language it was set in', async () => {
    const set = await run('/kyc сводка ежедневно 08:00', lead('ru'));
    expect(notes(set)?.[0]).toBe('Каждый день в 08:00 (Europe/Moscow) сюда приходит статистика за предыдущий день, все провайдеры.');
    expect(await store.getSummary({ platform: 'telegram', chatId: '-1001' })).toMatchObject({ at: '08:00', locale: 'ru', providers: [] });
    await run('/kyc summary off', lead());
  });

  it('says what a time of day looks like when given something else', async () => {
    const reply = await run('/kyc summary daily 25:00', lead());
    expect(reply.kind).toBe('usage');
    expect(reply.title).toBe('"25:00" is not a time of day: use HH:MM, for example /kyc summary daily 09:00.');
  });
});
