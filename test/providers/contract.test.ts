/**
 * The contract: what the providers' docs say they send
 * (test/fixtures/providers/). The real clients must read every documented
 * answer, and our emulators must send exactly the documented keys, so the
 * emulator can never again drift into a shape only our own tests believe in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signLoveAndPay } from '../../src/providers/loveandpay/sign.js';
import { ProviderError } from '../../src/providers/errors.js';
import type { Providers } from '../../src/providers/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startContractServer, type ContractServer } from '../support/contract-server.js';
import { keyPaths, unionShape } from '../support/json-shape.js';
import { allFixtures, fixture, fixturesFor, type ProviderFixture } from '../support/provider-fixtures.js';

const UUID = '550e8400-e29b-41d4-a716-446655440000';

describe('the real clients read every documented answer', () => {
  let server: ContractServer;
  let clients: Required<Omit<Providers, 'close'>>;
  beforeAll(async () => {
    server = await startContractServer();
    clients = server.providers() as Required<Omit<Providers, 'close'>>;
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  /** The client call that reads one endpoint, and a fact of the answer to check it was read. */
  const CALLS: Record<string, (clients: Required<Omit<Providers, 'close'>>) => Promise<unknown>> = {
    'loveandpay GET /kyc/sessions': (c) => c.loveandpay.listKycSessions(),
    'loveandpay GET /kyc/sessions/:id': (c) => c.loveandpay.getKycSession(UUID),
    'loveandpay GET /customers': (c) => c.loveandpay.listCustomers(),
    'loveandpay GET /customers/:id': (c) => c.loveandpay.getCustomer(UUID),
    'loveandpay GET /customers/check': (c) => c.loveandpay.checkCustomer({ email: 'client@example.com' }),
    'loveandpay GET /receipts/:id': (c) => c.loveandpay.getReceipt(UUID),
    'loveandpay GET /invoices/:id': (c) => c.loveandpay.getInvoice(UUID),
    'bank131 GET /check/:id': (c) => c.bank131.getCheck('12'),
    'stripe GET /v1/identity/verification_sessions': (c) => c.stripe.listVerificationSessions(),
    'stripe GET /v1/identity/verification_sessions/:id': (c) => c.stripe.getVerificationSessionDetails('vs_1NuN2mLkdIwHu7ixSH8bh0Pn'),
    'stripe GET /v1/events': (c) => c.stripe.listEvents(),
  };

  /** Bank 131 answers that are faults of the request or setup: read as the error they are, never as a check. */
  const FAULTS: Record<string, { kind: string; code: string }> = {
    'check-invalid-sign': { kind: 'bad_request', code: 'invalid_sign' },
    'check-request-not-found': { kind: 'not_found', code: 'request_not_found' },
    'check-partner-project-not-found': { kind: 'auth', code: 'partner_project_not_found' },
  };

  const answers = allFixtures().filter((each) => each.endpoint !== 'error');
  it.each(answers.map((each) => [`${each.provider}/${each.name}`, each] as const))('reads %s', async (_name, documented) => {
    server.serve(documented.provider, documented.endpoint, documented);
    const call = CALLS[`${documented.provider} ${documented.endpoint}`];
    expect(call, `a client call for ${documented.endpoint}`).toBeDefined();
    const fault = FAULTS[documented.name];
    if (fault) {
      const error = await call!(clients).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject(fault);
      return;
    }
    await expect(call!(clients)).resolves.toBeTruthy();
  });

  const errors: Array<[string, ProviderFixture, { kind: string; code?: string }]> = [
    ['loveandpay/error-not-found', fixture('loveandpay', 'error-not-found'), { kind: 'not_found' }],
    ['loveandpay/error-nested', fixture('loveandpay', 'error-nested'), { kind: 'auth', code: 'INVALID_SIGNATURE' }],
    ['loveandpay/error-flat', fixture('loveandpay', 'error-flat'), { kind: 'rate_limited', code: 'RATE_LIMIT_EXCEEDED' }],
    ['stripe/error-resource-missing', fixture('stripe', 'error-resource-missing'), { kind: 'not_found', code: 'resource_missing' }],
  ];
  it.each(errors)('reads the error %s as the error it is', async (_name, documented, expected) => {
    const call =
      documented.provider === 'stripe'
        ? () => clients.stripe.getVerificationSession('vs_1NuNAILkdIwHu7ixh7OtGMLx')
        : () => clients.loveandpay.getReceipt(UUID);
    server.serve(documented.provider, documented.provider === 'stripe' ? 'GET /v1/identity/verification_sessions/:id' : 'GET /receipts/:id', documented);
    const error = await call().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject(expected);
  });

  it('reads the fields each documented answer carries', async () => {
    server.serve('loveandpay', 'GET /customers/:id', fixture('loveandpay', 'customer'));
    const customer = await clients.loveandpay.getCustomer(UUID);
    expect(customer.recentPayments[0]).toMatchObject({ invoiceNumber: 'INV-2024-0042', amount: 5000, status: 'PAID', paidAt: '2024-01-20T15:30:00.000Z' });

    server.serve('loveandpay', 'GET /customers/check', fixture('loveandpay', 'customer-check-found'));
    const check = await clients.loveandpay.checkCustomer({ phone: '+79991234567' });
    expect(check).toMatchObject({ exists: true, kycVerified: true, customer: { fullName: 'Иван Иванов', trustLevel: 'LEVEL_2', totalPayments: 5 } });

    server.serve('stripe', 'GET /v1/identity/verification_sessions/:id', fixture('stripe', 'verification-session-expanded'));
    const session = await clients.stripe.getVerificationSessionDetails('vs_1NuN2mLkdIwHu7ixSH8bh0Pn');
    expect(session.verified_outputs).toMatchObject({ first_name: 'Ivan', dob: { year: 1990 }, address: { city: 'Moscow' } });
    expect(session.last_verification_report).toMatchObject({ document: { type: 'passport', status: 'verified' }, selfie: { status: 'verified' } });
  });

  it('reads the documented session list the same way through the reconciliation’s hand-checked refs', async () => {
    server.serve('loveandpay', 'GET /kyc/sessions', fixture('loveandpay', 'kyc-sessions'));
    const full = await clients.loveandpay.listKycSessions({ status: 'APPROVED' });
    const refs = await clients.loveandpay.listKycSessionRefs({ status: 'APPROVED' });

    expect(full.items.length).toBeGreaterThan(0);
    expect(refs.items.map((ref) => [ref.id, ref.status])).toEqual(full.items.map((session) => [session.id, session.status]));
    expect(refs.pagination).toEqual(full.pagination);
    expect(refs.items.map((ref) => clients.loveandpay.readKycSession(ref))).toEqual(full.items);
  });

  it('sends content-type: application/json on every Love&Pay and Bank 131 request, GET included', async () => {
    server.serve('loveandpay', 'GET /receipts/:id', fixture('loveandpay', 'receipt'));
    server.serve('bank131', 'GET /check/:id', fixture('bank131', 'check-ok'));
    await clients.loveandpay.getReceipt(UUID);
    await clients.bank131.getCheck('7');
    expect(server.requests.map((request) => [request.provider, request.headers['content-type']])).toEqual([
      ['loveandpay', 'application/json'],
      ['bank131', 'application/json'],
    ]);
  });
});

describe('the emulators send exactly the documented keys', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 12, customers: 60 });
  });
  afterAll(() => sandbox.close());

  async function loveAndPay(pathAndQuery: string): Promise<unknown> {
    const url = new URL(sandbox.urls.loveandpay + pathAndQuery);
    const timestamp = String(Date.now());
    const signature = signLoveAndPay({ secretKey: sandbox.credentials.loveandpaySecretKey, method: 'GET', path: url.pathname, timestamp, body: '' });
    const headers = { 'x-api-key': sandbox.credentials.loveandpayApiKey, 'x-timestamp': timestamp, 'x-signature': signature };
    return (await fetch(url, { headers })).json();
  }
  async function bank131(id: string, project = sandbox.credentials.bank131Project): Promise<unknown> {
    return (await fetch(`${sandbox.urls.bank131}/check/${id}`, { headers: { 'x-partner-project': project } })).json();
  }
  async function stripe(pathAndQuery: string): Promise<unknown> {
    return (await fetch(sandbox.urls.stripe + pathAndQuery, { headers: { authorization: `Bearer ${sandbox.credentials.stripeSecretKey}` } })).json();
  }

  /** One of each kind the seed has: every status, with and without the optional parts. */
  const oneOfEach = <T>(items: readonly T[], kindOf: (item: T) => string): T[] => [
    ...new Map(items.map((item) => [kindOf(item), item] as const)).values(),
  ];

  /** Free-form maps whose keys belong to the merchant or the session's options, not to the contract. */
  const FREE_FORM = new Set(['metadata', 'options']);

  const compare = (documented: readonly unknown[], emulated: readonly unknown[]) => ({
    emulator: keyPaths(unionShape(emulated), '', FREE_FORM).sort(),
    docs: keyPaths(unionShape(documented), '', FREE_FORM).sort(),
  });

  const bodies = (provider: ProviderFixture['provider'], endpoint: string) => fixturesFor(provider, endpoint).map((each) => each.body);

  const ENDPOINTS: Array<[string, () => ReturnType<typeof bodies>, () => Promise<unknown[]>]> = [
    ['Love&Pay GET /kyc/sessions', () => bodies('loveandpay', 'GET /kyc/sessions'), async () => [await loveAndPay('/kyc/sessions?limit=100')]],
    [
      'Love&Pay GET /kyc/sessions/{id}',
      () => bodies('loveandpay', 'GET /kyc/sessions/:id'),
      () => Promise.all(oneOfEach(sandbox.data.sessions, (s) => s.status).map((s) => loveAndPay(`/kyc/sessions/${s.id}`))),
    ],
    ['Love&Pay GET /customers', () => bodies('loveandpay', 'GET /customers'), async () => [await loveAndPay('/customers?limit=100')]],
    [
      'Love&Pay GET /customers/{id}',
      () => bodies('loveandpay', 'GET /customers/:id'),
      () =>
        Promise.all(
          oneOfEach(sandbox.data.customers, (c) => `${c.kycStatus} ${c.payments.length > 0}`).map((c) => loveAndPay(`/customers/${c.id}`)),
        ),
    ],
    [
      'Love&Pay GET /customers/check',
      () => bodies('loveandpay', 'GET /customers/check'),
      async () => [
        await loveAndPay(`/customers/check?email=${encodeURIComponent(sandbox.data.customers[0]!.email)}`),
        await loveAndPay('/customers/check?phone=%2B70000000000'),
      ],
    ],
    [
      'Love&Pay GET /receipts/{id}',
      () => bodies('loveandpay', 'GET /receipts/:id'),
      () =>
        Promise.all(
          oneOfEach(sandbox.data.receipts.filter((r) => r.verificationDetails), (r) => `${r.status} ${Boolean(r.verificationDetails?.rejectionReason)}`).map((r) =>
            loveAndPay(`/receipts/${r.id}`),
          ),
        ),
    ],
    [
      'Love&Pay GET /invoices/{id}',
      () => bodies('loveandpay', 'GET /invoices/:id'),
      () => Promise.all(oneOfEach(sandbox.data.invoices, (i) => i.status).map((i) => loveAndPay(`/invoices/${i.id}`))),
    ],
    [
      "Love&Pay's 404 for an unknown record",
      () => [fixture('loveandpay', 'error-not-found').body],
      async () => [await loveAndPay('/customers/00000000-0000-4000-8000-000000000000')],
    ],
    [
      'Bank 131 GET /check/{id}',
      () => bodies('bank131', 'GET /check/:id'),
      async () => [
        ...(await Promise.all(oneOfEach(sandbox.data.checks, (c) => `${c.status} ${c.errorCode}`).map((c) => bank131(c.id)))),
        await bank131('999999'),
        await bank131('1', 'no-such-project'),
      ],
    ],
    [
      'Stripe GET /v1/identity/verification_sessions',
      () => bodies('stripe', 'GET /v1/identity/verification_sessions'),
      async () => [await stripe('/v1/identity/verification_sessions?limit=100')],
    ],
    [
      'Stripe GET /v1/identity/verification_sessions/{id}, plain and expanded',
      () => bodies('stripe', 'GET /v1/identity/verification_sessions/:id'),
      () =>
        Promise.all(
          oneOfEach(sandbox.data.stripeSessions, (s) => `${s.status} ${s.last_error?.code.slice(0, 6)}`).flatMap((s) => [
            stripe(`/v1/identity/verification_sessions/${s.id}`),
            stripe(
              `/v1/identity/verification_sessions/${s.id}?expand[]=verified_outputs&expand[]=verified_outputs.dob&expand[]=last_verification_report`,
            ),
          ]),
        ),
    ],
    ['Stripe GET /v1/events', () => bodies('stripe', 'GET /v1/events'), async () => [await stripe('/v1/events?limit=100')]],
    [
      "Stripe's error for an unknown session",
      () => [fixture('stripe', 'error-resource-missing').body],
      async () => [await stripe('/v1/identity/verification_sessions/vs_1NuNAILkdIwHu7ixh7OtGMLx')],
    ],
  ];

  it.each(ENDPOINTS)('%s', async (_endpoint, documented, emulated) => {
    const { emulator, docs } = compare(documented(), await emulated());
    expect(emulator).toEqual(docs);
  });

  it('covers every endpoint the clients call', () => {
    const documented = new Set(allFixtures().map((each) => `${each.provider} ${each.endpoint}`));
    expect([...documented].filter((endpoint) => !endpoint.endsWith(' error')).sort()).toEqual([
      'bank131 GET /check/:id',
      'loveandpay GET /customers',
      'loveandpay GET /customers/:id',
      'loveandpay GET /customers/check',
      'loveandpay GET /invoices/:id',
      'loveandpay GET /kyc/sessions',
      'loveandpay GET /kyc/sessions/:id',
      'loveandpay GET /receipts/:id',
      'stripe GET /v1/events',
      'stripe GET /v1/identity/verification_sessions',
      'stripe GET /v1/identity/verification_sessions/:id',
    ]);
  });
});
