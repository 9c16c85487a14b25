/**
 * What alert cards and the review commands both say about a verification:
 * its name in words, and the command lines a card's buttons run (DESIGN.md:
 * "A button carries the command line it runs"). The parser reads the
 * provider back from the id's shape (commands/parse-review.ts).
 */
import { PROVIDER_TITLES, type ProviderName } from '../domain/outcome.js';
import type { AlertStrings } from './i18n/alerts.js';

interface Verification {
  provider: ProviderName;
  objectId: string;
}

export type ReviewVerb = 'take' | 'resolve' | 'reopen';

/** `/kyc take vs_123`, `/kyc resolve 7 retry_requested`. */
export function reviewCommand(verb: ReviewVerb, object: Verification, ...rest: string[]): string {
  return [`/kyc ${verb} ${object.objectId}`, ...rest].join(' ');
}

/** The command line that opens the verification, as an alert's Open button runs it. */
export function openCommand(object: Verification): string {
  return object.provider === 'bank131' ? `/check ${object.objectId}` : `/kyc ${object.objectId}`;
}

/** "Stripe Identity session vs_123", "Bank 131 check 7". */
export function verificationName(object: Verification, t: AlertStrings): string {
  return `${PROVIDER_TITLES[object.provider]} ${t.alert.objects[object.provider](object.objectId)}`;
}
