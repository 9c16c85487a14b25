import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxCustomer } from '../../src/sandbox/index.js';
import { admin, startCommandHarness, viewer, type CommandHarness } from '../support/command-harness.js';

let harness: CommandHarness;
beforeAll(async () => {
  harness = await startCommandHarness();
});
afterAll(() => harness.close());

/** Rubles as the ops team reads them: groups of three separated by spaces, then the sign. */
const rubles = (amount: number) => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} ₽`;
const maskedPhone = (phone: string) => `+7 ${phone.slice(2, 5)} ***-**-${phone.slice(-2)}`;
const customers = () => harness.sandbox.data.customers;
const find = (test: (c: SandboxCustomer) => boolean, what: string): SandboxCustomer => {
  const found = customers().find(test);
  if (!found) throw new Error(`the seed has no ${what}`);
  return found;
};

describe('/customer search', () => {
  it('lists customers with KYC status, trust level, payments and the total in rubles', async () => {
    const text = await harness.consoleText(['/customer'], viewer());
    const newest = customers()[0]!;
    expect(text).toContain('Love&Pay customers');
    expect(text).toContain(`→ /customer ${newest.id}`);
    expect(text).toContain(`${newest.trustLevel} · `);
    expect(text).toContain(rubles(newest.totalAmount));
    expect(text).toContain(maskedPhone(newest.phone));
    expect(text).not.toContain(newest.phone);
  });

  it('filters by KYC status and trust level', async () => {
    const reply = await harness.runCommand('/customer kyc:verified level:2', viewer());
    const expected = customers().filter((c) => c.kycStatus === 'VERIFIED' && c.trustLevel === 'LEVEL_2');
    expect(reply.items?.length).toBe(Math.min(10, expected.length));
    expect(reply.items?.every((item) => item.badge?.outcome === 'APPROVED' && item.badge.native === 'VERIFIED')).toBe(true);
    expect(reply.title).toBe('Love&Pay customers: kyc:verified level:2');
  });

  it('offers Prev and Next on page 2', async () => {
    expect(customers().length).toBeGreaterThan(20);
    const reply = await harness.runCommand('/customer page:2', viewer());
    expect(reply.actions?.map((a) => a.command)).toEqual(['/customer', '/customer page:3']);
  });
});

describe('/customer <uuid>', () => {
  it('explains the trust level and shows payments, totals and recent payments', async () => {
    const customer = find((c) => c.trustLevel === 'LEVEL_2' && c.totalAmount >= 1000, 'LEVEL_2 customer');
    const text = await harness.consoleText([`/customer ${customer.id}`], viewer());
    expect(text).toContain('Trust level: LEVEL_2 — medium: 3-5 payments or KYC');
    expect(text).toContain(`Payments: ${customer.totalPayments}`);
    expect(text).toContain(`Total paid: ${rubles(customer.totalAmount)}`);
    const recent = customer.payments[0]!;
    expect(text).toContain(`• ${rubles(recent.amount)}\n  ${recent.status} · invoice ${recent.invoiceNumber}`);
  });

  it('flags a blocked customer', async () => {
    const customer = find((c) => c.isBlocked, 'blocked customer');
    const text = await harness.consoleText([`/customer ${customer.id}`], viewer());
    expect(text).toContain('Blocked: yes');
    expect(text).toContain('⚠ This customer is blocked.');
  });

  it('explains every trust level in Russian', async () => {
    const levels = new Map(customers().map((c) => [c.trustLevel, c]));
    const words: Record<string, string> = {
      NEW: 'NEW — новый клиент',
      LEVEL_1: 'LEVEL_1 — базовый: 1-2 успешных платежа',
      LEVEL_2: 'LEVEL_2 — средний: 3-5 платежей или KYC',
      LEVEL_3: 'LEVEL_3 — высокий: 6+ платежей и KYC',
    };
    for (const [level, customer] of levels) {
      const text = await harness.consoleText([`/customer ${customer.id}`], viewer('ru'));
      expect(text).toContain(`Уровень доверия: ${words[level]}`);
    }
  });

  it('says which customer was not found', async () => {
    const reply = await harness.runCommand('/customer 00000000-0000-4000-8000-000000000000', viewer());
    expect(reply).toMatchObject({ kind: 'not_found', title: 'Customer 00000000… not found' });
  });
});

describe('/customer <phone|email>', () => {
  it('finds a customer by phone, masking the phone for a viewer and showing it to an admin', async () => {
    const customer = customers()[0]!;
    const typed = `8 (${customer.phone.slice(2, 5)}) ${customer.phone.slice(5, 8)}-${customer.phone.slice(8, 10)}-${customer.phone.slice(10)}`;
    const forViewer = await harness.consoleText([`/customer ${typed}`], viewer());
    expect(forViewer).toContain(`Found by: ${maskedPhone(customer.phone)}`);
    expect(forViewer).toContain(`Name: ${customer.fullName.split(' ')[0]} ${customer.fullName.split(' ')[1]![0]}.`);
    expect(forViewer).toContain(`Trust level: ${customer.trustLevel}`);
    expect(forViewer).toContain(`Payments: ${customer.totalPayments}`);
    expect(forViewer).toContain(`KYC verified: ${customer.kycStatus === 'VERIFIED' ? 'yes' : 'no'}`);
    expect(forViewer).not.toContain(customer.phone);
    expect(forViewer).not.toContain(customer.fullName);
    // The phone finds the customer, and the answer is their card across providers (issue 15).
    expect(forViewer).toContain(`Customer ${customer.fullName.split(' ')[0]} `);
    expect(forViewer).toContain(`ID: ${customer.id}`);
    const forAdmin = await harness.runCommand(`/customer ${typed}`, admin());
    expect(forAdmin.fields).toContainEqual({ label: 'Found by', value: customer.phone });
    expect(forAdmin.fields).toContainEqual({ label: 'Name', value: customer.fullName });
    expect(forAdmin.unmasked).toBe(true);
  });

  it('finds a customer by email and masks it for a viewer', async () => {
    const customer = customers()[1]!;
    const text = await harness.consoleText([`/customer ${customer.email}`], viewer());
    expect(text).toContain(`Found by: ${customer.email[0]}***@${customer.email.split('@')[1]}`);
    expect(text).toContain(`Customer ${customer.fullName.split(' ')[0]} `);
  });

  it('says when nobody has that email, without showing it in full', async () => {
    const reply = await harness.runCommand('/customer nobody@example.com', viewer());
    expect(reply.kind).toBe('not_found');
    expect(reply.notes?.[0]?.text).toBe('No customer with n***@example.com.');
  });
});
