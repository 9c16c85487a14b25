/**
 * Each layer of the provider HTTP client on its own, around a scripted Call
 * instead of the network: what it adds, and what it leaves to the others.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError, type ProviderErrorDetails } from '../../src/providers/errors.js';
import { compose, type Call, type ProviderRequest, type ProviderResponse } from '../../src/providers/http/call.js';
import { withAuth } from '../../src/providers/http/with-auth.js';
import { withHttpErrors } from '../../src/providers/http/with-http-errors.js';
import type { RequestObservation } from '../../src/domain/provider-request.js';
import { withObserve } from '../../src/providers/http/with-observe.js';
import { withRetry } from '../../src/providers/http/with-retry.js';
import { withValidation } from '../../src/providers/http/with-validation.js';
import type { RetryPolicy } from '../../src/providers/retry-policy.js';
import { rejectionOf } from './fixture.js';

const request = (overrides: Partial<ProviderRequest> = {}): ProviderRequest => ({
  provider: 'loveandpay',
  endpoint: 'GET /kyc/sessions/:id',
  method: 'GET',
  url: new URL('https://api.example.test/api/v2/kyc/sessions/1'),
  body: '',
  headers: { accept: 'application/json' },
  ...overrides,
});

const answer = (status: number, body: unknown, headers: ProviderResponse['headers'] = {}): ProviderResponse => ({
  status,
  headers,
  requestId: headerText(headers['x-request-id']),
  text: typeof body === 'string' ? body : JSON.stringify(body),
  attempts: 1,
});

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const failure = (details: Partial<ProviderErrorDetails>) =>
  new ProviderError({ provider: 'loveandpay', kind: 'unavailable', message: 'scripted', ...details });

/** A Call that plays its script, one step per attempt, and keeps the requests it was given. */
function scripted(...steps: Array<ProviderResponse | Error>) {
  const seen: ProviderRequest[] = [];
  const call: Call = async (sent) => {
    seen.push(sent);
    const step = steps[Math.min(seen.length, steps.length) - 1]!;
    if (step instanceof Error) throw step;
    return step;
  };
  return { call, seen };
}

const POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, retryAfterCapMs: 5_000 };

function retried(policy: RetryPolicy = POLICY) {
  const waits: number[] = [];
  const layer = withRetry(policy, async (ms) => void waits.push(ms));
  return { layer, waits };
}

describe('withAuth', () => {
  it('asks the authenticator again for every attempt, over the static headers', async () => {
    const { call, seen } = scripted(failure({ status: 503 }), failure({ status: 503 }), answer(200, {}));
    let signed = 0;
    const { layer } = retried();
    await compose(layer, withAuth(({ method, url }) => ({ 'x-signature': `${method} ${url.pathname} #${++signed}` })))(call)(request());
    expect(seen.map((sent) => sent.headers)).toEqual([1, 2, 3].map((n) => ({ accept: 'application/json', 'x-signature': `GET /api/v2/kyc/sessions/1 #${n}` })));
  });
});

describe('withRetry', () => {
  it('waits the Retry-After the provider asked for, then tries again', async () => {
    const { call, seen } = scripted(failure({ kind: 'rate_limited', status: 429, retryAfterMs: 1_500 }), answer(200, {}));
    const { layer, waits } = retried();
    const response = await layer(call)(request());
    expect(waits).toEqual([1_500]);
    expect(seen).toHaveLength(2);
    expect(response.attempts).toBe(2);
  });

  it('does not wait out a Retry-After over the cap: the error leaves at once, with its attempts', async () => {
    const { call, seen } = scripted(failure({ kind: 'rate_limited', status: 429, retryAfterMs: 60_000 }));
    const { layer, waits } = retried();
    const error = await rejectionOf(layer(call)(request()));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000, attempts: 1 });
    expect(waits).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('backs off exponentially without Retry-After and gives up after maxAttempts', async () => {
    const { call, seen } = scripted(failure({ kind: 'timeout' }));
    const { layer, waits } = retried();
    const error = await rejectionOf(layer(call)(request()));
    expect(error).toMatchObject({ kind: 'timeout', attempts: 3 });
    expect(seen).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeLessThanOrEqual(200);
  });

  it.each([
    ['a POST', request({ method: 'POST', body: '{}' }), failure({ status: 500 })],
    ['a 4xx', request(), failure({ kind: 'bad_request', status: 422 })],
    ['a too_large answer', request(), failure({ kind: 'too_large', status: 503, limitBytes: 10 })],
  ])('never retries %s', async (_what, sent, error) => {
    const { call, seen } = scripted(error);
    const { layer, waits } = retried();
    await expect(layer(call)(sent)).rejects.toMatchObject({ kind: error.kind, attempts: 1 });
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('lets an error that is not a ProviderError through untouched', async () => {
    const bug = new TypeError('a bug');
    const { call, seen } = scripted(bug);
    await expect(retried().layer(call)(request())).rejects.toBe(bug);
    expect(seen).toHaveLength(1);
  });
});

describe('withHttpErrors', () => {
  const typed = (response: ProviderResponse) => withHttpErrors((body) => (body as { error: ProviderErrorDetails }).error)(scripted(response).call)(request());

  it('types a non-2xx answer by status, with the code, message and request id from its body over the header', async () => {
    const body = { error: { code: 'INVALID_SIGNATURE', message: 'Invalid signature', requestId: 'req_body' } };
    const error = await rejectionOf(typed(answer(401, body, { 'x-request-id': 'req_header' })));
    expect(error).toMatchObject({ kind: 'auth', status: 401, code: 'INVALID_SIGNATURE', message: 'Invalid signature', requestId: 'req_body' });
  });

  it('keeps Retry-After for a 429 and names a body that is not JSON by its status', async () => {
    await expect(typed(answer(429, 'slow down', { 'retry-after': '2', 'x-request-id': 'req_h' }))).rejects.toMatchObject({
      kind: 'rate_limited',
      message: 'HTTP 429',
      retryAfterMs: 2_000,
      requestId: 'req_h',
    });
  });

  it('passes a 2xx answer on as it came', async () => {
    const ok = answer(204, '');
    await expect(typed(ok)).resolves.toBe(ok);
  });
});

describe('withValidation', () => {
  const schema = z.looseObject({ session: z.looseObject({ status: z.enum(['APPROVED', 'DECLINED']) }) });

  it('names the field that broke the shape, never its value', async () => {
    const response = { ...answer(200, { session: { status: 'ivan.petrov@example.com' } }, { 'x-request-id': 'req_1' }), attempts: 2 };
    const error = await rejectionOf(withValidation()(scripted(response).call)(request({ schema })));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200, requestId: 'req_1', attempts: 2 });
    expect(error.message).toContain('session.status');
    expect(error.message).not.toContain('ivan.petrov');
  });

  it('fails an answer that is not JSON, and hands on the parsed value as data', async () => {
    await expect(withValidation()(scripted(answer(200, '<html>')).call)(request({ schema }))).rejects.toMatchObject({
      kind: 'invalid_response',
      message: 'the answer to GET /kyc/sessions/:id was not JSON',
    });
    const response = await withValidation()(scripted(answer(200, { session: { status: 'APPROVED' }, extra: 1 })).call)(request({ schema }));
    expect(response.data).toEqual({ session: { status: 'APPROVED' }, extra: 1 });
  });
});

describe('withObserve', () => {
  it('reports each logical request once, after its retries, with the final result', async () => {
    const seen: RequestObservation[] = [];
    const { call } = scripted(failure({ status: 500 }), answer(200, {}), failure({ kind: 'not_found', status: 404 }));
    const client = compose(withObserve((o) => seen.push(o)), retried().layer)(call);
    await client(request());
    await rejectionOf(client(request()));
    expect(seen.map(({ provider, endpoint, result, attempts }) => ({ provider, endpoint, result, attempts }))).toEqual([
      { provider: 'loveandpay', endpoint: 'GET /kyc/sessions/:id', result: 'ok', attempts: 2 },
      { provider: 'loveandpay', endpoint: 'GET /kyc/sessions/:id', result: 'not_found', attempts: 1 },
    ]);
    expect(seen.every((o) => o.durationMs >= 0)).toBe(true);
  });
});
