import { ProviderError, kindForStatus } from '../errors.js';
import { parseRetryAfterMs } from '../retry-policy.js';
import { headerValue, readJson, type Layer, type ProviderRequest, type ProviderResponse } from './call.js';

export interface ErrorBodyFacts {
  code?: string;
  message?: string;
  requestId?: string;
}

/** Reads a provider's error body shape; returns what it could find. */
export type ErrorBodyReader = (body: unknown) => ErrorBodyFacts;

/**
 * Error typing: an answer outside 2xx becomes a ProviderError whose kind
 * comes from the HTTP status, with the provider's own code, message and
 * request id read from its error body (the body's request id wins over the
 * header's). Retry-After is kept for 429 and 503, for withRetry to weigh.
 */
export function withHttpErrors(readErrorBody?: ErrorBodyReader): Layer {
  return (next) => async (request) => {
    const response = await next(request);
    if (response.status >= 200 && response.status < 300) return response;
    throw httpError(request, response, readErrorBody);
  };
}

function httpError(request: ProviderRequest, response: ProviderResponse, readErrorBody?: ErrorBodyReader): ProviderError {
  const { status } = response;
  const json = readJson(response);
  const facts = json.ok && readErrorBody ? readErrorBody(json.value) : {};
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(headerValue(response.headers['retry-after'])) : undefined;
  return new ProviderError({
    provider: request.provider,
    kind: kindForStatus(status),
    status,
    code: facts.code,
    message: facts.message ?? `HTTP ${status}`,
    requestId: facts.requestId ?? response.requestId,
    retryAfterMs,
  });
}
