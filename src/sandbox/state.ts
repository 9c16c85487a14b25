/**
 * The data set plus the indexes the emulators look records up by. Lists stay
 * newest first; every change goes through `touch()` so cached filtered lists
 * (which keep paging through 100,000 sessions cheap) are dropped.
 */
import type {
  Bank131Check,
  KycSessionLike,
  SandboxCustomer,
  SandboxData,
  SandboxInvoice,
  SandboxReceipt,
  StripeSessionLike,
} from './types.js';

export class SandboxState {
  readonly customers = new Map<string, SandboxCustomer>();
  readonly sessions = new Map<string, KycSessionLike>();
  readonly invoices = new Map<string, SandboxInvoice>();
  readonly receipts = new Map<string, SandboxReceipt>();
  readonly stripeSessions = new Map<string, StripeSessionLike>();
  readonly checks = new Map<string, Bank131Check>();
  private readonly cache = new Map<string, unknown>();
  /** Grows with every change; lets servers memoise derived views. */
  version = 0;

  constructor(readonly data: SandboxData) {
    for (const customer of data.customers) this.customers.set(customer.id, customer);
    for (const session of data.sessions) this.sessions.set(session.id, session);
    for (const invoice of data.invoices) this.invoices.set(invoice.id, invoice);
    for (const receipt of data.receipts) this.receipts.set(receipt.id, receipt);
    for (const session of data.stripeSessions) this.stripeSessions.set(session.id, session);
    for (const check of data.checks) this.checks.set(check.id, check);
  }

  /** A filtered list, computed once per distinct query until the data changes. */
  filtered<T>(key: string, compute: () => T): T {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit as T;
    const value = compute();
    if (this.cache.size > 200) this.cache.clear();
    this.cache.set(key, value);
    return value;
  }

  touch(): void {
    this.version += 1;
    this.cache.clear();
  }
}
