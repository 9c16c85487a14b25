/**
 * A Love&Pay session in a final list -> the Observation the store records
 * and, for APPROVED and DECLINED, the alert it announces. Personal data is
 * masked here, before it is stored in the outbox: alerts go to channels,
 * where nobody is an admin. Also the cursors the sweep and the
 * reconciliation of those lists keep in the store.
 */
import { isUuid } from '../domain/ids.js';
import { loveAndPayOutcome } from '../domain/outcome.js';
import { maskEmail, maskName, maskPhone } from '../present/mask.js';
import { verifiedName, type KycSession } from '../providers/loveandpay/schemas.js';
import type { Observation } from '../store/types.js';

/** The two statuses whose lists only grow (DESIGN.md, "Love&Pay API v2"). */
export const FINAL_STATUSES = ['APPROVED', 'DECLINED'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** How many sessions of each final list are accounted for: every id among them is recorded. */
export const LOVEANDPAY_TOTALS_CURSOR = 'loveandpay:final-totals';
export type FinalTotals = Record<FinalStatus, number>;

/** When the last complete walk of both lists finished (ISO 8601), so a restart does not walk again at once. */
export const LOVEANDPAY_RECONCILED_CURSOR = 'loveandpay:reconciled-at';

/** Set once a complete walk has given every final session a row in the index of verifications. */
export const LOVEANDPAY_INDEXED_CURSOR = 'loveandpay:indexed';

export function loveAndPayObservation(session: KycSession): Observation {
  const { outcome, native } = loveAndPayOutcome(session.status);
  const observation: Observation = { provider: 'loveandpay', objectId: session.id, outcome, native };
  if (outcome !== 'APPROVED' && outcome !== 'DECLINED') return observation;
  const verification = session.verification;
  const contact = [session.customerEmail && maskEmail(session.customerEmail), session.customerPhone && maskPhone(session.customerPhone)]
    .filter(Boolean)
    .join(' · ');
  const name = verifiedName(verification);
  observation.event = {
    provider: 'loveandpay',
    objectId: session.id,
    outcome,
    native,
    occurredAt: verification?.verifiedAt ?? undefined,
    details: {
      // Love&Pay's customer id (not personal data): the alert's Customer button opens the card.
      customerId: session.customerId && isUuid(session.customerId) ? session.customerId : null,
      customer: name ? maskName(name) : null,
      contact: contact || null,
      documentType: verification?.documentType ?? null,
      documentCountry: verification?.documentCountry ?? null,
      faceMatchScore: verification?.faceMatchScore ?? null,
      livenessScore: verification?.livenessScore ?? null,
      verifiedAt: verification?.verifiedAt ?? null,
    },
  };
  return observation;
}

/** Oldest first, so a chat reads its alerts in the order things happened. */
export function byCreatedAt(a: KycSession, b: KycSession): number {
  const left = a.createdAt ?? '';
  const right = b.createdAt ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}
