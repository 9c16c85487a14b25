/**
 * The set algebra behind subscriptions, shared by every store. A
 * subscription's filter is outcomes x providers, an empty list meaning all;
 * subscribing widens, unsubscribing narrows, and a narrowed filter may need
 * two rows (unsubscribing "declined stripe" from "everything" leaves
 * "approved, any provider" plus "declined, Love&Pay or Bank 131").
 */
import { ALERT_OUTCOMES, PROVIDER_NAMES, type AlertOutcome, type ProviderName } from '../domain/outcome.js';
import type { AlertEvent } from './types.js';

export interface Filter {
  outcomes: AlertOutcome[];
  providers: ProviderName[];
}

/** Canonical form: known values only, in a fixed order, and a full list written as [] (= all). */
export function normalizeFilter(filter: Filter): Filter {
  return {
    outcomes: canonical(filter.outcomes, ALERT_OUTCOMES),
    providers: canonical(filter.providers, PROVIDER_NAMES),
  };
}

/** Does `outer` let through everything `inner` does? */
export function covers(outer: Filter, inner: Filter): boolean {
  const o = expand(outer);
  const i = expand(inner);
  return i.outcomes.every((x) => o.outcomes.includes(x)) && i.providers.every((x) => o.providers.includes(x));
}

export function matchesEvent(filter: Filter, event: Pick<AlertEvent, 'outcome' | 'provider'>): boolean {
  return (
    (filter.outcomes.length === 0 || filter.outcomes.includes(event.outcome)) &&
    (filter.providers.length === 0 || filter.providers.includes(event.provider))
  );
}

/**
 * What is left of `filter` after taking `removal` away: null when nothing
 * overlaps (the row is unchanged), else zero, one or two filters.
 */
export function subtract(filter: Filter, removal: Filter): Filter[] | null {
  const f = expand(filter);
  const r = expand(removal);
  const sharedOutcomes = f.outcomes.filter((x) => r.outcomes.includes(x));
  const sharedProviders = f.providers.filter((x) => r.providers.includes(x));
  if (sharedOutcomes.length === 0 || sharedProviders.length === 0) return null;
  const rest: Filter[] = [];
  const otherOutcomes = f.outcomes.filter((x) => !r.outcomes.includes(x));
  if (otherOutcomes.length > 0) rest.push({ outcomes: otherOutcomes, providers: f.providers });
  const otherProviders = f.providers.filter((x) => !r.providers.includes(x));
  if (otherProviders.length > 0) rest.push({ outcomes: sharedOutcomes, providers: otherProviders });
  return rest.map(normalizeFilter);
}

function expand(filter: Filter): Filter {
  return {
    outcomes: filter.outcomes.length === 0 ? [...ALERT_OUTCOMES] : filter.outcomes,
    providers: filter.providers.length === 0 ? [...PROVIDER_NAMES] : filter.providers,
  };
}

function canonical<T>(values: readonly T[], all: readonly T[]): T[] {
  const kept = all.filter((value) => values.includes(value));
  return kept.length === all.length ? [] : kept;
}
