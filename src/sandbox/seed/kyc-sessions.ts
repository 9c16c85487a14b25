/**
 * Seed Love&Pay KYC sessions (shared/provider-docs/loveandpay-get-kyc-sessions.txt).
 * `verification` is filled only for APPROVED sessions; open sessions are
 * recent (their verification link lives 24 hours), finished ones span 30 days.
 */
import { covering, type Rng } from '../prng.js';
import { SESSION_STATUSES, type KycSessionLike, type SandboxCustomer, type SandboxVerification } from '../types.js';
import { DAY, HOUR, MINUTE, iso } from './time.js';

/** How long a verification link stays valid (sandbox assumption; the docs name no value). */
const SESSION_TTL_MS = DAY;

export interface CustomerPools {
  all: SandboxCustomer[];
  byKyc: Map<string, SandboxCustomer[]>;
  invoicesOf: Map<string, string[]>;
}

export function customerPools(customers: SandboxCustomer[], invoices: { id: string; customerId: string }[]): CustomerPools {
  const byKyc = new Map<string, SandboxCustomer[]>();
  for (const customer of customers) {
    const pool = byKyc.get(customer.kycStatus) ?? [];
    pool.push(customer);
    byKyc.set(customer.kycStatus, pool);
  }
  const invoicesOf = new Map<string, string[]>();
  for (const invoice of invoices) {
    const list = invoicesOf.get(invoice.customerId) ?? [];
    list.push(invoice.id);
    invoicesOf.set(invoice.customerId, list);
  }
  return { all: customers, byKyc, invoicesOf };
}

export function seedSessions(rng: Rng, count: number, pools: CustomerPools, anchor: number): KycSessionLike[] {
  const sessions: KycSessionLike[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const status = covering(i, SESSION_STATUSES, () =>
      rng.weighted({ APPROVED: 40, DECLINED: 15, IN_PROGRESS: 12, NOT_STARTED: 13, EXPIRED: 20 }),
    );
    const open = status === 'NOT_STARTED' || status === 'IN_PROGRESS';
    const createdMs = open ? anchor - rng.int(MINUTE, 20 * HOUR) : anchor - rng.int(2 * HOUR, 30 * DAY);
    const customer = customerFor(rng, status, pools);
    sessions[i] = makeSession(rng, customer, status, createdMs, invoiceFor(rng, customer, pools));
  }
  return sessions;
}

/** A customer whose KYC status fits the session's: an approval belongs to a verified customer, and so on. */
function customerFor(rng: Rng, status: string, pools: CustomerPools): SandboxCustomer {
  const preferred =
    status === 'APPROVED'
      ? 'VERIFIED'
      : status === 'DECLINED'
        ? rng.chance(0.7) ? 'REJECTED' : 'PENDING'
        : status === 'EXPIRED'
          ? undefined
          : rng.chance(0.8) ? 'PENDING' : undefined;
  const pool = (preferred && pools.byKyc.get(preferred)) || pools.all;
  return rng.pick(pool.length ? pool : pools.all);
}

function invoiceFor(rng: Rng, customer: SandboxCustomer, pools: CustomerPools): string | null {
  const invoices = pools.invoicesOf.get(customer.id);
  return invoices?.length && rng.chance(0.7) ? rng.pick(invoices) : null;
}

export function makeSession(
  rng: Rng,
  customer: SandboxCustomer,
  status: string,
  createdMs: number,
  invoiceId: string | null,
): KycSessionLike {
  const id = rng.uuid();
  const session: KycSessionLike = {
    id,
    sessionId: `verification-${id.slice(0, 8)}`,
    invoiceId,
    customerId: customer.id,
    customerEmail: customer.email,
    customerPhone: customer.phone,
    status,
    verification: null,
    verificationUrl: `https://verify.loveandpay.io/kyc/${id}`,
    expiresAt: iso(createdMs + SESSION_TTL_MS),
    createdAt: iso(createdMs),
  };
  if (status === 'APPROVED') session.verification = makeVerification(rng, customer, createdMs + rng.int(3 * MINUTE, 40 * MINUTE));
  return session;
}

export function makeVerification(rng: Rng, customer: SandboxCustomer, verifiedMs: number): SandboxVerification {
  const { person } = customer;
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    middleName: person.middleName,
    fullName: customer.fullName,
    dateOfBirth: person.dateOfBirth,
    documentType: 'passport',
    documentCountry: 'RUS',
    documentNumber: `****${person.documentLast4}`,
    documentIssuedAt: person.documentIssuedAt,
    documentExpiresAt: person.documentExpiresAt,
    faceMatchScore: rng.float(0.86, 0.995, 3),
    livenessScore: rng.float(0.8, 0.99, 3),
    verifiedAt: iso(verifiedMs),
  };
}
