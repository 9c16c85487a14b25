/**
 * How a provider request ended, as the provider client reports it and the
 * chat layer and metrics read it: one kind per way a call can fail, and the
 * observation the client makes of each logical request.
 */
import type { ProviderName } from './outcome.js';

/**
 * Every way a provider call can fail, as one kind the chat layer can explain
 * in a sentence. The first five mean the provider answered and said no; the
 * rest mean we could not get a usable answer (too_large: the body passed
 * PROVIDER_MAX_RESPONSE_BYTES and was not read to the end).
 */
export type ProviderErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'timeout'
  | 'unavailable'
  | 'invalid_response'
  | 'too_large';

/** What the provider client reports once per logical request, after its retries and validation (for metrics). */
export interface RequestObservation {
  provider: ProviderName;
  /** An id-free label such as 'GET /kyc/sessions/:id'. */
  endpoint: string;
  /** 'ok' or the error kind of the final attempt. */
  result: 'ok' | ProviderErrorKind;
  durationMs: number;
  attempts: number;
}
