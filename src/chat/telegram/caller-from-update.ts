import type { Chat, User } from 'grammy/types';
import type { Caller, Locale } from '../../domain/caller.js';

export interface CallerSettings {
  admins: string[];
  locale?: Locale;
}

/**
 * Who pressed or typed, and where. Telegram has no private replies in groups,
 * so an admin sees unmasked data only in a private chat with the bot: in a
 * group every member would see it (Slack gets the same effect with ephemeral
 * answers). Managing subscriptions is a right of the person, anywhere.
 */
export function callerFromUpdate(chat: Pick<Chat, 'id' | 'type'>, user: User | undefined, settings: CallerSettings): Caller {
  const userId = user ? String(user.id) : '';
  const isAdminUser = userId !== '' && settings.admins.includes(userId);
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    userId,
    isAdmin: isAdminUser && chat.type === 'private',
    // Admins only; with no TELEGRAM_ADMINS, nobody (as in Slack; start-up warns about it).
    mayManageSubscriptions: isAdminUser,
    locale: settings.locale ?? localeOf(user?.language_code),
  };
}

/** Telegram's language_code is an IETF tag ("ru", "ru-RU", "en"); anything not Russian gets English. */
export function localeOf(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
