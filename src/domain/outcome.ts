/**
 * One vocabulary across providers (DESIGN.md, "One vocabulary across providers").
 * The native status is always kept next to the outcome so replies can show both.
 */
import { own } from './own.js';
export type Outcome = 'APPROVED' | 'DECLINED' | 'PENDING' | 'EXPIRED' | 'UNKNOWN';

/** The outcomes worth an alert, and the ones a subscription filters on. */
export type AlertOutcome = Extract<Outcome, 'APPROVED' | 'DECLINED'>;

export const ALERT_OUTCOMES: readonly AlertOutcome[] = ['APPROVED', 'DECLINED'];

export type ProviderName = 'loveandpay' | 'stripe' | 'bank131';

export const PROVIDER_NAMES: readonly ProviderName[] = ['loveandpay', 'stripe', 'bank131'];

export const PROVIDER_TITLES: Record<ProviderName, string> = {
  loveandpay: 'Love&Pay',
  stripe: 'Stripe Identity',
  bank131: 'Bank 131',
};

export interface Status {
  outcome: Outcome;
  /** The provider's own status string, exactly as received. */
  native: string;
}

const LOVEANDPAY: Record<string, Outcome> = {
  APPROVED: 'APPROVED',
  DECLINED: 'DECLINED',
  NOT_STARTED: 'PENDING',
  IN_PROGRESS: 'PENDING',
  EXPIRED: 'EXPIRED',
};

/** Love&Pay KYC session status -> outcome; a status the docs do not list is UNKNOWN, never an error. */
export function loveAndPayOutcome(native: string): Status {
  return { outcome: own(LOVEANDPAY, native) ?? 'UNKNOWN', native };
}

/**
 * Stripe: requires_input is DECLINED only when last_error says why the
 * attempt failed; without an error it is still waiting for the user.
 */
export function stripeOutcome(native: string, hasLastError: boolean): Status {
  switch (native) {
    case 'verified':
      return { outcome: 'APPROVED', native };
    case 'canceled':
      return { outcome: 'DECLINED', native };
    case 'processing':
      return { outcome: 'PENDING', native };
    case 'requires_input':
      return { outcome: hasLastError ? 'DECLINED' : 'PENDING', native };
    default:
      return { outcome: 'UNKNOWN', native };
  }
}

const BANK131: Record<string, Outcome> = { ok: 'APPROVED', pending: 'PENDING' };

/**
 * Bank 131's only verdicts on a person: the data were checked and failed
 * (bank131-check-status, error table). Every other error code is about the
 * request or points elsewhere (already_exists), so it is never DECLINED.
 */
const BANK131_VERDICT_CODES: readonly string[] = ['passport_validation_failure', 'inn_validation_failure'];

/** ok -> APPROVED, pending -> PENDING, error -> DECLINED only for a verdict code; anything else UNKNOWN. */
export function bank131Outcome(native: string, errorCode?: string | null): Status {
  if (native === 'error') {
    return { outcome: errorCode && BANK131_VERDICT_CODES.includes(errorCode) ? 'DECLINED' : 'UNKNOWN', native };
  }
  return { outcome: own(BANK131, native) ?? 'UNKNOWN', native };
}
