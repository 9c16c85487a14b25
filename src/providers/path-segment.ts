import { UUID } from '../domain/ids.js';
import { InvalidIdError } from './errors.js';

/**
 * Ids typed by users end up in request paths. Each is checked against the
 * provider's id shape and then URL-encoded, so user text can never change
 * which endpoint is called (`../customers`, `7?status=`, `%2F` all fail here).
 */
const STRIPE_ID = /^[a-z]{2,5}_[A-Za-z0-9]{1,250}$/;
const STRIPE_SESSION_ID = /^vs_[A-Za-z0-9]{1,250}$/;
const CHECK_ID = /^[0-9]{1,19}$/;

function segment(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new InvalidIdError(what, value);
  return encodeURIComponent(value);
}

export const isStripeSessionId = (value: string): boolean => STRIPE_SESSION_ID.test(value);
export const isCheckId = (value: string): boolean => CHECK_ID.test(value);

export const uuidSegment = (value: string): string => segment(value, UUID, 'UUID');
export const stripeIdSegment = (value: string): string => segment(value, STRIPE_ID, 'Stripe id');
export const stripeSessionSegment = (value: string): string =>
  segment(value, STRIPE_SESSION_ID, 'Stripe verification session id');
export const checkIdSegment = (value: string): string => segment(value, CHECK_ID, 'Bank 131 check id');
