/**
 * A ChatSender that keeps what it was given, for alert tests that need no
 * chat platform. It measures digests and paces chats as the platform's real
 * sender does. Failures can be scripted (DeliveryError, as the real senders
 * throw), and `tagged: true` adds the exactly-once hooks a Slack sender has.
 */
import type { Platform } from '../../../src/domain/chat.js';
import { DeliveryError, type ChatSender, type MessageRef } from '../../../src/domain/delivery.js';
import type { Reply } from '../../../src/domain/reply.js';
import { platformTraits } from './platform-traits.js';

export interface SentMessage {
  chatId: string;
  reply: Reply;
  at: number;
  deliveryKey?: string;
  messageId: string;
  /** Set for a reply in a card's thread. */
  replyTo?: MessageRef;
}

export interface EditedMessage {
  message: MessageRef;
  reply: Reply;
  at: number;
}

export interface RecordingSender extends ChatSender {
  messages: SentMessage[];
  edits: EditedMessage[];
  /** Messages to one chat. */
  to(chatId: string): SentMessage[];
  /** Top-level messages to one chat (no thread replies). */
  posts(chatId: string): SentMessage[];
  /** The next sends throw these, one each. */
  failNext(...errors: Error[]): void;
  /** As if someone deleted the message: editing it fails as a gone message does. */
  deleteMessage(message: MessageRef): void;
}

export function recordingSender(platform: Platform, options: { tagged?: boolean } = {}): RecordingSender {
  const messages: SentMessage[] = [];
  const edits: EditedMessage[] = [];
  const failures: Error[] = [];
  const deleted = new Set<string>();
  const refKey = (message: MessageRef) => `${message.chatId}/${message.messageId}`;
  let nextId = 1;
  const sender: RecordingSender = {
    platform,
    ...platformTraits(platform),
    messages,
    edits,
    to: (chatId) => messages.filter((message) => message.chatId === chatId),
    posts: (chatId) => messages.filter((message) => message.chatId === chatId && !message.replyTo),
    failNext: (...errors) => failures.push(...errors),
    deleteMessage: (message) => deleted.add(refKey(message)),
    async send(chatId, reply, sendOptions = {}) {
      const failure = failures.shift();
      if (failure) throw failure;
      const messageId = String(nextId++);
      messages.push({
        chatId,
        reply,
        at: Date.now(),
        messageId,
        ...(options.tagged && sendOptions.deliveryKey ? { deliveryKey: sendOptions.deliveryKey } : {}),
        ...(sendOptions.replyTo ? { replyTo: sendOptions.replyTo } : {}),
      });
      return { chatId, messageId };
    },
    async edit(message, reply) {
      const failure = failures.shift();
      if (failure) throw failure;
      if (deleted.has(refKey(message))) throw new DeliveryError('gone', 'message', 'message_not_found');
      edits.push({ message, reply, at: Date.now() });
    },
  };
  if (options.tagged) {
    sender.findDelivered = async (chatId, key) => {
      const found = messages.find((m) => m.chatId === chatId && m.deliveryKey === key);
      return found ? { chatId, messageId: found.messageId } : null;
    };
  }
  return sender;
}

export const permanentError = (reason: string) => new DeliveryError(`refused: ${reason}`, 'chat', reason);
export const tokenError = (reason: string) => new DeliveryError(`refused: ${reason}`, 'platform', reason);
export const rateLimitError = (retryAfterMs: number) => new DeliveryError('rate limited', 'retry', 'ratelimited', retryAfterMs);
