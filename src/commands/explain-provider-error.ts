/**
 * A ProviderError -> one sentence a person can act on (STYLE.md, "Errors say
 * what happened and what to do"). Code-specific sentences come first (a
 * Love&Pay INVALID_SIGNATURE says which key to check), then one per kind.
 * Provider messages are never echoed: they may repeat what was looked up.
 */
import { own } from '../domain/own.js';
import type { ResultKind } from '../domain/reply.js';
import type { CommandStrings, NotFoundObject } from '../present/i18n/commands.js';
import type { ProviderError } from '../providers/errors.js';
import { PROVIDER_VARIABLES } from './handlers.js';
import { shortIdEllipsis } from './present.js';

/** What was being looked up, so "not found" can name it. */
export interface ErrorSubject {
  object: NotFoundObject;
  id: string;
}

export interface ProviderErrorExplanation {
  kind: Extract<ResultKind, 'error' | 'not_found'>;
  sentence: string;
  requestId?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function explainProviderError(
  error: ProviderError,
  t: CommandStrings,
  subject?: ErrorSubject,
): ProviderErrorExplanation {
  const provider = t.common.providers[error.provider];
  const requestId = error.requestId;
  if (error.kind === 'not_found' || isMissingStripeObject(error)) {
    const sentence = subject ? t.errors.notFound[subject.object](shortIdEllipsis(subject.id)) : t.errors.notFoundGeneric(provider);
    return { kind: 'not_found', sentence, requestId };
  }
  const byCode = error.code ? own(t.errors.codes, error.code) : undefined;
  return { kind: 'error', sentence: byCode ? byCode(provider) : byKind(error, provider, t), requestId };
}

function byKind(error: ProviderError, provider: string, t: CommandStrings): string {
  switch (error.kind) {
    case 'timeout':
      return t.errors.timeout(provider, t.common.seconds((error.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));
    case 'unavailable':
      return error.status ? t.errors.serverError(provider, error.status) : t.errors.unreachable(provider);
    case 'rate_limited':
      return error.retryAfterMs !== undefined
        ? t.errors.rateLimited(provider, t.common.seconds(waitSeconds(error.retryAfterMs)))
        : t.errors.rateLimitedNoWait(provider);
    case 'auth':
      return t.errors.authKey(provider, t.common.list(PROVIDER_VARIABLES[error.provider]), error.code);
    case 'forbidden':
      return t.errors.forbidden(provider, error.code);
    case 'bad_request':
      return t.errors.badRequest(provider, error.code ?? `HTTP ${error.status ?? '?'}`);
    case 'invalid_response':
      return t.errors.invalidResponse(provider);
    case 'too_large':
      return t.errors.tooLarge(provider);
    case 'not_found':
      return t.errors.notFoundGeneric(provider);
  }
}

/** Whole seconds, rounded up so "try again in N s" is never too early. */
function waitSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Stripe answers a list whose starting_after/ending_before names no object
 * with 400 resource_missing, not 404 (docs.stripe.com/error-codes#resource-missing):
 * to the person it is the same "not found".
 */
function isMissingStripeObject(error: ProviderError): boolean {
  return error.provider === 'stripe' && error.code === 'resource_missing';
}
