/**
 * A ChatSender that keeps what it was given, for alert tests that need no
 * chat platform. It measures digests and paces chats as the platform's real
 * sender does. Failures can be scripted (DeliveryError, as the real senders
 * throw), and `tagged: true` adds the exactly-once hooks a Slack sender has.
 */
import type { Platform } from '../../../src/domain/chat.js';
import { DeliveryError, type ChatSender } from '../../../src/domain/delivery.js';
import type { Reply } from '../../../src/domain/reply.js';
import { platformTraits } from './platform-traits.js';

export interface SentMessage {
  chatId: string;
  reply: Reply;
  at: number;
  deliveryKey?: string;
}

export interface RecordingSender extends ChatSender {
  messages: SentMessage[];
  /** Messages to one chat. */
  to(chatId: string): SentMessage[];
  /** The next sends throw these, one each. */
  failNext(...errors: Error[]): void;
}

export function recordingSender(platform: Platform, options: { tagged?: boolean } = {}): RecordingSender {
  const messages: SentMessage[] = [];
  const failures: Error[] = [];
  const record = async (chatId: string, reply: Reply, deliveryKey?: string) => {
    const failure = failures.shift();
    if (failure) throw failure;
    messages.push({ chatId, reply, at: Date.now(), ...(deliveryKey ? { deliveryKey } : {}) });
  };
  const sender: RecordingSender = {
    platform,
    ...platformTraits(platform),
    messages,
    to: (chatId) => messages.filter((message) => message.chatId === chatId),
    failNext: (...errors) => failures.push(...errors),
    send: (chatId, reply) => record(chatId, reply),
  };
  if (options.tagged) {
    sender.sendTagged = (chatId, reply, key) => record(chatId, reply, key);
    sender.wasDelivered = async (chatId, key) => messages.some((m) => m.chatId === chatId && m.deliveryKey === key);
  }
  return sender;
}

export const permanentError = (reason: string) => new DeliveryError(`refused: ${reason}`, 'chat', reason);
export const tokenError = (reason: string) => new DeliveryError(`refused: ${reason}`, 'platform', reason);
export const rateLimitError = (retryAfterMs: number) => new DeliveryError('rate limited', 'retry', 'ratelimited', retryAfterMs);
