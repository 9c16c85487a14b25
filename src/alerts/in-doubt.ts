/**
 * Closing the exactly-once window. A row is marked sent right after its
 * message went out, in its own transaction; a process killed between the two
 * leaves the row claimed, and once its lease runs out it would be sent
 * again. Where the sender can tag messages (ChatSender.sendTagged: Slack
 * message metadata), the message's delivery key and row ids are written down
 * before sending. A row claimed later while still listed there is in doubt,
 * and the sender is asked (ChatSender.wasDelivered: Slack conversations.history)
 * whether the tagged message is already in the chat before it is sent again.
 * Senders that cannot tag (Telegram: bots cannot read chat history) keep a
 * window of one message per chat: at least once.
 */
import { randomUUID } from 'node:crypto';
import { chatKey, type ChatRef } from '../domain/chat.js';
import type { ChatSender } from '../domain/delivery.js';
import type { Reply } from '../domain/reply.js';
import type { OutboxEntry, Store } from '../store/types.js';

interface InFlight {
  key: string;
  ids: number[];
  /** ISO 8601, when the send began. */
  at: string;
}

/** One cursor per chat: a chat's messages go out one at a time, so only its latest send can be in doubt. */
const inFlightKey = (chat: ChatRef): string => `alerts:in-flight:${chatKey(chat)}`;
/** How far back before a recorded send the chat's history is searched, for clock skew. */
const HISTORY_MARGIN_MS = 60_000;

const canTell = (sender: ChatSender): sender is Required<ChatSender> =>
  sender.sendTagged !== undefined && sender.wasDelivered !== undefined;

/** Sends one message carrying these rows, tagged and written down first when the sender can tell later. */
export async function sendTracked(
  store: Store,
  sender: ChatSender,
  chat: ChatRef,
  message: { entries: OutboxEntry[]; reply: Reply },
  now: Date,
): Promise<void> {
  if (!canTell(sender)) return sender.send(chat.chatId, message.reply);
  const inFlight: InFlight = { key: randomUUID(), ids: message.entries.map((entry) => entry.id), at: now.toISOString() };
  await store.setCursor(inFlightKey(chat), inFlight);
  return sender.sendTagged(chat.chatId, message.reply, inFlight.key);
}

/**
 * Of a chat's claimed rows, those whose last send may have happened before a
 * crash and that the chat already shows. The caller marks them sent instead
 * of sending them again. Throws when the sender cannot be asked: then nobody
 * knows, and the rows must wait.
 */
export async function alreadyDelivered(store: Store, sender: ChatSender, chat: ChatRef, entries: OutboxEntry[]): Promise<number[]> {
  if (!canTell(sender)) return [];
  const inFlight = await store.getCursor<InFlight>(inFlightKey(chat));
  if (!inFlight) return [];
  const listed = new Set(inFlight.ids);
  const inDoubt = entries.filter((entry) => listed.has(entry.id)).map((entry) => entry.id);
  if (inDoubt.length === 0) return [];
  const since = new Date(new Date(inFlight.at).getTime() - HISTORY_MARGIN_MS);
  return (await sender.wasDelivered(chat.chatId, inFlight.key, since)) ? inDoubt : [];
}
