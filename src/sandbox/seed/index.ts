/**
 * Builds the whole sandbox data set from a seed. Each kind of record has its
 * own PRNG stream, so the same seed and sizes always give the same data and
 * changing one size leaves the other kinds as they were.
 */
import { streamFor } from '../prng.js';
import type { SandboxData } from '../types.js';
import { seedChecks } from './checks.js';
import { seedCustomers } from './customers.js';
import { customerPools, seedSessions } from './kyc-sessions.js';
import { seedStripe } from './stripe-sessions.js';

export interface SeedSizes {
  seed: number;
  customers: number;
  sessions: number;
  stripeSessions: number;
  checks: number;
  /** The instant all seed times are placed before (ms). */
  anchor: number;
}

export function generateData(sizes: SeedSizes): SandboxData {
  const { seed, anchor } = sizes;
  const { customers, invoices, receipts } = seedCustomers(streamFor(seed, 'customers'), Math.max(1, sizes.customers), anchor);
  const sessions = seedSessions(streamFor(seed, 'sessions'), sizes.sessions, customerPools(customers, invoices), anchor);
  alignKycVerifiedAt(customers, sessions);
  const stripe = seedStripe(streamFor(seed, 'stripe'), sizes.stripeSessions, customers, anchor);
  const checks = seedChecks(streamFor(seed, 'bank131'), sizes.checks, customers, anchor);
  return {
    customers: newestFirst(customers, (c) => c.createdAt),
    sessions: newestFirst(sessions, (s) => s.createdAt),
    invoices: newestFirst(invoices, (i) => i.createdAt),
    receipts: newestFirst(receipts, (r) => r.createdAt),
    stripeSessions: newestFirst(stripe.sessions, (s) => s.created),
    stripeEvents: newestFirst(stripe.events, (e) => e.created),
    checks: newestFirst(checks, (c) => c.createdAt),
  };
}

/** A verified customer's kycVerifiedAt is the moment of their latest approved session, when there is one. */
function alignKycVerifiedAt(customers: SandboxData['customers'], sessions: SandboxData['sessions']) {
  const latest = new Map<string, string>();
  for (const session of sessions) {
    const at = session.verification?.verifiedAt;
    if (at && at > (latest.get(session.customerId) ?? '')) latest.set(session.customerId, at);
  }
  for (const customer of customers) {
    const at = latest.get(customer.id);
    if (at && customer.kycStatus === 'VERIFIED') customer.kycVerifiedAt = at;
  }
}

/** Sorts newest first; equal times keep the later-made record first, so the order is total and stable. */
function newestFirst<T>(items: T[], key: (item: T) => string | number): T[] {
  return items
    .map((item, index) => ({ item, index, key: key(item) }))
    .sort((a, b) => (a.key === b.key ? b.index - a.index : a.key < b.key ? 1 : -1))
    .map((entry) => entry.item);
}
