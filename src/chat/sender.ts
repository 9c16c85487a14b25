import type { Reply } from '../domain/reply.js';

/**
 * How alerts leave the app: each chat platform offers one sender. A failed
 * send throws DeliveryError saying what the failure is about.
 */
export interface ChatSender {
  platform: 'slack' | 'telegram' | 'console';
  send(chatId: string, reply: Reply): Promise<void>;
  /**
   * Resolves when the bot's token works (Slack auth.test, Telegram getMe);
   * throws a DeliveryError otherwise. Asked while delivery is paused by a
   * token failure, to know when to resume.
   */
  checkAuth?(): Promise<void>;
}

/**
 * What a failure is about, which decides what the outbox does:
 * - 'chat': this chat is gone or closed to the bot (channel archived, bot
 *   kicked); only its subscription is disabled.
 * - 'platform': the bot's token does not work (revoked, wrong); every chat of
 *   the platform waits until the token works again, nothing is disabled.
 * - 'retry': anything else (rate limit, 5xx, network); the chat tries again later.
 */
export type DeliveryScope = 'chat' | 'platform' | 'retry';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly scope: DeliveryScope,
    /** The platform's own reason, e.g. channel_not_found or "Forbidden: bot was kicked". */
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
