/**
 * The VerificationReport behind a session's `last_verification_report`
 * (Stripe API reference, "The VerificationReport object"), made from the
 * session when it is expanded: a verified session passed both checks; a
 * selfie_* error failed the selfie check; any other error failed the document.
 */
import type { SandboxCustomer, StripeSessionLike } from '../types.js';

/** "2015-02-10" -> Stripe's {day, month, year}. */
function stripeDate(day: string | undefined) {
  if (!day) return null;
  const [year, month, date] = day.split('-').map(Number);
  return { day: date, month, year };
}

/** `dob` and `number` are sensitive: Stripe returns them only when expanded by name. */
export function verificationReport(session: StripeSessionLike, customer: SandboxCustomer | undefined, expand: Set<string>) {
  const id = session.last_verification_report;
  if (!id) return null;
  const error = session.last_error;
  const selfieFailed = Boolean(error && error.code.startsWith('selfie_'));
  const documentFailed = Boolean(error && !selfieFailed);
  const outputs = (session.verified_outputs ?? {}) as { first_name?: string; last_name?: string; address?: unknown; dob?: unknown };
  const file = (n: number) => `file_${id.slice(4, 20)}${n}`;
  return {
    id,
    object: 'identity.verification_report',
    client_reference_id: session.client_reference_id,
    created: session.created + 120,
    document: {
      address: documentFailed ? null : (outputs.address ?? null),
      dob: expand.has('last_verification_report.document.dob') ? (outputs.dob ?? null) : null,
      error: documentFailed ? { ...error } : null,
      expiration_date: stripeDate(customer?.person.documentExpiresAt),
      files: [file(1), file(2)],
      first_name: documentFailed ? null : (outputs.first_name ?? null),
      issued_date: stripeDate(customer?.person.documentIssuedAt),
      issuing_country: 'RU',
      last_name: documentFailed ? null : (outputs.last_name ?? null),
      number: null,
      status: documentFailed ? 'unverified' : 'verified',
      type: 'passport',
    },
    livemode: session.livemode,
    options: structuredClone(session.options),
    selfie: documentFailed
      ? null
      : { document: file(1), error: selfieFailed ? { ...error } : null, selfie: file(3), status: selfieFailed ? 'unverified' : 'verified' },
    type: session.type,
    verification_session: session.id,
  };
}
