/**
 * What alerts need from a chat platform, stated here because alerts may not
 * import chat/ (test/architecture.test.ts). It is the shape of ChatSender in
 * chat/sender.ts, so every ChatSender is an AlertSender; the two optional
 * members let a platform close the exactly-once window (see deliver-outbox.ts).
 */
import type { Reply } from '../domain/reply.js';
import type { ChatPlatform } from '../store/types.js';

export interface AlertSender {
  platform: ChatPlatform;
  send(chatId: string, reply: Reply): Promise<void>;
  /**
   * Sends and tags the message with `deliveryKey` where the platform can
   * store it (Slack: message metadata, docs.slack.dev/messaging/message-metadata).
   */
  sendTagged?(chatId: string, reply: Reply, deliveryKey: string): Promise<void>;
  /**
   * True when a message tagged `deliveryKey` is already in the chat (Slack:
   * conversations.history with include_all_metadata, from `since`). Asked only
   * about messages whose send may have happened before a crash.
   */
  wasDelivered?(chatId: string, deliveryKey: string, since: Date): Promise<boolean>;
  /** Resolves when the bot's token works again; throws (a DeliveryError) while it does not. */
  checkAuth?(): Promise<void>;
}

/**
 * What a failed send tells the delivery loop; read from chat/sender.ts's
 * DeliveryError by shape: 'chat' (this chat is gone: disable it), 'platform'
 * (the token fails: pause the platform), 'retry' (try this chat again later).
 */
export interface SendFailure {
  scope: 'chat' | 'platform' | 'retry';
  /** The platform's own reason (channel_not_found, "Forbidden: bot was kicked"), safe to log and show. */
  reason: string;
  retryAfterMs?: number;
  /** False for errors that are not a DeliveryError: a bug or an unwrapped network failure. */
  known: boolean;
}

export function readSendFailure(error: unknown): SendFailure {
  const candidate = error as { name?: unknown; scope?: unknown; reason?: unknown; retryAfterMs?: unknown } | null;
  if (candidate && candidate.name === 'DeliveryError' && isScope(candidate.scope)) {
    return {
      scope: candidate.scope,
      reason: typeof candidate.reason === 'string' && candidate.reason ? candidate.reason : 'delivery failed',
      retryAfterMs:
        typeof candidate.retryAfterMs === 'number' && Number.isFinite(candidate.retryAfterMs)
          ? Math.max(0, candidate.retryAfterMs)
          : undefined,
      known: true,
    };
  }
  // Never the message: an unexpected error may quote what was being sent.
  const name = error instanceof Error ? error.name : typeof error;
  return { scope: 'retry', reason: `unexpected ${name}`, known: false };
}

function isScope(value: unknown): value is SendFailure['scope'] {
  return value === 'chat' || value === 'platform' || value === 'retry';
}
