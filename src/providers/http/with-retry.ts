import { ProviderError } from '../errors.js';
import { backoffDelayMs, isRetryableStatus, type RetryPolicy } from '../retry-policy.js';
import type { Layer } from './call.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Tries a request again when the failure is worth repeating, waiting the
 * provider's Retry-After or an exponential backoff in between. Every error
 * leaves with `attempts`, every response with how many it took.
 *
 * Only GET is retried: repeating a POST could create a second check or
 * payment at the provider, so a failed POST is reported, never replayed.
 * A Retry-After longer than the policy's cap is not waited out: the error
 * (rate_limited, with retryAfterMs) goes back to the caller at once.
 */
export function withRetry(policy: RetryPolicy, wait: (ms: number) => Promise<void> = sleep): Layer {
  return (next) => async (request) => {
    const maxAttempts = request.method === 'GET' ? policy.maxAttempts : 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { ...(await next(request)), attempts: attempt };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        const { retryAfterMs } = error;
        const tooLong = retryAfterMs !== undefined && retryAfterMs > policy.retryAfterCapMs;
        if (!isRetryable(error) || attempt >= maxAttempts || tooLong) throw withAttempts(error, attempt);
        await wait(retryAfterMs ?? backoffDelayMs(policy, attempt));
      }
    }
  };
}

/**
 * Worth another attempt: no answer at all (timeout, unreachable), a 429 or a
 * 5xx. Not a 4xx, and not an answer that was too large: the same request
 * would most likely bring the same oversized answer.
 */
function isRetryable(error: ProviderError): boolean {
  if (error.kind === 'too_large') return false;
  return error.status === undefined || isRetryableStatus(error.status);
}

function withAttempts(error: ProviderError, attempts: number): ProviderError {
  return error.attempts === attempts ? error : new ProviderError({ ...error, message: error.message, attempts });
}
