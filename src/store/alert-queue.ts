/**
 * What committing an observation queues, the same for both stores: its alert
 * event must describe the observation itself (the outbox's unique key comes
 * from the observation, the message from the event, and a mismatch would
 * announce one thing under another's key), and it goes to every enabled
 * subscription whose filter lets it through, plus the event's extra chats (a
 * Bank 131 watcher), minus disabled chats, each chat once. The outbox's
 * unique key backs the "once" up in the database.
 */
import { chatKey, type ChatRef } from '../domain/chat.js';
import { matchesEvent, type Filter } from './subscription-filters.js';
import type { AlertEvent, Observation } from './types.js';

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

export function checkEvent(observation: Observation, event: AlertEvent): void {
  if (
    event.provider !== observation.provider ||
    event.objectId !== observation.objectId ||
    event.outcome !== observation.outcome
  ) {
    throw new Error(
      `alert event ${event.provider}/${event.objectId}/${event.outcome} does not match its observation ` +
        `${observation.provider}/${observation.objectId}/${observation.outcome}`,
    );
  }
}
