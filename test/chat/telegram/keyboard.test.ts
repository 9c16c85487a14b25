import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTON_PAYLOAD_TTL_MS, encodeCallbackData, resolveCallbackData } from '../../../src/chat/telegram/keyboard.js';
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
