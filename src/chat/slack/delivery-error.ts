/**
 * Slack Web API failures -> DeliveryError (domain/delivery.ts), saying whether
 * trying again can help. Error codes are chat.postMessage's documented errors
 * (docs.slack.dev/reference/methods/chat.postMessage, "Errors").
 */
import { webApi } from '@slack/bolt';
import { DeliveryError, type DeliveryScope } from '../../domain/delivery.js';

/** The channel is gone or closed to the bot: only this chat stops. */
const CHAT_GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);
/** The token does not work: no chat can be reached until it does, and none is to blame. */
const TOKEN_FAILED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

function scopeOf(reason: string): DeliveryScope {
  if (CHAT_GONE.has(reason)) return 'chat';
  if (TOKEN_FAILED.has(reason)) return 'platform';
  return 'retry';
}

/** Slack's own word for a failure (`invalid_auth`, `ratelimited`, `http_500` ...), safe to log. */
export function slackErrorReason(error: unknown): string {
  return toDeliveryError(error).reason;
}

export function toDeliveryError(error: unknown): DeliveryError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === webApi.ErrorCode.PlatformError) {
    const reason = String((error as webApi.WebAPIPlatformError).data.error ?? 'unknown_error');
    return new DeliveryError(`Slack refused the message: ${reason}`, scopeOf(reason), reason);
  }
  if (code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
    return new DeliveryError(`Slack rate limit: retry after ${seconds} s`, 'retry', 'ratelimited', seconds * 1000);
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as webApi.WebAPIHTTPError).statusCode;
    return new DeliveryError(`Slack answered HTTP ${status}`, 'retry', `http_${status}`);
  }
  // Network failures, timeouts, a 429 without Retry-After: all worth another try later.
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`Slack could not be reached: ${message}`, 'retry', 'request_failed');
}
