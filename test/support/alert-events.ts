/**
 * Alert events the overview tests seed (the Slack App Home, Telegram's
 * /start): a Stripe decline whose client_reference_id is the customer's
 * email (STRIPE_CLIENT_REFERENCE=email), decided an hour before `now`.
 */
import type { AlertEvent } from '../../src/store/types.js';

export function stripeDecline(objectId: string, now: Date): AlertEvent {
  return {
    provider: 'stripe',
    objectId,
    outcome: 'DECLINED',
    native: 'requires_input',
    occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
    details: { contact: 'o***@example.com', reference: 'olga.petrova@example.com', verifiedAt: null, errorCode: 'document_expired' },
  };
}
