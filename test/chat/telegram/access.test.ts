import { describe, expect, it } from 'vitest';
import { callerFromUpdate, localeOf } from '../../../src/chat/telegram/access.js';

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
