/**
 * The three provider clients, built from configuration over one shared
 * keep-alive agent. A provider without credentials is absent, and commands
 * say how to configure it. The app builds two sets over one agent: the
 * alerts' (every answer fresh from the provider) and the lookups', which
 * coalesce identical requests and keep answers briefly (answer-cache.ts).
 */
import type { AnswerCache } from './answer-cache.js';
import { Bank131Client } from './bank131/client.js';
import type { RequestObservation } from '../domain/provider-request.js';
import { createAgent, type RequestDispatcher, type Timeouts } from './http.js';
import { LoveAndPayClient } from './loveandpay/client.js';
import type { RetryPolicy } from './retry-policy.js';
import { StripeIdentityClient } from './stripe/client.js';

export interface Providers {
  loveandpay?: LoveAndPayClient;
  bank131?: Bank131Client;
  stripe?: StripeIdentityClient;
  /** Closes the shared connection pools. */
  close(): Promise<void>;
}

export interface ProviderSettings {
  loveandpay?: { baseUrl: string; apiKey: string; secretKey: string };
  bank131?: { baseUrl: string; project: string };
  stripe?: { apiBase: string; secretKey: string };
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** Largest response body read from any provider (PROVIDER_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  observe?: (observation: RequestObservation) => void;
  /** An agent to share with another set of clients; its owner closes it (close() leaves it open). */
  dispatcher?: RequestDispatcher;
  /** For lookups: identical GETs in flight at once share one call. */
  coalesce?: boolean;
  /** For lookups: fresh answers are served from here. */
  cache?: AnswerCache;
  /** For reading ahead of lookups (commands/prefetch.ts): what is read is kept as long as a page. */
  readAhead?: boolean;
}

export function createProviders(settings: ProviderSettings): Providers {
  const dispatcher: RequestDispatcher = settings.dispatcher ?? createAgent(settings.timeouts);
  const shared = {
    dispatcher,
    timeouts: settings.timeouts,
    retry: settings.retry,
    maxResponseBytes: settings.maxResponseBytes,
    observe: settings.observe,
    coalesce: settings.coalesce,
    cache: settings.cache,
    readAhead: settings.readAhead,
  };
  return {
    loveandpay: settings.loveandpay && new LoveAndPayClient(settings.loveandpay, shared),
    bank131: settings.bank131 && new Bank131Client(settings.bank131, shared),
    stripe: settings.stripe && new StripeIdentityClient(settings.stripe, shared),
    close: async () => {
      if (!settings.dispatcher) await dispatcher.close();
    },
  };
}
