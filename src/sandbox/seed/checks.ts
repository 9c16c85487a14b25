/**
 * Seed Bank 131 KYC checks (shared/provider-docs/bank131-check-status.txt).
 * Ids are small sequential numbers like the docs' "7". Every documented
 * check error appears; request_not_found and partner_project_not_found are
 * answers about the request (unknown id, unknown project), not stored checks.
 */
import { covering, type Rng } from '../prng.js';
import type { Bank131Check, SandboxCustomer } from '../types.js';
import { DAY, HOUR, MINUTE, iso } from './time.js';
import { own } from '../../domain/own.js';

/** Descriptions as the bank's documentation words them. */
export const BANK131_DESCRIPTIONS: Record<string, string> = {
  ok: 'valid',
  pending: 'Check in progress',
  invalid_sign: 'Signature verification failure',
  passport_validation_failure: 'Passport, inn validation failure',
  inn_validation_failure: 'Passport, inn validation failure',
  already_exists: 'Request with the same data already exists',
  request_not_found: 'Request with given id not found',
  partner_project_not_found: 'partner project not found',
};

const REQUIRED = ['ok', 'pending', 'passport_validation_failure', 'inn_validation_failure', 'invalid_sign', 'already_exists'];

export function seedChecks(rng: Rng, count: number, customers: SandboxCustomer[], anchor: number): Bank131Check[] {
  const kinds = Array.from({ length: count }, (_, i) =>
    covering(i, REQUIRED, () =>
      rng.weighted({
        ok: 45,
        pending: 20,
        passport_validation_failure: 9,
        inn_validation_failure: 9,
        invalid_sign: 5,
        already_exists: 12,
      }),
    ),
  );
  // Ids grow with time, and pending checks are the newest: the bank answers within 10 minutes to 2 days.
  const settled = kinds.filter((kind) => kind !== 'pending');
  const pending = kinds.length - settled.length;
  const settledStep = Math.floor((20 * DAY) / Math.max(1, settled.length));
  const pendingStep = Math.floor((30 * HOUR) / Math.max(1, pending));
  const checks: Bank131Check[] = [];
  [...settled, ...kinds.filter((kind) => kind === 'pending')].forEach((kind, i) => {
    const createdMs =
      i < settled.length
        ? anchor - 22 * DAY + i * settledStep + rng.int(0, settledStep / 2)
        : anchor - 30 * HOUR + (i - settled.length) * pendingStep + rng.int(0, pendingStep / 2);
    const check = makeCheck(String(i + 1), rng.pick(customers).id, Math.min(createdMs, anchor - 10 * MINUTE));
    const earlier = kind === 'already_exists' ? earlierCheck(rng, checks) : null;
    if (kind === 'ok' || kind === 'pending') applyCheckStatus(rng, check, kind);
    // The very first check has nothing earlier to duplicate.
    else if (kind === 'already_exists' && !earlier) applyCheckStatus(rng, check, 'ok');
    else applyCheckStatus(rng, check, 'error', kind, earlier);
    checks.push(check);
  });
  return checks;
}

function earlierCheck(rng: Rng, checks: Bank131Check[]): string | null {
  const candidates = checks.filter((check) => check.status !== 'error');
  return candidates.length ? rng.pick(candidates).id : null;
}

export function makeCheck(id: string, customerId: string, createdMs: number): Bank131Check {
  return {
    id,
    status: 'pending',
    description: BANK131_DESCRIPTIONS.pending!,
    participantReference: null,
    errorCode: null,
    errorDescription: null,
    earlierCheckId: null,
    customerId,
    createdAt: iso(createdMs),
  };
}

export function applyCheckStatus(
  _rng: Rng,
  check: Bank131Check,
  status: string,
  errorCode?: string,
  earlierCheckId: string | null = null,
): void {
  check.status = status;
  check.errorCode = status === 'error' ? (errorCode ?? 'passport_validation_failure') : null;
  check.errorDescription = check.errorCode ? (own(BANK131_DESCRIPTIONS, check.errorCode) ?? 'error') : null;
  check.description = own(BANK131_DESCRIPTIONS, check.errorCode ?? status) ?? status;
  check.earlierCheckId = check.errorCode === 'already_exists' ? earlierCheckId : null;
  // The merchant's reference for the person checked: the Love&Pay customer id, as BANK131_PARTICIPANT_REFERENCE
  // defaults to, so the demo's customer card finds the check. A fault of the request (invalid_sign) or a pointer
  // to an earlier check (already_exists) checked nobody.
  check.participantReference = status === 'error' && !VERDICT_CODES.includes(check.errorCode ?? '') ? null : check.customerId;
}

/** The two error codes that are a verdict on the person (bank131-check-status, error table). */
const VERDICT_CODES = ['passport_validation_failure', 'inn_validation_failure'];
