/**
 * Options for every Slack Web API client the app makes. The library's default
 * retry policy keeps retrying for about 30 minutes (@slack/web-api,
 * tenRetriesInAboutThirtyMinutes); a chat bot answering people, and tests,
 * need a bounded one. The same fetch, with a timeout, also carries Bolt's
 * respond() calls to response_url.
 */
import type { Logger as BoltLogger, webApi } from '@slack/bolt';

export const SLACK_REQUEST_TIMEOUT_MS = 10_000;

/** Two retries within five seconds at most: enough for a blip, never a hang. */
export const SLACK_RETRY_POLICY: webApi.RetryOptions = {
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
export function boundedFetch(timeoutMs: number): webApi.FetchFunction {
  return (url, init) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
