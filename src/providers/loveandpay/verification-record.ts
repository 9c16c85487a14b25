/** A Love&Pay KYC session as a row of the index of verifications (domain/verification.ts). */
import { loveAndPayOutcome } from '../../domain/outcome.js';
import { indexReference, providerTime, type VerificationRecord } from '../../domain/verification.js';
import type { KycSession } from './schemas.js';

/**
 * Love&Pay gives a verdict time only for approvals (verification.verifiedAt);
 * `seenFinalAt` stands in for the others when the caller knows the verdict
 * came just before (a sweep that watched the list grow), else it stays unknown.
 */
export function loveAndPaySessionRecord(session: KycSession, seenFinalAt: Date | null = null): VerificationRecord {
  const { outcome, native } = loveAndPayOutcome(session.status);
  const final = outcome === 'APPROVED' || outcome === 'DECLINED' || outcome === 'EXPIRED';
  return {
    provider: 'loveandpay',
    objectId: session.id,
    customerRef: indexReference(session.customerId),
    outcome,
    native,
    reason: null,
    startedAt: providerTime(session.createdAt),
    decidedAt: final ? (providerTime(session.verification?.verifiedAt) ?? seenFinalAt) : null,
  };
}
