/**
 * The verifications a replica test moves to a final outcome: fresh Love&Pay
 * sessions (added in progress before the baseline, so none is known yet) and
 * the Stripe sessions the seed left waiting. Each is one (provider, id,
 * outcome) the alerts must announce once per channel.
 */
import type { Sandbox } from '../../../src/sandbox/index.js';

export type FinalOutcome = 'APPROVED' | 'DECLINED';

export interface PlannedTransition {
  provider: 'loveandpay' | 'stripe';
  /** The full id: a Love&Pay session UUID or a Stripe `vs_...` id. */
  id: string;
  outcome: FinalOutcome;
}

/** `provider:id:outcome`, one key per alert a channel must get. */
export const alertKey = (alert: { provider: string; id: string; outcome: string }): string =>
  `${alert.provider}:${alert.id}:${alert.outcome}`;

/**
 * Adds the Love&Pay sessions the plan needs (in progress, so not yet final)
 * and returns `total` transitions, up to `stripeMax` of them Stripe ones,
 * spread evenly so every batch has some of each. Call before the first sweep.
 */
export function planTransitions(sandbox: Sandbox, total: number, stripeMax: number): PlannedTransition[] {
  // Stripe: waiting for the customer or being processed, so no final outcome yet (domain/outcome.ts).
  const waitingStripe = sandbox.data.stripeSessions
    .filter((session) => session.status === 'processing' || (session.status === 'requires_input' && session.last_error === null))
    .slice(0, stripeMax);
  const stripe: PlannedTransition[] = waitingStripe.map((session, i) => ({
    provider: 'stripe',
    id: session.id,
    outcome: i % 2 === 0 ? 'APPROVED' : 'DECLINED',
  }));
  const added = sandbox.control.addSessions(total - stripe.length, 'IN_PROGRESS');
  const loveandpay: PlannedTransition[] = added.map((session, i) => ({
    provider: 'loveandpay',
    id: session.id,
    outcome: i % 3 === 2 ? 'DECLINED' : 'APPROVED',
  }));
  const every = stripe.length > 0 ? Math.floor(total / stripe.length) : Infinity;
  const plan: PlannedTransition[] = [];
  for (let i = 0; plan.length < total; i++) {
    const next = (i + 1) % every === 0 && stripe.length > 0 ? stripe.shift() : (loveandpay.shift() ?? stripe.shift());
    plan.push(next!);
  }
  return plan;
}

/** Makes the transitions happen at the emulators synchronously: each emulator request sees all of them or none. */
export function applyTransitions(sandbox: Sandbox, transitions: PlannedTransition[]): void {
  for (const transition of transitions) {
    if (transition.provider === 'loveandpay') {
      sandbox.control.setSessionStatus(transition.id, transition.outcome);
    } else {
      sandbox.control.setStripeStatus(transition.id, transition.outcome === 'APPROVED' ? 'verified' : 'canceled');
    }
  }
}
