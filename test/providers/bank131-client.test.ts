import { beforeAll, describe, expect, it } from 'vitest';
import { checkOutcome, decidingAnswer, type Bank131Client } from '../../src/providers/bank131/client.js';
import { createProviders } from '../../src/providers/index.js';
import { InvalidIdError, ProviderError } from '../../src/providers/errors.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { SHORT_TIMEOUT_MS, providersFor, rejectionOf, useSandboxedProviders } from './fixture.js';

const shared = useSandboxedProviders(11);
let sandbox: Sandbox;
let client: Bank131Client;

beforeAll(() => {
  sandbox = shared.sandbox;
  client = shared.providers.bank131;
});

const served = () => sandbox.control.requestCount('bank131');
const checkWith = (code: string) => sandbox.data.checks.find((c) => (c.errorCode ?? c.status) === code)!;

describe('Bank131Client.getCheck against the Bank 131 emulator', () => {
  it('reads an ok check with its participant reference', async () => {
    const expected = checkWith('ok');
    const result = await client.getCheck(expected.id);
    expect(result).toEqual({
      id: expected.id,
      status: 'ok',
      description: 'valid',
      participantReference: expected.participantReference,
      error: null,
      earlierCheckId: null,
      earlier: null,
    });
    expect(checkOutcome(result)).toEqual({ outcome: 'APPROVED', native: 'ok' });
  });

  it('reads a pending check', async () => {
    const result = await client.getCheck(checkWith('pending').id);
    expect(result).toMatchObject({ status: 'pending', description: 'Check in progress', error: null });
    expect(checkOutcome(result).outcome).toBe('PENDING');
  });

  it.each(['passport_validation_failure', 'inn_validation_failure'])('reads %s as the verdict DECLINED', async (code) => {
    const result = await client.getCheck(checkWith(code).id);
    expect(result.status).toBe('error');
    expect(result.error).toEqual({ code, description: 'Passport, inn validation failure' });
    expect(result.earlierCheckId).toBeNull();
    expect(checkOutcome(result)).toEqual({ outcome: 'DECLINED', native: 'error' });
  });

  it('reads already_exists by reading the earlier check it points at, once', async () => {
    const expected = checkWith('already_exists');
    const earlier = sandbox.data.checks.find((c) => c.id === expected.earlierCheckId)!;
    const result = await client.getCheck(expected.id);
    expect(result.error).toEqual({ code: 'already_exists', description: 'Request with the same data already exists' });
    expect(result.earlierCheckId).toBe(expected.earlierCheckId);
    expect(result.earlier).toMatchObject({ answer: { id: earlier.id, status: earlier.status } });
    expect(checkOutcome(result).native).toBe(earlier.status);
    expect(served()).toBe(2);
  });

  it('follows already_exists one step only, so two checks pointing at each other cannot loop', async () => {
    const [a, b] = sandbox.data.checks.filter((c) => c.status === 'ok').slice(-2);
    sandbox.control.setCheck(a!.id, 'error', 'already_exists', b!.id);
    sandbox.control.setCheck(b!.id, 'error', 'already_exists', a!.id);
    const result = await client.getCheck(a!.id);
    expect(served()).toBe(2);
    expect(decidingAnswer(result)).toBeNull();
    expect(checkOutcome(result)).toEqual({ outcome: 'UNKNOWN', native: 'already_exists' });
  });

  it('answers not_found with request_not_found for an unknown id', async () => {
    const error = await rejectionOf(client.getCheck('987654321'));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'bank131', kind: 'not_found', code: 'request_not_found' });
  });

  it('fails as auth with partner_project_not_found for a wrong project', async () => {
    const wrong = providersFor(sandbox, { bank131Project: 'someone-else' });
    const error = await rejectionOf(wrong.bank131.getCheck(checkWith('ok').id));
    await wrong.close();
    expect(error).toMatchObject({ kind: 'auth', code: 'partner_project_not_found' });
    expect(served()).toBe(1);
  });

  it('fails with invalid_sign as a fault of the request, never as a verdict', async () => {
    const error = await rejectionOf(client.getCheck(checkWith('invalid_sign').id));
    expect(error).toMatchObject({ kind: 'bad_request', code: 'invalid_sign' });
  });

  it('reads an HTTP 404 as a wrong address, not as an unknown check', async () => {
    const wrong = providersFor(sandbox);
    const misplaced = createProviders({ bank131: { baseUrl: sandbox.urls.bank131.replace('/api/v1.1', '/api/v2.0'), project: sandbox.credentials.bank131Project } });
    const error = await rejectionOf(misplaced.bank131!.getCheck(checkWith('ok').id));
    await Promise.all([wrong.close(), misplaced.close()]);
    expect(error).toMatchObject({ kind: 'bad_request', code: 'wrong_address', status: 404 });
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    sandbox.control.rateLimitBurst('bank131', 1, 1);
    const started = Date.now();
    await expect(client.getCheck(checkWith('ok').id)).resolves.toMatchObject({ status: 'ok' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(served()).toBe(2);
  });

  it('gives up as unavailable after exactly 3 attempts when every answer is a 500', async () => {
    sandbox.control.failRate('bank131', 1);
    const error = await rejectionOf(client.getCheck(checkWith('ok').id));
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, code: 'internal_error', attempts: 3 });
    expect(served()).toBe(3);
  });

  it('recovers when only every other answer is a 500', async () => {
    sandbox.control.failRate('bank131', 0.5);
    for (let i = 0; i < 4; i += 1) await expect(client.getCheck(checkWith('ok').id)).resolves.toMatchObject({ status: 'ok' });
    // Answers 2, 4 and 6 fail and are retried once each: seven requests for four lookups.
    expect(served()).toBe(7);
  });

  it('reports a timeout when the bank answers slower than the request timeout', async () => {
    sandbox.control.setLatency('bank131', 2_000);
    const impatient = providersFor(sandbox, { requestMs: SHORT_TIMEOUT_MS });
    const error = await rejectionOf(impatient.bank131.getCheck(checkWith('ok').id));
    await impatient.close();
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: SHORT_TIMEOUT_MS });
    expect(served()).toBe(3);
  });

  it('reports invalid_response for a 200 answer with broken JSON', async () => {
    sandbox.control.malformedNext('bank131', 1);
    const error = await rejectionOf(client.getCheck(checkWith('ok').id));
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect(served()).toBe(1);
  });

  it('rejects crafted ids before any request is made', async () => {
    for (const crafted of ['../customers', '7/../../v1.1/check/8', '7?x=1', '%2F', '-1', '']) {
      await expect(client.getCheck(crafted)).rejects.toBeInstanceOf(InvalidIdError);
    }
    expect(served()).toBe(0);
  });

  it('sees a check change when the sandbox resolves it', async () => {
    const pending = checkWith('pending');
    sandbox.control.setCheck(pending.id, 'error', 'inn_validation_failure');
    await expect(client.getCheck(pending.id)).resolves.toMatchObject({ status: 'error', error: { code: 'inn_validation_failure' } });
  });
});
