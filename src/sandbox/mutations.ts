/**
 * State changes behind the control API and the demo clock. Each keeps the
 * data consistent the way the provider would: an approval fills the
 * verification and verifies the customer, a Stripe change emits its event,
 * new records go to the top of their newest-first lists, and a status change
 * is told to `onChange` (the emulators' webhooks, webhooks.ts).
 */
import type { Rng } from './prng.js';
import { applyCheckStatus, makeCheck } from './seed/checks.js';
import { makeSession, makeVerification } from './seed/kyc-sessions.js';
import { applyStripeStatus, stripeEvent } from './seed/stripe-sessions.js';
import { unixSeconds } from './seed/time.js';
import type { SandboxState } from './state.js';
import type { ProviderChange } from './webhooks.js';
import type { Bank131Check, KycSessionLike, Transition } from './types.js';
import { CHECK_STATUSES, STRIPE_STATUSES } from './types.js';

export class Mutations {
  constructor(
    private readonly state: SandboxState,
    private readonly rng: Rng,
    private readonly clock: () => number,
    private readonly onChange: (change: ProviderChange) => void = () => {},
  ) {}

  setSessionStatus(id: string, status: string): Transition {
    const session = this.state.sessions.get(id);
    if (!session) throw new Error(`no Love&Pay session ${id}`);
    if (!status) throw new Error('status is required');
    const from = session.status;
    this.applySessionStatus(session, status, this.clock());
    this.state.touch();
    if (from !== status) this.onChange({ provider: 'loveandpay', session });
    return { provider: 'loveandpay', id, from, to: status };
  }

  private applySessionStatus(session: KycSessionLike, status: string, now: number) {
    const customer = this.state.customers.get(session.customerId);
    session.status = status;
    if (status !== 'APPROVED') session.verification = null;
    if (!customer) return;
    if (status === 'APPROVED') {
      session.verification ??= makeVerification(this.rng, customer, now);
      customer.kycStatus = 'VERIFIED';
      customer.kycVerifiedAt = session.verification.verifiedAt;
      // Provider's table: KYC alone earns LEVEL_2.
      if (customer.trustLevel === 'NEW' || customer.trustLevel === 'LEVEL_1') customer.trustLevel = 'LEVEL_2';
    } else if (status === 'DECLINED' && customer.kycStatus !== 'VERIFIED') {
      customer.kycStatus = 'REJECTED';
    }
  }

  /** New sessions, newest first (the order lists show them in). */
  addSessions(count: number, status = 'IN_PROGRESS'): KycSessionLike[] {
    const customers = this.state.data.customers;
    const top = this.state.data.sessions[0];
    let at = Math.max(this.clock(), top ? Date.parse(top.createdAt) + 1 : 0);
    const added: KycSessionLike[] = [];
    for (let i = 0; i < count; i += 1) {
      const customer = this.rng.pick(customers);
      const invoices = this.state.data.invoices.filter((invoice) => invoice.customerId === customer.id);
      const invoiceId = invoices.length && this.rng.chance(0.5) ? this.rng.pick(invoices).id : null;
      const session = makeSession(this.rng, customer, 'NOT_STARTED', at, invoiceId);
      this.applySessionStatus(session, status, at);
      this.state.sessions.set(session.id, session);
      added.unshift(session);
      at += 1;
    }
    this.state.data.sessions.unshift(...added);
    this.state.touch();
    return added;
  }

  setStripeStatus(id: string, status: string, lastErrorCode?: string): Transition {
    const session = this.state.stripeSessions.get(id);
    if (!session) throw new Error(`no Stripe verification session ${id}`);
    if (!(STRIPE_STATUSES as readonly string[]).includes(status)) throw new Error(`not a Stripe status: ${status}`);
    const from = session.status;
    const customer = session.client_reference_id ? this.state.customers.get(session.client_reference_id) : undefined;
    applyStripeStatus(this.rng, session, customer, status, lastErrorCode);
    const events = this.state.data.stripeEvents;
    const created = Math.max(unixSeconds(this.clock()), events[0]?.created ?? 0);
    const event = stripeEvent(this.rng, session, status, created);
    events.unshift(event);
    this.state.touch();
    this.onChange({ provider: 'stripe', event });
    return { provider: 'stripe', id, from, to: status, ...(session.last_error ? { errorCode: session.last_error.code } : {}) };
  }

  /**
   * Changes a Bank 131 check, creating it (at the top) when the id is new.
   * already_exists points at `earlierCheckId`, or at a finished earlier check when none is named.
   */
  setCheck(id: string, status: 'ok' | 'pending' | 'error', errorCode?: string, earlierCheckId?: string): Transition {
    if (!/^\d{1,19}$/.test(id)) throw new Error('a Bank 131 check id is a number');
    if (!(CHECK_STATUSES as readonly string[]).includes(status)) throw new Error(`not a Bank 131 status: ${status}`);
    let check = this.state.checks.get(id);
    const from = check?.status ?? 'none';
    if (!check) {
      const customer = this.rng.pick(this.state.data.customers);
      check = makeCheck(id, customer.id, this.clock());
      this.state.checks.set(id, check);
      this.state.data.checks.unshift(check);
    }
    const earlier = errorCode === 'already_exists' ? (earlierCheckId ?? this.earlierCheck(check)) : null;
    applyCheckStatus(this.rng, check, status, errorCode, earlier);
    this.state.touch();
    return { provider: 'bank131', id, from, to: status, ...(check.errorCode ? { errorCode: check.errorCode } : {}) };
  }

  private earlierCheck(check: Bank131Check): string | null {
    const others = this.state.data.checks.filter((c) => c.id !== check.id && c.status !== 'error');
    const before = others.filter((c) => Number(c.id) < Number(check.id));
    const pool = before.length ? before : others;
    return pool.length ? pool.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b)).id : null;
  }

  /** Renames a customer everywhere the name shows: the customer, verified sessions and Stripe outputs. */
  setCustomerName(id: string, fullName: string): void {
    const customer = this.state.customers.get(id);
    if (!customer) throw new Error(`no Love&Pay customer ${id}`);
    const [firstName = fullName, ...rest] = fullName.split(' ');
    customer.fullName = fullName;
    customer.person.firstName = firstName;
    customer.person.lastName = rest.join(' ');
    customer.person.middleName = null;
    for (const session of this.state.data.sessions) {
      if (session.customerId !== id || !session.verification) continue;
      Object.assign(session.verification, { fullName, firstName, lastName: rest.join(' '), middleName: null });
    }
    for (const session of this.state.data.stripeSessions) {
      if (session.client_reference_id !== id || !session.verified_outputs) continue;
      Object.assign(session.verified_outputs, { first_name: firstName, last_name: rest.join(' ') });
    }
    this.state.touch();
  }
}
