import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTON_PAYLOAD_TTL_MS, encodeCallbackData, resolveCallbackData } from '../../../src/chat/telegram/callback-data.js';
import { callerFromUpdate, localeOf } from '../../../src/chat/telegram/caller-from-update.js';
import { openStore, type Store } from '../../../src/store/index.js';

const now = new Date('2025-03-01T12:00:00Z');

let store: Store;
let saves = 0;
beforeAll(async () => {
  store = await openStore('file::memory:');
  const save = store.saveButtonPayload.bind(store);
  store.saveButtonPayload = (input) => {
    saves += 1;
    return save(input);
  };
});
afterAll(() => store.close());

describe('button callback data', () => {
  it('carries a short command line inline, without touching the store', async () => {
    const before = saves;
    const data = await encodeCallbackData({ command: '/kyc approved page:2', edit: true }, store, now);
    expect(data).toBe('e:/kyc approved page:2');
    expect(saves).toBe(before);
    expect(await resolveCallbackData(data, store, now)).toEqual({ command: '/kyc approved page:2', edit: true });
  });

  it('counts bytes, not characters: a Cyrillic line that would pass 64 bytes is stored under a key', async () => {
    const command = '/customer Александрова page:2';
    expect(command.length).toBeLessThan(64);
    expect(Buffer.byteLength(`n:${command}`)).toBeGreaterThan(32);
    const fits = await encodeCallbackData({ command, edit: false }, store, now);
    expect(fits).toBe(`n:${command}`);

    const long = '/customer Константинопольская Александра page:2';
    const data = await encodeCallbackData({ command: long, edit: false }, store, now);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(data).toMatch(/^n#[\w-]{16}$/);
    expect(await resolveCallbackData(data, store, now)).toEqual({ command: long, edit: false });
  });

  it('keeps a stored line for at least 24 hours, then reports it expired', async () => {
    const data = await encodeCallbackData({ command: '/customer Константинопольская Александра page:2', edit: true }, store, now);
    expect(BUTTON_PAYLOAD_TTL_MS).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
    const dayLater = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    expect(await resolveCallbackData(data, store, dayLater)).toMatchObject({ edit: true });
    const later = new Date(now.getTime() + BUTTON_PAYLOAD_TTL_MS + 1);
    expect(await resolveCallbackData(data, store, later)).toBe('expired');
  });

  it('does not run data it did not write', async () => {
    expect(await resolveCallbackData('hello', store, now)).toBe('unknown');
    expect(await resolveCallbackData('x:/kyc', store, now)).toBe('unknown');
    expect(await resolveCallbackData('n#missing-key', store, now)).toBe('expired');
  });
});

describe('caller from a Telegram update', () => {
  it('picks Russian for ru and ru-RU users and English for everyone else', () => {
    expect([localeOf('ru'), localeOf('ru-RU'), localeOf('en'), localeOf('uk'), localeOf(undefined)]).toEqual(['ru', 'ru', 'en', 'en', 'en']);
  });

  it('lets a fixed LOCALE win over the user’s language', () => {
    const caller = callerFromUpdate({ id: 1, type: 'private' }, { id: 1, is_bot: false, first_name: 'A', language_code: 'ru' }, { admins: [], locale: 'en' });
    expect(caller.locale).toBe('en');
  });

  it('lets only admins manage subscriptions, and nobody when no admins are configured', () => {
    const user = { id: 42, is_bot: false as const, first_name: 'A' };
    const group = { id: -5, type: 'group' as const };
    expect(callerFromUpdate(group, user, { admins: [] })).toMatchObject({ isAdmin: false, mayManageSubscriptions: false });
    expect(callerFromUpdate({ id: 42, type: 'private' }, user, { admins: [] })).toMatchObject({ isAdmin: false, mayManageSubscriptions: false });
    expect(callerFromUpdate(group, user, { admins: ['7'] })).toMatchObject({ isAdmin: false, mayManageSubscriptions: false });
    expect(callerFromUpdate(group, user, { admins: ['42'] })).toMatchObject({ isAdmin: false, mayManageSubscriptions: true });
    expect(callerFromUpdate({ id: 42, type: 'private' }, user, { admins: ['42'] })).toMatchObject({
      platform: 'telegram',
      chatId: '42',
      userId: '42',
      isAdmin: true,
      mayManageSubscriptions: true,
    });
  });
});
