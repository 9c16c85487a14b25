/**
 * A provider without credentials is absent from Providers (providers/index.ts).
 * Handlers ask for the client they need; when it is missing the reply names
 * the variables to set instead of failing somewhere deeper.
 */
import type { ProviderName } from '../domain/outcome.js';
import type { Providers } from '../providers/index.js';

/** Variables that configure each provider (DESIGN.md, "Configuration"). */
export const PROVIDER_VARIABLES: Record<ProviderName, readonly string[]> = {
  loveandpay: ['LOVEANDPAY_API_KEY', 'LOVEANDPAY_SECRET_KEY'],
  stripe: ['STRIPE_SECRET_KEY'],
  bank131: ['BANK131_PROJECT'],
};

export class MissingProviderError extends Error {
  constructor(readonly provider: ProviderName) {
    super(`${provider} is not configured`);
    this.name = 'MissingProviderError';
  }
}

type Clients = Required<Omit<Providers, 'close'>>;

export function needProvider<P extends ProviderName>(providers: Providers, provider: P): Clients[P] {
  const client = providers[provider];
  if (!client) throw new MissingProviderError(provider);
  return client as Clients[P];
}
