import type { Reply } from '../domain/reply.js';

/**
 * How alerts leave the app: each chat platform offers one sender. A failed
 * send throws DeliveryError saying whether trying again can help.
 */
export interface ChatSender {
  platform: 'slack' | 'telegram' | 'console';
  send(chatId: string, reply: Reply): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** True when retrying cannot help: channel gone, bot removed, token revoked. */
    readonly permanent: boolean,
    /** The platform's own reason, e.g. channel_not_found or "Forbidden: bot was kicked". */
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
