/**
 * Slack Web API failures -> DeliveryError (chat/sender.ts), saying whether
 * trying again can help. Error codes are chat.postMessage's documented errors
 * (docs.slack.dev/reference/methods/chat.postMessage, "Errors").
 */
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../sender.js';

/** The channel is gone or closed to us, or the token no longer works: retrying cannot help. */
const PERMANENT = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
]);

/** Slack's own word for a failure (`invalid_auth`, `ratelimited`, `http_500` ...), safe to log. */
export function slackErrorReason(error: unknown): string {
  return toDeliveryError(error).reason;
}

export function toDeliveryError(error: unknown): DeliveryError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === webApi.ErrorCode.PlatformError) {
    const reason = String((error as webApi.WebAPIPlatformError).data.error ?? 'unknown_error');
    return new DeliveryError(`Slack refused the message: ${reason}`, PERMANENT.has(reason), reason);
  }
  if (code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
    return new DeliveryError(`Slack rate limit: retry after ${seconds} s`, false, 'ratelimited', seconds * 1000);
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as webApi.WebAPIHTTPError).statusCode;
    return new DeliveryError(`Slack answered HTTP ${status}`, false, `http_${status}`);
  }
  // Network failures, timeouts, a 429 without Retry-After: all worth another try later.
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`Slack could not be reached: ${message}`, false, 'request_failed');
}
