/**
 * An API transformer (grammy.dev/advanced/transformers) that logs Bot API
 * calls that finally failed, after auto-retry has done its part. Only the
 * method and Telegram's description are logged: payloads carry message
 * texts with customer data, and URLs carry the token.
 */
import type { Transformer } from 'grammy';
import type { Logger } from '../../log.js';

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
