import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { useSandboxedProviders, type SandboxedProviders } from '../providers/fixture.js';
import { waitFor } from '../support/wait-for.js';

const shared = useSandboxedProviders(51);
let sandbox: Sandbox;
let providers: SandboxedProviders['providers'];

beforeAll(() => {
  ({ sandbox, providers } = shared);
});

async function post(path: string, body: unknown, method = 'POST') {
  const response = await fetch(`${sandbox.urls.stripe}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('sandbox control API', () => {
  it('approving a session fills its verification and verifies its customer', async () => {
    const open = sandbox.data.sessions.find((s) => s.status === 'IN_PROGRESS')!;
    sandbox.control.setSessionStatus(open.id, 'APPROVED');
    const session = await providers.loveandpay.getKycSession(open.id);
    expect(session.status).toBe('APPROVED');
    expect(session.verification?.documentNumber).toMatch(/^\*{4}\d{4}$/);
    const customer = await providers.loveandpay.getCustomer(open.customerId);
    expect(customer.kycStatus).toBe('VERIFIED');
    expect(customer.kycVerifiedAt).toBe(session.verification?.verifiedAt);
    const approved = await providers.loveandpay.listKycSessions({ status: 'APPROVED', limit: 100 });
    expect(approved.pagination.total).toBe(sandbox.data.sessions.filter((s) => s.status === 'APPROVED').length);
  });

  it('adds new sessions at the top of the list', async () => {
    const before = sandbox.data.sessions.length;
    const added = sandbox.control.addSessions(3);
    expect(added.every((s) => s.status === 'IN_PROGRESS')).toBe(true);
    const page = await providers.loveandpay.listKycSessions({ limit: 3 });
    expect(page.items.map((s) => s.id)).toEqual(added.map((s) => s.id));
    expect(page.pagination.total).toBe(before + 3);
  });

  it('renames a customer everywhere the name is shown, hostile characters kept as they are', async () => {
    const approved = sandbox.data.sessions.find((s) => s.status === 'APPROVED')!;
    const hostile = '<b>Иван</b> *Петров* _@channel_ </code>';
    sandbox.control.setCustomerName(approved.customerId, hostile);
    expect((await providers.loveandpay.getCustomer(approved.customerId)).fullName).toBe(hostile);
    expect((await providers.loveandpay.getKycSession(approved.id)).verification?.fullName).toBe(hostile);
  });

  it('creates or changes a Bank 131 check, pointing already_exists at an earlier check', async () => {
    sandbox.control.setCheck('900001', 'pending');
    await expect(providers.bank131.getCheck('900001')).resolves.toMatchObject({ status: 'pending' });
    sandbox.control.setCheck('900001', 'error', 'already_exists');
    const result = await providers.bank131.getCheck('900001');
    expect(result.error?.code).toBe('already_exists');
    expect(Number(result.earlierCheckId)).toBeLessThan(900001);
  });

  it('counts every request attempt per provider, but not control calls', async () => {
    sandbox.control.failRate('loveandpay', 1);
    await expect(providers.loveandpay.listKycSessions()).rejects.toMatchObject({ kind: 'unavailable' });
    await providers.bank131.getCheck(sandbox.data.checks.find((c) => c.status === 'ok')!.id);
    await post('/demo-tick', {});
    expect(sandbox.control.requestCount('loveandpay')).toBe(3);
    expect(sandbox.control.requestCount('bank131')).toBe(1);
    expect(sandbox.control.requestCount('stripe')).toBe(0);
    expect(sandbox.control.requestCount()).toBe(4);
  });

  it('applies faults to every provider at once', async () => {
    sandbox.control.malformedNext('all', 1);
    await expect(providers.loveandpay.listKycSessions()).rejects.toMatchObject({ kind: 'invalid_response' });
    await expect(providers.stripe.listVerificationSessions()).rejects.toMatchObject({ kind: 'invalid_response' });
    await expect(providers.bank131.getCheck(sandbox.data.checks[0]!.id)).rejects.toMatchObject({ kind: 'invalid_response' });
    await expect(providers.stripe.listVerificationSessions()).resolves.toBeTruthy();
  });

  it('demo tick moves open verifications to final statuses and reports each move', () => {
    const transitions = sandbox.control.demoTick();
    const final = transitions.filter((t) => ['APPROVED', 'DECLINED', 'verified', 'requires_input', 'ok', 'error'].includes(t.to));
    expect(new Set(final.map((t) => t.provider))).toEqual(new Set(['loveandpay', 'stripe', 'bank131']));
    for (const t of transitions.filter((t) => t.provider === 'loveandpay')) {
      expect(sandbox.data.sessions.find((s) => s.id === t.id)!.status).toBe(t.to);
    }
  });
});

describe('sandbox control over HTTP', () => {
  it('changes a Love&Pay session and a Stripe session through /_sandbox/sessions/{id}/status', async () => {
    const lp = sandbox.data.sessions.find((s) => s.status === 'NOT_STARTED')!;
    expect((await post(`/sessions/${lp.id}/status`, { status: 'DECLINED' })).status).toBe(200);
    expect((await providers.loveandpay.getKycSession(lp.id)).status).toBe('DECLINED');
    const vs = sandbox.data.stripeSessions.find((s) => s.status === 'processing')!;
    await post(`/sessions/${vs.id}/status`, { status: 'requires_input', lastErrorCode: 'consent_declined' });
    expect((await providers.stripe.getVerificationSession(vs.id)).last_error?.code).toBe('consent_declined');
  });

  it('injects and clears faults through /_sandbox/faults', async () => {
    await post('/faults', { provider: 'bank131', failShare: 1, failStatus: 503 });
    await expect(providers.bank131.getCheck('1')).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    await post('/faults', undefined, 'DELETE');
    await expect(providers.bank131.getCheck('1')).resolves.toBeTruthy();
    const counted = await fetch(`${sandbox.urls.stripe}/_sandbox/requests?provider=bank131`).then((r) => r.json());
    expect(counted).toEqual({ count: 4 });
  });

  it('explains a bad control call with 400 and a message', async () => {
    const unknown = await post('/sessions/00000000-0000-4000-8000-000000000000/status', { status: 'APPROVED' });
    expect(unknown).toEqual({ status: 400, body: { error: 'no Love&Pay session 00000000-0000-4000-8000-000000000000' } });
    const noStatus = await post(`/checks/1`, {});
    expect(noStatus.status).toBe(400);
    expect((await post('/nothing', {})).status).toBe(404);
  });
});

describe('sandbox demo clock', () => {
  let clocked: Sandbox | undefined;
  afterEach(() => clocked?.close());

  it('moves open sessions to a final status on its own', async () => {
    clocked = await startSandbox({ seed: 52, demoClock: true, demoIntervalMs: 20 });
    const open = clocked.data.sessions.filter((s) => s.status === 'IN_PROGRESS').at(-1)!;
    await waitFor(() => ['APPROVED', 'DECLINED'].includes(open.status), { timeoutMs: 3_000 });
    expect(clocked.data.sessions.find((s) => s.id === open.id)!.status).toMatch(/^(APPROVED|DECLINED)$/);
  });
});
