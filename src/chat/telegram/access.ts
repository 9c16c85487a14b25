/**
 * Which chats may see data (TELEGRAM_ALLOWED_CHATS; none when it is unset),
 * the one refusal every other chat gets, and who the person is in an allowed
 * one (the Caller the commands see). The refusal shows the chat id, because
 * that is what an administrator needs to allow the chat, and nothing else:
 * no command runs for a refused chat.
 */
import type { Chat, User } from 'grammy/types';
import type { Caller, Locale } from '../../domain/chat.js';
import type { Reply } from '../../domain/reply.js';
import { pick } from '../../present/i18n/pick.js';
import { telegramStrings } from './strings.js';

/** A refused chat hears the refusal once in this window, however many commands its members type. */
const REFUSAL_COOLDOWN_MS = 10 * 60 * 1000;
/** Bounds the memory of refused chats; a bot added to many groups must not grow without limit. */
const REMEMBERED_REFUSALS = 10_000;

export interface Access {
  isAllowed(chatId: string): boolean;
  /** True when this chat should get the refusal now (then not again within the cooldown). */
  takeRefusal(chatId: string, now: Date): boolean;
}

export function createAccess(allowedChats: string[]): Access {
  const allowed = new Set(allowedChats.map((chat) => chat.trim()).filter(Boolean));
  const refusedAt = new Map<string, number>();
  return {
    isAllowed: (chatId) => allowed.has(chatId),
    takeRefusal(chatId, now) {
      const last = refusedAt.get(chatId);
      if (last !== undefined && now.getTime() - last < REFUSAL_COOLDOWN_MS) return false;
      refusedAt.delete(chatId);
      if (refusedAt.size >= REMEMBERED_REFUSALS) {
        const oldest = refusedAt.keys().next().value;
        if (oldest !== undefined) refusedAt.delete(oldest);
      }
      refusedAt.set(chatId, now.getTime());
      return true;
    },
  };
}

export function refusalReply(chatId: string, locale: Locale): Reply {
  const t = pick(telegramStrings, locale);
  return {
    kind: 'refused',
    title: t.refusedTitle,
    fields: [
      { label: t.refusedChatId, value: chatId, mono: true },
      { label: t.refusedSetting, value: `TELEGRAM_ALLOWED_CHATS=${chatId}`, mono: true },
    ],
    notes: [{ tone: 'info', text: t.refusedHowTo }],
  };
}

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
    // For review cards ("Reviewing: @olga"): the @username, else the first name.
    ...(user ? { userName: user.username ? `@${user.username}` : user.first_name } : {}),
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
