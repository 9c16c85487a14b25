/** A Bank 131 check as a row of the index of verifications (domain/verification.ts). */
import { indexReference, type VerificationRecord } from '../../domain/verification.js';
import { checkOutcome, decidingAnswer, type CheckResult } from './client.js';

/**
 * Bank 131 answers carry no dates (bank131-check-status), so a check starts
 * unknown and the index's first sighting is its only date; `decidedAt` is
 * when the caller saw the verdict, if it knows it came just then (a sweep of
 * a watched check). The participant reference is read from the check's own
 * answer or, for already_exists, from the earlier check's.
 */
export function bank131CheckRecord(result: CheckResult, decidedAt: Date | null = null): VerificationRecord {
  const { outcome, native } = checkOutcome(result);
  const answer = decidingAnswer(result);
  const final = outcome === 'APPROVED' || outcome === 'DECLINED';
  return {
    provider: 'bank131',
    objectId: result.id,
    customerRef: indexReference(result.participantReference ?? answer?.participantReference),
    outcome,
    native,
    reason: outcome === 'DECLINED' ? (answer?.error?.code ?? null) : null,
    startedAt: null,
    decidedAt: final ? decidedAt : null,
  };
}
