import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 31, stripeSessions: 60 });
});
afterAll(() => sandbox.close());

async function get(pathAndQuery: string, authorization: string | null = `Bearer ${sandbox.credentials.stripeSecretKey}`) {
  const response = await fetch(sandbox.urls.stripe + pathAndQuery, {
    headers: authorization ? { authorization, 'stripe-version': '2024-06-20' } : {},
  });
  return { status: response.status, requestId: response.headers.get('request-id'), body: (await response.json()) as any };
}

const ids = (body: { data: Array<{ id: string }> }) => body.data.map((item) => item.id);

describe('Stripe emulator', () => {
  it('refuses a request without a key and one with a wrong key, without echoing the key', async () => {
    const missing = await get('/v1/identity/verification_sessions', null);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error' });
    expect(missing.body.error.message).toContain('You did not provide an API key');
    const wrong = await get('/v1/identity/verification_sessions', 'Bearer sk_test_0123456789abcdefWXYZ');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Invalid API Key provided: sk_test_****WXYZ');
  });

  it('accepts the secret key as a Basic username, as curl -u sends it', async () => {
    const basic = Buffer.from(`${sandbox.credentials.stripeSecretKey}:`).toString('base64');
    expect((await get('/v1/identity/verification_sessions?limit=1', `Basic ${basic}`)).status).toBe(200);
  });

  it('answers a list with object, url, has_more and a request-id header', async () => {
    const { body, requestId } = await get('/v1/identity/verification_sessions?limit=2');
    expect(body).toMatchObject({ object: 'list', url: '/v1/identity/verification_sessions', has_more: true });
    expect(body.data).toHaveLength(2);
    expect(body.data[0].object).toBe('identity.verification_session');
    expect(body.data[0].verified_outputs).toBeUndefined();
    expect(requestId).toMatch(/^req_/);
  });

  it('walks back from the end with ending_before until has_more is false', async () => {
    const all = sandbox.data.stripeSessions.map((s) => s.id);
    const seen: string[] = [];
    let before = all.at(-1)!;
    seen.unshift(before);
    for (;;) {
      const { body } = await get(`/v1/identity/verification_sessions?limit=7&ending_before=${before}`);
      seen.unshift(...ids(body));
      if (!body.has_more) break;
      before = body.data[0].id;
    }
    expect(seen).toEqual(all);
  });

  it('refuses both cursors at once, an unknown cursor and a limit over 100', async () => {
    const [a, b] = sandbox.data.stripeSessions;
    const both = await get(`/v1/identity/verification_sessions?starting_after=${a!.id}&ending_before=${b!.id}`);
    expect(both.status).toBe(400);
    const unknown = await get('/v1/identity/verification_sessions?starting_after=vs_1unknown');
    expect(unknown.body.error).toMatchObject({ code: 'resource_missing', param: 'starting_after' });
    const big = await get('/v1/identity/verification_sessions?limit=101');
    expect(big.body.error).toMatchObject({ type: 'invalid_request_error', param: 'limit' });
    const status = await get('/v1/identity/verification_sessions?status=approved');
    expect(status.body.error.param).toBe('status');
  });

  it('filters by exact created and by an open range', async () => {
    const target = sandbox.data.stripeSessions[5]!;
    const exact = await get(`/v1/identity/verification_sessions?limit=100&created=${target.created}`);
    expect(ids(exact.body)).toContain(target.id);
    expect(exact.body.data.every((s: { created: number }) => s.created === target.created)).toBe(true);
    const range = await get(`/v1/identity/verification_sessions?limit=100&created[gt]=${target.created}`);
    expect(ids(range.body)).toEqual(
      sandbox.data.stripeSessions.filter((s) => s.created > target.created).map((s) => s.id),
    );
  });

  it('expands verified_outputs on request, with the name in Cyrillic, and the date of birth only when named', async () => {
    const verified = sandbox.data.stripeSessions.find((s) => s.status === 'verified')!;
    const { body } = await get(`/v1/identity/verification_sessions/${verified.id}?expand[]=verified_outputs`);
    expect(body.verified_outputs.first_name).toMatch(/^[А-ЯЁ]/);
    expect(body.verified_outputs.dob).toBeNull();
    const sensitive = await get(`/v1/identity/verification_sessions/${verified.id}?expand[]=verified_outputs&expand[]=verified_outputs.dob`);
    expect(sensitive.body.verified_outputs.dob.year).toBeGreaterThan(1900);
  });

  it('expands last_verification_report into the report: a selfie mismatch fails the selfie check', async () => {
    const failed = sandbox.data.stripeSessions.find((s) => s.last_error?.code === 'selfie_face_mismatch')!;
    const { body } = await get(`/v1/identity/verification_sessions/${failed.id}?expand[]=last_verification_report`);
    expect(body.last_verification_report).toMatchObject({
      id: failed.last_verification_report,
      object: 'identity.verification_report',
      document: { status: 'verified', type: 'passport' },
      selfie: { status: 'unverified', error: { code: 'selfie_face_mismatch' } },
      verification_session: failed.id,
    });
  });

  it('produces one event per status change, filterable by types[] and created[gt]', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const waiting = sandbox.data.stripeSessions.find((s) => s.status === 'requires_input' && !s.last_error)!;
    sandbox.control.setStripeStatus(waiting.id, 'processing');
    sandbox.control.setStripeStatus(waiting.id, 'requires_input', 'document_expired');
    const { body } = await get(
      `/v1/events?created[gt]=${since}&types[]=identity.verification_session.requires_input&types[]=identity.verification_session.processing`,
    );
    expect(body.data.map((e: { type: string }) => e.type)).toEqual([
      'identity.verification_session.requires_input',
      'identity.verification_session.processing',
    ]);
    expect(body.data[0].data.object.last_error).toMatchObject({ code: 'document_expired' });
    expect(body.data[1].data.object.last_error).toBeNull();
    const wildcard = await get(`/v1/events?created[gt]=${since}&type=identity.verification_session.*`);
    expect(wildcard.body.data).toHaveLength(2);
  });

  it('answers an unknown session with resource_missing and an unknown route with 404', async () => {
    const missing = await get('/v1/identity/verification_sessions/vs_1nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
    const route = await get('/v1/customers');
    expect(route.status).toBe(404);
    expect(route.body.error.message).toContain('Unrecognized request URL');
  });
});
