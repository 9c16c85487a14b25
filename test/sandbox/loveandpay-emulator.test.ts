import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21 });
});
afterAll(() => sandbox.close());

/** Signs independently of src/providers (DESIGN.md formula) and sends the request with fetch. */
async function call(
  pathAndQuery: string,
  options: { method?: string; timestamp?: number; secret?: string; apiKey?: string; signPath?: string; omit?: string } = {},
) {
  const url = new URL(sandbox.urls.loveandpay + pathAndQuery);
  const method = options.method ?? 'GET';
  const timestamp = String(options.timestamp ?? Date.now());
  const bodyHash = createHash('sha256').update('').digest('hex');
  const signature = createHmac('sha256', options.secret ?? sandbox.credentials.loveandpaySecretKey)
    .update(method + (options.signPath ?? url.pathname) + timestamp + bodyHash)
    .digest('hex');
  const headers: Record<string, string> = {
    'x-api-key': options.apiKey ?? sandbox.credentials.loveandpayApiKey,
    'x-timestamp': timestamp,
    'x-signature': signature,
  };
  if (options.omit) delete headers[options.omit];
  const response = await fetch(url, { method, headers });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as any };
}

describe('Love&Pay emulator authentication', () => {
  it('accepts a request signed as the docs describe', async () => {
    const { status, body, requestId } = await call('/kyc/sessions?limit=1');
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(requestId).toMatch(/^req_/);
  });

  it.each(['x-api-key', 'x-timestamp', 'x-signature'])('refuses a request without %s as MISSING_HEADERS', async (header) => {
    const { status, body } = await call('/kyc/sessions', { omit: header });
    expect(status).toBe(401);
    expect(body).toMatchObject({ code: 'MISSING_HEADERS', error: 'Missing required headers' });
  });

  it('refuses an unknown api key', async () => {
    const { status, body } = await call('/kyc/sessions', { apiKey: 'pk_test_unknown' });
    expect(status).toBe(401);
    expect(body.code).toBe('INVALID_API_KEY');
  });

  it('refuses a timestamp more than 5 minutes off, either way, as TIMESTAMP_EXPIRED', async () => {
    for (const skew of [-5 * 60_000 - 5_000, 5 * 60_000 + 5_000]) {
      const { status, body } = await call('/kyc/sessions', { timestamp: Date.now() + skew });
      expect(status).toBe(401);
      expect(body.code).toBe('TIMESTAMP_EXPIRED');
    }
    const close = await call('/kyc/sessions', { timestamp: Date.now() - 4 * 60_000 });
    expect(close.status).toBe(200);
  });

  it('refuses a timestamp in seconds instead of milliseconds', async () => {
    const { body } = await call('/kyc/sessions', { timestamp: Math.floor(Date.now() / 1000) });
    expect(body.code).toBe('TIMESTAMP_EXPIRED');
  });

  it('refuses a signature made with the wrong secret, or over the path with its query string', async () => {
    const wrongSecret = await call('/kyc/sessions', { secret: 'sk_test_wrong' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toMatchObject({ code: 'INVALID_SIGNATURE', error: 'Invalid signature' });
    expect(wrongSecret.body.hint).toContain('HMAC-SHA256');
    const withQuery = await call('/kyc/sessions?limit=2', { signPath: '/api/v2/kyc/sessions?limit=2' });
    expect(withQuery.body.code).toBe('INVALID_SIGNATURE');
    const withoutPrefix = await call('/kyc/sessions', { signPath: '/kyc/sessions' });
    expect(withoutPrefix.body.code).toBe('INVALID_SIGNATURE');
  });
});

describe('Love&Pay emulator lists', () => {
  it('pages sessions 50 at a time by default, newest first', async () => {
    const { body } = await call('/kyc/sessions');
    expect(body.data).toHaveLength(50);
    expect(body.pagination).toEqual({ total: 300, limit: 50, offset: 0, pages: 6 });
    const last = await call('/kyc/sessions?limit=100&offset=250');
    expect(last.body.data.map((s: { id: string }) => s.id)).toEqual(sandbox.data.sessions.slice(250).map((s) => s.id));
  });

  it('answers a bad limit, offset or filter with the nested VALIDATION_ERROR carrying the request id', async () => {
    for (const query of ['limit=101', 'limit=0', 'limit=ten', 'offset=-1', 'status=approved', 'invoiceId=42']) {
      const { status, body, requestId } = await call(`/kyc/sessions?${query}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', requestId } });
    }
    const customers = await call('/customers?trustLevel=LEVEL_9');
    expect(customers.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('leaves detail-only fields out of list items', async () => {
    const { body } = await call('/kyc/sessions?status=APPROVED&limit=1');
    const [session] = body.data;
    expect(session.verificationUrl).toBeUndefined();
    expect(session.verification.documentNumber).toBeUndefined();
    expect(session.verification.fullName).toMatch(/[А-Я]/);
    const detail = await call(`/kyc/sessions/${session.id}`);
    expect(detail.body.session.verification.documentNumber).toMatch(/^\*{4}\d{4}$/);
    expect(detail.body.session.verificationUrl).toMatch(/^https:/);
  });

  it('searches customers by part of a name regardless of case and ё', async () => {
    const target = sandbox.data.customers.find((c) => c.fullName.includes('ё')) ?? sandbox.data.customers[0]!;
    const part = target.fullName.split(' ')[1]!.slice(0, 5).toLowerCase().replace(/ё/g, 'е');
    const { body } = await call(`/customers?search=${encodeURIComponent(part)}&limit=100`);
    expect(body.data.map((c: { id: string }) => c.id)).toContain(target.id);
  });

  it('checks a customer and refuses a check without phone or email', async () => {
    const target = sandbox.data.customers[3]!;
    const { body } = await call(`/customers/check?phone=${encodeURIComponent(target.phone)}`);
    expect(body).toMatchObject({ success: true, exists: true, customer: { id: target.id } });
    const neither = await call('/customers/check');
    expect(neither.status).toBe(400);
    expect(neither.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('shows a customer with at most five recent payments, newest first', async () => {
    const target = [...sandbox.data.customers].sort((a, b) => b.payments.length - a.payments.length)[0]!;
    expect(target.payments.length).toBeGreaterThan(5);
    const { body } = await call(`/customers/${target.id}`);
    expect(body.customer.recentPayments).toHaveLength(5);
    expect(Object.keys(body.customer.recentPayments[0]).sort()).toEqual(['amount', 'id', 'invoiceNumber', 'paidAt', 'status']);
    expect(body.customer.recentPayments.map((p: { id: string }) => p.id)).toEqual(target.payments.slice(0, 5).map((p) => p.id));
    expect(body.customer.person).toBeUndefined();
  });
});

describe('Love&Pay emulator errors', () => {
  it("answers an unknown record as live does: a bare 404 {\"error\":\"Not found\"}", async () => {
    for (const path of ['/kyc/sessions', '/customers', '/receipts', '/invoices']) {
      const { status, body, requestId } = await call(`${path}/00000000-0000-4000-8000-000000000000`);
      expect(status).toBe(404);
      expect(body).toEqual({ error: 'Not found' });
      expect(requestId).toMatch(/^req_/);
    }
  });

  it('answers an unknown route with the flat shape', async () => {
    const { status, body } = await call('/payouts');
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: 'Not found', code: 'NOT_FOUND' });
    expect(body.success).toBeUndefined();
  });

  it('treats an encoded path inside an id as a bad id, not as another route', async () => {
    const { status, body } = await call('/kyc/sessions/..%2F..%2Fcustomers');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'id must be a UUID' });
  });
});
