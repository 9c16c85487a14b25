/**
 * Every Telegram limit the Telegram adapter respects, each with its source
 * so the next person can check it. The renderer cuts to these numbers; it
 * never relies on Telegram to truncate for it.
 */
import type { Pace } from '../../domain/delivery.js';

/** Telegram Bot API limits (core.telegram.org/bots/api). */
export const TELEGRAM_LIMITS = {
  /** sendMessage `text`: "1-4096 characters after entities parsing" (core.telegram.org/bots/api#sendmessage). */
  messageText: 4_096,
  /** Media `caption`: "0-1024 characters after entities parsing" (core.telegram.org/bots/api#sendphoto). */
  caption: 1_024,
  /** InlineKeyboardButton `callback_data`: "1-64 bytes" — bytes, not characters (core.telegram.org/bots/api#inlinekeyboardbutton). */
  callbackDataBytes: 64,
  /**
   * Inline keyboards: the Bot API documents no size, but Telegram rejects more
   * than 100 buttons in total (BUTTON_DATA_INVALID / reply markup too long) and
   * shows at most 8 buttons in a row; both are widely observed limits
   * (e.g. python-telegram-bot's constants, InlineKeyboardMarkupLimit).
   */
  inlineKeyboardButtons: 100,
  inlineKeyboardRowButtons: 8,
  /** answerCallbackQuery `text`: "0-200 characters" (core.telegram.org/bots/api#answercallbackquery). */
  callbackAnswerText: 200,
  /** Bots FAQ: about 1 message per second per chat, 20 messages per minute per group, 30 per second overall (core.telegram.org/bots/faq). */
  messagesPerSecondPerChat: 1,
  /**
   * Our own bound, not Telegram's: an answer is cut to this many messages, so a
   * 100 KB provider string cannot spend a group's 20 messages a minute on one reply.
   */
  messagesPerReply: 3,
  messagesPerMinutePerGroup: 20,
  messagesPerSecondOverall: 30,
} as const;

/**
 * How fast alerts may follow each other in one chat (the outbox paces by it):
 * a group or channel also has its per-minute bound. Telegram group and channel
 * ids are negative (core.telegram.org/bots/api#chat: "id ... for groups and
 * channels is negative"), private chats positive.
 */
export function telegramPace(chatId: string): Pace {
  return {
    intervalMs: 1000 / TELEGRAM_LIMITS.messagesPerSecondPerChat,
    ...(chatId.startsWith('-') ? { window: { max: TELEGRAM_LIMITS.messagesPerMinutePerGroup, ms: 60_000 } } : {}),
  };
}
