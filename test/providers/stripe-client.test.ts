import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidIdError, ProviderError } from '../../src/providers/errors.js';
import type { StripeIdentityClient } from '../../src/providers/stripe/client.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { SHORT_TIMEOUT_MS, providersFor, rejectionOf, useSandboxedProviders } from './fixture.js';

const shared = useSandboxedProviders(5);
let sandbox: Sandbox;
let client: StripeIdentityClient;

beforeAll(() => {
  sandbox = shared.sandbox;
  client = shared.providers.stripe;
});

const served = () => sandbox.control.requestCount('stripe');
const failed = () => sandbox.data.stripeSessions.find((s) => s.last_error?.code === 'selfie_face_mismatch')!;

describe('StripeIdentityClient against the Stripe emulator', () => {
  it('lists verification sessions newest first, ten by default, with has_more', async () => {
    const page = await client.listVerificationSessions();
    expect(page.items.map((s) => s.id)).toEqual(sandbox.data.stripeSessions.slice(0, 10).map((s) => s.id));
    expect(page.hasMore).toBe(true);
    expect(page.items.every((s) => /^vs_[A-Za-z0-9]+$/.test(s.id))).toBe(true);
  });

  it('filters by status, creation time and client reference', async () => {
    const verified = await client.listVerificationSessions({ status: 'verified', limit: 100 });
    expect(verified.items.length).toBe(sandbox.data.stripeSessions.filter((s) => s.status === 'verified').length);
    expect(verified.items.every((s) => s.status === 'verified' && s.last_error === null)).toBe(true);

    const middle = sandbox.data.stripeSessions[20]!.created;
    const recent = await client.listVerificationSessions({ created: { gte: middle }, limit: 100 });
    expect(recent.items.length).toBe(sandbox.data.stripeSessions.filter((s) => s.created >= middle).length);
    const older = await client.listVerificationSessions({ created: { lt: middle }, limit: 100 });
    expect(recent.items.length + older.items.length).toBe(sandbox.data.stripeSessions.length);

    const target = failed();
    const byReference = await client.listVerificationSessions({ clientReferenceId: target.client_reference_id!, limit: 100 });
    expect(byReference.items.map((s) => s.id)).toContain(target.id);
  });

  it('pages forward with starting_after and back with ending_before', async () => {
    const first = await client.listVerificationSessions({ limit: 3 });
    const second = await client.listVerificationSessions({ limit: 3, startingAfter: first.items.at(-1)!.id });
    expect(second.items.map((s) => s.id)).toEqual(sandbox.data.stripeSessions.slice(3, 6).map((s) => s.id));
    const back = await client.listVerificationSessions({ limit: 3, endingBefore: second.items[0]!.id });
    expect(back.items.map((s) => s.id)).toEqual(first.items.map((s) => s.id));
    expect(back.hasMore).toBe(false);
  });

  it('gets a session that needs input again, with the last error code and reason', async () => {
    const expected = failed();
    const session = await client.getVerificationSession(expected.id);
    expect(session).toMatchObject({
      id: expected.id,
      status: 'requires_input',
      client_reference_id: expected.client_reference_id,
      last_error: { code: 'selfie_face_mismatch', reason: expected.last_error!.reason },
      created: expected.created,
    });
    expect(session.url).toMatch(/^https:\/\/verify\.stripe\.com\//);
  });

  it('lists the event a status change produced, by type and created[gt]', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const processing = sandbox.data.stripeSessions.find((s) => s.status === 'processing')!;
    sandbox.control.setStripeStatus(processing.id, 'verified');
    const events = await client.listEvents({ types: ['identity.verification_session.verified'], created: { gt: since } });
    expect(events.items).toHaveLength(1);
    expect(events.items[0]).toMatchObject({
      type: 'identity.verification_session.verified',
      data: { object: { id: processing.id, status: 'verified' } },
    });
    const other = await client.listEvents({ types: ['identity.verification_session.canceled'], created: { gt: since } });
    expect(other.items).toEqual([]);
  });

  it('answers not_found with resource_missing for an unknown session', async () => {
    const error = await rejectionOf(client.getVerificationSession('vs_1DoesNotExist0000000000'));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'stripe', kind: 'not_found', status: 404, code: 'resource_missing' });
    expect(error.message).toContain('No such verificationsession');
    expect(error.requestId).toMatch(/^req_/);
  });
});

const methods: Array<{ name: string; call: (c: StripeIdentityClient) => Promise<unknown> }> = [
  { name: 'listVerificationSessions', call: (c) => c.listVerificationSessions({ limit: 5 }) },
  { name: 'getVerificationSession', call: (c) => c.getVerificationSession(failed().id) },
  { name: 'listEvents', call: (c) => c.listEvents({ types: ['identity.verification_session.verified'], limit: 5 }) },
];

describe.each(methods)('StripeIdentityClient.$name', ({ call }) => {
  it('fails as auth with a wrong secret key', async () => {
    const wrong = providersFor(sandbox, { stripeKey: 'sk_test_wrong0000000000000' });
    const error = await rejectionOf(call(wrong.stripe));
    await wrong.close();
    expect(error).toMatchObject({ kind: 'auth', status: 401, code: 'invalid_request_error' });
    expect(error.message).toContain('Invalid API Key');
    expect(error.message).not.toContain('sk_test_wrong0000000000000');
    expect(served()).toBe(1);
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    sandbox.control.rateLimitBurst('stripe', 1, 1);
    const started = Date.now();
    await expect(call(client)).resolves.toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(served()).toBe(2);
  });

  it('gives up as unavailable after exactly 3 attempts when every answer is a 500', async () => {
    sandbox.control.failRate('stripe', 1);
    const error = await rejectionOf(call(client));
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, code: 'api_error', attempts: 3 });
    expect(served()).toBe(3);
  });

  it('reports a timeout when Stripe answers slower than the request timeout', async () => {
    sandbox.control.setLatency('stripe', 2_000);
    const impatient = providersFor(sandbox, { requestMs: SHORT_TIMEOUT_MS });
    const error = await rejectionOf(call(impatient.stripe));
    await impatient.close();
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: SHORT_TIMEOUT_MS });
    expect(served()).toBe(3);
  });

  it('reports invalid_response for a 200 answer with broken JSON', async () => {
    sandbox.control.malformedNext('stripe', 1);
    const error = await rejectionOf(call(client));
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect(served()).toBe(1);
  });
});

describe('StripeIdentityClient input that users type', () => {
  it('rejects crafted session ids and cursors before any request is made', async () => {
    for (const crafted of ['../customers', 'vs_1../../v1/events', 'vs_abc?status=verified', 'cus_123', '']) {
      await expect(client.getVerificationSession(crafted)).rejects.toBeInstanceOf(InvalidIdError);
    }
    await expect(client.listVerificationSessions({ startingAfter: '../x' })).rejects.toBeInstanceOf(InvalidIdError);
    await expect(client.listEvents({ endingBefore: 'evt_1&limit=100' })).rejects.toBeInstanceOf(InvalidIdError);
    expect(served()).toBe(0);
  });
});
