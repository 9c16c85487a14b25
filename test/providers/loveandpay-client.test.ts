import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidIdError, ProviderError } from '../../src/providers/errors.js';
import { LoveAndPayClient } from '../../src/providers/loveandpay/client.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { SHORT_TIMEOUT_MS, providersFor, rejectionOf, useSandboxedProviders } from './fixture.js';

const shared = useSandboxedProviders(7);
let sandbox: Sandbox;
let client: LoveAndPayClient;

beforeAll(() => {
  sandbox = shared.sandbox;
  client = shared.providers.loveandpay;
});

const approved = () => sandbox.data.sessions.find((s) => s.status === 'APPROVED')!;
const customerWithPayments = () => sandbox.data.customers.find((c) => c.payments.length >= 2)!;
const rejectedReceipt = () => sandbox.data.receipts.find((r) => r.status === 'REJECTED' && r.verificationDetails?.bank)!;
const MISSING = '00000000-0000-4000-8000-000000000000';
const served = () => sandbox.control.requestCount('loveandpay');

describe('LoveAndPayClient against the Love&Pay emulator', () => {
  it('lists KYC sessions newest first with the pagination the provider reports', async () => {
    const page = await client.listKycSessions({ limit: 5, offset: 0 });
    expect(page.items.map((s) => s.id)).toEqual(sandbox.data.sessions.slice(0, 5).map((s) => s.id));
    expect(page.pagination).toEqual({ total: sandbox.data.sessions.length, limit: 5, offset: 0, pages: Math.ceil(sandbox.data.sessions.length / 5) });
    const dates = page.items.map((s) => s.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('filters KYC sessions by status and by invoice', async () => {
    const page = await client.listKycSessions({ status: 'DECLINED', limit: 100 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((s) => s.status === 'DECLINED' && s.verification === null)).toBe(true);
    expect(page.pagination.total).toBe(sandbox.data.sessions.filter((s) => s.status === 'DECLINED').length);

    const withInvoice = sandbox.data.sessions.find((s) => s.invoiceId)!;
    const byInvoice = await client.listKycSessions({ invoiceId: withInvoice.invoiceId! });
    expect(byInvoice.items.map((s) => s.id)).toContain(withInvoice.id);
    expect(byInvoice.items.every((s) => s.invoiceId === withInvoice.invoiceId)).toBe(true);
  });

  it('gets one approved session with its verification, masked document number and link', async () => {
    const expected = approved();
    const session = await client.getKycSession(expected.id);
    expect(session.status).toBe('APPROVED');
    expect(session.customerPhone).toMatch(/^\+79\d{9}$/);
    expect(session.verificationUrl).toBe(expected.verificationUrl);
    expect(session.expiresAt).toBe(expected.expiresAt);
    expect(session.verification).toMatchObject({
      fullName: expected.verification!.fullName,
      middleName: expected.verification!.middleName,
      documentType: 'passport',
      documentCountry: 'RUS',
    });
    expect(session.verification!.documentNumber).toMatch(/^\*{4}\d{4}$/);
    expect(session.verification!.faceMatchScore).toBeGreaterThan(0);
    expect(session.verification!.faceMatchScore).toBeLessThanOrEqual(1);
    expect(session.verification!.fullName).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+/);
  });

  it('lists customers with search over name, e-mail and phone and with filters', async () => {
    const target = sandbox.data.customers[10]!;
    const byName = await client.listCustomers({ search: target.fullName.split(' ')[1]!.toUpperCase() });
    expect(byName.items.map((c) => c.id)).toContain(target.id);
    const byEmail = await client.listCustomers({ search: target.email });
    expect(byEmail.items.map((c) => c.id)).toEqual([target.id]);
    const localPhone = `8 ${target.phone.slice(2, 5)} ${target.phone.slice(5, 8)}-${target.phone.slice(8, 10)}-${target.phone.slice(10)}`;
    const byPhone = await client.listCustomers({ search: localPhone });
    expect(byPhone.items.map((c) => c.id)).toEqual([target.id]);

    const verified3 = await client.listCustomers({ kycStatus: 'VERIFIED', trustLevel: 'LEVEL_3', limit: 100 });
    expect(verified3.items.length).toBeGreaterThan(0);
    expect(verified3.items.every((c) => c.kycStatus === 'VERIFIED' && c.trustLevel === 'LEVEL_3')).toBe(true);
  });

  it('gets one customer with totals and recent payments', async () => {
    const expected = customerWithPayments();
    const customer = await client.getCustomer(expected.id);
    expect(customer).toMatchObject({
      id: expected.id,
      fullName: expected.fullName,
      email: expected.email,
      phone: expected.phone,
      kycStatus: expected.kycStatus,
      trustLevel: expected.trustLevel,
      totalPayments: expected.totalPayments,
      totalAmount: expected.totalAmount,
      isBlocked: expected.isBlocked,
    });
    expect(customer.recentPayments.map((p) => p.id)).toEqual(expected.payments.slice(0, 5).map((p) => p.id));
    const [first] = expected.payments;
    expect(customer.recentPayments[0]).toEqual({ id: first!.id, invoiceNumber: first!.invoiceNumber, amount: first!.amount, status: first!.status, paidAt: first!.paidAt });
  });

  it('checks a customer by phone written the Russian way and by e-mail', async () => {
    const expected = sandbox.data.customers.find((c) => c.kycStatus === 'VERIFIED')!;
    const byPhone = await client.checkCustomer({ phone: `8${expected.phone.slice(2)}` });
    expect(byPhone).toMatchObject({ exists: true, kycVerified: true });
    expect(byPhone.customer?.id).toBe(expected.id);
    const byEmail = await client.checkCustomer({ email: expected.email.toUpperCase() });
    expect(byEmail.customer?.id).toBe(expected.id);
    const nobody = await client.checkCustomer({ email: 'nobody@example.com' });
    expect(nobody).toMatchObject({ exists: false, kycVerified: false, customer: null });
  });

  it('gets a rejected receipt with bank, payment type, confidence and the rejection reason', async () => {
    const expected = rejectedReceipt();
    const receipt = await client.getReceipt(expected.id);
    expect(receipt.status).toBe('REJECTED');
    expect(receipt.invoiceId).toBe(expected.invoiceId);
    expect(receipt.imageUrl).toMatch(/^https:\/\/storage\.loveandpay\.io\/receipts\/.+\.jpg$/);
    expect(['Сбербанк', 'Т-Банк', 'Альфа-Банк', 'ВТБ']).toContain(receipt.verificationDetails!.bank);
    expect(['СБП', 'перевод по номеру карты']).toContain(receipt.verificationDetails!.paymentType);
    expect(receipt.verificationDetails!.rejectionReason).toBe(expected.verificationDetails!.rejectionReason);
    expect(receipt.verifiedAmount).toBeNull();
  });

  it('gets an approved receipt whose verified amount equals its invoice amount', async () => {
    const expected = sandbox.data.receipts.find((r) => r.status === 'APPROVED')!;
    const receipt = await client.getReceipt(expected.id);
    const invoice = await client.getInvoice(receipt.invoiceId!);
    expect(receipt.verifiedAmount).toBe(invoice.amount);
    expect(receipt.verificationDetails!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(invoice).toMatchObject({ currency: 'RUB', status: 'PAID' });
    expect(invoice.invoiceNumber).toMatch(/^INV-\d{4}-\d{6}$/);
  });
});

/** Every client method, called with a valid argument; `id` ones also get a crafted id. */
const methods: Array<{ name: string; call: (id?: string) => Promise<unknown>; takesId: boolean }> = [
  { name: 'listKycSessions', call: () => client.listKycSessions({ limit: 3 }), takesId: false },
  { name: 'getKycSession', call: (id) => client.getKycSession(id ?? approved().id), takesId: true },
  { name: 'listCustomers', call: () => client.listCustomers({ limit: 3 }), takesId: false },
  { name: 'getCustomer', call: (id) => client.getCustomer(id ?? customerWithPayments().id), takesId: true },
  { name: 'checkCustomer', call: () => client.checkCustomer({ email: sandbox.data.customers[0]!.email }), takesId: false },
  { name: 'getReceipt', call: (id) => client.getReceipt(id ?? rejectedReceipt().id), takesId: true },
  { name: 'getInvoice', call: (id) => client.getInvoice(id ?? sandbox.data.invoices[0]!.id), takesId: true },
];

describe.each(methods)('LoveAndPayClient.$name', ({ call }) => {
  it('fails as auth with INVALID_SIGNATURE when signed with the wrong secret', async () => {
    const wrong = providersFor(sandbox, { loveandpaySecret: 'sk_test_wrong' });
    const error = await rejectionOf(callWith(wrong.loveandpay, call));
    await wrong.close();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'loveandpay', kind: 'auth', status: 401, code: 'INVALID_SIGNATURE' });
    expect(error.requestId).toMatch(/^req_/);
    expect(served()).toBe(1);
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    sandbox.control.rateLimitBurst('loveandpay', 1, 1);
    const started = Date.now();
    await expect(call()).resolves.toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(served()).toBe(2);
  });

  it('gives up as unavailable after exactly 3 attempts when every answer is a 500', async () => {
    sandbox.control.failRate('loveandpay', 1);
    const error = await rejectionOf(call());
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, code: 'INTERNAL_ERROR', attempts: 3 });
    expect(served()).toBe(3);
  });

  it('reports a timeout when the provider answers slower than the request timeout', async () => {
    sandbox.control.setLatency('loveandpay', 2_000);
    const impatient = providersFor(sandbox, { requestMs: SHORT_TIMEOUT_MS });
    const error = await rejectionOf(callWith(impatient.loveandpay, call));
    await impatient.close();
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: SHORT_TIMEOUT_MS });
    expect(served()).toBe(3);
  });

  it('reports invalid_response for a 200 answer with broken JSON', async () => {
    sandbox.control.malformedNext('loveandpay', 1);
    const error = await rejectionOf(call());
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(served()).toBe(1);
  });
});

describe.each(methods.filter((m) => m.takesId))('LoveAndPayClient.$name with an id', ({ call }) => {
  it("answers not_found for an unknown id, from live's bare 404 {\"error\":\"Not found\"}, with the header's request id", async () => {
    const error = await rejectionOf(call(MISSING));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, code: undefined, message: 'Not found' });
    expect(error.requestId).toMatch(/^req_[0-9a-f]{20}$/);
  });

  it('rejects crafted ids before any request is made', async () => {
    for (const crafted of ['../customers', '..%2Fcustomers', `${MISSING}/../../customers`, `${MISSING}?status=APPROVED`]) {
      await expect(call(crafted)).rejects.toBeInstanceOf(InvalidIdError);
    }
    expect(served()).toBe(0);
  });
});

describe('LoveAndPayClient session refs, for the reconciliation walk', () => {
  it('lists the same sessions as listKycSessions and reads each in full on demand', async () => {
    const refs = await client.listKycSessionRefs({ status: 'APPROVED', limit: 20, offset: 0 });
    const full = await client.listKycSessions({ status: 'APPROVED', limit: 20, offset: 0 });
    expect(refs.items.map((ref) => [ref.id, ref.status])).toEqual(full.items.map((session) => [session.id, session.status]));
    expect(refs.pagination).toEqual(full.pagination);
    expect(refs.items.map((ref) => client.readKycSession(ref))).toEqual(full.items);
  });

  it('refuses a list whose session has no id or whose total is missing, naming the field and never its value', async () => {
    const answers = [
      { body: { success: true, data: [{ id: MISSING, status: 'APPROVED' }, { status: 'APPROVED', customerEmail: 'ann@example.com' }], pagination: { total: 2 } }, field: 'data.1.id' },
      { body: { success: true, data: [{ id: MISSING, status: 'APPROVED' }], pagination: { limit: 100 } }, field: 'pagination.total' },
    ];
    for (const { body, field } of answers) {
      const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const broken = new LoveAndPayClient({ baseUrl: `http://127.0.0.1:${port}/api/v2`, apiKey: 'lp_test', secretKey: 'lp_secret' });
        const error = await rejectionOf(broken.listKycSessionRefs({ status: 'APPROVED' }));
        expect(error).toMatchObject({ provider: 'loveandpay', kind: 'invalid_response' });
        expect(error.message).toContain(field);
        expect(error.message).not.toContain('ann@example.com');
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  });

  it('reports a session of the wrong shape as invalid_response only when it is read', async () => {
    const [ref] = (await client.listKycSessionRefs({ status: 'APPROVED', limit: 1 })).items;
    const broken = { ...ref!, createdAt: 42 };
    const error = (() => {
      try {
        client.readKycSession(broken);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('invalid_response');
    expect((error as ProviderError).message).toContain('createdAt');
  });
});

describe('LoveAndPayClient input that users type', () => {
  it('rejects a crafted invoice filter before any request is made', async () => {
    await expect(client.listKycSessions({ invoiceId: '../customers' })).rejects.toBeInstanceOf(InvalidIdError);
    expect(served()).toBe(0);
  });

  it('keeps hostile search text inside the search parameter', async () => {
    const page = await client.listCustomers({ search: '../customers?kycStatus=VERIFIED&x=' });
    expect(page.items).toEqual([]);
    expect(page.pagination.total).toBe(0);
  });

  it('reads the flat error shape with its code and the x-request-id header', async () => {
    const wrong = providersFor(sandbox, { loveandpaySecret: 'sk_test_wrong' });
    const error = await rejectionOf(wrong.loveandpay.listKycSessions());
    await wrong.close();
    expect(error.code).toBe('INVALID_SIGNATURE');
    // The flat shape's message and hint, joined.
    expect(error.message).toContain('signature does not match');
    expect(error.message).toContain('HMAC-SHA256');
    expect(error.requestId).toMatch(/^req_/);
  });

  it('reads the nested error shape of a validation error', async () => {
    const error = await rejectionOf(client.listKycSessions({ limit: 101 }));
    expect(error).toMatchObject({ kind: 'bad_request', status: 400, code: 'VALIDATION_ERROR' });
    expect(error.message).toContain('limit');
    expect(error.requestId).toMatch(/^req_/);
  });

  it('reads the flat RATE_LIMIT_EXCEEDED answer when Retry-After is longer than the client waits', async () => {
    sandbox.control.rateLimitBurst('loveandpay', 1, 120);
    const error = await rejectionOf(client.listKycSessions());
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, code: 'RATE_LIMIT_EXCEEDED', retryAfterMs: 120_000 });
    expect(served()).toBe(1);
  });
});

/** Calls the same method on another client instance (wrong secret, short timeout). */
function callWith(other: LoveAndPayClient, call: () => Promise<unknown>): Promise<unknown> {
  const saved = client;
  client = other;
  try {
    return call();
  } finally {
    client = saved;
  }
}
