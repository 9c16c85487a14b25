import type { RequestObservation } from '../../domain/provider-request.js';
import { ProviderError } from '../errors.js';
import type { Layer } from './call.js';

export type Observer = (observation: RequestObservation) => void;

/**
 * Reports each logical request once, after its retries and its validation,
 * with how long it took in all and how many attempts it made (for metrics).
 * Without an observer the layer adds nothing.
 */
export function withObserve(observe?: Observer): Layer {
  if (!observe) return (next) => next;
  return (next) => async (request) => {
    const started = performance.now();
    const report = (result: RequestObservation['result'], attempts: number) =>
      observe({ provider: request.provider, endpoint: request.endpoint, result, durationMs: performance.now() - started, attempts });
    try {
      const response = await next(request);
      report('ok', response.attempts);
      return response;
    } catch (error) {
      if (error instanceof ProviderError) report(error.kind, error.attempts ?? 1);
      throw error;
    }
  };
}
