/**
 * What committing an observation queues, the same for both stores: its alert
 * event must describe the observation itself (the outbox's unique key comes
 * from the observation, the message from the event, and a mismatch would
 * announce one thing under another's key), and it goes to every enabled
 * subscription whose filter lets it through, plus the event's extra chats (a
 * Bank 131 watcher), minus disabled chats, each chat once. The outbox's
 * unique key backs the "once" up in the database.
 */
import { chatKey, sameChat, type ChatRef } from '../domain/chat.js';
import { quietUntil, type QuietHours } from '../domain/quiet-hours.js';
import { matchesEvent, type Filter } from './subscription-filters.js';
import type { AlertEvent, Observation } from './types.js';

export interface RecipientSource {
  subscriptions: Array<Filter & { chat: ChatRef; quiet?: QuietHours | null }>;
  /** chatKey()s of chats disabled by a permanent delivery error. */
  disabled: Set<string>;
}

/**
 * `told`: chats already told of the event's object (its card, an alert or a
 * digest naming it), which get every later change of it whatever their filter.
 */
export function alertRecipients(source: RecipientSource, event: AlertEvent, alsoNotify: ChatRef[] = [], told: ChatRef[] = []): ChatRef[] {
  const chats = new Map<string, ChatRef>();
  const add = (chat: ChatRef) => {
    const key = chatKey(chat);
    if (!source.disabled.has(key) && !chats.has(key)) chats.set(key, { platform: chat.platform, chatId: chat.chatId });
  };
  for (const subscription of source.subscriptions) if (matchesEvent(subscription, event)) add(subscription.chat);
  for (const chat of alsoNotify) add(chat);
  for (const chat of told) add(chat);
  return [...chats.values()];
}

/** When a chat's row for an event is due: now, or when quiet hours end (then it is `held`). */
export interface Schedule {
  dueAt: Date;
  held: boolean;
}

/**
 * A chat is quiet for an event while every subscription of the chat that lets
 * the event through (all of the chat's, for a change its filter would not
 * pass: a watch, a card update) is in its quiet hours; the row is then due
 * when the first of them ends.
 */
export function scheduleFor(source: RecipientSource, chat: ChatRef, event: AlertEvent, now: Date): Schedule {
  const ours = source.subscriptions.filter((subscription) => sameChat(subscription.chat, chat));
  const matching = ours.filter((subscription) => matchesEvent(subscription, event));
  const considered = matching.length > 0 ? matching : ours;
  const ends = considered.map((subscription) => (subscription.quiet ? quietUntil(subscription.quiet, now) : null));
  if (ends.length === 0 || ends.some((end) => end === null)) return { dueAt: now, held: false };
  return { dueAt: new Date(Math.min(...ends.map((end) => end!.getTime()))), held: true };
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
