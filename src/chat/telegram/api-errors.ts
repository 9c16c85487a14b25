/**
 * Bot API failures. grammY's two error classes (GrammyError: the Bot API said
 * no; HttpError: the network failed) become the DeliveryError alerts act on;
 * descriptions are Telegram's own and carry no secrets (the token never
 * appears in them). Calls that finally failed are logged by an API
 * transformer (grammy.dev/advanced/transformers), after auto-retry has done
 * its part: only the method and Telegram's description, since payloads carry
 * message texts with customer data, and URLs carry the token.
 */
import { GrammyError, HttpError, type Transformer } from 'grammy';
import { DeliveryError, type DeliveryScope } from '../../domain/delivery.js';
import type { Logger } from '../../log.js';

/**
 * Chat-level refusals that no retry can fix. 403 covers "bot was blocked by
 * the user", "bot was kicked from the group chat", "bot is not a member of the
 * channel chat" and "user is deactivated"; 400 "chat not found" means a wrong
 * or deleted chat, and "group chat was upgraded to a supergroup chat" means
 * the old id is dead (core.telegram.org/bots/api#responseparameters,
 * migrate_to_chat_id).
 */
const PERMANENT_400 = /chat not found|group chat was upgraded|have no rights to send|not enough rights to send|CHAT_WRITE_FORBIDDEN|PEER_ID_INVALID/i;

/**
 * 401 Unauthorized: the token was revoked or is wrong; 404 Not Found: the
 * Bot API knows no bot with this token. Neither is about the chat.
 */
function scopeOf(code: number, reason: string): DeliveryScope {
  if (code === 401 || code === 404) return 'platform';
  if (code === 403 || (code === 400 && PERMANENT_400.test(reason))) return 'chat';
  return 'retry';
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof GrammyError) {
    const reason = error.description;
    const retryAfter = error.parameters.retry_after;
    if (error.error_code === 429) {
      const retryAfterMs = typeof retryAfter === 'number' ? retryAfter * 1000 : undefined;
      return new DeliveryError(`Telegram rate limit: ${reason}`, 'retry', reason, retryAfterMs);
    }
    return new DeliveryError(`Telegram refused the message: ${reason}`, scopeOf(error.error_code, reason), reason);
  }
  if (error instanceof HttpError) {
    return new DeliveryError(`Telegram could not be reached: ${error.message}`, 'retry', 'network_error');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`Telegram delivery failed: ${message}`, 'retry', 'unexpected_error');
}

/** A Bot API 400 whose description matches. */
export function isBadRequest(error: unknown, pattern: RegExp): boolean {
  return error instanceof GrammyError && error.error_code === 400 && pattern.test(error.description);
}

export function logApiErrors(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        logger.warn({ method, errorCode: result.error_code, description: result.description }, 'telegram: Bot API refused a call');
      }
      return result;
    } catch (error) {
      // Stopping long polling aborts getUpdates on purpose.
      if (!signal?.aborted) {
        logger.warn({ method, error: error instanceof Error ? error.message : String(error) }, 'telegram: Bot API call failed');
      }
      throw error;
    }
  };
}
