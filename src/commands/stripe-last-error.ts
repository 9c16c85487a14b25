import { own } from '../domain/own.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import type { VerificationSession } from '../providers/stripe/client.js';

/** True when Stripe says why the last attempt failed (DESIGN.md: requires_input with last_error is DECLINED). */
export function hasLastError(session: VerificationSession): boolean {
  return Boolean(session.last_error?.code || session.last_error?.reason);
}

/**
 * A Stripe Identity error code in words: every code of Stripe's
 * VerificationSession.last_error.code enum has a sentence in the dictionary
 * (the report's document and selfie errors use the same codes); an
 * undocumented one is named as it came.
 */
export function explainStripeCode(code: string, t: CommandStrings): string {
  const words = own(t.stripe.errors, code);
  return words ? `${words} (${code})` : t.stripe.unknownError(code);
}

export function explainLastError(session: VerificationSession, t: CommandStrings): string | null {
  if (!hasLastError(session) || session.status === 'verified') return null;
  const code = session.last_error?.code;
  if (!code) return session.last_error?.reason ?? null;
  return explainStripeCode(code, t);
}
