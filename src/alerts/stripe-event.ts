/**
 * A Stripe Identity session's status change -> the Observation the store
 * records and the alert it announces, for the sweep (the Events API) and
 * webhooks alike. Personal data is masked here, before it is stored in the
 * outbox: alerts go to channels, where nobody is an admin.
 *
 * requires_input counts as DECLINED only with last_error (domain/outcome.ts).
 */
import { stripeOutcome } from '../domain/outcome.js';
import { maskEmail, maskPhone } from '../present/mask.js';
import type { StripeEvent, VerificationSession } from '../providers/stripe/client.js';
import type { Observation } from '../store/types.js';

/** The status an event reports: its type's last word; the session snapshot says whether an error came with it. */
export function stripeObservation(event: StripeEvent): Observation | null {
  const native = event.type.slice(event.type.lastIndexOf('.') + 1);
  return stripeSessionObservation(event.data.object, native, new Date(event.created * 1000).toISOString());
}

/** A session in a status (its own, or an event's) since `occurredAt`; null unless APPROVED or DECLINED. */
export function stripeSessionObservation(session: VerificationSession, native: string, occurredAt: string): Observation | null {
  const { outcome } = stripeOutcome(native, session.last_error !== null);
  if (outcome !== 'APPROVED' && outcome !== 'DECLINED') return null;
  const provided = (session as { provided_details?: { email?: unknown; phone?: unknown } | null }).provided_details;
  const contact = [
    typeof provided?.email === 'string' && provided.email ? maskEmail(provided.email) : null,
    typeof provided?.phone === 'string' && provided.phone ? maskPhone(provided.phone) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    provider: 'stripe',
    objectId: session.id,
    outcome,
    native,
    event: {
      provider: 'stripe',
      objectId: session.id,
      outcome,
      native,
      occurredAt,
      details: {
        contact: contact || null,
        reference: session.client_reference_id,
        verifiedAt: outcome === 'APPROVED' ? occurredAt : null,
        errorCode: outcome === 'DECLINED' ? (session.last_error?.code ?? null) : null,
      },
    },
  };
}
