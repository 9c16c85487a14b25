/**
 * Which chats may see data (TELEGRAM_ALLOWED_CHATS; none when it is unset),
 * and the one refusal every other chat gets. The refusal shows the chat id,
 * because that is what an administrator needs to allow the chat, and nothing
 * else: no command runs for a refused chat.
 */
import type { Locale } from '../../domain/caller.js';
import type { Reply } from '../../domain/reply.js';
import { pick } from '../../present/i18n/pick.js';
import { telegramStrings } from './strings.js';

/** A refused chat hears the refusal once in this window, however many commands its members type. */
export const REFUSAL_COOLDOWN_MS = 10 * 60 * 1000;
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
