import type { VerificationSession } from '../providers/stripe/client.js';
import type { CommandStrings } from '../views/i18n/commands.js';
import { own } from '../domain/own.js';

/** True when Stripe says why the last attempt failed (DESIGN.md: requires_input with last_error is DECLINED). */
export function hasLastError(session: VerificationSession): boolean {
  return Boolean(session.last_error?.code || session.last_error?.reason);
}

/**
 * last_error.code in words. Every code in Stripe's VerificationSession.last_error.code
 * enum has a sentence in the dictionary; an undocumented one is shown as it came.
 */
export function explainLastError(session: VerificationSession, t: CommandStrings): string | null {
  if (!hasLastError(session) || session.status === 'verified') return null;
  const code = session.last_error?.code;
  if (!code) return session.last_error?.reason ?? null;
  const words = own(t.stripe.errors, code);
  return words ? `${words} (${code})` : t.stripe.unknownError(code);
}
