import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderHttpClient } from '../../src/providers/http.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { rejectionOf } from './fixture.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.resetRequestCount();
});

const checkSchema = z.looseObject({ status: z.string() });

/** The shared client on its own, pointed at the Bank 131 emulator (the simplest authentication). */
function bankClient(retry: { baseDelayMs?: number; retryAfterCapMs?: number } = {}, requestMs = 5_000) {
  return new ProviderHttpClient({
    provider: 'bank131',
    baseUrl: sandbox.urls.bank131,
    authenticate: () => ({ 'X-PARTNER-PROJECT': sandbox.credentials.bank131Project }),
    timeouts: { requestMs },
    retry: { baseDelayMs: 5, ...retry },
  });
}

const okCheck = () => sandbox.data.checks.find((c) => c.status === 'ok')!.id;

describe('ProviderHttpClient retry policy', () => {
  it('fails at once as rate_limited when Retry-After is longer than the cap', async () => {
    sandbox.control.rateLimitBurst('bank131', 5, 60);
    const client = bankClient({ retryAfterCapMs: 10_000 });
    const started = Date.now();
    const error = await rejectionOf(client.get({ endpoint: 'GET /check/:id', path: `/check/${okCheck()}`, schema: checkSchema }));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 60_000, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(sandbox.control.requestCount('bank131')).toBe(1);
  });

  it('honours a Retry-After within the cap and succeeds on the next attempt', async () => {
    sandbox.control.rateLimitBurst('bank131', 1, 1);
    const started = Date.now();
    const body = await bankClient().get({ endpoint: 'GET /check/:id', path: `/check/${okCheck()}`, schema: checkSchema });
    expect(body.status).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.control.requestCount('bank131')).toBe(2);
  });

  it('never retries a POST, even on a 500', async () => {
    sandbox.control.failRate('bank131', 1);
    const error = await rejectionOf(
      bankClient().request({
        method: 'POST',
        endpoint: 'POST /check/:id',
        path: `/check/${okCheck()}`,
        body: '{}',
        schema: checkSchema,
      }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, attempts: 1 });
    expect(sandbox.control.requestCount('bank131')).toBe(1);
  });

  it('refuses a path that would start a query or a fragment, climb a level or hold what a URL path cannot, before any request', async () => {
    const check = okCheck();
    for (const path of [`/check/${check}?status=ok`, `/check/${check}#top`, `/check/../check/${check}`, `/check/./${check}`, `/check/${check} x`, 'check', `/check/%2e%2E/${check}`, `/check/.%2e/${check}`, `/check/${check}%`, `/check/${check}%zz`]) {
      await expect(bankClient().get({ endpoint: 'GET /check/:id', path, schema: checkSchema })).rejects.toThrow('may not hold ? or #');
    }
    expect(sandbox.control.requestCount('bank131')).toBe(0);
  });

  it('never retries a POST that timed out', async () => {
    sandbox.control.setLatency('bank131', 2_000);
    const error = await rejectionOf(
      bankClient({}, 200).request({ method: 'POST', endpoint: 'POST /check/:id', path: `/check/${okCheck()}`, body: '{}', schema: checkSchema }),
    );
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
    expect(sandbox.control.requestCount('bank131')).toBe(1);
  });

  it('does not retry a 4xx answer', async () => {
    const client = new ProviderHttpClient({
      provider: 'bank131',
      baseUrl: sandbox.urls.bank131,
      authenticate: () => ({}),
      retry: { baseDelayMs: 5 },
    });
    const error = await rejectionOf(client.get({ endpoint: 'GET /check/:id', path: `/check/${okCheck()}`, schema: checkSchema }));
    expect(error).toMatchObject({ kind: 'bad_request', status: 422, attempts: 1 });
    expect(sandbox.control.requestCount('bank131')).toBe(1);
  });

  it('reports an answer of the wrong shape as invalid_response naming the field, not its value', async () => {
    const strict = z.looseObject({ status: z.literal('approved-only') });
    const error = await rejectionOf(bankClient().get({ endpoint: 'GET /check/:id', path: `/check/${okCheck()}`, schema: strict }));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('status');
    expect(sandbox.control.requestCount('bank131')).toBe(1);
  });

  it('reports every observed request once, after its retries', async () => {
    const seen: Array<{ result: string; attempts: number }> = [];
    sandbox.control.failRate('bank131', 0.5);
    const client = new ProviderHttpClient({
      provider: 'bank131',
      baseUrl: sandbox.urls.bank131,
      authenticate: () => ({ 'X-PARTNER-PROJECT': sandbox.credentials.bank131Project }),
      retry: { baseDelayMs: 5 },
      observe: (o) => seen.push({ result: o.result, attempts: o.attempts }),
    });
    await client.get({ endpoint: 'GET /check/:id', path: `/check/${okCheck()}`, schema: checkSchema });
    await client.get({ endpoint: 'GET /check/:id', path: `/check/${okCheck()}`, schema: checkSchema });
    expect(seen).toEqual([
      { result: 'ok', attempts: 1 },
      { result: 'ok', attempts: 2 },
    ]);
  });
});
