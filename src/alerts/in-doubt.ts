/**
 * Closing the exactly-once window. A row is marked sent right after its
 * message went out, in its own transaction; a process killed between the two
 * leaves the row claimed, and once its lease runs out it would be sent
 * again. Where the sender can tag messages (SendOptions.deliveryKey: Slack
 * message metadata), the message's delivery key and row ids are written down
 * before sending. A row claimed later while still listed there is in doubt,
 * and the sender is asked (ChatSender.findDelivered: Slack
 * conversations.history, or conversations.replies for a reply in a card's
 * thread) whether the tagged message is already in the chat before it is
 * sent again; a card found that way is recorded as the chat's card. Card
 * edits need no such care: editing again shows the same. Senders that cannot
 * tag (Telegram: bots cannot read chat history) keep a window of one message
 * per chat: at least once.
 */
import { randomUUID } from 'node:crypto';
import { chatKey, type ChatRef } from '../domain/chat.js';
import type { ChatSender, MessageRef, SendOptions } from '../domain/delivery.js';
import type { Reply } from '../domain/reply.js';
import type { ObjectKey } from '../store/card-types.js';
import type { Store } from '../store/types.js';

interface InFlight {
  key: string;
  ids: number[];
  /** ISO 8601, when the send began. */
  at: string;
  /** The card whose thread the message went to (a card update's reply). */
  thread?: MessageRef;
  /** The verification whose card the message is (a new card), so a crash still leaves the card recorded. */
  card?: ObjectKey;
}

/** One cursor per chat: a chat's messages go out one at a time, so only its latest send can be in doubt. */
const inFlightKey = (chat: ChatRef): string => `alerts:in-flight:${chatKey(chat)}`;
/** How far back before a recorded send the chat's history is searched, for clock skew. */
const HISTORY_MARGIN_MS = 60_000;

const canTell = (sender: ChatSender): sender is ChatSender & Required<Pick<ChatSender, 'findDelivered'>> => sender.findDelivered !== undefined;

export interface TrackedSend {
  /** Posts in this message's thread. */
  replyTo?: MessageRef;
  /** The message is this verification's card. */
  card?: ObjectKey;
  /** SendOptions.onFileFailed. */
  onFileFailed?: SendOptions['onFileFailed'];
}

/** Sends one message carrying these rows, tagged and written down first when the sender can tell later. */
export async function sendTracked(
  store: Store,
  sender: ChatSender,
  chat: ChatRef,
  message: { entries: ReadonlyArray<{ id: number }>; reply: Reply },
  now: Date,
  options: TrackedSend = {},
): Promise<MessageRef | void> {
  const replyTo = { ...(options.replyTo ? { replyTo: options.replyTo } : {}), ...(options.onFileFailed ? { onFileFailed: options.onFileFailed } : {}) };
  if (!canTell(sender)) return sender.send(chat.chatId, message.reply, replyTo);
  const inFlight: InFlight = {
    key: randomUUID(),
    ids: message.entries.map((entry) => entry.id),
    at: now.toISOString(),
    ...(options.replyTo ? { thread: options.replyTo } : {}),
    ...(options.card ? { card: { provider: options.card.provider, objectId: options.card.objectId } } : {}),
  };
  await store.setCursor(inFlightKey(chat), inFlight);
  return sender.send(chat.chatId, message.reply, { deliveryKey: inFlight.key, ...replyTo });
}

/** Rows whose last send before a crash is already in the chat, and the card that send posted, if it was one. */
export interface InDoubt {
  ids: number[];
  card?: { object: ObjectKey; message: MessageRef };
}

/**
 * Of a chat's claimed rows, those whose last send may have happened before a
 * crash and that the chat already shows (in the card's thread, for a card
 * update's reply). The caller marks them sent instead of sending them again,
 * and records the card when the message was one. Throws when the sender
 * cannot be asked: then nobody knows, and the rows must wait.
 */
export async function alreadyDelivered(store: Store, sender: ChatSender, chat: ChatRef, entries: ReadonlyArray<{ id: number }>): Promise<InDoubt> {
  const none: InDoubt = { ids: [] };
  if (!canTell(sender)) return none;
  const inFlight = await store.getCursor<InFlight>(inFlightKey(chat));
  if (!inFlight) return none;
  const listed = new Set(inFlight.ids);
  const inDoubt = entries.filter((entry) => listed.has(entry.id)).map((entry) => entry.id);
  if (inDoubt.length === 0) return none;
  const since = new Date(new Date(inFlight.at).getTime() - HISTORY_MARGIN_MS);
  const found = await sender.findDelivered(chat.chatId, inFlight.key, since, inFlight.thread);
  if (!found) return none;
  return { ids: inDoubt, ...(inFlight.card ? { card: { object: inFlight.card, message: found } } : {}) };
}
