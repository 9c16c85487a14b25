/**
 * When and how long to wait before another attempt. Kept apart from the HTTP
 * client so the rules read in one place and tests can shrink the delays.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff; doubles with each attempt, with full jitter. */
  baseDelayMs: number;
  /** The longest Retry-After we are willing to wait; longer ones fail at once as rate_limited. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  retryAfterCapMs: 30_000,
};

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Retry-After is either delta-seconds or an HTTP-date (RFC 9110, section 10.2.3).
 * Returns undefined when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
