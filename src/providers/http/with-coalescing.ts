import type { Layer, ProviderResponse } from './call.js';
import { requestKey } from './with-cache.js';

/**
 * Identical GETs in flight at once share one call: ten people opening the
 * same session make one request to the provider. It sits inside
 * withValidation, so every caller still parses the shared body into an
 * object of its own, and outside withRetry and withAuth, so the key is what
 * the request asks (requestKey), not its per-attempt signature. A failure
 * is shared the same way. Only for lookups: an alert re-reading a session
 * after a webhook must not join a request sent before the change.
 */
export function withCoalescing(): Layer {
  const inFlight = new Map<string, Promise<ProviderResponse>>();
  return (next) => (request) => {
    if (request.method !== 'GET') return next(request);
    const key = requestKey(request);
    const shared = inFlight.get(key);
    if (shared) return shared;
    const call = next(request).finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return call;
  };
}
