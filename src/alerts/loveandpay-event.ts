/**
 * A Love&Pay session in a final list -> the Observation the store records
 * and, for APPROVED and DECLINED, the alert it announces. Personal data is
 * masked here, before it is stored in the outbox: alerts go to channels,
 * where nobody is an admin.
 */
import { loveAndPayOutcome } from '../domain/outcome.js';
import { maskEmail, maskName, maskPhone } from '../present/mask.js';
import type { KycSession } from '../providers/loveandpay/schemas.js';
import { verifiedName } from '../providers/loveandpay/verified-name.js';
import type { Observation } from '../store/types.js';

/** The two statuses whose lists only grow (DESIGN.md, "Love&Pay API v2"). */
export const FINAL_STATUSES = ['APPROVED', 'DECLINED'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

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
