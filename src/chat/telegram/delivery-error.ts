/**
 * grammY's two error classes (GrammyError: the Bot API said no; HttpError:
 * the network failed) -> the DeliveryError alerts act on. Descriptions are
 * Telegram's own and carry no secrets; the token never appears in them.
 */
import { GrammyError, HttpError } from 'grammy';
import { DeliveryError } from '../sender.js';

/**
 * Chat-level refusals that no retry can fix. 403 covers "bot was blocked by
 * the user", "bot was kicked from the group chat", "bot is not a member of the
 * channel chat" and "user is deactivated"; 400 "chat not found" means a wrong
 * or deleted chat, and "group chat was upgraded to a supergroup chat" means
 * the old id is dead (core.telegram.org/bots/api#responseparameters,
 * migrate_to_chat_id).
 */
const PERMANENT_400 = /chat not found|group chat was upgraded|have no rights to send|not enough rights to send|CHAT_WRITE_FORBIDDEN|PEER_ID_INVALID/i;

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof GrammyError) {
    const reason = error.description;
    const retryAfter = error.parameters.retry_after;
    if (error.error_code === 429) {
      const retryAfterMs = typeof retryAfter === 'number' ? retryAfter * 1000 : undefined;
      return new DeliveryError(`Telegram rate limit: ${reason}`, false, reason, retryAfterMs);
    }
    // 401: the token was revoked or is wrong; DeliveryError counts that as permanent (src/chat/sender.ts).
    const permanent =
      error.error_code === 403 || error.error_code === 401 || (error.error_code === 400 && PERMANENT_400.test(reason));
    return new DeliveryError(`Telegram refused the message: ${reason}`, permanent, reason);
  }
  if (error instanceof HttpError) {
    return new DeliveryError(`Telegram could not be reached: ${error.message}`, false, 'network_error');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`Telegram delivery failed: ${message}`, false, 'unexpected_error');
}

/** A Bot API 400 whose description matches. */
export function isBadRequest(error: unknown, pattern: RegExp): boolean {
  return error instanceof GrammyError && error.error_code === 400 && pattern.test(error.description);
}
