/**
 * Seed Stripe Identity VerificationSessions and the events their status
 * changes produced (Stripe API reference: "The VerificationSession object",
 * "Verification checks" error codes, and "Types of events").
 */
import { covering, type Rng } from '../prng.js';
import type { SandboxCustomer, StripeEventLike, StripeSessionLike } from '../types.js';
import { DAY, HOUR, MINUTE, unixSeconds } from './time.js';

export const STRIPE_API_VERSION = '2024-06-20';

/** Stripe's `last_error.code` values with the reason texts Stripe shows for them. */
export const STRIPE_ERROR_REASONS: Record<string, string> = {
  selfie_face_mismatch: "The captured face image didn't match the face on the document.",
  document_expired: 'The provided identity document has expired.',
  document_unverified_other: "This identity document couldn't be verified.",
  consent_declined: 'The user declined to be verified by Stripe.',
  document_type_not_supported: "The provided identity document isn't one of the session's allowed document types.",
  selfie_manipulated: 'The captured face image was manipulated.',
  under_supported_age: "This user's age is below the minimum supported age.",
  abandoned: 'The user abandoned the verification flow.',
};

interface Variant {
  status: string;
  errorCode?: string;
}

const REQUIRED_VARIANTS: readonly Variant[] = [
  { status: 'verified' },
  { status: 'processing' },
  { status: 'requires_input' },
  { status: 'canceled' },
  { status: 'requires_input', errorCode: 'selfie_face_mismatch' },
  { status: 'requires_input', errorCode: 'document_expired' },
  { status: 'requires_input', errorCode: 'document_unverified_other' },
  { status: 'requires_input', errorCode: 'consent_declined' },
];

export interface StripeSeed {
  sessions: StripeSessionLike[];
  events: StripeEventLike[];
}

export function seedStripe(rng: Rng, count: number, customers: SandboxCustomer[], anchor: number): StripeSeed {
  const sessions: StripeSessionLike[] = [];
  const events: StripeEventLike[] = [];
  for (let i = 0; i < count; i += 1) {
    const variant = covering(i, REQUIRED_VARIANTS, () => randomVariant(rng));
    const waiting = variant.status === 'processing' || (variant.status === 'requires_input' && !variant.errorCode);
    // Every seeded change lies at least a minute in the past, so "changes since now" starts empty.
    const createdMs = waiting ? anchor - rng.int(15 * MINUTE, 6 * HOUR) : anchor - rng.int(3 * HOUR, 29 * DAY);
    const customer = rng.pick(customers);
    const session = newStripeSession(rng, customer, unixSeconds(createdMs));
    const history: Array<[number, Variant]> = [[createdMs, { status: 'requires_input' }]];
    if (variant.status === 'canceled') {
      history.push([createdMs + rng.int(HOUR, Math.min(2 * DAY, anchor - createdMs - MINUTE)), variant]);
    } else if (variant.status !== 'requires_input' || variant.errorCode) {
      const submitted = createdMs + rng.int(2 * MINUTE, 10 * MINUTE);
      history.push([submitted, { status: 'processing' }]);
      if (variant.status !== 'processing') history.push([submitted + rng.int(20_000, 3 * MINUTE), variant]);
    }
    for (const [ms, step] of history) {
      applyStripeStatus(rng, session, customer, step.status, step.errorCode);
      events.push(stripeEvent(rng, session, ms === createdMs && step.status === 'requires_input' ? 'created' : step.status, unixSeconds(ms)));
    }
    sessions.push(session);
  }
  return { sessions, events };
}

function randomVariant(rng: Rng): Variant {
  const pick = rng.weighted({ verified: 40, processing: 12, waiting: 15, failed: 22, canceled: 11 });
  if (pick === 'waiting') return { status: 'requires_input' };
  if (pick === 'failed') return { status: 'requires_input', errorCode: rng.pick(Object.keys(STRIPE_ERROR_REASONS)) };
  return { status: pick };
}

function newStripeSession(rng: Rng, customer: SandboxCustomer, created: number): StripeSessionLike {
  return {
    id: `vs_1${rng.alnum(23)}`,
    object: 'identity.verification_session',
    client_secret: null,
    client_reference_id: customer.id,
    created,
    last_error: null,
    last_verification_report: null,
    livemode: false,
    metadata: {},
    options: { document: { require_matching_selfie: true } },
    redaction: null,
    status: 'requires_input',
    type: 'document',
    url: `https://verify.stripe.com/start/test_${rng.alnum(40)}`,
    verified_outputs: null,
    provided_details: { email: customer.email, phone: customer.phone },
  };
}

/** Moves a session to a status the way Stripe does: url only while input is needed, outputs once verified. */
export function applyStripeStatus(
  rng: Rng,
  session: StripeSessionLike,
  customer: SandboxCustomer | undefined,
  status: string,
  errorCode?: string,
): void {
  session.status = status;
  session.last_error =
    status === 'requires_input' && errorCode
      ? { code: errorCode, reason: STRIPE_ERROR_REASONS[errorCode] ?? 'The verification could not be completed.' }
      : null;
  if (status === 'requires_input' && session.url === null) session.url = `https://verify.stripe.com/start/test_${rng.alnum(40)}`;
  if (status !== 'requires_input') session.url = null;
  const reported = status === 'verified' || session.last_error !== null;
  if (reported && !session.last_verification_report) session.last_verification_report = `vr_1${rng.alnum(23)}`;
  session.verified_outputs = status === 'verified' && customer ? verifiedOutputs(customer) : null;
}

/** Streets a demo address is picked from, by the customer's id (no randomness: the same customer, the same address). */
const STREETS = [
  { line1: 'ул. Тверская, д. 7, кв. 12', postal_code: '125009', city: 'Москва' },
  { line1: 'Невский пр., д. 28, кв. 5', postal_code: '191186', city: 'Санкт-Петербург' },
  { line1: 'ул. Баумана, д. 44, кв. 31', postal_code: '420111', city: 'Казань' },
  { line1: 'ул. Ленина, д. 15, кв. 8', postal_code: '620014', city: 'Екатеринбург' },
] as const;

function verifiedOutputs(customer: SandboxCustomer): Record<string, unknown> {
  const [year, month, day] = customer.person.dateOfBirth.split('-').map(Number);
  const street = STREETS[parseInt(customer.id.slice(0, 2), 16) % STREETS.length]!;
  return {
    first_name: customer.person.firstName,
    last_name: customer.person.lastName,
    dob: { day, month, year },
    address: { ...street, line2: null, state: null, country: 'RU' },
    email: null,
    phone: null,
    id_number: null,
    id_number_type: null,
  };
}

/** An event carries a snapshot of the object as it was when the event happened. */
export function stripeEvent(rng: Rng, session: StripeSessionLike, change: string, created: number): StripeEventLike {
  return {
    id: `evt_1${rng.alnum(23)}`,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created,
    data: { object: structuredClone(session) },
    livemode: false,
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    type: `identity.verification_session.${change}`,
  };
}
