import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { providersFor } from './fixture.js';

let sandbox: Sandbox;
let providers: ReturnType<typeof providersFor>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1000, customers: 1000, sessions: 1000, stripeSessions: 1000 });
  providers = providersFor(sandbox);
});
afterAll(async () => {
  await providers.close();
  await sandbox.close();
});
beforeEach(() => sandbox.control.resetRequestCount());

async function collect<T extends { id: string }>(items: AsyncIterable<T>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of items) ids.push(item.id);
  return ids;
}

describe('paging iterators on a 1,000-session emulator', () => {
  it('allKycSessions returns every session exactly once, in the provider order, in 10 requests', async () => {
    const ids = await collect(providers.loveandpay.allKycSessions());
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(ids).toEqual(sandbox.data.sessions.map((s) => s.id));
    expect(sandbox.control.requestCount('loveandpay')).toBe(10);
  });

  it('allKycSessions with an odd page size and a status filter returns each match once', async () => {
    const ids = await collect(providers.loveandpay.allKycSessions({ status: 'APPROVED', limit: 37 }));
    const expected = sandbox.data.sessions.filter((s) => s.status === 'APPROVED').map((s) => s.id);
    expect(expected.length).toBeGreaterThan(100);
    expect(ids).toEqual(expected);
    expect(sandbox.control.requestCount('loveandpay')).toBe(Math.ceil(expected.length / 37) + (expected.length % 37 === 0 ? 1 : 0));
  });

  it('allCustomers returns every customer exactly once', async () => {
    const ids = await collect(providers.loveandpay.allCustomers());
    expect(ids).toHaveLength(1000);
    expect(new Set(ids)).toEqual(new Set(sandbox.data.customers.map((c) => c.id)));
  });

  it('allVerificationSessions returns every Stripe session exactly once, following cursors', async () => {
    const ids = await collect(providers.stripe.allVerificationSessions());
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(ids).toEqual(sandbox.data.stripeSessions.map((s) => s.id));
    expect(sandbox.control.requestCount('stripe')).toBe(10);
  });

  it('allVerificationSessions with a status filter returns each match once', async () => {
    const ids = await collect(providers.stripe.allVerificationSessions({ status: 'requires_input', limit: 25 }));
    expect(ids).toEqual(sandbox.data.stripeSessions.filter((s) => s.status === 'requires_input').map((s) => s.id));
  });
});
