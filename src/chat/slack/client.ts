/**
 * The Slack Web API client, as every part of the Slack adapter makes it:
 * bounded retries and timeouts, its logs in ours, the token checked at start,
 * and its failures as DeliveryError (domain/delivery.ts).
 */
import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import { DeliveryError, type DeliveryScope } from '../../domain/delivery.js';
import type { Logger } from '../../log.js';

// --- options ----------------------------------------------------------------
// The library's default retry policy keeps retrying for about 30 minutes
// (@slack/web-api, tenRetriesInAboutThirtyMinutes); a chat bot answering
// people, and tests, need a bounded one. The same fetch, with a timeout, also
// carries Bolt's respond() calls to response_url.

const SLACK_REQUEST_TIMEOUT_MS = 10_000;

/** Two retries within five seconds at most: enough for a blip, never a hang. */
const SLACK_RETRY_POLICY: webApi.RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 200,
  maxTimeout: 1_000,
  maxRetryTime: 5_000,
  randomize: true,
};

export function slackClientOptions(logger: BoltLogger, apiUrl?: string): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: withTrailingSlash(apiUrl) } : {}),
    logger,
    retryConfig: SLACK_RETRY_POLICY,
    timeout: SLACK_REQUEST_TIMEOUT_MS,
    fetch: boundedFetch(SLACK_REQUEST_TIMEOUT_MS),
  };
}

/** fetch with a deadline unless the caller brought its own signal (the Web API client does, with `timeout`). */
function boundedFetch(timeoutMs: number): webApi.FetchFunction {
  return (url, init) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** A bot-token client that hands rate limits back to the caller instead of sleeping on them. */
export function createBotClient(botToken: string, clientOptions: webApi.WebClientOptions): webApi.WebClient {
  return new webApi.WebClient(botToken, { ...clientOptions, rejectRateLimitedCalls: true });
}

// --- logs -------------------------------------------------------------------
// Bolt and the Web API client log through @slack/logger's interface; this
// adapter sends their messages to our pino logger. Debug output is dropped on
// purpose: the Web API client debug-logs whole request bodies (message text
// and blocks, i.e. personal data) with only the token redacted.

export function createBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...parts: unknown[]) => log.info(describe(parts)),
    warn: (...parts: unknown[]) => log.warn(describe(parts)),
    error: (...parts: unknown[]) => log.error(describe(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** Strings and error messages only: objects the libraries pass along may hold payloads. */
function describe(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Error) return `${part.name}: ${part.message}`;
      return typeof part === 'number' || typeof part === 'boolean' ? String(part) : '[object]';
    })
    .join(' ');
}

// --- the token at start -----------------------------------------------------
// One auth.test at start: a revoked or mistyped SLACK_BOT_TOKEN should stop
// start-up with a clear line, not surface later as failed answers. A network
// blip only warns; answers work as soon as Slack is reachable again.

export async function verifyBotToken(client: webApi.WebClient, log: Logger): Promise<void> {
  try {
    const result = await client.auth.test();
    log.info({ team: result.team_id, botUser: result.user_id }, 'slack bot token verified');
  } catch (error) {
    const failure = toDeliveryError(error);
    if (failure.scope === 'platform') throw new Error(`SLACK_BOT_TOKEN: Slack rejected the bot token (${failure.reason})`);
    log.warn({ reason: failure.reason }, 'slack auth.test failed; starting anyway');
  }
}

// --- failures ---------------------------------------------------------------
// Web API failures -> DeliveryError, saying whether trying again can help.
// Error codes are chat.postMessage's documented errors
// (docs.slack.dev/reference/methods/chat.postMessage, "Errors").

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
