/** A Stripe Identity verification session as a row of the index of verifications (domain/verification.ts). */
import { stripeOutcome } from '../../domain/outcome.js';
import { indexReference, providerTime, type VerificationRecord } from '../../domain/verification.js';
import type { VerificationSession } from './client.js';

/**
 * `decidedAt`: when the verdict came, when the caller knows it (an event's
 * `created`); a session alone does not say. The reason is last_error.code,
 * Stripe's own code for why an attempt failed.
 */
export function stripeSessionRecord(
  session: Pick<VerificationSession, 'id' | 'status' | 'created' | 'client_reference_id' | 'last_error'>,
  decidedAt: Date | null = null,
): VerificationRecord {
  const hasError = Boolean(session.last_error?.code || session.last_error?.reason);
  const { outcome, native } = stripeOutcome(session.status, hasError);
  const final = outcome === 'APPROVED' || outcome === 'DECLINED';
  return {
    provider: 'stripe',
    objectId: session.id,
    customerRef: indexReference(session.client_reference_id),
    outcome,
    native,
    reason: outcome === 'DECLINED' ? (session.last_error?.code ?? null) : null,
    startedAt: providerTime(session.created),
    decidedAt: final ? decidedAt : null,
  };
}
