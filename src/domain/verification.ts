/**
 * One verification as the bot indexes it (DESIGN.md, "One customer across
 * providers"): a Love&Pay session, a Stripe session or a Bank 131 check, with
 * its outcome, reason and times, and the customer it belongs to. Sweeps and
 * lookups build these from provider answers (providers/<name>/verification-record.ts);
 * the store keeps them (Store.recordVerifications); the customer card and,
 * later, the stats read them. No names, emails or phones.
 */
import { createHash } from 'node:crypto';
import { isUuid } from './ids.js';
import type { Outcome, ProviderName } from './outcome.js';

export interface VerificationRecord {
  provider: ProviderName;
  /** Love&Pay session UUID, Stripe vs_... id, Bank 131 check id. */
  objectId: string;
  /** Love&Pay customerId, Stripe client_reference_id, Bank 131 participant.reference, through indexReference; null when unknown. */
  customerRef: string | null;
  outcome: Outcome;
  native: string;
  /** Why it was declined, as the provider codes it: Stripe last_error.code, a Bank 131 error code; null otherwise. */
  reason: string | null;
  /** When the verification started (the provider's created time); null when the provider does not say (Bank 131). */
  startedAt: Date | null;
  /** When the verdict came, when known: the provider's own time, else the sweep that first saw it. Null while pending. */
  decidedAt: Date | null;
}

/** Marks a hashed reference; never a hex digit, so a short id (a UUID prefix) can never match one. */
const HASHED = 'h:';

/**
 * A customer reference as the index keeps it. The merchant may put the
 * Love&Pay customer id, an email or a phone into Stripe's client_reference_id
 * and Bank 131's participant.reference (STRIPE_CLIENT_REFERENCE,
 * BANK131_PARTICIPANT_REFERENCE), and Love&Pay's own customerId may be the
 * merchant's id. A UUID is kept as it is (lower case, so short ids find it);
 * anything else as a SHA-256 of its trimmed, lower-cased text, so no email or
 * phone is stored. The card asks with the same function, so both sides meet.
 */
export function indexReference(reference: string | null | undefined): string | null {
  const text = reference?.trim();
  if (!text) return null;
  if (isUuid(text)) return text.toLowerCase();
  return HASHED + createHash('sha256').update(text.toLowerCase()).digest('hex');
}

/** A time from a provider (ISO text or Unix seconds) as a Date, or null when absent or unreadable. */
export function providerTime(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
