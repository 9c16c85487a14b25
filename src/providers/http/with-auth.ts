import type { Layer, ProviderRequest } from './call.js';

/** Headers that prove who we are, computed from the request about to be sent. */
export type Authenticator = (request: Pick<ProviderRequest, 'method' | 'url' | 'body'>) => Record<string, string>;

/**
 * Adds the authenticator's headers to each request, over the static ones.
 *
 * This layer sits inside withRetry on purpose, so it runs again for every
 * attempt rather than once per logical request: Love&Pay signs
 * METHOD + PATH + TIMESTAMP + hash(body) with a millisecond timestamp, and a
 * retry sent with the first attempt's timestamp and signature could be
 * refused as TIMESTAMP_EXPIRED (or as a replay) after a long Retry-After.
 */
export function withAuth(authenticate: Authenticator): Layer {
  return (next) => (request) => next({ ...request, headers: { ...request.headers, ...authenticate(request) } });
}
