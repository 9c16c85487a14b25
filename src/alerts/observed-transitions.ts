/**
 * Tells whoever keeps provider answers (the lookups' cache, issue 20) that
 * the bot has just seen a verification change: every sweep and webhook
 * commits what it saw through store.commitObservations, so the store the
 * alerts use is wrapped there. Told once per commit that found a new
 * outcome, with each provider it concerned.
 */
import type { ProviderName } from '../domain/outcome.js';
import type { Store } from '../store/types.js';

export type TransitionListener = (provider: ProviderName) => void;

export function tellingTransitions(store: Store, listener: TransitionListener | undefined): Store {
  if (!listener) return store;
  return {
    ...store,
    commitObservations: async (input) => {
      const committed = await store.commitObservations(input);
      if (committed.newOutcomes > 0) for (const provider of new Set(input.observations.map((o) => o.provider))) listener(provider);
      return committed;
    },
  };
}
