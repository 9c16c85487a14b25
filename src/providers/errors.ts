import type { ProviderName } from '../domain/outcome.js';
import type { ProviderErrorKind } from '../domain/provider-request.js';

export interface ProviderErrorDetails {
  provider: ProviderName;
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  /** The provider's own error code, e.g. INVALID_SIGNATURE or resource_missing. */
  code?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** For timeouts: the limit that was exceeded. */
  timeoutMs?: number;
  /** For too_large: the body size limit, in bytes, that the answer passed. */
  limitBytes?: number;
  /** How many attempts were made before giving up. */
  attempts?: number;
}

export class ProviderError extends Error implements ProviderErrorDetails {
  readonly provider: ProviderName;
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly timeoutMs?: number;
  readonly limitBytes?: number;
  readonly attempts?: number;

  constructor(details: ProviderErrorDetails) {
    super(details.message);
    this.name = 'ProviderError';
    this.provider = details.provider;
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.timeoutMs = details.timeoutMs;
    this.limitBytes = details.limitBytes;
    this.attempts = details.attempts;
  }
}

/** A value from a user that cannot be a valid id; raised before any request is made. */
export class InvalidIdError extends Error {
  constructor(
    readonly what: string,
    readonly value: string,
  ) {
    super(`not a valid ${what}`);
    this.name = 'InvalidIdError';
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/**
 * What a log line may say about a failed call: kind, status, the provider's
 * code and request id. Never the message: it holds the provider's own text,
 * which can echo what we sent (one echoed our secret key) or personal data.
 * Anything that is not a ProviderError is logged as the error it is.
 */
export function errorLogFields(error: unknown): Record<string, unknown> {
  if (!isProviderError(error)) return { err: error };
  const { provider, kind, status, code, requestId, attempts, limitBytes } = error;
  return { provider, kind, status, code, requestId, attempts, limitBytes };
}

/** HTTP status -> kind, for answers that carry no more specific meaning. */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'bad_request';
}
