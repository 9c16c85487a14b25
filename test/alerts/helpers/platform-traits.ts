/**
 * What a platform's real sender says about fit and pace (ChatSender.fits and
 * .pace: its renderer and its limits), for senders and limiters in tests that
 * stand in for the platform without its network client.
 */
import { slackPace } from '../../../src/chat/slack/limits.js';
import { renderSlack, fitsOneMessage as slackFits } from '../../../src/chat/slack/render.js';
import { telegramPace } from '../../../src/chat/telegram/limits.js';
import { renderTelegram, fitsOneMessage as telegramFits } from '../../../src/chat/telegram/render.js';
import type { ChatRef, Locale, Platform } from '../../../src/domain/chat.js';
import type { ChatSender, Pace } from '../../../src/domain/delivery.js';

export function platformTraits(platform: Platform, locale: Locale = 'en'): Pick<ChatSender, 'fits' | 'pace'> {
  switch (platform) {
    case 'slack':
      return { fits: (reply) => slackFits(reply, renderSlack(reply, { locale })), pace: slackPace };
    case 'telegram':
      return { fits: (reply) => telegramFits(reply, renderTelegram(reply, locale)), pace: telegramPace };
    case 'console':
      return {};
  }
}

/** A RateLimiter's `pace` option as the app wires it: each chat at its platform's pace. */
export const platformPace = (chat: ChatRef): Pace | undefined => platformTraits(chat.platform).pace?.(chat.chatId);
