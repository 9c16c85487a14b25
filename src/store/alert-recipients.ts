/**
 * Which chats hear about one event: every enabled subscription whose filter
 * lets it through, plus the event's extra chats (a Bank 131 watcher), minus
 * disabled chats, each chat once. The outbox's unique key backs the "once"
 * up in the database.
 */
import { chatKey, type ChatRef } from '../domain/chat.js';
import { matchesEvent, type Filter } from './subscription-filters.js';
import type { AlertEvent } from './types.js';

export interface RecipientSource {
  subscriptions: Array<Filter & { chat: ChatRef }>;
  /** chatKey()s of chats disabled by a permanent delivery error. */
  disabled: Set<string>;
}

export function alertRecipients(source: RecipientSource, event: AlertEvent, alsoNotify: ChatRef[] = []): ChatRef[] {
  const chats = new Map<string, ChatRef>();
  const add = (chat: ChatRef) => {
    const key = chatKey(chat);
    if (!source.disabled.has(key) && !chats.has(key)) chats.set(key, { platform: chat.platform, chatId: chat.chatId });
  };
  for (const subscription of source.subscriptions) if (matchesEvent(subscription, event)) add(subscription.chat);
  for (const chat of alsoNotify) add(chat);
  return [...chats.values()];
}
