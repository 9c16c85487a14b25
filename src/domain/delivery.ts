/**
 * How messages leave the app (the port every chat adapter implements and
 * alerts deliver through): each platform offers one ChatSender. A failed send
 * throws DeliveryError saying what the failure is about, as Vercel's Chat SDK
 * keeps its adapters' errors in the core.
 */
import type { Platform } from './chat.js';
import type { Reply } from './reply.js';

/**
 * A message the bot posted, as its platform names it: a Slack channel and the
 * message's `ts`, a Telegram chat id and `message_id`. Alert cards are edited
 * and answered in their thread by it (alerts/card-delivery.ts).
 */
export interface MessageRef {
  chatId: string;
  messageId: string;
}

export interface SendOptions {
  /**
   * Tags the message with this key where the platform can store it (Slack:
   * message metadata, docs.slack.dev/messaging/message-metadata). With
   * findDelivered, closes the exactly-once window (alerts/in-doubt.ts).
   */
  deliveryKey?: string;
  /** Posts the message as a reply to this one: Slack `thread_ts`, Telegram `reply_parameters`. */
  replyTo?: MessageRef;
  /**
   * Called when the message was posted but a file after it for the whole chat
   * (a daily summary's chart) could not be: the message stays delivered.
   */
  onFileFailed?: (reason: string) => void;
}

export interface ChatSender {
  platform: Platform;
  /** Posts the reply; resolves with the posted message, where the platform names one. */
  send(chatId: string, reply: Reply, options?: SendOptions): Promise<MessageRef | void>;
  /**
   * Replaces a posted message with the reply (Slack chat.update, Telegram
   * editMessageText). A message that is gone (deleted, too old to edit) is a
   * DeliveryError of scope 'message'. Absent: messages cannot be edited.
   */
  edit?(message: MessageRef, reply: Reply): Promise<void>;
  /**
   * The message tagged `deliveryKey` when it is already in the chat (Slack:
   * conversations.history with include_all_metadata, from `since`), or in
   * the thread of `thread` when given (conversations.replies); null when not
   * there. Asked only about messages whose send may have happened before a crash.
   */
  findDelivered?(chatId: string, deliveryKey: string, since: Date, thread?: MessageRef): Promise<MessageRef | null>;
  /** A link that opens the message (Slack chat.getPermalink, a t.me/c link in a Telegram supergroup); null when there is none. */
  permalink?(message: MessageRef): Promise<string | null>;
  /**
   * Resolves when the bot's token works (Slack auth.test, Telegram getMe);
   * throws a DeliveryError otherwise. Asked while delivery is paused by a
   * token failure, to know when to resume.
   */
  checkAuth?(): Promise<void>;
  /**
   * True when one message of this platform shows every item of the reply
   * whole; digests are sized by it (alerts/digest.ts). Absent: everything fits.
   */
  fits?(reply: Reply): boolean;
  /** How fast messages may follow each other in this chat (the platform's documented rate). Absent: no pacing. */
  pace?(chatId: string): Pace;
}

/** A platform's pace for one chat. */
export interface Pace {
  /** Least time between two messages. */
  intervalMs: number;
  /** At most `max` messages in any `ms` window, when set. */
  window?: { max: number; ms: number };
}

/**
 * What a failure is about, which decides what the outbox does:
 * - 'chat': this chat is gone or closed to the bot (channel archived, bot
 *   kicked); only its subscription is disabled.
 * - 'platform': the bot's token does not work (revoked, wrong); every chat of
 *   the platform waits until the token works again, nothing is disabled.
 * - 'message': the message to edit is gone (deleted, too old); a fresh one is posted instead.
 * - 'retry': anything else (rate limit, 5xx, network); the chat tries again later.
 */
export type DeliveryScope = 'chat' | 'platform' | 'message' | 'retry';

export class DeliveryError extends Error {
  /** The platform's own reason, e.g. channel_not_found or "Forbidden: bot was kicked"; safe to log and show. */
  readonly reason: string;
  /** How long the platform asked us to wait (Retry-After, retry_after); never negative. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    readonly scope: DeliveryScope,
    reason: string,
    retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
    this.reason = reason || 'delivery failed';
    if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) this.retryAfterMs = Math.max(0, retryAfterMs);
  }
}
